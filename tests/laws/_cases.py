"""The inputs each law is checked on, as hypothesis strategies built from ceasefire's public ones."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, NamedTuple

from hypothesis import strategies as st

from ceasefire import Agreement, Amendment, Citation, DeadlineObligation, Due, Event, EventLog, Link, Point, Source, Window
from ceasefire.model import Party
from ceasefire.testing import strategies as cs
from ceasefire.time import in_zone

TICK = dt.timedelta(microseconds=1)
RECENT = dt.datetime(1990, 1, 1, tzinfo=dt.timezone.utc)
LATER = dt.datetime(2060, 12, 31, tzinfo=dt.timezone.utc)


class Case(NamedTuple):
    """An agreement, its log, instants to ask about (near its landmarks), and a seeded random source."""

    agreement: Agreement
    log: EventLog
    moments: tuple[dt.datetime, ...]
    rng: random.Random


@st.composite
def cases(draw: st.DrawFn, *, moments: int = 5, **options: Any) -> Case:
    """An agreement with a log, up to ``moments`` instants near its landmarks, and a seeded random source.

    ``options`` go to :func:`ceasefire.testing.strategies.agreements`.
    """
    agreement, log = draw(cs.agreements_with_logs(min_value=RECENT, max_value=LATER, min_events=2, max_events=8, **options))
    chosen = draw(st.lists(cs.instants_of_interest(agreement, log), min_size=min(3, moments), max_size=moments))
    return Case(agreement, log, tuple(chosen), random.Random(draw(st.integers(0, 2**32))))


class Edge(NamedTuple):
    """One deadline obligation, the deadline in force, and an event window straddling it."""

    agreement: Agreement
    obligation_id: str
    deadline: dt.datetime
    straddling: Window
    after: dt.timedelta


@st.composite
def edges(draw: st.DrawFn) -> Edge:
    """A one-obligation agreement whose deadline (original, or moved by an amendment) an event window straddles.

    The deadline is exact: ``by`` a date, or ``at`` an instant. ``deadline``
    is where it falls, worked out here from the reference zone alone.
    """
    from ._compare import end_of_day, utc

    zone = draw(cs.zones())
    effective = draw(cs.instants(min_value=RECENT, max_value=LATER - dt.timedelta(days=400)))
    original = draw(cs.dues(min_value=effective, max_value=effective + dt.timedelta(days=30), zone=zone, forms=("by", "at")))
    moved = draw(st.none() | cs.dues(min_value=effective, max_value=effective + dt.timedelta(days=30), zone=zone, forms=("by", "at")))
    in_force = moved or original
    local = end_of_day(in_force.by, zone) if in_force.by is not None else in_force.at
    assert local is not None
    deadline = utc(local)  # instant arithmetic below, never wall-clock arithmetic
    before = draw(st.integers(0, 3 * 24 * 3600)) * dt.timedelta(seconds=1)
    after = draw(st.integers(1, 3 * 24 * 3600)) * dt.timedelta(seconds=1)
    start = max(deadline - before, effective)
    straddling = Window(in_zone(start, draw(cs.zones())), in_zone(deadline + after, draw(cs.zones())))
    obligation = DeadlineObligation(id="o1", bearers=["p1"], summary="hand over", due=original)
    changes = [] if moved is None else [_move(moved, effective)]
    agreement = Agreement(
        id="edge", title="edge", zone=zone, parties=[Party(id="p1", name="P", roles=["party"])],
        announced=Window.exact(effective), effective=effective,
        points=[Point(number=1, summary="one", obligations=[obligation])], amendments=changes,
        sources=[Source(id="s1", title="report")],
    )
    return Edge(agreement, "o1", deadline, straddling, after)


def _move(due: Due, effective: dt.datetime) -> Amendment:
    """An amendment, in force from when the agreement is, moving ``o1``'s deadline to ``due``."""
    return Amendment(
        id="a1", kind="move-deadline", summary="moved", obligation="o1", due=due,
        agreed=Window.exact(effective), announced=Window.exact(effective), sources=[Citation(source="s1")],
    )


def fulfilment(window: Window) -> EventLog:
    """A log of one event fulfilling ``o1`` within ``window``, reported when it surely happened."""
    event = Event(
        id="e1", kind="handover", summary="handed over", occurred=window, reported=Window.exact(window.latest),
        links=[Link(obligation="o1", role="fulfils")], sources=[Citation(source="s1")],
    )
    return EventLog(events=[event])


__all__ = ["TICK", "Case", "Edge", "cases", "edges", "fulfilment"]


class Term(NamedTuple):
    """A renewable term in a zone, starting at ``start``, and how many periods to look at."""

    zone: str
    start: dt.datetime
    period: dict[str, int]
    renewal: dict[str, int] | None
    notice: dict[str, int] | None
    periods: int


_PARTS = st.dictionaries(st.sampled_from(["years", "months", "weeks", "days"]), st.integers(1, 5), min_size=1, max_size=2)
_AWKWARD_DAYS = st.sampled_from([dt.date(2024, 2, 29), dt.date(2020, 2, 29), dt.date(2021, 1, 31), dt.date(2021, 8, 31), dt.date(2022, 3, 30)])
_AWKWARD_TIMES = st.sampled_from([dt.time(0, 0), dt.time(2, 30), dt.time(1, 30), dt.time(0, 30), dt.time(23, 59, 59, 999_999), dt.time(12, 0)])


@st.composite
def terms(draw: st.DrawFn) -> Term:
    """Terms that start on awkward days (29 February, month ends) at awkward times (in or next to clock changes)."""
    from ._compare import resolve

    zone = draw(st.sampled_from(cs.DST_ZONES) | cs.zones())
    day = draw(_AWKWARD_DAYS | st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2045, 12, 31)))
    clock = draw(_AWKWARD_TIMES | st.times())
    start = resolve(dt.datetime.combine(day, clock), zone)
    renewal = draw(st.none() | _PARTS)
    notice = draw(st.none() | st.dictionaries(st.sampled_from(["months", "days"]), st.integers(1, 6), min_size=1, max_size=2))
    return Term(zone, start, draw(_PARTS), renewal, notice, draw(st.integers(1, 4)))
