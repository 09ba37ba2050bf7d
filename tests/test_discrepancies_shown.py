"""Where sources differ on a fact of an event, every surface that explains a status shows each side, as known at the cut-off."""

from __future__ import annotations

import json

import pytest

from ceasefire import Tracker, bundled, parse_events
from ceasefire.render.export import to_json
from ceasefire.render.report import render_report

EVENTS = {
    "zone": "Asia/Baku",
    "sources": [
        {"id": "early", "title": "Early wire", "published": "2020-12-01"},
        {"id": "late", "title": "Ministry statement", "published": "2020-12-05", "kind": "party", "speaks_for": "AM"},
    ],
    "events": [{
        "id": "test.lachin-entry", "kind": "handover", "summary": "Units enter the Lachin district.", "occurred": "2020-12-01",
        "sources": [{"source": "early", "quote": "Units entered Lachin."}],
        "links": [{"obligation": "6.lachin", "role": "fulfils"}],
        "discrepancies": [{"about": "hour of entry", "note": "The wire and the ministry give different hours.", "claims": [
            {"value": "dawn", "citation": {"source": "early", "quote": "at dawn"}},
            {"value": "noon", "citation": {"source": "late", "quote": "around midday", "paraphrase": True}},
        ]}],
    }],
}


@pytest.fixture(scope="module")
def tracker() -> Tracker:
    return Tracker(bundled.agreement(), parse_events(EVENTS))


def test_each_side_is_shown_with_its_source(tracker: Tracker) -> None:
    item = tracker.obligation_on("6.lachin", "2020-12-06")
    (found,) = item.evidence[0].discrepancies
    assert found.about == "hour of entry" and [(v, c.source_id) for v, c in found.claims] == [("dawn", "early"), ("noon", "late")]
    text = item.explain()
    assert 'sources differ on hour of entry for test.lachin-entry: dawn (early: "at dawn"); noon (late [claim of AM]: (paraphrase) around midday)' in text
    html = item.evidence_html()
    assert "Sources differ on hour of entry." in html and "(paraphrase) around midday" in html
    page = render_report(tracker, "2020-12-06", chart=False)
    assert "Sources differ on hour of entry." in page


def test_a_claim_not_yet_published_is_not_shown(tracker: Tracker) -> None:
    """As known on 2 December, only the wire had spoken: there is no disagreement to show yet, and the report shows none either."""
    item = tracker.obligation_on("6.lachin", "2020-12-06", known_on="2020-12-02")
    assert item.evidence[0].discrepancies == ()
    assert "sources differ" not in item.explain()
    page = render_report(tracker, "2020-12-06", known_on="2020-12-02", chart=False)
    assert "Sources differ on hour of entry" not in page and "around midday" not in page


def test_the_cli_explanation_lists_the_sides(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import yaml
    from click.testing import CliRunner

    from ceasefire.cli import main

    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump(EVENTS), encoding="utf-8")
    out = CliRunner().invoke(main, ["explain", "6.lachin", "--on", "2020-12-06", "--events", str(path)]).output
    assert "    sources differ on hour of entry: The wire and the ministry give different hours." in out
    assert '      dawn: "at dawn" (early)' in out
    assert "      noon: (paraphrase) around midday (late [claim of AM])" in out


def test_the_json_export_carries_them(tracker: Tracker) -> None:
    document = json.loads(to_json(tracker.status_on("2020-12-06")))
    evidence = next(o for o in document["obligations"] if o["obligation_id"] == "6.lachin")["evidence"][0]
    (found,) = evidence["discrepancies"]
    assert [c["value"] for c in found["claims"]] == ["dawn", "noon"] and found["claims"][1]["source"]["paraphrase"] is True
