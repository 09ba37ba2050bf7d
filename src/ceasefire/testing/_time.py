"""Strategies for time values: zones, instants, dates, windows and spans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from hypothesis import strategies as st

from .. import time as cftime
from ..time import Span, Window
from ._api import (
    StrategyArgumentError,
    check_bounds,
    check_choices,
    check_duration,
    check_size,
    check_type,
    check_zone_name,
    check_zones,
    defines_strategy,
    fail,
    show,
)

UTC = dt.timezone.utc
DEFAULT_MIN = dt.datetime(2000, 1, 1, tzinfo=UTC)
DEFAULT_MAX = dt.datetime(2040, 12, 31, 23, 59, 59, tzinfo=UTC)

ZONES: tuple[str, ...] = (
    "UTC",
    "Europe/Moscow",
    "Asia/Baku",
    "Asia/Yerevan",
    "America/New_York",
    "Europe/London",
    "Australia/Sydney",
    "America/Santiago",
    "Asia/Kathmandu",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "Australia/Lord_Howe",
    "Australia/Eucla",
    "America/St_Johns",
    "Pacific/Kiritimati",
    "Etc/GMT+12",
    "Asia/Tehran",
    "America/Havana",
)
"""Zones the strategies write instants in, simplest first.

Among them: zones with daylight saving time in either hemisphere, half-hour
DST (Lord Howe), odd offsets (+05:45 Kathmandu, +08:45 Eucla, +12:45/+13:45
Chatham, -03:30 St John's), the extremes of the clock (-12:00, +14:00), and
zones that change their clocks at midnight (Santiago, Havana).
"""

DST_ZONES: tuple[str, ...] = (
    "America/New_York",
    "Europe/London",
    "Australia/Sydney",
    "America/Santiago",
    "Pacific/Chatham",
    "Australia/Lord_Howe",
    "America/St_Johns",
    "America/Havana",
)
"""The zones of :data:`ZONES` that change their clocks at least once a year."""


@defines_strategy(lambda draw, names: draw(st.sampled_from(names)))
def zones(*, names: Sequence[str] = ZONES) -> st.SearchStrategy[str]:
    """IANA zone names from ``names``; shrinks toward the first, ``'UTC'`` by default.

    Every strategy that takes ``timezones=`` accepts these, or tzinfo objects
    such as hypothesis's own ``st.timezones()``.
    """
    if isinstance(names, (str, bytes)) or not isinstance(names, Iterable) or isinstance(names, st.SearchStrategy):
        raise fail("names", names, "a list or tuple of IANA zone names, e.g. ('UTC', 'Asia/Baku')")
    found = tuple(check_zone_name(n, "names") for n in names)
    if not found:
        raise fail("names", names, "at least one IANA zone name")
    return {"names": found}


def _draw_public_instant(draw: st.DrawFn, *, low: dt.datetime, high: dt.datetime, micros: st.SearchStrategy[int],
                         zone_names: st.SearchStrategy[str]) -> dt.datetime:
    seconds = max(0, int((high - low).total_seconds()))
    return show(_place(low, high, draw_offset(draw, seconds), draw(micros), draw(zone_names)))


@defines_strategy(_draw_public_instant)
def instants(
    *,
    min_value: dt.datetime = DEFAULT_MIN,
    max_value: dt.datetime = DEFAULT_MAX,
    timezones: st.SearchStrategy[str] | st.SearchStrategy[dt.tzinfo] | None = None,
    microseconds: bool = True,
) -> st.SearchStrategy[dt.datetime]:
    """Aware instants between ``min_value`` and ``max_value`` (both included), each written in a zone.

    The zone comes from ``timezones``: a strategy of IANA names (such as
    :func:`zones`) or of tzinfo objects (such as ``st.timezones()``); any of
    :data:`ZONES` by default. Shrinks toward ``min_value`` with no
    microseconds, written in the simplest zone.
    """
    low, high = check_bounds(min_value, max_value)
    check_type(microseconds, bool, "microseconds", "True or False")
    return {"low": low, "high": high, "micros": _MICROS if microseconds else st.just(0), "zone_names": check_zones(timezones)}


def _place(low: dt.datetime, high: dt.datetime, seconds: int, micros: int, zone_name: str) -> dt.datetime:
    """The instant ``seconds`` and ``micros`` after ``low`` (at most ``high``), written in ``zone_name``."""
    return cftime.in_zone(min(low + dt.timedelta(seconds=seconds, microseconds=micros), high), zone_name)


@defines_strategy(lambda draw, first, last: draw(st.dates(min_value=first, max_value=last)))
def dates(*, min_value: dt.date = DEFAULT_MIN.date(), max_value: dt.date = DEFAULT_MAX.date()) -> st.SearchStrategy[dt.date]:
    """Calendar dates between ``min_value`` and ``max_value``; shrinks toward 1 January 2000 when in range."""
    for name, value in (("min_value", min_value), ("max_value", max_value)):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise fail(name, value, "a datetime.date, e.g. datetime.date(2020, 11, 10)")
    if min_value > max_value:
        raise StrategyArgumentError(f"min_value={min_value} is after max_value={max_value}: expected min_value <= max_value")
    return {"first": min_value, "last": max_value}


def _draw_public_window(draw: st.DrawFn, *, low: dt.datetime, high: dt.datetime, zone_names: st.SearchStrategy[str],
                        min_width: dt.timedelta, max_width: dt.timedelta) -> Window:
    start = _place(low, high, draw_offset(draw, max(0, int((high - low).total_seconds()))), draw(_MICROS), draw(zone_names))
    extra = draw(st.one_of(st.just(dt.timedelta(0)), _durations(max_width - min_width)))
    return show(_window(high + min_width, start, min_width + extra, draw(zone_names)))


@defines_strategy(_draw_public_window)
def windows(
    *,
    min_value: dt.datetime = DEFAULT_MIN,
    max_value: dt.datetime = DEFAULT_MAX,
    min_width: dt.timedelta = dt.timedelta(0),
    max_width: dt.timedelta = dt.timedelta(days=3),
    timezones: st.SearchStrategy[str] | st.SearchStrategy[dt.tzinfo] | None = None,
) -> st.SearchStrategy[Window]:
    """Uncertain windows inside ``[min_value, max_value]``, from ``min_width`` to ``max_width`` wide.

    Each end is written in its own zone from ``timezones`` (see
    :func:`instants`). Shrinks toward a window ``min_width`` wide (exact, by
    default) starting at ``min_value``.
    """
    low, high = check_bounds(min_value, max_value)
    narrowest, widest = check_duration(min_width, "min_width"), check_duration(max_width, "max_width")
    if narrowest > widest:
        raise StrategyArgumentError(f"min_width={narrowest} is more than max_width={widest}: expected min_width <= max_width")
    if high - low < narrowest:
        raise StrategyArgumentError(f"min_width={narrowest} does not fit between min_value={low.isoformat()} and max_value={high.isoformat()}")
    return {"low": low, "high": high - narrowest, "zone_names": check_zones(timezones), "min_width": narrowest, "max_width": widest}


def _window(high: dt.datetime, start: dt.datetime, width: dt.timedelta, zone_name: str) -> Window:
    """The window from ``start`` lasting ``width`` (ending by ``high``), its end written in ``zone_name``."""
    return Window(start, cftime.in_zone(min(start + width, high), zone_name))


ZONE_NAMES = st.sampled_from(ZONES)
_MICROS = st.one_of(st.just(0), st.integers(0, 999_999))


def draw_instant(draw: st.DrawFn, low: dt.datetime, high: dt.datetime, zone_names: st.SearchStrategy[str] = ZONE_NAMES) -> dt.datetime:
    """Draw an instant in ``[low, high]`` written in a zone; shrinks toward ``low``."""
    seconds = max(0, int((high - low).total_seconds()))
    return _place(low, high, draw_offset(draw, seconds), draw(_MICROS), draw(zone_names))


_DIGIT = st.integers(0, 255)


def draw_offset(draw: st.DrawFn, limit: int) -> int:
    """Draw a whole number from 0 to ``limit``: spread over the whole range, or (as hypothesis does) mostly small.

    Hypothesis favours small values in wide ranges, which would bunch
    instants at the start of theirs; half the draws are built from base-256
    digits instead, so they spread evenly. Shrinks toward 0.
    """
    if limit < 256 or not draw(st.booleans()):
        return draw(st.integers(0, limit))
    value, scale = 0, 1
    while scale <= limit:
        value, scale = value + draw(_DIGIT) * scale, scale * 256
    return value % (limit + 1)


def draw_window(draw: st.DrawFn, low: dt.datetime, high: dt.datetime, max_width: dt.timedelta, end_by: dt.datetime | None = None) -> Window:
    """Draw a window starting in ``[low, high]`` at most ``max_width`` wide (ending by ``end_by``); shrinks toward exact at ``low``."""
    start = draw_instant(draw, low, high)
    width = draw(st.integers(0, max(0, int(max_width.total_seconds()) // 60)))
    return _window(max(high, start) if end_by is None else max(end_by, start), start, dt.timedelta(minutes=width), draw(ZONE_NAMES))


def _durations(limit: dt.timedelta) -> st.SearchStrategy[dt.timedelta]:
    """Durations from zero to ``limit``, in whole minutes or exactly; shrinks toward zero."""
    whole = max(0, int(limit.total_seconds()))
    return st.one_of(
        st.integers(0, whole // 60).map(lambda m: dt.timedelta(minutes=m)),
        st.integers(0, whole).map(lambda s: dt.timedelta(seconds=s)),
    )


_SPAN_UNITS = ("days", "months", "years", "weeks", "hours", "minutes")
_SPAN_LETTERS = {"years": "Y", "months": "M", "weeks": "W", "days": "D", "hours": "H", "minutes": "M", "seconds": "S"}


def _draw_span(draw: st.DrawFn, *, units: tuple[str, ...], low: int, high: int) -> Span:
    found = draw(st.dictionaries(st.sampled_from(units), st.integers(low, high), min_size=1, max_size=len(units)))
    return Span.parse(span_text(found))


@defines_strategy(_draw_span)
def spans(*, min_amount: int = 1, max_amount: int = 12, units: Sequence[str] = _SPAN_UNITS) -> st.SearchStrategy[Span]:
    """Calendar lengths such as ``P1M``, ``P5Y`` or ``P1M15D`` built from ``units``.

    Each unit used gets an amount from ``min_amount`` (at least 1) to
    ``max_amount``. Shrinks toward ``min_amount`` of the first unit, ``P1D``
    by default.
    """
    low, high = check_size(min_amount, max_amount, "amount", floor=1)
    found = check_choices(units, tuple(_SPAN_LETTERS), "units")
    return {"units": tuple(dict.fromkeys(found)), "low": low, "high": high}


def span_text(parts: dict[str, int]) -> str:
    """The ISO 8601 text of a span given by its parts, e.g. ``{'years': 5}`` gives ``'P5Y'``."""
    date = "".join(f"{parts[k]}{_SPAN_LETTERS[k]}" for k in ("years", "months", "weeks", "days") if parts.get(k))
    clock = "".join(f"{parts[k]}{_SPAN_LETTERS[k]}" for k in ("hours", "minutes", "seconds") if parts.get(k))
    return "P" + (date or ("" if clock else "0D")) + (f"T{clock}" if clock else "")
