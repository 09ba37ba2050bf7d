"""The ``ceasefire`` command line.

Each command reads the bundled 2020 statement and seed events unless told
otherwise. User mistakes end with one clear message on stderr and a non-zero
exit code, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from .engine import Tracker
from .errors import CeasefireError
from .results import StatusReport

EXIT_USER_ERROR = 2


class _Group(click.Group):
    """A click group that turns ceasefire's own errors into one line on stderr."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except CeasefireError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_USER_ERROR)
        except KeyError as exc:
            click.echo(f"error: {exc.args[0] if exc.args else exc}", err=True)
            ctx.exit(EXIT_USER_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ceasefire")
def main() -> None:
    """Where each clause of a ceasefire agreement stood on a date, why, and on whose word."""


def make_tracker(agreement: Path | None, events: Sequence[Path]) -> Tracker:
    """A tracker over the files given, or over the bundled statement and seed events."""
    from . import bundled
    from .loading import load_agreement, load_events

    chosen = load_agreement(agreement) if agreement else bundled.agreement()
    logs = [load_events(p) for p in events] if events else ([bundled.seed_events()] if agreement is None else [])
    return Tracker(chosen, *logs)


def status_table(report: StatusReport) -> Table:
    """The report as a terminal table: one row per obligation."""
    title = f"{report.title}\nstatus at {report.at.isoformat()} ({report.zone})"
    if report.known_on is not None:
        title += f", as known on {report.known_on.isoformat()}"
    table = Table(title=title, show_lines=False)
    for name in ("obligation", "status", "deadline in force", "evidence", "sources"):
        table.add_column(name)
    for item in report.obligations:
        deadline = ""
        if item.deadline is not None:
            deadline = item.deadline.in_zone(report.zone).latest.date().isoformat()
            if item.original_deadline is not None and item.original_deadline != item.deadline:
                deadline += f" (was {item.original_deadline.in_zone(report.zone).latest.date().isoformat()})"
        elif item.term is not None:
            deadline = f"period ends {item.term.period_end.date().isoformat()}"
        events = ", ".join(e.event_id for e in (*item.evidence, *item.breaches))
        table.add_row(item.obligation_id, str(item.status), deadline, events, str(len(item.sources)))
    return table


@main.command()
@click.argument("when")
@click.option("--known-on", help="Use only what had been reported by this date or instant.")
@click.option("--agreement", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Agreement file (YAML or JSON).")
@click.option("--events", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Event file; repeat for several.")
def status(when: str, known_on: str | None, agreement: Path | None, events: tuple[Path, ...]) -> None:
    """Print the status of every obligation at WHEN.

    WHEN is a date (the end of that day in the agreement's reference zone)
    or an ISO 8601 instant with an offset.

    Example: ceasefire status 2020-11-16 --known-on 2020-11-14
    """
    report = make_tracker(agreement, events).status_on(when, known_on=known_on)
    Console(soft_wrap=not sys.stdout.isatty()).print(status_table(report))


from . import cli_pictures as _cli_pictures  # noqa: E402  (adds the chart and report commands to main)
from . import cli_data as _cli_data  # noqa: E402  (adds the schema and convert commands to main)
from . import cli_extract as _cli_extract  # noqa: E402  (adds the extract and extract-score commands to main)

if __name__ == "__main__":  # pragma: no cover
    main()
