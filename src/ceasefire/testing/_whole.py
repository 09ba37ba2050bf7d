"""Strategies for whole agreements and event logs whose cross-references hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from hypothesis import strategies as st

from .. import time as cftime
from ..validation import origin_of
from ..model import (
    OBLIGATION_KINDS,
    Agreement,
    Amendment,
    DeadlineObligation,
    EventLog,
    Party,
    Point,
    TermObligation,
)
from ..time import Window
from ._api import (
    StrategyArgumentError,
    check_bounds,
    check_choices,
    check_ids,
    check_instant,
    check_size,
    check_zones,
    defines_strategy,
    draw_id,
    fail,
    show,
)
from ._changes import (
    ALL_AMENDMENT_KINDS,
    AMENDMENT_KINDS,
    ENDING,
    HORIZON,
    ROLES,
    deadline_floor,
    draw_amendment,
    draw_event,
    possible_amendment_kinds,
    report_bounds,
)
from ._landmarks import draw_near, landmarks_of
from ._parts import Obligation, draw_obligation, draw_source, source_texts, texts
from ._time import DEFAULT_MAX, DEFAULT_MIN, ZONE_NAMES, draw_instant, draw_window

__all__ = ["HORIZON", "agreements", "agreements_with_logs", "event_logs", "obligation_ids"]


def _agreement_plan(min_value: Any, max_value: Any, timezones: Any, kinds: Any, amendment_kinds: Any, min_points: Any, max_points: Any,
                    min_obligations: Any, max_obligations: Any, min_amendments: Any, max_amendments: Any) -> dict[str, Any]:
    """The checked options of :func:`agreements`."""
    low, high = check_bounds(min_value, max_value)
    fewest_points, most_points = check_size(min_points, max_points, "points", floor=1)
    fewest, most = check_size(min_obligations, max_obligations, "obligations", floor=1)
    if most < fewest_points:
        raise StrategyArgumentError(f"max_obligations={most} is less than min_points={fewest_points}: every point holds at least one obligation")
    fewest_changes, most_changes = check_size(min_amendments, max_amendments, "amendments")
    chosen_kinds = check_choices(kinds, OBLIGATION_KINDS, "kinds")
    changes = check_choices(amendment_kinds, ALL_AMENDMENT_KINDS, "amendment_kinds", empty_ok=True)
    if set(changes) == {ENDING} and fewest_changes > 1:
        raise fail("min_amendments", min_amendments, "at most 1 when amendment_kinds is only 'end-agreement': an agreement ends once")
    if fewest_changes and not changes:
        raise fail("amendment_kinds", amendment_kinds, f"at least one kind, since min_amendments={fewest_changes}")
    if fewest_changes and set(changes) == {"move-deadline"} and "deadline" not in chosen_kinds:
        raise fail("amendment_kinds", amendment_kinds, "a kind other than move-deadline, or 'deadline' among kinds: there is no deadline to move")
    return {"low": low, "high": high, "zones": check_zones(timezones), "kinds": chosen_kinds, "amendment_kinds": changes,
            "points": (fewest_points, most_points), "obligations": (fewest, most), "amendments": (fewest_changes, most_changes)}


@defines_strategy(lambda draw, **plan: draw_agreement(draw, **plan))
def agreements(
    *,
    min_value: dt.datetime = DEFAULT_MIN,
    max_value: dt.datetime = DEFAULT_MAX,
    timezones: st.SearchStrategy[str] | st.SearchStrategy[dt.tzinfo] | None = None,
    kinds: Sequence[str] = OBLIGATION_KINDS,
    amendment_kinds: Sequence[str] = AMENDMENT_KINDS,
    min_points: int = 1,
    max_points: int = 3,
    min_obligations: int = 1,
    max_obligations: int = 5,
    min_amendments: int = 0,
    max_amendments: int = 3,
) -> st.SearchStrategy[Agreement]:
    """Agreements that pass ceasefire's checks: unique ids, and every reference to something that exists.

    Each takes effect at an instant in ``[min_value, max_value]`` and reads
    its deadlines in a reference zone from ``timezones`` (a strategy of zone
    names or tzinfo objects). Every point holds at least one obligation, of
    ``kinds``. Deadlines and amendments (of ``amendment_kinds``, as many as
    there is something to amend) fall within 60 days of taking effect, so
    they meet and overlap often. ``end-agreement`` (in
    :data:`ALL_AMENDMENT_KINDS`, not drawn by default) comes at most once. Shrinks toward ``min_points`` points with
    ``min_obligations`` obligations of the first of ``kinds`` and
    ``min_amendments`` amendments, in force from ``min_value``, read in UTC.
    """
    return _agreement_plan(min_value, max_value, timezones, kinds, amendment_kinds, min_points, max_points, min_obligations,
                           max_obligations, min_amendments, max_amendments)


def draw_agreement(draw: st.DrawFn, *, low: dt.datetime, high: dt.datetime, zones: st.SearchStrategy[str], kinds: Sequence[str],
                   amendment_kinds: Sequence[str], points: tuple[int, int], obligations: tuple[int, int],
                   amendments: tuple[int, int]) -> Agreement:
    """Draw one agreement; see :func:`agreements`."""
    zone = draw(zones)
    effective = draw_instant(draw, low, high)
    end = max(effective, min(high, effective + HORIZON))
    parties = [f"p{i}" for i in range(1, draw(st.integers(1, 3)) + 1)]
    source_list = [draw_source(draw, ids=f"s{i}", low=effective - dt.timedelta(days=5), high=end) for i in range(1, draw(st.integers(1, 3)) + 1)]
    source_ids = [s.id for s in source_list]
    most_points = min(points[1], obligations[1])
    numbers = draw(st.lists(st.integers(1, 12), min_size=points[0], max_size=most_points, unique=True))
    ids = [f"o{i}" for i in range(1, draw(st.integers(max(len(numbers), obligations[0]), obligations[1])) + 1)]
    deadline_first = set(amendment_kinds) == {"move-deadline"} and amendments[0] > 0
    made: list[Obligation] = [
        draw_obligation(draw, kinds=("deadline",) if deadline_first and i == 0 else kinds, ids=oid, parties=parties, sources=source_ids,
                        low=effective, high=end, zone=zone, anchors=ids[:i])
        for i, oid in enumerate(ids)
    ]
    placed = _points(draw, numbers, made)
    changes: list[Amendment] = []
    for i in range(1, (draw(st.integers(*amendments)) if amendment_kinds else 0) + 1):
        deadlines = {o.id: deadline_floor(o, effective) for o in made if isinstance(o, DeadlineObligation)}
        new_ids = (f"o{len(made) + 1}", f"o{len(made) + 2}")
        ended = any(c.kind == ENDING for c in changes)
        if ended and set(amendment_kinds) == {ENDING}:
            break  # the one ending is drawn; nothing else was asked for
        possible = possible_amendment_kinds(amendment_kinds, [o.id for o in made], deadlines, numbers, new_ids, ended=ended)
        change = draw_amendment(draw, ids=f"a{i}", kinds=possible, obligations=[o.id for o in made], deadlines=deadlines, points=numbers,
                                new_ids=new_ids, parties=parties, sources=source_ids, low=effective, high=end, zone=zone)
        made += change.obligations
        changes.append(change)
    return show(Agreement(
        id=draw(st.sampled_from(["test-agreement", "nk-2020", "accord"])),
        title=draw(texts),
        zone=zone,
        local_zone=draw(st.none() | ZONE_NAMES),
        parties=[Party(id=p, name=f"Party {p}", roles=["party"]) for p in parties],
        announced=draw_window(draw, effective - dt.timedelta(days=2), effective, dt.timedelta(hours=12)),
        effective=effective,
        points=placed,
        amendments=changes,
        sources=source_list,
    ))


def _points(draw: st.DrawFn, numbers: list[int], made: list[Obligation]) -> list[Point]:
    """Spread ``made`` over the points numbered ``numbers``, every point getting at least one."""
    homes = list(range(len(numbers))) + [draw(st.integers(0, len(numbers) - 1)) for _ in made[len(numbers):]]
    return [
        Point(number=n, summary=f"Point {n}", obligations=[o for o, h in zip(made, homes) if h == i])
        for i, n in enumerate(numbers)
    ]


def obligation_ids(agreement: Agreement) -> list[str]:
    """Every obligation id of ``agreement``, those added by supplements included (a helper, not a strategy)."""
    found = [o.id for p in agreement.points for o in p.obligations]
    return found + [o.id for a in agreement.amendments for o in a.obligations]


def _log_plan(agreement: Any, min_value: Any, max_value: Any, obligations: Any, roles: Any, min_events: Any, max_events: Any,
              min_sources: Any, max_sources: Any, reported_after: Any, reported_before: Any) -> dict[str, Any]:
    """The checked options of :func:`event_logs`; its landmarks, bounds and the texts of file-backed sources."""
    if not isinstance(agreement, Agreement):
        raise fail("agreement", agreement, "an Agreement, e.g. ceasefire.load_agreement('accord.yaml')")
    marks = landmarks_of(agreement)
    low = check_instant(min_value, "min_value") if min_value is not None else marks[0] - dt.timedelta(days=5)
    high = check_instant(max_value, "max_value") if max_value is not None else marks[-1] + dt.timedelta(days=5)
    low, high = check_bounds(low, high)
    fewest, most = check_size(min_events, max_events, "events")
    fewest_sources, most_sources = check_size(min_sources, max_sources, "sources")
    everything = obligation_ids(agreement)
    linked = tuple(everything) if obligations is None else check_ids(obligations, "obligations", empty_ok=True, known=everything)
    after, before = report_bounds(reported_after, reported_before, low)
    last = high if before is None else min(high, before)
    near = tuple(m for m in marks if low - dt.timedelta(hours=48) <= m <= last + dt.timedelta(hours=48))
    terms = {o.id: tuple(o.notice_by) or tuple(p.id for p in agreement.parties)
             for p in agreement.points for o in p.obligations if isinstance(o, TermObligation) and o.id in linked}
    terms |= {o.id: tuple(o.notice_by) or tuple(p.id for p in agreement.parties)
              for a in agreement.amendments for o in a.obligations if isinstance(o, TermObligation) and o.id in linked}
    return {"agreement": agreement, "marks": near, "low": low, "high": high, "last": last, "obligations": linked,
            "roles": check_choices(roles, ROLES, "roles"), "events": (fewest, most), "sources": (fewest_sources, most_sources),
            "reported_after": after, "reported_before": before, "terms": terms,
            "texts": source_texts(agreement.sources, origin_of(agreement, "<agreement>").roots)}


@defines_strategy(lambda draw, **plan: draw_event_log(draw, **plan))
def event_logs(
    agreement: Agreement,
    *,
    min_value: dt.datetime | None = None,
    max_value: dt.datetime | None = None,
    obligations: Sequence[str] | None = None,
    roles: Sequence[str] = ROLES,
    min_events: int = 0,
    max_events: int = 8,
    min_sources: int = 0,
    max_sources: int = 2,
    reported_after: dt.datetime | None = None,
    reported_before: dt.datetime | None = None,
) -> st.SearchStrategy[EventLog]:
    """Event logs about ``agreement`` that ``Tracker(agreement, log)`` accepts.

    Every link names one of ``obligations`` (all of the agreement's by
    default) with one of ``roles``; every citation names a known source,
    and a source with a local file (such as the bundled statement's
    ``seed-002``) is quoted only with words copied from that file, or not at
    all. Events begin on, just before, just after or within hours of the
    agreement's :func:`landmarks_of` (when things take effect, deadlines,
    amendments, notice dates), within ``[min_value, max_value]`` (five days
    either side of the landmarks by default). A ``notice`` link (``ends``
    before the model had ``notice``) goes only to a term with a notice
    period, with a party that may give notice among the actors. With
    ``reported_after`` every report starts after that instant; with
    ``reported_before`` every report ends by it. Event ids never repeat
    within one example. Shrinks toward a log of ``min_events`` events and
    ``min_sources`` sources of its own.
    """
    return _log_plan(agreement, min_value, max_value, obligations, roles, min_events, max_events, min_sources, max_sources,
                     reported_after, reported_before)


def draw_event_log(draw: st.DrawFn, *, agreement: Agreement, marks: Sequence[dt.datetime], low: dt.datetime, high: dt.datetime,
                   last: dt.datetime, obligations: Sequence[str], roles: Sequence[str], events: tuple[int, int], sources: tuple[int, int],
                   reported_after: dt.datetime | None, reported_before: dt.datetime | None, terms: Mapping[str, Sequence[str]],
                   texts: Mapping[str, str | None]) -> EventLog:
    """Draw one event log; see :func:`event_logs`."""
    own = [draw_source(draw, ids=draw_id(draw, "log-s"), low=low, high=high) for _ in range(draw(st.integers(*sources)))]
    cited = tuple([s.id for s in agreement.sources] + [s.id for s in own])
    parties = tuple(p.id for p in agreement.parties)
    found = [
        draw_event(draw, ids=draw_id(draw, "e"), obligations=obligations, sources=cited, parties=parties, roles=roles,
                   occurred=lambda d: _occurred(d, marks, low, last), high=high, reported_after=reported_after,
                   reported_before=reported_before, texts=texts, terms=terms)
        for _ in range(draw(st.integers(*events)))
    ]
    return show(EventLog(zone=draw(st.sampled_from([None, agreement.zone])), sources=own, events=found))


def _occurred(draw: st.DrawFn, marks: Sequence[dt.datetime], low: dt.datetime, high: dt.datetime) -> Window:
    """An occurrence window in ``[low, high]`` that starts near one of ``marks``: exact, or up to two days wide."""
    start = draw_near(draw, points=marks, low=low, high=high)
    minutes = draw(st.one_of(st.just(0), st.integers(0, 2 * 24 * 60)))
    return Window(start, cftime.in_zone(min(high, start + dt.timedelta(minutes=minutes)), draw(ZONE_NAMES)))


def _pair_plan(**options: Any) -> dict[str, Any]:
    log_options = {k: options.pop(k) for k in ("obligations", "roles", "min_events", "max_events", "min_sources", "max_sources")}
    plan = _agreement_plan(**options)
    _log_plan(_EXAMPLE_AGREEMENT, None, None, None, log_options["roles"], log_options["min_events"], log_options["max_events"],
              log_options["min_sources"], log_options["max_sources"], None, None)
    return {"agreement": plan, "log": log_options}


def _draw_pair(draw: st.DrawFn, *, agreement: Mapping[str, Any], log: Mapping[str, Any]) -> tuple[Agreement, EventLog]:
    made = draw_agreement(draw, **agreement)
    plan = _log_plan(made, None, None, None, log["roles"], log["min_events"], log["max_events"], log["min_sources"], log["max_sources"],
                     None, None)
    return made, draw_event_log(draw, **plan)


@defines_strategy(_draw_pair)
def agreements_with_logs(
    *,
    min_value: dt.datetime = DEFAULT_MIN,
    max_value: dt.datetime = DEFAULT_MAX,
    timezones: st.SearchStrategy[str] | st.SearchStrategy[dt.tzinfo] | None = None,
    kinds: Sequence[str] = OBLIGATION_KINDS,
    amendment_kinds: Sequence[str] = AMENDMENT_KINDS,
    min_points: int = 1,
    max_points: int = 3,
    min_obligations: int = 1,
    max_obligations: int = 5,
    min_amendments: int = 0,
    max_amendments: int = 3,
    roles: Sequence[str] = ROLES,
    min_events: int = 0,
    max_events: int = 8,
    min_sources: int = 0,
    max_sources: int = 2,
) -> st.SearchStrategy[tuple[Agreement, EventLog]]:
    """Pairs of an agreement (see :func:`agreements`) and an event log about it (see :func:`event_logs`).

    ``Tracker(agreement, log)`` accepts every pair. Shrinks toward the
    simplest agreement with a log of ``min_events`` events.
    """
    return _pair_plan(min_value=min_value, max_value=max_value, timezones=timezones, kinds=kinds, amendment_kinds=amendment_kinds,
                      min_points=min_points, max_points=max_points, min_obligations=min_obligations, max_obligations=max_obligations,
                      min_amendments=min_amendments, max_amendments=max_amendments, obligations=None, roles=roles,
                      min_events=min_events, max_events=max_events, min_sources=min_sources, max_sources=max_sources)


_EXAMPLE_AGREEMENT = Agreement(
    id="example", title="example", zone="UTC", parties=[Party(id="p1", name="P", roles=["party"])],
    announced=Window.exact(DEFAULT_MIN), effective=DEFAULT_MIN,
    points=[Point(number=1, summary="one", obligations=[DeadlineObligation.model_validate(
        {"id": "o1", "bearers": ["p1"], "summary": "x", "due": {"by": "2000-01-02"}})])],
)
"""A tiny agreement the log options of :func:`agreements_with_logs` are checked against when it is defined."""
