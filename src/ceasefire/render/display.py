"""How ceasefire shows times and statuses to people: short dates, windows, status colours.

The chart and the HTML report share these, so a status has the same colour in
both and a time is written the same way. Time-zone arithmetic is left to
:mod:`ceasefire.time`; this module only writes its results.
"""

from __future__ import annotations

import datetime as dt

import attrs

from ..results import Status
from ..time import Window, end_of_day, in_zone, later, start_of_day


@attrs.frozen
class StatusStyle:
    """How a status is drawn: a fill colour and, where the fill alone could be confused, a hatch.

    ``hatch`` is a matplotlib hatch pattern ("" for a plain fill); ``ink`` is
    the colour of the hatch lines and of text on the fill.
    """

    fill: str
    hatch: str = ""

    @property
    def ink(self) -> str:
        """Black or white, whichever reads better on the fill."""
        return text_colour(self.fill)

    @property
    def padding_left(self) -> str | None:
        """The left padding a badge in this style needs, so that its text clears the hatched strip; None for a plain fill."""
        return HATCHED_PADDING if any(c in _CSS_HATCH for c in self.hatch) else None

    @property
    def css(self) -> str:
        """A CSS ``background`` value for a status badge: the fill, with the hatch in a strip at its left edge.

        Text on the badge sits on the plain fill, so the hatch never crosses it.
        """
        ink = "rgba(0,0,0,.55)" if self.ink == "#000000" else "rgba(255,255,255,.7)"
        layers = [_CSS_HATCH[c].replace("INK", ink) for c in dict.fromkeys(self.hatch) if c in _CSS_HATCH]
        if not layers:
            return self.fill
        cover = f"linear-gradient(to right, transparent {HATCH_STRIP}, {self.fill} {HATCH_STRIP})"
        return ", ".join([cover, *layers, self.fill])


HATCH_STRIP = "0.5em"
"""How wide the hatched strip at the left of a badge is (within the badge's left padding)."""

HATCHED_PADDING = "calc(0.5em + 0.45em)"
"""The left padding of a badge with a hatched strip: the strip, then a gap before the text."""


_STYLES_BY_NAME: dict[str, StatusStyle] = {
    # Plain fills step down in lightness (CIELAB L* 98, 83, 67, 49, 32, 13), so they stay apart in
    # greyscale; the rest carry a hatch of their own. tests/test_palette.py checks both, and checks
    # every pair with the same hatch under simulated protanopia, deuteranopia and tritanopia.
    "NOT_YET_IN_FORCE": StatusStyle("#fafafa"),
    "PENDING": StatusStyle("#b3d4f0"),
    "IN_PROGRESS": StatusStyle("#4a90c8", ".."),
    "IN_FORCE": StatusStyle("#bfe3d4", "---"),
    "COMPLIED": StatusStyle("#67b273"),
    "HOLDING": StatusStyle("#a6d9a0", "oo"),
    "FULFILLED": StatusStyle("#1d5631"),
    "FULFILLED_LATE": StatusStyle("#d9b65c", "\\\\"),
    "UNCERTAIN": StatusStyle("#f7e38a", "//"),
    "UNMONITORED": StatusStyle("#ffffff", "xx"),
    "SUSPENDED": StatusStyle("#9a7bbf", "|"),
    "OVERDUE": StatusStyle("#bd5800"),
    "BREACHED": StatusStyle("#4a0414"),
    "ENDED": StatusStyle("#8a8a8a", "++"),
}
"""Styles keyed by the *name* of a :class:`Status` member, so a style can wait for a status the engine has not got yet."""

FALLBACK_STYLE = StatusStyle("#d0d0d0", "**")
"""For a status with no style of its own: drawn, and caught by the palette test."""

STATUS_STYLES: dict[str, StatusStyle] = {str(s): _STYLES_BY_NAME.get(s.name, FALLBACK_STYLE) for s in Status}
"""One style per status the engine knows, keyed by the status label, in the order of :class:`Status`."""

STATUS_COLOURS: dict[str, str] = {label: style.fill for label, style in STATUS_STYLES.items()}
"""The fill colour of each status, as in the chart, the report and notebooks."""

NO_EVIDENCE_NAME = "UNMONITORED"
"""The name of the :class:`Status` member for time no loaded evidence covers."""

NO_EVIDENCE_STATUS: str | None = str(Status[NO_EVIDENCE_NAME]) if NO_EVIDENCE_NAME in Status.__members__ else None
"""The label of that status, once the engine has it (looked up by name); None before."""


def is_no_evidence(status: object) -> bool:
    """True for the status of time no loaded evidence covers (matched by its member name)."""
    return str(status).upper().replace(" ", "_") == NO_EVIDENCE_NAME


_CSS_HATCH: dict[str, str] = {
    "/": "repeating-linear-gradient(135deg, INK 0 1px, transparent 1px 6px)",
    "\\": "repeating-linear-gradient(45deg, INK 0 1px, transparent 1px 6px)",
    "x": "repeating-linear-gradient(45deg, INK 0 1px, transparent 1px 6px), repeating-linear-gradient(135deg, INK 0 1px, transparent 1px 6px)",
    "-": "repeating-linear-gradient(0deg, INK 0 1px, transparent 1px 5px)",
    "|": "repeating-linear-gradient(90deg, INK 0 1px, transparent 1px 5px)",
    "+": "repeating-linear-gradient(0deg, INK 0 1px, transparent 1px 6px), repeating-linear-gradient(90deg, INK 0 1px, transparent 1px 6px)",
    ".": "radial-gradient(INK 1px, transparent 1.5px) 0 0 / 5px 5px",
    "o": "radial-gradient(transparent 1.5px, INK 1.5px 2.3px, transparent 2.6px) 0 0 / 7px 7px",
    "*": "radial-gradient(INK 1px, transparent 1.5px) 0 0 / 4px 4px",
}
"""Each hatch character as a CSS background layer; INK is replaced by the style's ink colour."""


def style_of(status: object) -> StatusStyle:
    """The style of ``status`` (a :class:`Status` or its label); the fallback for an unknown one.

    A label the engine does not know yet is matched by the member name it
    would have (``"unmonitored"`` to ``UNMONITORED``).
    """
    label = str(status)
    found = STATUS_STYLES.get(label)
    return found if found is not None else _STYLES_BY_NAME.get(label.upper().replace(" ", "_"), FALLBACK_STYLE)


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
    """``value`` for reading: ``end of DATE`` for the last instant of a day, else the clock time in ``zone``.

    The last instant of a day in ``zone`` reads ``end of 2020-11-25``; the last
    instant of a day in the zone ``value`` was written in (another one) reads
    ``end of 2020-11-15 (Asia/Baku)``. Other instants are written to the minute
    in ``zone``, with seconds and microseconds only when they are not zero, so
    nothing is rounded away; the last microsecond before a whole minute reads
    ``just before 2020-11-15 23:00``.
    """
    text, other = _instant(value, zone)
    return text if other is None else f"{text} ({other})"


def instant_named(value: dt.datetime, zone: str) -> str:
    """:func:`instant` with the zone it is read in named once: ``end of 2023-09-18 (Asia/Baku)``, ``2020-11-15 12:00 (Europe/Moscow)``."""
    text, other = _instant(value, zone)
    return f"{text} ({other or zone})"


def _instant(value: dt.datetime, zone: str) -> tuple[str, str | None]:
    """:func:`instant`'s text, and the other zone it is read in when it is the end of a day there."""
    local = in_zone(value, zone)
    if local == end_of_day(local.date(), zone):
        return f"end of {local.date().isoformat()}", None
    own = zone_name(value)
    if own != zone and ("/" in own or own == "UTC"):
        there = in_zone(value, own)
        if there == end_of_day(there.date(), own):
            return f"end of {there.date().isoformat()}", own
    return _clock(local, value, zone), None


def _clock(local: dt.datetime, value: dt.datetime, zone: str) -> str:
    if local.second == 59 and local.microsecond == 999_999:
        after = in_zone(later(value, dt.timedelta(microseconds=1)), zone)
        return f"just before {after.strftime('%Y-%m-%d %H:%M')}"
    if local.microsecond:
        return local.strftime("%Y-%m-%d %H:%M:%S.%f")
    return local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")


def instant_read_in(value: dt.datetime, zone: str, local: str | None = None) -> str:
    """:func:`instant` read in the agreement's zones alone, whatever zone ``value`` was written in.

    The last instant of a day in the reference zone ``zone`` reads ``end of
    DATE``; of a day in the agreement's ``local`` zone, ``end of DATE
    (local)``; the first instant of a day in the local zone that is not one
    in ``zone`` reads ``DATE 00:00 (local)``, so that a stretch that is one
    local day reads as that day at both ends; any other instant is its clock
    time in ``zone``. Two answers about the same instants, one read from a
    file written in UTC and one from a file written in local time, read word
    for word the same.
    """
    here = in_zone(value, zone)
    if local is not None and local != zone:
        there = in_zone(value, local)
        if there == end_of_day(there.date(), local) and here != end_of_day(here.date(), zone):
            return f"end of {there.date().isoformat()} ({local})"
        if _midnight(there) and not _midnight(here):
            return f"{there.strftime('%Y-%m-%d %H:%M')} ({local})"
    return instant(here, zone)


def _midnight(value: dt.datetime) -> bool:
    """Whether ``value`` is the first instant of its day, as its own zone reads it."""
    return not (value.hour or value.minute or value.second or value.microsecond)


def window_read_in(value: Window, zone: str, local: str | None = None) -> str:
    """:func:`window`'s reading, for text that is itself in brackets: a zone other than ``zone`` is named without brackets ("2020-11-20 Asia/Baku").

    The zone is chosen as :func:`window` chooses it, so the zone ``value``
    was written in plays no part within the agreement's zones.
    """
    name = _reading_zone(value, zone, local)
    span = _plain_window(value, name)
    return span if name == zone else f"{span} {name}"


_STARTED_BY: dict[str | tuple[str, str | None], str] = {
    "effect": "{ref} takes effect",
    "amendment": "amendment {ref}",
    "deadline": "deadline of {ref} passes",
    "deadline-window": "deadline window of {ref} opens",
    "anchor": "event {ref} starts a deadline",
    "term-period": "a period of {ref} ends",
    "term-notice": "notice date of {ref} passes",
    "stale": "{ref} stalls",
    ("event", "opens"): "event {ref} may have happened",
    ("event", "closes"): "event {ref} surely happened",
    ("coverage", "opens"): "{ref} starts watching",
    ("coverage", "closes"): "{ref} stops watching",
}
"""What a timeline table says started an interval, by the cause's kind (and edge, where it has one)."""


def started_by(kind: str, ref: str | None, edge: str | None, happening: str | None = None) -> str:
    """What started a timeline interval, in a few words for a table: "1.ceasefire takes effect", "seed-events.yaml stops watching".

    The cause's full description is in the JSON, Markdown and workbook exports; a kind
    without words of its own here reads as its kind and reference.
    """
    if kind == "initial":
        return "the state at the start"
    if kind == "range":
        return "no recorded change"
    if kind == "event" and ref is not None and happening is not None:  # which end of the happening, and how sure: "event X ends"
        return f"event {ref} {happening}"
    words = _STARTED_BY.get((kind, edge)) or _STARTED_BY.get(kind) if ref is not None else None
    return words.format(ref=ref) if words is not None else f"{kind} {ref or ''}".strip()


def day_of(value: dt.datetime, zone: str) -> str:
    """The calendar date ``value`` falls on in ``zone``, as ISO 8601."""
    return in_zone(value, zone).date().isoformat()


def window(value: Window, zone: str, *, named: bool = False, local: str | None = None) -> str:
    """A window for reading, in the agreement's reference zone ``zone`` or its ``local`` zone, whatever zone it was written in.

    Whole days of ``zone`` or ``local`` read as days of that zone; so do whole
    days of a third named zone the window was written in (a log kept in its
    own zone); any other window reads both ends in the agreement zone where
    one falls on a day's edge, else in ``zone``. An event read from a file
    written in UTC and the same event written in local time give the same
    words.

    By default a zone is named, in brackets, only when it is not ``zone``;
    ``named`` always names it, unbracketed, for a line read without a header
    that gives the zone ("2023-09-19 Asia/Baku").
    """
    name = _reading_zone(value, zone, local)
    span = _plain_window(value, name)
    if named:
        return f"{span} {name}"
    return span if name == zone else f"{span} ({name})"


def window_until_in(value: Window, until: dt.datetime, zone: str, local: str | None = None) -> str:
    """A happening that lasted, read as :func:`window` reads its start: "2023-09-19 until 2023-09-20 13:00 Asia/Baku".

    The end is read in the start's zone and that zone is named once at the
    end; an end that is the end of a day only in the agreement's other zone
    says so: "2020-11-12 Asia/Baku until end of 2020-11-13 (Europe/Moscow)".
    """
    name = _reading_zone(value, zone, local)
    there = in_zone(until, name)
    if there != end_of_day(there.date(), name):
        for other in (zone, local):
            if other is not None and other != name:
                elsewhere = in_zone(until, other)
                if elsewhere == end_of_day(elsewhere.date(), other):
                    return f"{_plain_window(value, name)} {name} until end of {elsewhere.date().isoformat()} ({other})"
    return f"{_plain_window(value, name)} until {instant(there, name)} {name}"


def _reading_zone(value: Window, zone: str, local: str | None) -> str:
    """The zone a window reads in: an agreement zone where it is whole days, else the named zone it was written in where it is whole days
    there (a log kept in a third zone), else an agreement zone where an end falls on a day's edge, else the reference zone."""
    zones = (zone, local) if local is not None and local != zone else (zone,)
    for name in zones:
        if _whole_days(value.in_zone(name)) is not None:
            return name
    own = _whole_days(value)
    if own is not None:
        return own[2]
    for name in zones:
        first, last = in_zone(value.earliest, name), in_zone(value.latest, name)
        if first == start_of_day(first.date(), name) or last == end_of_day(last.date(), name):
            return name
    return zone


def _plain_window(value: Window, name: str) -> str:
    """``value`` read in the zone ``name``, the zone itself unnamed: days when it is whole days there, else both ends to the minute."""
    days = _whole_days(value.in_zone(name))
    if days is not None:
        first, last, _ = days
        return first.isoformat() if first == last else f"{first.isoformat()} .. {last.isoformat()}"
    earliest = instant(in_zone(value.earliest, name), name)
    return earliest if value.is_exact else f"{earliest} .. {instant(in_zone(value.latest, name), name)}"


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


def report_says(text: str) -> str:
    """How a report dated the happening, for reading: in quotation marks, unless the words already carry their own (a mix of quotes and our words)."""
    return f"the report says: {text}" if '"' in text else f'the report says "{text}"'


def deadline(value: Window | dt.datetime, zone: str, local: str | None = None) -> str:
    """A deadline for a table cell, read in the agreement's zones whatever zone it was written in.

    An exact deadline reads as its instant in words: "end of 2020-11-20" for
    the end of a day, "2023-11-10 00:00" for the first instant of one (the
    date alone would put it a day late), "end of 2020-11-15 (Asia/Baku)" for
    the end of a day of the local zone. A deadline known only to a window
    says so: "within 2021-02-28" (some instant of that day), "within
    2021-02-06 .. 2021-02-28 Asia/Baku". An instant (a term's period end)
    reads as an exact deadline.
    """
    if isinstance(value, dt.datetime):
        return instant_read_in(value, zone, local)
    if value.is_exact:
        return instant_read_in(value.latest, zone, local)
    return f"within {window_read_in(value, zone, local)}"
