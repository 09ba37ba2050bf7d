"""Time expressions in report text, resolved to whole days against the publication date.

Calendar-day arithmetic on plain dates happens here; every conversion of days
to instants (and so every time zone) goes through :mod:`ceasefire.time`.
Written dates ("25 November", "Nov. 25, 2020") are read by ``dateparser``;
what it does not do, or does differently from what a reader of news means,
follows our own rules:

* a weekday ("on Wednesday") is the latest such day on or before publication;
* "last week" is the whole calendar week (Monday to Sunday) before the
  publication's week; "this month" runs from its first day to publication;
* "N weeks ago" is N weeks before publication give or take three days, and
  "N months ago" give or take half a month (reporters round);
* "N days later" counts from the last day named before it in the text;
* "the night of 25 November" is the whole of that day, since usage differs
  on whether it is the night before or after;
* a date without a year takes the year that puts it nearest publication.

A publication known only as a window (25 or 26 November) resolves each
expression against its first and last day and keeps the span of both.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

import attrs
import yaml

from .. import time as cftime
from ..time import Window
from .patterns import PATTERNS_FILE

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = "|".join(_WEEKDAYS)


@attrs.frozen
class TimeMention:
    """A time expression in a text, where it is, and the days it can mean (both included)."""

    start: int
    end: int
    text: str
    first: dt.date
    last: dt.date
    rule: str

    @property
    def exact(self) -> bool:
        """True when the expression names one day."""
        return self.first == self.last

    def window(self, zone_name: str) -> Window:
        """The days as a window of instants in ``zone_name``."""
        return days_window(self.first, self.last, zone_name)


def days_window(first: dt.date, last: dt.date, zone_name: str) -> Window:
    """From the start of ``first`` to the end of ``last``, in ``zone_name``."""
    return Window(cftime.start_of_day(first, zone_name), cftime.end_of_day(last, zone_name))


def reference_days(published: Window, zone_name: str) -> tuple[dt.date, dt.date]:
    """The first and last calendar day of a publication window, in ``zone_name``."""
    return cftime.local_date(published.earliest, zone_name), cftime.local_date(published.latest, zone_name)


@functools.cache
def _grammar() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    numbers = "|".join([r"\d+", *sorted(data["numbers"], key=len, reverse=True)])
    rules = []
    for name, text in data["time_expressions"].items():
        text = text.replace("%MONTH%", _MONTH).replace("%WEEKDAY%", _WEEKDAY).replace("%NUMBER%", numbers)
        rules.append((name, re.compile(text, re.IGNORECASE)))
    return tuple(rules)


@functools.cache
def _numbers() -> dict[str, int]:
    data = yaml.safe_load(PATTERNS_FILE.read_text(encoding="utf-8"))
    return {str(k): int(v) for k, v in data["numbers"].items()}


def find_times(text: str, start: int, end: int, ref: tuple[dt.date, dt.date], anchor: dt.date | None) -> list[TimeMention]:
    """Every time expression in ``text[start:end]`` that can be resolved, longest first on overlaps."""
    candidates: list[TimeMention] = []
    for name, pattern in _grammar():
        for match in pattern.finditer(text, start, end):
            days = _resolve(name, match, ref, anchor)
            if days is not None:
                candidates.append(TimeMention(match.start(), match.end(), match.group(0), days[0], days[1], name))
    candidates.sort(key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[TimeMention] = []
    for mention in candidates:
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


Days = tuple[dt.date, dt.date]


def _resolve(name: str, match: re.Match[str], ref: Days, anchor: dt.date | None) -> Days | None:
    if name == "later":
        return _later(match, anchor)
    if name == "same_day":
        return (anchor, anchor) if anchor is not None else None
    resolver = _RESOLVERS[name]
    spans = [resolver(match, day) for day in dict.fromkeys(ref)]
    if any(s is None for s in spans):
        return None
    return min(s[0] for s in spans if s), max(s[1] for s in spans if s)


def _absolute(match: re.Match[str], ref: dt.date) -> Days | None:
    groups = match.groupdict()
    day, month, year = groups.get("day") or groups.get("day2"), groups.get("month") or groups.get("month2"), groups.get("year")
    if day is None or month is None:
        return None
    written = f"{int(day)} {month.rstrip('.')} {year or ref.year}"
    parsed = _parse(written, ref)
    if parsed is None:
        return None
    if year is None:
        parsed = min((_with_year(parsed, ref.year + k) for k in (-1, 0, 1)), key=lambda d: (abs((d - ref).days), d))
    return parsed, parsed


def _with_year(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return day.replace(year=year, day=28)


def _weekday(match: re.Match[str], ref: dt.date) -> Days:
    wanted = _WEEKDAYS.index(match["weekday"].lower())
    back = (ref.weekday() - wanted) % 7
    if match.group(0).lower().startswith(("last", "this past")) and back == 0:
        back = 7
    day = ref - dt.timedelta(days=back)
    return day, day


def _relative_day(match: re.Match[str], ref: dt.date) -> Days | None:
    word = match["word"].lower()
    if word in ("yesterday", "last night"):
        parsed = _parse("yesterday", ref)
        return (parsed, parsed) if parsed else None
    return ref, ref


def _ago(match: re.Match[str], ref: dt.date) -> Days | None:
    count = _count(match["number"])
    unit = match["unit"].lower()
    parsed = _parse(f"{count} {unit}s ago", ref)
    if parsed is None:
        return None
    slack = {"day": 0, "week": 3, "month": 15, "year": 182}[unit]
    return parsed - dt.timedelta(days=slack), parsed + dt.timedelta(days=slack)


def _later(match: re.Match[str], anchor: dt.date | None) -> Days | None:
    if anchor is None:
        return None
    count = _count(match["number"])
    if match["unit"].lower() == "day":
        day = anchor + dt.timedelta(days=count)
        return day, day
    middle = anchor + dt.timedelta(weeks=count)
    return middle - dt.timedelta(days=3), middle + dt.timedelta(days=3)


def _day_before(match: re.Match[str], ref: dt.date) -> Days:
    """"The night before", "the previous day": the day before ``ref``."""
    day = ref - dt.timedelta(days=1)
    return day, day


def _duration(match: re.Match[str], ref: dt.date) -> Days:
    """"For two days", "for almost 20 days": the days the state began, counted back from ``ref``.

    "For two days" on the 13th has lasted two whole days and less than three:
    it began on the 10th or the 11th. A hedged count ("almost", "over") is
    read a third of the count either way; weeks and months with the usual
    slack of "N weeks ago".
    """
    count = _count(match["number"])
    unit = match["unit"].lower()
    days = count * {"day": 1, "week": 7, "month": 30}[unit]
    if match["hedge"].strip() and match["hedge"].strip() not in ("the past", "the last"):
        slack = max(1, round(days / 3))
        return ref - dt.timedelta(days=days + slack), ref - dt.timedelta(days=max(days - slack, 0))
    if unit == "day":
        return ref - dt.timedelta(days=days + 1), ref - dt.timedelta(days=days)
    slack = {"week": 3, "month": 15}[unit]
    return ref - dt.timedelta(days=days + slack), ref - dt.timedelta(days=max(days - slack, 0))


def _calendar(match: re.Match[str], ref: dt.date) -> Days:
    which, unit = match["which"].lower(), match["unit"].lower()
    start = _start_of(unit, ref)
    if which in ("last", "the previous"):
        previous = _start_of(unit, start - dt.timedelta(days=1))
        return previous, start - dt.timedelta(days=1)
    if which == "the past":
        length = {"week": 7, "month": 31, "year": 366}[unit]
        return ref - dt.timedelta(days=length), ref
    if which == "later this":
        return ref, _end_of(unit, ref)
    return start, ref


def _start_of(unit: str, day: dt.date) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _end_of(unit: str, day: dt.date) -> dt.date:
    if unit == "week":
        return day + dt.timedelta(days=6 - day.weekday())
    if unit == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return day.replace(month=12, day=31)


def _part_of_month(match: re.Match[str], ref: dt.date) -> Days | None:
    parsed = _parse(f"1 {match['month'].rstrip('.')} {match['year'] or ref.year}", ref)
    if parsed is None:
        return None
    if match["year"] is None:
        parsed = min((_with_year(parsed, ref.year + k) for k in (-1, 0)), key=lambda d: abs((d - ref).days))
    last = _end_of("month", parsed)
    part = match["part"].lower()
    if part in ("early", "the beginning of", "the start of"):
        return parsed, parsed.replace(day=10)
    if part in ("mid", "the middle of"):
        return parsed.replace(day=11), parsed.replace(day=20)
    return parsed.replace(day=21), last


def _month(match: re.Match[str], ref: dt.date) -> Days | None:
    """A month named alone is the whole month; without a year, the latest one not after publication."""
    parsed = _parse(f"1 {match['month'].rstrip('.')} {match['year'] or ref.year}", ref)
    if parsed is None:
        return None
    if match["year"] is None and parsed > ref:
        parsed = _with_year(parsed, parsed.year - 1)
    return parsed, _end_of("month", parsed)


def _past_day(match: re.Match[str], ref: dt.date) -> Days:
    """"In the past 24 hours": the day before and the day itself (the reader adjusts it to a report date)."""
    return ref - dt.timedelta(days=1), ref


def _weekend(match: re.Match[str], ref: dt.date) -> Days:
    """The latest Saturday and Sunday not after ``ref`` (a weekend in progress counts up to ``ref``)."""
    saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
    return saturday, min(saturday + dt.timedelta(days=1), ref)


def _year(match: re.Match[str], ref: dt.date) -> Days:
    year = int(match["year"])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


_RESOLVERS: dict[str, Callable[[re.Match[str], dt.date], Days | None]] = {
    "night_of": _absolute,
    "absolute": _absolute,
    "weekday": _weekday,
    "relative_day": _relative_day,
    "ago": _ago,
    "calendar": _calendar,
    "part_of_month": _part_of_month,
    "year": _year,
    "month": _month,
    "past_day": _past_day,
    "weekend": _weekend,
    "day_before": _day_before,
    "duration": _duration,
}


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _numbers()[word.lower()]


@functools.lru_cache(maxsize=4096)
def _parse(expression: str, ref: dt.date) -> dt.date | None:
    """A calendar date from ``dateparser``, relative to the day ``ref``.

    dateparser takes its base as a datetime without a zone; it is used here
    for its calendar date only, and no instant leaves this function.
    """
    try:
        import dateparser  # type: ignore[import-untyped, unused-ignore]
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError("reading dates in report text needs dateparser: python -m pip install 'ceasefire[extract]'") from exc

    base = dt.datetime(ref.year, ref.month, ref.day, 12)
    settings: dict[str, Any] = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": [], "STRICT_PARSING": False}
    parsed = dateparser.parse(expression, languages=["en"], settings=settings)
    return parsed.date() if isinstance(parsed, dt.datetime) else None
