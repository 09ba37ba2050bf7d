"""Timelines over the bundled 2020 statement: intervals, their ends and their causes."""

from __future__ import annotations

import datetime as dt

import pytest
from _watched import seeds_watched_until

from ceasefire import InvalidInputError, NaiveDatetimeError, Status, bundled
from ceasefire.time import instant
from ceasefire.engine.timeline import timeline


@pytest.fixture(scope="module")
def autumn():
    """The bundled timeline over November 2020 to the end of January 2021, the seeds taken to watch to the end."""
    return seeds_watched_until("2021-01-31").timeline("2020-11-01", "2021-01-31")


def _at(text: str) -> dt.datetime:
    return instant(text)


def test_kalbajar_pending_from_the_ceasefire(autumn):
    """6.kalbajar turns pending exactly when the statement takes effect, caused by that effect."""
    pending = [i for i in autumn.for_obligation("6.kalbajar") if i.status is Status.PENDING]
    assert pending[0].start == _at("2020-11-10T00:00:00+03:00")
    assert pending[0].start_inclusive
    assert pending[0].cause.kind == "effect"


def test_kalbajar_deadline_moves_by_amendment(autumn):
    """The postponement starts a new pending interval at the end of 15 November in Baku, with the 25 November deadline."""
    pending = [i for i in autumn.for_obligation("6.kalbajar") if i.status is Status.PENDING]
    assert len(pending) == 2
    moved = pending[1]
    assert moved.cause.kind == "amendment" and moved.cause.ref == "kalbajar-postponement"
    assert moved.start == _at("2020-11-15T23:59:59.999999+04:00") and moved.start_inclusive
    assert moved.deadline is not None and moved.deadline.latest == _at("2020-11-25T23:59:59.999999+03:00")
    assert pending[0].end == moved.start and not pending[0].end_inclusive


def test_kalbajar_fulfilled_when_the_baku_day_is_over(autumn):
    """6.kalbajar is fulfilled from the last instant of 25 November in Asia/Baku, because of the handover event."""
    last = autumn.for_obligation("6.kalbajar")[-1]
    assert last.status is Status.FULFILLED
    assert last.start == _at("2020-11-25T23:59:59.999999+04:00") and last.start_inclusive
    assert last.cause.kind == "event" and last.cause.ref == "seed.kalbajar-handover"
    assert "seed.kalbajar-handover" in last.evidence_ids
    assert "seed-002" in last.source_ids


def test_lachin_overdue_strictly_after_deadline(autumn):
    """6.lachin is still pending at the deadline instant and overdue just after it."""
    deadline = _at("2020-12-01T23:59:59.999999+03:00")
    overdue = autumn.for_obligation("6.lachin")[-1]
    assert overdue.status is Status.OVERDUE
    assert overdue.start == deadline and not overdue.start_inclusive
    assert overdue.cause.kind == "deadline"
    assert autumn.status_at("6.lachin", deadline) is Status.PENDING
    assert autumn.status_at("6.lachin", deadline + dt.timedelta(microseconds=1)) is Status.OVERDUE


def test_intervals_tile_the_range(autumn):
    """Each obligation's intervals cover the range with no gap and no overlap."""
    for obligation_id in autumn.obligation_ids:
        parts = autumn.for_obligation(obligation_id)
        assert parts[0].start == autumn.start and parts[0].start_inclusive
        assert parts[-1].end == autumn.end and parts[-1].end_inclusive
        for before, after in zip(parts, parts[1:]):
            assert before.end == after.start
            assert before.end_inclusive != after.start_inclusive
            assert (before.status, before.deadline) != (after.status, after.deadline)


def test_date_range_means_whole_days():
    """A date start means the first instant of that day, a date end its last, in Moscow time."""
    line = bundled.tracker().timeline("2020-11-20", "2020-11-21")
    assert line.start == _at("2020-11-20T00:00:00+03:00")
    assert line.end == _at("2020-11-21T23:59:59.999999+03:00")


def test_supplement_obligations_start_with_the_supplement(autumn):
    """The working-group deadline starts when the January 2021 supplement takes effect, caused by it."""
    first_pending = autumn.for_obligation("9.wg-established")[1]
    assert first_pending.status is Status.PENDING
    assert first_pending.cause.ref == "supplement-2021-01-11"


def test_known_on_hides_the_later_amendment():
    """Known on 14 November the Kalbajar deadline never moves, and past what was known then it is unmonitored."""
    line = bundled.tracker().timeline("2020-11-10", "2020-11-30", known_on="2020-11-14")
    intervals = line.for_obligation("6.kalbajar")
    assert [i.status for i in intervals] == [Status.PENDING, Status.UNMONITORED]
    assert {i.deadline.latest.date().isoformat() for i in intervals if i.deadline} == {"2020-11-15"}
    assert intervals[1].state.horizon is not None and intervals[1].state.horizon.last_known is Status.PENDING
    assert line.known_on == _at("2020-11-14T23:59:59.999999+03:00")


def test_reversed_range_is_refused():
    """A start after the end is a clear error."""
    with pytest.raises(InvalidInputError, match="after the end"):
        timeline(bundled.tracker(), "2020-12-01", "2020-11-01")


def test_naive_range_is_refused():
    """A naive datetime as a range end is refused like everywhere else."""
    with pytest.raises(NaiveDatetimeError):
        bundled.tracker().timeline(dt.datetime(2020, 11, 1), "2020-11-05")


def test_unknown_obligation_lists_known_ids(autumn):
    """Asking for an id the timeline lacks names the ids it has."""
    with pytest.raises(KeyError, match="6.kalbajar"):
        autumn.for_obligation("6.kelbajar")


def test_changes_are_in_time_order(autumn):
    """changes() lists the intervals that start inside the range, earliest first."""
    starts = [i.start for i in autumn.changes()]
    assert starts == sorted(starts)
    assert all(i.start > autumn.start or not i.start_inclusive for i in autumn.changes())


def test_an_ended_obligation_costs_no_rule_runs_after_it_ends(monkeypatch):
    """Once an obligation has ended, the timeline asks the rules nothing more: reports after the ending add no runs and no intervals."""
    import ceasefire
    import ceasefire.engine.timeline as module

    agreement = ceasefire.parse_agreement(
        {
            "id": "t", "title": "test", "zone": "Europe/Moscow", "announced": "2021-03-01", "effective": "2021-03-01T00:00:00+03:00",
            "parties": [{"id": "A", "name": "A", "roles": ["party"]}, {"id": "B", "name": "B", "roles": ["party"]}],
            "sources": [{"id": "s", "title": "a source", "published": "2021-03-01T00:00:00+03:00"}],
            "points": [{"number": 1, "summary": "p", "obligations": [{"id": "c", "kind": "standing", "bearers": ["A", "B"], "summary": "no fire"}]}],
        }
    )

    def runs(later: int) -> tuple[int, list[tuple[str, str]]]:
        events = [{"id": "end", "kind": "report", "summary": "end", "occurred": "2021-03-02T12:00:00+03:00", "links": [{"obligation": "c", "role": "ends"}], "sources": [{"source": "s"}]}]
        events += [
            {"id": f"b{n}", "kind": "report", "summary": "clash", "occurred": f"2021-03-{3 + n % 20:02d}T{n % 24:02d}:00:00+03:00", "links": [{"obligation": "c", "role": "breaches"}], "sources": [{"source": "s"}]}
            for n in range(later)
        ]
        tracker = ceasefire.Tracker(agreement, ceasefire.parse_events({"zone": "Europe/Moscow", "covers": {"from": "2021-03-01", "to": "2021-12-31"}, "events": events}))
        count = 0
        real = module.run_rules

        def counted(*args, **kwargs):
            nonlocal count
            count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, "run_rules", counted)
        found = tracker.timeline("2021-03-01", "2021-03-31")
        monkeypatch.setattr(module, "run_rules", real)
        for day in ("2021-03-02T12:00:00+03:00", "2021-03-10T05:00:00+03:00", "2021-03-31T23:00:00+03:00"):
            assert found.status_at("c", instant(day)) is tracker.obligation_on("c", day).status
        return count, [(i.status.value, i.start.isoformat()) for i in found]

    few, many = runs(2), runs(40)
    assert few == many
    assert many[1][-1] == ("ended", "2021-03-02T12:00:00+03:00")
