"""An unaccepted candidate record counts for nothing: not as evidence, and not as a newer version of an accepted record."""

from __future__ import annotations

import pytest

from ceasefire import Tracker, parse_agreement, parse_events

AGREEMENT = {
    "id": "c",
    "title": "c",
    "zone": "Asia/Baku",
    "announced": "2021-03-01",
    "effective": "2021-03-01T00:00:00+04:00",
    "parties": [{"id": "A", "name": "A", "roles": ["party"]}],
    "points": [{"number": 1, "summary": "p", "obligations": [{"id": "d0", "kind": "deadline", "bearers": ["A"], "summary": "d0", "due": {"at": "2021-03-01T10:00:00+04:00"}}]}],
}
ACCEPTED = {"id": "e0", "kind": "handover", "summary": "handed over", "sources": [{"source": "r"}], "version": "2021-03-01T01:00:00+04:00", "occurred": "2021-03-01T02:00:00+04:00",
            "reported": "2021-03-01T03:00:00+04:00", "links": [{"obligation": "d0", "role": "fulfils"}]}
CANDIDATE = {**ACCEPTED, "version": "2021-03-01T05:00:00+04:00", "reported": "2021-03-01T05:00:00+04:00", "status": "candidate"}
LOG = {"sources": [{"id": "r", "title": "a report"}], "covers": [{"start": "2021-03-01T00:00:00+04:00", "end": "2030-12-31T00:00:00+04:00"}], "events": [ACCEPTED, CANDIDATE]}


@pytest.mark.parametrize("known_on", [None, "2021-03-01T04:00:00+04:00"])
def test_an_unaccepted_candidate_revision_leaves_the_accepted_record_current(known_on: str | None) -> None:
    """A candidate correction published after an accepted fulfilment does not withdraw it: still fulfilled, under any cut-off."""
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events(LOG))
    assert str(tracker.obligation_on("d0", "2021-03-01T12:00:00+04:00", known_on=known_on).status) == "fulfilled"


def test_once_candidates_count_the_candidate_is_the_current_version() -> None:
    """With candidates=True the candidate is an ordinary newer version of the same fulfilment: still fulfilled, now resting on it."""
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events(LOG), candidates=True)
    answer = tracker.obligation_on("d0", "2021-03-01T12:00:00+04:00")
    assert str(answer.status) == "fulfilled"


def test_the_bulk_path_leaves_the_candidate_out_too() -> None:
    """Read into the bulk path, the same tracker answers fulfilled as the Tracker does."""
    pytest.importorskip("numpy")
    pytest.importorskip("polars")
    from ceasefire.bulk import build_index, from_tracker

    watched = {**LOG, "covers": [{"start": "2021-03-01T00:00:00+04:00", "end": "8998-12-31T00:00:00+00:00"}]}
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events(watched))
    assert build_index(from_tracker(tracker)).status_at("2021-03-01T12:00:00+04:00") == {"d0": "fulfilled"}
