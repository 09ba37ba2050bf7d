"""Helpers the laws share: answers reduced to comparable values, instants rewritten, and plain-calendar arithmetic.

Nothing here uses ceasefire's own time rules, so the laws check them instead
of repeating them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from typing import Any, overload
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from ceasefire import StatusReport, Tracker, Window
from ceasefire.results import ObligationStatus
from ceasefire.testing.strategies import ZONES

UTC = dt.timezone.utc


@overload
def utc(value: dt.datetime) -> dt.datetime: ...
@overload
def utc(value: None) -> None: ...
def utc(value: dt.datetime | None) -> dt.datetime | None:
    """The instant in UTC: comparing or adding to it never depends on the zone it was written in.

    Python adds a timedelta to an aware datetime on its wall clock, which
    across a clock change is not the same instant shift; in UTC it is.
    """
    if value is None:
        return None
    u = value.astimezone(UTC)
    # a plain datetime: pendulum drops a stdlib tzinfo when a timedelta is added
    return dt.datetime(u.year, u.month, u.day, u.hour, u.minute, u.second, u.microsecond, tzinfo=UTC)


def span_of(value: Window | None) -> tuple[dt.datetime | None, dt.datetime | None] | None:
    """A window as its two ends in UTC."""
    return None if value is None else (utc(value.earliest), utc(value.latest))


def answer(item: ObligationStatus) -> tuple[Any, ...]:
    """Everything an obligation's answer says, with every instant in UTC."""
    term = item.term
    return (
        item.status,
        span_of(item.deadline),
        span_of(item.original_deadline),
        tuple(e.event_id for e in item.evidence),
        tuple(e.event_id for e in item.breaches),
        tuple(a.amendment_id for a in item.amendments),
        None if term is None else (term.period_index, utc(term.period_start), utc(term.period_end), utc(term.notice_due), term.notice_event, utc(term.ends_at)),
        item.reasons,
        item.headline,
    )


def answers(report: StatusReport) -> dict[str, tuple[Any, ...]]:
    """Each obligation's answer keyed by its id, plus each point's rolled-up status."""
    found: dict[str, tuple[Any, ...]] = {o.obligation_id: answer(o) for o in report.obligations}
    found.update({f"point {p.number}": (p.status,) for p in report.points})
    return found


def statuses(report: StatusReport) -> dict[str, str]:
    """Just the status of each obligation, keyed by its id."""
    return {o.obligation_id: str(o.status) for o in report.obligations}


def rewritten(model: Any, rng: random.Random) -> Any:
    """The same model with every instant written in a zone picked by ``rng``; dates and zone names are left alone."""
    if isinstance(model, BaseModel):
        changes = {name: rewritten(getattr(model, name), rng) for name in type(model).model_fields}
        return model.model_copy(update=changes)
    if isinstance(model, list):
        return [rewritten(item, rng) for item in model]
    if isinstance(model, Window):
        return Window(elsewhere(model.earliest, rng), elsewhere(model.latest, rng))
    if isinstance(model, dt.datetime):
        return elsewhere(model, rng)
    return model


def written(model: Any) -> Any:
    """A model as plain values, each instant as its UTC instant and the offset it was written with.

    Round trips are compared this way, not with ``==``: Python calls two
    datetimes for the same instant in different zones unequal when one falls
    in an hour that a clock change repeats, even though nothing was lost.
    An exact window is written as one instant, so it keeps one offset.
    """
    if isinstance(model, BaseModel):
        return (type(model).__name__, {name: written(getattr(model, name)) for name in type(model).model_fields})
    if isinstance(model, list):
        return [written(item) for item in model]
    if isinstance(model, Window):
        if utc(model.earliest) == utc(model.latest):
            return ("exact", written(model.earliest))  # written as one instant, so with one offset
        return ("window", written(model.earliest), written(model.latest))
    if isinstance(model, dt.datetime):
        return (model.astimezone(UTC), model.utcoffset())
    return model


def elsewhere(value: dt.datetime, rng: random.Random) -> dt.datetime:
    """``value`` written in a zone picked by ``rng``, as a plain zoneinfo datetime."""
    return value.astimezone(ZoneInfo(rng.choice(ZONES)))


def end_of_day(day: dt.date, zone: str) -> dt.datetime:
    """The last microsecond of ``day`` in ``zone``, from the standard library alone (the later one if it repeats)."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=ZoneInfo(zone)).replace(fold=1)


def add_calendar(start: dt.datetime, zone: str, *, years: int = 0, months: int = 0, weeks: int = 0, days: int = 0) -> dt.datetime:
    """``start`` moved on by whole calendar units on the wall clock of ``zone``.

    Years and months move the date to the same day of the target month, or
    its last day when the month is shorter; weeks and days are added to that
    date; the wall-clock time is kept.
    """
    local = start.astimezone(ZoneInfo(zone))
    month_index = local.month - 1 + months + 12 * years
    year, month = local.year + month_index // 12, month_index % 12 + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    wall = local.replace(tzinfo=None, year=year, month=month, day=day) + dt.timedelta(weeks=weeks, days=days)
    return resolve(wall, zone)


def subtract_calendar(end: dt.datetime, zone: str, *, years: int = 0, months: int = 0, weeks: int = 0, days: int = 0) -> dt.datetime:
    """``end`` moved back by whole calendar units on the wall clock of ``zone``; see :func:`add_calendar`."""
    local = end.astimezone(ZoneInfo(zone))
    month_index = local.month - 1 - months - 12 * years
    year, month = local.year + month_index // 12, month_index % 12 + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    wall = local.replace(tzinfo=None, year=year, month=month, day=day) - dt.timedelta(weeks=weeks, days=days)
    return resolve(wall, zone)


def resolve(wall: dt.datetime, zone_name: str) -> dt.datetime:
    """The instant a wall-clock time names in ``zone``.

    A time that occurs twice is the later one; a time skipped by a clock
    change moves forward by the size of the gap.
    """
    zone = ZoneInfo(zone_name)
    later = wall.replace(tzinfo=zone, fold=1)
    earlier = wall.replace(tzinfo=zone, fold=0)
    if later.utcoffset() == earlier.utcoffset() or later.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall:
        return later
    return earlier.astimezone(UTC).astimezone(zone)


def tracker_answers(tracker: Tracker, when: Any, known_on: Any = None) -> dict[str, tuple[Any, ...]]:
    """:func:`answers` for ``tracker.status_on(when, known_on=known_on)``."""
    return answers(tracker.status_on(when, known_on=known_on))
