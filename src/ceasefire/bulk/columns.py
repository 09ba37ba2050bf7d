"""The columnar event store: one numpy array per field, one row per event.

Obligation ids are interned: the store keeps the ids once, in
``obligation_ids``, and each event row holds the int32 code of its
obligation (its position in that list). Instants are int64 microseconds since
the epoch (see :mod:`ceasefire.bulk.instants`), kinds are int8 codes (see
:mod:`ceasefire.bulk.codes`), and ``new_deadline`` is read only on
``move-deadline`` rows. No Python object is made per event.

Revised feeds (ACLED and the like) add two columns: ``event``, the int64
code of the event id a row belongs to (-1 for a row that is an event of its
own, never revised), and ``version``, the instant that row's version takes
its place in the event's history (its ``version`` stamp, else when it was
reported; for a ``deletion`` row, when the event was withdrawn). Rows with
one event code and one version are one version of that event, linked to
several obligations; they share ``at`` and ``reported``.

Term obligations carry their own calendar (when they start, their period,
renewal and notice), which is not a column: obligations are few, so each
term is kept as the model's :class:`~ceasefire.model.TermObligation`, with
its start as ``effective``, and the engine's own functions count its
periods once per term (see :mod:`ceasefire.bulk.build`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs
import numpy as np

from ..bounds import identifier
from ..errors import InvalidInputError, Problem
from ..model import TermObligation
from . import codes
from .instants import instant, micros


@attrs.frozen(eq=False)
class EventColumns:
    """Obligations of every kind and the events about them, held as columns.

    ``obligation_kind[c]`` is the kind code of the obligation with code ``c``
    (see :mod:`ceasefire.bulk.codes`; None when every obligation is a
    deadline obligation), ``deadline[c]`` its original deadline (read
    for deadline obligations only), and ``terms[c]`` the calendar of a term
    obligation (a :class:`~ceasefire.model.TermObligation` whose
    ``effective`` is its start). Row ``i`` of the event columns says that at ``at[i]`` an event of
    kind ``kind[i]`` concerning obligation ``obligation[i]`` happened, first
    reported at ``reported[i]``; a ``move-deadline`` row moves the deadline
    to ``new_deadline[i]``. Rows may come in any order; among rows of one
    obligation at the same instant, the file order breaks ties.

    ``event`` and ``version`` are None for a feed without revisions; see the
    module docstring for what they hold otherwise.
    """

    obligation_ids: tuple[str, ...]
    deadline: np.ndarray
    obligation: np.ndarray
    at: np.ndarray
    kind: np.ndarray
    new_deadline: np.ndarray
    reported: np.ndarray
    zone: str = "UTC"
    event: np.ndarray | None = None
    version: np.ndarray | None = None
    effective: int | None = None
    """When the obligations start to bind (microseconds), if known; before it every status is 'not yet in force'."""
    obligation_kind: np.ndarray | None = None
    """Each obligation's kind code (int8), or None when all are deadline obligations."""
    terms: Mapping[int, TermObligation] = attrs.field(factory=dict)
    """The term obligations by code: their start (``effective``), period, renewal and notice."""
    watched_until: int | None = None
    """The last instant the feed watches (microseconds): past it a status that rests on silence is 'unmonitored'.

    None: the feed is taken to watch every obligation throughout. :func:`~ceasefire.bulk.read_events` sets it to the
    feed's last report unless told otherwise.
    """
    latest: np.ndarray | None = None
    """For events known only to a window: the window's last instant (microseconds), with ``at`` its first.

    None when every row happened at one exact instant (``at``); otherwise one value per row, equal to
    ``at`` on exact rows and never before it.
    """

    @classmethod
    def from_arrays(
        cls,
        obligation_ids: Sequence[str],
        deadline: Sequence[int] | np.ndarray,
        obligation: Sequence[int] | np.ndarray,
        at: Sequence[int] | np.ndarray,
        kind: Sequence[int] | np.ndarray,
        new_deadline: Sequence[int] | np.ndarray,
        reported: Sequence[int] | np.ndarray,
        *,
        zone: str = "UTC",
        event: Sequence[int] | np.ndarray | None = None,
        version: Sequence[int] | np.ndarray | None = None,
        effective: int | None = None,
        obligation_kind: Sequence[int] | np.ndarray | None = None,
        terms: Mapping[int, TermObligation] | None = None,
        watched_until: int | None = None,
        latest: Sequence[int] | np.ndarray | None = None,
    ) -> EventColumns:
        """A checked store from array-likes; codes and instants are cast to the store's dtypes.

        ``event`` gives each row's event code (-1: an event of its own);
        ``version`` defaults to ``reported``; ``obligation_kind`` each
        obligation's kind code (all deadline obligations when None);
        ``terms`` the term obligations by code; ``watched_until`` the last
        instant the feed watches (None: throughout).
        """
        reported = np.ascontiguousarray(reported, dtype=np.int64)
        if event is not None:
            event = np.ascontiguousarray(event, dtype=np.int64)
            version = reported.copy() if version is None else np.ascontiguousarray(version, dtype=np.int64)
        elif version is not None:
            raise InvalidInputError(Problem("version", "versions without event codes", "an 'event' column beside 'version' (-1 for rows never revised)"))
        store = cls(
            tuple(obligation_ids),
            np.ascontiguousarray(deadline, dtype=np.int64),
            np.ascontiguousarray(obligation, dtype=np.int32),
            np.ascontiguousarray(at, dtype=np.int64),
            np.ascontiguousarray(kind, dtype=np.int8),
            np.ascontiguousarray(new_deadline, dtype=np.int64),
            reported,
            zone,
            event,
            version,
            effective,
            None if obligation_kind is None else np.ascontiguousarray(obligation_kind, dtype=np.int8),
            dict(terms or {}),
            None if watched_until is None else int(watched_until),
            None if latest is None else np.ascontiguousarray(latest, dtype=np.int64),
        )
        store.check()
        return store

    def __len__(self) -> int:
        return int(self.at.shape[0])

    @property
    def obligation_count(self) -> int:
        """How many obligations the store knows."""
        return len(self.obligation_ids)

    @property
    def nbytes(self) -> int:
        """Bytes held by the event columns (the obligation table not included)."""
        return sum(a.nbytes for a in (self.obligation, self.at, self.kind, self.new_deadline, self.reported, self.event, self.version, self.latest) if a is not None)

    @property
    def standing(self) -> np.ndarray:
        """True for each standing obligation, in code order."""
        return self.of_kind(codes.STANDING)

    def of_kind(self, kind: int) -> np.ndarray:
        """True for each obligation of the kind code ``kind``, in code order."""
        if self.obligation_kind is None:
            return np.full(self.obligation_count, kind == codes.DEADLINE)
        found: np.ndarray = self.obligation_kind == kind
        return found

    def has_kind(self, kind: int) -> bool:
        """True when some obligation is of the kind code ``kind``."""
        return bool(self.of_kind(kind).any())

    @property
    def revised(self) -> bool:
        """True when the store holds event codes, so versions and deletions are resolved."""
        return self.event is not None

    def check(self) -> None:
        """Raise :class:`~ceasefire.InvalidInputError` if the columns do not fit together (:class:`~ceasefire.InvalidIdError` for an id the loaders refuse)."""
        for i, name in enumerate(self.obligation_ids):
            if not isinstance(name, str) or not name:
                raise InvalidInputError(Problem(f"obligation_ids[{i}]", repr(name), "an obligation id: a non-empty string, e.g. '6.kalbajar'"))
            identifier(name, where=f"obligation_ids[{i}]")
        problems = list(self._shape_problems())
        if not problems:
            problems += self._term_problems()
        if not problems and len(self):
            problems += self._value_problems()
        if problems:
            raise InvalidInputError(problems)

    def _shape_problems(self) -> list[Problem]:
        found = []
        if self.deadline.shape != (self.obligation_count,):
            found.append(Problem("deadline", f"{self.deadline.shape[0]} deadlines", f"one per obligation id ({self.obligation_count})"))
        if self.obligation_kind is not None and self.obligation_kind.shape != (self.obligation_count,):
            found.append(Problem("obligation_kind", f"{self.obligation_kind.shape[0]} kinds", f"one per obligation id ({self.obligation_count})"))
        if len(set(self.obligation_ids)) != self.obligation_count:
            found.append(Problem("obligation_ids", "a repeated id", "each obligation id once"))
        for name in ("obligation", "kind", "new_deadline", "reported", "event", "version", "latest"):
            column = getattr(self, name)
            if column is not None and column.shape != self.at.shape:
                found.append(Problem(name, f"{column.shape[0]} rows", f"as many rows as 'at' ({len(self)})"))
        return found

    def _value_problems(self) -> list[Problem]:
        found = []
        if self.obligation_kind is not None:
            bad = np.flatnonzero((self.obligation_kind < 0) | (self.obligation_kind >= len(codes.OBLIGATION_KINDS)))
            if bad.size:
                found.append(Problem(f"obligation {self.obligation_ids[bad[0]]}", f"obligation kind code {self.obligation_kind[bad[0]]}", f"one of {dict(enumerate(codes.OBLIGATION_KINDS))}"))
                return found
        bad = np.flatnonzero((self.obligation < 0) | (self.obligation >= self.obligation_count))
        if bad.size:
            found.append(Problem(f"row {bad[0]}", f"obligation code {self.obligation[bad[0]]}", f"a code from 0 to {self.obligation_count - 1}"))
        # with deadline obligations only, a notice row (the last kind code) is out of range: one pass finds both
        limit = len(codes.KINDS) if self.obligation_kind is not None else codes.NOTICE
        bad = np.flatnonzero((self.kind < 0) | (self.kind >= limit))
        if bad.size and self.kind[bad[0]] == codes.NOTICE and not found:
            found.append(self._misplaced(int(bad[0]), "notice", "a term obligation", "notice ends a term"))
        elif bad.size:
            found.append(Problem(f"row {bad[0]}", f"kind code {self.kind[bad[0]]}", f"one of {dict(enumerate(codes.KINDS))}"))
        elif not found and self.obligation_kind is not None:
            kind_of = self.obligation_kind[self.obligation]
            bad = np.flatnonzero((self.kind == codes.MOVE_DEADLINE) & (kind_of != codes.DEADLINE))
            if bad.size:
                found.append(self._misplaced(int(bad[0]), "move-deadline", "a deadline obligation", "only it has a deadline to move"))
            bad = np.flatnonzero((self.kind == codes.NOTICE) & (kind_of != codes.TERM))
            if bad.size:
                found.append(self._misplaced(int(bad[0]), "notice", "a term obligation", "notice ends a term"))
        if self.latest is not None:
            bad = np.flatnonzero(self.latest < self.at)
            if bad.size:
                row = int(bad[0])
                found.append(Problem(f"row {row}", f"a window whose last instant {self.latest[row]} is before its first ('at') {self.at[row]}", "'latest' at or after 'at' on every row"))
            bad = np.flatnonzero((self.latest != self.at) & (self.kind == codes.MOVE_DEADLINE))
            if bad.size:
                row = int(bad[0])
                found.append(Problem(
                    f"row {row}", f"a move-deadline row known only to a window ({self.at[row]} to {self.latest[row]})",
                    "an exact instant on every move-deadline row ('latest' equal to 'at'): an amendment takes effect at one instant",
                ))
        return found + self._history_problems()

    @property
    def windowed(self) -> bool:
        """True when some row is known only to a window (its ``latest`` is after its ``at``)."""
        return self.latest is not None and bool((self.latest != self.at).any())

    def _misplaced(self, row: int, kind: str, expected: str, why: str) -> Problem:
        """A row of ``kind`` about an obligation of a kind it cannot bear on."""
        code = int(self.obligation[row])
        own = codes.OBLIGATION_KINDS[self.obligation_kind[code]] if self.obligation_kind is not None else "deadline"
        return Problem(f"row {row}", f"a {kind} row for the {own} obligation {self.obligation_ids[code]!r}", f"{kind} rows for {expected} only: {why}")

    def _term_problems(self) -> list[Problem]:
        """Term obligations without their calendar, calendars for other kinds, and terms starting before the store takes effect."""
        term = np.flatnonzero(self.of_kind(codes.TERM)).tolist()
        found = [
            Problem(f"obligation {self.obligation_ids[c]}", "a term obligation without its calendar", "an entry in 'terms' (its start, period, renewal and notice)")
            for c in term if c not in self.terms
        ]
        for c, obligation in sorted(self.terms.items()):
            if c not in term:
                where = f"obligation {self.obligation_ids[c]}" if 0 <= c < self.obligation_count else f"terms[{c}]"
                found.append(Problem(where, "a term calendar for an obligation that is not a term", "calendars in 'terms' for term obligations only"))
            elif obligation.effective is None:
                found.append(Problem(f"obligation {self.obligation_ids[c]}", "a term without a start", "the term's start as its 'effective' instant"))
            elif self.effective is not None and micros(obligation.effective) < self.effective:
                found.append(Problem(
                    f"obligation {self.obligation_ids[c]}", f"a term starting at {obligation.effective.isoformat()}, before the store takes effect",
                    f"a start at or after the store's effective instant ({instant(self.effective, self.zone).isoformat()})",
                ))
        return found

    def _history_problems(self) -> list[Problem]:
        """Rows of revised events that cannot be read as one history."""
        kind, event = self.kind, self.event
        if event is None:
            bad = np.flatnonzero(kind == codes.DELETION)
            return [Problem(f"row {bad[0]}", "a deletion row without event codes", "an 'event' column naming the withdrawn event")] if bad.size else []
        assert self.version is not None
        bad = np.flatnonzero((event < -1) | ((event == -1) & (kind == codes.DELETION)) | ((event >= 0) & (kind == codes.MOVE_DEADLINE)))
        if bad.size:
            row = int(bad[0])
            said = f"event code {event[row]} on a {codes.KINDS[kind[row]]!r} row"
            return [Problem(f"row {row}", said, "-1 or more; a code on every deletion row; none on move-deadline rows (an amendment is not an event)")]
        rows = np.flatnonzero((event >= 0) & (kind != codes.DELETION))
        order = rows[np.lexsort((self.version[rows], event[rows]))]
        same = (event[order][1:] == event[order][:-1]) & (self.version[order][1:] == self.version[order][:-1])
        clash = same & ((self.at[order][1:] != self.at[order][:-1]) | (self.reported[order][1:] != self.reported[order][:-1]))
        if self.latest is not None:
            clash |= same & (self.latest[order][1:] != self.latest[order][:-1])
        if clash.any():
            row = int(order[1:][clash][0])
            return [Problem(
                f"row {row}", f"a version of event code {event[row]} whose 'at', 'latest' or 'reported' differs from another row of the same version",
                "one window ('at' to 'latest') and one 'reported' per event version",
            )]
        return []

    def take(self, rows: np.ndarray) -> EventColumns:
        """A store with only ``rows`` (a boolean mask or row numbers), in that order."""
        return attrs.evolve(
            self,
            obligation=self.obligation[rows],
            at=self.at[rows],
            kind=self.kind[rows],
            new_deadline=self.new_deadline[rows],
            reported=self.reported[rows],
            event=None if self.event is None else self.event[rows],
            version=None if self.version is None else self.version[rows],
            latest=None if self.latest is None else self.latest[rows],
        )

    def known_by(self, cutoff: int) -> EventColumns:
        """The rows first reported at or before ``cutoff`` (microseconds since the epoch).

        For a revised store this keeps rows, not answers: ask
        :func:`~ceasefire.bulk.build_index` with ``known_on`` to resolve
        versions and deletions as they stood at the cut-off.
        """
        return self.take(self.reported <= cutoff)

    def code_of(self, obligation_id: str) -> int:
        """The code of ``obligation_id``; KeyError naming some known ids if it is unknown."""
        try:
            return self.obligation_ids.index(obligation_id)
        except ValueError:
            sample = ", ".join(self.obligation_ids[:5])
            raise KeyError(f"no obligation {obligation_id!r} in this store; ids include {sample}") from None
