"""Building the change-point index from the columns, without a loop per event.

The status of a deadline obligation at ``t`` depends on four things: the
deadline in force at ``t``, whether ``t`` is past it, the first progress
report, and the first decisive event (fulfilment or breach). So:

1. The first decisive instant ``f`` of each obligation, and whether it is a
   fulfilment (a fulfilment and a breach at the same instant count as a
   fulfilment, as in the per-event engine), from the few decisive rows.
2. The first progress instant ``p`` of each obligation (full vocabulary only).
3. Deadline segments: the original deadline from the beginning, then one
   segment per ``move-deadline`` row from its instant to the next one; of
   several moves at one instant, the last reported (then the last row) wins.
4. Within a segment with deadline ``d`` starting at ``s`` the status can only
   change at ``s``, at ``d + 1`` microsecond (overdue is strictly after the
   deadline), at ``p`` and at ``f``. The status at each of those candidates
   is a pure function of the instant and ``d``: the deadline rule itself,
   :func:`ceasefire.engine.deadline.decide`, which the Tracker uses too,
   tabulated once over its five facts and read with one array lookup;
   sorting the candidates and dropping repeats gives the timeline.

Only the decisive and amendment rows (about 1% of a feed) are sorted; the
progress rows are reduced with one ``np.minimum.at``.

A standing obligation's status at ``t`` rests on two facts: whether a
breach happened at ``t`` itself (an exact instant is the whole of the time
asked about), and whether one happened before. The standing rule,
:func:`ceasefire.engine.standing.decide`, is tabulated over them the same
way; its changes are at each breach instant and one microsecond after it.

Before any of that, a revised store (one with event codes) keeps only the
rows of each event's current version, by the rules of
:mod:`ceasefire.revisions`: an event's history is its versions (each at its
``version`` instant, the first one at its first report if that is earlier)
and its deletions; under a knowledge cut-off ``k`` the current entry is the
latest at or before ``k`` (a deletion after a version at the same instant),
without one the latest of all; if it is a deletion the event counts for
nothing, and a current version still counts only once reported by ``k``.
All of this is a handful of reductions over the rows that carry an event
code, with no loop per event.
"""

from __future__ import annotations

import numpy as np

from ..engine import standing
from ..engine.deadline import decide
from ..engine.draft import Known
from . import codes
from .columns import EventColumns
from .index import ChangeIndex

_STATUS_DTYPE = np.int8


def build_index(store: EventColumns, *, known_on: int | None = None, full: bool = True) -> ChangeIndex:
    """The change-point index of ``store``.

    ``known_on`` (microseconds since the epoch) keeps only rows first reported
    at or before it. ``full`` selects the per-event engine's vocabulary;
    ``full=False`` gives the plain one (pending, overdue, fulfilled, breached).
    """
    known = _counted(store, known_on)
    decided_at, fulfilled = _first_decisive(store, known)
    progress_at = _first_progress(store, known) if full else np.full(store.obligation_count, codes.NEVER, np.int64)
    seg_obl, seg_start, seg_end, seg_deadline = _segments(store, known)
    obl, at, status = _changes(seg_obl, seg_start, seg_end, seg_deadline, progress_at, decided_at, fulfilled, full)
    if store.obligation_kind is not None:
        obl, at, status = _with_standing(store, known, obl, at, status)
    return ChangeIndex.from_changes(store, obl, at, status, full=full, known_on=known_on)


def _with_standing(store: EventColumns, known: np.ndarray | None, obl: np.ndarray, at: np.ndarray, status: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The deadline changes of the deadline obligations, and the standing obligations' own, sorted by obligation, then instant."""
    standing_mask = store.standing
    keep = ~standing_mask[obl]
    rows = _rows(store, known, codes.BREACHES)
    rows = rows[standing_mask[store.obligation[rows]]]
    b_obl, b_at = store.obligation[rows], store.at[rows]
    order = np.lexsort((b_at, b_obl))
    b_obl, b_at = b_obl[order], b_at[order]
    first = np.ones(b_at.shape[0], bool)
    first[1:] = (b_obl[1:] != b_obl[:-1]) | (b_at[1:] != b_at[:-1])
    b_obl, b_at = b_obl[first], b_at[first]
    # a breach at b: breached at b (a breach within the instant), and from b + 1 on the status with breaches before only;
    # the two rows of each breach are interleaved, so the rows stay in instant order within each obligation
    again = np.zeros(b_at.shape[0], bool)
    again[:-1] = (b_obl[1:] == b_obl[:-1]) & (b_at[1:] == b_at[:-1] + 1)  # the next instant is itself a breach
    pair_obl = np.repeat(b_obl, 2)
    pair_at = np.stack([b_at, b_at + 1], axis=1).reshape(-1)
    pair_status = np.tile(np.array([_STANDING_RULE[_WITHIN | _EARLIER], _STANDING_RULE[_EARLIER]], _STATUS_DTYPE), b_at.shape[0])
    wanted = np.stack([np.ones(b_at.shape[0], bool), ~again], axis=1).reshape(-1)
    codes_of = np.flatnonzero(standing_mask)
    obl = np.concatenate([obl[keep], codes_of.astype(obl.dtype), pair_obl[wanted].astype(obl.dtype)])
    at = np.concatenate([at[keep], np.full(codes_of.shape[0], codes.SINCE_EVER, np.int64), pair_at[wanted]])
    status = np.concatenate([status[keep], np.full(codes_of.shape[0], _STANDING_RULE[0], _STATUS_DTYPE), pair_status[wanted]])
    # each obligation's rows come from one of the three parts, already in instant order (an opening row first): a stable sort by obligation suffices
    order = np.argsort(obl, kind="stable")
    obl, at, status = obl[order], at[order], status[order]
    change = np.ones(at.shape[0], bool)  # breaches a microsecond apart: the second is no change
    change[1:] = (obl[1:] != obl[:-1]) | (status[1:] != status[:-1])
    return obl[change], at[change], status[change]


def _counted(store: EventColumns, known_on: int | None) -> np.ndarray | None:
    """Which rows count at the cut-off (None: all of them): reported by then and, for revised events, current."""
    known = None if known_on is None else store.reported <= known_on
    if store.event is None or store.version is None:
        return known
    rows = np.flatnonzero((store.event >= 0) & (store.kind != codes.MOVE_DEADLINE))
    if not rows.size:
        return known
    current = _current(store.event[rows], store.version[rows], store.reported[rows], store.kind[rows] == codes.DELETION, known_on)
    mask = np.ones(len(store), bool) if known is None else known
    mask[rows] &= current
    return mask


def _current(event: np.ndarray, version: np.ndarray, reported: np.ndarray, gone: np.ndarray, known_on: int | None) -> np.ndarray:
    """For rows of revised events: True where the row belongs to its event's current version at ``known_on``."""
    if int(event.max()) >= 2 * event.shape[0]:  # sparse codes: number them densely first
        event = np.unique(event, return_inverse=True)[1].reshape(-1)
    size = int(event.max()) + 1
    first = np.full(size, codes.NEVER, np.int64)
    np.minimum.at(first, event[~gone], version[~gone])
    opening = ~gone & (version == first[event])
    first_report = np.full(size, codes.NEVER, np.int64)
    np.minimum.at(first_report, event[opening], reported[opening])
    place = version.copy()
    place[opening] = np.minimum(version[opening], first_report[event[opening]])
    eligible = np.ones(event.shape[0], bool) if known_on is None else place <= known_on
    latest = np.full(size, codes.SINCE_EVER, np.int64)
    np.maximum.at(latest, event[eligible], place[eligible])
    on_top = eligible & (place == latest[event])
    deleted = np.zeros(size, bool)
    deleted[event[on_top & gone]] = True
    current: np.ndarray = on_top & ~gone & ~deleted[event]
    return current


def _rows(store: EventColumns, known: np.ndarray | None, *kinds: int) -> np.ndarray:
    mask = store.kind == kinds[0]
    for kind in kinds[1:]:
        mask |= store.kind == kind
    if known is not None:
        mask &= known
    return np.flatnonzero(mask)


def _first_decisive(store: EventColumns, known: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    rows = _rows(store, known, codes.FULFILS, codes.BREACHES)
    obl, at = store.obligation[rows], store.at[rows]
    first = np.full(store.obligation_count, codes.NEVER, np.int64)
    np.minimum.at(first, obl, at)
    fulfilled = np.zeros(store.obligation_count, bool)
    hits = (store.kind[rows] == codes.FULFILS) & (at == first[obl])
    fulfilled[obl[hits]] = True
    return first, fulfilled


def _first_progress(store: EventColumns, known: np.ndarray | None) -> np.ndarray:
    rows = _rows(store, known, codes.ADVANCES)
    first = np.full(store.obligation_count, codes.NEVER, np.int64)
    np.minimum.at(first, store.obligation[rows], store.at[rows])
    return first


def _segments(store: EventColumns, known: np.ndarray | None) -> tuple[np.ndarray, ...]:
    """Deadline segments ``[start, end)`` per obligation, sorted by obligation then start, empty ones dropped."""
    rows = _rows(store, known, codes.MOVE_DEADLINE)
    m = store.obligation_count
    obl = np.concatenate([np.arange(m, dtype=np.int32), store.obligation[rows]])
    start = np.concatenate([np.full(m, codes.SINCE_EVER, np.int64), store.at[rows]])
    deadline = np.concatenate([store.deadline, store.new_deadline[rows]])
    reported = np.concatenate([np.full(m, codes.SINCE_EVER, np.int64), store.reported[rows]])
    order = np.lexsort((np.arange(obl.shape[0]), reported, start, obl))
    obl, start, deadline = obl[order], start[order], deadline[order]
    end = np.full_like(start, codes.NEVER)
    end[:-1] = start[1:]
    end[np.flatnonzero(obl[:-1] != obl[1:])] = codes.NEVER
    keep = end > start
    return obl[keep], start[keep], end[keep], deadline[keep]


def _changes(
    obl: np.ndarray, start: np.ndarray, end: np.ndarray, deadline: np.ndarray,
    progress_at: np.ndarray, decided_at: np.ndarray, fulfilled: np.ndarray, full: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The status changes, sorted by obligation then instant, repeats dropped."""
    overdue_from = np.where(deadline < codes.NEVER, deadline + 1, codes.NEVER)
    candidates = np.stack([start, overdue_from, progress_at[obl], decided_at[obl]], axis=1)
    valid = (candidates >= start[:, None]) & (candidates < end[:, None])
    candidates = np.where(valid, candidates, codes.NEVER)
    order = np.argsort(candidates, axis=1, kind="stable")
    candidates = np.take_along_axis(candidates, order, axis=1)
    valid = np.take_along_axis(valid, order, axis=1)
    rows = np.broadcast_to(np.arange(obl.shape[0])[:, None], candidates.shape)[valid]
    at = candidates[valid]
    status = _status(at, deadline[rows], progress_at[obl[rows]], decided_at[obl[rows]], fulfilled[obl[rows]], full)
    obl = obl[rows]
    change = np.ones(at.shape[0], bool)
    change[1:] = (obl[1:] != obl[:-1]) | (status[1:] != status[:-1])
    return obl[change], at[change], status[change]


def _tabulate() -> np.ndarray:
    """The deadline rule (:func:`ceasefire.engine.deadline.decide`) as a table of status codes, indexed by five facts packed in bits.

    Bit 4: breached first; 3: fulfilled; 2: the fulfilment came after the
    deadline; 1: the deadline has passed; 0: progress reported. Exact
    instants leave no fact in doubt, so each is surely true or surely false.
    """
    table = np.empty(32, _STATUS_DTYPE)
    for bits in range(32):
        found = decide(breached=bool(bits & 16), fulfilled=bool(bits & 8), late=Known.YES if bits & 4 else Known.NO,
                       past=Known.YES if bits & 2 else Known.NO, progressed=bool(bits & 1), maybe_on_time=False)
        table[bits] = codes.STATUSES.index(found.value)
    return table


_WITHIN, _EARLIER = 2, 1


def _tabulate_standing() -> np.ndarray:
    """The standing rule (:func:`ceasefire.engine.standing.decide`) as a table of status codes, indexed by two facts packed in bits.

    Bit 1: a breach at the instant asked about; 0: a breach at or before it.
    """
    table = np.empty(4, _STATUS_DTYPE)
    for bits in range(4):
        found = standing.decide(within=Known.YES if bits & _WITHIN else Known.NO, earlier=bool(bits & _EARLIER))
        table[bits] = codes.STATUSES.index(found.value)
    return table


_RULE = _tabulate()
_STANDING_RULE = _tabulate_standing()
_PLAIN_RULE = np.asarray(codes.PLAIN, _STATUS_DTYPE)[_RULE]


def _status(t: np.ndarray, deadline: np.ndarray, progress_at: np.ndarray, decided_at: np.ndarray, fulfilled: np.ndarray, full: bool) -> np.ndarray:
    """The status code at instants ``t`` under the given deadlines and first events: the facts, read off the rule's table."""
    decided = t >= decided_at
    bits = (decided & ~fulfilled).astype(np.int8) << 4
    bits |= (decided & fulfilled).astype(np.int8) << 3
    bits |= (decided_at > deadline).astype(np.int8) << 2
    bits |= (t > deadline).astype(np.int8) << 1
    bits |= (t >= progress_at).astype(np.int8)
    status: np.ndarray = (_RULE if full else _PLAIN_RULE)[bits]
    return status
