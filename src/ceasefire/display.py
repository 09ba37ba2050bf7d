"""How ceasefire shows times and statuses to people: short dates, windows, status colours.

The chart and the HTML report share these, so a status has the same colour in
both and a time is written the same way. Time-zone arithmetic is left to
:mod:`ceasefire.time`; this module only writes its results.
"""

from __future__ import annotations

import datetime as dt

from .results import Status
from .time import Window, end_of_day, in_zone, start_of_day

STATUS_COLOURS: dict[str, str] = {
    str(Status.NOT_YET_IN_FORCE): "#d9d9d9",
    str(Status.PENDING): "#9ecae1",
    str(Status.IN_PROGRESS): "#3182bd",
    str(Status.IN_FORCE): "#80cdc1",
    str(Status.COMPLIED): "#a1d99b",
    str(Status.HOLDING): "#d9f0a3",
    str(Status.FULFILLED): "#238b45",
    str(Status.FULFILLED_LATE): "#c7a545",
    str(Status.UNCERTAIN): "#fee391",
    str(Status.SUSPENDED): "#9e6fb0",
    str(Status.OVERDUE): "#f16913",
    str(Status.BREACHED): "#b30000",
    str(Status.ENDED): "#636363",
    str(Status.UNMONITORED): "#f7f7f7",
}
"""One colour per status, in the order a legend lists them (from not yet binding to over)."""


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (a ``#rrggbb`` colour)."""
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.299 * red + 0.587 * green + 0.114 * blue
    return "#000000" if luminance > 140 else "#ffffff"


def zone_name(value: dt.datetime) -> str:
    """The name of the zone ``value`` is written in: an IANA name, or its offset."""
    name = getattr(value.tzinfo, "name", None)
    return name if isinstance(name, str) and name else value.strftime("%z")


def instant(value: dt.datetime, zone: str) -> str:
    """``value`` in ``zone`` to the minute; the last instant of a day reads ``end of DATE``."""
    local = in_zone(value, zone)
    if local == end_of_day(local.date(), zone):
        return f"end of {local.date().isoformat()}"
    return local.strftime("%Y-%m-%d %H:%M")


def day_of(value: dt.datetime, zone: str) -> str:
    """The calendar date ``value`` falls on in ``zone``, as ISO 8601."""
    return in_zone(value, zone).date().isoformat()


def window(value: Window, zone: str) -> str:
    """A window for reading: whole days in their own zone, else both ends in ``zone``."""
    days = _whole_days(value)
    if days is not None:
        first, last, name = days
        span = first.isoformat() if first == last else f"{first.isoformat()} .. {last.isoformat()}"
        return span if name == zone else f"{span} ({name})"
    if value.is_exact:
        return instant(value.earliest, zone)
    return f"{instant(value.earliest, zone)} .. {instant(value.latest, zone)}"


def _whole_days(value: Window) -> tuple[dt.date, dt.date, str] | None:
    """The first and last day and the zone when ``value`` covers whole days of its own zone."""
    name = zone_name(value.earliest)
    if "/" not in name and name != "UTC":
        return None
    first = in_zone(value.earliest, name).date()
    last = in_zone(value.latest, name).date()
    if value.earliest == start_of_day(first, name) and value.latest == end_of_day(last, name):
        return first, last, name
    return None
