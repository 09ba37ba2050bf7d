"""Law 9: agreements and event logs survive being dumped to JSON-ready data and read back."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given

from ceasefire import Agreement, EventLog, parse_agreement, parse_events
from ceasefire.testing import strategies as cs
from ceasefire.time import instant

from ._cases import Case
from ._compare import written
from ._laws import LAWS, round_trip

OLD, NEWER = dt.datetime(1850, 1, 1, tzinfo=dt.timezone.utc), dt.datetime(1925, 1, 1, tzinfo=dt.timezone.utc)


@given(LAWS["round_trip"][1])
def test_round_trip(case: Case) -> None:
    """Every generated agreement and log, with its instants in any zones, reads back equal after a dump."""
    round_trip(case)


@given(cs.agreements_with_logs(min_value=OLD, max_value=NEWER, max_events=3))
def test_round_trip_of_historic_offsets(pair: tuple[Agreement, EventLog]) -> None:
    """Instants from before zones kept whole-minute offsets (Moscow was +02:30:17 until 1919) read back equal too."""
    agreement, log = pair
    assert written(parse_agreement(agreement.model_dump(mode="json"))) == written(agreement)
    assert written(parse_events(log.model_dump(mode="json"))) == written(log)


def test_offset_with_seconds_reads_back() -> None:
    """An ISO instant whose offset has seconds, as Python writes it, is read as that same instant."""
    written = dt.datetime(1900, 1, 1, tzinfo=ZoneInfo("Asia/Kathmandu")).isoformat()
    assert written.endswith("+05:41:16")
    assert instant(written) == dt.datetime(1899, 12, 31, 18, 18, 44, tzinfo=dt.timezone.utc)
