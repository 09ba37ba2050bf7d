"""A ``breached`` headline names the breach it rests on and when it happened, as the other headlines name theirs."""

from __future__ import annotations

import json

import pytest

import ceasefire
from _hourly import at, hourly_tracker
from ceasefire.render import export

STANDING = {"id": "s", "kind": "standing", "bearers": ["A"], "summary": "hold"}
DEADLINE = {"id": "d", "kind": "deadline", "bearers": ["A"], "summary": "leave", "due": {"at": "2021-03-10T00:00:00+04:00"}}
KEPT = {"id": "p", "kind": "progress", "bearers": ["A"], "summary": "open", "kept": True}


def _breach(event_id: str, obligation: str, occurred: str, **more: object) -> dict[str, object]:
    return {"id": event_id, "occurred": occurred, "reported": occurred, "links": [{"obligation": obligation, "role": "breaches"}], **more}


def test_the_bundled_corridor_names_the_checkpoint_and_its_start() -> None:
    """On 1 October 2023 the corridor is breached by the Hakari checkpoint, under way since 23 April with no report of its end."""
    answer = ceasefire.status_on("2023-10-01")["6.corridor"]
    assert answer.headline == "breached (rec.corridor-checkpoint-control-2023, from 2023-04-23 Asia/Baku with no report of its end)"
    assert answer.breached_by is not None
    assert (answer.breached_by.event_id, answer.breached_by.ongoing, answer.breached_by.until) == ("rec.corridor-checkpoint-control-2023", True, None)


def test_a_single_breach_is_named_on_its_day_and_later_ones_are_counted() -> None:
    """A one-off breach reads with its day; with two known, the headline names the one under way and counts both."""
    tracker = hourly_tracker([STANDING], [_breach("e1", "s", at(5)), _breach("e2", "s", at(30))])
    first = tracker.obligation_on("s", "2021-03-01")
    assert first.headline == "breached (e1, 2021-03-01 05:00 Asia/Baku)"
    second = tracker.obligation_on("s", "2021-03-02")
    assert second.headline == "breached (e2, 2021-03-02 06:00 Asia/Baku; 2 breaches in the loaded evidence)"
    assert str(tracker.obligation_on("s", "2021-03-03").status) == "holding"
    assert tracker.obligation_on("s", "2021-03-03").breached_by is None


def test_a_lasting_breach_says_when_it_ended_or_that_nothing_has_ended_it_yet() -> None:
    """A breach from 1 to 4 March reads with both ends; known before the report of its end, it reads as under way with no report of its end."""
    first = {**_breach("e1", "s", at(5)), "ongoing": True, "version": at(5)}
    ended = {**_breach("e1", "s", at(5)), "until": at(80), "reported": at(81), "version": at(81)}
    tracker = hourly_tracker([STANDING], [first, ended])
    later = tracker.obligation_on("s", "2021-03-02")
    assert later.headline == "breached (e1, 2021-03-01 05:00 until 2021-03-04 08:00 Asia/Baku)"
    assert later.breached_by is not None and later.breached_by.until is not None and not later.breached_by.ongoing
    then = tracker.obligation_on("s", "2021-03-02", known_on="2021-03-03")
    assert then.headline == "breached (e1, from 2021-03-01 05:00 Asia/Baku with no report of its end)"


@pytest.mark.parametrize(("obligations", "events", "oid", "expected"), [
    ([DEADLINE], [_breach("b", "d", at(26))], "d", "breached (b, 2021-03-02 02:00 Asia/Baku)"),
    ([KEPT], [{"id": "done", "occurred": at(2), "reported": at(2), "links": [{"obligation": "p", "role": "fulfils"}]},
              {**_breach("undo", "p", at(30)), "ongoing": True}], "p", "breached (undo, from 2021-03-02 06:00 Asia/Baku with no report of its end)"),
])
def test_deadline_and_kept_work_name_their_breach(obligations: list[dict[str, object]], events: list[dict[str, object]], oid: str, expected: str) -> None:
    """A deadline broken before it was met, and kept work undone by a breach under way, name the breach as a standing obligation does."""
    assert hourly_tracker(obligations, events).obligation_on(oid, "2021-03-04").headline == expected


def test_the_json_record_carries_the_breach() -> None:
    """The status JSON gives the breach's id, when it happened, and that no report has ended it; a status not breached gives null."""
    document = json.loads(export.to_json(ceasefire.status_on("2023-10-01")))
    found = {o["obligation_id"]: o["breached_by"] for o in document["obligations"]}
    assert found["6.corridor"] == {"event_id": "rec.corridor-checkpoint-control-2023",
                                   "occurred": {"earliest": "2023-04-23T00:00:00+04:00", "latest": "2023-04-23T23:59:59.999999+04:00"},
                                   "until": None, "ongoing": True}
    assert found["2.aghdam"] is None


@pytest.mark.parametrize("written", [
    {"earliest": "2021-03-02T00:00:00+04:00", "latest": "2021-03-02T23:59:59.999999+04:00"},
    {"earliest": "2021-03-01T20:00:00Z", "latest": "2021-03-02T19:59:59.999999Z"},
    "2021-03-02",
])
def test_a_headline_reads_the_breach_in_the_agreements_zones_however_it_was_written(written: object) -> None:
    """A breach on a Baku day reads as that day in an agreement kept in Moscow time with Baku as its local zone, whether the file wrote it
    with an offset, in UTC or as a date: never as Moscow hours ("2021-03-01 23:00 .. just before 2021-03-02 23:00")."""
    from ceasefire import Tracker, parse_agreement, parse_events

    agreement = parse_agreement({
        "id": "m", "title": "m", "zone": "Europe/Moscow", "local_zone": "Asia/Baku", "announced": "2021-03-01", "effective": "2021-03-01T00:00:00+03:00",
        "parties": [{"id": "A", "name": "A", "roles": ["party"]}], "points": [{"number": 1, "summary": "p", "obligations": [STANDING]}],
    })
    log = parse_events({"zone": "Asia/Baku", "covers": [{"from": "2021-03-01", "to": "2021-12-31"}], "sources": [{"id": "r", "title": "a report", "published": "2021-03-03"}],
                        "events": [{"id": "e1", "kind": "attack", "summary": "e1", "occurred": written, "sources": [{"source": "r"}],
                                    "links": [{"obligation": "s", "role": "breaches"}]}]})
    tracker = Tracker(agreement, log)
    answer = tracker.obligation_on("s", "2021-03-02")
    assert answer.headline == "breached (e1, 2021-03-02 Asia/Baku)"
    from ceasefire.render._terminal import explanation

    # the explanation's evidence lines read the same way (the report and the notebook share the rule)
    assert "    occurred 2021-03-02 (Asia/Baku); first reported 2021-03-03 (Asia/Baku)" in [str(line) for line in explanation(answer, "Europe/Moscow")]
    assert tracker.obligation_on("s", "2021-03-10").headline == "holding: no breach reported since 2021-03-02 (1 breach in the loaded evidence)"
