"""Status reports and timelines as JSON, CSV, Markdown and data frames.

Every format keeps what a reader needs to check an answer: the ids of the
events counted, the ids of the sources behind them, and every instant as an
ISO 8601 string with its offset. The JSON forms follow versioned schemas,
``ceasefire.status/2`` and ``ceasefire.timeline/2`` (JSON Schema files in
``docs/schemas/``); a change that could break a reader gets a new version.

pandas and polars are optional (``pip install 'ceasefire[pandas]'`` or
``'ceasefire[polars]'``) and imported only when a data frame is asked for.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from typing import Any

from ._records import status_document, status_rows, timeline_document, timeline_rows
from ..errors import InvalidInputError, OutputError, Problem
from ..results import StatusReport
from ..time import in_zone
from ..engine.timeline import Timeline

STATUS_SCHEMA = "ceasefire.status/2"
TIMELINE_SCHEMA = "ceasefire.timeline/2"
FORMATS = ("json", "csv", "markdown")

Exportable = StatusReport | Timeline

__all__ = [
    "FORMATS",
    "STATUS_SCHEMA",
    "TIMELINE_SCHEMA",
    "export",
    "records",
    "to_csv",
    "to_dict",
    "to_json",
    "to_markdown",
    "to_pandas",
    "to_polars",
]


def to_dict(value: Exportable) -> dict[str, Any]:
    """The JSON-ready document for a status report or a timeline, with its ``schema`` name."""
    if isinstance(value, StatusReport):
        return {"schema": STATUS_SCHEMA, **status_document(value)}
    if isinstance(value, Timeline):
        return {"schema": TIMELINE_SCHEMA, **timeline_document(value)}
    raise _not_exportable(value)


def to_json(value: Exportable, *, indent: int | None = 2) -> str:
    """The document of :func:`to_dict` as JSON text (UTF-8, non-ASCII kept); never NaN or Infinity, which are not JSON."""
    return strict_json(to_dict(value), indent=indent)


def strict_json(document: Any, *, indent: int | None = 2) -> str:
    """``document`` as standard JSON text; a non-finite number raises :class:`~ceasefire.errors.OutputError` instead of writing ``NaN``."""
    try:
        return json.dumps(document, indent=indent, ensure_ascii=False, allow_nan=False) + "\n"
    except ValueError as exc:
        raise OutputError(Problem("JSON output", f"a number that is not finite ({exc})", "finite numbers only: NaN and Infinity are not JSON")) from None


def records(value: Exportable) -> list[dict[str, Any]]:
    """Flat rows: one per obligation for a status report, one per interval for a timeline.

    Instants are aware datetimes, lists stay lists; :func:`to_csv` and the
    data-frame functions start from these rows.
    """
    if isinstance(value, StatusReport):
        return status_rows(value)
    if isinstance(value, Timeline):
        return timeline_rows(value)
    raise _not_exportable(value)


def to_csv(value: Exportable) -> str:
    """The rows of :func:`records` as CSV: instants in ISO 8601 with offsets, ids joined by ``;``, reasons by `` | ``."""
    rows = records(value)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v, _JOINERS.get(k, ";")) for k, v in row.items()})
    return out.getvalue()


def to_markdown(value: Exportable) -> str:
    """A Markdown table, followed for a status report by each obligation's reasons and quoted sources."""
    from ._markdown import status_markdown, timeline_markdown

    if isinstance(value, StatusReport):
        return status_markdown(value)
    if isinstance(value, Timeline):
        return timeline_markdown(value)
    raise _not_exportable(value)


def export(value: Exportable, format: str) -> str:
    """``value`` written in ``format``: one of ``json``, ``csv`` or ``markdown``."""
    writers = {"json": to_json, "csv": to_csv, "markdown": to_markdown}
    if format not in writers:
        raise InvalidInputError(Problem("format", repr(format), f"one of {', '.join(FORMATS)}"))
    return writers[format](value)


def to_pandas(value: Exportable) -> Any:
    """The rows of :func:`records` as a pandas DataFrame; instant columns are aware, in the reference zone."""
    pd = _optional("pandas")
    rows = records(value)
    instants = _instant_columns(rows[0] if rows else [])
    frame = pd.DataFrame([{k: _utc(v) if k in instants else v for k, v in row.items()} for row in rows])
    for column in instants:
        frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601").dt.as_unit("us").dt.tz_convert(value.zone)
    return frame


def to_polars(value: Exportable) -> Any:
    """The rows of :func:`records` as a polars DataFrame; instant columns are aware, in the reference zone."""
    pl = _optional("polars")
    rows = records(value)
    columns = list(rows[0]) if rows else []
    data = {c: [_utc_naive(r[c]) if c in _instant_columns(columns) else r[c] for r in rows] for c in columns}
    lists = {c: pl.List(pl.String) for c in columns if c.endswith("_ids") or c == "reasons"}
    frame = pl.DataFrame(data, schema_overrides=lists, strict=False)
    zone = value.zone
    casts = [pl.col(c).cast(pl.Datetime("us")).dt.replace_time_zone("UTC").dt.convert_time_zone(zone) for c in _instant_columns(columns)]
    return frame.with_columns(casts) if casts else frame


_INSTANT_SUFFIXES = ("_at", "_earliest", "_latest")
_INSTANT_NAMES = ("at", "known_on", "start", "end", "effective")


def _instant_columns(columns: Any) -> list[str]:
    return [c for c in columns if c in _INSTANT_NAMES or c.endswith(_INSTANT_SUFFIXES)]


def _utc(value: Any) -> Any:
    """An instant as an ISO string in UTC, for pandas to read."""
    return None if value is None else in_zone(value, "UTC").isoformat()


def _utc_naive(value: Any) -> Any:
    """An instant as a plain UTC wall time, for polars to tag with its zone."""
    if value is None:
        return None
    u = in_zone(value, "UTC")
    return dt.datetime(u.year, u.month, u.day, u.hour, u.minute, u.second, u.microsecond)


_JOINERS = {"reasons": " | "}
"""Reasons are sentences that may hold ';', so they are joined differently from ids."""


def _cell(value: Any, joiner: str = ";") -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return inert_cell(joiner.join(str(v) for v in value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        raise OutputError(Problem("CSV output", repr(value), "finite numbers only"))
    return inert_cell(str(value))


_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")


def inert_cell(text: str) -> str:
    """``text`` made safe for a spreadsheet: a cell it would run as a formula gets a leading apostrophe.

    Spreadsheets treat a cell starting with ``=``, ``+``, ``-`` or ``@`` (or a
    tab or carriage return before one) as a formula; a plain signed number is left as it is.
    """
    if text and text[0] in "=+-@\t\r" and not _NUMBER.match(text):
        return "'" + text
    return text


def _optional(name: str) -> Any:
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        raise InvalidInputError(
            Problem(f"to_{name}", f"no {name} installed", f"{name}: pip install 'ceasefire[{name}]'")
        ) from None


def _not_exportable(value: object) -> InvalidInputError:
    return InvalidInputError(Problem("value", type(value).__name__, "a StatusReport or a Timeline"))
