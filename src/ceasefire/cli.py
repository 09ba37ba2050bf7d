"""The ``ceasefire`` command line.

Each command reads the bundled 2020 statement and seed events unless told
otherwise. Every command ends, on any input, with at most one line on stderr
starting ``error:`` and one of these exit codes, never a traceback:

* 0: done;
* 1: ``validate`` found problems in the files (each listed on stdout);
* 2: a user mistake: bad input, a file that cannot be read or written, an
  unknown id, a missing optional extra, or a usage error (click's own);
* 3: a fault inside ceasefire (a bug: please report it; set
  ``CEASEFIRE_DEBUG=1`` to see the traceback). Commands for pictures, outside data and
extraction live in their own modules and attach themselves to :data:`main`
(see the imports at the end of this file).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import click
from click.decorators import FC

from ._cli_options import DATE
from ._terminal import console, explanation, status_table, timeline_table
from .engine import Tracker
from .errors import CeasefireError
from .results import StatusReport
from .engine.timeline import Timeline

EXIT_USER_ERROR = 2
EXIT_INVALID_INPUT = 1
EXIT_INTERNAL_ERROR = 3

__all__ = ["EXIT_INTERNAL_ERROR", "EXIT_INVALID_INPUT", "EXIT_USER_ERROR", "main", "make_tracker", "status_table"]

EXTRAS = {"dateparser": "extract", "matplotlib": "charts", "jinja2": "report", "pandas": "pandas", "polars": "polars", "numpy": "bulk", "pyarrow": "bulk", "duckdb": "bench"}
"""The optional extra that brings each library a command may need."""


class _Group(click.Group):
    """A click group that turns every error into one line on stderr and a documented exit code."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # noqa: BLE001  (every other error becomes one line; see _one_line)
            if os.environ.get("CEASEFIRE_DEBUG"):
                raise
            message, code = _one_line(exc)
            click.echo(f"error: {message}", err=True)
            ctx.exit(code)


def _one_line(exc: Exception) -> tuple[str, int]:
    """The message and exit code for an error that reached the command line."""
    if isinstance(exc, CeasefireError):
        text = str(exc)
        return (text if "\n" not in text else text.replace("\n  - ", " | ").replace("\n", " ")), EXIT_USER_ERROR
    if isinstance(exc, KeyError):
        return str(exc.args[0] if exc.args else exc), EXIT_USER_ERROR
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):  # a value given on the command line, checked by a model
        first = exc.errors()[0]
        return f"{'.'.join(map(str, first['loc']))}: {first['msg'].removeprefix('Value error, ')}", EXIT_USER_ERROR
    if isinstance(exc, ImportError):
        library = (exc.name or "a library").split(".")[0]
        extra = EXTRAS.get(library)
        if extra is not None:
            return f"this command needs the '{extra}' extra ({library} is not installed): pip install 'ceasefire[{extra}]'", EXIT_USER_ERROR
    if isinstance(exc, UnicodeDecodeError):
        return f"a file is not UTF-8 text (the bytes {exc.object[exc.start:exc.start + 4]!r} at byte {exc.start}); save it as UTF-8", EXIT_USER_ERROR
    if isinstance(exc, OSError):
        return f"cannot use {exc.filename or 'a file'}: {exc.strerror or exc}", EXIT_USER_ERROR
    if isinstance(exc, (RecursionError, MemoryError)):
        return f"the input is too large or too deeply nested to work on ({type(exc).__name__})", EXIT_USER_ERROR
    return f"internal error in ceasefire ({type(exc).__name__}: {str(exc)[:200]}); please report it, with CEASEFIRE_DEBUG=1 set to see the traceback", EXIT_INTERNAL_ERROR


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ceasefire")
@click.option("--seeds-only", is_flag=True, help="Answer from the bundled seed events alone, leaving out the bundled record.")
@click.option("-v", "--verbose", count=True, help="Log what is read and written on stderr; -vv for more detail.")
@click.option("-q", "--quiet", is_flag=True, help="No progress display, hints or log lines; errors only.")
def main(seeds_only: bool, verbose: int, quiet: bool) -> None:
    """Where each clause of a ceasefire agreement stood on a date, why, and on whose word.

    Without --agreement or --events, answers rest on the bundled 2020 statement, its seed events
    and the bundled record of its life (2020-2025).

    Example: ceasefire status 2020-11-26
    """
    from ._progress import configure_cli_logging

    configure_cli_logging(verbose, quiet)


def _seeds_only() -> bool:
    """Whether ``--seeds-only`` was given before the command."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.find_root().params.get("seeds_only"))


def make_tracker(agreement: Path | None, events: Sequence[Path]) -> Tracker:
    """A tracker over the files given, or over the bundled statement, seed events and record.

    With event files but no ``--agreement``, the events are checked against the
    bundled statement; when that fails, a hint on stderr says to pass one.
    """
    from . import bundled
    from ._progress import logger, progress
    from .loading import load_agreement, load_events

    with progress("reading files", total=len(events) + 1) as advance:
        chosen = load_agreement(agreement) if agreement else bundled.agreement()
        logger.info("agreement %s from %s: %d obligations", chosen.id, agreement or "the bundled statement", sum(len(p.obligations) for p in chosen.points))
        advance(1)
        logs = []
        for path in events:
            logs.append(load_events(path))
            logger.info("events from %s: %d events, %d sources, %d deletions", path, len(logs[-1].events), len(logs[-1].sources), len(logs[-1].deletions))
            advance(1)
    if not events and agreement is None:
        logs = list(bundled.evidence(record=not _seeds_only()))
        logger.info("events from the bundled files: %s", ", ".join(f"{len(log.events)} events" for log in logs))
    try:
        with progress("linking events to obligations"):
            return Tracker(chosen, *logs)
    except CeasefireError:
        if events and agreement is None:
            _hint("the event files were checked against the bundled 2020 statement; if they belong to your own agreement, pass it with --agreement FILE")
        raise


def _hint(text: str) -> None:
    """A hint on stderr, unless --quiet."""
    from ._progress import is_quiet

    if not is_quiet():
        click.echo(f"hint: {text}", err=True)


_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
_AGREEMENT = click.option("--agreement", type=_FILE, help="Agreement file (YAML or JSON); the bundled 2020 statement by default.")
_EVENTS = click.option("--events", multiple=True, type=_FILE, help="Event file; repeat for several. The bundled seed events and record by default.")
_KNOWN_ON = click.option("--known-on", type=DATE, help="Use only what had been reported or announced by this date or instant.")


def _format(*choices: str) -> Callable[[FC], FC]:
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True, help="Output format.")


def _write(text: str) -> None:
    click.echo(text, nl=False)


_OUT = click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="File to write instead of printing; needed for xlsx, e.g. --out status.xlsx.")


def _emit(view: StatusReport | Timeline, fmt: str, out: Path | None, name: str) -> None:
    """Write ``view`` in ``fmt`` (json, csv, markdown or xlsx) to stdout or to ``out``."""
    if fmt == "table":
        raise CeasefireUsage(f"the table is printed, not written: with --out choose --format json, csv, markdown or xlsx, e.g. --format xlsx --out {name}.xlsx")
    if fmt == "xlsx":
        if out is None:
            raise CeasefireUsage(f"--format xlsx writes a workbook: add --out FILE, e.g. --out {name}.xlsx")
        try:
            from .excel import to_excel
        except ImportError as exc:  # pragma: no cover - depends on what is installed
            raise CeasefireUsage(f"xlsx needs the 'excel' extra ({exc.name or 'openpyxl'} is not installed): pip install 'ceasefire[excel]'") from None
        try:
            path = to_excel(view, out)
        except ImportError:
            raise CeasefireUsage("xlsx needs the 'excel' extra (openpyxl is not installed): pip install 'ceasefire[excel]'") from None
        except OSError as exc:
            raise CeasefireUsage(f"cannot write {out}: {exc.strerror or exc}") from None
        click.echo(f"wrote {path}")
        return
    from .export import export

    text = export(view, fmt)
    if out is None:
        _write(text)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}")


class CeasefireUsage(click.ClickException):
    """A command-line mistake: one ``error:`` line on stderr, exit code 2."""

    exit_code = EXIT_USER_ERROR

    def show(self, file: object = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


@main.command()
@click.argument("when", type=DATE, metavar="DATE")
@_KNOWN_ON
@_AGREEMENT
@_EVENTS
@_format("table", "json", "csv", "markdown", "xlsx")
@_OUT
def status(when: str, known_on: str | None, agreement: Path | None, events: tuple[Path, ...], fmt: str, out: Path | None) -> None:
    """Print the status of every obligation at DATE.

    DATE is a date (the end of that day in the agreement's reference zone)
    or an ISO 8601 instant with an offset.

    Example: ceasefire status 2020-11-16 --known-on 2020-11-14

    Example: ceasefire status 2020-11-26 --format xlsx --out status.xlsx
    """
    report = make_tracker(agreement, events).status_on(when, known_on=known_on)
    if fmt == "table" and out is None:
        console().print(status_table(report))
    else:
        _emit(report, fmt, out, "status")


@main.command()
@click.argument("obligation_id")
@click.option("--on", "when", required=True, type=DATE, help="Date (end of day, reference zone) or instant to explain.")
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
        from ._records import obligation
        from .export import strict_json

        _write(strict_json(obligation(item, tracker.agreement.zone)))
        return
    clause = tracker.view(when, known_on=known_on).cite(tracker.index.entries[obligation_id].obligation.sources)
    out = console()
    for line in explanation(item, tracker.agreement.zone, clause):
        out.print(line)


@main.command()
@click.option("--from", "start", required=True, type=DATE, help="First day (from its start) or instant of the timeline.")
@click.option("--to", "end", required=True, type=DATE, help="Last day (to its end) or instant of the timeline.")
@click.option("--obligation", "only", multiple=True, metavar="ID", help="Show only this obligation; repeat for several.")
@_KNOWN_ON
@_AGREEMENT
@_EVENTS
@_format("table", "json", "csv", "markdown", "xlsx")
@_OUT
def timeline(start: str, end: str, only: tuple[str, ...], known_on: str | None, agreement: Path | None, events: tuple[Path, ...], fmt: str, out: Path | None) -> None:
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
    if fmt == "table" and out is None:
        console().print(timeline_table(line))
    else:
        _emit(line, fmt, out, "timeline")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@click.option("--agreement", type=_FILE, help="Agreement to check event files against; by default one given among FILE, else the bundled one.")
def validate(files: tuple[Path, ...], agreement: Path | None) -> None:
    """Check agreement and event files and report every problem, with file and line.

    A file with 'points' is read as an agreement, one with 'events' as an
    event log. Exits with 1 if any problem is found. Warnings (unused
    sources, repeated place aliases, events counted from before an
    obligation took effect) are shown but do not fail a file.

    Example: ceasefire validate my-events.yaml --agreement my-agreement.yaml
    """
    from .validate import validate_paths

    results = validate_paths(list(files), agreement=agreement)
    for result in results:
        mark = "ok" if result.ok else f"{len(result.problems)} problem(s)"
        mark += f", {len(result.warnings)} warning(s)" if result.warnings else ""
        click.echo(f"{result.path}: {mark}: {result.summary}")
        for problem in result.problems:
            click.echo(f"  - {problem}")
        for warning in result.warnings:
            click.echo(f"  - warning: {warning}")
    bad = [r for r in results if not r.ok]
    if bad:
        count = sum(len(r.problems) for r in bad)
        click.echo(f"error: {count} problem(s) in {len(bad)} of {len(results)} file(s)", err=True)
        raise SystemExit(EXIT_INVALID_INPUT)


@main.command()
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write, e.g. deadlines.ics.")
@click.option("--on", "when", type=DATE, help="Take the deadlines in force at this date or instant; now by default.")
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
