"""Status reports and timelines as Markdown, for pasting into a report or a note."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
import re

from ..results import ObligationStatus, StatusReport, short_of_day
from ..time import in_zone
from ..engine.timeline import Interval, Timeline


def cell(text: object) -> str:
    """Text made safe for one Markdown table cell: no pipe, line break or raw HTML can escape it."""
    return inline(text).replace("|", "\\|")


def inline(text: object) -> str:
    """Text made safe inside a Markdown line: backslashes kept, line breaks flattened, raw HTML made inert (``<`` and ``>`` as entities)."""
    out = str(text).replace("\\", "\\\\").replace("\r", " ").replace("\n", " ")
    return out.replace("<", "&lt;").replace(">", "&gt;")


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A pipe table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]


def _code(text: str) -> str:
    """``text`` as inline code, fenced with one more backtick than its longest run of them."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"`{text}`"


def _deadline(item: ObligationStatus, zone: str) -> str:
    if item.deadline is None:
        return ""
    text = in_zone(item.deadline.latest, zone).isoformat()
    if item.original_deadline is not None and item.original_deadline != item.deadline:
        text += f" (was {in_zone(item.original_deadline.latest, zone).isoformat()})"
    return text


def status_markdown(report: StatusReport) -> str:
    """The status table, then each obligation's reasons and quoted sources."""
    zone = report.zone
    heading = f"## {report.title}\n\nStatus at {in_zone(report.at, zone).isoformat()} ({zone})"
    if report.known_on is not None:
        heading += f", as known on {in_zone(report.known_on, zone).isoformat()}"
    heading += f". {evidence_line(report)}"
    rows = [
        [o.obligation_id, o.headline, _deadline(o, zone), ", ".join(e.event_id for e in (*o.evidence, *o.breaches)), ", ".join(dict.fromkeys(c.source_id for c in o.sources))]
        for o in report.obligations
    ]
    lines = [heading, "", *table(["obligation", "status", "deadline in force", "evidence", "sources"], rows), ""]
    for item in report.obligations:
        lines += _explanation(item)
    return "\n".join(lines).rstrip() + "\n"


def evidence_line(report: StatusReport, written: Callable[[dt.datetime, str], str] | None = None) -> str:
    """One sentence on where the loaded evidence ends and how many answers rest on silence that nothing loaded watched.

    ``written`` writes the instant for a reader (ISO 8601 in the reference zone by default).
    """
    ends = report.evidence_ends
    if ends is None:
        return "No loaded evidence covers any of this; statuses that rest on the absence of reports are unmonitored."
    zone = report.zone
    shown = written(ends, zone) if written is not None else in_zone(ends, zone).isoformat()
    text = f"The loaded evidence ends at {shown}"
    if any(c.inferred for c in report.coverage):
        text += " (inferred for a log that declares no coverage)"
    short = short_of_day(ends, report.asked_from, report.at)
    if short:  # the same date on both sides reads as a contradiction unless the unwatched part of the day is named
        text += f"{short} ({zone})"
    beyond = len(report.beyond_evidence)
    if beyond:
        # Not all of them lie past the end: a log may not watch an obligation at all (the bundled record does not watch the ceasefire).
        # "unmonitored" says what was loaded, not that nobody watched in the world: the sentence says so
        one = beyond == 1
        through = "the end of this day" if short else "this date"
        text += f"; {beyond} {'obligation is' if one else 'obligations are'} marked unmonitored: nothing loaded watches {'it' if one else 'them'} through to {through}"
        text += f", so {'its status is' if one else 'their statuses are'} not known"
    return text + "."


def _explanation(item: ObligationStatus) -> list[str]:
    lines = [f"### {item.obligation_id}: {inline(item.headline)}", ""]
    lines += [f"- {inline(reason)}" for reason in item.reasons]
    for cited in item.sources:
        where = cited.url or cited.file or cited.source_id
        quote = f": {inline(cited.quoted())}" if cited.quote else ""
        voice = f" [{inline(cited.voice)}]" if cited.voice else ""
        lines.append(f"- source {_code(cited.source_id)}, {inline(cited.title)} ({inline(where)}){voice}{quote}")
    return [*lines, ""]


def _bound(interval: Interval, zone: str) -> str:
    left = "[" if interval.start_inclusive else "("
    right = "]" if interval.end_inclusive else ")"
    return f"{left}{in_zone(interval.start, zone).isoformat()}, {in_zone(interval.end, zone).isoformat()}{right}"


def timeline_markdown(line: Timeline) -> str:
    """One row per interval: obligation, status, interval, what started it, evidence and sources."""
    zone = line.zone
    heading = f"## Timeline of {line.agreement_id}\n\nFrom {line.start.isoformat()} to {line.end.isoformat()} ({zone})"
    if line.known_on is not None:
        heading += f", as known on {line.known_on.isoformat()}"
    rows = [
        [
            i.obligation_id,
            str(i.status),
            _bound(i, zone),
            f"{i.cause.kind} {i.cause.ref or ''}".strip() + (f": {i.cause.description}" if i.cause.description else ""),
            ", ".join(i.evidence_ids),
            ", ".join(i.source_ids),
        ]
        for i in line.intervals
    ]
    note = "Intervals are written `[` when the end is included and `(` when it is not."
    lines = [heading + ".", "", note, "", *table(["obligation", "status", "interval", "started by", "evidence", "sources"], rows)]
    return "\n".join(lines) + "\n"
