"""Laws 7 and 8: a date is a day in the reference zone, and renewable terms land on calendar anniversaries."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given

from ._cases import Case, Term
from ._compare import resolve
from ._laws import LAWS, dates_are_days, renewal_arithmetic, whole_days


@given(LAWS["dates_are_days"][1])
def test_dates_are_days(case: Case) -> None:
    """A date asks about the whole day: deadlines and terms as at its last instant, standing duties over the whole day."""
    dates_are_days(case)


@given(LAWS["whole_days"][1])
def test_whole_days(case: Case) -> None:
    """A breach inside one day makes that date breached, never the instant before the breach."""
    whole_days(case)


@given(LAWS["renewal_arithmetic"][1])
@example(Term("Europe/Moscow", resolve(dt.datetime(2024, 2, 29, 12), "Europe/Moscow"), {"years": 1}, {"years": 1}, {"months": 6}, 4))
@example(Term("America/New_York", resolve(dt.datetime(2021, 1, 31, 2, 30), "America/New_York"), {"months": 1}, {"months": 1}, {"days": 14}, 4))
@example(Term("Australia/Lord_Howe", resolve(dt.datetime(2020, 10, 4, 2, 15), "Australia/Lord_Howe"), {"years": 5}, {"years": 5}, {"months": 6}, 3))
@example(Term("America/Havana", resolve(dt.datetime(2024, 2, 29), "America/Havana"), {"years": 2, "days": 4}, {"days": 2}, None, 3))
def test_renewal_arithmetic(term: Term) -> None:
    """Term periods end, and notice falls due, where calendar arithmetic on the zone's wall clock puts them."""
    renewal_arithmetic(term)
