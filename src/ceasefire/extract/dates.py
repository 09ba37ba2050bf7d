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


def find_times(text: str, start: int, end: int, ref: tuple[dt.date, dt.date], anchor: dt.date | None, period: tuple[dt.date, dt.date] | None = None) -> list[TimeMention]:
    """Every time expression in ``text[start:end]`` that can be resolved, longest first on overlaps.

    The expressions are read in two steps, as a small grammar: first the
    *atoms* of ``patterns.yaml`` (a date, a weekday, a month, a year, "last
    month", "three days ago", "during the reported period", which is the
    ``period`` last named), then the ways atoms combine (see
    :func:`compose`): a *range* between two days ("from 15 to 20 August",
    "August 20-21", "between 3 and 5 May") and a *part* of a period ("late last
    month", "early this year", "the end of last week", "in late 2023").
    """
    candidates: list[TimeMention] = []
    relative: list[tuple[str, re.Match[str]]] = []
    for name, pattern in _grammar():
        for match in pattern.finditer(text, start, end):
            if name in _ANCHORED:
                relative.append((name, match))
                continue
            days = period if name == "same_period" else _resolve(name, match, ref, anchor)
            if days is not None:
                candidates.append(TimeMention(match.start(), match.end(), match.group(0), days[0], days[1], name))
    # "N days later", "a day earlier", "the next day" count from the day named last before them: in the same
    # sentence if it names one ("entered on November 20 after the troops left a day earlier"), else in the report
    for name, match in relative:
        before = [c for c in candidates if c.end <= match.start() and c.first == c.last and c.rule not in _ANCHORED]
        here = max(before, key=lambda c: c.end).first if before else anchor
        days = _resolve(name, match, ref, here)
        if days is not None:
            candidates.append(TimeMention(match.start(), match.end(), match.group(0), days[0], days[1], name))
    candidates.sort(key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[TimeMention] = []
    for mention in candidates:
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    return compose(text, sorted(chosen, key=lambda m: m.start), start, end, ref)


# the expressions counted from the day last named ("three days later", "the next day", "a day earlier", "the same day")
_ANCHORED = frozenset({"later", "next_day", "earlier", "same_day"})


# ------------------------------------------------------------------ how atoms combine

_LINK = r"(?:-|–|—|to|until|till|through)"
_DAY_NUMBER = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
# a bare day number before a date: "15 to 20 August", "20-21 August", "between 3 and 5 May"
_DAY_BEFORE = re.compile(rf"(?:\b(?P<lead>from|between)\s+)?\b{_DAY_NUMBER}\s*(?P<link>{_LINK}|and)\s*$", re.IGNORECASE)
# a bare day number after a date: "August 20-21", "from August 15 to 20"
_DAY_AFTER = re.compile(rf"\s*(?P<link>{_LINK}|and)\s*{_DAY_NUMBER}\b(?!\s*(?:[%:.,]\d|\d|{_MONTH}))", re.IGNORECASE)
# a second range of the same month after a first: "August 20-21 and 21-22"
_NEXT_RANGE = re.compile(r"(?:\s*,\s*|\s+and\s+)(?P<a>\d{1,2})\s*[-–]\s*(?P<b>\d{1,2})\b(?!\s*(?:[%:.,]\d|\d))", re.IGNORECASE)
_BETWEEN_DATES = re.compile(rf"^\s*(?P<link>{_LINK}|and)\s*$", re.IGNORECASE)
_LEAD = re.compile(r"\b(?P<lead>from|between)\s+$", re.IGNORECASE)
# a part of a period: "late last month", "early this year", "the end of last week", "in late 2023"
_PART = re.compile(r"(?:\b(?:in|at|by|towards?)\s+)?(?:the\s+)?\b(?P<part>early|mid|late|end of|beginning of|middle of|start of|first half of|second half of)[\s-]+$", re.IGNORECASE)
_BARE_YEAR = re.compile(r"(?:19|20)\d{2}\b")
_PERIODS = ("calendar", "month", "year")


def compose(text: str, atoms: list[TimeMention], start: int, end: int, ref: tuple[dt.date, dt.date]) -> list[TimeMention]:
    """Atoms combined by the grammar's two rules: ranges of days, and parts of periods.

    * **range**: two dates joined by "-", "to", "until", "through" (or "and"
      after "between"), or a bare day number on either side of a date, which
      takes the date's month and year ("15 to 20 August", "August 20-21"); a
      second bare range after a first takes its month ("August 20-21 and
      21-22"). The range runs from the first day to the last.
    * **part**: "early", "mid", "late", "the beginning/middle/end of", "the
      first/second half of" before a period (a month, a year, "last month",
      "this week"), or before a bare year after such a word ("late 2023"):
      the period's first, middle or last third (for a month the 1st-10th,
      11th-20th, 21st-end; for a year January-April, May-August,
      September-December), or half.
    """
    out = list(atoms)
    out = _ranges(text, out, start, end)
    out = _parts(text, out, start, end, ref)
    return sorted(out, key=lambda m: m.start)


def _ranges(text: str, atoms: list[TimeMention], start: int, end: int) -> list[TimeMention]:
    out: list[TimeMention] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if a.rule != "absolute":
            out.append(a)
            i += 1
            continue
        lead = _LEAD.search(text, max(start, a.start - 12), a.start)
        joined = _BETWEEN_DATES.match(text[a.end : b.start]) if b is not None and b.rule == "absolute" else None
        if b is not None and joined and (joined["link"].casefold() != "and" or lead and lead["lead"].casefold() == "between") and a.first <= b.last:
            begin = lead.start() if lead else a.start
            out.append(_range(text, begin, b.end, a.first, b.last))
            i += 2
            continue
        before = _DAY_BEFORE.search(text, max(start, a.start - 24), a.start)
        if before and a.text[:1].isdigit() and _fits(before, a.first, later=False):
            begin = before.start()
            first = _on_day(a.first, int(before["d"]))
            out.append(_range(text, begin, a.end, first, a.last))
            i += 1
            continue
        after = _DAY_AFTER.match(text, a.end, end)
        if after and not a.text[:1].isdigit() and _fits(after, a.first, later=True, lead=lead):
            begin = lead.start() if lead else a.start
            made = _range(text, begin, after.end(), a.first, _on_day(a.first, int(after["d"])))
            out.append(made)
            nxt = _NEXT_RANGE.match(text, made.end, end)
            if nxt and int(nxt["a"]) <= int(nxt["b"]) and _valid_day(a.first, int(nxt["b"])):
                at = nxt.start("a")
                out.append(_range(text, at, nxt.end(), _on_day(a.first, int(nxt["a"])), _on_day(a.first, int(nxt["b"]))))
            i += 1
            continue
        out.append(a)
        i += 1
    return out


def _fits(match: re.Match[str], day: dt.date, later: bool, lead: re.Match[str] | None = None) -> bool:
    """A bare day number that can end (or begin) a range with ``day``: in its month, on the right side of it,
    and joined by "and" only after "between"."""
    number = int(match["d"])
    if not _valid_day(day, number):
        return False
    if match["link"].casefold() == "and":
        opener = match.groupdict().get("lead") or (lead["lead"] if lead else None)
        if (opener or "").casefold() != "between":
            return False
    return number > day.day if later else number < day.day


def _valid_day(day: dt.date, number: int) -> bool:
    return 1 <= number <= _end_of("month", day).day


def _on_day(day: dt.date, number: int) -> dt.date:
    return day.replace(day=number)


def _range(text: str, begin: int, finish: int, first: dt.date, last: dt.date) -> TimeMention:
    return TimeMention(begin, finish, text[begin:finish], first, last, "range")


def _parts(text: str, atoms: list[TimeMention], start: int, end: int, ref: tuple[dt.date, dt.date]) -> list[TimeMention]:
    out: list[TimeMention] = []
    taken = [(a.start, a.end) for a in atoms]
    for a in atoms:
        part = _PART.search(text, max(start, a.start - 40), a.start) if a.rule in _PERIODS else None
        period = _period(a, ref[-1]) if part else None
        if part is None or period is None:
            out.append(a)
            continue
        first, last = _third(part["part"].casefold(), *period)
        if a.rule == "calendar":
            last = min(last, ref[-1])
        if first <= last:
            out.append(TimeMention(part.start(), a.end, text[part.start() : a.end], first, last, "part"))
        else:
            out.append(a)
    # a bare year after a part word ("in late 2023"), which no atom reads alone
    for year in _BARE_YEAR.finditer(text, start, end):
        if any(a <= year.start() < b for a, b in taken):
            continue
        part = _PART.search(text, max(start, year.start() - 40), year.start())
        if part is None:
            continue
        number = int(year.group(0))
        first, last = _third(part["part"].casefold(), dt.date(number, 1, 1), dt.date(number, 12, 31))
        out.append(TimeMention(part.start(), year.end(), text[part.start() : year.end()], first, last, "part"))
    return out


def _period(atom: TimeMention, ref: dt.date) -> tuple[dt.date, dt.date] | None:
    """The whole period an atom names ("this month" is all of the month, not up to publication)."""
    if atom.rule == "calendar":
        unit = atom.text.split()[-1].casefold()
        if unit not in ("week", "month", "year"):
            return None
        return _start_of(unit, atom.first), _end_of(unit, atom.first)
    return atom.first, atom.last


def _third(part: str, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The part of the period ``first``-``last`` that ``part`` names."""
    if first.day == 1 and last == _end_of("month", first) and first.month == last.month:
        bounds = {"early": (1, 10), "beginning of": (1, 10), "start of": (1, 10), "mid": (11, 20), "middle of": (11, 20), "first half of": (1, 15), "second half of": (16, last.day)}
        low, high = bounds.get(part, (21, last.day))
        return first.replace(day=low), first.replace(day=high)
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        months = {"early": (1, 4), "beginning of": (1, 4), "start of": (1, 4), "mid": (5, 8), "middle of": (5, 8), "first half of": (1, 6), "second half of": (7, 12)}
        low, high = months.get(part, (9, 12))
        return dt.date(first.year, low, 1), _end_of("month", dt.date(first.year, high, 1))
    length = (last - first).days + 1
    third = max(1, -(-length // 3))
    if part in ("early", "beginning of", "start of"):
        return first, first + dt.timedelta(days=third - 1)
    if part in ("mid", "middle of"):
        return first + dt.timedelta(days=third), last - dt.timedelta(days=third)
    if part == "first half of":
        return first, first + dt.timedelta(days=length // 2 - 1)
    if part == "second half of":
        return first + dt.timedelta(days=length // 2), last
    return last - dt.timedelta(days=third - 1), last


Days = tuple[dt.date, dt.date]


def _resolve(name: str, match: re.Match[str], ref: Days, anchor: dt.date | None) -> Days | None:
    if name == "later":
        return _later(match, anchor)
    if name == "next_day":
        return (anchor + dt.timedelta(days=1),) * 2 if anchor is not None else None
    if name == "earlier":
        if anchor is None:
            return None
        back = anchor - dt.timedelta(days=_count(match["number"]) * (7 if match["unit"].lower() == "week" else 1))
        return (back, back) if match["unit"].lower() == "day" else (back - dt.timedelta(days=3), back + dt.timedelta(days=3))
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
    if word == "overnight":
        return ref - dt.timedelta(days=1), ref
    return ref, ref


def _ago(match: re.Match[str], ref: dt.date) -> Days | None:
    count = _count(match["number"])
    unit = match["unit"].lower()
    parsed = _parse(f"{count} {unit}s ago", ref)
    if parsed is None:
        return None
    slack = {"day": 0, "week": 3, "month": 15, "year": 182}[unit]
    return parsed - dt.timedelta(days=slack), parsed + dt.timedelta(days=slack)


def _few_ago(match: re.Match[str], ref: dt.date) -> Days:
    """ "A few days ago", "several weeks ago": an unstated small count, two to seven days (two to five weeks) before ``ref``."""
    if match["unit"].lower() == "week":
        return ref - dt.timedelta(weeks=5), ref - dt.timedelta(weeks=2)
    return ref - dt.timedelta(days=7), ref - dt.timedelta(days=2)


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
    """ "The night before", "the previous day": the day before ``ref``."""
    day = ref - dt.timedelta(days=1)
    return day, day


def _duration(match: re.Match[str], ref: dt.date) -> Days:
    """ "For two days", "for almost 20 days": the days the state began, counted back from ``ref``.

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
    if which == "earlier this" and ref > start:
        # (since part 10) "earlier this month" is before the day of the report: a report of Sunday's release that
        # says another came "earlier this month" tells two releases
        return start, ref - dt.timedelta(days=1)
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
    """ "In the past 24 hours": the day before and the day itself (the reader adjusts it to a report date)."""
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
    "few_ago": _few_ago,
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
