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

A progress obligation's status at ``t`` rests on three facts: whether its
first completion, its first breach and its first progress report are at or
before ``t``. The progress rule, :func:`ceasefire.engine.progress.decide`,
is tabulated over them; its changes are at those three instants.

A term obligation's status rests on its calendar, which is not a column:
for each term (terms are few; events are many) the engine's own
:func:`ceasefire.engine.term.endings` works out, in the store's zone, when
it runs out (if it does not renew) and when the first notice given ends it;
the term rule, :func:`ceasefire.engine.term.decide`, is tabulated over the
two facts "run out by ``t``" and "ended after notice by ``t``". Before its
start it is not yet in force, as every obligation is before it binds. Only
the ``notice`` rows are read for it; the calendar is never counted per event.

A feed of deadline obligations only runs none of this: the kinds' own parts
are built only for the kinds the store holds.

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

import attrs
import numpy as np

from ..engine import progress, standing, term
from ..engine.deadline import decide
from ..engine.draft import Known
from . import codes
from .columns import EventColumns
from .index import ChangeIndex, Steps
from .instants import instant, micros

_STATUS_DTYPE = np.int8


def build_index(store: EventColumns, *, known_on: int | None = None, full: bool = True) -> ChangeIndex:
    """The change-point index of ``store``.

    ``known_on`` (microseconds since the epoch) keeps only rows first reported
    at or before it. ``full`` selects the per-event engine's vocabulary;
    ``full=False`` gives the plain one (pending, overdue, fulfilled, breached).
    Rows known only to a window (``latest`` after ``at``) count as the
    Tracker counts them: once the window has closed, and as ``uncertain``
    where it straddles what decides the status (see the module docstring).
    """
    known = _counted(store, known_on)
    ends = _ends(store)
    first = _firsts(store, known, ends, full)
    progress_at = first.progress
    seg_obl, seg_start, seg_end, seg_deadline = _segments(store, known)
    open_until = _open_until(store, known, ends, seg_obl, seg_deadline)
    obl, at, status = _changes(seg_obl, seg_start, seg_end, seg_deadline, open_until, progress_at, first, full)
    breaches = None
    if store.obligation_kind is not None:
        obl, at, status = _with_other_kinds(store, known, ends, first, obl, at, status, full)
        if store.windowed and store.has_kind(codes.STANDING):
            breaches = _surely_breached(store, known, ends)
    return ChangeIndex.from_changes(store, obl, at, status, full=full, known_on=known_on, breaches=breaches)


def _ends(store: EventColumns) -> np.ndarray:
    """Each row's last instant: its ``latest`` for a row known only to a window, its ``at`` otherwise."""
    return store.latest if store.latest is not None else store.at


Changes = tuple[np.ndarray, np.ndarray, np.ndarray]
"""Change rows: obligation codes, instants and status codes; each obligation's rows, wherever they fall, in instant order."""


def _with_other_kinds(store: EventColumns, known: np.ndarray | None, ends: np.ndarray, first: _Firsts, obl: np.ndarray, at: np.ndarray, status: np.ndarray, full: bool) -> Changes:
    """The deadline changes of the deadline obligations, and each other kind's own, sorted by obligation, then instant."""
    assert store.obligation_kind is not None
    keep = store.obligation_kind[obl] == codes.DEADLINE
    parts: list[Changes] = [(obl[keep], at[keep], status[keep])]
    if store.has_kind(codes.STANDING):
        parts.append(_windowed_standing_changes(store, known, ends) if store.windowed else _standing_changes(store, known))
    if store.has_kind(codes.PROGRESS):
        parts.append(_progress_changes(store, known, ends, first, full))
    if store.has_kind(codes.TERM):
        parts.append(_term_changes(store, known, ends))
    obl = np.concatenate([part[0].astype(np.int32) for part in parts])
    at = np.concatenate([part[1] for part in parts])
    status = np.concatenate([part[2].astype(_STATUS_DTYPE) for part in parts])
    # each obligation's rows come from one of the parts, already in instant order (an opening row first): a stable sort by obligation suffices
    order = np.argsort(obl, kind="stable")
    obl, at, status = obl[order], at[order], status[order]
    change = np.ones(at.shape[0], bool)  # a change to the status already in force is no change
    change[1:] = (obl[1:] != obl[:-1]) | (status[1:] != status[:-1])
    return obl[change], at[change], status[change]


def _standing_changes(store: EventColumns, known: np.ndarray | None) -> Changes:
    """The standing obligations' changes when every row is exact: complied from the start, breached at each breach instant, holding from a microsecond after it."""
    standing_mask = store.standing
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
    # the opening rows first, then the breaches' pairs in order: each obligation's rows are in instant order, as the caller's stable sort needs
    # (breaches a microsecond apart give a second 'breached' row, which is no change and is dropped there)
    obl = np.concatenate([codes_of, pair_obl[wanted]])
    at = np.concatenate([np.full(codes_of.shape[0], codes.SINCE_EVER, np.int64), pair_at[wanted]])
    status = np.concatenate([np.full(codes_of.shape[0], _STANDING_RULE[0], _STATUS_DTYPE), pair_status[wanted]])
    return obl, at, status


def _windowed_standing_changes(store: EventColumns, known: np.ndarray | None, ends: np.ndarray) -> Changes:
    """The standing obligations' changes when some rows are windows: a sweep over where each breach may and surely reaches.

    At an instant ``t`` an exact breach at ``t`` is a breach within it; a
    breach known only to a window ``[at, latest]`` holding ``t`` (both ends
    included) may be one, so it leaves the status ``uncertain``; and a breach
    whose window closed at or before ``t`` had surely happened by then. The
    sweep adds one to a running count where a window (or an exact instant)
    opens and takes it off a microsecond after it closes; each instant's
    counts, read off the standing rule's table, give the status from there on.
    """
    standing_mask = store.standing
    rows = _rows(store, known, codes.BREACHES)
    rows = rows[standing_mask[store.obligation[rows]]]
    b_obl, opens, closes = store.obligation[rows], store.at[rows], ends[rows]
    exact = opens == closes
    codes_of = np.flatnonzero(standing_mask)
    n = rows.shape[0]
    obl = np.concatenate([codes_of, b_obl, b_obl])
    at = np.concatenate([np.full(codes_of.shape[0], codes.SINCE_EVER, np.int64), opens, closes + 1])
    step = np.concatenate([np.zeros(codes_of.shape[0], np.int64), np.ones(n, np.int64), -np.ones(n, np.int64)])
    on = np.concatenate([np.zeros(codes_of.shape[0], bool), exact, exact])
    order = np.lexsort((at, obl))
    obl, at, step, on = obl[order], at[order], step[order], on[order]
    # every count an obligation's rows add they also take off, so running sums over all obligations at once stay each obligation's own
    within = np.cumsum(np.where(on, step, 0))
    maybe = np.cumsum(np.where(on, 0, step))
    last = np.ones(at.shape[0], bool)  # the counts after every row at an instant are the counts from it on
    last[:-1] = (obl[1:] != obl[:-1]) | (at[1:] != at[:-1])
    obl, at, within, maybe = obl[last], at[last], within[last], maybe[last]
    first_end = np.full(store.obligation_count, codes.NEVER, np.int64)
    np.minimum.at(first_end, b_obl, closes)
    bits = (within > 0).astype(np.int8) * _WITHIN | ((within == 0) & (maybe > 0)).astype(np.int8) * _MAYBE_WITHIN | (at >= first_end[obl]).astype(np.int8) * _EARLIER
    return obl, at, _STANDING_RULE[bits]


def _surely_breached(store: EventColumns, known: np.ndarray | None, ends: np.ndarray) -> Steps:
    """For each standing obligation, how many of its counted breaches had surely happened (their window closed) by each instant.

    Asked about a whole day, a standing obligation is breached on it when some
    breach's window closes within the day: the Tracker's rule, which reads the
    breach as reported within the day.
    """
    rows = _rows(store, known, codes.BREACHES)
    rows = rows[store.standing[store.obligation[rows]]]
    obl = np.concatenate([np.arange(store.obligation_count, dtype=np.int32), store.obligation[rows]])
    at = np.concatenate([np.full(store.obligation_count, codes.SINCE_EVER, np.int64), ends[rows]])
    order = np.lexsort((at, obl))
    obl, at = obl[order], at[order]
    starts = np.searchsorted(obl, np.arange(store.obligation_count))
    count = np.arange(obl.shape[0], dtype=np.int64) - starts[obl]  # the opening row counts none
    return Steps.from_rows(store.obligation_count, obl, at, count)


def _first_of(store: EventColumns, known: np.ndarray | None, kind: int, ends: np.ndarray) -> np.ndarray:
    """For each obligation, the first instant by which a counted row of ``kind`` had surely happened: the earliest close of its windows (NEVER for none)."""
    rows = _rows(store, known, kind)
    first = np.full(store.obligation_count, codes.NEVER, np.int64)
    np.minimum.at(first, store.obligation[rows], ends[rows])
    return first


def _progress_changes(store: EventColumns, known: np.ndarray | None, ends: np.ndarray, first: _Firsts, full: bool) -> Changes:
    """The progress obligations' changes: the status at the start of time and at each of their first completion, breach and progress report.

    Each counts from when it had surely happened: the close of its window.
    The firsts already found for every obligation are read, not found again
    (the first progress report only in the full vocabulary, where it was found).
    """
    codes_of = np.flatnonzero(store.of_kind(codes.PROGRESS))
    reports = first.progress if full else _first_of(store, known, codes.ADVANCES, ends)
    done, broken, steps = first.done[codes_of], first.broken[codes_of], reports[codes_of]
    candidates = np.sort(np.stack([np.full(codes_of.shape[0], codes.SINCE_EVER, np.int64), done, broken, steps], axis=1), axis=1)
    bits = (candidates >= done[:, None]).astype(np.int8) << 2
    bits |= (candidates >= broken[:, None]).astype(np.int8) << 1
    bits |= (candidates >= steps[:, None]).astype(np.int8)
    status = (_PROGRESS_RULE if full else _PLAIN_PROGRESS_RULE)[bits]
    valid = candidates < codes.NEVER
    obl = np.broadcast_to(codes_of[:, None], candidates.shape)[valid]
    return obl, candidates[valid], status[valid]


def _term_changes(store: EventColumns, known: np.ndarray | None, ends: np.ndarray) -> Changes:
    """The term obligations' changes: not yet in force, then in force from its start, ended from when it runs out or notice ends it.

    The first counted notice of each term is found over the columns: a notice
    known only to a window is given when its window closes, as the Tracker
    reads it; the calendar is worked out once per term by the engine's own function.
    """
    notice = _first_of(store, known, codes.NOTICE, ends)
    zone = store.zone
    obl: list[int] = []
    at: list[int] = []
    status: list[int] = []
    for code, obligation in sorted(store.terms.items()):
        assert obligation.effective is not None
        start = micros(obligation.effective)
        given = int(notice[code])
        ran_out, after_notice = term.endings(obligation, obligation.effective, zone, None if given == codes.NEVER else instant(given, zone))
        out = micros(ran_out) if ran_out is not None else codes.NEVER
        ended = max(given, micros(after_notice)) if after_notice is not None else codes.NEVER  # notice counts once given, and ends the term from its end
        moments = sorted({start, *(t for t in (out, ended) if start < t < codes.NEVER)})
        obl += [code] * (len(moments) + 1)
        at += [codes.SINCE_EVER, *moments]
        status += [codes.NOT_YET_IN_FORCE, *(int(_TERM_RULE[(t >= out) << 1 | (t >= ended)]) for t in moments)]
    return np.array(obl, np.int32), np.array(at, np.int64), np.array(status, _STATUS_DTYPE)


def _counted(store: EventColumns, known_on: int | None) -> np.ndarray | None:
    """Which rows count at the cut-off (None: all of them): reported by then, for revised events current, and not over before the store takes effect."""
    known = None if known_on is None else store.reported <= known_on
    known = _set_aside(store, known)
    if store.event is None or store.version is None:
        return known
    rows = np.flatnonzero((store.event >= 0) & (store.kind != codes.MOVE_DEADLINE))
    if not rows.size:
        return known
    current = _current(store.event[rows], store.version[rows], store.reported[rows], store.kind[rows] == codes.DELETION, known_on)
    mask = np.ones(len(store), bool) if known is None else known
    mask[rows] &= current
    return mask


def _set_aside(store: EventColumns, known: np.ndarray | None) -> np.ndarray | None:
    """``known`` without the progress reports, fulfilments and breaches surely over before the store's ``effective`` instant.

    The Tracker does not count them (a window that closes at or after the
    start does count); notice counts whenever it was given, and deadline moves are amendments.
    """
    if store.effective is None or not len(store):
        return known
    ends = _ends(store)
    early = (ends < store.effective) & ((store.kind == codes.FULFILS) | (store.kind == codes.BREACHES) | (store.kind == codes.ADVANCES))
    if not early.any():
        return known
    kept: np.ndarray = ~early if known is None else known & ~early
    return kept


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


@attrs.frozen
class _Firsts:
    """Per obligation, what the deadline rule reads of its fulfilments, breaches and progress reports (NEVER where there are none).

    ``done`` is the earliest close of a fulfilment's window (when one had
    surely happened) and ``done_opens`` the opening of that fulfilment's
    window (of the earliest-opening one, if several close then); ``broken``
    the earliest close of a breach's window; ``progress`` that of a progress report.
    """

    done: np.ndarray
    done_opens: np.ndarray
    broken: np.ndarray
    progress: np.ndarray


def _firsts(store: EventColumns, known: np.ndarray | None, ends: np.ndarray, full: bool) -> _Firsts:
    """What :class:`_Firsts` holds; the first progress report only for the full vocabulary (the plain one does not read it)."""
    rows = _rows(store, known, codes.FULFILS)
    obl = store.obligation[rows]
    done = np.full(store.obligation_count, codes.NEVER, np.int64)
    np.minimum.at(done, obl, ends[rows])
    if store.windowed:  # of the fulfilments closing first, the earliest opening; exact rows open where they close
        first = ends[rows] == done[obl]
        opens = np.full(store.obligation_count, codes.NEVER, np.int64)
        np.minimum.at(opens, obl[first], store.at[rows[first]])
    else:
        opens = done
    progress_at = _first_of(store, known, codes.ADVANCES, ends) if full else np.full(store.obligation_count, codes.NEVER, np.int64)
    return _Firsts(done, opens, _first_of(store, known, codes.BREACHES, ends), progress_at)


def _open_until(store: EventColumns, known: np.ndarray | None, ends: np.ndarray, seg_obl: np.ndarray, seg_deadline: np.ndarray) -> np.ndarray:
    """For each deadline segment, the earliest close of a fulfilment's window that opens by the segment's deadline (NEVER for none).

    A fulfilment whose window opens by the deadline may have been on time:
    while none has surely happened, a passed deadline is ``uncertain`` rather
    than ``overdue`` if there is one; and when the first to surely happen
    was surely late, the status turns from ``fulfilled late`` to
    ``uncertain`` once such a one has surely happened. Exact rows open and
    close at once, so a store without windows needs none of this.

    The fulfilments are sorted by obligation, then opening; a running minimum
    of their closes within each obligation, and one binary search per segment
    for the last fulfilment of its obligation opening by its deadline, give
    the answer with no loop per event or per obligation.
    """
    if not store.windowed:
        return np.full(seg_obl.shape[0], codes.NEVER, np.int64)
    rows = _rows(store, known, codes.FULFILS)
    obl, opens, closes = store.obligation[rows].astype(np.int64), store.at[rows], ends[rows]
    order = np.lexsort((opens, obl))
    obl, opens, closes = obl[order], opens[order], closes[order]
    n = closes.shape[0]
    if not n:
        return np.full(seg_obl.shape[0], codes.NEVER, np.int64)
    # a running minimum that starts again with each obligation: the closes are ranked 0..n-1, and each obligation's
    # ranks are lowered by n per obligation before it, so an obligation's values are all below every earlier one's
    by_close = np.argsort(closes, kind="stable")
    rank = np.empty(n, np.int64)
    rank[by_close] = np.arange(n)
    group = np.concatenate([[0], np.cumsum(obl[1:] != obl[:-1])])
    lowest = np.minimum.accumulate(rank - group * n) + group * n
    running = closes[by_close][lowest]
    # one sorted key per fulfilment and per segment: obligation, then the place of the instant among all of them
    instants = np.unique(np.concatenate([opens, seg_deadline]))
    width = np.int64(instants.shape[0])
    keys = obl * width + np.searchsorted(instants, opens)
    asked = seg_obl.astype(np.int64) * width + np.searchsorted(instants, seg_deadline)
    place = np.searchsorted(keys, asked, side="right") - 1
    hit = place >= 0
    hit[hit] = obl[place[hit]] == seg_obl[hit]
    return np.where(hit, running[np.maximum(place, 0)], codes.NEVER)


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
    obl: np.ndarray, start: np.ndarray, end: np.ndarray, deadline: np.ndarray, open_until: np.ndarray,
    progress_at: np.ndarray, first: _Firsts, full: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The status changes, sorted by obligation then instant, repeats dropped.

    Within a segment the facts change only at its start, a microsecond after
    its deadline, and at the instants a progress report, a fulfilment or a
    breach had first surely happened, or a fulfilment that may have been on
    time had (``open_until``).
    """
    overdue_from = np.where(deadline < codes.NEVER, deadline + 1, codes.NEVER)
    candidates = np.stack([start, overdue_from, progress_at[obl], first.done[obl], first.broken[obl], open_until], axis=1)
    valid = (candidates >= start[:, None]) & (candidates < end[:, None])
    candidates = np.where(valid, candidates, codes.NEVER)
    order = np.argsort(candidates, axis=1, kind="stable")
    candidates = np.take_along_axis(candidates, order, axis=1)
    valid = np.take_along_axis(valid, order, axis=1)
    rows = np.broadcast_to(np.arange(obl.shape[0])[:, None], candidates.shape)[valid]
    at = candidates[valid]
    o = obl[rows]
    status = _status(at, deadline[rows], open_until[rows], progress_at[o], first.done[o], first.done_opens[o], first.broken[o], full)
    change = np.ones(at.shape[0], bool)
    change[1:] = (o[1:] != o[:-1]) | (status[1:] != status[:-1])
    return o[change], at[change], status[change]


_LATE_MAYBE, _MAYBE_ON_TIME = 32, 64


def _tabulate() -> np.ndarray:
    """The deadline rule (:func:`ceasefire.engine.deadline.decide`) as a table of status codes, indexed by seven facts packed in bits.

    Bit 4: breached first; 3: fulfilled; 2: the fulfilment was surely after
    the deadline; 5: it may have been after it (its window straddles the
    deadline); 1: the deadline has passed; 0: progress reported; 6: with
    no fulfilment yet surely made, one may have been made by the deadline.
    The deadlines the bulk path holds are exact instants, so whether one has
    passed is never in doubt.
    """
    table = np.empty(128, _STATUS_DTYPE)
    for bits in range(128):
        late = Known.MAYBE if bits & _LATE_MAYBE else Known.YES if bits & 4 else Known.NO
        found = decide(breached=bool(bits & 16), fulfilled=bool(bits & 8), late=late,
                       past=Known.YES if bits & 2 else Known.NO, progressed=bool(bits & 1), maybe_on_time=bool(bits & _MAYBE_ON_TIME))
        table[bits] = codes.STATUSES.index(found.value)
    return table


_MAYBE_WITHIN, _WITHIN, _EARLIER = 4, 2, 1


def _tabulate_standing() -> np.ndarray:
    """The standing rule (:func:`ceasefire.engine.standing.decide`) as a table of status codes, indexed by three facts packed in bits.

    Bit 1: a breach at the instant asked about; 2: a breach that may have
    been at it (a window holding it); 0: a breach surely at or before it.
    """
    table = np.empty(8, _STATUS_DTYPE)
    for bits in range(8):
        within = Known.YES if bits & _WITHIN else Known.MAYBE if bits & _MAYBE_WITHIN else Known.NO
        found = standing.decide(within=within, earlier=bool(bits & _EARLIER))
        table[bits] = codes.STATUSES.index(found.value)
    return table


_COMPLETED, _BREACHED, _PROGRESSED = 4, 2, 1


def _tabulate_progress() -> np.ndarray:
    """The progress rule (:func:`ceasefire.engine.progress.decide`) as a table of status codes, indexed by three facts packed in bits.

    Bit 2: a completion at or before the instant asked about; 1: a breach;
    0: a progress report. The bulk path models neither targets nor work that
    must stay done, so no target is met and nothing undoes a completion.
    """
    table = np.empty(8, _STATUS_DTYPE)
    for bits in range(8):
        found = progress.decide(completed=bool(bits & _COMPLETED), targets_met=False, breached=bool(bits & _BREACHED), progressed=bool(bits & _PROGRESSED), undone=Known.NO)
        table[bits] = codes.STATUSES.index(found.value)
    return table


_RAN_OUT, _AFTER_NOTICE = 2, 1


def _tabulate_term() -> np.ndarray:
    """The term rule (:func:`ceasefire.engine.term.decide`) as a table of status codes, indexed by two facts packed in bits.

    Bit 1: it ran out by the instant asked about; 0: notice given ended it by then.
    """
    table = np.empty(4, _STATUS_DTYPE)
    for bits in range(4):
        found = term.decide(ran_out=bool(bits & _RAN_OUT), after_notice=bool(bits & _AFTER_NOTICE))
        table[bits] = codes.STATUSES.index(found.value)
    return table


_RULE = _tabulate()
_STANDING_RULE = _tabulate_standing()
_PROGRESS_RULE = _tabulate_progress()
_TERM_RULE = _tabulate_term()
_PLAIN_RULE = np.asarray(codes.PLAIN, _STATUS_DTYPE)[_RULE]
_PLAIN_PROGRESS_RULE = np.asarray(codes.PLAIN, _STATUS_DTYPE)[_PROGRESS_RULE]


def _status(
    t: np.ndarray, deadline: np.ndarray, open_until: np.ndarray, progress_at: np.ndarray,
    done: np.ndarray, done_opens: np.ndarray, broken: np.ndarray, full: bool,
) -> np.ndarray:
    """The status code at instants ``t`` under the given deadlines and first events: the facts, as :func:`ceasefire.engine.deadline.judge` gathers them, read off the rule's table.

    A breach decides when it had surely happened before the first fulfilment
    to surely happen could have begun; a fulfilment is on time when its
    window closed by the deadline, surely late while every fulfilment surely
    made opened after it, and only maybe late once one opening by it has surely happened.
    """
    fulfilled = t >= done
    late = fulfilled & (done > deadline)
    bits = ((t >= broken) & ((t < done) | (broken < done_opens))).astype(np.int8) << 4
    bits |= fulfilled.astype(np.int8) << 3
    bits |= (late & (t < open_until)).astype(np.int8) << 2
    bits |= (late & (t >= open_until)).astype(np.int8) * _LATE_MAYBE
    past = t > deadline
    bits |= past.astype(np.int8) << 1
    bits |= (t >= progress_at).astype(np.int8)
    bits |= (past & (open_until < codes.NEVER)).astype(np.int8) * _MAYBE_ON_TIME
    status: np.ndarray = (_RULE if full else _PLAIN_RULE)[bits]
    return status
