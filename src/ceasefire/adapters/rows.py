"""Reading dataset exports row by row, each row with the file and line it came from.

CSV files are read with the standard library; a row's line is the line its
record starts on (a quoted field may span several lines). The delimiter and
quote character are detected from the header line (``,``, ``;``, tab or
``|``, as a spreadsheet may re-save a file) and reported, never guessed
silently. In a file not separated by commas, number cells may carry a decimal
comma (``39,75``); :class:`~ceasefire.adapters.cells.Cells` reads them where
only one reading fits and refuses them where two do. JSON files are a list of rows, the ACLED API envelope
``{"success": true, "data": [...]}``, or the UCDP API envelope ``{"Result":
[...], "TotalCount": ..., "NextPageUrl": ...}``; their rows are placed by the
line where each row's object starts.
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
from ..loading import read_text


@attrs.frozen
class Row:
    """One row of an export: its values by column name, and where it was read."""

    file: str
    line: int
    values: dict[str, str]
    error: Problem | None = None
    """Set when the row could not be split into columns at all."""
    delimiter: str = ","
    """What the file separates fields with; with anything but ',' (as a spreadsheet using decimal commas saves it) a number cell may be written ``39,75``."""
    readings: list[str] = attrs.field(factory=list, eq=False, repr=False)
    """Numbers read in another way than as written (a decimal comma), one sentence each, for the conversion's notes."""

    @property
    def decimal_comma(self) -> bool:
        """True when a number cell may carry a decimal comma: the file is not separated by commas."""
        return self.delimiter != ","

    @property
    def where(self) -> str:
        """``file:line``, for messages."""
        return f"{self.file}:{self.line}"

    def get(self, column: str) -> str:
        """The value in ``column``, stripped; empty when the column is blank."""
        value = self.values.get(column)
        return value.strip() if value else ""

    def stripped(self) -> dict[str, str]:
        """Every value, stripped, by column: what :meth:`get` gives for each column, made at once for a converter that reads most of them."""
        return {column: value.strip() if value else "" for column, value in self.values.items()}

    def problem(self, column: str, received: str, expected: str) -> Problem:
        """A problem with one column of this row."""
        return Problem(f"{self.where} (column {column})", received, expected)


@attrs.frozen
class Table:
    """A whole export: its rows, the columns its header (or first row) names, and how it was read."""

    rows: tuple[Row, ...]
    columns: tuple[str, ...]
    read_as: str
    """How the file was read, e.g. "CSV, delimiter ';', quote '\"'" or "JSON (ACLED API envelope)"."""


def read_table(path: Path, columns: Sequence[str]) -> Table:
    """Every row of a CSV or JSON export, after checking it has every column in ``columns`` (others are optional)."""
    if path.suffix.lower() == ".json":
        return _json_table(path, columns)
    return _csv_table(path, columns)


def read_rows(path: Path, columns: Sequence[str]) -> Iterator[Row]:
    """The rows of a CSV or JSON export, after checking it has every column in ``columns``."""
    yield from read_table(path, columns).rows


def _read_text(path: Path) -> str:
    """The export's text, line ends kept as written (inside quoted fields too) and a byte-order mark dropped; bytes that are not UTF-8 are refused at their line."""
    text = read_text(path, formats="CSV or JSON")
    return text[1:] if text.startswith("\ufeff") else text


def _missing(path: Path, line: int, have: Sequence[str], columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in have]
    if missing:
        raise FileFormatError(
            Problem(f"{path}:{line}", f"a header without the columns {', '.join(missing)}", f"every column of the layout: {', '.join(columns)}")
        )


_DELIMITERS = ",;\t|"
_SAME_KEPT = 100_000


def _dialect(header_line: str) -> tuple[str, str]:
    """The delimiter and quote character of a CSV file, from its header line; a comma when nothing else fits."""
    try:
        found = csv.Sniffer().sniff(header_line, delimiters=_DELIMITERS)
    except csv.Error:
        return ",", '"'
    delimiter = found.delimiter if found.delimiter in _DELIMITERS else ","
    # The sniffer may pick a delimiter that never occurs in a one-column header; keep the one that splits it most.
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    if counts.get(delimiter, 0) == 0 and max(counts.values()) > 0:
        delimiter = max(counts, key=lambda d: counts[d])
    quote = found.quotechar if found.quotechar in ('"', "'") else '"'
    return delimiter, quote


def _csv_table(path: Path, columns: Sequence[str]) -> Table:
    lines = list(io.StringIO(_read_text(path), newline=""))
    start = 0
    while start < len(lines) and lines[start].startswith("#"):
        start += 1
    if start >= len(lines):
        raise FileFormatError(Problem(str(path), "an empty file", "a CSV header line naming the columns"))
    delimiter, quote = _dialect(lines[start])
    reader = csv.reader(lines[start:], delimiter=delimiter, quotechar=quote)
    header = next(reader, None)
    if header is None:
        raise FileFormatError(Problem(str(path), "an empty file", "a CSV header line naming the columns"))
    header = [h.strip() for h in header]
    distinct(header, where=f"{path}:{start + 1}", what="column")
    shown = "tab" if delimiter == "\t" else repr(delimiter)
    read_as = f"CSV, delimiter {shown}, quote {quote!r} (detected from the header line)"
    if len(header) == 1 and len(columns) > 1:
        raise FileFormatError(
            Problem(f"{path}:{start + 1}", f"a header with one column only ({header[0][:60]!r})", f"columns separated by one of , ; tab | naming: {', '.join(columns)}")
        )
    _missing(path, start + 1, header, columns)
    rows: list[Row] = []
    begins = start + reader.line_num + 1
    name = str(path)
    same: dict[str, str] = {}  # one string object for each text the cells repeat (a country, an actor, an event type), as every event keeps its row
    one = same.setdefault
    for record in reader:
        line, begins = begins, start + reader.line_num + 1
        if not record:
            continue
        if len(record) != len(header):
            rows.append(Row(name, line, {}, Problem(f"{path}:{line}", f"a row of {len(record)} fields", f"{len(header)} fields, one per header column")))
            continue
        if len(same) > _SAME_KEPT:  # texts that never repeat (notes, ids) would fill it: start afresh, the sharing is only a saving
            same.clear()
        rows.append(Row(name, line, dict(zip(header, [one(v, v) for v in record], strict=True)), delimiter=delimiter))
    return Table(tuple(rows), tuple(header), read_as)


def _json_table(path: Path, columns: Sequence[str]) -> Table:
    text = _read_text(path)
    expected = "a JSON list of rows, {\"success\": true, \"data\": [...]} or {\"Result\": [...]}"
    data: Any = parse_json(text, str(path))
    read_as = "JSON list of rows"
    if isinstance(data, dict) and "data" in data:
        if data.get("success") is False:
            raise FileFormatError(Problem(str(path), f"an API answer with success false ({data.get('error')!r})", "a successful export"))
        data, read_as = data["data"], "JSON (ACLED API envelope)"
    elif isinstance(data, dict) and "Result" in data:
        data, read_as = data["Result"], "JSON (UCDP API envelope)"
    if not isinstance(data, list):
        raise FileFormatError(Problem(str(path), f"a top level of type {type(data).__name__}", expected))
    starts = _object_lines(text)
    rows: list[Row] = []
    header: list[str] = []
    for i, item in enumerate(data):
        line = starts[i] if i < len(starts) else 1
        if not isinstance(item, dict):
            rows.append(Row(str(path), line, {}, Problem(f"{path}:{line} (data[{i}])", f"a row of type {type(item).__name__}", "an object of column names and values")))
            continue
        header += [str(k) for k in item if str(k) not in header]
        missing = [c for c in columns if c not in item]
        if missing:
            rows.append(Row(str(path), line, {}, Problem(f"{path}:{line} (data[{i}])", f"a row without {', '.join(missing)}", f"every one of: {', '.join(columns)}")))
            continue
        rows.append(Row(str(path), line, {str(k): "" if v is None else str(v) for k, v in item.items()}))
    return Table(tuple(rows), tuple(header), read_as)


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
