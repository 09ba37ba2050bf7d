"""The sources sheet of a status report written as a workbook, read back as rows keyed by column name (for the tests of what the workbook says beside each citation)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def sources_sheet(report: Any, folder: Path) -> list[dict[str, Any]]:
    """Write ``report`` with :func:`ceasefire.render.excel.to_excel` under ``folder`` and return its sources sheet, one dict per row."""
    openpyxl = pytest.importorskip("openpyxl")
    from ceasefire.render.excel import to_excel

    book = openpyxl.load_workbook(to_excel(report, folder / "out.xlsx"))
    sheet = next(book[name] for name in book.sheetnames if name.endswith("sources"))
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, row)) for row in rows]
