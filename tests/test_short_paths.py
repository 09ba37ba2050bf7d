"""The loader's short paths give what the general paths give: the same value, or (by falling back) the same refusal.

Each short path skips checks that cannot fail for the inputs it takes; these
tests feed both paths texts near every edge (years 1000/1001 and 8998/8999,
offsets up to 99:99, hours 24, leap seconds, days not on the calendar) and
ask for the same answer.
"""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from ceasefire import time as cftime
from ceasefire.errors import InvalidTimeError, NaiveDatetimeError, WindowOrderError
from ceasefire.model import Event, Quantity


def general_instant(text: str) -> dt.datetime | type[Exception]:
    """The instant the general path reads from ``text``, or the type of error it raises."""
    try:
        return cftime._instant(cftime._parse_iso(text, where="t"), "t")
    except (InvalidTimeError, NaiveDatetimeError) as exc:
        return type(exc)


def same_instant(one: dt.datetime, other: dt.datetime) -> bool:
    """Equal as instants, and written alike: the same fields, offset and types."""
    return (
        one == other
        and one.isoformat() == other.isoformat()
        and one.utcoffset() == other.utcoffset()
        and type(one) is type(other)
        and type(one.tzinfo) is type(other.tzinfo)
    )


def two(low: int, high: int) -> st.SearchStrategy[str]:
    return st.integers(low, high).map(lambda n: f"{n:02d}")


years = st.one_of(st.sampled_from([0, 1, 999, 1000, 1001, 1002, 8997, 8998, 8999, 9998, 9999]), st.integers(0, 9999)).map(lambda n: f"{n:04d}")
seconds = st.one_of(st.just(""), two(0, 61).map(lambda s: ":" + s), st.tuples(two(0, 61), st.integers(1, 6), st.integers(0, 999_999)).map(lambda t: f":{t[0]}.{t[2]:06d}"[: 4 + t[1]]))
offsets = st.one_of(
    st.sampled_from(["Z", "+00:00", "-00:00", "+23:59", "-23:59", "+24:00", "-24:00", "+14:00", "-12:00"]),
    st.tuples(st.sampled_from("+-"), two(0, 99), two(0, 99)).map(lambda t: f"{t[0]}{t[1]}:{t[2]}"),
    st.sampled_from(["", "+0400", "+04", "+04:00:30", " ", "z"]),
)
texts = st.builds(
    lambda y, mo, d, h, mi, s, off, sep, tail: f"{y}-{mo}-{d}{sep}{h}:{mi}{s}{off}{tail}",
    years, two(0, 13), two(0, 32), two(0, 25), two(0, 61), seconds, offsets,
    st.sampled_from(["T", "T", "T", " ", "t"]), st.sampled_from(["", "", "", "\n", " "]),
)


@settings(max_examples=3000)
@given(texts)
@example("1000-01-01T00:30+01:00")  # before year 1000 in UTC: refused
@example("1001-01-01T00:30+01:00")  # still in range whatever the offset
@example("8999-12-31T23:30-01:00")  # after 8999 in UTC: refused
@example("8998-12-31T23:30-23:59")
@example("2020-06-30T23:59:60Z")  # a leap second
@example("2020-01-01T24:00Z")
@example("2020-01-01T00:00+24:00")
@example("2020-01-01T00:00+05:60")
@example("2020-01-01T00:00")  # naive
@example("0000-01-01T00:00Z")
@example("9999-01-01T00:00Z")
@example("2021-02-29T00:00Z")
@example("2020-01-01T00:00Z\n")
def test_short_instant_reads_as_the_general_path_or_leaves_it_to_it(text: str) -> None:
    """Where the short path answers, the general path gives the same instant; where the general path refuses, the short path does not answer."""
    short = cftime._short_instant(text)
    general = general_instant(text)
    if short is not None:
        assert isinstance(general, dt.datetime), (text, general)
        assert same_instant(short, general), (text, short, general)
    if isinstance(general, type):
        assert short is None, text


@settings(max_examples=500)
@given(texts)
@example("1000-01-01T00:30+01:00")
@example("8999-12-31T23:30-01:00")
@example("2020-06-30T23:59:60Z")
def test_instant_and_window_answer_as_before(text: str) -> None:
    """Through the public readers: the same instant or the same type of error as the general path, for instants and windows."""
    cftime.forget_texts_read()
    general = general_instant(text)
    try:
        found: dt.datetime | type[Exception] = cftime.instant(text, where="t")
    except (InvalidTimeError, NaiveDatetimeError) as exc:
        found = type(exc)
    if isinstance(general, dt.datetime):
        assert isinstance(found, dt.datetime) and same_instant(found, general), (text, found, general)
    else:
        assert found is general, (text, found, general)
    cftime.forget_texts_read()
    try:  # every generated text has a time of day, so a window read from it is that instant or the instant's refusal
        read: cftime.Window | type[Exception] = cftime.window(text, where="t")
    except (InvalidTimeError, NaiveDatetimeError) as exc:
        read = type(exc)
    if isinstance(general, dt.datetime):
        assert isinstance(read, cftime.Window) and read.earliest is read.latest, (text, read)
        assert same_instant(read.earliest, general), (text, read, general)
    else:
        assert read is general, (text, read, general)
    cftime.forget_texts_read()


@pytest.mark.parametrize(
    "text",
    ["1000-01-01T00:30+01:00", "8999-12-31T23:30-01:00", "2020-06-30T23:59:60Z", "2020-01-01T24:00Z", "2020-01-01T00:00+24:00", "0000-01-01T00:00Z", "9999-06-01T00:00Z"],
)
def test_edge_instants_are_refused(text: str) -> None:
    """The refusals the short path must leave to the general path are still refusals."""
    cftime.forget_texts_read()
    with pytest.raises(InvalidTimeError):
        cftime.instant(text, where="t")
    with pytest.raises(InvalidTimeError):
        cftime.window(text, where="t")


class _NoOffset(dt.tzinfo):
    """A zone that gives no offset: a datetime holding it is naive by Python's rule."""

    def utcoffset(self, when: dt.datetime | None) -> dt.timedelta | None:
        return None


class _SubclassedFixed(pendulum.FixedTimezone):
    """A subclass of pendulum's fixed zone that gives no offset: not one of the types taken as aware unasked."""

    def utcoffset(self, when: dt.datetime | None) -> dt.timedelta | None:  # type: ignore[override]
        return None


@given(st.integers(-(24 * 60 - 1), 24 * 60 - 1), st.sampled_from(["UTC", "Asia/Baku", "Europe/London", "America/New_York", "Australia/Lord_Howe"]), st.datetimes(dt.datetime(1001, 1, 1), dt.datetime(8998, 12, 31)))
def test_zones_taken_as_aware_unasked_always_give_an_offset(minutes: int, name: str, when: dt.datetime) -> None:
    """Every zone type the window's check trusts without asking does give an offset, for any fixed offset or named zone."""
    for zone in (dt.timezone(dt.timedelta(minutes=minutes)), pendulum.FixedTimezone(minutes * 60), cftime.zone(name), pendulum.UTC):
        assert type(zone) in cftime._ALWAYS_OFFSET
        assert when.replace(tzinfo=zone).utcoffset() is not None
    window = cftime.Window(when.replace(tzinfo=cftime.zone(name)), when.replace(tzinfo=cftime.zone(name)))
    assert window.earliest.utcoffset() is not None


@pytest.mark.parametrize("zone", [None, _NoOffset(), _SubclassedFixed(0)])
def test_window_ends_without_an_offset_are_still_refused(zone: dt.tzinfo | None) -> None:
    """An end that is naive, or whose zone gives no offset, is refused as before, at either end."""
    aware = pendulum.datetime(2020, 1, 1, tz="UTC")
    naive = dt.datetime(2020, 1, 2, tzinfo=zone)
    for earliest, latest in ((naive, naive), (aware, naive), (naive.replace(day=1), aware.add(days=1))):
        with pytest.raises(NaiveDatetimeError):
            cftime.Window(earliest, latest)


def test_window_order_is_still_checked() -> None:
    """Ends in the same fixed-offset zone, and in different ones, are still compared as instants."""
    plus4 = pendulum.FixedTimezone(4 * 3600)
    with pytest.raises(WindowOrderError):
        cftime.Window(pendulum.datetime(2020, 1, 1, 12, tz=plus4), pendulum.datetime(2020, 1, 1, 11, tz=plus4))
    with pytest.raises(WindowOrderError):  # 12:00+04:00 is 08:00Z, after 07:30Z
        cftime.Window(pendulum.datetime(2020, 1, 1, 12, tz=plus4), dt.datetime(2020, 1, 1, 7, 30, tzinfo=dt.timezone.utc))
    cftime.Window(pendulum.datetime(2020, 1, 1, 12, tz=plus4), dt.datetime(2020, 1, 1, 8, tzinfo=dt.timezone.utc))


def test_each_figure_gets_its_own_aliases_list() -> None:
    """A figure read without aliases has an empty list of its own (never one shared list), dumped and described as ``[]``."""
    one = Quantity.model_validate({"name": "people", "value": 1})
    other = Quantity.model_validate({"name": "people", "value": 2})
    assert one.aliases == [] and other.aliases == [] and one.aliases is not other.aliases
    assert one.model_dump()["aliases"] == []
    assert "aliases" not in one.model_fields_set
    assert Quantity.model_json_schema()["properties"]["aliases"]["default"] == []


@given(st.sets(st.sampled_from(["qualifier", "counts", "text", "aliases"])))
def test_records_given_the_same_fields_share_one_set_of_their_names(extra: set[str]) -> None:
    """The names of the fields given are what was given, and records given the same fields hold one set of them."""
    values = {"qualifier": "about", "counts": "total", "text": "some", "aliases": ["folk"]}
    data = {"name": "people", "value": 3, **{k: values[k] for k in extra}}
    one, other = Quantity.model_validate(data), Quantity.model_validate(dict(data))
    assert one.model_fields_set == {"name", "value", *extra}
    assert one.__pydantic_fields_set__ is other.__pydantic_fields_set__
    changed = one.model_copy(update={"value": 4})
    assert changed.model_fields_set >= one.model_fields_set and one.model_fields_set == {"name", "value", *extra}


class _Context(dict[str, object]):
    """A mapping subclass given as the validation context."""


@pytest.mark.parametrize(
    ("context", "reads"),
    [({"zone": "Asia/Baku"}, True), (_Context(zone="Asia/Baku"), True), ({"zone": 5}, False), ({}, False), (None, False), (["Asia/Baku"], False)],
)
def test_a_date_is_read_in_the_zone_the_context_gives(context: object, reads: bool) -> None:
    """An event's date is its whole day in the context's zone when that is text in a dict; else it is refused for want of a zone."""
    data = {"id": "e", "kind": "k", "summary": "s", "occurred": "2020-11-10", "sources": [{"source": "s1"}]}
    if reads:
        event = Event.model_validate(data, context=context)
        assert event.occurred == cftime.Window.day(dt.date(2020, 11, 10), "Asia/Baku")
    else:
        with pytest.raises(ValidationError, match="zone"):
            Event.model_validate(data, context=context)
