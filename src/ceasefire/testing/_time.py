"""Strategies for time values: zones, instants, dates, windows and spans."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import strategies as st

from .. import time as cftime
from ..time import Span, Window

T = TypeVar("T")
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


def zones(*, names: tuple[str, ...] = ZONES) -> st.SearchStrategy[str]:
    """IANA zone names from ``names``; shrinks toward the first, ``'UTC'`` by default."""
    return st.sampled_from(names)


def instants(
    *,
    min_value: dt.datetime = DEFAULT_MIN,
    max_value: dt.datetime = DEFAULT_MAX,
    timezones: st.SearchStrategy[str] | None = None,
    microseconds: bool = True,
) -> st.SearchStrategy[dt.datetime]:
    """Aware instants between ``min_value`` and ``max_value`` (both included), each written in a zone.

    The zone comes from ``timezones`` (any of :data:`ZONES` by default). Shrinks
    toward ``min_value`` with no microseconds, written in the simplest zone.
    """
    low, high = cftime.instant(min_value, where="min_value"), cftime.instant(max_value, where="max_value")
    if low > high:
        raise ValueError(f"min_value {low.isoformat()} is after max_value {high.isoformat()}")
    micros = _MICROS if microseconds else st.just(0)
    return drawn(_draw_public_instant, {"low": low, "high": high, "micros": micros, "zone_names": timezones if timezones is not None else zones()})


def _draw_public_instant(draw: st.DrawFn, *, low: dt.datetime, high: dt.datetime, micros: st.SearchStrategy[int],
                         zone_names: st.SearchStrategy[str]) -> dt.datetime:
    seconds = max(0, int((high - low).total_seconds()))
    return _place(low, high, draw_offset(draw, seconds), draw(micros), draw(zone_names))


def _place(low: dt.datetime, high: dt.datetime, seconds: int, micros: int, zone_name: str) -> dt.datetime:
    """The instant ``seconds`` and ``micros`` after ``low`` (at most ``high``), written in ``zone_name``."""
    return cftime.in_zone(min(low + dt.timedelta(seconds=seconds, microseconds=micros), high), zone_name)


def dates(*, min_value: dt.date = DEFAULT_MIN.date(), max_value: dt.date = DEFAULT_MAX.date()) -> st.SearchStrategy[dt.date]:
    """Calendar dates between ``min_value`` and ``max_value``; shrinks toward 1 January 2000 when in range."""
    return st.dates(min_value=min_value, max_value=max_value)


def windows(
    *,
    min_value: dt.datetime = DEFAULT_MIN,
    max_value: dt.datetime = DEFAULT_MAX,
    timezones: st.SearchStrategy[str] | None = None,
    max_width: dt.timedelta = dt.timedelta(days=3),
) -> st.SearchStrategy[Window]:
    """Uncertain windows inside ``[min_value, max_value]`` no wider than ``max_width``.

    Each end is written in its own zone. Shrinks toward an exact window at
    ``min_value``.
    """
    zone_names = timezones if timezones is not None else zones()
    starts = instants(min_value=min_value, max_value=max_value, timezones=zone_names)
    high = cftime.instant(max_value, where="max_value")
    widths = st.one_of(st.just(dt.timedelta(0)), _durations(max_width))
    return st.builds(functools.partial(_window, high), starts, widths, zone_names)


def _window(high: dt.datetime, start: dt.datetime, width: dt.timedelta, zone_name: str) -> Window:
    """The window from ``start`` lasting ``width`` (ending by ``high``), its end written in ``zone_name``."""
    return Window(start, cftime.in_zone(min(start + width, high), zone_name))


@st.composite
def drawn(draw: st.DrawFn, maker: Callable[..., T], options: dict[str, Any]) -> T:
    """Run ``maker(draw, **options)``: lets a public strategy share its drawing code with the others."""
    return maker(draw, **options)


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


def draw_window(draw: st.DrawFn, low: dt.datetime, high: dt.datetime, max_width: dt.timedelta) -> Window:
    """Draw a window starting in ``[low, high]`` at most ``max_width`` wide; shrinks toward exact at ``low``."""
    start = draw_instant(draw, low, high)
    width = draw(st.integers(0, max(0, int(max_width.total_seconds()) // 60)))
    return _window(max(high, start), start, dt.timedelta(minutes=width), draw(ZONE_NAMES))


def _durations(limit: dt.timedelta) -> st.SearchStrategy[dt.timedelta]:
    """Durations from zero to ``limit``, in whole minutes or exactly; shrinks toward zero."""
    whole = max(0, int(limit.total_seconds()))
    return st.one_of(
        st.integers(0, whole // 60).map(lambda m: dt.timedelta(minutes=m)),
        st.integers(0, whole).map(lambda s: dt.timedelta(seconds=s)),
    )


_SPAN_UNITS = ("days", "months", "years", "weeks", "hours", "minutes")
_SPAN_LETTERS = {"years": "Y", "months": "M", "weeks": "W", "days": "D", "hours": "H", "minutes": "M", "seconds": "S"}


def spans(*, units: tuple[str, ...] = _SPAN_UNITS, max_amount: int = 12) -> st.SearchStrategy[Span]:
    """Calendar lengths such as ``P1M``, ``P5Y`` or ``P1M15D`` built from ``units``.

    Each unit used gets an amount from 1 to ``max_amount``. Shrinks toward
    one of the first unit, ``P1D`` by default.
    """
    unknown = set(units) - set(_SPAN_LETTERS)
    if not units or unknown:
        raise ValueError(f"units must be a non-empty tuple drawn from {sorted(_SPAN_LETTERS)}; received {units!r}")
    parts = st.dictionaries(st.sampled_from(units), st.integers(1, max_amount), min_size=1, max_size=len(units))
    return parts.map(lambda found: Span.parse(span_text(found)))


def span_text(parts: dict[str, int]) -> str:
    """The ISO 8601 text of a span given by its parts, e.g. ``{'years': 5}`` gives ``'P5Y'``."""
    date = "".join(f"{parts[k]}{_SPAN_LETTERS[k]}" for k in ("years", "months", "weeks", "days") if parts.get(k))
    clock = "".join(f"{parts[k]}{_SPAN_LETTERS[k]}" for k in ("hours", "minutes", "seconds") if parts.get(k))
    return "P" + (date or ("" if clock else "0D")) + (f"T{clock}" if clock else "")
