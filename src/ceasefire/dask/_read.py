"""Reading feed files into rows: one row per event record, source or deletion, in the event-file shape.

Every file is read whole by one task (a partitioned feed is many files).
A row keeps the record itself as JSON text (``record``), where it came from
(``where``: ``file:line`` for NDJSON and CSV, ``file:row N`` for Parquet) and
its place in the feed (``order``), and the few facts routing needs: its
``id``, the obligations its links name (``links``), whether it ends the whole
agreement (``ends``) and the sources it cites (``cites``), each list joined
with newlines. Nothing in a record is dropped or read here beyond that: the
models check every field when a partition is built.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from typing import Any

from .._documents import parse_json
from ._files import open_text, parquet, suffix
from ..errors import CeasefireError, FileFormatError, InvalidInputError, NaiveDatetimeError, Problem

__all__ = ["COLUMNS", "KINDS", "NESTED", "REQUIRED", "empty_rows", "link_counts", "read_file", "rows_of"]

KINDS = ("event", "source", "deletion")
"""The three kinds of record a feed holds, one file set each."""

REQUIRED = {
    "event": ("id", "kind", "summary", "occurred", "sources"),
    "source": ("id", "title"),
    "deletion": ("event", "deleted"),
}
"""The columns a CSV or Parquet file of each kind must have (the fields the models require)."""

NESTED = frozenset({"links", "sources", "quantities", "actors", "disputed_by", "discrepancies", "ends_agreement", "record", "occurred", "until", "reported", "published"})
"""Fields that may hold a list or a mapping: in a CSV cell or a Parquet text column written as JSON (starting with ``[`` or ``{``)."""

COLUMNS = {"log": "int64", "type": "string[pyarrow]", "where": "string[pyarrow]", "order": "int64", "id": "string[pyarrow]", "links": "string[pyarrow]", "ends": "bool", "cites": "string[pyarrow]", "record": "string[pyarrow]"}
"""The columns of a row frame and their pandas dtypes."""

_EXAMPLE = {
    "event": '{"id": "ev-1", "kind": "handover", "summary": "...", "occurred": "2025-01-05T10:00:00+00:00", "links": [{"obligation": "o1", "role": "fulfils"}], "sources": [{"source": "s1"}]}',
    "source": '{"id": "s1", "title": "Daily report", "published": "2025-01-05"}',
    "deletion": '{"event": "ev-1", "deleted": "2025-02-01T00:00:00+00:00"}',
}


def empty_rows() -> Any:
    """A row frame with no rows: the meta every reader's output matches."""
    import pandas as pd

    return pd.DataFrame({name: pd.Series([], dtype=dtype) for name, dtype in COLUMNS.items()})


def read_file(path: str, *, kind: str, log: int, number: int) -> Any:
    """The rows of one file of ``kind`` records (NDJSON, CSV or Parquet, told by its suffix) for the feed ``log``.

    ``number`` is the file's position in the feed, so that ``order`` sorts rows as the files list them.
    """
    found = suffix(path)
    if found in (".ndjson", ".jsonl"):
        records = _ndjson(path)
    elif found == ".csv":
        records = _csv(path, kind)
    elif found == ".parquet":
        records = _parquet(path, kind)
    else:
        raise FileFormatError(Problem(path, f"a file ending {found or 'in no suffix'!r}", "a feed file ending .ndjson, .jsonl, .csv or .parquet"))
    return rows_of(records, kind=kind, log=log, base=number << 32)


def link_counts(path: str, *, kind: str) -> Any:
    """For the layout: how many links one file's events give each obligation, and (under the id "") how many records it holds.

    A Parquet file is read as cheaply as the format allows: its row count from
    its footer, its links from the ``links`` column alone. NDJSON and CSV files
    are read whole.
    """
    import pandas as pd

    if kind == "event" and suffix(path) == ".parquet":
        import pyarrow.parquet as pq

        with pq.ParquetFile(parquet(path)) as footer:
            records = footer.metadata.num_rows
            column = footer.read(columns=["links"]).column("links").to_pylist() if "links" in footer.schema_arrow.names else []
        links = [l["obligation"] for row in column if isinstance(row, list) for l in row if isinstance(l, dict) and isinstance(l.get("obligation"), str)]
    else:
        rows = read_file(path, kind=kind, log=0, number=0)
        records = len(rows)
        links = [o for text in rows["links"] for o in text.split("\n") if o]
    counts = pd.Series(links, dtype="string[pyarrow]").value_counts()
    return pd.DataFrame({"obligation": pd.Series(["", *counts.index], dtype="string[pyarrow]"), "count": pd.Series([records, *counts.values], dtype="int64")})


def rows_of(records: list[tuple[str, dict[str, Any]]], *, kind: str, log: int, base: int = 0) -> Any:
    """A row frame from ``(where, record)`` pairs, in order."""
    import pandas as pd

    out: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    for i, (where, record) in enumerate(records):
        ident, links, ends, cites = _routing(record, kind, where)
        out["log"].append(log)
        out["type"].append(kind)
        out["where"].append(where)
        out["order"].append(base + i)
        out["id"].append(ident)
        out["links"].append("\n".join(links))
        out["ends"].append(ends)
        out["cites"].append("\n".join(cites))
        out["record"].append(json.dumps(record, ensure_ascii=False, default=_json_default))
    return pd.DataFrame({name: pd.Series(values, dtype=COLUMNS[name]) for name, values in out.items()})


def _routing(record: dict[str, Any], kind: str, where: str) -> tuple[str, list[str], bool, list[str]]:
    """The id, linked obligations, agreement-ending flag and cited sources of one record, refusing shapes that cannot be routed."""
    key = "event" if kind == "deletion" else "id"
    ident = record.get(key)
    if not isinstance(ident, str) or not ident:
        raise InvalidInputError(Problem(f"{where} (field '{key}')", f"{ident!r}" if key in record else "no such field", f"the {kind}'s {'event id' if kind == 'deletion' else 'id'} as text, e.g. {_EXAMPLE[kind]}"))
    if kind != "event":
        return ident, [], False, []
    links = record.get("links") or []
    if not isinstance(links, list) or not all(isinstance(l, dict) and isinstance(l.get("obligation"), str) for l in links):
        raise InvalidInputError(Problem(f"{where} (field 'links')", repr(links)[:80], "a list of links, each with an 'obligation' id and a 'role', e.g. [{\"obligation\": \"o1\", \"role\": \"fulfils\"}]"))
    cites = [c["source"] for c in record.get("sources") or () if isinstance(c, dict) and isinstance(c.get("source"), str)]
    for gap in record.get("discrepancies") or ():
        for claim in (gap.get("claims") or ()) if isinstance(gap, dict) else ():
            citation = claim.get("citation") if isinstance(claim, dict) else None
            if isinstance(citation, dict) and isinstance(citation.get("source"), str):
                cites.append(citation["source"])
    return ident, [l["obligation"] for l in links], bool(record.get("ends_agreement")), sorted(set(cites))


def _ndjson(path: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    with open_text(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:  # the reader event files use: a key given twice, NaN, a number past 2**53 are refused as there
                value = parse_json(line, f"{path}:{number}")
            except CeasefireError as exc:
                raise type(exc)([Problem(f"{path}:{number}", p.received, p.expected) for p in exc.problems]) from None
            if not isinstance(value, dict):
                raise FileFormatError(Problem(f"{path}:{number}", f"a JSON {type(value).__name__} ({line.strip()[:40]})", "one JSON object per line, e.g. " + _EXAMPLE["event"]))
            out.append((f"{path}:{number}", value))
    return out


def _csv(path: str, kind: str) -> list[tuple[str, dict[str, Any]]]:
    with open_text(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        _require(path, list(reader.fieldnames or ()), kind)
        out = []
        for row in reader:
            where = f"{path}:{reader.line_num}"
            record: dict[str, Any] = {}
            for name, cell in row.items():
                if name is None or cell is None:
                    raise FileFormatError(Problem(where, "a row with more or fewer cells than the header", "one cell per column of the header row"))
                if cell == "":
                    continue
                if name in NESTED and cell.lstrip()[:1] in ("[", "{"):
                    try:
                        record[name] = json.loads(cell)
                    except json.JSONDecodeError as exc:
                        raise FileFormatError(Problem(f"{where} (column '{name}')", f"the cell {cell[:40]!r}, not JSON ({exc.msg})", 'a JSON list or mapping, e.g. [{"obligation": "o1", "role": "fulfils"}]')) from None
                else:
                    record[name] = cell
            out.append((where, record))
    return out


def _parquet(path: str, kind: str) -> list[tuple[str, dict[str, Any]]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(parquet(path))
    _require(path, table.column_names, kind)
    for field in table.schema:
        for inner in _leaves(field.type):
            if pa.types.is_timestamp(inner) and inner.tz is None:
                expected = "timestamps with a zone, e.g. pyarrow.timestamp('us', tz='UTC'), or ISO 8601 text with an offset such as '2025-01-05T10:00:00+04:00'"
                raise NaiveDatetimeError(Problem(f"{path} (column '{field.name}')", f"timestamps without a time zone ({inner})", expected))
            if pa.types.is_date(inner) or pa.types.is_time(inner):
                raise InvalidInputError(Problem(f"{path} (column '{field.name}')", f"a column of type {inner}", "ISO 8601 text (a date such as '2025-01-05' is read in the feed's zone) or zoned timestamps"))
    names = table.column_names
    columns: list[list[Any]] = []
    for name, field in zip(names, table.schema):
        values = table.column(name).to_pylist()
        if _plain(field.type):
            pass
        elif _plain_records(field.type):  # a list of flat structs (links, citations, quantities): drop their nulls in one pass
            values = [v if v is None else [d if d is None else {k: x for k, x in d.items() if x is not None} for d in v] for v in values]
        else:
            values = [_clean(v) for v in values]  # nested values lose their nulls; timestamps become ISO 8601 text
        columns.append(values)
    out = []
    for i, row in enumerate(zip(*columns)):
        where = f"{path}:row {i + 1}"
        record = {name: value for name, value in zip(names, row) if value is not None}
        for name in NESTED & record.keys():
            cell = record[name]
            if isinstance(cell, str) and cell.lstrip()[:1] in ("[", "{"):
                try:
                    record[name] = json.loads(cell)
                except json.JSONDecodeError as exc:
                    raise FileFormatError(Problem(f"{where} (column '{name}')", f"the text {cell[:40]!r}, not JSON ({exc.msg})", 'a JSON list or mapping, e.g. [{"obligation": "o1", "role": "fulfils"}], or a nested Parquet column')) from None
        out.append((where, record))
    return out


def _leaves(kind: Any) -> list[Any]:
    import pyarrow as pa

    if pa.types.is_struct(kind):
        return [leaf for i in range(kind.num_fields) for leaf in _leaves(kind.field(i).type)]
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return _leaves(kind.value_type)
    return [kind]


def _plain(kind: Any) -> bool:
    """True for a column whose values need no cleaning: text, numbers and booleans, neither nested nor timestamps."""
    import pyarrow as pa

    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_boolean(kind))


def _plain_records(kind: Any) -> bool:
    """True for a list of structs whose fields are all plain (see :func:`_plain`)."""
    import pyarrow as pa

    if not (pa.types.is_list(kind) or pa.types.is_large_list(kind)) or not pa.types.is_struct(kind.value_type):
        return False
    inner = kind.value_type
    return all(_plain(inner.field(i).type) for i in range(inner.num_fields))


def _clean(value: Any) -> Any:
    """A Parquet row as plain JSON-ready data: nulls left out (as an absent field), timestamps as ISO 8601 text."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def _require(path: str, columns: list[str], kind: str) -> None:
    missing = [c for c in REQUIRED[kind] if c not in columns]
    if missing:
        raise FileFormatError(Problem(path, f"the columns {', '.join(columns) or 'none'} (no {', '.join(repr(m) for m in missing)})", f"a {kind} table with at least the columns {', '.join(REQUIRED[kind])}, one row per {kind}"))


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
