"""Deadlines as an iCalendar (.ics) file, for any calendar program.

Each deadline in force at the instant asked about becomes one event. A
deadline "by" a date (the end of that day in the agreement's reference zone)
is an all-day event on that date; any other deadline is a timed event written
in the reference zone, with the zone's definition included. A deadline that
an amendment moved carries its history in the description, and the deadline
it replaced is kept as a cancelled event so calendars can show both. The
current period of a renewable term adds its notice date and its end.
"""

from __future__ import annotations

import datetime as dt

import icalendar

from ..engine import Tracker, When
from ..results import AppliedAmendment, ObligationStatus
from . import display
from ..time import Window, end_of_day, in_zone, local_date, moment

PRODID = "-//ceasefire//deadlines//EN"


def deadline_calendar(tracker: Tracker, on: When, *, known_on: When | None = None) -> icalendar.Calendar:
    """A calendar of every deadline in force at ``on``, as known on ``known_on``."""
    report = tracker.status_on(on, known_on=known_on)
    zone, local = report.zone, report.local_zone
    stamp = in_zone(moment(on, zone, where="on"), "UTC")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{report.agreement_id} deadlines")
    calendar.add("x-wr-timezone", zone)
    for item in report.obligations:
        for event in _events(item, zone, local, report.title, stamp):
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def _events(item: ObligationStatus, zone: str, local: str | None, title: str, stamp: dt.datetime) -> list[icalendar.Event]:
    if item.deadline is not None:
        text = _description(item, zone, local, title)
        events = [_event(item, item.deadline, zone, local, stamp, f"{item.obligation_id} due", text)]
        if item.original_deadline is not None and item.original_deadline != item.deadline:
            moved = _event(item, item.original_deadline, zone, local, stamp, f"{item.obligation_id} (moved) was due", text, suffix="original")
            moved.add("status", "CANCELLED")
            events.append(moved)
        return events
    if item.term is not None and item.term.ends_at is None:
        term, text = item.term, _description(item, zone, local, title)
        found = [_event(item, Window.exact(term.period_end), zone, local, stamp, f"{item.obligation_id} period {term.period_index + 1} ends", text, suffix="period-end")]
        if term.notice_due is not None:
            found.append(_event(item, Window.exact(term.notice_due), zone, local, stamp, f"{item.obligation_id} notice due", text, suffix="notice"))
        return found
    return []


def _event(item: ObligationStatus, due: Window, zone: str, local: str | None, stamp: dt.datetime, label: str, text: str, *, suffix: str = "deadline") -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{item.obligation_id}/{suffix}/{due.latest.isoformat()}@ceasefire")
    event.add("dtstamp", stamp)
    event.add("summary", f"{label}: {item.summary}")
    whole = _whole_day(due, zone, local)
    if whole is not None:
        day = whole[0]
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
    else:
        event.add("dtstart", in_zone(due.earliest, zone))
        event.add("dtend", in_zone(due.latest, zone))
    event.add("description", text)
    event.add("categories", [item.kind, str(item.status)])
    event.add("x-ceasefire-obligation", item.obligation_id)
    event.add("x-ceasefire-due", due.latest.isoformat())
    return event


def _whole_day(due: Window, zone: str, local: str | None) -> tuple[dt.date, str] | None:
    """The date and its zone, when ``due`` is exactly the end of one day in the reference ``zone``, or else in the ``local`` zone."""
    if not due.is_exact:
        return None
    for name in (zone, local):
        if name is not None:
            day = local_date(due.latest, name)
            if end_of_day(day, name) == due.latest:
                return day, name
    return None


def _when(due: Window | None, zone: str, local: str | None) -> str:
    if due is None:
        return "not yet fixed"
    whole = _whole_day(due, zone, local)
    if whole is not None:
        return f"by the end of {whole[0].isoformat()} in {whole[1]} ({due.latest.isoformat()})"
    if due.is_exact:
        return f"at {display.instant_named(in_zone(due.latest, zone), zone)} ({due.latest.isoformat()})"
    return f"at a time known only to lie within {display.window(due, zone, named=True, local=local)}"


def _description(item: ObligationStatus, zone: str, local: str | None, title: str) -> str:
    lines = [title, f"{item.obligation_id}: {item.summary}", f"Status: {item.headline} at {display.instant_named(in_zone(item.at, zone), zone)}."]
    if item.deadline is not None:
        lines.append(f"Due {_when(item.deadline, zone, local)}.")
    if item.original_deadline is not None and item.original_deadline != item.deadline:
        lines.append(f"History: first due {_when(item.original_deadline, zone, local)}.")
        lines += [_moved(a, zone, local) for a in item.amendments if a.new_deadline is not None]
    lines += [f"- {reason}" for reason in item.reasons]
    for cited in item.sources:
        quote = f": {cited.quoted()}" if cited.quote else ""  # a paraphrase is marked, never put in quotation marks
        lines.append(f"Source {cited.source_id} ({cited.url or cited.file or cited.title}){quote}")
    return "\n".join(lines)


def _moved(amendment: AppliedAmendment, zone: str, local: str | None) -> str:
    return (
        f"Moved by {amendment.amendment_id} ({amendment.summary}), announced {display.window(amendment.announced, zone, local=local)}, "
        f"in effect from {display.instant(amendment.in_effect_from, zone)}: now due {_when(amendment.new_deadline, zone, local)}."
    )
