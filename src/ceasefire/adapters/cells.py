"""Typed values out of one row's cells, with every unreadable cell noted against its file, line and column.

Decimal commas: a file separated by ``;`` (or tab, or ``|``) is often one a
spreadsheet re-saved in a locale that writes ``39,75`` for 39.75. In such a
file a number cell is read every way it could be meant: as written, with a
decimal comma (``1,5``), and with ``,`` or ``.`` between groups of three digits
(``1,500``, ``1.500``). The readings that fit the column (a whole number where
one is expected, within its range) are kept: one reading is used, and noted
when it is not the number as written; two readings that differ are refused as
ambiguous, naming the file, line, column, value and both readings. A file
separated by commas is read as before: its numbers are taken as written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from typing import Any

from ..bounds import finite, identifier
from ..errors import CeasefireError, Problem
from ..time import check_date, first_non_ascii, from_unix
from .rows import Row

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+", re.ASCII)
_GROUPED = re.compile(r"[+-]?\d{1,3}([.,])\d{3}(?:\1\d{3})*", re.ASCII)
AS_WRITTEN = "as written"


class Cells:
    """Reads one row; each bad cell adds a :class:`Problem` and gives None."""

    def __init__(self, row: Row) -> None:
        self.row = row
        self.problems: list[Problem] = []

    def _bad(self, column: str, received: str, expected: str) -> None:
        self.problems.append(self.row.problem(column, received, expected))

    def _checked(self, column: str, value: Any, check: Any) -> Any:
        """``value`` passed through a central range check (:mod:`ceasefire.bounds`, :mod:`ceasefire.time`); None and a problem if it fails."""
        try:
            return check(value, where=column)
        except CeasefireError as exc:
            self._bad(column, exc.problems[0].received, exc.problems[0].expected)
            return None

    def text(self, column: str, *, required: bool = False) -> str:
        """The cell as text; a blank required cell is a problem."""
        value = self.row.get(column)
        if required and not value:
            self._bad(column, "an empty cell", "a value")
        return value

    def identifier(self, column: str) -> str:
        """The cell as a required id, checked by :func:`ceasefire.bounds.identifier`."""
        value = self.text(column, required=True)
        return self._checked(column, value, identifier) if value else value

    def _alternatives(self, value: str) -> dict[str, float]:
        """Other readings of a number cell in a file not separated by commas: a decimal comma, or separators between thousands."""
        if not self.row.decimal_comma:
            return {}
        out: dict[str, float] = {}
        if _DECIMAL_COMMA.fullmatch(value):
            out["a decimal comma"] = float(value.replace(",", "."))
        grouped = _GROUPED.fullmatch(value)
        if grouped:
            out[f"{grouped.group(1)!r} between thousands"] = float(value.replace(grouped.group(1), ""))
        return out

    def _choose(self, column: str, value: str, alternatives: dict[str, float], *, whole: bool, allowed: Collection[int] | None, check: Any, expected: str) -> Any:
        """The one reading of ``value`` that fits the column; a problem when none fits or two that differ do."""
        readings: dict[str, float] = {}
        written = written_number(value)
        if written is not None:
            readings[AS_WRITTEN] = written
        readings.update(alternatives)
        fits: dict[str, Any] = {}
        for how, number in readings.items():
            if number != number or (whole and (not number.is_integer() or (allowed is not None and int(number) not in allowed))):
                continue
            kept: Any = int(number) if whole else number
            if check is not None:
                try:
                    kept = check(kept, where=column)
                except CeasefireError:
                    continue
            fits[how] = kept
        if len(set(fits.values())) > 1:
            both = " or ".join(f"{kept} ({how})" for how, kept in fits.items())
            self._bad(
                column,
                f"{value!r}, which reads as {both}",
                f"{expected}, written so that it reads one way only (e.g. 1500 or 1.5): in a file separated by "
                f"{_shown(self.row)}, as a spreadsheet may save it, ',' may be a decimal comma or a separator between thousands",
            )
            return None
        if not fits:
            self._bad(column, _shown_cell(value), expected + (f" (read as written and with {', '.join(alternatives)}: none fits)" if alternatives else ""))
            return None
        how, kept = next(iter(fits.items()))
        if how != AS_WRITTEN:
            self.row.readings.append(f"{self.row.where} (column {column}) {value!r} read as {kept}, with {how}")
        return kept

    def integer(self, column: str, *, required: bool = False, allowed: Collection[int] | None = None, check: Any = None) -> int | None:
        """The cell as a whole number (``3`` or ``3.0``; ``3,0`` in a file not separated by commas); blank gives None unless required."""
        value = self.row.get(column)
        if not value:
            if required:
                self._bad(column, "an empty cell", "a whole number")
            return None
        alternatives = self._alternatives(value)
        if alternatives:
            expected = f"one of {sorted(allowed)}" if allowed is not None else "a whole number"
            return self._choose(column, value, alternatives, whole=True, allowed=allowed, check=check, expected=expected)  # type: ignore[no-any-return]
        written = written_number(value)
        number = float("nan") if written is None else written
        if number != number or not number.is_integer() or (allowed is not None and int(number) not in allowed):
            self._bad(column, _shown_cell(value), f"one of {sorted(allowed)}" if allowed is not None else "a whole number")
            return None
        return int(number) if check is None else self._checked(column, int(number), check)

    def number(self, column: str, check: Any = finite) -> float | None:
        """The cell as a number passed through ``check`` (by default: finite); blank gives None."""
        value = self.row.get(column)
        if not value:
            return None
        alternatives = self._alternatives(value)
        if alternatives:
            return self._choose(column, value, alternatives, whole=False, allowed=None, check=check, expected="a number such as 39.75")  # type: ignore[no-any-return]
        number = written_number(value)
        if number is None:
            self._bad(column, _shown_cell(value), "a number such as 39.75")
            return None
        return self._checked(column, number, check)  # type: ignore[no-any-return]

    def date(self, column: str, *, required: bool = True) -> dt.date | None:
        """The cell as a calendar date: ``2020-11-25`` (a time after it, ``2020-11-25 00:00:00.000`` or ISO ``2020-11-25T00:00:00``, only if it is midnight) or ``25 November 2020``."""
        value = self.row.get(column)
        known = _DAYS.get(value)
        if known is not None:
            return known
        if not value:
            if required:
                self._bad(column, "an empty cell", "a date such as 2020-11-25")
            return None
        sep = "T" if value[:4].isdigit() and len(value) > 10 and value[10:11] == "T" else " "
        day, _, clock = value.partition(sep) if value[:4].isdigit() else (value, "", "")
        if not value.isascii():  # strptime would read full-width or other non-ASCII digits as 0-9
            self._bad(column, _shown_cell(value), "a date such as 2020-11-25 or 25 November 2020, written in ASCII")
            return None
        if clock.strip() and clock.strip().strip("0:.") != "":
            self._bad(column, repr(value), "a date such as 2020-11-25 (a time of day other than midnight is not a date)")
            return None
        for form in _DATE_FORMATS:
            try:
                found = dt.datetime.strptime(day.strip(), form).date()
            except ValueError:
                continue
            checked: dt.date | None = self._checked(column, found, check_date)
            if checked is not None:
                _keep(_DAYS, value, checked)
            return checked
        self._bad(column, repr(value), "a date such as 2020-11-25 or 25 November 2020")
        return None

    def unix(self, column: str) -> dt.datetime | None:
        """The cell as a Unix timestamp (whole seconds since 1970, UTC)."""
        value = self.row.get(column)
        known = _INSTANTS.get(value)
        if known is not None:
            return known
        try:
            found = from_unix(value, where=column)
        except CeasefireError:
            self._bad(column, repr(value) if value else "an empty cell", "whole seconds since 1970-01-01 UTC, e.g. 1605744000")
            return None
        _keep(_INSTANTS, value, found)
        return found


def written_number(value: str) -> float | None:
    """The number a cell writes in ASCII digits, or None.

    Python's ``float`` also reads digits of other scripts (``'１２'``) and
    underscores between digits (``'1_000'``); neither is how a dataset writes
    a number, so neither is read as one and the cell is reported instead.
    """
    if not value.isascii() or "_" in value:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _shown_cell(value: str) -> str:
    """``value`` quoted; with its first character outside ASCII named, when it has one (a look-alike is easy to miss)."""
    odd = first_non_ascii(value)
    return repr(value) if odd is None else f"{value!r}, which holds {odd}"


_DAYS: dict[str, dt.date] = {}
"""Dates already read from a cell's text: an export repeats its dates row after row, and the reading depends on the text alone."""
_INSTANTS: dict[str, dt.datetime] = {}
"""Unix timestamps already read from a cell's text (ACLED gives one upload's rows the same timestamp)."""
_KEPT = 1 << 16


def _keep(found: dict[str, Any], text: str, value: Any) -> None:
    """Keep a reading of ``text`` that succeeded, starting afresh when ``found`` is full."""
    if len(found) >= _KEPT:
        found.clear()
    found[text] = value


def _shown(row: Row) -> str:
    """What a row's file separates fields with, in words."""
    return "tabs" if row.delimiter == "\t" else repr(row.delimiter)


def reading_notes(name: object, rows: Sequence[Row]) -> list[str]:
    """One note for the numbers of ``rows`` read with a decimal comma or thousands separators (the first three named), or none."""
    found = [text for row in rows for text in row.readings]
    if not found:
        return []
    more = f"; and {len(found) - 3} more" if len(found) > 3 else ""
    return [f"{name}: {len(found)} number cells read other than as written (the record keeps the text): {'; '.join(found[:3])}{more}"]
