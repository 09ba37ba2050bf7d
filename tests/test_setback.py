"""A setback (work undone, not a breach by a bearer) is shown with the status and never decides it."""

from __future__ import annotations

import json

from ceasefire import Tracker, parse_agreement, parse_events
from ceasefire.render import _records

AGREEMENT = {
    "id": "s",
    "title": "s",
    "zone": "UTC",
    "announced": "2021-01-01",
    "effective": "2021-01-01T00:00:00Z",
    "parties": [{"id": "A", "name": "A", "roles": ["party"]}],
    "points": [{"number": 1, "summary": "p", "obligations": [{"id": "returns", "kind": "progress", "bearers": ["A"], "summary": "people return"}]}],
}
LOG = {
    "covers": [{"start": "2021-01-01T00:00:00Z", "end": "2021-12-31T00:00:00Z"}],
    "sources": [{"id": "r", "title": "a report", "published": "2021-06-01T00:00:00Z"}],
    "events": [
        {"id": "first-returns", "kind": "return", "summary": "the first families return", "occurred": "2021-02-01[UTC]",
         "links": [{"obligation": "returns", "role": "advances"}], "sources": [{"source": "r"}]},
        {"id": "flight", "kind": "displacement", "summary": "the returnees leave again after fighting nearby",
         "occurred": {"earliest": "2021-03-10T00:00:00Z", "latest": "2021-03-12T23:59:59.999999Z"},
         "links": [{"obligation": "returns", "role": "setback", "note": "work undone; no source says a bearer caused it"}], "sources": [{"source": "r"}]},
    ],
}


def tracker() -> Tracker:
    return Tracker(parse_agreement(AGREEMENT), parse_events(LOG))


def test_a_setback_is_named_in_the_headline_and_changes_no_status() -> None:
    """Before the setback the line reads plain 'in progress'; after it, still 'in progress', naming the setback and when it happened."""
    t = tracker()
    before, after = t.obligation_on("returns", "2021-03-01"), t.obligation_on("returns", "2021-04-01")
    assert before.headline == "in progress"
    assert str(after.status) == "in progress"
    assert after.headline == "in progress (setback reported: flight, 2021-03-10 .. 2021-03-12 UTC)"


def test_a_setback_is_in_the_evidence_and_the_json() -> None:
    """The setback is listed in the evidence with its role and note, and the status JSON names it."""
    answer = tracker().obligation_on("returns", "2021-04-01")
    assert [(e.event_id, e.role) for e in answer.evidence] == [("first-returns", "advances"), ("flight", "setback")]
    assert "flight" in answer.explain()
    record = json.loads(json.dumps(_records.obligation(answer, "UTC")))
    assert record["setback"]["event_id"] == "flight"


def test_a_setback_not_yet_reported_is_not_shown() -> None:
    """Under a cut-off before the report was published, the setback is unknown: the headline does not name it."""
    answer = tracker().obligation_on("returns", "2021-04-01", known_on="2021-05-01")
    assert answer.setback is None
