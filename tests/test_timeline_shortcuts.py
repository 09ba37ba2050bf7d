"""The timeline's shortcuts on integer instants give what the datetimes they stand for give.

A timeline compares the ends of its runs with the range's ends on their
microseconds since the epoch where Python would compare the two datetimes as
instants, and writes each interval's ends in the reference zone from those
microseconds with the standard library's conversion rather than pendulum's.
These properties hold both to the slow forms, including in hours a clock
change repeats or skips, and in the zone objects the engine itself uses.
"""

from __future__ import annotations

import datetime as dt

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from ceasefire.engine import timeline
from ceasefire.results import Status
from ceasefire.time import in_zone, micros, zone

ZONES = ("Asia/Baku", "Europe/London", "America/New_York", "Australia/Lord_Howe", "Europe/Moscow", "UTC", "Etc/GMT-4")
"""Zones with and without clock changes, one whose change is half an hour, and a fixed one written as a name."""

# Instants near the clock changes of 2021 in these zones, and anywhere from 1900 to 2100.
_CHANGES = [dt.datetime(2021, 3, 14, 7, tzinfo=dt.timezone.utc), dt.datetime(2021, 11, 7, 6, tzinfo=dt.timezone.utc), dt.datetime(2021, 3, 28, 1, tzinfo=dt.timezone.utc),
            dt.datetime(2021, 10, 31, 1, tzinfo=dt.timezone.utc), dt.datetime(2021, 4, 3, 15, tzinfo=dt.timezone.utc), dt.datetime(2021, 10, 2, 15, 30, tzinfo=dt.timezone.utc)]
_NEAR = st.builds(lambda base, minutes, micro: base + dt.timedelta(minutes=minutes, microseconds=micro), st.sampled_from(_CHANGES),
                  st.integers(min_value=-150, max_value=150), st.sampled_from((0, 1, 999_999)))
_ANY = st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)).map(lambda d: d.replace(tzinfo=dt.timezone.utc))
_UTC_INSTANTS = st.one_of(_NEAR, _ANY)


@st.composite
def _written(draw: st.DrawFn) -> dt.datetime:
    """An instant written as the engine may hold it: in a named zone (pendulum's, either fold), a fixed offset, or UTC."""
    instant = draw(_UTC_INSTANTS)
    form = draw(st.sampled_from(("named", "offset", "utc", "wall")))
    if form == "named":
        return pendulum.instance(instant).in_timezone(zone(draw(st.sampled_from(ZONES))))
    if form == "offset":
        return pendulum.instance(instant).in_timezone(pendulum.FixedTimezone(draw(st.integers(min_value=-12 * 60, max_value=14 * 60)) * 60))
    if form == "utc":
        return pendulum.instance(instant)
    # A clock reading in a named zone, as a reading is given: in a repeated hour either pass, in a skipped hour as written.
    local = instant.replace(tzinfo=None)
    return pendulum.DateTime(local.year, local.month, local.day, local.hour, local.minute, local.second, local.microsecond,
                             tzinfo=zone(draw(st.sampled_from(ZONES))), fold=draw(st.sampled_from((0, 1))))


@given(_written(), st.sampled_from(ZONES))
def test_an_end_written_from_its_microseconds_is_what_in_zone_writes(when: dt.datetime, zone_name: str) -> None:
    """Same fields, fold, type and zone object as the conversion the engine uses elsewhere (:func:`~ceasefire.time.in_zone`).

    Its memory is keyed by the instant read into UTC, so the two passes of a
    repeated hour get their own answers from it, whichever is asked first.
    """
    expected = in_zone(when, zone_name)
    found = timeline._writer(zone_name)(micros(when), when)
    assert type(found) is type(expected)
    assert found.tzinfo is expected.tzinfo
    assert (found.fold, repr(found), found.isoformat()) == (expected.fold, repr(expected), expected.isoformat())


@given(_written(), _written())
def test_comparing_on_microseconds_is_comparing_the_datetimes(first: dt.datetime, second: dt.datetime) -> None:
    """Where the two zone objects differ the integers decide; where they are one object, the datetimes do, as Python does."""
    assert timeline._before(first, micros(first), second, micros(second)) is (first < second)
    assert timeline._before(second, micros(second), first, micros(first)) is (second < first)


def test_the_second_pass_of_a_repeated_hour_is_written_as_its_own_instant() -> None:
    """01:30 on the second pass in London is 05:30 in Baku, even after 01:30 on the first pass (04:30) was written."""
    london = zone("Europe/London")
    first = pendulum.DateTime(2021, 10, 31, 1, 30, tzinfo=london, fold=0)
    second = pendulum.DateTime(2021, 10, 31, 1, 30, tzinfo=london, fold=1)
    write = timeline._writer("Asia/Baku")
    assert write(micros(first), first).isoformat() == "2021-10-31T04:30:00+04:00"
    assert write(micros(second), second).isoformat() == "2021-10-31T05:30:00+04:00"
    # Written back into London, each pass keeps its own fold, as pendulum's conversion gives it.
    back = timeline._writer("Europe/London")
    for when in (first, second):
        again = back(micros(when), when)
        assert (again.fold, again.isoformat()) == (when.fold, when.isoformat())
        assert again.fold == in_zone(when, "Europe/London").fold


def test_an_event_cause_is_written_out_for_its_own_side_and_edge() -> None:
    """Each of the four causes an event gives reads as it always has: may have happened, has opened, has surely happened, is over."""
    from ceasefire import bundled
    from ceasefire.engine.changepoints import EventCause

    tracker = bundled.tracker()
    item = next(i for links in tracker.index.links.values() for i in links if i.link.role == "fulfils")
    role, summary = item.link.role, item.event.summary
    expected = {
        ("at", "opens"): f"{role} event may have happened: {summary}",
        ("after", "opens"): f"{role} event window has opened: {summary}",
        ("at", "closes"): f"{role} event has surely happened: {summary}",
        ("after", "closes"): f"{role} event window is over: {summary}",
    }
    for (side, edge), text in expected.items():
        cause = EventCause("event", item.event.occurred.earliest, item.event.id, side, edge, item).cause()
        assert (cause.description, cause.side, cause.edge, cause.ref) == (text, side, edge, item.event.id)


def test_a_repeated_hour_in_one_zone_object_compares_by_clock_reading() -> None:
    """The case the integers alone would get wrong: 01:30 on its second pass is a later instant, yet Python calls it not later than 01:30 on its first."""
    london = zone("Europe/London")
    first = pendulum.DateTime(2021, 10, 31, 1, 30, tzinfo=london, fold=0)
    second = pendulum.DateTime(2021, 10, 31, 1, 30, tzinfo=london, fold=1)
    assert micros(first) < micros(second)
    assert timeline._before(first, micros(first), second, micros(second)) is False


def test_a_change_at_the_range_end_is_asked_about_as_the_evidence_wrote_it() -> None:
    """A breach reported in UTC at the last instant of the range (23:59:59.999999 in Baku) starts the last interval, whose answer is asked at that
    instant as the report wrote it, not as the range end is written: the change point is kept even though the range end is the same instant."""
    from ceasefire import Tracker
    from ceasefire.loading import parse_agreement, parse_events

    agreement = parse_agreement({
        "id": "end", "title": "A breach at the range end", "zone": "Asia/Baku", "announced": "2021-03-01T00:00:00+04:00", "effective": "2021-03-01T00:00:00+04:00",
        "parties": [{"id": "A", "name": "Party A", "roles": ["party"]}], "sources": [{"id": "text", "title": "The text"}],
        "points": [{"number": 1, "summary": "everything", "obligations": [{"id": "hold", "kind": "standing", "bearers": ["A"], "summary": "hold fire"}]}],
    })
    log = parse_events({"zone": "UTC", "covers": [{"start": "2021-02-01T00:00:00+00:00", "end": "2021-04-01T00:00:00+00:00"}],
                        "sources": [{"id": "wire", "title": "Wire", "published": "2021-02-01T00:00:00+00:00"}],
                        "events": [{"id": "shot", "kind": "shelling", "summary": "shelling", "occurred": "2021-03-10T19:59:59.999999+00:00",
                                    "links": [{"obligation": "hold", "role": "breaches"}], "sources": [{"source": "wire"}]}]})
    line = Tracker(agreement, log).timeline("2021-03-05", "2021-03-10")
    last = line.for_obligation("hold")[-1]
    assert (last.start, last.end, last.start_inclusive, last.end_inclusive) == (line.end, line.end, True, True)
    assert last.status is Status.BREACHED
    assert last.state.at.isoformat() == "2021-03-10T19:59:59.999999+00:00"
