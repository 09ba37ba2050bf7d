"""Rich display in notebooks: the report's table and colours, and the chart inline.

Jupyter (and any front end that follows IPython's display protocol) calls
``_repr_html_`` or ``_repr_markdown_`` on the last value of a cell. The result
classes forward those calls here, so that in a notebook

- a :class:`~ceasefire.StatusReport` shows the status table of the HTML
  report, with the same status badges;
- an :class:`~ceasefire.ObligationStatus` shows its status, deadline, reasons,
  amendments and every piece of evidence with its verbatim quotes and sources;
- one piece of :class:`~ceasefire.results.Evidence` shows itself the same way;
- a :class:`~ceasefire.Timeline` shows the chart (a PNG, when matplotlib is
  installed) above the table of its intervals.

Everything is plain HTML with inline styles: no script, nothing fetched.
Every text is escaped, and only ``http``/``https`` links become anchors.
Times are written for people, as in the terminal (:mod:`ceasefire.render.display`).
"""

from __future__ import annotations

import base64
import html
from typing import TYPE_CHECKING

from . import display
from .display import style_of

if TYPE_CHECKING:  # pragma: no cover
    import datetime as dt

    from ..results import AppliedAmendment, Cited, Evidence, ObligationStatus, StatusReport
    from ..engine.timeline import Timeline

_TABLE = "border-collapse: collapse; font-size: 0.92em; margin: 0.3em 0"
_CELL = "border-bottom: 1px solid #d0d7de; padding: 0.3em 0.5em; text-align: left; vertical-align: top"
_HEAD = _CELL + "; background: #f6f8fa"
_ID = _CELL + "; white-space: nowrap; font-family: ui-monospace, Menlo, Consolas, monospace"
_MUTED = "color: #57606a"
_QUOTE = "margin: 0.3em 0 0.2em; padding: 0.1em 0.7em; border-left: 3px solid #8c959f; font-style: italic"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def badge(status: object) -> str:
    """A status as the HTML report shows it: a rounded badge in the status's fill and hatch."""
    style = style_of(status)
    css = f"background: {style.css}; color: {style.ink}; display: inline-block; padding: 0.05em 0.5em 0.05em {style.padding_left or '0.5em'}; border-radius: 0.8em; white-space: nowrap; border: 1px solid rgba(0,0,0,.15)"
    return f'<span class="ceasefire-status" data-status="{_e(status)}" style="{_e(css)}">{_e(status)}</span>'


def _table(header: list[str], rows: list[list[str]], id_columns: tuple[int, ...] = (0,)) -> str:
    """An HTML table; cells are given already escaped."""
    head = "".join(f'<th style="{_HEAD}">{_e(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(f'<td style="{_ID if n in id_columns else _CELL}">{c}</td>' for n, c in enumerate(row)) + "</tr>" for row in rows)
    return f'<table class="ceasefire" style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _deadline(item: ObligationStatus, zone: str) -> str:
    local = item.local_zone
    if item.deadline is None:
        return "" if item.term is None else _e(f"period ends {display.deadline(item.term.period_end, zone, local)}")
    text = _e(display.deadline(item.deadline, zone, local))
    if item.original_deadline is not None and item.original_deadline != item.deadline:
        text += f' <span style="{_MUTED}">(amended; was {_e(display.deadline(item.original_deadline, zone, local))})</span>'
    return text


def _seen(at: dt.datetime, known_on: dt.datetime | None, zone: str) -> str:
    """'status at end of 2020-11-26 (Europe/Moscow), as known on ...'."""
    text = f"status at {display.instant_named(at, zone)}"
    if known_on is not None:
        return text + f", as known on {display.instant(known_on, zone)}"
    return text + ", on all the evidence loaded"


def report_html(report: StatusReport) -> str:
    """The status table of a report, as in the HTML report: each status with what its headline adds, under the line on where the evidence ends."""
    from ._markdown import evidence_line

    rows = []
    for item in report.obligations:
        counted = (*item.evidence, *item.breaches)
        detail = item.detail
        status = badge(item.status) + (f' <span style="{_MUTED}">{_e(detail)}</span>' if detail else "")
        rows.append([_e(item.point), _e(item.obligation_id), status, _deadline(item, report.zone), _e(", ".join(item.bearers)), _e(len(counted)), _e(len(item.sources))])
    seen = _e(_seen(report.at, report.known_on, report.zone))
    head = f"<p><strong>{_e(report.title)}</strong><br><span style=\"{_MUTED}\">{seen}</span><br><span style=\"{_MUTED}\">{_e(evidence_line(report))}</span></p>"
    return f'<div class="ceasefire-report">{head}{_table(["Point", "Obligation", "Status", "Deadline in force", "Owed by", "Events", "Sources"], rows, (1,))}</div>'


def report_markdown(report: StatusReport) -> str:
    """The status table as Markdown, with times written for people."""
    from ._markdown import deadline_cell, evidence_line, table

    rows = [[o.obligation_id, o.headline, deadline_cell(o, report.zone), str(len((*o.evidence, *o.breaches))), str(len(o.sources))] for o in report.obligations]
    head = f"**{report.title}**: {_seen(report.at, report.known_on, report.zone)}. {evidence_line(report)}"
    lines = [head, "", *table(["obligation", "status", "deadline in force", "events", "sources"], rows)]
    return "\n".join(lines) + "\n"


def _link(url: str | None, text: str) -> str:
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(text)}</a>'
    return _e(text)


def _citation(cited: Cited) -> str:
    where = cited.url or cited.file or "no link"
    if not cited.quote:
        quote = ""
    elif cited.paraphrase:  # the compiler's words, not the source's: marked, and never in quotation marks
        quote = f'<blockquote style="{_QUOTE}"><span style="{_MUTED}">(paraphrase)</span> {_e(cited.quote)}</blockquote>'
    else:
        quote = f'<blockquote style="{_QUOTE}">&ldquo;{_e(cited.quote)}&rdquo;</blockquote>'
    voice = f" [{_e(cited.voice)}]" if cited.voice else ""
    return f'{quote}<div style="{_MUTED}; font-size: 0.88em">source <code>{_e(cited.source_id)}</code>: {_link(cited.url, cited.title)} ({_e(where)}){voice}</div>'


def evidence_html(item: Evidence, zone: str | None = None, local: str | None = None) -> str:
    """One piece of evidence: what happened, when, who linked it, and every source with its verbatim quote.

    ``zone`` and ``local`` are the agreement's zones, in which its windows are read; shown on its own, an event reads in its own zone.
    """
    name = zone or display.zone_name(item.occurred.latest)
    when = f"occurred {display.window(item.occurred, name, local=local)}; first reported {display.window(item.reported, name, local=local)}"
    if item.occurred_text:
        when += f"; {display.report_says(item.occurred_text)}"
    disputed = f"<div>disputed by {_e(', '.join(item.disputed_by))}</div>" if item.disputed_by else ""
    cites = "".join(_citation(c) for c in item.citations)
    for found in item.discrepancies:
        sides = "".join(f"<li>{_e(value)}: {_e(cited.quoted() or '(no quote)')} (<code>{_e(cited.source_id)}</code>{f' [{_e(cited.voice)}]' if cited.voice else ''})</li>" for value, cited in found.claims)
        note = f" {_e(found.note)}" if found.note else ""
        cites += f'<div style="font-size: 0.9em"><strong>Sources differ on {_e(found.about)}.</strong>{note}<ul style="margin: 0.2em 0">{sides}</ul></div>'
    return (
        f'<div class="ceasefire-evidence" data-event="{_e(item.event_id)}" style="background: #f6f8fa; border-radius: 0.3em; padding: 0.4em 0.7em; margin: 0.4em 0">'
        f"<div><strong><code>{_e(item.event_id)}</code></strong> ({_e(item.kind)}, {_e(item.role)}, linked by {_e(item.made_by)}): {_e(item.summary)}</div>"
        f'<div style="{_MUTED}; font-size: 0.9em">{_e(when)}</div>{disputed}{cites}</div>'
    )


def _amendment(applied: AppliedAmendment, zone: str, local: str | None) -> str:
    moved = f"; new deadline {display.deadline(applied.new_deadline, zone, local)}" if applied.new_deadline else ""
    sub = f"in effect from {display.instant(applied.in_effect_from, zone)}; announced {display.window(applied.announced, zone, local=local)}{moved}"
    cites = "".join(_citation(c) for c in applied.citations)
    return f'<div style="margin: 0.3em 0"><code>{_e(applied.amendment_id)}</code> ({_e(applied.kind)}): {_e(applied.summary)}<div style="{_MUTED}; font-size: 0.9em">{_e(sub)}</div>{cites}</div>'


def obligation_html(item: ObligationStatus, zone: str | None = None) -> str:
    """One obligation's status with its deadline, reasons, amendments and evidence, as the report's section shows it."""
    name = zone or display.zone_name(item.at)
    deadline = _deadline(item, name)
    parts = [
        f"<h4 style=\"margin: 0.2em 0\"><code>{_e(item.obligation_id)}</code> {badge(item.status)}</h4>",
        f'<div style="{_MUTED}">{_e(_seen(item.at, item.known_on, name))}</div>',
        f"<p>Point {_e(item.point)}, {_e(item.kind)} obligation owed by {_e(', '.join(item.bearers))}: {_e(item.summary)}</p>",
        f"<p>Deadline in force: {deadline}</p>" if deadline else "",
        "<div><strong>Reasons</strong><ul>" + "".join(f"<li>{_e(r)}</li>" for r in item.reasons) + "</ul></div>",
    ]
    if item.amendments:
        parts.append("<div><strong>Amendments applied</strong>" + "".join(_amendment(a, name, item.local_zone) for a in item.amendments) + "</div>")
    parts.append("<div><strong>Evidence</strong>" + (evidence_list_html(item, name) or f'<p style="{_MUTED}">No event counted.</p>') + "</div>")
    if item.context:
        parts.append("<div><strong>Background (not counted)</strong>" + "".join(evidence_html(e, name, item.local_zone) for e in item.context) + "</div>")
    return f'<div class="ceasefire-obligation" data-obligation="{_e(item.obligation_id)}">{"".join(parts)}</div>'


def evidence_list_html(item: ObligationStatus, zone: str | None = None) -> str:
    """Every breach and piece of evidence counted for one obligation, breaches first."""
    name = zone or display.zone_name(item.at)
    return "".join(evidence_html(e, name, item.local_zone) for e in (*item.breaches, *item.evidence))


def chart_png(line: Timeline) -> bytes | None:
    """The timeline's chart as PNG bytes at screen resolution, or None when matplotlib is not installed."""
    try:
        from .chart import draw_timeline, png_bytes
    except ImportError:  # pragma: no cover - depends on what is installed
        return None
    try:
        return png_bytes(draw_timeline(line))
    except ImportError:  # pragma: no cover - matplotlib itself is imported lazily
        return None


def timeline_html(line: Timeline) -> str:
    """The chart (when matplotlib is installed) above the table of intervals."""
    from ._markdown import interval_ends, started_by

    png = chart_png(line) if line.intervals else None
    chart = (
        f'<img class="ceasefire-chart" alt="timeline chart of {_e(line.agreement_id)}" style="max-width: 100%" src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">'
        if png
        else f'<p style="{_MUTED}">(install the charts extra to see the chart: pip install \'ceasefire[charts]\')</p>'
    )
    rows = []
    for i in line.intervals:
        start, end = interval_ends(i, line)
        rows.append([_e(i.obligation_id), badge(i.status), _e(start), _e(end), _e(started_by(i, line)), _e(", ".join(i.evidence_ids))])
    known = "on all the evidence loaded" if line.known_on is None else f"as known on {display.instant(line.known_on, line.zone)}"
    head = f"<p><strong>{_e(line.agreement_id)}</strong>: timeline from {_e(display.instant(line.start, line.zone))} to {_e(display.instant(line.end, line.zone))} ({_e(line.zone)}), {_e(known)}</p>"
    return f'<div class="ceasefire-timeline">{head}{chart}{_table(["obligation", "status", "from", "to", "started by", "evidence"], rows)}</div>'


def timeline_markdown(line: Timeline) -> str:
    """The intervals as a Markdown table, with times written for people."""
    from ._markdown import interval_ends, table

    rows = [[i.obligation_id, str(i.status), *interval_ends(i, line), ", ".join(i.evidence_ids)] for i in line.intervals]
    return "\n".join([f"**{line.agreement_id}**: timeline ({line.zone})", "", *table(["obligation", "status", "from", "to", "evidence"], rows)]) + "\n"


__all__ = ["badge", "evidence_html", "evidence_list_html", "obligation_html", "report_html", "report_markdown", "timeline_html", "timeline_markdown"]
