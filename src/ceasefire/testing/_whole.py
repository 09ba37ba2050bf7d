"""Strategies for whole agreements and event logs whose cross-references hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hypothesis import strategies as st

from .. import time as cftime
from ..model import OBLIGATION_KINDS, Agreement, DeadlineObligation, EventLog, Party, Point
from ..time import Window
from ._changes import AMENDMENT_KINDS, ROLES, deadline_floor, draw_amendment, draw_event, possible_amendment_kinds
from ._landmarks import draw_near, landmarks
from ._parts import Obligation, draw_obligation, draw_source, texts
from ._time import DEFAULT_MAX, DEFAULT_MIN, ZONE_NAMES, draw_instant, draw_window, drawn

HORIZON = dt.timedelta(days=60)
"""How far after taking effect an agreement's own deadlines and changes are drawn."""


def agreements(
    *,
    min_value: dt.datetime = DEFAULT_MIN,
    max_value: dt.datetime = DEFAULT_MAX,
    zones: st.SearchStrategy[str] = ZONE_NAMES,
    kinds: Sequence[str] = OBLIGATION_KINDS,
    amendment_kinds: Sequence[str] = AMENDMENT_KINDS,
    max_points: int = 3,
    max_obligations: int = 5,
    max_amendments: int = 3,
) -> st.SearchStrategy[Agreement]:
    """Agreements that pass ceasefire's checks: unique ids, and every reference to something that exists.

    Each takes effect at an instant in ``[min_value, max_value]`` and reads
    its deadlines in a reference zone from ``zones``. Deadlines and
    amendments fall within :data:`HORIZON` of taking effect, so they meet
    and overlap often. Shrinks toward one point with one obligation of the
    first of ``kinds``, no amendments, in force from ``min_value``, read in UTC.
    """
    options = {"low": min_value, "high": max_value, "zones": zones, "kinds": tuple(kinds), "amendment_kinds": tuple(amendment_kinds),
               "max_points": max_points, "max_obligations": max_obligations, "max_amendments": max_amendments}
    return drawn(draw_agreement, options)


def draw_agreement(draw: st.DrawFn, *, low: dt.datetime, high: dt.datetime, zones: st.SearchStrategy[str], kinds: Sequence[str],
                   amendment_kinds: Sequence[str], max_points: int, max_obligations: int, max_amendments: int) -> Agreement:
    """Draw one agreement; see :func:`agreements`."""
    zone = draw(zones)
    effective = draw_instant(draw, cftime.instant(low), cftime.instant(high))
    end = max(effective, min(cftime.instant(high), effective + HORIZON))
    parties = [f"p{i}" for i in range(1, draw(st.integers(1, 3)) + 1)]
    source_list = [draw_source(draw, ids=f"s{i}", low=effective - dt.timedelta(days=5), high=end) for i in range(1, draw(st.integers(1, 3)) + 1)]
    source_ids = [s.id for s in source_list]
    numbers = draw(st.lists(st.integers(1, 12), min_size=1, max_size=max_points, unique=True))
    ids = [f"o{i}" for i in range(1, draw(st.integers(len(numbers), max(len(numbers), max_obligations))) + 1)]
    made: list[Obligation] = [
        draw_obligation(draw, kinds=kinds, ids=oid, parties=parties, sources=source_ids, low=effective, high=end, zone=zone, anchors=ids)
        for oid in ids
    ]
    points = _points(draw, numbers, made)
    changes = []
    for i in range(1, (draw(st.integers(0, max_amendments)) if amendment_kinds else 0) + 1):
        deadlines = {o.id: deadline_floor(o, effective) for o in made if isinstance(o, DeadlineObligation)}
        new_ids = (f"o{len(made) + 1}", f"o{len(made) + 2}")
        possible = possible_amendment_kinds(amendment_kinds, [o.id for o in made], deadlines, numbers, new_ids)
        change = draw_amendment(draw, ids=f"a{i}", kinds=possible, obligations=[o.id for o in made], deadlines=deadlines, points=numbers,
                                new_ids=new_ids, parties=parties, sources=source_ids, low=effective, high=end, zone=zone)
        made += change.obligations
        changes.append(change)
    return Agreement(
        id=draw(st.sampled_from(["test-agreement", "nk-2020", "accord"])),
        title=draw(texts),
        zone=zone,
        local_zone=draw(st.none() | ZONE_NAMES),
        parties=[Party(id=p, name=f"Party {p}", roles=["party"]) for p in parties],
        announced=draw_window(draw, effective - dt.timedelta(days=2), effective, dt.timedelta(hours=12)),
        effective=effective,
        points=points,
        amendments=changes,
        sources=source_list,
    )


def _points(draw: st.DrawFn, numbers: list[int], made: list[Obligation]) -> list[Point]:
    """Spread ``made`` over the points numbered ``numbers``, every point getting at least one."""
    homes = list(range(len(numbers))) + [draw(st.integers(0, len(numbers) - 1)) for _ in made[len(numbers):]]
    return [
        Point(number=n, summary=f"Point {n}", obligations=[o for o, h in zip(made, homes) if h == i])
        for i, n in enumerate(numbers)
    ]


def obligation_ids(agreement: Agreement) -> list[str]:
    """Every obligation id of ``agreement``, those added by supplements included."""
    found = [o.id for p in agreement.points for o in p.obligations]
    return found + [o.id for a in agreement.amendments for o in a.obligations]


def event_logs(
    agreement: Agreement, *, min_events: int = 0, max_events: int = 8, max_sources: int = 2, roles: Sequence[str] = ROLES
) -> st.SearchStrategy[EventLog]:
    """Event logs about ``agreement``: every link names one of its obligations and every citation a known source.

    Events happen on, just before, just after or within hours of the
    agreement's :func:`~ceasefire.testing.strategies.landmarks` (when things
    take effect, deadlines, amendments), so they often fall on the instants
    that decide a status. Each event's links take one of ``roles``. Shrinks
    toward a log of ``min_events`` events.
    """
    if not 0 <= min_events <= max_events:
        raise ValueError(f"expected 0 <= min_events <= max_events; received min_events={min_events}, max_events={max_events}")
    options = {"agreement": agreement, "min_events": min_events, "max_events": max_events, "max_sources": max_sources, "roles": tuple(roles)}
    return drawn(draw_event_log, options)


def draw_event_log(draw: st.DrawFn, *, agreement: Agreement, min_events: int, max_events: int, max_sources: int,
                   roles: Sequence[str]) -> EventLog:
    """Draw one event log; see :func:`event_logs`."""
    marks = landmarks(agreement)
    low, high = marks[0] - dt.timedelta(days=5), marks[-1] + dt.timedelta(days=5)
    own = [draw_source(draw, ids=f"log-s{i}", low=low, high=high) for i in range(1, draw(st.integers(0, max_sources)) + 1)]
    cited = tuple([s.id for s in agreement.sources] + [s.id for s in own])
    ids = tuple(obligation_ids(agreement))
    parties = tuple(p.id for p in agreement.parties)
    found = [
        draw_event(draw, ids=f"e{i}", obligations=ids, sources=cited, parties=parties, roles=roles,
                   occurred=lambda d: _occurred(d, marks), high=high)
        for i in range(1, draw(st.integers(min_events, max_events)) + 1)
    ]
    return EventLog(zone=draw(st.sampled_from([None, agreement.zone])), sources=own, events=found)


def _occurred(draw: st.DrawFn, marks: Sequence[dt.datetime]) -> Window:
    """An occurrence window that starts near one of ``marks``: exact, or up to two days wide."""
    start = draw_near(draw, points=marks)
    minutes = draw(st.one_of(st.just(0), st.integers(0, 2 * 24 * 60)))
    return Window(start, cftime.in_zone(start + dt.timedelta(minutes=minutes), draw(ZONE_NAMES)))


def agreements_with_logs(
    *, min_events: int = 0, max_events: int = 8, roles: Sequence[str] = ROLES, **options: object
) -> st.SearchStrategy[tuple[Agreement, EventLog]]:
    """Pairs of an agreement (from :func:`agreements` with ``options``) and an event log about it (see :func:`event_logs`).

    ``Tracker(agreement, log)`` accepts every pair. Shrinks toward the
    simplest agreement with a log of ``min_events`` events.
    """
    return agreements(**options).flatmap(  # type: ignore[arg-type]
        lambda agreement: event_logs(agreement, min_events=min_events, max_events=max_events, roles=roles).map(lambda log: (agreement, log))
    )
