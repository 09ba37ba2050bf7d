"""Integer sort keys of instants (time.micros) and UTC forms (time.utc) agree with the instants themselves, in any zone."""

from __future__ import annotations

import datetime as dt

from hypothesis import given

from ceasefire.testing import strategies as cs
from ceasefire.time import micros, utc

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
