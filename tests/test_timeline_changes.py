"""What the change points hand a timeline, worked out the cheap way, is what the slow way gives.

A timeline reads, for each change point, its microseconds since the epoch
(from the event's window rather than worked out again) and each event
link's role (from the obligation's link table rather than from the link);
term period ends and notice dates are counted once per instant and zone;
and an interval's cause is written out only when it is read. These tests
hold each of those to the plain computation: on a feed with exact and
windowed reports, context links, a lasting happening and instants written
in several zones, on the bundled Kalbajar tracker, and across the two
passes of a repeated hour.
"""

from __future__ import annotations

import datetime as dt
import pickle

import pendulum

from ceasefire import Tracker, bundled
from ceasefire.engine import changepoints
from ceasefire.engine.changepoints import Cause, EventCause, change_points
from ceasefire.loading import parse_agreement, parse_events
from ceasefire.model import TermObligation
from ceasefire.time import micros, zone

BASE = dt.datetime(2024, 3, 1, tzinfo=dt.timezone.utc)


def _iso(hours: float, offset: int = 0) -> str:
    """``hours`` after the base, written at a UTC offset of ``offset`` hours."""
    return (BASE + dt.timedelta(hours=hours)).astimezone(dt.timezone(dt.timedelta(hours=offset))).isoformat()


def _tracker() -> Tracker:
    """Two obligations and a feed with every shape of link: exact and windowed, context, lasting, ongoing, in UTC and at +04:00."""
    obligations = [
        {"id": "withdraw", "kind": "deadline", "bearers": ["A"], "summary": "Withdraw.", "due": {"by": "2024-03-20"}},
        {"id": "calm", "kind": "standing", "bearers": ["A"], "summary": "Hold fire."},
    ]
    agreement = parse_agreement({
        "id": "changes", "title": "Change points", "zone": "Asia/Baku", "announced": BASE.isoformat(), "effective": BASE.isoformat(),
        "parties": [{"id": "A", "name": "Party A", "roles": ["party"]}], "sources": [{"id": "text", "title": "The text"}],
        "points": [{"number": 1, "summary": "everything", "obligations": obligations}],
    })
    events = [
        {"id": "e1", "kind": "report", "summary": "Some troops left.", "occurred": _iso(10), "sources": [{"source": "wire"}], "links": [{"obligation": "withdraw", "role": "advances"}]},
        {"id": "e2", "kind": "report", "summary": "Shelling, some day.", "occurred": {"earliest": _iso(30, 4), "latest": _iso(54, 4)}, "sources": [{"source": "wire"}],
         "links": [{"obligation": "calm", "role": "breaches"}, {"obligation": "withdraw", "role": "context"}]},
        {"id": "e3", "kind": "report", "summary": "All troops left.", "occurred": _iso(200, 4), "sources": [{"source": "wire"}], "links": [{"obligation": "withdraw", "role": "fulfils"}]},
        {"id": "e4", "kind": "report", "summary": "A siege.", "occurred": _iso(300), "until": _iso(340), "sources": [{"source": "wire"}], "links": [{"obligation": "calm", "role": "breaches"}]},
        {"id": "e5", "kind": "report", "summary": "Fighting goes on.", "occurred": _iso(400), "ongoing": True, "sources": [{"source": "wire"}], "links": [{"obligation": "calm", "role": "breaches"}]},
        {"id": "e6", "kind": "report", "summary": "A quiet week.", "occurred": {"earliest": _iso(100), "latest": _iso(268)}, "sources": [{"source": "wire"}],
         "links": [{"obligation": "calm", "role": "fulfils"}, {"obligation": "withdraw", "role": "advances"}]},
    ]
    log = parse_events({"zone": "UTC", "covers": [{"start": _iso(-24), "end": _iso(24 * 40)}],
                        "sources": [{"id": "wire", "title": "Wire", "published": _iso(-24)}], "events": events})
    return Tracker(agreement, log)


def _check_points(tracker: Tracker) -> int:
    """For every obligation: the instants keyed are the instants returned, in order, each with its own microseconds; each event cause carries its instant's microseconds and its link's role."""
    until = BASE + dt.timedelta(days=400)
    causes = 0
    for entry in tracker.index.entries.values():
        keyed: dict[dt.datetime, int] = {}
        points = change_points(entry, tracker.index, until, keyed=keyed)
        assert [id(p) for p in keyed] == [id(p) for p in points]
        assert all(at == micros(p) for p, at in keyed.items())
        for group in points.values():
            for cause in group:
                if isinstance(cause, EventCause):
                    causes += 1
                    assert cause.at_micros == micros(cause.at)
                    assert cause.role == cause.item.link.role
    return causes


def test_the_cheap_keys_and_roles_are_the_plain_ones_on_a_feed_of_every_shape() -> None:
    assert _check_points(_tracker()) > 10


def test_the_cheap_keys_and_roles_are_the_plain_ones_on_the_bundled_agreement() -> None:
    assert _check_points(bundled.tracker()) > 10


def test_roles_are_read_from_each_link_where_the_table_does_not_hold_those_links() -> None:
    """The table's roles are used only for the very links it holds; any other sequence of links is read link by link, context links included."""
    tracker = _tracker()
    links = tracker.index.links["withdraw"]
    plain = [item.link.role for item in links]
    assert "context" in plain
    assert changepoints._roles("withdraw", tracker.index, links) == plain
    assert changepoints._roles("withdraw", tracker.index, list(reversed(links))) == list(reversed(plain))
    assert changepoints._roles("nobody", tracker.index, links) == plain


def test_an_intervals_event_cause_is_written_out_when_read_and_kept() -> None:
    """The cause read is what the event cause writes out; it is written once; equality, hashing and pickling see the written cause."""
    tracker = _tracker()
    line = tracker.timeline("2024-03-01", "2024-04-30")
    pending = [(interval, interval._cause) for interval in line.intervals if isinstance(interval._cause, EventCause)]
    assert pending, "no interval started by an event"
    for interval, event_cause in pending:
        written = interval.cause
        assert isinstance(written, Cause)
        assert written == event_cause.cause()
        assert interval.cause is written
    again = tracker.timeline("2024-03-01", "2024-04-30")
    assert again.intervals == line.intervals
    assert hash(again.intervals) == hash(line.intervals)
    assert pickle.loads(pickle.dumps(line)).intervals == line.intervals


def _term() -> TermObligation:
    agreement = parse_agreement({
        "id": "term", "title": "A term", "zone": "Europe/London", "announced": "2021-01-01T00:00:00+00:00", "effective": "2021-01-01T00:00:00+00:00",
        "parties": [{"id": "A", "name": "Party A", "roles": ["party"]}],
        "points": [{"number": 1, "summary": "everything", "obligations": [
            {"id": "truce", "kind": "term", "bearers": ["A"], "summary": "A truce.", "period": "PT1H", "renewal": "PT1H", "notice": "PT30M"}]}],
    })
    obligation = agreement.points[0].obligations[0]
    assert isinstance(obligation, TermObligation)
    return obligation


def test_term_ends_and_notices_from_the_two_passes_of_a_repeated_hour_are_counted_apart() -> None:
    """01:30 in London on 31 October 2021 happens twice: hourly terms that start on either pass, or end on either, are counted apart, whichever is asked first.

    A term from 00:30 ends on the first pass of 01:30, one from the first pass
    on the second pass, one from the second pass at 02:30; the two ends at 01:30
    are equal datetimes, and their notice dates half an hour earlier differ.
    """
    obligation = _term()
    london = zone("Europe/London")
    first = pendulum.DateTime(2021, 10, 31, 1, 30, tzinfo=london, fold=0)
    second = pendulum.DateTime(2021, 10, 31, 1, 30, tzinfo=london, fold=1)
    assert first == second and micros(first) != micros(second)  # equal datetimes, different instants
    starts = [pendulum.DateTime(2021, 10, 31, 0, 30, tzinfo=london), first, second]
    until = first + dt.timedelta(hours=3)
    ends = {}
    for order in (starts, starts[::-1]):
        changepoints._PERIOD_ENDS.clear()
        changepoints._NOTICES.clear()
        for start in order:
            found = [(c.kind, micros(c.at)) for c in changepoints._term(obligation, start, "Europe/London", until)]
            expected = []
            for number in range(len(found) // 2):
                span = obligation.period if number == 0 else obligation.period.plus(obligation.renewal, number)  # type: ignore[arg-type]
                end = span.after(start, "Europe/London")
                ends.setdefault(micros(end), end)
                expected += [("term-period", micros(end)), ("term-notice", micros(obligation.notice.before(end, "Europe/London")))]  # type: ignore[union-attr]
            assert found == expected
    assert any(a == b and x != y for x, a in ends.items() for y, b in ends.items()), "no two ends that are equal datetimes and different instants"
