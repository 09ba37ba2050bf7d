"""Laws 1 to 3: answers do not depend on how instants are written, on input order, or on what was not yet known."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pendulum
from hypothesis import given

from ceasefire import Citation, Event, EventLog, Link, Tracker, Window, parse_agreement
from ceasefire.time import Span, in_zone

from ._cases import Case
from ._compare import answers
from ._laws import LAWS, corrections, horizons, knowledge_cutoff, order_independence, zone_invariance


@given(LAWS["zone_invariance"][1])
def test_zone_invariance(case: Case) -> None:
    """Writing every instant of an agreement, its events and the question in other zones changes no answer."""
    zone_invariance(case)


@given(LAWS["order_independence"][1])
def test_order_independence(case: Case) -> None:
    """Shuffling the events and the amendments changes no answer."""
    order_independence(case)


@given(LAWS["knowledge_cutoff"][1])
def test_knowledge_cutoff(case: Case) -> None:
    """Asking with a knowledge cut-off equals asking over only what had been reported or announced by then."""
    knowledge_cutoff(case)


def test_same_instant_in_a_repeated_hour_keeps_order_independence() -> None:
    """Two events at one instant, one written in the hour a DST change repeats, give the same answers in either order."""
    instant = dt.datetime(2021, 11, 7, 6, 30, tzinfo=dt.timezone.utc)
    repeated = in_zone(instant, "America/New_York")
    assert repeated.fold == 1, "01:30 on 7 November 2021 happens twice in New York; this is the second"
    agreement = parse_agreement({
        "id": "fold", "title": "fold", "zone": "Europe/Moscow",
        "parties": [{"id": "A", "name": "A", "roles": ["party"]}],
        "announced": "2021-11-01T00:00:00+03:00", "effective": "2021-11-01T00:00:00+03:00",
        "sources": [{"id": "s", "title": "s"}],
        "points": [{"number": 1, "summary": "p", "obligations": [
            {"id": "o", "kind": "deadline", "bearers": ["A"], "summary": "o", "due": {"by": "2021-11-20"}}]}],
    })
    first, second = _fulfilment("a", repeated), _fulfilment("b", instant)
    one = Tracker(agreement, EventLog(events=[first, second])).status_on("2021-11-10")
    other = Tracker(agreement, EventLog(events=[second, first])).status_on("2021-11-10")
    assert answers(one) == answers(other)


def _fulfilment(event_id: str, when: dt.datetime) -> Event:
    return Event(
        id=event_id, kind="handover", summary="done", occurred=Window.exact(when), reported=Window.exact(when),
        links=[Link(obligation="o", role="fulfils")], sources=[Citation(source="s")],
    )


def test_pendulum_instant_with_zoneinfo_in_a_repeated_hour_keeps_its_instant() -> None:
    """A pendulum instant carrying a zoneinfo zone, in the first pass of a repeated hour, converts without moving."""
    first_pass = pendulum.datetime(2021, 11, 7, 5, 30, tz="UTC").astimezone(ZoneInfo("America/New_York"))
    assert first_pass.fold == 0 and first_pass.utcoffset() == dt.timedelta(hours=-4)
    assert in_zone(first_pass, "UTC") == dt.datetime(2021, 11, 7, 5, 30, tzinfo=dt.timezone.utc)
    assert Span.parse("PT1H").after(first_pass, "UTC") == dt.datetime(2021, 11, 7, 6, 30, tzinfo=dt.timezone.utc)
    assert str(Window(first_pass, first_pass).in_zone("UTC")) == "2021-11-07T05:30:00+00:00"


@given(LAWS["corrections"][1])
def test_corrections(case: Case) -> None:
    """A correction published after the cut-off changes no answer under that cut-off."""
    corrections(case)


@given(LAWS["horizons"][1])
def test_horizons(case: Case) -> None:
    """A log watching a later period changes no answer inside the earlier log's coverage."""
    horizons(case)
