"""Status reports and timelines as Markdown, for pasting into a report or a note."""

from __future__ import annotations

import re

from . import display
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


def deadline_cell(item: ObligationStatus, zone: str) -> str:
    """What a status table says under "deadline in force": the deadline, the one first set when an amendment moved it, or when a term's period ends.

    Read in the agreement's zones by :func:`~ceasefire.render.display.deadline`:
    "end of 2020-11-20", "2023-11-10 00:00", or "within ..." for a deadline known only to a window.
    """
    local = item.local_zone
    if item.deadline is None:
        return "" if item.term is None else f"period ends {display.deadline(item.term.period_end, zone, local)}"
    text = display.deadline(item.deadline, zone, local)
    if item.original_deadline is not None and item.original_deadline != item.deadline:
        text += f" (was {display.deadline(item.original_deadline, zone, local)})"
    return text


def status_markdown(report: StatusReport) -> str:
    """The status table, then each obligation's reasons and quoted sources."""
    zone = report.zone
    heading = f"## {report.title}\n\nStatus at {display.instant_named(report.at, zone)}"
    if report.known_on is not None:
        heading += f", as known on {display.instant(in_zone(report.known_on, zone), zone)}"
    heading += f". {evidence_line(report)}"
    rows = [
        [o.obligation_id, o.headline, deadline_cell(o, zone), ", ".join(e.event_id for e in (*o.evidence, *o.breaches)), ", ".join(dict.fromkeys(c.source_id for c in o.sources))]
        for o in report.obligations
    ]
    lines = [heading, "", *table(["obligation", "status", "deadline in force", "evidence", "sources"], rows), ""]
    for item in report.obligations:
        lines += _explanation(item)
    return "\n".join(lines).rstrip() + "\n"


def evidence_line(report: StatusReport) -> str:
    """One sentence on where the loaded evidence ends and how many answers rest on silence that nothing loaded watched.

    Where it ends is read in the agreement's zones ("end of 2020-12-01
    (Asia/Baku)"), whatever zone the log was written in.
    """
    ends = report.evidence_ends
    if ends is None:
        return "No loaded evidence covers any of this; statuses that rest on the absence of reports are unmonitored."
    zone = report.zone
    shown = display.instant_read_in(ends, zone, report.local_zone)
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


def interval_ends(interval: Interval, line: Timeline) -> tuple[str, str]:
    """An interval's two ends for reading, each marked ``[``/``]`` when it belongs to the interval and ``(``/``)`` when not, read in the agreement's zones
    (the end of a day in its local zone named as that day there)."""
    start = ("[" if interval.start_inclusive else "(") + display.instant_read_in(interval.start, line.zone, line.local_zone)
    return start, display.instant_read_in(interval.end, line.zone, line.local_zone) + ("]" if interval.end_inclusive else ")")


def cause_before(interval: Interval, line: Timeline) -> str | None:
    """When the interval's cause happened, in words, if that was before the interval's first instant; else None.

    The first interval of a timeline starts where the asked range starts, but
    its status may have begun long before: the cause beside it is what began
    that status, and without its own time a reader would take it for
    something that happened on the range's first day.
    """
    at = interval.cause.at
    if at is None or at >= interval.start:
        return None
    return display.instant_read_in(at, line.zone, line.local_zone)


def started_by(interval: Interval, line: Timeline) -> str:
    """What started an interval, in a few words for a table, with the time of a cause that came before the interval (see :func:`cause_before`)."""
    cause = interval.cause
    words = display.started_by(cause.kind, cause.ref, cause.edge, cause.happening)
    earlier = cause_before(interval, line)
    return words if earlier is None else f"{words}, {earlier}"


def _cause_text(interval: Interval, line: Timeline) -> str:
    """The Markdown export's "started by": kind and reference, the time of a cause that came before the interval, and the cause's description."""
    cause = interval.cause
    earlier = cause_before(interval, line)
    named = f"{cause.kind} {cause.ref or ''}".strip() + (f", {earlier}" if earlier is not None else "")
    return named + (f": {cause.description}" if cause.description else "")


def timeline_markdown(line: Timeline) -> str:
    """One row per interval: obligation, status, interval, what started it, evidence and sources."""
    zone = line.zone
    heading = f"## Timeline of {line.agreement_id}\n\nFrom {display.instant(in_zone(line.start, zone), zone)} to {display.instant(in_zone(line.end, zone), zone)} ({zone})"
    if line.known_on is not None:
        heading += f", as known on {display.instant(in_zone(line.known_on, zone), zone)}"
    rows = [
        [
            i.obligation_id,
            str(i.status),
            *interval_ends(i, line),
            _cause_text(i, line),
            ", ".join(i.evidence_ids),
            ", ".join(i.source_ids),
        ]
        for i in line.intervals
    ]
    note = "Each end is marked `[` or `]` when the interval includes it and `(` or `)` when it does not; times are in the zone above unless another is named."
    lines = [heading + ".", "", note, "", *table(["obligation", "status", "from", "to", "started by", "evidence", "sources"], rows)]
    return "\n".join(lines) + "\n"
