"""The answers an analyst can print: the evidence horizon on the bundled statement, sources as they are, data as known then."""

from __future__ import annotations

import json

import pytest

import ceasefire
from ceasefire import Status, Tracker, bundled

SILENT = (Status.COMPLIED, Status.PENDING, Status.OVERDUE)


@pytest.fixture(scope="module")
def seeds_only() -> Tracker:
    """The bundled statement with the five seed articles and nothing else."""
    return Tracker(bundled.agreement(), bundled.seed_events())


def test_seeds_say_nothing_of_october_2023(seeds_only: Tracker) -> None:
    """On 1 October 2023 the seeds cannot support complied, pending or overdue; the two reported handovers stay fulfilled."""
    report = seeds_only.status_on("2023-10-01")
    for obligation_id in ("1.ceasefire", "6.corridor-safety", "6.lachin"):
        assert report[obligation_id].status not in SILENT, obligation_id
        assert report[obligation_id].status is Status.UNMONITORED
    assert report["2.aghdam"].status is Status.FULFILLED
    assert report["6.kalbajar"].status is Status.FULFILLED
    assert report["6.lachin"].horizon is not None and report["6.lachin"].horizon.last_known is Status.PENDING


def test_seeds_still_answer_inside_their_coverage(seeds_only: Tracker) -> None:
    """Inside the seeds' coverage the early answers stand: the ceasefire complied on 20 November, Kalbajar pending on the 16th."""
    assert seeds_only.status_on("2020-11-20")["1.ceasefire"].status is Status.COMPLIED
    assert seeds_only.status_on("2020-11-16")["6.kalbajar"].status is Status.PENDING


def test_status_table_says_where_the_evidence_ends(seeds_only: Tracker) -> None:
    """The report, its Markdown and its JSON say where the evidence ends and mark each row beyond it."""
    from ceasefire.render.export import to_json, to_markdown

    report = seeds_only.status_on("2023-10-01")
    assert report.evidence_ends is not None and report.evidence_ends.date().isoformat() == "2020-12-01"
    text = to_markdown(report)
    assert "The loaded evidence ends at end of 2020-12-01 (Asia/Baku)" in text
    assert "| 6.lachin | unmonitored by the loaded evidence (watched only to the end of 2020-12-01 (Asia/Baku), when it was pending) |" in text


    parsed = json.loads(to_json(report))
    assert parsed["coverage"][0]["inferred"] is False and parsed["coverage"][0]["end"].startswith("2020-12-01")
    lachin = next(o for o in parsed["obligations"] if o["obligation_id"] == "6.lachin")
    assert lachin["horizon"] == {"evidence_ends": lachin["horizon"]["evidence_ends"], "last_known": "pending", "inferred": False}


def test_data_under_a_cut_off_lists_only_what_was_published(seeds_only: Tracker) -> None:
    """StatusReport.data under known_on counts only the records published by then."""
    everything = seeds_only.status_on("2020-12-01").data[0]
    early = seeds_only.status_on("2020-12-01", known_on="2020-11-20").data[0]
    assert early.events < everything.events
    assert early.newest is not None and early.newest.date().isoformat() <= "2020-11-20"


def test_paraphrase_is_marked_and_the_note_reaches_explain() -> None:
    """A citation marked as a paraphrase is shown as one, with its note, and never checked against a file."""
    log = ceasefire.parse_events(
        {
            "zone": "Asia/Baku",
            "covers": {"from": "2020-11-10", "to": "2020-12-31"},
            "sources": [{"id": "web", "title": "A web page", "published": "2020-12-01", "url": "https://example.org/a", "read": "2026-11-29"}],
            "events": [
                {
                    "id": "lachin",
                    "kind": "handover",
                    "summary": "Lachin is handed over.",
                    "occurred": "2020-12-01",
                    "links": [{"obligation": "6.lachin", "role": "fulfils"}],
                    "sources": [{"source": "web", "quote": "Lachin was handed over that day", "paraphrase": True, "note": "our summary of the second paragraph"}],
                }
            ],
        }
    )
    result = Tracker(bundled.agreement(), log).obligation_on("6.lachin", "2020-12-02")
    assert result.status is Status.FULFILLED
    cited = result.sources[0]
    assert cited.paraphrase and cited.read is not None and cited.url == "https://example.org/a"
    text = result.explain()
    assert "(paraphrase) Lachin was handed over that day" in text and "our summary of the second paragraph" in text
