"""A party's own claim is named as such wherever its source is cited, and a discrepancy's claims are quoted as they were given."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _workbook import sources_sheet

from ceasefire import Tracker, bundled, parse_events
from ceasefire.render.export import to_markdown
from ceasefire.render.report import render_report

EVENTS = {
    "zone": "Asia/Baku",
    "sources": [
        {"id": "mod-az", "title": "Defence ministry statement", "published": "2020-12-01", "kind": "party", "speaks_for": "AZ"},
        {"id": "mod-am", "title": "Other ministry statement", "published": "2020-12-01", "kind": "party", "speaks_for": "AM"},
        {"id": "wire-1", "title": "Wire report", "published": "2020-12-01", "kind": "media"},
    ],
    "events": [{
        "id": "test.lachin-entry", "kind": "handover", "summary": "Units enter the Lachin district.", "occurred": "2020-12-01",
        "sources": [{"source": "mod-az", "quote": "Our units entered Lachin."}, {"source": "wire-1", "quote": "Troops were seen on the road."}],
        "links": [{"obligation": "6.lachin", "role": "fulfils"}],
        "discrepancies": [{"about": "hour of entry", "claims": [
            {"value": "dawn", "citation": {"source": "mod-az", "quote": "before sunrise", "paraphrase": True}},
            {"value": "noon", "citation": {"source": "mod-am"}},
        ]}],
    }],
}


@pytest.fixture(scope="module")
def tracker() -> Tracker:
    return Tracker(bundled.agreement(), parse_events(EVENTS))


def test_every_text_surface_names_a_partys_claim(tracker: Tracker) -> None:
    item = tracker.obligation_on("6.lachin", "2020-12-02")
    for text in (item.explain(), to_markdown(tracker.status_on("2020-12-02")), item.evidence_html()):
        assert "claim of AZ" in text and "media" in text


def test_the_cli_explanation_names_a_partys_claim(tmp_path: Path) -> None:
    import yaml
    from click.testing import CliRunner

    from ceasefire.cli import main

    events = tmp_path / "events.yaml"
    events.write_text(yaml.safe_dump(EVENTS), encoding="utf-8")
    out = CliRunner().invoke(main, ["explain", "6.lachin", "--on", "2020-12-02", "--events", str(events)]).output
    assert re.search(r"source mod-az: Defence ministry statement \(no link\) \[claim of AZ\]", out), out
    assert "[media]" in out


def test_the_report_names_claims_and_quotes_a_discrepancy_as_given(tracker: Tracker) -> None:
    html = render_report(tracker, "2020-12-02", chart=False)
    assert "[claim of AZ]" in html
    claims = html[html.index("Sources differ on hour of entry"):]
    claims = claims[:claims.index("</ul>")]
    assert '<span class="was">(paraphrase)</span> before sunrise' in claims and "&ldquo;before sunrise" not in claims
    assert "None" not in claims  # a claim given with no quote shows none, not the word None
    assert "claim of AM" in claims


def test_the_workbook_says_who_speaks(tracker: Tracker, tmp_path: Path) -> None:
    said = {row["source"]: row["who speaks"] for row in sources_sheet(tracker.status_on("2020-12-02"), tmp_path)}
    assert said["mod-az"] == "claim of AZ" and said["wire-1"] == "media"
