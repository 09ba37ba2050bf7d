"""Plain values built from status reports and timelines, for the export formats.

Documents (nested, for JSON) follow the schemas in ``docs/schemas/``; rows
(flat, for CSV and data frames) keep instants as aware datetimes and lists as
lists, and leave writing them out to :mod:`ceasefire.render.export`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..results import AppliedAmendment, BreachHistory, Cited, CoverageInfo, Evidence, Horizon, ObligationStatus, StatusReport, TermState
from ..time import Window, in_zone
from ..engine.timeline import Cause, Interval, Timeline


def iso(value: dt.datetime | None, zone: str | None = None) -> str | None:
    """An instant as ISO 8601 with its offset, written in ``zone`` when given."""
    if value is None:
        return None
    return (in_zone(value, zone) if zone else value).isoformat()


def window(value: Window | None) -> dict[str, str] | None:
    """A window as ``{"earliest", "latest"}``; both ends the same for an exact time."""
    if value is None:
        return None
    return {"earliest": value.earliest.isoformat(), "latest": value.latest.isoformat()}


def cited(value: Cited) -> dict[str, Any]:
    """One citation: the source and the words relied on."""
    return {
        "source_id": value.source_id,
        "title": value.title,
        "publisher": value.publisher,
        "published": window(value.published),
        "url": value.url,
        "file": value.file,
        "quote": value.quote,
        "paraphrase": value.paraphrase,
        "note": value.note,
        "read": value.read.isoformat() if value.read else None,
        "kind": value.kind,
        "speaks_for": value.speaks_for,
    }


def evidence(value: Evidence) -> dict[str, Any]:
    """One counted event with its citations."""
    return {
        "event_id": value.event_id,
        "kind": value.kind,
        "role": value.role,
        "summary": value.summary,
        "occurred": window(value.occurred),
        "occurred_text": value.occurred_text,
        "reported": window(value.reported),
        "place": value.place,
        "made_by": value.made_by,
        "quantities": [{"name": n, "value": v, "qualifier": q} for n, v, q in value.quantities],
        "disputed_by": list(value.disputed_by),
        "sources": [cited(c) for c in value.citations],
        "until": window(value.until),
        "ongoing": value.ongoing,
        "link_note": value.link_note,
        "confidence": value.confidence,
        "discrepancies": [{"about": d.about, "note": d.note, "claims": [{"value": v, "source": cited(c)} for v, c in d.claims]} for d in value.discrepancies],
    }


def horizon(value: Horizon | None, zone: str) -> dict[str, Any] | None:
    """Where the evidence ends for an unmonitored status, and the last status it supported."""
    if value is None:
        return None
    return {
        "evidence_ends": iso(value.evidence_ends, zone),
        "last_known": str(value.last_known) if value.last_known else None,
        "inferred": value.inferred,
    }


def breach_history(value: BreachHistory | None, zone: str) -> dict[str, Any] | None:
    """A standing obligation's known breaches to date."""
    if value is None:
        return None
    return {
        "count": value.count,
        "first_id": value.first_id,
        "first": window(value.first),
        "latest_id": value.latest_id,
        "latest": window(value.latest),
        "disputed_by": list(value.disputed_by),
        "holding_since": iso(value.holding_since, zone),
        "ongoing": value.ongoing,
        "latest_until": iso(value.latest_until, zone),
        "latest_ongoing": value.latest_ongoing,
    }


def coverage(value: CoverageInfo, zone: str) -> dict[str, Any]:
    """What one loaded log watches."""
    return {
        "name": value.name,
        "start": iso(value.start, zone),
        "end": iso(value.end, zone),
        "obligations": list(value.obligations) if value.obligations is not None else None,
        "inferred": value.inferred,
        "note": value.note,
    }


def amendment(value: AppliedAmendment) -> dict[str, Any]:
    """One amendment in effect, with its citations."""
    return {
        "amendment_id": value.amendment_id,
        "kind": value.kind,
        "summary": value.summary,
        "agreed": window(value.agreed),
        "announced": window(value.announced),
        "in_effect_from": iso(value.in_effect_from),
        "requested_by": list(value.requested_by),
        "granted_by": list(value.granted_by),
        "new_deadline": window(value.new_deadline),
        "sources": [cited(c) for c in value.citations],
    }


def term(value: TermState | None) -> dict[str, Any] | None:
    """Where a renewable term stood."""
    if value is None:
        return None
    return {
        "period_index": value.period_index,
        "period_start": iso(value.period_start),
        "period_end": iso(value.period_end),
        "notice_due": iso(value.notice_due),
        "notice_event": value.notice_event,
        "ends_at": iso(value.ends_at),
    }


def obligation(value: ObligationStatus, zone: str) -> dict[str, Any]:
    """One obligation's status with every reason and piece of evidence."""
    return {
        "obligation_id": value.obligation_id,
        "point": value.point,
        "point_label": value.point_label,
        "kind": value.kind,
        "summary": value.summary,
        "bearers": list(value.bearers),
        "status": str(value.status),
        "headline": value.headline,
        "asked_from": iso(value.asked_from, zone),
        "horizon": horizon(value.horizon, zone),
        "breach_history": breach_history(value.breach_history, zone),
        "ended_by": value.ended_by,
        "waits_on": value.waits_on,
        "breached_by": None if value.breached_by is None else {"event_id": value.breached_by.event_id, "occurred": window(value.breached_by.occurred),
                                                               "until": iso(value.breached_by.until, zone), "ongoing": value.breached_by.ongoing},
        "uncertain_by": None if value.uncertain_by is None else {"event_id": value.uncertain_by[0], "within": window(value.uncertain_by[1])},
        "setback": None if value.setback is None else {"event_id": value.setback[0], "occurred": window(value.setback[1])},
        "effective": iso(value.effective, zone),
        "deadline": window(value.deadline),
        "original_deadline": window(value.original_deadline),
        "amendments": [amendment(a) for a in value.amendments],
        "evidence": [evidence(e) for e in value.evidence],
        "breaches": [evidence(e) for e in value.breaches],
        "context": [evidence(e) for e in value.context],
        "answerable": list(value.answerable),
        "stalled_since": iso(value.stalled_since, zone),
        "proposals": list(value.proposals),
        "quantities": [{"name": q.name, "value": q.value, "qualifier": q.qualifier, "text": q.text, "event_id": q.event_id, "target": q.target} for q in value.quantities],
        "term": term(value.term),
        "disputed_by": list(value.disputed_by),
        "added_by": value.added_by,
        "reasons": list(value.reasons),
        "sources": [cited(c) for c in value.sources],
    }


def status_document(report: StatusReport) -> dict[str, Any]:
    """A status report as nested plain values (schema ``ceasefire.status/2``, without the name)."""
    zone = report.zone
    return {
        "agreement_id": report.agreement_id,
        "title": report.title,
        "zone": zone,
        "at": iso(report.at, zone),
        "asked_from": iso(report.asked_from, zone),
        "known_on": iso(report.known_on, zone),
        "evidence_ends": iso(report.evidence_ends, zone),
        "coverage": [coverage(c, zone) for c in report.coverage],
        "agreement_end": report.agreement_end,
        "points": [{"number": p.number, "label": p.label, "summary": p.summary, "status": str(p.status), "obligations": [o.obligation_id for o in p.obligations]} for p in report.points],
        "obligations": [obligation(o, zone) for o in report.obligations],
    }


def cause(value: Cause, zone: str) -> dict[str, Any]:
    """What started an interval."""
    return {
        "kind": value.kind,
        "at": iso(value.at, zone),
        "ref": value.ref,
        "side": value.side,
        "edge": value.edge,
        "description": value.description,
        "sources": list(value.sources),
    }


def interval(value: Interval, zone: str) -> dict[str, Any]:
    """One interval of a timeline."""
    return {
        "obligation_id": value.obligation_id,
        "status": str(value.status),
        "start": iso(value.start, zone),
        "start_inclusive": value.start_inclusive,
        "end": iso(value.end, zone),
        "end_inclusive": value.end_inclusive,
        "deadline": window(value.deadline),
        "cause": cause(value.cause, zone),
        "evidence_ids": list(value.evidence_ids),
        "source_ids": list(value.source_ids),
        "reasons": list(value.state.reasons),
    }


def timeline_document(line: Timeline) -> dict[str, Any]:
    """A timeline as nested plain values (schema ``ceasefire.timeline/2``, without the name)."""
    zone = line.zone
    return {
        "agreement_id": line.agreement_id,
        "zone": zone,
        "start": iso(line.start, zone),
        "end": iso(line.end, zone),
        "known_on": iso(line.known_on, zone),
        "intervals": [interval(i, zone) for i in line.intervals],
    }


def status_rows(report: StatusReport) -> list[dict[str, Any]]:
    """One flat row per obligation."""
    return [
        {
            "agreement_id": report.agreement_id,
            "at": report.at,
            "known_on": report.known_on,
            "point": o.point,
            "obligation_id": o.obligation_id,
            "kind": o.kind,
            "status": str(o.status),
            "headline": o.headline,  # the line a reader prints, with where the watching ended and past breaches
            "evidence_ends": o.horizon.evidence_ends if o.horizon else None,
            "last_known": str(o.horizon.last_known) if o.horizon and o.horizon.last_known else None,
            "breach_count": o.breach_history.count if o.breach_history else None,
            "deadline_earliest": o.deadline.earliest if o.deadline else None,
            "deadline_latest": o.deadline.latest if o.deadline else None,
            "original_deadline_latest": o.original_deadline.latest if o.original_deadline else None,
            "amendment_ids": [a.amendment_id for a in o.amendments],
            "evidence_ids": [e.event_id for e in o.evidence],
            "breach_ids": [e.event_id for e in o.breaches],
            "source_ids": list(dict.fromkeys(c.source_id for c in o.sources)),
            "reasons": list(o.reasons),
        }
        for o in report.obligations
    ]


def timeline_rows(line: Timeline) -> list[dict[str, Any]]:
    """One flat row per interval."""
    return [
        {
            "agreement_id": line.agreement_id,
            "known_on": line.known_on,
            "obligation_id": i.obligation_id,
            "status": str(i.status),
            "start": i.start,
            "start_inclusive": i.start_inclusive,
            "end": i.end,
            "end_inclusive": i.end_inclusive,
            "deadline_earliest": i.deadline.earliest if i.deadline else None,
            "deadline_latest": i.deadline.latest if i.deadline else None,
            "cause_kind": i.cause.kind,
            "cause_ref": i.cause.ref,
            "cause_at": i.cause.at,
            "cause_description": i.cause.description,
            "evidence_ids": list(i.evidence_ids),
            "source_ids": list(i.source_ids),
        }
        for i in line.intervals
    ]
