"""Time in ceasefire: instants, days in a zone, uncertain windows and spans.

This is the one module that does calendar and time-zone arithmetic; it is the
only user of pendulum. Its rules:

* An instant always has a zone or offset. A naive ``datetime`` or a datetime
  string without an offset is refused with :class:`NaiveDatetimeError`.
* A date means the whole of that day in a named zone. Asked "where did things
  stand on D", the answer is the state at the last instant of D in the
  agreement's reference zone.
* A reported time that is not known exactly is a :class:`Window`, the
  earliest and latest instants it can be. An exact instant is a window whose
  two ends are equal.
* A :class:`Span` ("P3Y", "P1M") is added in the reference zone's calendar, so
  "one month after 31 January" is the last day of February and a year after
  29 February is 28 February.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Any

import attrs
import pendulum

from .errors import InvalidTimeError, NaiveDatetimeError, Problem, WindowOrderError

_ZONED_DATE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})\[(?P<zone>[A-Za-z0-9_+\-/]+)\]$", re.ASCII)
_SPAN = re.compile(
    r"^P(?:(?P<years>\d{1,12})Y)?(?:(?P<months>\d{1,12})M)?(?:(?P<weeks>\d{1,12})W)?(?:(?P<days>\d{1,12})D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d{1,12})H)?(?:(?P<minutes>\d{1,12})M)?(?:(?P<seconds>\d{1,12})S)?)?$",
    re.ASCII,
)
_FAST_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:[0-5]\d)$", re.ASCII)
_DATE_SHAPE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])", re.ASCII)
_OFFSET = re.compile(r"[T ].*[+-](\d{2}):?(\d{2})(?::\d{2}(?:\.\d+)?)?$", re.ASCII)

EARLIEST_YEAR = 1000
LATEST_YEAR = 8999
MAX_SPAN_YEARS = 500
"""Instants and dates are accepted from year 1000 to 8999 and spans up to 500 years, so that
every deadline, renewal and zone conversion the engine works out stays inside Python's years 1 to 9999."""
_EARLIEST = dt.datetime(EARLIEST_YEAR, 1, 1, tzinfo=dt.timezone.utc)
_LATEST = dt.datetime(LATEST_YEAR, 12, 31, 23, 59, 59, 999999, tzinfo=dt.timezone.utc)
_RANGE = f"between {EARLIEST_YEAR}-01-01 and {LATEST_YEAR}-12-31"
_YEAR_LENGTHS = {"years": 1, "months": 12, "weeks": 52, "days": 365, "hours": 8760, "minutes": 525_600, "seconds": 31_536_000}
_EXAMPLE_INSTANT = "'2020-11-10T00:00:00+03:00'"
FINER_THAN_MICROSECONDS = r"[T ]\d{2}:?\d{2}:?\d{2}[.,]\d{6}\d*[1-9]"
"""The pattern of a time of day whose fraction of a second has a non-zero digit past the sixth: a part of a microsecond,
which a Python instant cannot hold (trailing zeros, as some tools write seven digits, lose nothing and are accepted).
The bulk readers search their columns with it too."""
_FINER_THAN_MICROSECONDS = re.compile(FINER_THAN_MICROSECONDS)
_SECONDS_OFFSET = re.compile(r"T.*[+-]\d{2}:\d{2}:\d{2}(\.\d+)?$", re.ASCII)


@attrs.frozen
class Day:
    """One whole calendar day in a named zone: ``Day(date(2023, 9, 18), "Asia/Baku")``.

    A plain date asked about means its day in the agreement's reference
    zone; a ``Day`` names the zone itself, so a question can follow the
    calendar its evidence was dated in. Written as text it is
    ``2023-09-18[Asia/Baku]``, the form event files use for a day in a zone,
    and every function that takes a date also takes that string.
    """

    date: dt.date
    zone: str

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.date, dt.date) or isinstance(self.date, dt.datetime):
            raise InvalidTimeError(Problem("Day.date", _describe(self.date), "a calendar date, e.g. datetime.date(2023, 9, 18)"))
        check_date(self.date, where="Day.date")
        zone(self.zone, where="Day.zone")

    @property
    def start(self) -> dt.datetime:
        """The day's first instant, in its zone."""
        return start_of_day(self.date, self.zone)

    @property
    def end(self) -> dt.datetime:
        """The day's last instant (to the microsecond), in its zone."""
        return end_of_day(self.date, self.zone)

    def __str__(self) -> str:
        return f"{self.date.isoformat()}[{self.zone}]"


When = dt.date | dt.datetime | str | Day
"""What a caller may name a time by: a date (that whole day in the reference zone), a :class:`Day` (a whole day in
a zone it names), an aware datetime, or an ISO 8601 string of any of them (a day in a named zone as ``2023-09-18[Asia/Baku]``)."""

DATE_TEXT = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$", re.ASCII)
"""A string that writes a date alone, ``YYYY-MM-DD``."""


def day_asked(value: Any, reference_zone: str, *, where: str = "value") -> Day | None:
    """The whole day a question names, or None when it names an instant.

    A date (or ``YYYY-MM-DD``) is that day in ``reference_zone``; a
    :class:`Day` or ``YYYY-MM-DD[Zone/Name]`` is that day in its own zone.
    """
    if isinstance(value, Day):
        return value
    if isinstance(value, str):
        text = value.strip()
        found = _ZONED_DATE.match(text)
        if found:
            return Day(_calendar_date(found["date"], value, where), _zone_named(found["zone"], value, where))
        if text.endswith("]") and "[" in text:
            _refuse_non_ascii(text, where, repr(value))
            raise InvalidTimeError(Problem(where, repr(value), "a date with its zone in brackets, e.g. '2023-09-18[Asia/Baku]', or an instant with an offset, e.g. " + _EXAMPLE_INSTANT))
        value = _parse_iso(text, where=where)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Day(check_date(value, where=where), reference_zone)
    return None


def _zone_named(name: str, given: str, where: str) -> str:
    """``name`` itself when it names a zone; else an error that quotes the whole value ``given``."""
    try:
        _zone(name)
    except _MachineZone as why:
        raise InvalidTimeError(Problem(where, f"{given!r}, whose zone {name!r} is {why}", "an IANA zone name in the brackets, e.g. '2023-09-18[Asia/Baku]'")) from None
    except Exception:
        raise InvalidTimeError(Problem(where, f"{given!r}, whose zone {name!r} is not a known time zone", "an IANA zone name in the brackets, e.g. '2023-09-18[Asia/Baku]'")) from None
    return name


def check_instant(value: dt.datetime, *, where: str = "value") -> dt.datetime:
    """``value`` itself if it lies between years 1000 and 8999; else :class:`InvalidTimeError`.

    The one range check for instants: every instant that enters ceasefire
    (from files, datasets, Unix timestamps or a caller's question) passes here.
    """
    if not _EARLIEST <= value <= _LATEST:
        raise InvalidTimeError(Problem(where, f"the instant {value.isoformat()}", f"an instant {_RANGE}, e.g. {_EXAMPLE_INSTANT}"))
    return value


def check_date(day: dt.date, *, where: str = "value") -> dt.date:
    """``day`` itself if its year is 1000 to 8999; else :class:`InvalidTimeError` (the one range check for dates)."""
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise InvalidTimeError(Problem(where, f"the date {day.isoformat()}", f"a date {_RANGE}, e.g. '2020-11-16'"))
    return day


def zone(name: str, *, where: str = "zone") -> pendulum.Timezone | pendulum.FixedTimezone:
    """Return the time zone named ``name`` (an IANA name such as 'Europe/Moscow')."""
    try:
        return _zone(name)
    except _MachineZone as why:
        raise InvalidTimeError(Problem(where, f"{name!r}, {why}", "an IANA time zone name such as 'Europe/Moscow'")) from None
    except Exception:
        raise InvalidTimeError(
            Problem(where, repr(name), "an IANA time zone name such as 'Europe/Moscow'")
        ) from None


def _machine_zone(name: object) -> str | None:
    """Why ``name`` is a file of this machine's zone database rather than a place's time, or None.

    A Linux or macOS machine keeps its zone files in a folder that also
    holds ``localtime`` (the machine's own zone), ``posixrules``, and copies
    of every zone under ``posix/`` and ``right/`` (the latter counting leap
    seconds, so every instant is off by up to half a minute). A name that
    resolves only there gives different answers, or none, on another machine.
    """
    if not isinstance(name, str):
        return None
    if name == "localtime":
        return "the zone of the machine it is read on, which differs from machine to machine"
    if name == "posixrules":
        return "a file of the machine's zone database that it sets as it likes, not a place's time"
    head, _, rest = name.partition("/")
    if head == "right" and rest:
        return f"a copy of {rest!r} that counts leap seconds, which moves every instant by up to half a minute; write {rest!r}"
    if head == "posix" and rest:
        return f"a copy of {rest!r} that only some machines have; write {rest!r}"
    return None


@functools.lru_cache(maxsize=512)
def _zone(name: str) -> pendulum.Timezone | pendulum.FixedTimezone:
    """The zone object for ``name``, looked up once: reading a zone's rules costs far more than using them."""
    why = _machine_zone(name)
    if why is not None:
        raise _MachineZone(why)
    return pendulum.timezone(name)


class _MachineZone(ValueError):
    """A zone name that only this machine's zone folder resolves; the message says why it is refused."""


def instant(value: Any, *, where: str = "value") -> dt.datetime:
    """Read an aware instant from a ``datetime`` or an ISO 8601 string with an offset.

    A naive value raises :class:`NaiveDatetimeError`; a date alone is not an
    instant and raises :class:`InvalidTimeError` (use :func:`moment` for dates).
    """
    if isinstance(value, str):
        found = _INSTANTS.get(value)
        if found is None:
            found = _short_instant(value)
            if found is None:
                found = _instant(_parse_iso(value, where=where), where)
            if len(_INSTANTS) >= _TEXTS_KEPT:
                _INSTANTS.clear()
            _INSTANTS[value] = found
        return found
    return _instant(value, where)


_INSTANTS: dict[str, dt.datetime] = {}
"""Instants already read from text, by the text: a feed repeats its version stamps and times, and one object per
distinct text is enough (an instant cannot change once made). Only instants read without error are kept; the key is
the text itself, so two texts of one instant in different offsets stay two instants, each written as it was given."""


def forget_texts_read() -> None:
    """Let go of the instants and windows remembered by the text they were read from.

    A loader calls this when a file is read: the remembered texts share
    objects among the records of that file, and keeping them afterwards would
    hold a feed's time texts, and the instants of any records since dropped,
    for as long as the process runs.
    """
    _INSTANTS.clear()
    _WINDOWS.clear()


def _instant(value: Any, where: str) -> dt.datetime:
    """:func:`instant` of a value that is not text (text parsed already, or a datetime or anything else given)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise NaiveDatetimeError(
                Problem(
                    where,
                    f"the naive datetime {value.isoformat()!r}",
                    f"a datetime with a zone or offset, e.g. {_EXAMPLE_INSTANT}",
                )
            )
        nanoseconds = getattr(value, "nanosecond", 0)  # a pandas Timestamp holds nanoseconds past its microsecond
        if nanoseconds:
            raise InvalidTimeError(
                Problem(
                    where,
                    f"the {type(value).__name__} {value.isoformat()!r}, {nanoseconds} nanosecond{'' if nanoseconds == 1 else 's'} past a microsecond",
                    f"an instant to the microsecond (ceasefire counts in microseconds), e.g. {_EXAMPLE_INSTANT}",
                )
            )
        check_instant(value, where=where)
        return _as_pendulum(value)
    raise InvalidTimeError(
        Problem(where, _describe(value), f"an aware datetime or an ISO 8601 instant, e.g. {_EXAMPLE_INSTANT}")
    )


def _as_pendulum(value: dt.datetime) -> dt.datetime:
    """The aware, range-checked ``value`` as a pendulum instant; ``value`` itself when pendulum cannot hold its offset."""
    try:
        if type(value.tzinfo) is dt.timezone:  # a plain offset, as every ISO string gives
            return pendulum.DateTime(
                value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond,
                tzinfo=_offset_zone(value.tzinfo), fold=value.fold,
            )
        return pendulum.instance(value)
    except (ValueError, OverflowError):  # an offset pendulum cannot hold, e.g. one with seconds
        return value


def _short_instant(text: str) -> dt.datetime | None:
    """The instant ``text`` writes, when it has the usual shape and a year from 1001 to 8998; else None.

    The usual shape is ``YYYY-MM-DDTHH:MM``, optionally with seconds and a
    fraction, then ``Z`` or an offset ``+HH:MM``/``-HH:MM``: what feeds write.
    Such a text always carries an offset, so it is never naive, and an offset
    is less than a day, so a year from 1001 to 8998 keeps the instant inside
    years 1000 to 8999 whatever the offset: neither check is needed. Anything
    else, and any text the standard library refuses (a leap second, hour 24,
    an offset of 24 hours or more, a day not on the calendar), gives None, and
    the caller reads the text the general way, which refuses it as it always has.
    """
    if not _FAST_INSTANT.match(text) or not "1001" <= text[:4] <= "8998":
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return _as_pendulum(value)


@functools.lru_cache(maxsize=256)
def _offset_zone(offset: dt.timezone) -> pendulum.Timezone | pendulum.FixedTimezone:
    """pendulum's zone for a plain UTC offset, made once per offset: UTC itself for a zero offset named UTC."""
    if offset.tzname(None) == "UTC":
        return pendulum.UTC
    delta = offset.utcoffset(None)
    return pendulum.timezone(int(delta.total_seconds()))


def moment(value: Any, reference_zone: str, *, where: str = "value") -> dt.datetime:
    """Turn what a user asks about into one instant.

    A date (or an ISO date string) means the last instant of that day in
    ``reference_zone``; a :class:`Day` (or ``2023-09-18[Asia/Baku]``) the last
    instant of that day in its own zone; an aware datetime or ISO string with offset is taken
    as is; anything naive is refused.
    """
    day = day_asked(value, reference_zone, where=where)
    if day is not None:
        return day.end
    return instant(value, where=where)


@functools.lru_cache(maxsize=4096)  # the rules ask for the same few days at every instant they judge
def start_of_day(day: dt.date, zone_name: str) -> dt.datetime:
    """First instant of ``day`` in the zone ``zone_name``."""
    return pendulum.datetime(day.year, day.month, day.day, tz=zone(zone_name)).start_of("day")


@functools.lru_cache(maxsize=4096)
def end_of_day(day: dt.date, zone_name: str) -> dt.datetime:
    """Last instant (to the microsecond) of ``day`` in the zone ``zone_name``."""
    return pendulum.datetime(day.year, day.month, day.day, tz=zone(zone_name)).end_of("day")


def from_unix(seconds: Any, *, where: str = "timestamp") -> dt.datetime:
    """The instant ``seconds`` after 1970-01-01T00:00:00Z (a Unix timestamp), in UTC."""
    text = str(seconds).strip()
    expected = f"whole seconds since 1970-01-01 UTC, e.g. 1605744000, for an instant {_RANGE}"
    if not re.fullmatch(r"-?\d{1,12}", text, re.ASCII):
        raise InvalidTimeError(Problem(where, _describe(seconds), expected))
    value = int(text)
    if not _EARLIEST.timestamp() <= value <= _LATEST.timestamp():
        raise InvalidTimeError(Problem(where, f"the timestamp {value}", expected))
    return pendulum.from_timestamp(value, tz="UTC")


def in_zone(value: dt.datetime, zone_name: str) -> dt.datetime:
    """The same instant, written in the zone ``zone_name``."""
    return _in_zone(value.astimezone(dt.timezone.utc), zone_name)


@functools.lru_cache(maxsize=1 << 16)
def _in_zone(value: dt.datetime, zone_name: str) -> dt.datetime:
    """:func:`in_zone` of an instant already read into UTC, remembered: the engine writes the same few instants in the same zone again and again.

    The key is the UTC reading, never the datetime as given: two datetimes
    in one zone object compare and hash by their clock readings alone, so
    the two passes of a repeated hour (01:30 before and after the clocks go
    back) would otherwise share one remembered answer, an hour off for one
    of them. UTC readings are equal only for the same instant.
    """
    return pendulum.instance(value).in_timezone(zone(zone_name))


def _pendulum(value: dt.datetime) -> pendulum.DateTime:
    """``value`` as a pendulum instant, read through UTC.

    pendulum misplaces by an hour a pendulum datetime that carries a
    ``zoneinfo`` zone in the first pass of a repeated hour; its UTC offset,
    which Python's ``astimezone`` uses, is right.
    """
    return pendulum.instance(value.astimezone(dt.timezone.utc))


def utc(value: dt.datetime) -> dt.datetime:
    """The same instant written in UTC: the form to use for sort keys.

    Python's ``==`` calls two equal instants in different zones unequal when
    one falls in an hour a clock change repeats, and tuples compare with
    ``==`` first; in UTC no hour repeats, so sorting stays a true order.
    The standard library's conversion is called directly: it reads the
    offset the same way and keeps pendulum's type, at a third of the cost
    of pendulum's own.
    """
    if value.tzinfo is _UTC:
        return value
    global _last
    last = _last  # one read of a pair that is only ever replaced whole, so threads cannot mix two pairs
    if value is last[0]:  # the engine asks about one instant many times in a row
        return last[1]
    found = _ASTIMEZONE(value, _UTC)
    _last = (value, found)
    return found


_UTC = dt.timezone.utc
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=_UTC)
_MICRO = dt.timedelta(microseconds=1)
_SUBTRACT = dt.datetime.__sub__
_FIXED = pendulum.FixedTimezone
_PENDULUM_UTC = pendulum.UTC
_EPOCH_DAY = _EPOCH.toordinal()


def micros(value: dt.datetime) -> int:
    """Microseconds from 1970-01-01T00:00Z to the aware instant ``value``: an exact integer key for sorting and bisecting.

    The standard library's subtraction is called directly; pendulum's own
    builds a pendulum interval, at many times the cost.
    """
    global _last_micros
    last = _last_micros  # one read of a pair replaced whole, as in utc()
    if value is last[0]:  # the engine asks about one instant many times in a row
        return last[1]
    zone = value.tzinfo
    fixed = type(zone) is _FIXED
    if fixed or zone is _PENDULUM_UTC or zone is _UTC:  # an offset written in the text (most loaded instants): its fields and the offset, without asking the zone
        found = (((value.toordinal() - _EPOCH_DAY) * 86400 + value.hour * 3600 + value.minute * 60 + value.second - (zone.offset if fixed else 0)) * 1_000_000  # type: ignore[union-attr]
                 + value.microsecond)
    else:
        found = _SUBTRACT(value, _EPOCH) // _MICRO
    _last_micros = (value, found)
    return found


_last_micros: tuple[dt.datetime, int] = (_EPOCH, 0)
_ALWAYS_OFFSET = frozenset({dt.timezone, pendulum.FixedTimezone, pendulum.Timezone})
"""Zone types whose ``utcoffset`` is never None, so a datetime holding one (of exactly that type) is aware
without asking: a window's ends nearly always carry one, and asking pendulum's zones costs a Python call."""
_last: tuple[dt.datetime, dt.datetime] = (dt.datetime.min.replace(tzinfo=_UTC),) * 2
_ASTIMEZONE = dt.datetime.astimezone


def later(value: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    """The instant ``delta`` after ``value``, written in UTC.

    pendulum's own ``+`` returns a naive datetime when the zone is the
    standard library's (as :func:`utc` gives), and a naive datetime is then
    read in the machine's local zone; the standard library's sum keeps it.
    """
    return dt.datetime.__add__(utc(value), delta)


def local_date(value: dt.datetime, zone_name: str) -> dt.date:
    """The calendar date that ``value`` falls on in the zone ``zone_name``."""
    return in_zone(value, zone_name).date()


@attrs.frozen(order=False)
class Window:
    """When something happened, as the earliest and latest instants it can have been.

    Both ends are included. An exact time is a window with equal ends.
    """

    earliest: dt.datetime
    latest: dt.datetime
    _keys: tuple[int, int] | None = attrs.field(init=False, default=None, eq=False, repr=False)

    def keys(self) -> tuple[int, int]:
        """:func:`micros` of both ends, worked out on first need and kept: the engine sorts and bisects on them."""
        found = self._keys
        if found is None:
            opens = micros(self.earliest)
            found = (opens, opens if self.latest is self.earliest else micros(self.latest))
            object.__setattr__(self, "_keys", found)
        return found

    def __attrs_post_init__(self) -> None:
        ends = (self.earliest,) if self.earliest is self.latest else (self.earliest, self.latest)
        for end in ends:
            if type(end.tzinfo) not in _ALWAYS_OFFSET and (end.tzinfo is None or end.utcoffset() is None):
                instant(end, where="window")
        if len(ends) == 2 and self.earliest > self.latest:
            raise WindowOrderError(
                Problem(
                    "window",
                    f"earliest {self.earliest.isoformat()} after latest {self.latest.isoformat()}",
                    "earliest at or before latest",
                )
            )

    @classmethod
    def exact(cls, when: dt.datetime) -> Window:
        """A window holding the single instant ``when``."""
        return cls(when, when)

    @classmethod
    def day(cls, day: dt.date, zone_name: str) -> Window:
        """The whole of ``day`` in the zone ``zone_name``."""
        check_date(day, where="day")
        return cls(start_of_day(day, zone_name), end_of_day(day, zone_name))

    @classmethod
    def days(cls, first: dt.date, last: dt.date, zone_name: str) -> Window:
        """From the start of ``first`` to the end of ``last``, both whole days in the zone ``zone_name``."""
        check_date(first, where="first day")
        check_date(last, where="last day")
        return cls(start_of_day(first, zone_name), end_of_day(last, zone_name))

    @property
    def is_exact(self) -> bool:
        """True when the two ends are the same instant."""
        return self.earliest == self.latest

    def certainly_by(self, when: dt.datetime) -> bool:
        """It surely happened at or before ``when``."""
        return self.latest <= when

    def possibly_by(self, when: dt.datetime) -> bool:
        """It may have happened at or before ``when``."""
        return self.earliest <= when

    def contains(self, when: dt.datetime) -> bool:
        """``when`` lies inside the window, ends included."""
        return self.earliest <= when <= self.latest

    def shifted(self, span: Span, zone_name: str) -> Window:
        """Every instant of the window moved later by ``span``, counted in the calendar of ``zone_name``.

        Moving by months can clamp to a month's last day ("a month after
        31 January" is 28 February) and so bring two instants of the window to
        the same day in the wrong order; the result then covers that whole day,
        which holds every instant the move can give.
        """
        low, high = span.after(self.earliest, zone_name), span.after(self.latest, zone_name)
        if low > high:
            return Window(start_of_day(local_date(high, zone_name), zone_name), end_of_day(local_date(low, zone_name), zone_name))
        return Window(low, high)

    def in_zone(self, zone_name: str) -> Window:
        """The same window written in another zone."""
        return Window(in_zone(self.earliest, zone_name), in_zone(self.latest, zone_name))

    def __str__(self) -> str:
        if self.is_exact:
            return self.earliest.isoformat()
        return f"{self.earliest.isoformat()} .. {self.latest.isoformat()}"


def window(value: Any, default_zone: str | None = None, *, where: str = "window") -> Window:
    """Read a :class:`Window` from what a file or a caller gives.

    Accepted: a Window; an aware datetime or ISO instant (exact); a date or
    ISO date, which means that whole day in ``default_zone``; a date with its
    zone in brackets, ``'2020-11-25[Asia/Baku]'``; or a mapping with
    ``earliest`` and ``latest``, each any of the above (a date end stands for
    the start or the end of its day).
    """
    if isinstance(value, Window):
        return value
    if isinstance(value, str):
        key = (value, default_zone)
        found = _WINDOWS.get(key)
        if found is None:
            found = _window(value, default_zone, where)
            if len(_WINDOWS) >= _TEXTS_KEPT:
                _WINDOWS.clear()
            _WINDOWS[key] = found
        return found
    return _window(value, default_zone, where)


_WINDOWS: dict[tuple[str, str | None], Window] = {}
"""Windows already read from text, by the text and the zone it was read in: a dataset repeats its dates
(ACLED gives one per row), and a window cannot change once made. Only windows read without error are kept."""
_TEXTS_KEPT = 1 << 16
"""The most texts each of those two tables remembers; a full table starts again empty."""


def _window(value: Any, default_zone: str | None, where: str) -> Window:
    if isinstance(value, dict):
        unknown = set(value) - {"earliest", "latest"}
        if unknown or not {"earliest", "latest"} <= set(value):
            raise InvalidTimeError(
                Problem(where, f"the keys {sorted(value)}", "exactly the keys 'earliest' and 'latest'")
            )
        low = window(value["earliest"], default_zone, where=f"{where}.earliest").earliest
        high = window(value["latest"], default_zone, where=f"{where}.latest").latest
        if low > high:
            raise WindowOrderError(
                Problem(where, f"earliest {low.isoformat()} after latest {high.isoformat()}", "earliest at or before latest")
            )
        return Window(low, high)
    if isinstance(value, str):
        short = _short_instant(value)
        if short is not None:
            return Window.exact(short)
        found = _ZONED_DATE.match(value.strip())
        if found:
            zone(found["zone"], where=where)
            return Window.day(_calendar_date(found["date"], value, where), found["zone"])
        value = _parse_iso(value, where=where)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        if default_zone is None:
            raise InvalidTimeError(
                Problem(
                    where,
                    f"the date {value.isoformat()} with no zone to read it in",
                    "a zone: either a file-level 'zone' or a zone in brackets, e.g. '2020-11-25[Asia/Baku]'",
                )
            )
        return Window.day(check_date(value, where=where), default_zone)
    return Window.exact(instant(value, where=where))


def dump_window(value: Window) -> str | dict[str, str]:
    """The plain form of a window: an ISO string when exact, else both ends."""
    if value.is_exact:
        return value.earliest.isoformat()
    return {"earliest": value.earliest.isoformat(), "latest": value.latest.isoformat()}


@attrs.frozen
class Span:
    """A length of calendar time written in ISO 8601, such as 'P3Y' or 'P1M'."""

    text: str
    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0
    hours: int = 0
    minutes: int = 0
    seconds: int = 0

    @classmethod
    def parse(cls, value: Any, *, where: str = "span", positive: bool = False) -> Span:
        """Read an ISO 8601 duration such as 'P5Y', 'P6M' or 'P1M15D', of at most 500 years; ``positive`` refuses 'P0D'."""
        if isinstance(value, Span):
            return value
        found = _SPAN.match(value.strip()) if isinstance(value, str) else None
        if not found or value.strip() in ("P", "PT"):
            if isinstance(value, str):
                _refuse_non_ascii(value.strip(), where, repr(value))
            raise InvalidTimeError(
                Problem(where, _describe(value), "an ISO 8601 duration such as 'P3Y', 'P6M' or 'P1M15D'")
            )
        parts = {k: int(v) for k, v in found.groupdict().items() if v is not None}
        years = sum(n / _YEAR_LENGTHS[k] for k, n in parts.items())
        if years > MAX_SPAN_YEARS:
            raise InvalidTimeError(Problem(where, f"the duration {value.strip()!r}, about {years:,.0f} years", f"a duration of at most {MAX_SPAN_YEARS} years, e.g. 'P5Y'"))
        if positive and years == 0:
            raise InvalidTimeError(Problem(where, f"the empty duration {value.strip()!r}", "a length greater than zero, e.g. 'P6M'"))
        return cls(text=value.strip(), **parts)

    def after(self, start: dt.datetime, zone_name: str) -> dt.datetime:
        """The instant this span after ``start``, counted in ``zone_name``'s calendar."""
        local = _pendulum(start).in_timezone(zone(zone_name))
        try:
            return local.add(**self._parts())
        except (OverflowError, ValueError) as exc:
            raise _past_range(start, "+", self) from exc

    def before(self, end: dt.datetime, zone_name: str) -> dt.datetime:
        """The instant this span before ``end``, counted in ``zone_name``'s calendar."""
        local = _pendulum(end).in_timezone(zone(zone_name))
        try:
            return local.subtract(**self._parts())
        except (OverflowError, ValueError) as exc:
            raise _past_range(end, "-", self) from exc

    def plus(self, other: Span, times: int = 1) -> Span:
        """This span followed by ``times`` copies of ``other``, as one span.

        Adding one combined span keeps anniversaries from drifting: a 5-year
        term renewed twice ends on the start's 15th anniversary.
        """
        mine, theirs = self._parts(), other._parts()
        parts = {k: mine[k] + theirs[k] * times for k in mine}
        return Span(text=_span_text(parts), **parts)

    def _parts(self) -> dict[str, int]:
        return {
            "years": self.years,
            "months": self.months,
            "weeks": self.weeks,
            "days": self.days,
            "hours": self.hours,
            "minutes": self.minutes,
            "seconds": self.seconds,
        }

    def words(self) -> str:
        """The span for reading: ``P1Y6M`` as "1 year and 6 months", ``PT12H`` as "12 hours"."""
        named = [f"{n} {unit if n != 1 else unit[:-1]}" for unit, n in self._parts().items() if n]  # "years" and "year"
        if not named:
            return "no time"
        return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]

    def __str__(self) -> str:
        return self.text


def _span_text(parts: dict[str, int]) -> str:
    date = "".join(f"{parts[k]}{u}" for k, u in (("years", "Y"), ("months", "M"), ("weeks", "W"), ("days", "D")) if parts[k])
    clock = "".join(f"{parts[k]}{u}" for k, u in (("hours", "H"), ("minutes", "M"), ("seconds", "S")) if parts[k])
    return "P" + (date or ("" if clock else "0D")) + (f"T{clock}" if clock else "")


def _parse_iso(text: str, *, where: str) -> dt.date | dt.datetime:
    text = text.strip()
    if _FAST_INSTANT.match(text):
        try:
            return dt.datetime.fromisoformat(text)
        except ValueError:
            pass  # explained below
    elif len(text) == 10 and _DATE_SHAPE.match(text):
        return _calendar_date(text, text, where)
    _explain_impossible(text, where)
    parsed: object
    try:
        parsed = pendulum.parse(text, exact=True, tz=None)
    except Exception:
        parsed = _with_seconds_offset(text)
    if isinstance(parsed, dt.datetime):
        if parsed.tzinfo is None:
            raise NaiveDatetimeError(
                Problem(where, f"the datetime string {text!r} with no offset", f"an offset or 'Z', e.g. {_EXAMPLE_INSTANT}")
            )
        return parsed
    if isinstance(parsed, dt.date):
        return dt.date(parsed.year, parsed.month, parsed.day)
    raise InvalidTimeError(
        Problem(where, repr(text), f"an ISO 8601 date ('2020-11-16') or instant ({_EXAMPLE_INSTANT})")
    )


def calendar_date(text: str, *, where: str = "date") -> dt.date:
    """The date written ``YYYY-MM-DD`` in ``text``, or :class:`InvalidTimeError` saying why it is not a date ceasefire accepts."""
    return _calendar_date(text.strip(), text, where)


def check_written_time(text: str, *, where: str = "value") -> None:
    """Raise :class:`InvalidTimeError` when ``text`` writes a day, a time of day or an offset that does not exist."""
    _explain_impossible(text.strip().replace(" ", "T", 1), where, text)


def _calendar_date(text: str, given: str, where: str) -> dt.date:
    """The date ``YYYY-MM-DD`` in ``text``, or an error saying why it is not on the calendar."""
    _explain_impossible(text, where, given)
    return check_date(dt.date.fromisoformat(text), where=where)


def _explain_impossible(text: str, where: str, given: str | None = None) -> None:
    """Raise a precise :class:`InvalidTimeError` for a day, a time or an offset that does not exist."""
    shown = repr(given if given is not None else text)
    _refuse_non_ascii(text, where, shown)
    day = _DATE_SHAPE.match(text)
    if day:
        year, month, mday = (int(g) for g in day.groups())
        if not 1 <= month <= 12:
            raise InvalidTimeError(Problem(where, f"{shown}, whose month {month:02d} does not exist", "a real date, e.g. '2020-11-16'"))
        if year == 0:
            raise InvalidTimeError(Problem(where, f"{shown}, in the year 0", f"a date {_RANGE}, e.g. '2020-11-16'"))
        last = _month_length(year, month)
        if not 1 <= mday <= last:
            raise InvalidTimeError(Problem(where, f"{shown}, a day that is not on the calendar ({year}-{month:02d} has {last} days)", f"a real date, e.g. '{year}-{month:02d}-{last:02d}'"))
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise InvalidTimeError(Problem(where, shown, f"a date {_RANGE}, e.g. '2020-11-16'"))
    if re.search(r"T\d{2}:\d{2}:60", text):
        raise InvalidTimeError(Problem(where, f"{shown}, a leap second", "a second from 00 to 59; write a leap second as 23:59:59 (ceasefire, like Python, has no second 60)"))
    if _FINER_THAN_MICROSECONDS.search(text):
        raise InvalidTimeError(Problem(where, f"{shown}, a time finer than a microsecond", "at most six digits after the seconds (ceasefire counts in microseconds; cut or round the rest away yourself), e.g. '2020-11-10T10:00:00.123456+03:00'"))
    clock = re.search(r"T(\d{2}):(\d{2})", text)
    if clock and (int(clock[1]) > 23 or int(clock[2]) > 59):
        raise InvalidTimeError(Problem(where, f"{shown}, a time of day that does not exist", f"hours 00 to 23 and minutes 00 to 59, e.g. {_EXAMPLE_INSTANT}"))
    offset = _OFFSET.search(text)
    if offset and (int(offset[1]) > 23 or int(offset[2]) > 59):
        raise InvalidTimeError(Problem(where, f"{shown}, whose UTC offset is out of range", f"an offset from -23:59 to +23:59, e.g. {_EXAMPLE_INSTANT}"))


def _month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _past_range(start: dt.datetime, sign: str, span: Span) -> InvalidTimeError:
    return InvalidTimeError(Problem(f"{start.isoformat()} {sign} {span.text}", "a result outside the calendar ceasefire can count in", f"dates and spans that stay {_RANGE}"))


def _with_seconds_offset(text: str) -> dt.datetime | None:
    """Read an instant whose UTC offset has seconds, e.g. '1900-01-01T00:00:00+05:41:16'.

    Python writes such offsets for old local mean times; pendulum cannot read
    them, so without this an instant dumped by ceasefire would not load again.
    """
    if not _SECONDS_OFFSET.search(text):
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _refuse_non_ascii(text: str, where: str, shown: str) -> None:
    """Refuse a time or duration written with a character outside ASCII, naming it.

    Text copied from word processors and web pages can carry look-alikes that
    are hard to see in a message: full-width or Arabic-Indic digits, a Unicode
    hyphen or minus sign, a non-breaking space. Python reads some of them as
    digits and not others, so none is read: the message names the character.
    """
    odd = first_non_ascii(text)
    if odd is not None:
        raise InvalidTimeError(Problem(where, f"{shown}, which holds {odd}, not an ASCII character", "dates, times and durations written in ASCII, with the digits 0-9, e.g. '2020-11-16'"))


def first_non_ascii(text: str) -> str | None:
    """The first character of ``text`` outside ASCII, quoted with its code point and name (``'１' (U+FF11 FULLWIDTH DIGIT ONE)``); None when there is none."""
    if text.isascii():
        return None
    odd = next(c for c in text if not c.isascii())
    return f"{odd!r} (U+{ord(odd):04X} {unicodedata.name(odd, 'an unnamed character')})"


def _describe(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"the {type(value).__name__} {value.isoformat()}"
    shown = repr(value)
    return f"{type(value).__name__} {shown if len(shown) <= 60 else shown[:59] + '…'}"
