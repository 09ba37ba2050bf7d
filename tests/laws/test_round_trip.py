"""Law 9: agreements and event logs survive being dumped to JSON-ready data and read back."""

from __future__ import annotations

from hypothesis import given

from ._cases import Case
from ._laws import LAWS, round_trip


@given(LAWS["round_trip"][1])
def test_round_trip(case: Case) -> None:
    """Every generated agreement and log, with its instants in any zones, reads back equal after a dump."""
    round_trip(case)
