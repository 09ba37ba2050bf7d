"""A timeline agrees with status_on where changes fall a microsecond apart, where a term ran out before a suspension, and where an obligation waits."""

from __future__ import annotations

from _hourly import HOUR0, hourly_tracker
from _hourly import at as _at
from ceasefire import Tracker
from ceasefire.time import instant

_tracker = hourly_tracker


def _agrees(tracker: Tracker, obligation_id: str, hours: list[int]) -> None:
    line = tracker.timeline("2021-03-01", "2021-03-03")
    for hour in hours:
        when = instant(_at(hour))
        assert line.status_at(obligation_id, when) == tracker.obligation_on(obligation_id, when).status, (obligation_id, hour)


def test_an_ending_one_microsecond_before_a_stall_shows_at_its_own_instant() -> None:
    """Work bound until the end of 1 March, with a stall due just after, is ended from the first instant of 2 March in the timeline too."""
    tracker = _tracker([{"id": "p0", "kind": "progress", "bearers": ["A"], "summary": "p0", "stale_after": "PT24H", "until": "2021-03-01"}])
    midnight = instant(_at(24))
    line = tracker.timeline("2021-03-01", "2021-03-03")
    assert line.status_at("p0", midnight) == tracker.obligation_on("p0", midnight).status
    assert str(line.status_at("p0", midnight)) == "ended"
    assert str(line.status_at("p0", instant("2021-03-01T23:59:59.999999+04:00"))) == "pending"


def test_a_term_that_ran_out_is_not_suspended_afterwards() -> None:
    """A 21-hour term without renewal has ended by 21:00; a suspension from the next morning leaves it ended, in status_on and the timeline."""
    suspend = {"id": "a1", "kind": "suspend", "obligation": "t0", "summary": "pause", "agreed": _at(30), "announced": HOUR0, "sources": [{"source": "r"}]}
    tracker = _tracker([{"id": "t0", "kind": "term", "bearers": ["A"], "summary": "t0", "period": "PT21H"}], amendments=[suspend])
    assert str(tracker.obligation_on("t0", _at(31)).status) == "ended"
    _agrees(tracker, "t0", [10, 22, 29, 30, 31, 40])


def test_a_suspension_that_began_before_the_term_ran_out_still_reads_suspended() -> None:
    """Suspended from hour 10 of a 21-hour term, it reads suspended at hour 15 and at hour 25 alike (the suspension came first)."""
    suspend = {"id": "a1", "kind": "suspend", "obligation": "t0", "summary": "pause", "agreed": _at(10), "announced": HOUR0, "sources": [{"source": "r"}]}
    tracker = _tracker([{"id": "t0", "kind": "term", "bearers": ["A"], "summary": "t0", "period": "PT21H"}], amendments=[suspend])
    assert [str(tracker.obligation_on("t0", _at(h)).status) for h in (5, 15, 25)] == ["in force", "suspended", "suspended"]


def test_what_counts_from_a_waiting_obligations_start_changes_in_the_timeline() -> None:
    """A term and a relative deadline that bind once d0 is fulfilled at 05:00 end at 16:00 and fall due at 10:00 in the timeline, as status_on says."""
    obligations = [
        {"id": "d0", "kind": "deadline", "bearers": ["A"], "summary": "d0", "due": {"at": _at(50)}},
        {"id": "t1", "kind": "term", "bearers": ["A"], "summary": "t1", "period": "PT11H", "depends_on": "d0"},
        {"id": "d2", "kind": "deadline", "bearers": ["A"], "summary": "d2", "due": {"within": "PT5H"}, "depends_on": "d0"},
    ]
    events = [{"id": "e0", "occurred": _at(5), "reported": _at(6), "links": [{"obligation": "d0", "role": "fulfils"}]}]
    tracker = _tracker(obligations, events)
    assert str(tracker.obligation_on("t1", _at(16)).status) == "ended"
    assert str(tracker.obligation_on("d2", _at(11)).status) == "overdue"
    _agrees(tracker, "t1", [4, 6, 15, 16, 17, 40])
    _agrees(tracker, "d2", [4, 6, 9, 10, 11, 40])


def test_a_term_ending_where_the_timeline_starts_is_ended_from_its_first_instant() -> None:
    """Notice given at 00:00 ends an hourly term at 01:00; a timeline from 01:00 (known on 01:00, where the evidence ends) starts ended, as status_on says."""
    events = [{"id": "e0", "occurred": _at(0), "reported": _at(0), "links": [{"obligation": "t0", "role": "notice"}]}]
    tracker = _tracker([{"id": "t0", "kind": "term", "bearers": ["A"], "summary": "t0", "period": "PT1H", "renewal": "PT1H"}], events)
    line = tracker.timeline(_at(1), "2021-03-03", known_on=_at(1))
    first = line.for_obligation("t0")[0]
    assert str(tracker.obligation_on("t0", _at(1), known_on=_at(1)).status) == "ended"
    assert (str(first.status), first.start, first.start_inclusive) == ("ended", instant(_at(1)), True)
