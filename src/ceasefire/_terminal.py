"""What the command line prints: tables and explanations, coloured only on a terminal.

When the output is not a terminal (a pipe, a file, a test), nothing is
coloured and nothing is cut: the console is made wide enough that ids and
instants are printed whole.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ._markdown import evidence_line
from .display import STATUS_COLOURS
from .results import Cited, Evidence, ObligationStatus, StatusReport
from .time import Window, in_zone
from .timeline import Interval, Timeline

UNLIMITED_WIDTH = 10_000


def console(*, err: bool = False) -> Console:
    """A console on stdout (or stderr): coloured on a terminal, plain and unwrapped elsewhere."""
    stream = sys.stderr if err else sys.stdout
    if stream.isatty():
        return Console(file=stream, highlight=False, markup=False)
    return Console(file=stream, width=UNLIMITED_WIDTH, no_color=True, highlight=False, markup=False, soft_wrap=True)


def status_text(status: object) -> Text:
    """A status, in its chart colour."""
    return Text(str(status), style=STATUS_COLOURS.get(str(status), ""))


def _day(window: Window | None, zone: str) -> str:
    return "" if window is None else in_zone(window.latest, zone).date().isoformat()


def status_table(report: StatusReport) -> Table:
    """The report as a table: one row per obligation, with the evidence ids and the number of sources cited."""
    title = f"{report.title}\nstatus at {report.at.isoformat()} ({report.zone})"
    if report.known_on is not None:
        title += f", as known on {report.known_on.isoformat()}"
    title += "\n" + evidence_line(report)
    table = Table(title=title)
    for name in ("obligation", "status", "deadline in force", "evidence", "sources"):
        table.add_column(name, overflow="fold")
    for item in report.obligations:
        deadline = _day(item.deadline, report.zone)
        if item.original_deadline is not None and item.original_deadline != item.deadline:
            deadline += f" (was {_day(item.original_deadline, report.zone)})"
        elif item.deadline is None and item.term is not None:
            deadline = f"period ends {in_zone(item.term.period_end, report.zone).date().isoformat()}"
        events = ", ".join(e.event_id for e in (*item.evidence, *item.breaches))
        shown = status_text(item.status)
        if item.headline != str(item.status):
            shown.append(item.headline[len(str(item.status)):])
        table.add_row(item.obligation_id, shown, deadline, events, str(len(item.sources)))
    return table


def _bound(interval: Interval, zone: str) -> tuple[str, str]:
    start = ("[" if interval.start_inclusive else "(") + in_zone(interval.start, zone).isoformat()
    end = in_zone(interval.end, zone).isoformat() + ("]" if interval.end_inclusive else ")")
    return start, end


def timeline_table(line: Timeline) -> Table:
    """The timeline as a table: one row per interval."""
    title = f"{line.agreement_id}: timeline from {line.start.isoformat()} to {line.end.isoformat()} ({line.zone})"
    if line.known_on is not None:
        title += f", as known on {line.known_on.isoformat()}"
    table = Table(title=title)
    for name in ("obligation", "status", "from", "to", "started by", "evidence"):
        table.add_column(name, overflow="fold")
    for item in line.intervals:
        start, end = _bound(item, line.zone)
        cause = f"{item.cause.kind} {item.cause.ref or ''}".strip()
        table.add_row(item.obligation_id, status_text(item.status), start, end, cause, ", ".join(item.evidence_ids))
    return table


def _cited(cited: Cited) -> str:
    where = cited.url or cited.file or "no link"
    quote = f"\n        {cited.quoted()}" if cited.quote else ""
    return f"      source {cited.source_id}: {cited.title} ({where}){quote}"


def _evidence(item: Evidence, zone: str) -> list[str]:
    head = f"  {item.event_id} ({item.kind}, {item.role}): {item.summary}"
    when = f"    occurred {item.occurred}; first reported {item.reported}"
    if item.occurred_text:
        when += f'; the report says "{item.occurred_text}"'
    extra = [f"    disputed by {', '.join(item.disputed_by)}"] if item.disputed_by else []
    return [head, when, *extra, *(_cited(c) for c in item.citations)]


def explanation(item: ObligationStatus, zone: str, clause: tuple[Cited, ...] = ()) -> list[str | Text]:
    """One obligation's status, reasons and evidence, with quotes and sources, as lines.

    The status, the instant and the deadlines are written in the reference
    ``zone``; event and amendment times keep the zone their sources gave.
    ``clause`` are the citations for the obligation's own wording.
    """
    head = Text(f"{item.obligation_id}: ")
    head.append_text(status_text(item.status))
    seen = f"at {in_zone(item.at, zone).isoformat()} ({zone})"
    if item.known_on is not None:
        seen += f", as known on {in_zone(item.known_on, zone).isoformat()}"
    lines: list[str | Text] = [head, seen, f"point {item.point}, {item.kind}, owed by {', '.join(item.bearers)}: {item.summary}"]
    lines += [_cited(c).replace("      source", "  text from", 1) for c in clause]
    if item.deadline is not None:
        lines.append(f"deadline in force: {item.deadline.in_zone(zone)}")
    if item.original_deadline is not None and item.original_deadline != item.deadline:
        lines.append(f"deadline first set: {item.original_deadline.in_zone(zone)}")
    lines += ["", "reasons:", *(f"  - {r}" for r in item.reasons)]
    if item.amendments:
        lines += ["", "amendments:"]
        for a in item.amendments:
            lines.append(f"  {a.amendment_id} ({a.kind}): {a.summary}")
            lines.append(f"    announced {a.announced}, in effect from {a.in_effect_from.isoformat()}")
            lines += [_cited(c) for c in a.citations]
    for label, found in (("evidence", item.evidence), ("breaches", item.breaches)):
        if found:
            lines += ["", f"{label}:"]
            for e in found:
                lines += _evidence(e, zone)
    if not item.evidence and not item.breaches:
        lines += ["", "evidence: no event counted"]
    return lines
