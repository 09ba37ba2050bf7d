"""The commands that answer from the evidence: ``status``, ``explain``, ``timeline`` and ``calendar``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..render._terminal import console, explanation, status_table, timeline_table
from .common import emit, make_tracker, write
from .group import EXIT_USER_ERROR
from .options import AGREEMENT, DATE, EVENTS, KNOWN_ON, OUT, format_option


@click.command()
@click.argument("when", type=DATE, metavar="DATE")
@KNOWN_ON
@AGREEMENT
@EVENTS
@format_option("table", "json", "csv", "markdown", "xlsx")
@OUT
def status(when: str, known_on: str | None, agreement: Path | None, events: tuple[Path, ...], fmt: str, out: Path | None) -> None:
    """Print the status of every obligation at DATE.

    DATE is a date (the whole of that day in the agreement's reference
    zone), a date with its own zone in brackets (2023-09-18[Asia/Baku]), or
    an ISO 8601 instant with an offset.

    Example: ceasefire status 2020-11-16 --known-on 2020-11-14

    Example: ceasefire status '2023-09-18[Asia/Baku]'

    Example: ceasefire status 2020-11-26 --format xlsx --out status.xlsx
    """
    report = make_tracker(agreement, events).status_on(when, known_on=known_on)
    if fmt == "table" and out is None:
        console().print(status_table(report))
    else:
        emit(report, fmt, out, "status")


@click.command()
@click.argument("obligation_id")
@click.option("--on", "when", required=True, type=DATE, help="Date (the whole day, reference zone), date[Zone/Name], or instant to explain.")
@KNOWN_ON
@AGREEMENT
@EVENTS
@format_option("text", "json")
def explain(obligation_id: str, when: str, known_on: str | None, agreement: Path | None, events: tuple[Path, ...], fmt: str) -> None:
    """Explain one obligation's status at a date: reasons, amendments, evidence, quotes and sources.

    Example: ceasefire explain 6.kalbajar --on 2020-11-26
    """
    tracker = make_tracker(agreement, events)
    item = tracker.obligation_on(obligation_id, when, known_on=known_on)
    if fmt == "json":
        from ..render._records import obligation
        from ..render.export import strict_json

        write(strict_json(obligation(item, tracker.agreement.zone)))
        return
    clause = tracker.view(when, known_on=known_on).cite(tracker.index.entries[obligation_id].obligation.sources)
    out = console()
    for line in explanation(item, tracker.agreement.zone, clause):
        out.print(line)


@click.command()
@click.option("--from", "start", required=True, type=DATE, help="First day (from its start) or instant of the timeline.")
@click.option("--to", "end", required=True, type=DATE, help="Last day (to its end) or instant of the timeline.")
@click.option("--obligation", "only", multiple=True, metavar="ID", help="Show only this obligation; repeat for several.")
@KNOWN_ON
@AGREEMENT
@EVENTS
@format_option("table", "json", "csv", "markdown", "xlsx")
@OUT
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
        emit(line, fmt, out, "timeline")


@click.command()
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write, e.g. deadlines.ics.")
@click.option("--on", "when", type=DATE, help="Take the deadlines in force at this date or instant; now by default.")
@KNOWN_ON
@AGREEMENT
@EVENTS
def calendar(out: Path, when: str | None, known_on: str | None, agreement: Path | None, events: tuple[Path, ...]) -> None:
    """Write every deadline in force to an iCalendar (.ics) file.

    A deadline at the end of a day (a deadline "by" a date) becomes an
    all-day event on that day, in the reference zone or else the agreement's
    local zone; others are timed events in the reference zone. A moved deadline
    carries its history in the description, and the one it replaced is kept
    as a cancelled event.

    Example: ceasefire calendar --out deadlines.ics --on 2020-11-20
    """
    from ..render.ics import deadline_calendar

    moment = when if when is not None else dt.datetime.now(dt.timezone.utc)
    built = deadline_calendar(make_tracker(agreement, events), moment, known_on=known_on)
    try:
        out.write_bytes(built.to_ical())
    except OSError as exc:
        click.echo(f"error: cannot write {out}: {exc.strerror or exc}", err=True)
        raise SystemExit(EXIT_USER_ERROR) from None
    count = len(built.walk("VEVENT"))
    click.echo(f"wrote {out}: {count} events")
