"""A deadline in a table says which instant it is: "end of" a day, or a clock time; never a bare date.

The three-year deadline for the new route's plan falls at 00:00 on 10 November
2023 (Moscow), the first instant of that day: written "2023-11-10" alone it
would read as a day later than it is.
"""

from __future__ import annotations

from click.testing import CliRunner

import ceasefire
from ceasefire import bundled
from ceasefire.cli import main
from ceasefire.render import display, export
from ceasefire.time import Window, instant


def test_the_display_rule() -> None:
    """End of a reference day: "end of" it; another instant: its clock time; a window: "within" it; an end of a local day: named there."""
    zone, local = "Europe/Moscow", "Asia/Baku"
    assert display.deadline(instant("2020-11-20T23:59:59.999999+03:00"), zone, local) == "end of 2020-11-20"
    assert display.deadline(instant("2023-11-10T00:00:00+03:00"), zone, local) == "2023-11-10 00:00"
    assert display.deadline(instant("2020-11-15T23:59:59.999999+04:00"), zone, local) == "end of 2020-11-15 (Asia/Baku)"
    days = Window(instant("2021-02-06T00:00:00+04:00"), instant("2021-02-28T23:59:59.999999+04:00"))
    assert display.deadline(days, zone, local) == "within 2021-02-06 .. 2021-02-28 Asia/Baku"
    assert display.deadline(days.in_zone("UTC"), zone, local) == "within 2021-02-06 .. 2021-02-28 Asia/Baku"


def test_every_table_gives_the_route_plan_its_hour() -> None:
    """The terminal table, the Markdown export, the notebook's Markdown and the HTML report all say 00:00 for the route plan and for the term's period end."""
    report = ceasefire.status_on("2023-10-01")
    shown = CliRunner().invoke(main, ["status", "2023-10-01"])
    assert shown.exit_code == 0, shown.output
    row = next(line for line in shown.output.splitlines() if "6.new-route-plan" in line)
    assert "2023-11-10 00:00" in row
    assert "period ends 2025-11-10 00:00" in shown.output
    markdown = export.to_markdown(report)
    assert "| 6.new-route-plan | fulfilled | 2023-11-10 00:00 |" in markdown
    assert "| 4.term | in force | period ends 2025-11-10 00:00 |" in markdown
    assert "| 2.aghdam | fulfilled | end of 2020-11-20 |" in markdown
    assert "| 6.new-route-plan | fulfilled | 2023-11-10 00:00 |" in report._repr_markdown_()
    from ceasefire.render.report import render_report

    html = render_report(bundled.tracker(), "2023-10-01", chart=False, pam=False)
    assert "2023-11-10 00:00" in html
