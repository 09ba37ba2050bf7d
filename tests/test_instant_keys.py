"""Integer sort keys of instants (time.micros) and UTC forms (time.utc) agree with the instants themselves, in any zone."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ceasefire.testing import strategies as cs
from ceasefire.time import micros, moment, utc

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
MICRO = dt.timedelta(microseconds=1)


def between(later: dt.datetime, earlier: dt.datetime) -> int:
    """Microseconds from ``earlier`` to ``later`` by the standard library's subtraction (pendulum's own returns its own span type)."""
    return dt.datetime.__sub__(later, earlier) // MICRO


@given(cs.instants(), cs.instants())
def test_micros_orders_and_measures_like_the_instants(one: dt.datetime, other: dt.datetime) -> None:
    """micros gives the exact microseconds since 1970 in UTC, so keys compare as the instants do, whatever zones they are written in (including repeated hours)."""
    assert micros(one) == between(utc(one), EPOCH)
    assert (micros(one) < micros(other)) == (utc(one) < utc(other))
    assert micros(one) - micros(other) == between(utc(one), utc(other))
    assert micros(one) == micros(one)  # the remembered pair gives the same answer the second time


@given(cs.instants())
def test_utc_is_the_same_instant_in_utc(value: dt.datetime) -> None:
    """utc writes the instant in UTC without moving it, and keeps an instant already in UTC as it is."""
    found = utc(value)
    assert found.utcoffset() == dt.timedelta(0) and found.timestamp() == value.timestamp()
    assert utc(found) is found


@given(cs.instants(timezones=st.sampled_from(["UTC"])), st.integers(-14 * 60, 14 * 60))
def test_micros_of_an_instant_read_with_its_offset(value: dt.datetime, minutes: int) -> None:
    """An instant read from text with a written offset (a fixed zone, as loaded files give) keys the same as the same instant by subtraction."""
    offset = dt.timedelta(minutes=minutes)
    local = (value + offset).replace(tzinfo=None).isoformat(timespec="microseconds")
    sign, size = ("-" if minutes < 0 else "+"), abs(minutes)
    read = moment(f"{local}{sign}{size // 60:02d}:{size % 60:02d}", "UTC")
    assert type(read.tzinfo).__name__ == "FixedTimezone" or minutes == 0
    assert micros(read) == between(utc(value), EPOCH)
    assert micros(read) == between(read, EPOCH)
    assert micros(utc(read)) == micros(read)  # written in UTC by the standard library
