"""A timeline skips the rule runs that cannot change an answer, and only those: later completions of a deadline obligation fulfilled late."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

import ceasefire
import ceasefire.engine.timeline as module
from ceasefire import Status
from ceasefire.time import instant

ZONE = "Europe/Moscow"


def _agreement() -> Any:
    return ceasefire.parse_agreement(
        {
            "id": "t", "title": "test", "zone": ZONE, "announced": "2021-03-01", "effective": "2021-03-01T00:00:00+03:00",
            "parties": [{"id": "A", "name": "A", "roles": ["party"]}, {"id": "B", "name": "B", "roles": ["party"]}],
            "sources": [{"id": "s", "title": "a source", "published": "2021-03-01T00:00:00+03:00"}],
            "points": [{"number": 1, "summary": "p", "obligations": [{"id": "d", "kind": "deadline", "bearers": ["A"], "summary": "withdraw", "due": {"by": "2021-03-10"}}]}],
        }
    )


def _event(event_id: str, occurred: Any, role: str = "fulfils") -> dict[str, Any]:
    return {"id": event_id, "kind": "report", "summary": event_id, "occurred": occurred, "links": [{"obligation": "d", "role": role}], "sources": [{"source": "s"}]}


def _tracker(events: list[dict[str, Any]]) -> ceasefire.Tracker:
    return ceasefire.Tracker(_agreement(), ceasefire.parse_events({"zone": ZONE, "covers": {"from": "2021-03-01", "to": "2021-12-31"}, "events": events}))


def _counted(monkeypatch: pytest.MonkeyPatch, tracker: ceasefire.Tracker, **kwargs: Any) -> tuple[int, Any]:
    """How many times the timeline over March and April 2021 ran the rules, and the timeline."""
    count = 0
    real = module.run_rules

    def counted(*args: Any, **kw: Any) -> Any:
        nonlocal count
        count += 1
        return real(*args, **kw)

    monkeypatch.setattr(module, "run_rules", counted)
    try:
        found = tracker.timeline("2021-03-01", "2021-04-30", **kwargs)
    finally:
        monkeypatch.setattr(module, "run_rules", real)
    return count, found


def _instants(found: Any) -> Iterator[dt.datetime]:
    """Each interval's ends, and the instants one microsecond either side of them."""
    tick = dt.timedelta(microseconds=1)
    for i in found.for_obligation("d"):
        for when in (i.start, i.end):
            yield from (when - tick, when, when + tick)


def _agrees_with_status_on(tracker: ceasefire.Tracker, found: Any, **kwargs: Any) -> None:
    for when in _instants(found):
        if found.start <= when <= found.end:
            assert found.status_at("d", when) is tracker.obligation_on("d", when, **kwargs).status, when


def _late_then(later: int) -> list[dict[str, Any]]:
    """A late fulfilment on 12 March, then ``later`` further exact fulfilments, every one after the deadline."""
    events = [_event("first", "2021-03-12T10:00:00+03:00")]
    events += [_event(f"again{n}", f"2021-03-{13 + n % 15:02d}T{n % 24:02d}:{n // 24 % 60:02d}:00+03:00") for n in range(later)]
    return events


def test_later_exact_fulfilments_after_the_deadline_cost_no_rule_runs(monkeypatch):
    """Once fulfilled late, more fulfilments timed exactly after the deadline add no rule runs and no intervals, and the answers are status_on's."""
    few_runs, few = _counted(monkeypatch, _tracker(_late_then(2)))
    many_tracker = _tracker(_late_then(60))
    many_runs, many = _counted(monkeypatch, many_tracker)
    assert few_runs == many_runs
    shape = [(i.status, i.start, i.start_inclusive, i.end, i.end_inclusive, i.deadline) for i in few]
    assert shape == [(i.status, i.start, i.start_inclusive, i.end, i.end_inclusive, i.deadline) for i in many]
    assert [i.status for i in many] == [Status.PENDING, Status.OVERDUE, Status.FULFILLED_LATE]
    _agrees_with_status_on(many_tracker, many)


def test_the_skip_holds_under_a_knowledge_cutoff(monkeypatch):
    """With a cut-off, the fulfilments reported after it are seen by no rule, and those before it are skipped as without one."""
    tracker = _tracker(_late_then(30))
    _, found = _counted(monkeypatch, tracker, known_on="2021-03-20")
    _agrees_with_status_on(tracker, found, known_on="2021-03-20")


@pytest.mark.parametrize(
    "opens",
    [
        "2021-03-10T12:00:00+03:00",  # inside the deadline's day
        "2021-03-10T23:59:59.999999+03:00",  # the deadline's last instant itself: it may have been on time
    ],
)
def test_a_later_completion_reaching_back_to_the_deadline_still_runs_the_rules(monkeypatch, opens):
    """A later completion known to a window that opens by the deadline's last instant makes a late fulfilment uncertain when it closes: the rules run there."""
    events = [
        _event("first", "2021-03-12T10:00:00+03:00"),
        _event("exact", "2021-03-13T10:00:00+03:00"),
        _event("windowed", {"earliest": opens, "latest": "2021-03-15T10:00:00+03:00"}),
    ]
    tracker = _tracker(events)
    _, found = _counted(monkeypatch, tracker)
    statuses = [(i.status, i.start) for i in found.for_obligation("d")]
    assert statuses[-2:] == [(Status.FULFILLED_LATE, instant("2021-03-12T10:00:00+03:00")), (Status.UNCERTAIN, instant("2021-03-15T10:00:00+03:00"))]
    _agrees_with_status_on(tracker, found)


def test_a_later_completion_known_to_a_window_after_the_deadline_is_skipped(monkeypatch):
    """A later completion whose window opens just after the deadline's last instant leaves the fulfilment late, at both ends of its window."""
    base = [_event("first", "2021-03-12T10:00:00+03:00")]
    windowed = [_event(f"w{n}", {"earliest": "2021-03-11T00:00:00+03:00", "latest": f"2021-03-{14 + n:02d}T10:00:00+03:00"}) for n in range(5)]
    alone, _ = _counted(monkeypatch, _tracker(base))
    tracker = _tracker(base + windowed)
    runs, found = _counted(monkeypatch, tracker)
    assert [i.status for i in found.for_obligation("d")][-1] is Status.FULFILLED_LATE
    _agrees_with_status_on(tracker, found)
    # the windows open before the first fulfilment is known, so the rules run there; their five closings cost nothing
    assert runs <= alone + 2
