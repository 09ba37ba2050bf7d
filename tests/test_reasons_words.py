"""Reasons are written in words a reader can quote: instants and windows as the tables write them, durations spelled out."""

from __future__ import annotations

import pytest

import ceasefire
from ceasefire.time import Span


@pytest.mark.parametrize(("text", "words"), [("P1Y", "1 year"), ("P1Y6M", "1 year and 6 months"), ("PT12H", "12 hours"), ("P2W3D", "2 weeks and 3 days"), ("P1DT1H1M", "1 day, 1 hour and 1 minute")])
def test_a_duration_reads_in_words(text: str, words: str) -> None:
    assert Span.parse(text).words() == words


def test_the_bundled_reasons_carry_no_iso_instant_or_duration() -> None:
    """No reason of the bundled statement, on a day with a stall, a relative deadline and evidence ending in another zone, prints an ISO instant or an ISO duration."""
    import re

    report = ceasefire.status_on("2023-09-25", known_on="2023-09-22")
    reasons = [r for o in report.obligations for r in o.reasons]
    assert not [r for r in reasons if re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:|\bP\d+[YMWD]\b", r)]
    said = {o.obligation_id: o.reasons for o in report.obligations}
    assert said["1.ceasefire"][0].endswith("over 2023-09-25; the evidence ends at end of 2020-12-01 (Asia/Baku), when no breach had yet been reported")
    assert "stalled: no progress reported since end of 2022-09-08 (Asia/Baku), more than 1 year" in said["8.exchange"]
    assert "deadline 3 years after 2020-11-10 00:00" in said["6.new-route-plan"]
    assert "fulfilled on time: rec.aghdam-handover (2020-11-20 Asia/Baku) by the deadline end of 2020-11-20" in said["2.aghdam"]


def test_a_timeline_table_says_in_words_what_started_each_interval() -> None:
    """The terminal and notebook tables say "6.kalbajar takes effect", "seed-events.yaml stops watching", not the cause's code."""
    from ceasefire.render import display

    assert display.started_by("effect", "6.kalbajar", None) == "6.kalbajar takes effect"
    assert display.started_by("coverage", "seed-events.yaml", "closes") == "seed-events.yaml stops watching"
    assert display.started_by("event", "rec.x", "closes") == "event rec.x surely happened"
    assert display.started_by("deadline", "9.wg-timetable", None) == "deadline of 9.wg-timetable passes"
    assert display.started_by("initial", None, None) == "the state at the start"
    assert display.started_by("range", None, None) == "no recorded change"
    assert display.started_by("something-new", "x", None) == "something-new x"  # a kind without words reads as its code
