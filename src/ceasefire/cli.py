"""The ``ceasefire`` command line.

Each command reads the bundled 2020 statement and seed events unless told
otherwise. User mistakes end with one clear message on stderr and a non-zero
exit code, never a traceback. Commands for pictures, outside data and
extraction live in their own modules and attach themselves to :data:`main`
(see the imports at the end of this file).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import click
from click.decorators import FC

from ._terminal import console, explanation, status_table, timeline_table
from .engine import Tracker
from .errors import CeasefireError

EXIT_USER_ERROR = 2
EXIT_INVALID_INPUT = 1

__all__ = ["EXIT_INVALID_INPUT", "EXIT_USER_ERROR", "main", "make_tracker", "status_table"]


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
@click.option("--seeds-only", is_flag=True, help="Answer from the bundled seed events alone, leaving out the bundled record.")
def main(seeds_only: bool) -> None:
    """Where each clause of a ceasefire agreement stood on a date, why, and on whose word.

    Without --agreement or --events, answers rest on the bundled 2020 statement, its seed events
    and the bundled record of its life (2020-2025).

    Example: ceasefire status 2020-11-26
    """


def _seeds_only() -> bool:
    """Whether ``--seeds-only`` was given before the command."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.find_root().params.get("seeds_only"))


def make_tracker(agreement: Path | None, events: Sequence[Path]) -> Tracker:
    """A tracker over the files given, or over the bundled statement, seed events and record."""
    from . import bundled
    from .loading import load_agreement, load_events

    if agreement is None and not events:
        return bundled.tracker(record=not _seeds_only())
    chosen = load_agreement(agreement) if agreement else bundled.agreement()
    return Tracker(chosen, *(load_events(p) for p in events))


_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
_AGREEMENT = click.option("--agreement", type=_FILE, help="Agreement file (YAML or JSON); the bundled 2020 statement by default.")
_EVENTS = click.option("--events", multiple=True, type=_FILE, help="Event file; repeat for several. The bundled seed events and record by default.")
_KNOWN_ON = click.option("--known-on", metavar="DATE", help="Use only what had been reported or announced by this date or instant.")


def _format(*choices: str) -> Callable[[FC], FC]:
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True, help="Output format.")


def _write(text: str) -> None:
    click.echo(text, nl=False)


@main.command()
@click.argument("when", metavar="DATE")
@_KNOWN_ON
@_AGREEMENT
@_EVENTS
@_format("table", "json", "csv", "markdown")
def status(when: str, known_on: str | None, agreement: Path | None, events: tuple[Path, ...], fmt: str) -> None:
    """Print the status of every obligation at DATE.

    DATE is a date (the end of that day in the agreement's reference zone)
    or an ISO 8601 instant with an offset.

    Example: ceasefire status 2020-11-16 --known-on 2020-11-14
    """
    report = make_tracker(agreement, events).status_on(when, known_on=known_on)
    if fmt == "table":
        console().print(status_table(report))
    else:
        from .export import export

        _write(export(report, fmt))


@main.command()
@click.argument("obligation_id")
@click.option("--on", "when", required=True, metavar="DATE", help="Date (end of day, reference zone) or instant to explain.")
@_KNOWN_ON
@_AGREEMENT
@_EVENTS
@_format("text", "json")
def explain(obligation_id: str, when: str, known_on: str | None, agreement: Path | None, events: tuple[Path, ...], fmt: str) -> None:
    """Explain one obligation's status at a date: reasons, amendments, evidence, quotes and sources.

    Example: ceasefire explain 6.kalbajar --on 2020-11-26
    """
    tracker = make_tracker(agreement, events)
    item = tracker.obligation_on(obligation_id, when, known_on=known_on)
    if fmt == "json":
        import json

        from ._records import obligation

        _write(json.dumps(obligation(item, tracker.agreement.zone), indent=2, ensure_ascii=False) + "\n")
        return
    clause = tracker.view(when, known_on=known_on).cite(tracker.index.entries[obligation_id].obligation.sources)
    out = console()
    for line in explanation(item, tracker.agreement.zone, clause):
        out.print(line)


@main.command()
@click.option("--from", "start", required=True, metavar="DATE", help="First day (from its start) or instant of the timeline.")
@click.option("--to", "end", required=True, metavar="DATE", help="Last day (to its end) or instant of the timeline.")
@click.option("--obligation", "only", multiple=True, metavar="ID", help="Show only this obligation; repeat for several.")
@_KNOWN_ON
@_AGREEMENT
@_EVENTS
@_format("table", "json", "csv", "markdown")
def timeline(start: str, end: str, only: tuple[str, ...], known_on: str | None, agreement: Path | None, events: tuple[Path, ...], fmt: str) -> None:
    """Print when each obligation's status changed between two dates, and why.

    Each row is a stretch of time with one status; '[' marks an end that is
    included, '(' one that is not. Dates are read in the agreement's
    reference zone.

    Example: ceasefire timeline --from 2020-11-10 --to 2020-12-31 --obligation 6.kalbajar
    """
    import attrs

    line = make_tracker(agreement, events).timeline(start, end, known_on=known_on)
    if only:
        line = attrs.evolve(line, intervals=tuple(i for ob in only for i in line.for_obligation(ob)))
    if fmt == "table":
        console().print(timeline_table(line))
    else:
        from .export import export

        _write(export(line, fmt))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@click.option("--agreement", type=_FILE, help="Agreement to check event files against; by default one given among FILE, else the bundled one.")
def validate(files: tuple[Path, ...], agreement: Path | None) -> None:
    """Check agreement and event files and report every problem, with file and line.

    A file with 'points' is read as an agreement, one with 'events' as an
    event log. Exits with 1 if any problem is found.

    Example: ceasefire validate my-events.yaml --agreement my-agreement.yaml
    """
    from .validate import validate_paths

    results = validate_paths(list(files), agreement=agreement)
    for result in results:
        mark = "ok" if result.ok else f"{len(result.problems)} problem(s)"
        click.echo(f"{result.path}: {mark}: {result.summary}")
        for problem in result.problems:
            click.echo(f"  - {problem}")
    bad = [r for r in results if not r.ok]
    if bad:
        count = sum(len(r.problems) for r in bad)
        click.echo(f"error: {count} problem(s) in {len(bad)} of {len(results)} file(s)", err=True)
        raise SystemExit(EXIT_INVALID_INPUT)


@main.command()
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write, e.g. deadlines.ics.")
@click.option("--on", "when", metavar="DATE", help="Take the deadlines in force at this date or instant; now by default.")
@_KNOWN_ON
@_AGREEMENT
@_EVENTS
def calendar(out: Path, when: str | None, known_on: str | None, agreement: Path | None, events: tuple[Path, ...]) -> None:
    """Write every deadline in force to an iCalendar (.ics) file.

    Deadlines "by" a date become all-day events on that date (reference
    zone); others are timed events in the reference zone. A moved deadline
    carries its history in the description, and the one it replaced is kept
    as a cancelled event.

    Example: ceasefire calendar --out deadlines.ics --on 2020-11-20
    """
    from .ics import deadline_calendar

    moment = when if when is not None else dt.datetime.now(dt.timezone.utc)
    built = deadline_calendar(make_tracker(agreement, events), moment, known_on=known_on)
    try:
        out.write_bytes(built.to_ical())
    except OSError as exc:
        click.echo(f"error: cannot write {out}: {exc.strerror or exc}", err=True)
        raise SystemExit(EXIT_USER_ERROR) from None
    count = len(built.walk("VEVENT"))
    click.echo(f"wrote {out}: {count} events")


from . import cli_pictures as _cli_pictures  # noqa: E402  (adds the chart and report commands to main)
from . import cli_data as _cli_data  # noqa: E402  (adds the schema and convert commands to main)
from . import cli_extract as _cli_extract  # noqa: E402  (adds the extract and extract-score commands to main)

if __name__ == "__main__":  # pragma: no cover
    main()
