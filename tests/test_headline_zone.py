"""A headline names days in the agreement's reference zone, whatever zone an event's instants were written in."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from ceasefire import Tracker, parse_agreement, parse_events

AGREEMENT = {
    "id": "z",
    "title": "z",
    "zone": "UTC",
    "announced": "2000-01-01",
    "effective": "2000-01-01T00:00:00+00:00",
    "parties": [{"id": "A", "name": "A", "roles": ["party"]}],
    "points": [{"number": 1, "summary": "p", "obligations": [{"id": "s", "kind": "standing", "bearers": ["A"], "summary": "s"}]}],
}


@pytest.mark.parametrize("when", [dt.datetime(2000, 1, 5, 11, 48, tzinfo=ZoneInfo("Pacific/Kiritimati")), "2000-01-05T11:48:00+14:00", "2000-01-04T21:48:00Z"])
def test_holding_since_is_dated_in_the_reference_zone(when: object) -> None:
    """21:48 UTC on 4 January is the 5th at +14:00; in a UTC agreement the headline names the 4th however the breach was written."""
    log = parse_events(
        {
            "covers": [{"start": "2000-01-01T00:00:00+00:00", "end": "2000-12-31T00:00:00+00:00"}],
            "sources": [{"id": "s", "title": "a report", "published": "2000-01-06T00:00:00+00:00"}],
            "events": [{"id": "e", "kind": "attack", "summary": "e", "occurred": when, "links": [{"obligation": "s", "role": "breaches"}], "sources": [{"source": "s"}]}],
        }
    )
    answer = Tracker(parse_agreement(AGREEMENT), log).obligation_on("s", "2000-02-01")
    assert answer.headline == "holding: no breach reported since 2000-01-04 (1 breach(es) reported)"


def test_just_before_a_minute_reads_the_same_whatever_the_machine_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The last microsecond before a minute reads 'just before' that minute even on a machine whose own clock is not on UTC."""
    import time

    from ceasefire.render.display import instant
    from ceasefire.time import instant as parse

    monkeypatch.setenv("TZ", "America/Caracas")
    time.tzset()
    try:
        assert instant(parse("2020-11-15T22:59:59.999999+04:00"), "Asia/Baku") == "just before 2020-11-15 23:00"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
