"""Vectorised reading of ISO 8601 instants, with errors that name the line.

The fast path hands each column to Arrow's ISO 8601 parser (a cast from
string to a UTC timestamp), which reads offsets and ``Z`` and refuses a
string without either, and refuses a leap second (seconds ``60``) as it
refuses any second out of range. Only when a column fails does it look
closer, with polars, to find the first bad line: a leap second raises
:class:`~ceasefire.InvalidTimeError` saying so; a string that parses without
an offset is naive and raises :class:`~ceasefire.NaiveDatetimeError`;
anything else raises :class:`~ceasefire.InvalidTimeError`. Each names the
file, the line and the field.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InvalidTimeError, NaiveDatetimeError, Problem
from ..time import FINER_THAN_MICROSECONDS, first_non_ascii

WITH_OFFSET = "%Y-%m-%dT%H:%M:%S%.f%z"
WITHOUT_OFFSET = "%Y-%m-%dT%H:%M:%S%.f"
EXAMPLE = "2025-03-04T10:11:12+04:00"


def where(path: Path, row: int, field: str) -> str:
    """The place of data row ``row`` (from 0) in ``path``, as ``file:line`` and field."""
    return f"{path}:{line_of(path, row)}: field {field!r}"


def line_of(path: Path, row: int) -> int:
    """The line number (from 1) of data row ``row``: CSV counts its header; NDJSON skips blank lines."""
    if path.suffix.lower() == ".csv":
        return row + 2
    seen = -1
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                seen += 1
                if seen == row:
                    return number
    return row + 1


def places(path: Path) -> Callable[[int, str], str]:
    """A :func:`where` for many rows of one file, which reads the file for line numbers once, on first use.

    A reader that names a place for every row of a kind (a term's period, say)
    calls this instead of :func:`where`, so a file of a thousand obligations is
    not read a thousand times for line numbers nobody may need.
    """
    lines: list[int] = []

    def place(row: int, field: str) -> str:
        if path.suffix.lower() == ".csv":
            return f"{path}:{row + 2}: field {field!r}"
        if not lines:
            with path.open("rb") as handle:
                lines.extend(number for number, line in enumerate(handle, start=1) if line.strip())
        line = lines[row] if row < len(lines) else row + 1
        return f"{path}:{line}: field {field!r}"

    return place


PARALLEL_ROWS = 200_000
"""From this many rows on, the columns of instants are read on two threads (Arrow and polars let go of the GIL)."""


def parse_instants(frame: Any, path: Path, fields: list[str]) -> dict[str, np.ndarray]:
    """Each of ``fields`` as int64 microseconds since the epoch (0 where the field is empty).

    A column that is absent or empty on every row is zeros without a parse.
    On a large frame the columns are read on two threads; whichever fails,
    the error raised is that of the first bad field in ``fields``' order, as
    when they are read one after another.
    """
    if frame.height < PARALLEL_ROWS or len(fields) < 2:
        return {name: _instants(frame, path, name) for name in fields}
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(_instants, frame, path, name) for name in fields]
        return {name: future.result() for name, future in zip(fields, futures)}


def _instants(frame: Any, path: Path, name: str) -> np.ndarray:
    """One column of instants as microseconds, refused with file, line and field if a value is not an instant with an offset."""
    import polars as pl

    if name not in frame.columns or frame[name].null_count() == frame.height:
        return np.zeros(frame.height, np.int64)
    fast = _arrow(frame[name])
    if fast is None:  # Arrow refuses a leap second (seconds 60) with the rest, so a column it reads whole holds none
        _no_leap_seconds(frame[name], path, name)
        _no_part_microseconds(frame[name], path, name)
        column = frame.select(_parse(pl.col(name)))[name]
        column = _retry(frame[name], column, path, name)
        fast = column.dt.epoch("us").fill_null(0).to_numpy()
    return fast


def _no_leap_seconds(column: Any, path: Path, name: str) -> None:
    """Refuse a leap second (``23:59:60``), which the parsers would silently roll over into the next minute.

    The per-event loader refuses it too, so the two paths read a feed alike.
    """
    # a plain search first: the pattern costs more than twice as much
    _refuse_first(column, path, name, r"T\d{2}:\d{2}:60", "a leap second", f"an instant whose seconds are 00 to 59, e.g. {EXAMPLE}", hint=":60")


def _no_part_microseconds(column: Any, path: Path, name: str) -> None:
    """Refuse a time with a non-zero digit past the sixth after the seconds, which the parser would cut to microseconds.

    The per-event loader refuses it too (:data:`ceasefire.time.FINER_THAN_MICROSECONDS`, the same pattern); seven or
    more digits whose extra ones are zeros lose nothing and pass.
    """
    # seven digits after a point first: a rough search that costs less than half the exact pattern, and finds nothing in most feeds
    _refuse_first(column, path, name, FINER_THAN_MICROSECONDS, "a time finer than a microsecond", f"at most six digits after the seconds (ceasefire counts in microseconds), e.g. {EXAMPLE}", rough=r"[.,]\d{7}")


def _refuse_first(column: Any, path: Path, name: str, pattern: str, what: str, expected: str, *, hint: str | None = None, rough: str | None = None) -> None:
    """Raise :class:`InvalidTimeError` naming the first text of ``column`` that ``pattern`` finds, as ``what``.

    ``hint`` (a literal) and ``rough`` (a cheaper pattern), when given, are found in every text ``pattern``
    finds, and are searched for first, so that a column holding neither is passed over at their cost.
    """
    import polars as pl

    if column.dtype != pl.Utf8:
        return
    if hint is not None and not column.str.contains(hint, literal=True).any():
        return
    if rough is not None and not column.str.contains(rough).any():
        return
    found = column.str.contains(pattern).fill_null(False)
    if found.any():
        row = int(found.arg_true()[0])
        raise InvalidTimeError(Problem(where(path, row, name), f"{column[row]!r}, {what}", expected))


def _arrow(column: Any) -> np.ndarray | None:
    """The column as microseconds through Arrow's parser; None if any string is refused."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        stamps = pc.cast(column.to_arrow(), pa.timestamp("us", tz="UTC"))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return np.asarray(pc.fill_null(stamps.cast(pa.int64()), 0))


def _parse(expr: Any) -> Any:
    return expr.str.to_datetime(WITH_OFFSET, time_unit="us", time_zone="UTC", strict=False)


def _retry(raw: Any, column: Any, path: Path, name: str) -> Any:
    import polars as pl

    failed = column.is_null() & raw.is_not_null()
    fixed = raw.str.replace(r"[zZ]$", "+00:00").str.to_datetime(WITH_OFFSET, time_unit="us", time_zone="UTC", strict=False)
    column = column.zip_with(~failed, fixed)
    failed = column.is_null() & raw.is_not_null()
    if not failed.any():
        return column.alias(name)
    row = int(failed.arg_true()[0])
    text = raw[row]
    naive = pl.Series([text]).str.to_datetime(WITHOUT_OFFSET, time_unit="us", strict=False)[0] is not None
    here = where(path, row, name)
    if naive:
        raise NaiveDatetimeError(Problem(here, f"the naive instant {text!r}", f"an ISO 8601 instant with an offset, e.g. {EXAMPLE}"))
    raise InvalidTimeError(Problem(here, shown(text), f"an ISO 8601 instant with an offset, e.g. {EXAMPLE}"))


def shown(text: str) -> str:
    """``text`` quoted for a refusal, naming its first character outside ASCII when it has one (as the per-event loader does)."""
    odd = first_non_ascii(text)
    return repr(text) if odd is None else f"{text!r}, which holds {odd}, not an ASCII character"
