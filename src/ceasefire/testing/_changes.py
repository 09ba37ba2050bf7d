"""Strategies for what happens after signing: amendments, links and events."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from hypothesis import strategies as st

from .. import time as cftime
from ..validation import origin_of
from ..model import Agreement, Amendment, DeadlineObligation, Dispute, Event, Link, Role
from ..time import Window
from ._api import (
    StrategyArgumentError,
    check_bounds,
    check_choices,
    check_ids,
    check_instant,
    check_prefix,
    check_zone_name,
    defines_strategy,
    draw_id,
    fail,
    pick,
    some,
)
from ._parts import (
    PHRASES,
    QUANTITIES,
    Obligation,
    draw_citation,
    draw_due,
    draw_obligation,
    source_texts,
)
from ._time import DEFAULT_MAX, DEFAULT_MIN, draw_window

ROLES: tuple[str, ...] = tuple(typing.get_args(Role))
"""Every role a link can take, as the model defines them."""
NOTICE_ROLE = "notice" if "notice" in ROLES else "ends"
"""The role of a party's notice that it means to end a term (``ends`` before the model had ``notice``)."""
AMENDMENT_KINDS = ("move-deadline", "suspend", "resume", "end", "supplement")
"""The amendment kinds drawn by default: changes to single obligations and supplements."""
ENDING = "end-agreement"
ALL_AMENDMENT_KINDS = (*AMENDMENT_KINDS, ENDING)
"""Every amendment kind, with ``end-agreement`` (an agreed end of the whole agreement), which is drawn only when asked for:
after it takes effect every obligation reads ``ended``, which properties about the other kinds rarely expect."""
ENDINGS: tuple[str, ...] = ("terminated", "superseded", "collapsed", "expired")
EVENT_KINDS = ("handover", "withdrawal", "clash", "deployment", "statement")
HORIZON = dt.timedelta(days=60)
"""How far after taking effect an agreement's own deadlines and changes are drawn."""
TICK = dt.timedelta(microseconds=1)
_CONFIDENCE = st.sampled_from([None, 0.0, 0.5, 0.95, 1.0])
_DELAY_HOURS = st.one_of(st.just(0), st.integers(0, 72), st.integers(0, 30 * 24))
"""How long after something began it was reported or announced, in hours; shrinks toward zero."""


@defines_strategy(lambda draw, **plan: draw_link(draw, **plan))
def links(*, obligations: Sequence[str] = ("o1",), roles: Sequence[str] = ROLES) -> st.SearchStrategy[Link]:
    """Links from an event to one of ``obligations``, with one of ``roles``; shrinks toward a person's link fulfilling the first one."""
    return {"obligations": check_ids(obligations, "obligations"), "roles": check_choices(roles, ROLES, "roles")}


def draw_link(draw: st.DrawFn, *, obligations: Sequence[str], roles: Sequence[str], role: str | None = None) -> Link:
    """Draw one link; see :func:`links`."""
    return Link(
        obligation=draw(pick(tuple(obligations))),
        role=cast(Role, role or draw(pick(tuple(roles)))),
        made_by=draw(st.sampled_from(["person", "rule", "extraction"])),
        confidence=draw(_CONFIDENCE),
    )


def later(draw: st.DrawFn, start: Window, high: dt.datetime, *, after: dt.datetime | None = None,
          before: dt.datetime | None = None) -> Window:
    """A window that begins some hours after ``start`` begins (never before it), after ``after`` and ending by ``before``."""
    begins = start.earliest + dt.timedelta(hours=draw(_DELAY_HOURS))
    if after is not None:
        begins = max(begins, after + TICK)
    if before is not None:
        begins = max(start.earliest, min(begins, before))
        return draw_window(draw, begins, begins, min(dt.timedelta(days=1), before - begins), end_by=before)
    return draw_window(draw, begins, max(begins, high), dt.timedelta(days=1))


def _draw_events(draw: st.DrawFn, *, prefix: str, low: dt.datetime, high: dt.datetime, **plan: Any) -> Event:
    last = high if plan["reported_before"] is None else min(high, plan["reported_before"])
    return draw_event(draw, ids=draw_id(draw, prefix), occurred=lambda d: draw_window(d, low, last, dt.timedelta(days=2), end_by=last),
                      high=high, **plan)


@defines_strategy(_draw_events)
def events(
    *,
    min_value: dt.datetime = DEFAULT_MIN,
    max_value: dt.datetime = DEFAULT_MAX,
    agreement: Agreement | None = None,
    obligations: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    parties: Sequence[str] | None = None,
    roles: Sequence[str] = ROLES,
    id_prefix: str = "e",
    reported_after: dt.datetime | None = None,
    reported_before: dt.datetime | None = None,
) -> st.SearchStrategy[Event]:
    """Events that began in ``[min_value, max_value]``, citing ``sources`` and linked to ``obligations`` with ``roles``.

    Given an ``agreement``, obligations, sources and parties default to its
    own (and any named must be its own); otherwise they default to ``o1``,
    ``s1`` and none. Ids are ``id_prefix`` and a number, never repeated
    within one example. Each event is reported at or after it began; with
    ``reported_after`` its report window starts strictly after that
    instant (so it is unknown then), with ``reported_before`` it ends by it
    (so it is known then). Shrinks toward an exact event at ``min_value``
    with no links, reported at once.
    """
    low, high = check_bounds(min_value, max_value)
    ids = None if agreement is None else _agreement(agreement)
    obligations = check_ids(obligations if obligations is not None else (ids["obligations"] if ids else ("o1",)), "obligations",
                            empty_ok=True, known=ids["obligations"] if ids else None)
    sources = check_ids(sources if sources is not None else (ids["sources"] if ids else ("s1",)), "sources",
                        known=ids["sources"] if ids else None)
    parties = check_ids(parties if parties is not None else (ids["parties"] if ids else ()), "parties", empty_ok=True,
                        known=ids["parties"] if ids else None)
    after, before = report_bounds(reported_after, reported_before, low)
    return {"prefix": check_prefix(id_prefix), "low": low, "high": high, "obligations": obligations, "sources": sources, "parties": parties,
            "roles": check_choices(roles, ROLES, "roles"), "reported_after": after, "reported_before": before}


def _agreement(agreement: Any) -> dict[str, tuple[Any, ...]]:
    """The ids an agreement offers: obligations, sources, parties, points."""
    if not isinstance(agreement, Agreement):
        raise fail("agreement", agreement, "an Agreement, e.g. ceasefire.load_agreement('accord.yaml')")
    obligations = tuple(o.id for p in agreement.points for o in p.obligations) + tuple(o.id for a in agreement.amendments for o in a.obligations)
    return {"obligations": obligations, "sources": tuple(s.id for s in agreement.sources), "parties": tuple(p.id for p in agreement.parties),
            "points": tuple(p.number for p in agreement.points)}


def report_bounds(after: Any, before: Any, low: dt.datetime) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The checked ``reported_after`` and ``reported_before`` cut-offs."""
    after = None if after is None else check_instant(after, "reported_after")
    before = None if before is None else check_instant(before, "reported_before")
    if after is not None and before is not None and after >= before:
        raise StrategyArgumentError(f"reported_after={after.isoformat()} is not before reported_before={before.isoformat()}")
    if before is not None and before < low:
        raise StrategyArgumentError(f"reported_before={before.isoformat()} is before min_value={low.isoformat()}: nothing that began "
                              "in range could be reported by then")
    return after, before


def draw_event(draw: st.DrawFn, *, ids: str, obligations: Sequence[str], sources: Sequence[str], parties: Sequence[str],
               roles: Sequence[str], occurred: Callable[[st.DrawFn], Window], high: dt.datetime,
               reported_after: dt.datetime | None = None, reported_before: dt.datetime | None = None,
               texts: Mapping[str, str | None] | None = None, terms: Mapping[str, Sequence[str]] | None = None) -> Event:
    """Draw one event whose occurrence window comes from ``occurred``; see :func:`events`.

    ``terms`` maps each term obligation with notice to the parties that may
    give it: only those get a notice link, and the notice's giver is among
    the event's actors.
    """
    when = occurred(draw)
    made = [draw_link(draw, obligations=obligations, roles=roles) for _ in range(draw(st.integers(0, 3)))] if obligations else []
    actors = draw(some(tuple(parties), 0, 2)) if parties else []
    kept = []
    for link in made:
        if link.role != NOTICE_ROLE or terms is None:
            kept.append(link)
        elif terms.get(link.obligation):
            kept.append(link)
            giver = draw(st.sampled_from(tuple(terms[link.obligation])))
            actors = actors if giver in actors else [*actors, giver]
    return Event(
        id=ids,
        kind=draw(st.sampled_from(EVENT_KINDS)),
        summary=draw(PHRASES),
        occurred=when,
        reported=later(draw, when, max(high, when.latest), after=reported_after, before=reported_before),
        actors=actors,
        quantities=draw(st.lists(QUANTITIES, max_size=1)),
        links=kept,
        disputed_by=[Dispute(party=p) for p in draw(st.lists(pick(tuple(parties)), max_size=1))] if parties else [],
        sources=[draw_citation(draw, sources=sources, texts=texts) for _ in range(draw(st.integers(1, 2)))],
        status=draw(st.sampled_from(["accepted", "accepted", "candidate"])),
    )


def _draw_amendments(draw: st.DrawFn, *, prefix: str, taken: frozenset[str], new_ids: tuple[str, ...] | None, **plan: Any) -> Amendment:
    own = draw_id(draw, prefix)
    while own in taken:
        own = draw_id(draw, prefix)
    return draw_amendment(draw, ids=own, new_ids=new_ids or (f"{own}.o1", f"{own}.o2"), **plan)


@defines_strategy(_draw_amendments)
def amendments(
    agreement: Agreement | None = None,
    *,
    min_value: dt.datetime | None = None,
    max_value: dt.datetime | None = None,
    kinds: Sequence[str] = AMENDMENT_KINDS,
    id_prefix: str = "a",
    obligations: Sequence[str] | None = None,
    deadlines: Mapping[str, dt.datetime] | None = None,
    points: Sequence[int] | None = None,
    new_ids: Sequence[str] | None = None,
    parties: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    zone: str | None = None,
) -> st.SearchStrategy[Amendment]:
    """Amendments of any of ``kinds`` that name only what exists, agreed within ``[min_value, max_value]``.

    Given an ``agreement``, everything else is filled in from it: the
    obligations to suspend, resume or end, the deadline obligations to move
    (never before they take effect), the points to supplement, parties,
    sources and zone, and ids that it does not use yet; changes are agreed
    within 60 days of it taking effect unless bounds are given. Without
    one, ``suspend``, ``resume`` and ``end`` change one of ``obligations``
    (default ``o1``); ``move-deadline`` changes one of ``deadlines`` (a
    mapping from obligation id to the earliest instant its deadline may
    fall); ``supplement`` adds obligations (ids from ``new_ids``, or the
    amendment's id and ``.o1``) to one of ``points``. Shrinks toward
    suspending the first obligation, agreed and announced at ``min_value``.
    """
    found = None if agreement is None else _agreement(agreement)
    if agreement is not None and found is not None:
        floor = agreement.effective
        low = check_instant(min_value, "min_value") if min_value is not None else cftime.instant(floor)
        high = check_instant(max_value, "max_value") if max_value is not None else max(low, cftime.instant(floor) + HORIZON)
        low, high = check_bounds(low, high)
        known_deadlines = {o.id: deadline_floor(o, floor) for o in _all_obligations(agreement) if isinstance(o, DeadlineObligation)}
        defaults: dict[str, Any] = {"obligations": found["obligations"], "deadlines": known_deadlines, "points": found["points"],
                                    "parties": found["parties"], "sources": found["sources"], "zone": agreement.zone}
        taken = frozenset(a.id for a in agreement.amendments) | frozenset(found["obligations"])
        texts = source_texts(agreement.sources, origin_of(agreement, "<agreement>").roots)
    else:
        low, high = check_bounds(DEFAULT_MIN if min_value is None else min_value, DEFAULT_MAX if max_value is None else max_value)
        defaults = {"obligations": ("o1",), "deadlines": {}, "points": (1,), "parties": ("p1",), "sources": ("s1",), "zone": "UTC"}
        taken = frozenset()
        texts = {}
    chosen_obligations = check_ids(defaults["obligations"] if obligations is None else obligations, "obligations", empty_ok=True,
                                   known=found["obligations"] if found else None)
    chosen_deadlines = _check_deadlines(defaults["deadlines"] if deadlines is None else deadlines, defaults["deadlines"] if found else None)
    chosen_points = _check_points(defaults["points"] if points is None else points, found["points"] if found else None)
    chosen_new = None if new_ids is None else check_ids(new_ids, "new_ids")
    if chosen_new is not None and set(chosen_new) & taken:
        raise fail("new_ids", new_ids, "ids the agreement does not use yet")
    plan = {
        "prefix": check_prefix(id_prefix), "taken": taken, "new_ids": chosen_new, "texts": texts,
        "obligations": chosen_obligations, "deadlines": chosen_deadlines, "points": chosen_points,
        "parties": check_ids(defaults["parties"] if parties is None else parties, "parties", known=found["parties"] if found else None),
        "sources": check_ids(defaults["sources"] if sources is None else sources, "sources", known=found["sources"] if found else None),
        "low": low, "high": high, "zone": check_zone_name(defaults["zone"] if zone is None else zone, "zone"),
    }
    ended = found is not None and agreement is not None and any(a.kind == ENDING for a in agreement.amendments)
    plan["kinds"] = possible_amendment_kinds(check_choices(kinds, ALL_AMENDMENT_KINDS, "kinds"), chosen_obligations, chosen_deadlines,
                                             chosen_points, chosen_new or ("new",), ended=ended)
    return plan


def _all_obligations(agreement: Agreement) -> list[Obligation]:
    return [o for p in agreement.points for o in p.obligations] + [o for a in agreement.amendments for o in a.obligations]


def _check_deadlines(value: Any, known: Mapping[str, dt.datetime] | None) -> dict[str, dt.datetime]:
    if not isinstance(value, Mapping):
        raise fail("deadlines", value, "a mapping from obligation id to the earliest instant its deadline may fall")
    found = {check_ids([k], "deadlines")[0]: check_instant(v, f"deadlines[{k!r}]") for k, v in value.items()}
    if known is not None:
        unknown = sorted(set(found) - set(known))
        if unknown:
            raise fail("deadlines", value, f"deadline obligations of the agreement, e.g. {sorted(known)[:3]}; unknown: {unknown}")
        early = [k for k, v in found.items() if v < known[k]]
        if early:
            raise fail("deadlines", value, f"floors no earlier than when the obligations take effect; too early: {early}")
    return found


def _check_points(value: Any, known: Sequence[int] | None) -> tuple[int, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or any(isinstance(v, bool) or not isinstance(v, int) for v in value):
        raise fail("points", value, "a list of point numbers, e.g. [1, 2]")
    if known is not None and set(value) - set(known):
        raise fail("points", value, f"point numbers of the agreement, e.g. {list(known)[:3]}")
    return tuple(value)


def possible_amendment_kinds(kinds: Sequence[str], obligations: Sequence[str], deadlines: Mapping[str, dt.datetime],
                             points: Sequence[int], new_ids: Sequence[str], *, ended: bool = False) -> tuple[str, ...]:
    """The kinds in ``kinds`` that have something to act on, simplest first; InvalidArgument when none has.

    ``end-agreement`` is usable once per agreement: not when it is ``ended`` already.
    """
    usable = {
        "suspend": bool(obligations), "resume": bool(obligations), "end": bool(obligations),
        "move-deadline": bool(deadlines), "supplement": bool(points) and bool(new_ids), ENDING: not ended,
    }
    found = tuple(k for k in ("suspend", "resume", "end", "move-deadline", "supplement", ENDING) if k in kinds and usable[k])
    if not found:
        raise StrategyArgumentError(f"kinds={list(kinds)!r} is not allowed: none of these amendment kinds has something to act on "
                              "(move-deadline needs deadlines=, supplement needs points=, end-agreement an agreement not already ended, "
                              "the others obligations=)")
    return found


def draw_amendment(draw: st.DrawFn, *, ids: str, kinds: Sequence[str], obligations: Sequence[str], deadlines: Mapping[str, dt.datetime],
                   points: Sequence[int], new_ids: Sequence[str], parties: Sequence[str], sources: Sequence[str],
                   low: dt.datetime, high: dt.datetime, zone: str, texts: Mapping[str, str | None] | None = None) -> Amendment:
    """Draw one amendment; see :func:`amendments`. Sources in ``texts`` are quoted only from their files."""
    kind = draw(pick(tuple(kinds)))
    agreed = draw_window(draw, low, high, dt.timedelta(days=1))
    fields: dict[str, object] = {
        "id": ids,
        "kind": kind,
        "summary": draw(PHRASES),
        "agreed": agreed,
        "announced": later(draw, agreed, max(high, agreed.latest)),
        "effective": draw_window(draw, agreed.earliest, max(high, agreed.latest), dt.timedelta(days=1)) if draw(st.booleans()) else None,
        "requested_by": draw(st.lists(pick(tuple(parties)), max_size=1)),
        "granted_by": draw(some(tuple(parties), 0, 2)),
        "sources": [draw_citation(draw, sources=sources, texts=texts) for _ in range(draw(st.integers(1, 2)))],
    }
    if kind == "move-deadline":
        target = draw(st.sampled_from(sorted(deadlines)))
        fields |= {"obligation": target, "due": draw_due(draw, low=deadlines[target], high=max(high, deadlines[target]), zone=zone, forms=("by", "at"))}
    elif kind == ENDING:
        fields["how"] = draw(st.sampled_from(ENDINGS))
    elif kind == "supplement":
        added = [draw_obligation(draw, kinds=("deadline", "standing", "progress", "term"), ids=new_ids[i], parties=parties,
                                 sources=sources, low=low, high=high, zone=zone, quotable=texts) for i in range(draw(st.integers(1, len(new_ids))))]
        fields |= {"point": draw(pick(tuple(points))), "obligations": added}
    else:
        fields["obligation"] = draw(pick(tuple(obligations)))
    return Amendment(**fields)  # type: ignore[arg-type]


def deadline_floor(obligation: Obligation, agreement_effective: dt.datetime) -> dt.datetime:
    """The earliest instant a (moved) deadline of ``obligation`` may fall: when it takes effect."""
    return cftime.instant(obligation.effective or agreement_effective)
