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

    def __str__(self) -> str:
        # KeyError would print its message in quotes; every ceasefire error reads the same way.
        return self._render()

    def _render(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines += [f"  - {p}" for p in self.problems[:LISTED]]
        if len(self.problems) > LISTED:
            lines.append(f"  - and {len(self.problems) - LISTED} more, not written here: the error's 'problems' holds every one, and 'ceasefire validate' lists them all")
        return "\n".join(lines)


LISTED = 20
"""Problems an error's message writes out; the rest are counted, and kept whole in :attr:`CeasefireError.problems`."""


class NaiveDatetimeError(CeasefireError, ValueError):
    """A datetime or datetime string came without a time zone or offset."""


class InvalidTimeError(CeasefireError, ValueError):
    """A value could not be read as an instant, a date, a window or a duration."""


class WindowOrderError(CeasefireError, ValueError):
    """An uncertain window's earliest instant is after its latest."""


class DuplicateIdError(CeasefireError, ValueError):
    """Two obligations, events, amendments, points or sources share an id."""


class UnknownObligationError(CeasefireError, KeyError):
    """An obligation id (in an event's link, or asked for by a caller) that the agreement does not have."""


class UnknownEventError(CeasefireError, KeyError):
    """An event id asked for that no loaded file holds."""


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


class DuplicateKeyError(FileFormatError):
    """A mapping in a YAML or JSON file gives the same key twice."""


class DocumentTooLargeError(FileFormatError):
    """A file nests too deeply, or its YAML aliases would expand past the allowed size."""


class OutOfRangeError(CeasefireError, ValueError):
    """A number (a quantity, a coordinate, a count) outside the range ceasefire accepts."""


class InvalidIdError(CeasefireError, ValueError):
    """An id holding characters that would hide or disguise it, or not written in Unicode NFC."""


class UnsafeUrlError(CeasefireError, ValueError):
    """A URL whose scheme could run code or load something in a reader's browser (only http and https are kept)."""


class OutputError(CeasefireError, ValueError):
    """A result that cannot be written strictly in the format asked for (e.g. a non-finite number in JSON)."""


class InvalidInputError(CeasefireError, ValueError):
    """Input that breaks a rule no more specific error covers."""


class EndingConflictError(CeasefireError, ValueError):
    """The agreement is recorded as ending twice, by two different amendments or events."""


class BulkUnsupportedError(CeasefireError, ValueError):
    """Something the bulk path cannot answer with the Tracker's meaning (a kind, a window, a role); use the Tracker."""
