"""What the command line prints: tables and explanations, coloured only on a terminal.

When the output is not a terminal (a pipe, a file, a test), nothing is
coloured and nothing is cut: the console is made wide enough that ids and
instants are printed whole. On a terminal, id columns never wrap either.
Times are written for people (``end of 2020-11-25``, ``2020-11-10 00:00``,
in the agreement's reference zone unless another zone is named); the JSON
and CSV exports keep ISO 8601.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ._markdown import deadline_cell, evidence_line, interval_ends, started_by
from . import display
from .display import STATUS_COLOURS
from ..results import Cited, Disagreement, Evidence, ObligationStatus, ReportedQuantity, StatusReport
from ..engine.timeline import Timeline

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


def _id_column(table: Table, name: str, ids: list[str]) -> None:
    """A column of ids: never wrapped or cut, however narrow the terminal."""
    table.add_column(name, no_wrap=True, min_width=max((len(i) for i in ids), default=len(name)))


def status_table(report: StatusReport) -> Table:
    """The report as a table: one row per obligation, with the evidence ids and the number of sources cited.

    When any point of the agreement has a label ("Article 2", "Annex I"), a first
    column names each obligation's point by its label (by its number where it has none).
    """
    title = f"{report.title}\nstatus at {display.instant_named(report.at, report.zone)}"
    if report.known_on is not None:
        title += f", as known on {display.instant(report.known_on, report.zone)}"
    title += "\n" + evidence_line(report)
    table = Table(title=title)
    labelled = any(p.label for p in report.points)
    if labelled:
        table.add_column("point", overflow="fold")
    _id_column(table, "obligation", [o.obligation_id for o in report.obligations])
    for name in ("status", "deadline in force", "evidence", "sources"):
        table.add_column(name, overflow="fold")
    points = {o.obligation_id: p for p in report.points for o in p.obligations}
    for item in report.obligations:
        deadline = deadline_cell(item, report.zone)
        events = ", ".join(e.event_id for e in (*item.evidence, *item.breaches))
        shown = status_text(item.status)
        if item.headline != str(item.status):
            shown.append(item.headline[len(str(item.status)):])
        point = points[item.obligation_id]
        first = [point.label or str(point.number)] if labelled else []
        table.add_row(*first, item.obligation_id, shown, deadline, events, str(len(item.sources)))
    # Ids and a bare count do not speak for themselves in print: say what the two columns hold and where the words are.
    table.caption = ("evidence: the ids of the events counted (`ceasefire explain OBLIGATION --on DATE` gives their words and sources); "
                     "sources: how many sources those events and the amendments in force cite, not counting the agreement's own text")
    return table


def timeline_table(line: Timeline) -> Table:
    """The timeline as a table: one row per interval."""
    title = f"{line.agreement_id}: timeline from {display.instant(line.start, line.zone)} to {display.instant(line.end, line.zone)} ({line.zone})"
    if line.known_on is not None:
        title += f", as known on {display.instant(line.known_on, line.zone)}"
    table = Table(title=title)
    _id_column(table, "obligation", [i.obligation_id for i in line.intervals])
    for name in ("status", "from", "to", "started by", "evidence"):
        table.add_column(name, overflow="fold")
    for item in line.intervals:
        start, end = interval_ends(item, line)
        table.add_row(item.obligation_id, status_text(item.status), start, end, started_by(item, line), ", ".join(item.evidence_ids))
    return table


def _cited(cited: Cited) -> str:
    where = cited.url or cited.file or "no link"
    quote = f"\n        {cited.quoted()}" if cited.quote else ""
    note = f"\n        note: {cited.note}" if cited.note else ""
    voice = f" [{cited.voice}]" if cited.voice else ""  # a party's own claim says so wherever it is cited
    return f"      source {cited.source_id}: {cited.title} ({where}){voice}{quote}{note}"


def _evidence(item: Evidence, zone: str, local: str | None) -> list[str]:
    head = f"  {item.event_id} ({item.kind}, {item.role}): {item.summary}"
    when = f"    occurred {display.window(item.occurred, zone, local=local)}; first reported {display.window(item.reported, zone, local=local)}"
    if item.occurred_text:
        when += f"; {display.report_says(item.occurred_text)}"
    extra = [f"    disputed by {', '.join(item.disputed_by)}"] if item.disputed_by else []
    if item.link_note:
        extra.append(f"    why linked: {item.link_note}")
    return [head, when, *extra, *(_cited(c) for c in item.citations), *(line for d in item.discrepancies for line in _disagreement(d))]


def _disagreement(found: Disagreement) -> list[str]:
    """The sources' sides on one fact of an event, each with its source; none is picked."""
    lines = [f"    sources differ on {found.about}:" + (f" {found.note}" if found.note else "")]
    for value, cited in found.claims:
        voice = f" [{cited.voice}]" if cited.voice else ""
        lines.append(f"      {value}: {cited.quoted() or '(no quote)'} ({cited.source_id}{voice})")
    return lines


def explanation(item: ObligationStatus, zone: str, clause: tuple[Cited, ...] = ()) -> list[str | Text]:
    """One obligation's status, reasons and evidence, with quotes and sources, as lines.

    Times are written in the reference ``zone`` unless another zone is named:
    a day an event or amendment source gave in its own zone stays that day,
    with the zone beside it. ``clause`` are the citations for the
    obligation's own wording.
    """
    local = item.local_zone
    head = Text(f"{item.obligation_id}: ")
    head.append_text(status_text(item.status))
    seen = f"at {display.instant_named(item.at, zone)}"
    if item.known_on is not None:
        seen += f", as known on {display.instant(item.known_on, zone)}"
    lines: list[str | Text] = [head, seen, f"point {item.point}{f' ({item.point_label})' if item.point_label else ''}, {item.kind}, owed by {', '.join(item.bearers)}: {item.summary}"]
    lines += [_cited(c).replace("      source", "  text from", 1) for c in clause]
    if item.deadline is not None:
        lines.append(f"deadline in force: {display.deadline(item.deadline, zone, local)}")
    if item.original_deadline is not None and item.original_deadline != item.deadline:
        lines.append(f"deadline first set: {display.deadline(item.original_deadline, zone, local)}")
    lines += ["", "reasons:", *(f"  - {r}" for r in item.reasons)]
    if item.quantities:
        lines += ["", "figures to date:", *(f"  {_figure(q)}" for q in item.quantities)]
    if item.amendments:
        lines += ["", "amendments:"]
        for a in item.amendments:
            lines.append(f"  {a.amendment_id} ({a.kind}): {a.summary}")
            lines.append(f"    announced {display.window(a.announced, zone, local=local)}, in effect from {display.instant(a.in_effect_from, zone)}")
            lines += [_cited(c) for c in a.citations]
    for label, found in (("evidence", item.evidence), ("breaches", item.breaches)):
        if found:
            lines += ["", f"{label}:"]
            for e in found:
                lines += _evidence(e, zone, local)
    if not item.evidence and not item.breaches:
        lines += ["", "evidence: no event counted"]
    if item.context:
        lines += ["", "background (shown, not counted):"]
        for e in item.context:
            lines += _evidence(e, zone, local)
    return lines


def _figure(q: ReportedQuantity) -> str:
    """One reported figure: how much, against the target, and from which event."""
    said = q.text or f"{q.qualifier} {q.value:g}"
    notes = ([f"target {q.target:g}"] if q.target is not None else []) + [f"latest from {q.event_id}"]
    if q.reported_as:
        notes.append(f"reported as {q.reported_as!r}")
    return f"{q.name}: {said} ({'; '.join(notes)})"
