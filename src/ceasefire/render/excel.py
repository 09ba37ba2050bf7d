"""Excel workbooks: one sheet per view, as monitoring teams share them.

:func:`to_excel` writes status reports, timelines and the table of data sources
to an ``.xlsx`` file (with openpyxl, the ``excel`` extra:
``pip install 'ceasefire[excel]'``). Each view gets its own sheet with a frozen
header row; a status report also gets a sheet of its sources, one row per
quote, with each source's title linked to its URL and whether the quote is
verbatim or a paraphrase; an ``about`` sheet says
what the workbook holds, on what evidence and as known when.

Excel has no time zones: every instant is written as a real Excel date and
time in the agreement's reference zone, which each column header names.
Excel keeps at most milliseconds, so an instant is cut (never rounded) to its
millisecond: the end of a day, 23:59:59.999999, stays on its day as
23:59:59.999. A text column beside each deadline writes it as the terminal
does ("end of 2020-11-25"). Status cells are filled in the status colours of
the chart and report; the status is always written in words as well.

Text is always stored as text: a quote that begins with ``=`` never becomes a
formula. Only ``http`` and ``https`` URLs become links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import display
from ._markdown import evidence_line
from .display import style_of
from ..errors import InvalidInputError, Problem
from ..results import Cited, StatusReport
from ..engine.revisions import DataSource
from ..time import in_zone
from ..engine.timeline import Timeline

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet.worksheet import Worksheet

View = StatusReport | Timeline | Sequence[DataSource]
"""What one sheet can show: a status report, a timeline, or the data sources of a tracker."""

_SHEET_NAME_LIMIT = 31
_BAD_SHEET_CHARACTERS = str.maketrans({c: "-" for c in "[]:*?/\\"})
_WIDTHS = {"obligation": 24, "status": 16, "reasons": 80, "quote": 80, "title": 48, "summary": 60}


def to_excel(views: View | Mapping[str, View], out: str | Path) -> Path:
    """Write ``views`` to the workbook ``out`` (``.xlsx``) and return its path.

    ``views`` is one view, or a mapping from sheet name to view, e.g.
    ``{"status": tracker.status_on("2020-11-26"), "timeline": tracker.timeline("2020-11-10", "2020-12-31")}``.
    """
    try:
        from openpyxl import Workbook
    except ImportError as exc:
        raise ImportError("Excel output needs openpyxl: pip install 'ceasefire[excel]'", name="openpyxl") from exc
    from .._progress import logger, progress

    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise InvalidInputError(Problem("out", repr(str(out)), "a file name ending in .xlsx, e.g. 'status.xlsx'"))
    named = dict(views) if isinstance(views, Mapping) else {_default_name(views): views}
    book = Workbook()
    about = book.active
    assert about is not None  # a new workbook always has its first sheet
    about.title = "about"
    with progress("writing the workbook", total=len(named)) as advance:
        lines: list[tuple[str, str]] = []
        for name, view in named.items():
            lines += _write_view(book, _sheet_name(name, book.sheetnames), view)
            advance(1)
    _about(about, lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    logger.info("wrote %s: sheets %s", path, ", ".join(book.sheetnames))
    return path


def _default_name(view: View) -> str:
    if isinstance(view, StatusReport):
        return f"status {display.day_of(view.at, view.zone)}"
    if isinstance(view, Timeline):
        return "timeline"
    return "data"


def _sheet_name(name: str, taken: list[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\), unique in the workbook."""
    base = name.translate(_BAD_SHEET_CHARACTERS).strip() or "sheet"
    candidate, n = base[:_SHEET_NAME_LIMIT], 1
    while candidate in taken:
        n += 1
        suffix = f" ({n})"
        candidate = base[: _SHEET_NAME_LIMIT - len(suffix)] + suffix
    return candidate


def _write_view(book: Any, name: str, view: View) -> list[tuple[str, str]]:
    """Add the sheet(s) of one view; return lines for the about sheet."""
    if isinstance(view, StatusReport):
        _status_sheet(book.create_sheet(name), view)
        sources = _sheet_name(f"{name} sources"[:_SHEET_NAME_LIMIT], [*book.sheetnames])
        _sources_sheet(book.create_sheet(sources), view)
        known = "all evidence loaded" if view.known_on is None else f"as known on {display.instant(view.known_on, view.zone)}"
        # where the evidence ends travels with the sheet, as it does above the terminal's table
        said = f"{view.title}: status at {display.instant_named(view.at, view.zone)}, {known}. {evidence_line(view)}"
        return [(name, said), (sources, f"every source quoted behind the statuses of '{name}'")]
    if isinstance(view, Timeline):
        _timeline_sheet(book.create_sheet(name), view)
        known = "all evidence loaded" if view.known_on is None else f"as known on {display.instant(view.known_on, view.zone)}"
        return [(name, f"{view.agreement_id}: timeline from {display.instant(view.start, view.zone)} to {display.instant(view.end, view.zone)} ({view.zone}), {known}")]
    rows = list(view)
    if not all(isinstance(r, DataSource) for r in rows):
        raise InvalidInputError(Problem(f"views[{name!r}]", type(view).__name__, "a StatusReport, a Timeline or the data sources of a tracker (tracker.data_sources())"))
    _data_sheet(book.create_sheet(name), rows)
    return [(name, "the files and datasets the evidence comes from")]


def _excel_time(value: dt.datetime | None, zone: str) -> dt.datetime | None:
    """``value`` as Excel keeps it: wall-clock time in ``zone``, without the zone, cut to the millisecond."""
    if value is None:
        return None
    local = in_zone(value, zone)
    naive = dt.datetime(local.year, local.month, local.day, local.hour, local.minute, local.second, local.microsecond)
    return naive.replace(microsecond=naive.microsecond // 1000 * 1000)


def _header(sheet: Worksheet, names: list[str]) -> None:
    from openpyxl.styles import Font, PatternFill

    sheet.append(names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F6F8FA")
    sheet.freeze_panes = "A2"
    for n, name in enumerate(names, start=1):
        sheet.column_dimensions[_letter(n)].width = next((w for key, w in _WIDTHS.items() if key in name), 22)


def _letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(n))


def _row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append a row; text stays text (never a formula) and times get a date format."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    row = sheet.max_row + 1
    for n, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=n)
        if isinstance(value, str):
            cell.value = ILLEGAL_CHARACTERS_RE.sub(lambda m: repr(m.group())[1:-1], value)  # control characters shown escaped, not dropped
            cell.data_type = "s"
        else:
            cell.value = value
        if isinstance(value, dt.datetime):
            cell.number_format = "yyyy-mm-dd hh:mm" if value.second == 0 and value.microsecond == 0 else "yyyy-mm-dd hh:mm:ss.000"


def _colour_status(sheet: Worksheet, column: int) -> None:
    from openpyxl.styles import Font, PatternFill

    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        style = style_of(cell.value)
        cell.fill = PatternFill("solid", fgColor=style.fill.lstrip("#").upper())
        cell.font = Font(color=style.ink.lstrip("#").upper())


def _status_sheet(sheet: Worksheet, report: StatusReport) -> None:
    zone = report.zone
    names = ["point", "obligation", "kind", "status", "status in words", f"deadline in force ({zone})", "deadline in force, as written", f"original deadline ({zone})", "owed by", "amendments", "evidence", "breaches", "sources", "reasons"]
    _header(sheet, names)
    for o in report.obligations:
        moved = o.original_deadline if o.original_deadline is not None and o.original_deadline != o.deadline else None
        _row(sheet, [
            o.point, o.obligation_id, o.kind, str(o.status), o.headline,
            _excel_time(o.deadline.latest if o.deadline else None, zone),
            display.deadline(o.deadline, zone, o.local_zone) if o.deadline else "",
            _excel_time(moved.latest if moved else None, zone),
            ", ".join(o.bearers), ", ".join(a.amendment_id for a in o.amendments),
            ", ".join(e.event_id for e in o.evidence), ", ".join(e.event_id for e in o.breaches),
            ", ".join(dict.fromkeys(c.source_id for c in o.sources)), " | ".join(o.reasons),
        ])  # fmt: skip
    _colour_status(sheet, names.index("status") + 1)


def _quote_is(cited: Cited) -> str:
    """Whether a citation's quote is the source's own words: a paraphrase in a cell looks like any other text, so it is said beside it."""
    if not cited.quote:
        return ""
    return "a paraphrase" if cited.paraphrase else "verbatim"


def _sources_sheet(sheet: Worksheet, report: StatusReport) -> None:
    from openpyxl.styles import Font

    zone = report.zone
    names = ["obligation", "event or amendment", "source", "title", "publisher", "who speaks", f"published ({zone})", "quote", "quote is", "link or file"]
    _header(sheet, names)
    for o in report.obligations:
        cited = [(e.event_id, c) for e in (*o.breaches, *o.evidence) for c in e.citations] + [(a.amendment_id, c) for a in o.amendments for c in a.citations]
        for ref, c in cited:
            _row(sheet, [o.obligation_id, ref, c.source_id, c.title, c.publisher or "", c.voice, _excel_time(c.published.latest if c.published else None, zone), c.quote or "", _quote_is(c), c.url or c.file or ""])
            if c.url and c.url.lower().startswith(("http://", "https://")):
                title = sheet.cell(row=sheet.max_row, column=names.index("title") + 1)
                title.hyperlink = c.url
                title.font = Font(color="0563C1", underline="single")


def _timeline_sheet(sheet: Worksheet, line: Timeline) -> None:
    zone = line.zone
    names = ["obligation", "status", f"from ({zone})", "from included", f"to ({zone})", "to included", "from, as written", "to, as written", f"deadline in force ({zone})", "started by", "cause", "evidence", "sources"]
    _header(sheet, names)
    for i in line.intervals:
        _row(sheet, [
            i.obligation_id, str(i.status), _excel_time(i.start, zone), i.start_inclusive, _excel_time(i.end, zone), i.end_inclusive,
            display.instant_read_in(i.start, zone, line.local_zone), display.instant_read_in(i.end, zone, line.local_zone), _excel_time(i.deadline.latest if i.deadline else None, zone),
            f"{i.cause.kind} {i.cause.ref or ''}".strip(), i.cause.description, ", ".join(i.evidence_ids), ", ".join(i.source_ids),
        ])  # fmt: skip
    _colour_status(sheet, 2)


def _data_sheet(sheet: Worksheet, rows: list[DataSource]) -> None:
    names = ["file or dataset", "dataset", "events", "records", "deletions", "newest (UTC)"]
    _header(sheet, names)
    for source in rows:
        _row(sheet, [source.name, source.dataset or "", source.events, source.versions, source.deletions, _excel_time(source.newest, "UTC")])


def _about(sheet: Worksheet, lines: list[tuple[str, str]]) -> None:
    from .. import __version__

    _header(sheet, ["sheet", "what it holds"])
    for name, text in lines:
        _row(sheet, [name, text])
    _row(sheet, ["", f"Made with ceasefire {__version__}. Times are wall-clock times in the zone each column names, cut to the millisecond."])
    sheet.column_dimensions["B"].width = 110


__all__ = ["View", "to_excel"]
