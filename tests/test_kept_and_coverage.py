"""Kept work that a breach may have undone, an ongoing breach past the evidence, and coverage periods that meet at midnight."""

from __future__ import annotations

from typing import Any

from _hourly import at as _at
from _hourly import hourly_tracker
from ceasefire import Tracker

KEPT = {"id": "p0", "kind": "progress", "bearers": ["A"], "summary": "p0", "kept": True}


def _tracker(events: list[dict[str, Any]], covers: list[dict[str, str]] | None = None) -> Tracker:
    return hourly_tracker([KEPT], events, covers=covers)


DONE = {"id": "e0", "occurred": _at(2), "reported": _at(3), "links": [{"obligation": "p0", "role": "fulfils"}]}


def test_a_breach_known_only_to_a_window_around_the_instant_makes_kept_work_uncertain() -> None:
    """Between the two ends of a later breach's window, done work may already be undone: uncertain, naming the breach."""
    breach = {"id": "e1", "occurred": {"earliest": _at(5), "latest": _at(8)}, "reported": _at(9), "links": [{"obligation": "p0", "role": "breaches"}]}
    tracker = _tracker([DONE, breach])
    answer = tracker.obligation_on("p0", _at(6))
    assert str(answer.status) == "uncertain"
    assert answer.uncertain_by is not None and answer.uncertain_by[0] == "e1"
    assert str(tracker.obligation_on("p0", _at(4)).status) == "fulfilled"


def test_kept_work_undone_by_an_ongoing_breach_is_unmonitored_past_the_evidence() -> None:
    """Known on 05:00, an ongoing breach begun at 03:00 is under way at 10:00 only because nothing reported its end: unmonitored, last known breached."""
    breach = {"id": "e1", "occurred": _at(3), "ongoing": True, "reported": _at(4), "links": [{"obligation": "p0", "role": "breaches"}]}
    tracker = _tracker([{**DONE, "occurred": _at(1), "reported": _at(2)}, breach])
    answer = tracker.obligation_on("p0", _at(10), known_on=_at(5))
    assert str(answer.status) == "unmonitored"
    assert answer.horizon is not None and str(answer.horizon.last_known) == "breached"
    assert str(tracker.obligation_on("p0", _at(5), known_on=_at(5)).status) == "breached"


def test_periods_that_meet_at_midnight_watch_without_a_gap() -> None:
    """A log covering 1 March as one day and from 2 March on watches every instant: the work reads pending, not unmonitored."""
    covers = [{"from": "2021-03-01", "to": "2021-03-01"}, {"from": "2021-03-02", "to": "2030-12-31"}]
    answer = _tracker([], covers).obligation_on("p0", _at(30))
    assert str(answer.status) == "pending"
