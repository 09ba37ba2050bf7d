"""The columnar event store: one numpy array per field, one row per event.

Obligation ids are interned: the store keeps the ids once, in
``obligation_ids``, and each event row holds the int32 code of its
obligation (its position in that list). Instants are int64 microseconds since
the epoch (see :mod:`ceasefire.bulk.instants`), kinds are int8 codes (see
:mod:`ceasefire.bulk.codes`), and ``new_deadline`` is read only on
``move-deadline`` rows. No Python object is made per event.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import numpy as np

from ..errors import InvalidInputError, Problem
from . import codes


@attrs.frozen(eq=False)
class EventColumns:
    """Deadline obligations and the events about them, held as columns.

    ``deadline[c]`` is the original deadline of the obligation with code
    ``c``. Row ``i`` of the event columns says that at ``at[i]`` an event of
    kind ``kind[i]`` concerning obligation ``obligation[i]`` happened, first
    reported at ``reported[i]``; a ``move-deadline`` row moves the deadline
    to ``new_deadline[i]``. Rows may come in any order; among rows of one
    obligation at the same instant, the file order breaks ties.
    """

    obligation_ids: tuple[str, ...]
    deadline: np.ndarray
    obligation: np.ndarray
    at: np.ndarray
    kind: np.ndarray
    new_deadline: np.ndarray
    reported: np.ndarray
    zone: str = "UTC"

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
    ) -> EventColumns:
        """A checked store from array-likes; codes and instants are cast to the store's dtypes."""
        store = cls(
            tuple(obligation_ids),
            np.ascontiguousarray(deadline, dtype=np.int64),
            np.ascontiguousarray(obligation, dtype=np.int32),
            np.ascontiguousarray(at, dtype=np.int64),
            np.ascontiguousarray(kind, dtype=np.int8),
            np.ascontiguousarray(new_deadline, dtype=np.int64),
            np.ascontiguousarray(reported, dtype=np.int64),
            zone,
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
        return sum(a.nbytes for a in (self.obligation, self.at, self.kind, self.new_deadline, self.reported))

    def check(self) -> None:
        """Raise :class:`~ceasefire.InvalidInputError` if the columns do not fit together."""
        problems = list(self._shape_problems())
        if not problems and len(self):
            problems += self._value_problems()
        if problems:
            raise InvalidInputError(problems)

    def _shape_problems(self) -> list[Problem]:
        found = []
        if self.deadline.shape != (self.obligation_count,):
            found.append(Problem("deadline", f"{self.deadline.shape[0]} deadlines", f"one per obligation id ({self.obligation_count})"))
        if len(set(self.obligation_ids)) != self.obligation_count:
            found.append(Problem("obligation_ids", "a repeated id", "each obligation id once"))
        for name in ("obligation", "kind", "new_deadline", "reported"):
            column = getattr(self, name)
            if column.shape != self.at.shape:
                found.append(Problem(name, f"{column.shape[0]} rows", f"as many rows as 'at' ({len(self)})"))
        return found

    def _value_problems(self) -> list[Problem]:
        found = []
        bad = np.flatnonzero((self.obligation < 0) | (self.obligation >= self.obligation_count))
        if bad.size:
            found.append(Problem(f"row {bad[0]}", f"obligation code {self.obligation[bad[0]]}", f"a code from 0 to {self.obligation_count - 1}"))
        bad = np.flatnonzero((self.kind < 0) | (self.kind >= len(codes.KINDS)))
        if bad.size:
            found.append(Problem(f"row {bad[0]}", f"kind code {self.kind[bad[0]]}", f"one of {dict(enumerate(codes.KINDS))}"))
        return found

    def take(self, rows: np.ndarray) -> EventColumns:
        """A store with only ``rows`` (a boolean mask or row numbers), in that order."""
        return attrs.evolve(
            self,
            obligation=self.obligation[rows],
            at=self.at[rows],
            kind=self.kind[rows],
            new_deadline=self.new_deadline[rows],
            reported=self.reported[rows],
        )

    def known_by(self, cutoff: int) -> EventColumns:
        """The rows first reported at or before ``cutoff`` (microseconds since the epoch)."""
        return self.take(self.reported <= cutoff)

    def code_of(self, obligation_id: str) -> int:
        """The code of ``obligation_id``; KeyError naming some known ids if it is unknown."""
        try:
            return self.obligation_ids.index(obligation_id)
        except ValueError:
            sample = ", ".join(self.obligation_ids[:5])
            raise KeyError(f"no obligation {obligation_id!r} in this store; ids include {sample}") from None
