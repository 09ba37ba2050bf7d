"""Term periods counted from the two passes of a repeated hour are two different periods.

Python calls 01:30 on the first and on the second pass of a clock change equal datetimes. The
period ends the term rule has counted are remembered; that memory must not hand one pass's end to
the other.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ceasefire.engine import term
from ceasefire.model import TermObligation

LONDON = ZoneInfo("Europe/London")
FIRST = dt.datetime(2024, 10, 27, 1, 30, tzinfo=LONDON, fold=0)  # 00:30 UTC, summer time
SECOND = FIRST.replace(fold=1)  # 01:30 UTC, winter time
HOURLY = TermObligation.model_validate({"id": "t", "kind": "term", "summary": "an hour at a time", "bearers": ["AM"], "period": "PT1H", "renewal": "PT1H"})


@pytest.mark.parametrize("order", [(FIRST, SECOND), (SECOND, FIRST)])
def test_each_pass_gets_its_own_period_end(order: tuple[dt.datetime, dt.datetime]) -> None:
    term._PERIOD_ENDS.clear()
    ends = {start.fold: term.term_periods(HOURLY, start, "Europe/London", start)[2] for start in order}
    utc = dt.timezone.utc
    assert ends[0].astimezone(utc) == dt.datetime(2024, 10, 27, 1, 30, tzinfo=utc)
    assert ends[1].astimezone(utc) == dt.datetime(2024, 10, 27, 2, 30, tzinfo=utc)


def test_a_later_renewal_counts_from_the_pass_it_was_given() -> None:
    term._PERIOD_ENDS.clear()
    later = dt.datetime(2024, 10, 27, 5, 0, tzinfo=dt.timezone.utc)
    first = term.term_periods(HOURLY, FIRST, "Europe/London", later)
    second = term.term_periods(HOURLY, SECOND, "Europe/London", later)
    assert first[0] == second[0] + 1  # an hour earlier start: one more renewal by 05:00 UTC
