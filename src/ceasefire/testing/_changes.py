"""Strategies for what happens after signing: amendments, links and events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from hypothesis import strategies as st

from .. import time as cftime
from ..model import Amendment, Dispute, Event, Link
from ..time import Window
from ._parts import PHRASES, QUANTITIES, Obligation, draw_citation, draw_due, draw_obligation
from ._time import DEFAULT_MAX, DEFAULT_MIN, draw_window, drawn

ROLES = ("fulfils", "advances", "breaches", "ends", "context")
AMENDMENT_KINDS = ("move-deadline", "suspend", "resume", "end", "supplement")
EVENT_KINDS = ("handover", "withdrawal", "clash", "deployment", "statement")
_CONFIDENCE = st.sampled_from([None, 0.0, 0.5, 0.95, 1.0])
_DELAY_HOURS = st.one_of(st.just(0), st.integers(0, 72), st.integers(0, 30 * 24))
"""How long after something began it was reported or announced, in hours; shrinks toward zero."""


def links(*, obligations: Sequence[str] = ("o1",), roles: Sequence[str] = ROLES) -> st.SearchStrategy[Link]:
    """Links from an event to one of ``obligations``; shrinks toward a person's link fulfilling the first one."""
    if not obligations or not roles:
        raise ValueError("links need at least one obligation id and one role")
    return drawn(draw_link, {"obligations": tuple(obligations), "roles": tuple(roles)})


def draw_link(draw: st.DrawFn, *, obligations: Sequence[str], roles: Sequence[str]) -> Link:
    """Draw one link; see :func:`links`."""
    return Link(
        obligation=draw(st.sampled_from(tuple(obligations))),
        role=draw(st.sampled_from(tuple(roles))),
        made_by=draw(st.sampled_from(["person", "rule", "extraction"])),
        confidence=draw(_CONFIDENCE),
    )


def _later(draw: st.DrawFn, start: Window, high: dt.datetime) -> Window:
    """A window that begins some hours after ``start`` begins (never before it)."""
    begins = start.earliest + dt.timedelta(hours=draw(_DELAY_HOURS))
    return draw_window(draw, begins, max(begins, high), dt.timedelta(days=1))


def events(
    *,
    ids: str = "e1",
    obligations: Sequence[str] = ("o1",),
    sources: Sequence[str] = ("s1",),
    min_value: dt.datetime = DEFAULT_MIN,
    max_value: dt.datetime = DEFAULT_MAX,
    parties: Sequence[str] = (),
    roles: Sequence[str] = ROLES,
) -> st.SearchStrategy[Event]:
    """Events that happened in ``[min_value, max_value]``, citing ``sources`` and linked to ``obligations``.

    Each is reported at or after it began. Shrinks toward an exact event at
    ``min_value`` with no links, reported at once.
    """
    options = {"ids": ids, "obligations": tuple(obligations), "sources": tuple(sources), "parties": tuple(parties), "roles": tuple(roles),
               "occurred": lambda draw: draw_window(draw, min_value, max_value, dt.timedelta(days=2)), "high": max_value}
    return drawn(draw_event, options)


def draw_event(draw: st.DrawFn, *, ids: str, obligations: Sequence[str], sources: Sequence[str], parties: Sequence[str],
               roles: Sequence[str], occurred: Callable[[st.DrawFn], Window], high: dt.datetime) -> Event:
    """Draw one event whose occurrence window comes from ``occurred``; see :func:`events`."""
    when = occurred(draw)
    return Event(
        id=ids,
        kind=draw(st.sampled_from(EVENT_KINDS)),
        summary=draw(PHRASES),
        occurred=when,
        reported=_later(draw, when, max(high, when.latest)),
        actors=draw(st.lists(st.sampled_from(tuple(parties)), max_size=2, unique=True)) if parties else [],
        quantities=draw(st.lists(QUANTITIES, max_size=1)),
        links=[draw_link(draw, obligations=obligations, roles=roles) for _ in range(draw(st.integers(0, 3)))] if obligations else [],
        disputed_by=[Dispute(party=p) for p in draw(st.lists(st.sampled_from(tuple(parties)), max_size=1))] if parties else [],
        sources=[draw_citation(draw, sources=sources) for _ in range(draw(st.integers(1, 2)))],
        status=draw(st.sampled_from(["accepted", "accepted", "candidate"])),
    )


def amendments(
    *,
    ids: str = "a1",
    kinds: Sequence[str] = AMENDMENT_KINDS,
    obligations: Sequence[str] = ("o1",),
    deadlines: Mapping[str, dt.datetime] | None = None,
    points: Sequence[int] = (1,),
    new_ids: Sequence[str] = ("o-added-1",),
    parties: Sequence[str] = ("p1",),
    sources: Sequence[str] = ("s1",),
    min_value: dt.datetime = DEFAULT_MIN,
    max_value: dt.datetime = DEFAULT_MAX,
    zone: str = "UTC",
) -> st.SearchStrategy[Amendment]:
    """Amendments of any of ``kinds`` that name only what exists, agreed within ``[min_value, max_value]``.

    ``suspend``, ``resume`` and ``end`` change one of ``obligations``;
    ``move-deadline`` changes one of ``deadlines`` (a mapping from obligation
    id to the earliest instant its deadline may fall) to a new deadline no
    earlier than that; ``supplement`` adds obligations with ``new_ids`` to
    one of ``points``. Shrinks toward suspending the first obligation,
    agreed and announced at ``min_value``.
    """
    possible = possible_amendment_kinds(kinds, obligations, deadlines or {}, points, new_ids)
    return drawn(draw_amendment, {"ids": ids, "kinds": possible, "obligations": tuple(obligations), "deadlines": dict(deadlines or {}),
                                  "points": tuple(points), "new_ids": tuple(new_ids), "parties": tuple(parties),
                                  "sources": tuple(sources), "low": min_value, "high": max_value, "zone": zone})


def possible_amendment_kinds(kinds: Sequence[str], obligations: Sequence[str], deadlines: Mapping[str, dt.datetime],
                             points: Sequence[int], new_ids: Sequence[str]) -> tuple[str, ...]:
    """The kinds in ``kinds`` that have something to act on, simplest first."""
    usable = {
        "suspend": bool(obligations), "resume": bool(obligations), "end": bool(obligations),
        "move-deadline": bool(deadlines), "supplement": bool(points) and bool(new_ids),
    }
    found = tuple(k for k in ("suspend", "resume", "end", "move-deadline", "supplement") if k in kinds and usable[k])
    if not found:
        raise ValueError(f"none of the amendment kinds {list(kinds)!r} has an obligation, deadline or point to act on")
    return found


def draw_amendment(draw: st.DrawFn, *, ids: str, kinds: Sequence[str], obligations: Sequence[str], deadlines: Mapping[str, dt.datetime],
                   points: Sequence[int], new_ids: Sequence[str], parties: Sequence[str], sources: Sequence[str],
                   low: dt.datetime, high: dt.datetime, zone: str) -> Amendment:
    """Draw one amendment; see :func:`amendments`."""
    kind = draw(st.sampled_from(tuple(kinds)))
    agreed = draw_window(draw, low, high, dt.timedelta(days=1))
    fields: dict[str, object] = {
        "id": ids,
        "kind": kind,
        "summary": draw(PHRASES),
        "agreed": agreed,
        "announced": _later(draw, agreed, max(high, agreed.latest)),
        "effective": draw_window(draw, agreed.earliest, max(high, agreed.latest), dt.timedelta(days=1)) if draw(st.booleans()) else None,
        "requested_by": draw(st.lists(st.sampled_from(tuple(parties)), max_size=1)),
        "granted_by": draw(st.lists(st.sampled_from(tuple(parties)), max_size=2, unique=True)),
        "sources": [draw_citation(draw, sources=sources) for _ in range(draw(st.integers(1, 2)))],
    }
    if kind == "move-deadline":
        target = draw(st.sampled_from(sorted(deadlines)))
        fields |= {"obligation": target, "due": draw_due(draw, low=deadlines[target], high=max(high, deadlines[target]), zone=zone, forms=("by", "at"))}
    elif kind == "supplement":
        added = [draw_obligation(draw, kinds=("deadline", "standing", "progress", "term"), ids=new_ids[i], parties=parties,
                                 sources=sources, low=low, high=high, zone=zone) for i in range(draw(st.integers(1, len(new_ids))))]
        fields |= {"point": draw(st.sampled_from(tuple(points))), "obligations": added}
    else:
        fields["obligation"] = draw(st.sampled_from(tuple(obligations)))
    return Amendment(**fields)  # type: ignore[arg-type]


def deadline_floor(obligation: Obligation, agreement_effective: dt.datetime) -> dt.datetime:
    """The earliest instant a (moved) deadline of ``obligation`` may fall: when it takes effect."""
    return cftime.instant(obligation.effective or agreement_effective)
