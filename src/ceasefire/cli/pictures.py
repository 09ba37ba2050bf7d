"""The ``chart`` and ``report`` commands of the ``ceasefire`` command line.

They are registered on the same click group as the other commands (:data:`ceasefire.cli.main`)
and read the same ``--agreement`` and ``--events`` options.
"""

from __future__ import annotations

from pathlib import Path

import click

from .common import make_tracker
from .group import CeasefireUsage
from .options import AGREEMENT, DATE, EVENTS, KNOWN_ON


def _missing(extra: str, exc: ImportError) -> str:
    library = (exc.name or "a library").split(".")[0]
    return f"this command needs the '{extra}' extra ({library} is not installed): pip install 'ceasefire[{extra}]'"


@click.command()
@click.option("--from", "start", required=True, type=DATE, help="First day (or instant) of the chart.")
@click.option("--to", "end", required=True, type=DATE, help="Last day (or instant) of the chart.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write: FILE.png or FILE.svg.")
@click.option("--at", type=DATE, help="Date of the view, marked by a line; the end of the chart by default.")
@KNOWN_ON
@AGREEMENT
@EVENTS
def chart(start: str, end: str, out: Path, at: str | None, known_on: str | None, agreement: Path | None, events: tuple[Path, ...]) -> None:
    """Draw every obligation's status over time as a PNG or SVG chart.

    One row per obligation, coloured by status, with deadlines (original and
    amended), amendments, events, the date of the view and the knowledge
    cut-off marked. Dates are read in the agreement's reference zone.

    Example: ceasefire chart --from 2020-11-09 --to 2021-03-05 --out timeline.png
    """
    from .._progress import progress

    try:
        from ..render.chart import save_chart

        tracker = make_tracker(agreement, events)
        with progress("drawing the chart"):
            path = save_chart(tracker, out, start, end, known_on=known_on, at=at)
    except ImportError as exc:
        raise CeasefireUsage(_missing("charts", exc)) from None
    except OSError as exc:
        raise CeasefireUsage(f"cannot write {out}: {exc.strerror or exc}") from None
    click.echo(f"wrote {path}")


@click.command()
@click.option("--on", "when", required=True, type=DATE, help="Date (or instant) the report is about.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="HTML file to write.")
@click.option("--chart/--no-chart", "with_chart", default=True, show_default=True, help="Include the timeline chart (needs matplotlib).")
@KNOWN_ON
@AGREEMENT
@EVENTS
def report(when: str, out: Path, with_chart: bool, known_on: str | None, agreement: Path | None, events: tuple[Path, ...]) -> None:
    """Write a self-contained HTML report of every obligation's status on a date.

    The page holds the status table, the timeline chart, and for each
    obligation its reasons, amendments and evidence with verbatim quotes and
    sources. It needs no network to open.

    Example: ceasefire report --on 2020-12-01 --known-on 2020-11-30 --out report.html
    """
    from .._progress import progress

    try:
        from ..render.report import write_report

        tracker = make_tracker(agreement, events)
        with progress("writing the report"):
            path = write_report(tracker, out, when, known_on=known_on, chart=with_chart)
    except ImportError as exc:
        if exc.name == "jinja2":
            raise CeasefireUsage(_missing("report", exc)) from None
        raise CeasefireUsage(f"{_missing('charts', exc)}, or leave the chart out with --no-chart") from None
    except OSError as exc:
        raise CeasefireUsage(f"cannot write {out}: {exc.strerror or exc}") from None
    click.echo(f"wrote {path}")
