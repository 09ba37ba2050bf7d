"""Excel workbooks: one sheet per view, frozen headers, coloured statuses, real dates in the reference zone, linked sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasefire import InvalidInputError, Tracker, bundled, load_events
from ceasefire.cli import main
from ceasefire.render.display import style_of
from ceasefire.render.excel import to_excel

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is in the test extra")

ON = "2020-11-26"
URL_EVENTS = """\
zone: Asia/Baku
sources:
  - id: wire
    title: A wire report
    published: 2020-12-01
    url: https://example.org/wire/lachin
events:
  - id: lachin-handover
    kind: handover
    summary: Azerbaijani units enter the Lachin district.
    occurred: 2020-12-01
    links: [{obligation: 6.lachin, role: fulfils}]
    sources: [{source: wire, quote: "=HYPERLINK(\\"http://evil\\") units entered Lachin"}]
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A workbook of the status on 26 November 2020, the timeline of November, and the data sources."""
    tracker = bundled.tracker()
    path = to_excel({"status": tracker.status_on(ON), "timeline": tracker.timeline("2020-11-10", "2020-11-30"), "data": tracker.data_sources()}, tmp_path_factory.mktemp("xl") / "nk.xlsx")
    return openpyxl.load_workbook(path)


def _column(sheet, name: str) -> list[object]:  # type: ignore[no-untyped-def]
    header = [c.value for c in sheet[1]]
    return [row[header.index(name)].value for row in sheet.iter_rows(min_row=2)]


def test_one_sheet_per_view_and_an_about_sheet(book) -> None:  # type: ignore[no-untyped-def]
    """The workbook holds about, the status and its sources, the timeline and the data sheet, each with a frozen header row."""
    assert book.sheetnames == ["about", "status", "status sources", "timeline", "data"]
    for sheet in book:
        assert sheet.freeze_panes == "A2"
        assert all(c.font.bold for c in sheet[1])


def test_status_sheet_has_a_row_per_obligation_with_coloured_statuses(book) -> None:  # type: ignore[no-untyped-def]
    """Each obligation is one row; its status is written in words and filled with its chart colour."""
    sheet = book["status"]
    report = bundled.tracker().status_on(ON)
    assert _column(sheet, "obligation") == [o.obligation_id for o in report.obligations]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        cell = row[header.index("status")]
        assert cell.fill.fgColor.rgb.endswith(style_of(cell.value).fill.lstrip("#").upper())


def test_the_status_sheet_says_what_each_status_rests_on_and_where_the_evidence_ends(book) -> None:  # type: ignore[no-untyped-def]
    """Beside each status word its headline ("complied (no breach reported)"); on the about sheet, where the loaded evidence ends."""
    report = bundled.tracker().status_on(ON)
    assert _column(book["status"], "status in words") == [o.headline for o in report.obligations]
    assert "complied (no breach reported)" in _column(book["status"], "status in words")
    about = " ".join(str(c) for c in _column(book["about"], "what it holds"))
    assert "The loaded evidence ends at end of 2025-08-31 (Asia/Baku)." in about


def test_deadlines_are_real_excel_dates_in_the_reference_zone(book) -> None:  # type: ignore[no-untyped-def]
    """Kalbajar's deadline reads back as a datetime on 25 November 2020 in Moscow time, cut to the millisecond, with its text beside it."""
    sheet = book["status"]
    row = _column(sheet, "obligation").index("6.kalbajar")
    deadline = _column(sheet, "deadline in force (Europe/Moscow)")[row]
    assert deadline == dt.datetime(2020, 11, 25, 23, 59, 59, 999000)
    assert _column(sheet, "deadline in force, as written")[row] == "end of 2020-11-25"
    assert _column(sheet, "original deadline (Europe/Moscow)")[row] == dt.datetime(2020, 11, 15, 23, 59, 59, 999000)
    number_format = sheet.cell(row=row + 2, column=[c.value for c in sheet[1]].index("deadline in force (Europe/Moscow)") + 1).number_format
    assert number_format == "yyyy-mm-dd hh:mm:ss.000"


def test_timeline_sheet_matches_the_timeline(book) -> None:  # type: ignore[no-untyped-def]
    """The timeline sheet has one row per interval with its start as an Excel date and its bounds as written."""
    line = bundled.tracker().timeline("2020-11-10", "2020-11-30")
    sheet = book["timeline"]
    assert len(_column(sheet, "obligation")) == len(line)
    assert _column(sheet, "from (Europe/Moscow)")[0] == dt.datetime(2020, 11, 10, 0, 0)
    assert _column(sheet, "status") == [str(i.status) for i in line]
    assert "end of 2020-11-30" in _column(sheet, "to, as written")


def test_sources_are_hyperlinks_and_quotes_stay_text(tmp_path: Path) -> None:
    """A source with a URL is a link on its title, and a quote that starts with '=' is stored as text, not a formula."""
    events = tmp_path / "events.yaml"
    events.write_text(URL_EVENTS, encoding="utf-8")
    tracker = Tracker(bundled.agreement(), load_events(events))
    path = to_excel(tracker.status_on("2020-12-02"), tmp_path / "lachin.xlsx")
    sheet = openpyxl.load_workbook(path)["status 2020-12-02 sources"]
    header = [c.value for c in sheet[1]]
    (row,) = [r for r in sheet.iter_rows(min_row=2) if r[header.index("source")].value == "wire"]
    title = row[header.index("title")]
    assert title.value == "A wire report" and title.hyperlink.target == "https://example.org/wire/lachin"
    quote = row[header.index("quote")]
    assert quote.data_type == "s" and quote.value.startswith("=HYPERLINK")


def test_a_name_not_ending_in_xlsx_is_refused(tmp_path: Path) -> None:
    """to_excel refuses an output name without the .xlsx suffix, naming what it received."""
    with pytest.raises(InvalidInputError, match="status.xls"):
        to_excel(bundled.tracker().status_on(ON), tmp_path / "status.xls")


def test_cli_status_and_timeline_write_xlsx(tmp_path: Path) -> None:
    """`status --format xlsx --out` and `timeline --format xlsx --out` write workbooks that read back."""
    runner = CliRunner()
    done = runner.invoke(main, ["status", ON, "--format", "xlsx", "--out", str(tmp_path / "s.xlsx")])
    assert done.exit_code == 0, done.output
    assert openpyxl.load_workbook(tmp_path / "s.xlsx").sheetnames == ["about", f"status {ON}", f"status {ON} sources"]
    done = runner.invoke(main, ["timeline", "--from", "2020-11-10", "--to", "2020-11-30", "--format", "xlsx", "--out", str(tmp_path / "t.xlsx")])
    assert done.exit_code == 0, done.output
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").sheetnames == ["about", "timeline"]


def test_cli_xlsx_without_out_is_one_error_line() -> None:
    """Asking for xlsx on stdout is a user error with a hint to add --out, exit code 2."""
    done = CliRunner().invoke(main, ["status", ON, "--format", "xlsx"])
    assert done.exit_code == 2 and done.stderr.startswith("error: --format xlsx writes a workbook: add --out FILE")
