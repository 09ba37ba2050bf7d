"""Every error ``ceasefire`` raises on purpose.

Each error is also a builtin (``ValueError`` or ``LookupError``), so callers
may catch either. Each carries ``problems``: one :class:`Problem` per thing that
was wrong, saying where it was, what was received and what was expected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where, what was found, what was wanted."""

    where: str
    received: str
    expected: str

    def __str__(self) -> str:
        return f"{self.where}: received {self.received}; expected {self.expected}"


class CeasefireError(Exception):
    """Root of the errors raised by ceasefire; never raised itself."""

    def __init__(self, problems: Problem | Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        super().__init__(self._render())

    def _render(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


class NaiveDatetimeError(CeasefireError, ValueError):
    """A datetime or datetime string came without a time zone or offset."""


class InvalidTimeError(CeasefireError, ValueError):
    """A value could not be read as an instant, a date, a window or a duration."""


class WindowOrderError(CeasefireError, ValueError):
    """An uncertain window's earliest instant is after its latest."""


class DuplicateIdError(CeasefireError, ValueError):
    """Two obligations, events, amendments, points or sources share an id."""


class UnknownObligationError(CeasefireError, LookupError):
    """An event links to an obligation id the agreement does not have."""


class UnknownAmendmentTargetError(CeasefireError, LookupError):
    """An amendment changes an obligation (or point) the agreement does not have."""


class UnknownSourceError(CeasefireError, LookupError):
    """A citation names a source id that no loaded file declares."""


class QuoteNotFoundError(CeasefireError, ValueError):
    """A quote is not found verbatim in the file its source names."""


class UnknownFieldError(CeasefireError, ValueError):
    """A file holds a field the model does not know."""


class DeadlineBeforeEffectError(CeasefireError, ValueError):
    """A deadline falls before the obligation it belongs to takes effect."""


class FileFormatError(CeasefireError, ValueError):
    """A file is not valid YAML or JSON, or cannot be read."""


class InvalidInputError(CeasefireError, ValueError):
    """Input that breaks a rule no more specific error covers."""


class EndingConflictError(CeasefireError, ValueError):
    """The agreement is recorded as ending twice, by two different amendments or events."""
