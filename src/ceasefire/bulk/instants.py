"""Instants as integers: microseconds since 1970-01-01T00:00:00Z.

The bulk path stores every instant as an int64 count of microseconds since
the Unix epoch in UTC. These helpers turn what a user asks about (a date, an
aware datetime, an ISO 8601 string) into that integer and back, through
:mod:`ceasefire.time`, so a date still means its last instant in a named zone
and a naive datetime is still refused.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..time import in_zone, moment

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
ONE = dt.timedelta(microseconds=1)
_EPOCH_DAY = EPOCH.toordinal()


def micros(value: Any, zone: str = "UTC", *, where: str = "when") -> int:
    """``value`` (a date, an aware datetime, an ISO string or an int of microseconds) as microseconds since the epoch.

    A date means its last microsecond in ``zone``; a naive datetime raises
    :class:`~ceasefire.NaiveDatetimeError`.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    utc = moment(value, zone, where=where).astimezone(dt.timezone.utc)
    seconds = (utc.toordinal() - _EPOCH_DAY) * 86_400 + utc.hour * 3_600 + utc.minute * 60 + utc.second
    return seconds * 1_000_000 + utc.microsecond


def instant(value: int, zone: str = "UTC") -> dt.datetime:
    """Microseconds since the epoch as an aware datetime in ``zone``."""
    return in_zone(EPOCH + value * ONE, zone)
