"""Records given the same fields share one set of their names, and nothing a user can do with a record tells."""

from __future__ import annotations

import pickle

from ceasefire import parse_events

LOG = {
    "sources": [{"id": "s", "title": "a report"}],
    "events": [
        {"id": "a", "kind": "attack", "summary": "first", "occurred": "2021-01-01T00:00:00+00:00", "sources": [{"source": "s"}]},
        {"id": "b", "kind": "attack", "summary": "second", "occurred": "2021-01-02T00:00:00+00:00", "sources": [{"source": "s"}]},
        {"id": "c", "kind": "attack", "summary": "third", "occurred": "2021-01-03T00:00:00+00:00", "place": "Hadrut", "sources": [{"source": "s"}]},
    ],
}


def test_alike_records_share_one_set() -> None:
    """Two events given the same fields hold the same set object; one given another field holds its own."""
    a, b, c = parse_events(LOG).events
    assert a.model_fields_set is b.model_fields_set
    assert c.model_fields_set is not a.model_fields_set
    assert c.model_fields_set == a.model_fields_set | {"place"}
    assert a.sources[0].model_fields_set is b.sources[0].model_fields_set


def test_copies_with_changes_leave_the_shared_set_alone() -> None:
    """model_copy(update=...) marks the new field on the copy only; the originals still report what they were given."""
    a, b, _ = parse_events(LOG).events
    before = set(a.model_fields_set)
    changed = a.model_copy(update={"place": "Shusha"})
    assert "place" in changed.model_fields_set
    assert a.model_fields_set == before and b.model_fields_set == before
    assert "place" not in a.model_dump(exclude_unset=True) and "place" in changed.model_dump(exclude_unset=True)


def test_round_trips_keep_what_was_given() -> None:
    """Dumping only the given fields, and pickling, are as they would be with a set per record."""
    a, _, c = parse_events(LOG).events
    assert set(a.model_dump(exclude_unset=True)) == {"id", "kind", "summary", "occurred", "sources"}
    assert set(c.model_dump(exclude_unset=True)) == {"id", "kind", "summary", "occurred", "sources", "place"}
    again = pickle.loads(pickle.dumps(c))
    assert again == c and again.model_fields_set == c.model_fields_set
