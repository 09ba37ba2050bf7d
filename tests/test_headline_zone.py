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
    assert answer.headline == "holding: no breach reported since 2000-01-04 (1 breach in the loaded evidence)"


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


def test_evidence_ending_within_the_day_asked_gives_its_hour() -> None:
    """A log watching to the end of a day at +04:00 ends at 23:59 the day before in a UTC agreement; the headline names that hour and zone, not a whole day."""
    log = parse_events(
        {
            "zone": "Asia/Baku",
            "covers": [{"from": "2000-01-01", "to": "2000-01-10"}],
            "sources": [{"id": "s", "title": "a report", "published": "2000-01-02T00:00:00+00:00"}],
            "events": [],
        }
    )
    tracker = Tracker(parse_agreement(AGREEMENT), log)
    inside = tracker.obligation_on("s", "2000-01-10")
    assert inside.headline == "unmonitored by the loaded evidence (watched only to just before 2000-01-10 20:00 UTC, when no breach had yet been reported)"
    whole = Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "covers": [{"from": "2000-01-01", "to": "2000-01-10"}], "events": []}))
    assert whole.obligation_on("s", "2000-01-12").headline == "unmonitored by the loaded evidence (watched only to the end of 2000-01-10, when no breach had yet been reported)"


def test_a_duty_waiting_on_another_names_it() -> None:
    """An obligation that binds once another is fulfilled says which one beside 'not yet in force', and stops saying it once it binds."""
    agreement = parse_agreement(
        {
            **AGREEMENT,
            "points": [
                {"number": 1, "summary": "p", "obligations": [
                    {"id": "open", "kind": "progress", "bearers": ["A"], "summary": "open the road"},
                    {"id": "guard", "kind": "standing", "bearers": ["A"], "summary": "guard the road", "depends_on": "open"},
                ]}
            ],
        }
    )
    log = parse_events(
        {
            "zone": "UTC",
            "covers": [{"from": "2000-01-01", "to": "2000-12-31"}],
            "sources": [{"id": "s", "title": "a report", "published": "2000-03-01T00:00:00+00:00"}],
            "events": [{"id": "o", "kind": "report", "summary": "opened", "occurred": "2000-03-01T00:00:00+00:00", "links": [{"obligation": "open", "role": "fulfils"}], "sources": [{"source": "s"}]}],
        }
    )
    tracker = Tracker(agreement, log)
    before = tracker.obligation_on("guard", "2000-02-01")
    assert (before.waits_on, before.headline) == ("open", "not yet in force (binds once open is fulfilled)")
    after = tracker.obligation_on("guard", "2000-04-01")
    assert after.waits_on is None and after.status.value == "complied"


def test_an_uncertain_day_names_the_event_and_how_it_is_dated() -> None:
    """A breach dated only to a day in Baku leaves the last hour of the Moscow day before it open: the headline names the event and its day in its own zone."""
    agreement = parse_agreement({**AGREEMENT, "zone": "Europe/Moscow"})
    log = parse_events(
        {
            "zone": "Asia/Baku",
            "covers": [{"from": "2000-01-01", "to": "2000-12-31"}],
            "sources": [{"id": "s", "title": "a report", "published": "2000-01-06"}],
            "events": [{"id": "clash", "kind": "attack", "summary": "a clash", "occurred": "2000-01-05", "links": [{"obligation": "s", "role": "breaches"}], "sources": [{"source": "s"}]}],
        }
    )
    tracker = Tracker(agreement, log)
    before = tracker.obligation_on("s", "2000-01-04")
    assert before.status.value == "uncertain"
    assert before.uncertain_by is not None and before.uncertain_by[0] == "clash"
    assert before.headline == "uncertain (clash is known only to within 2000-01-05 Asia/Baku)"
    assert tracker.obligation_on("s", "2000-01-05").uncertain_by is None


def test_a_fulfilment_straddling_its_deadline_is_named() -> None:
    """A handover known only to a window that straddles its deadline leaves the status uncertain; the headline names the report and window, and says it was done once it surely was."""
    agreement = parse_agreement(
        {**AGREEMENT, "points": [{"number": 1, "summary": "p", "obligations": [{"id": "d", "kind": "deadline", "bearers": ["A"], "summary": "hand over", "due": {"at": "2000-01-05T12:00:00+00:00"}}]}]}
    )
    log = parse_events(
        {
            "zone": "UTC",
            "covers": [{"from": "2000-01-01", "to": "2000-12-31"}],
            "sources": [{"id": "s", "title": "a report", "published": "2000-01-07"}],
            "events": [{"id": "handover", "kind": "handover", "summary": "handed over", "occurred": {"earliest": "2000-01-05T06:00:00+00:00", "latest": "2000-01-05T18:00:00+00:00"},
                        "links": [{"obligation": "d", "role": "fulfils"}], "sources": [{"source": "s"}]}],
        }
    )
    tracker = Tracker(agreement, log)
    found = tracker.obligation_on("d", "2000-01-08")
    assert found.status.value == "uncertain"
    assert found.headline == "uncertain: fulfilled, on time or late (handover is known only to within 2000-01-05 06:00 .. 2000-01-05 18:00 UTC)"
    inside = tracker.obligation_on("d", "2000-01-05T15:00:00+00:00")  # past the deadline, and the handover not surely made yet
    assert inside.headline == "uncertain (handover is known only to within 2000-01-05 06:00 .. 2000-01-05 18:00 UTC)"
