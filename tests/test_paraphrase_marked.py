"""A quote given as a paraphrase is the compiler's words: every surface that prints quotes marks it, and none puts it in quotation marks."""

from __future__ import annotations

from pathlib import Path

import pytest
from _workbook import sources_sheet

from ceasefire import Tracker, bundled, parse_events
from ceasefire.render.ics import deadline_calendar
from ceasefire.render.export import to_markdown

WORDS = "the army went into Lachin this morning"
VERBATIM = "Units entered the Lachin district at dawn."


@pytest.fixture(scope="module")
def tracker() -> Tracker:
    events = {
        "zone": "Asia/Baku",
        "sources": [{"id": "radio-1", "title": "Radio bulletin", "published": "2020-12-01"},
                    {"id": "wire-1", "title": "Wire report", "published": "2020-12-01"}],
        "events": [{
            "id": "test.lachin-entry", "kind": "handover", "summary": "Units enter the Lachin district.", "occurred": "2020-12-01",
            "sources": [{"source": "radio-1", "quote": WORDS, "paraphrase": True}, {"source": "wire-1", "quote": VERBATIM}],
            "links": [{"obligation": "6.lachin", "role": "fulfils"}],
        }],
    }
    return Tracker(bundled.agreement(), parse_events(events))


def _marked(text: str) -> None:
    assert f"(paraphrase) {WORDS}" in text or f"(paraphrase)</span> {WORDS}" in text
    for mark in ('"', "&ldquo;", "“", "&quot;", "&#34;"):
        assert f"{mark}{WORDS}" not in text
    assert VERBATIM in text


def test_the_terminal_and_markdown_mark_a_paraphrase(tracker: Tracker) -> None:
    item = tracker.obligation_on("6.lachin", "2020-12-02")
    _marked(item.explain())
    _marked(to_markdown(tracker.status_on("2020-12-02")))


def test_the_notebook_marks_a_paraphrase(tracker: Tracker) -> None:
    item = tracker.obligation_on("6.lachin", "2020-12-02")
    _marked(item.evidence_html())
    _marked(item.evidence[0]._repr_html_())


def test_the_calendar_marks_a_paraphrase(tracker: Tracker) -> None:
    calendar = deadline_calendar(tracker, "2020-12-02")
    descriptions = [str(e.get("description")) for e in calendar.walk("VEVENT") if "radio-1" in str(e.get("description"))]
    assert descriptions
    for text in descriptions:
        _marked(text)


def test_the_workbook_says_beside_each_quote_whether_it_is_verbatim(tracker: Tracker, tmp_path: Path) -> None:
    rows = sources_sheet(tracker.status_on("2020-12-02"), tmp_path)
    said = {row["quote"]: row["quote is"] for row in rows if row["source"] in ("radio-1", "wire-1")}
    assert said == {WORDS: "a paraphrase", VERBATIM: "verbatim"}
