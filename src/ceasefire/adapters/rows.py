"""Reading dataset exports row by row, each row with the file and line it came from.

CSV files are read with the standard library; a row's line is the line its
record starts on (a quoted field may span several lines). JSON files are
either a list of rows or the ACLED API envelope ``{"success": true, "data":
[...]}``; their rows are placed by the line where each row's object starts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from .._documents import parse_json
from ..bounds import distinct
from ..errors import FileFormatError, Problem


@attrs.frozen
class Row:
    """One row of an export: its values by column name, and where it was read."""

    file: str
    line: int
    values: dict[str, str]
    error: Problem | None = None
    """Set when the row could not be split into columns at all."""

    @property
    def where(self) -> str:
        """``file:line``, for messages."""
        return f"{self.file}:{self.line}"

    def get(self, column: str) -> str:
        """The value in ``column``, stripped; empty when the column is blank."""
        return (self.values.get(column) or "").strip()

    def problem(self, column: str, received: str, expected: str) -> Problem:
        """A problem with one column of this row."""
        return Problem(f"{self.where} (column {column})", received, expected)


def read_rows(path: Path, columns: Sequence[str]) -> Iterator[Row]:
    """The rows of a CSV or JSON export, after checking it has every column in ``columns``."""
    if path.suffix.lower() == ".json":
        yield from _json_rows(path, columns)
    else:
        yield from _csv_rows(path, columns)


def _read_text(path: Path) -> str:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # keep line ends inside quoted fields as written
            return handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise FileFormatError(Problem(str(path), f"a file that cannot be read ({exc.__class__.__name__}: {exc})", "a readable UTF-8 CSV or JSON file")) from None


def _missing(path: Path, line: int, have: Sequence[str], columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in have]
    if missing:
        raise FileFormatError(
            Problem(f"{path}:{line}", f"a header without the columns {', '.join(missing)}", f"every column of the layout: {', '.join(columns)}")
        )


def _csv_rows(path: Path, columns: Sequence[str]) -> Iterator[Row]:
    lines = list(io.StringIO(_read_text(path), newline=""))
    start = 0
    while start < len(lines) and lines[start].startswith("#"):
        start += 1
    reader = csv.reader(lines[start:])
    header = next(reader, None)
    if header is None:
        raise FileFormatError(Problem(str(path), "an empty file", "a CSV header line naming the columns"))
    header = [h.strip() for h in header]
    distinct(header, where=f"{path}:{start + 1}", what="column")
    _missing(path, start + 1, header, columns)
    begins = start + reader.line_num + 1
    for record in reader:
        line, begins = begins, start + reader.line_num + 1
        if not record:
            continue
        if len(record) != len(header):
            yield Row(str(path), line, {}, Problem(f"{path}:{line}", f"a row of {len(record)} fields", f"{len(header)} fields, one per header column"))
            continue
        yield Row(str(path), line, dict(zip(header, record, strict=True)))


def _json_rows(path: Path, columns: Sequence[str]) -> Iterator[Row]:
    text = _read_text(path)
    data: Any = parse_json(text, str(path))
    if isinstance(data, dict) and "data" in data:
        if data.get("success") is False:
            raise FileFormatError(Problem(str(path), f"an API answer with success false ({data.get('error')!r})", "a successful export"))
        data = data["data"]
    if not isinstance(data, list):
        raise FileFormatError(Problem(str(path), f"a top level of type {type(data).__name__}", "a JSON list of rows, or {\"success\": true, \"data\": [...]}"))
    starts = _object_lines(text)
    for i, item in enumerate(data):
        line = starts[i] if i < len(starts) else 1
        if not isinstance(item, dict):
            yield Row(str(path), line, {}, Problem(f"{path}:{line} (data[{i}])", f"a row of type {type(item).__name__}", "an object of column names and values"))
            continue
        missing = [c for c in columns if c not in item]
        if missing:
            yield Row(str(path), line, {}, Problem(f"{path}:{line} (data[{i}])", f"a row without {', '.join(missing)}", "every column of the layout"))
            continue
        yield Row(str(path), line, {str(k): "" if v is None else str(v) for k, v in item.items()})


def _object_lines(text: str) -> list[int]:
    """The line on which each row object of the row list starts (objects nested one level inside it)."""
    lines, depth, line, in_string, escaped = [], 0, 1, False, False
    list_depth: int | None = None
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "[{":
            if char == "{" and list_depth is not None and depth == list_depth:
                lines.append(line)
            if char == "[" and list_depth is None:
                list_depth = depth + 1
            depth += 1
        elif char in "]}":
            depth -= 1
    return lines
