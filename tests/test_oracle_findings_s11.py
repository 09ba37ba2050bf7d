"""What the reference evaluator's fourth part found the engine saying wrongly, each as a plain case of the engine's own.

The reference (``tests/_oracle.py``) now also holds an ``uncertain`` answer to
naming, in ``uncertain_by`` and its headline, an event whose window leaves the
answer open (docs/concepts.md, the status vocabulary: "an event window
straddles a deadline ... The headline names the event and its window"). For
a deadline, two shapes named an event that leaves nothing open. Both are
fixed in ``engine/deadline.py`` the same session: the answer names the first
fulfilment whose window straddles the deadline, or the first event that may
still have been on time.
"""

from __future__ import annotations

from typing import Any

from ceasefire import Tracker, parse_agreement, parse_events

AGREEMENT = {
    "id": "f",
    "title": "f",
    "zone": "Asia/Baku",
    "announced": "2021-03-13",
    "effective": "2021-03-13T00:00:00+04:00",
    "parties": [{"id": "A", "name": "A", "roles": ["party"]}],
    "points": [{"number": 1, "summary": "p", "obligations": [{"id": "d0", "kind": "deadline", "bearers": ["A"], "summary": "d0", "due": {"at": "2021-03-13T10:00:00+04:00"}}]}],
}


def handover(event_id: str, earliest: str, latest: str, reported: str) -> dict[str, Any]:
    """A fulfilment of ``d0`` known to have happened between two instants of 13 or 14 March 2021 (Baku time)."""
    occurred: Any = earliest if earliest == latest else {"earliest": earliest, "latest": latest}
    return {"id": event_id, "kind": "handover", "summary": event_id, "sources": [{"source": "r"}], "occurred": occurred, "reported": reported,
            "links": [{"obligation": "d0", "role": "fulfils"}]}


def tracker(*events: dict[str, Any]) -> Tracker:
    log = {"zone": "Asia/Baku", "sources": [{"id": "r", "title": "a report"}], "covers": [{"from": "2021-03-13", "to": "2030-12-31"}], "events": list(events)}
    return Tracker(parse_agreement(AGREEMENT), parse_events(log))


def test_f14_an_uncertain_fulfilment_names_the_handover_that_straddles_the_deadline() -> None:
    """F14: a handover surely after the 10:00 deadline (12:00) and one known only to 05:00 .. 05:00 the next day leave it uncertain, because of the second.

    The first to close is the late one, at 12:00; the engine named it as the
    one "reported within 12:00, which straddles the deadline", which is false:
    12:00 is after 10:00. The answer must name ``e0``, the handover whose
    window straddles the deadline.
    """
    found = tracker(
        handover("e0", "2021-03-13T05:00:00+04:00", "2021-03-14T05:00:00+04:00", "2021-03-14T06:00:00+04:00"),
        handover("e1", "2021-03-13T12:00:00+04:00", "2021-03-13T12:00:00+04:00", "2021-03-13T13:00:00+04:00"),
    ).obligation_on("d0", "2021-03-14T07:00:00+04:00")
    assert str(found.status) == "uncertain"
    assert found.uncertain_by is not None and found.uncertain_by[0] == "e0"
    assert "e0" in found.headline and "e1" not in found.headline


def test_f15_an_overdue_that_may_not_be_names_the_handover_that_could_have_been_on_time() -> None:
    """F15: past a 10:00 deadline, two handovers not surely done yet: one known to 15:00 .. 01:00 (which cannot have been on time), one to 05:00 .. 11:00 the next day (which can).

    The status is uncertain because of the second; the engine named the first
    to close, "e0 may have happened by the deadline 10:00 or after it
    (15:00 .. 01:00)", which is false: it began after the deadline.
    """
    found = tracker(
        handover("e0", "2021-03-13T15:00:00+04:00", "2021-03-14T01:00:00+04:00", "2021-03-13T15:00:00+04:00"),
        handover("e1", "2021-03-13T05:00:00+04:00", "2021-03-14T11:00:00+04:00", "2021-03-13T05:00:00+04:00"),
    ).obligation_on("d0", "2021-03-13T20:00:00+04:00")
    assert str(found.status) == "uncertain"
    assert found.uncertain_by is not None and found.uncertain_by[0] == "e1"
    assert "e1" in found.headline and "e0" not in found.headline
