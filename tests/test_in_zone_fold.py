"""Writing an instant in another zone keeps the two passes of a repeated hour apart."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pendulum
import pytest

from ceasefire.time import _in_zone, in_zone

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize("first_fold", [0, 1])
@pytest.mark.parametrize("make", [lambda fold: dt.datetime(2025, 10, 26, 1, 30, tzinfo=LONDON, fold=fold),
                                  lambda fold: pendulum.datetime(2025, 10, 26, 1, 30, tz="Europe/London", fold=fold)])
def test_both_passes_of_the_hour_the_clocks_go_back_are_written_as_their_own_instants(first_fold: int, make: object) -> None:
    """01:30 in London on 26 October 2025 happens twice: 00:30 UTC (summer time), then 01:30 UTC.

    Whichever is written first, the other must not be given its answer.
    """
    _in_zone.cache_clear()
    build = make  # type: ignore[assignment]
    expected = {0: dt.datetime(2025, 10, 26, 4, 30), 1: dt.datetime(2025, 10, 26, 5, 30)}  # Baku clock readings, four hours ahead of UTC
    for fold in (first_fold, 1 - first_fold):
        written = in_zone(build(fold), "Asia/Baku")  # type: ignore[operator]
        assert written.replace(tzinfo=None) == expected[fold]
        assert written.utcoffset() == dt.timedelta(hours=4)
        assert written == build(fold).astimezone(dt.timezone.utc)  # type: ignore[operator]
