"""The change-point index: every obligation's status as a step function of time.

For each obligation the index holds the sorted instants at which its status
changes and the status from each of them on, so the status at any instant
is one binary search. It is built once from an :class:`EventColumns` store,
with numpy operations over whole columns (no Python loop per event or per
obligation); see :mod:`ceasefire.bulk.build` for how.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import numpy as np

from . import codes
from .columns import EventColumns
from ..time import day_asked, start_of_day
from .instants import instant, micros


@attrs.frozen(eq=False)
class Timeline:
    """Status changes as three aligned columns, sorted by obligation code, then instant.

    Row ``i`` says obligation ``obligation[i]`` has status ``status[i]`` from
    ``at[i]`` (microseconds since the epoch) until its next row. Before its
    first row an obligation is pending (a standing one: complied; a term one:
    not yet in force).
    """

    obligation: np.ndarray
    at: np.ndarray
    status: np.ndarray

    def __len__(self) -> int:
        return int(self.at.shape[0])

    def rows(self, ids: tuple[str, ...], labels: tuple[str, ...] = codes.STATUSES) -> list[tuple[str, int, str]]:
        """The changes as ``(obligation id, instant in microseconds, status label)`` tuples."""
        return [(ids[o], int(t), labels[s]) for o, t, s in zip(self.obligation.tolist(), self.at.tolist(), self.status.tolist())]


@attrs.frozen(eq=False)
class Steps:
    """A step function of time per obligation: ``value[i]`` from ``at[i]`` until that obligation's next row.

    Rows are sorted by obligation, then instant, and every obligation has a
    row at :data:`~ceasefire.bulk.codes.SINCE_EVER`. Reading every
    obligation's value at an instant is one binary search among the distinct
    instants and one vectorised binary search over the keys, as for
    :meth:`ChangeIndex.codes_at`.
    """

    value: np.ndarray
    _instants: np.ndarray
    _keys: np.ndarray
    _base: np.ndarray

    @classmethod
    def from_rows(cls, count: int, obligation: np.ndarray, at: np.ndarray, value: np.ndarray) -> Steps:
        """The steps of ``count`` obligations from rows already sorted by obligation, then instant."""
        instants = np.unique(at)
        keys = obligation.astype(np.int64) * instants.shape[0] + np.searchsorted(instants, at)
        base = np.arange(count, dtype=np.int64) * instants.shape[0]
        return cls(value, instants, keys, base)

    def at(self, t: int) -> np.ndarray:
        """Every obligation's value at ``t`` (microseconds since the epoch), in code order."""
        rank = np.searchsorted(self._instants, t, side="right") - 1
        found: np.ndarray = self.value[np.searchsorted(self._keys, self._base + rank, side="right") - 1]
        return found

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self.value, self._instants, self._keys, self._base))


_SILENT = frozenset({"pending", "in progress", "overdue", "complied", "holding", "in force"})
"""Labels that rest on the absence of reports."""


@attrs.frozen(eq=False)
class ChangeIndex:
    """Per obligation, the instants its status changes and the status after each.

    ``starts[c]:starts[c + 1]`` is the slice of obligation ``c``; its first
    entry is at :data:`~ceasefire.bulk.codes.SINCE_EVER` (its status before any event). ``full``
    tells which vocabulary the codes use (see :mod:`ceasefire.bulk.codes`).
    """

    store: EventColumns
    obligation: np.ndarray
    at: np.ndarray
    status: np.ndarray
    starts: np.ndarray
    full: bool
    known_on: int | None
    _instants: np.ndarray
    _keys: np.ndarray
    _base: np.ndarray
    breaches: Steps | None = None
    """For a store with windows and standing obligations: how many counted breaches of each had surely happened by each instant."""

    @classmethod
    def from_changes(
        cls, store: EventColumns, obligation: np.ndarray, at: np.ndarray, status: np.ndarray, *, full: bool, known_on: int | None, breaches: Steps | None = None,
    ) -> ChangeIndex:
        """The index over change rows already sorted by obligation, then instant; ``breaches`` as :attr:`breaches` says."""
        instants = np.sort(at)  # sorted, then repeats dropped: np.unique's hashing is far slower on many distinct instants
        if instants.shape[0] > 1:
            instants = instants[np.concatenate(([True], instants[1:] != instants[:-1]))]
        keys = obligation.astype(np.int64) * instants.shape[0] + np.searchsorted(instants, at)
        starts = np.searchsorted(obligation, np.arange(store.obligation_count + 1))
        base = np.arange(store.obligation_count, dtype=np.int64) * instants.shape[0]
        return cls(store, obligation, at, status, starts, full, known_on, instants, keys, base, breaches)

    @property
    def evidence_end(self) -> int | None:
        """The last instant the answers rest on (microseconds): the earlier of the knowledge cut-off and the feed's ``watched_until``; None when neither is set.

        Past it, a status that rests on silence reads ``unmonitored``.
        """
        ends = [t for t in (self.known_on, self.store.watched_until) if t is not None]
        return min(ends) if ends else None

    @property
    def labels(self) -> tuple[str, ...]:
        """The status labels the codes of this index stand for."""
        return codes.STATUSES

    @property
    def nbytes(self) -> int:
        """Bytes held by the index arrays."""
        own = sum(a.nbytes for a in (self.obligation, self.at, self.status, self.starts, self._instants, self._keys, self._base))
        return own + (self.breaches.nbytes if self.breaches is not None else 0)

    def codes_at(self, t: int) -> np.ndarray:
        """Status codes of every obligation at ``t`` (microseconds since the epoch), in code order.

        One binary search places ``t`` among the index's instants; then one
        vectorised binary search per obligation finds its last change at or
        before ``t``.
        """
        rank = np.searchsorted(self._instants, t, side="right") - 1
        wanted = self._base + rank
        found: np.ndarray = self.status[np.searchsorted(self._keys, wanted, side="right") - 1]
        return found

    def breached_within(self, start: int, end: int) -> np.ndarray:
        """True for each obligation (in code order) that reads 'breached' at some instant from ``start`` to ``end`` (microseconds, both included).

        For a standing obligation that is a breach within the stretch. The
        status at ``start`` is read first: breaches on neighbouring
        microseconds are one change, so a run of them that began just before
        the stretch and goes on into it has no change inside it. Then one
        binary search per obligation finds its changes in the stretch, and a
        running count of the 'breached' changes says whether any is among them.

        With windows, a standing obligation is breached over the stretch when
        some breach's window closes within it (the Tracker's reading of a
        breach reported within a day): :attr:`breaches` counts them.
        """
        first = np.searchsorted(self._instants, start, side="left")
        past = np.searchsorted(self._instants, end, side="right")
        lo = np.searchsorted(self._keys, self._base + first, side="left")
        hi = np.searchsorted(self._keys, self._base + past, side="left")
        running = np.concatenate([[0], np.cumsum(self.status == codes.BREACHED)])
        found: np.ndarray = (running[hi] > running[lo]) | (self.codes_at(start) == codes.BREACHED)
        if self.breaches is not None:
            found = np.where(self.store.standing, self.breaches.at(end) > self.breaches.at(start - 1), found)
        return found

    def status_at(self, when: Any) -> dict[str, str]:
        """Every obligation's status label at ``when`` (a date, an aware datetime, an ISO string or microseconds).

        A date (or :class:`ceasefire.Day`) asks about the whole day: a
        standing obligation breached at any instant of it reads 'breached'
        for that day, as in the per-event engine (so does one with a breach
        known to a window that closes within the day); every other status, of
        every other kind, is the one at the day's last instant.

        The feed is taken to watch every obligation up to
        :attr:`evidence_end` (its ``watched_until``, or the knowledge cut-off
        if that is earlier): past it, a status that rests on silence (pending,
        in progress, overdue, complied, holding, in force) is ``unmonitored``,
        as in the per-event engine. Before the store's ``effective`` instant (when
        it has one) every obligation is ``not yet in force``.
        """
        t = micros(when, self.store.zone)
        if self.store.effective is not None and t < self.store.effective:
            return dict.fromkeys(self.store.obligation_ids, "not yet in force")
        found = self.codes_at(t)
        day = None if isinstance(when, int) else day_asked(when, self.store.zone, where="when")
        standing = self.store.standing
        if day is not None and standing.any():
            start = micros(start_of_day(day.date, day.zone))
            if self.store.effective is not None:
                start = max(start, self.store.effective)
            found = np.where(self.breached_within(start, t) & standing, np.int8(codes.BREACHED), found)
        labels = [self.labels[s] for s in found.tolist()]
        end = self.evidence_end
        if end is not None and t > end:
            labels = ["unmonitored" if label in _SILENT else label for label in labels]
        return dict(zip(self.store.obligation_ids, labels))

    def _label(self, code: int, t: int) -> str:
        """The status label of obligation ``code`` at ``t``, read as :meth:`status_at` reads it."""
        if self.store.effective is not None and t < self.store.effective:
            return "not yet in force"
        label = self.labels[int(self.codes_at(t)[code])]
        end = self.evidence_end
        return "unmonitored" if end is not None and t > end and label in _SILENT else label

    def timeline(self) -> Timeline:
        """Every status change of every obligation, as the rules find it from the events alone (the opening 'pending' left out).

        These are the raw change columns: they know neither the store's
        ``effective`` instant nor the knowledge cut-off's ``unmonitored``;
        :meth:`timeline_of` and :meth:`status_at` apply both.
        """
        keep = self.at != codes.SINCE_EVER
        return Timeline(self.obligation[keep], self.at[keep], self.status[keep])

    def timeline_of(self, obligation_id: str) -> list[tuple[dt.datetime, str]]:
        """One obligation's status changes as ``(instant in the store's zone, status label)`` pairs, each label holding until the next pair.

        With an ``effective`` instant, the first pair is the status it takes
        effect with, and nothing before it is listed (it was not yet in
        force); without one, it is pending (a standing one: complied; a term one: not yet in force) before its first pair. Past :attr:`evidence_end`, a status that rests on silence
        becomes ``unmonitored`` from just after it, as in
        :meth:`status_at`.
        """
        code = self.store.code_of(obligation_id)
        lo, hi = int(self.starts[code]), int(self.starts[code + 1])
        moments = {t for t in self.at[lo:hi].tolist() if t != codes.SINCE_EVER}
        end = self.evidence_end
        if end is not None:
            moments.add(end + 1)
        start = self.store.effective
        if start is not None:
            moments = {t for t in moments if t > start} | {start}
        merged: list[tuple[int, str]] = []
        for t in sorted(moments):
            label = self._label(code, t)
            if not merged or merged[-1][1] != label:
                merged.append((t, label))
        return [(instant(t, self.store.zone), label) for t, label in merged]
