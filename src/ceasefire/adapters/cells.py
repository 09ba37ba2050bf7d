"""Typed values out of one row's cells, with every unreadable cell noted against its file, line and column."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from ..bounds import finite, identifier
from ..errors import CeasefireError, Problem
from ..time import check_date, from_unix
from .rows import Row

_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y")


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

    def integer(self, column: str, *, required: bool = False, allowed: Collection[int] | None = None, check: Any = None) -> int | None:
        """The cell as a whole number (``3`` or ``3.0``); blank gives None unless required."""
        value = self.row.get(column)
        if not value:
            if required:
                self._bad(column, "an empty cell", "a whole number")
            return None
        try:
            number = float(value)
        except ValueError:
            number = float("nan")
        if number != number or not number.is_integer() or (allowed is not None and int(number) not in allowed):
            self._bad(column, repr(value), f"one of {sorted(allowed)}" if allowed is not None else "a whole number")
            return None
        return int(number) if check is None else self._checked(column, int(number), check)

    def number(self, column: str, check: Any = finite) -> float | None:
        """The cell as a number passed through ``check`` (by default: finite); blank gives None."""
        value = self.row.get(column)
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            self._bad(column, repr(value), "a number such as 39.75")
            return None
        return self._checked(column, number, check)  # type: ignore[no-any-return]

    def date(self, column: str, *, required: bool = True) -> dt.date | None:
        """The cell as a calendar date: ``2020-11-25`` (a time after it, ``2020-11-25 00:00:00.000`` or ISO ``2020-11-25T00:00:00``, only if it is midnight) or ``25 November 2020``."""
        value = self.row.get(column)
        if not value:
            if required:
                self._bad(column, "an empty cell", "a date such as 2020-11-25")
            return None
        sep = "T" if value[:4].isdigit() and len(value) > 10 and value[10:11] == "T" else " "
        day, _, clock = value.partition(sep) if value[:4].isdigit() else (value, "", "")
        if clock.strip() and clock.strip().strip("0:.") != "":
            self._bad(column, repr(value), "a date such as 2020-11-25 (a time of day other than midnight is not a date)")
            return None
        for form in _DATE_FORMATS:
            try:
                found = dt.datetime.strptime(day.strip(), form).date()
            except ValueError:
                continue
            return self._checked(column, found, check_date)  # type: ignore[no-any-return]
        self._bad(column, repr(value), "a date such as 2020-11-25 or 25 November 2020")
        return None

    def unix(self, column: str) -> dt.datetime | None:
        """The cell as a Unix timestamp (whole seconds since 1970, UTC)."""
        value = self.row.get(column)
        try:
            return from_unix(value, where=column)
        except CeasefireError:
            self._bad(column, repr(value) if value else "an empty cell", "whole seconds since 1970-01-01 UTC, e.g. 1605744000")
            return None
