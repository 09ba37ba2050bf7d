"""A shareable report: one self-contained HTML page for one date.

The page holds the status table at the date (and knowledge cut-off), the
timeline chart as inline SVG, the yearly implementation scores in the manner
of the Peace Accords Matrix (:mod:`ceasefire.pam`), and for each obligation its reasons, the
deadline in force, the amendments applied, and every piece of evidence with
its verbatim quotes, its sources and whether a person, a mapping rule or text
extraction linked it. Nothing on the page is fetched from a network: styles
are inline, the chart is inline SVG, and there are no scripts or web fonts.

Jinja2 renders it with autoescaping on, so quotes holding ``<``, ``&`` or
quotation marks appear exactly as written. It is installed with the
``report`` extra: ``pip install 'ceasefire[report]'``.
"""

from __future__ import annotations

import functools
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import display
from .display import STATUS_COLOURS, style_of
from ._markdown import evidence_line
from ..bounds import web_url
from ..errors import UnsafeUrlError
from ..results import Cited, Disagreement, Evidence, ObligationStatus, StatusReport

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

    from ..engine import Tracker, When


CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
"""What the report lets a browser do: inline styles and data: images, and nothing else (no script, no network load, no form)."""


def render_report(tracker: Tracker, on: When, *, known_on: When | None = None, chart: bool = True, pam: bool = True) -> str:
    """The report for ``on`` as one HTML document (a string).

    ``on`` and ``known_on`` are read as in :meth:`Tracker.status_on`. With
    ``chart=False`` the page leaves out the timeline chart (and so does not
    need matplotlib); with ``pam=False``, the yearly scores.
    """
    report = tracker.status_on(on, known_on=known_on)
    svg = _chart_svg(tracker, report) if chart else None
    context = _Context(tracker, report).build(svg)
    context["pam"] = _pam_table(tracker, report) if pam else None
    return _environment().get_template("report.html.j2").render(**context)


def write_report(tracker: Tracker, out: str | Path, on: When, *, known_on: When | None = None, chart: bool = True, pam: bool = True) -> Path:
    """Write the report for ``on`` to ``out`` (UTF-8 HTML) and return its path."""
    path = Path(out)
    path.write_text(render_report(tracker, on, known_on=known_on, chart=chart, pam=pam), encoding="utf-8")
    return path


def _pam_table(tracker: Tracker, report: StatusReport) -> dict[str, Any]:
    """The PAM-style scores (:mod:`ceasefire.pam`) from the agreement's first year to the report's date, a row per point and obligation.

    Scored on the report's own view: as known on its ``known_on``, else on all the evidence loaded.
    """
    from ..pam import pam_scores

    scores = pam_scores(tracker, report.at, known_on=report.known_on, hindsight=True)
    years = sorted({r.year for r in scores})
    rows: dict[tuple[int, str], dict[str, Any]] = {}
    for r in scores:
        row = rows.setdefault((r.point, r.obligation), {"point": r.point, "obligation": r.obligation, "cells": []})
        why = f"{r.status}" + (f"; breaches: {r.breach_events}" if r.breaches else "")
        row["cells"].append({"year": r.year, "score": r.score, "breaches": r.breaches, "title": why})
    ordered = sorted(rows.values(), key=lambda row: (row["point"], row["obligation"] != ""))
    return {"years": years, "rows": ordered, "last_day": display.day_of(report.at, report.zone)}


def _chart_svg(tracker: Tracker, report: StatusReport) -> str:
    """The timeline chart from the agreement's start to the report's date, as inline SVG."""
    from .chart import chart_start, svg_markup

    return svg_markup(tracker, chart_start(tracker, report.at), report.at, known_on=report.known_on, at=report.at)


@functools.cache
def _environment() -> jinja2.Environment:
    try:
        import jinja2
        import markupsafe
    except ImportError as exc:  # pragma: no cover - depends on what is installed
        raise ImportError("the HTML report needs Jinja2: pip install 'ceasefire[report]'", name="jinja2") from exc
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ceasefire.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markup"] = markupsafe.Markup  # only for the SVG ceasefire draws itself
    return env


class _Context:
    """Turns a status report into plain values for the template."""

    def __init__(self, tracker: Tracker, report: StatusReport) -> None:
        self.tracker = tracker
        self.report = report
        self.zone = report.zone
        self.local = report.local_zone  # windows of whole days of the local zone read as those days, however they were written
        self.view = tracker.view(report.at, known_on=report.known_on)
        self.sources = tracker.index.sources
        self.parties = {p.id: p.name for p in tracker.agreement.parties}

    def build(self, svg: str | None) -> dict[str, Any]:
        report = self.report
        return {
            "title": report.title,
            "agreement_id": report.agreement_id,
            "zone": report.zone,
            "at": display.instant(report.at, self.zone),
            "at_day": display.day_of(report.at, self.zone),
            "known_on": None if report.known_on is None else display.instant(report.known_on, self.zone),
            "horizon": evidence_line(report),
            "rows": [self.row(o) for o in report.obligations],
            "obligations": [self.obligation(o) for o in report.obligations],
            "unlinked": [self.evidence(e, None) for e in self.view.unlinked()],
            "legend": [{"status": str(s), **self.badge(str(s))} for s in STATUS_COLOURS],
            "chart_svg": svg,
            "content_security_policy": CONTENT_SECURITY_POLICY,
            "version": _version(),
        }

    def badge(self, status: str) -> dict[str, str]:
        style = style_of(status)
        return {"background": style.css, "color": style.ink, "padding": f"; padding-left: {style.padding_left}" if style.padding_left else ""}

    def deadline(self, item: ObligationStatus) -> dict[str, str | None]:
        local = item.local_zone
        if item.deadline is None:
            if item.term is not None:
                return {"now": f"period ends {display.deadline(item.term.period_end, self.zone, local)}", "was": None}
            return {"now": None, "was": None}
        was = None
        if item.original_deadline is not None and item.original_deadline != item.deadline:
            was = display.deadline(item.original_deadline, self.zone, local)
        return {"now": display.deadline(item.deadline, self.zone, local), "was": was}

    def row(self, item: ObligationStatus) -> dict[str, Any]:
        counted = (*item.evidence, *item.breaches)
        made_by = sorted({e.made_by for e in counted})
        return {
            "id": item.obligation_id,
            "point": item.point,
            "summary": item.summary,
            "status": str(item.status),
            "detail": item.detail,
            "badge": self.badge(str(item.status)),
            "deadline": self.deadline(item),
            "bearers": ", ".join(self.parties.get(b, b) for b in item.bearers),
            "events": len(counted),
            "made_by": made_by,
            "sources": len(item.sources),
        }

    def obligation(self, item: ObligationStatus) -> dict[str, Any]:
        return {
            **self.row(item),
            "kind": item.kind,
            "effective": display.instant(item.effective, self.zone),
            "added_by": item.added_by,
            "reasons": list(item.reasons),
            "amendments": [self.amendment(a) for a in item.amendments],
            "evidence": [self.evidence(e, item.obligation_id) for e in (*item.breaches, *item.evidence)],
            "context": [self.evidence(e, item.obligation_id) for e in item.context],
            "quantities": [
                {"name": q.name, "value": f"{q.qualifier} {q.value:g}", "text": q.text, "event": q.event_id, "target": None if q.target is None else f"{q.target:g}"}
                for q in item.quantities
            ],
            "disputed_by": [self.parties.get(p, p) for p in item.disputed_by],
            "term": self.term(item),
        }

    def term(self, item: ObligationStatus) -> dict[str, Any] | None:
        state = item.term
        if state is None:
            return None
        return {
            "number": state.period_index + 1,
            "start": display.instant(state.period_start, self.zone),
            "end": display.instant(state.period_end, self.zone),
            "notice_due": None if state.notice_due is None else display.instant(state.notice_due, self.zone),
            "notice_event": state.notice_event,
            "ends_at": None if state.ends_at is None else display.instant(state.ends_at, self.zone),
        }

    def amendment(self, applied: Any) -> dict[str, Any]:
        return {
            "id": applied.amendment_id,
            "kind": applied.kind,
            "summary": applied.summary,
            "in_effect_from": display.instant(applied.in_effect_from, self.zone),
            "announced": display.window(applied.announced, self.zone, local=self.local),
            "requested_by": ", ".join(self.parties.get(p, p) for p in applied.requested_by),
            "granted_by": ", ".join(self.parties.get(p, p) for p in applied.granted_by),
            "new_deadline": None if applied.new_deadline is None else display.window(applied.new_deadline, self.zone, local=self.local),
            "citations": [self.citation(c) for c in applied.citations],
        }

    def evidence(self, item: Evidence, obligation_id: str | None) -> dict[str, Any]:
        link = None
        if obligation_id is not None:
            found = next((lk for lk in self.view.linked(obligation_id, item.role) if lk.event.id == item.event_id), None)
            link = found.link if found is not None else None
        return {
            "id": item.event_id,
            "kind": item.kind,
            "role": item.role,
            "summary": item.summary,
            "occurred": display.window(item.occurred, self.zone, local=self.local),
            # words that mix a report's quoted words with ours are never put in quotation marks whole
            "occurred_text": display.report_says(item.occurred_text) if item.occurred_text else None,
            "reported": display.window(item.reported, self.zone, local=self.local),
            "place": item.place,
            "made_by": item.made_by,
            "rule": link.rule if link else None,
            "confidence": link.confidence if link else None,
            "note": link.note if link else None,
            "disputed_by": [self.parties.get(p, p) for p in item.disputed_by],
            "citations": [self.citation(c) for c in item.citations],
            # as known at the cut-off: a claim from a source published later is not shown (Evidence.discrepancies)
            "discrepancies": [self.discrepancy(d) for d in item.discrepancies],
        }

    def discrepancy(self, found: Disagreement) -> dict[str, Any]:
        claims = [{"value": value, "quote": cited.quote, "paraphrase": cited.paraphrase, "title": cited.title, "voice": cited.voice, "href": self.href(cited.url, cited.file)}
                  for value, cited in found.claims]
        return {"about": found.about, "note": found.note, "claims": claims}

    def citation(self, cited: Cited) -> dict[str, Any]:
        return {
            "source_id": cited.source_id,
            "title": cited.title,
            "publisher": cited.publisher,
            "published": None if cited.published is None else display.window(cited.published, self.zone, local=self.local),
            "where": cited.url or cited.file,
            "href": self.href(cited.url, cited.file),
            "quote": cited.quote,
            "paraphrase": cited.paraphrase,
            "voice": cited.voice,
            "note": cited.note,
            "read": cited.read.isoformat() if cited.read else None,
        }

    def href(self, url: str | None, file: str | None) -> str | None:
        """A link to a web source (http or https only); local copies are named, not linked.

        A report is sent to colleagues: a link to a file on this machine would
        not open on theirs, so a local copy is shown as its path, the same
        text on every machine.
        """
        if not url:
            return None
        try:
            return web_url(url, where="url")
        except UnsafeUrlError:
            return None  # refused at load; a source built in code without checks gets no link


def _version() -> str:
    try:
        return version("ceasefire")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


__all__ = ["render_report", "write_report"]
