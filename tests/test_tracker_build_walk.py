"""The tracker's one walk reads what the checks would read, however it reads it.

The walk takes each event's and link's fields from the dictionary pydantic
keeps them in, notes the obligations a log's links name as each obligation
gets its place in the index, and keeps the ids and versions of records that
may repeat so that the duplicate checks need not read those records again.
These tests hold each shortcut to the plain reading: the model's own
attributes, :meth:`LogFacts.add` event by event, and counts of every id.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from ceasefire import DuplicateIdError, Tracker, parse_agreement, parse_events
from ceasefire.engine import tracker as tracker_module
from ceasefire.model import Event, EventLog, Link
from ceasefire.validation import LogFacts, dated_sources

START = "2024-05-01T00:00:00+03:00"

AGREEMENT = parse_agreement({
    "id": "walk", "title": "walk", "zone": "Europe/Kyiv", "announced": START, "effective": START,
    "parties": [{"id": "A", "name": "A", "roles": ["party"]}],
    "points": [{"number": 1, "summary": "p", "obligations": [
        {"id": f"o{n}", "kind": "standing", "bearers": ["A"], "summary": f"obligation {n}"} for n in range(6)
    ]}],
})

SOURCES = [{"id": "paper", "title": "a paper", "published": "2024-05-03T10:00:00+03:00"}, {"id": "undated", "title": "no date line"}]


def _event(name: str, *obligations: str, **more: Any) -> dict[str, Any]:
    return {"id": name, "kind": "report", "summary": name, "occurred": "2024-05-02T08:00:00+03:00", "sources": [{"source": "paper"}],
            "links": [{"obligation": o, "role": "breaches"} for o in obligations], **more}


FIRST = [
    _event("plain", "o0"),
    _event("maybe", "o1", status="candidate"),  # only a candidate names o1
    _event("unplaced", "o2", sources=[{"source": "undated"}]),  # no time it was reported: only it names o2
    _event("revised", "o0", version="2024-05-04T00:00:00+00:00"),
    _event("revised", "o3", version="2024-05-05T00:00:00+00:00"),
    _event("ends", ends_agreement={"how": "collapsed"}),
    _event("argued", "o0", discrepancies=[{"about": "occurred", "claims": [
        {"value": "the 2nd", "citation": {"source": "paper"}}, {"value": "the 3rd", "citation": {"source": "undated"}}]}]),
]
SECOND = [_event("again", "o0", "o4"), _event("revised", "o3", version="2024-05-06T00:00:00+00:00"), _event("other", "o5")]


def _logs() -> tuple[EventLog, ...]:
    return tuple(parse_events({"zone": "Europe/Kyiv", "sources": SOURCES, "events": events}) for events in (FIRST, SECOND))


def test_fields_read_from_the_models_dictionary_are_the_models_attributes() -> None:
    """Every field of an event and of a link sits in the instance's ``__dict__`` under its own name, as the very object its attribute gives."""
    full = parse_events({"zone": "Europe/Kyiv", "sources": SOURCES, "events": [_event(
        "full", "o0", until="2024-05-02T20:00:00+03:00", reported="2024-05-02T21:00:00+03:00", actors=["A"], place="a town",
        quantities=[{"name": "people", "value": 3}], disputed_by=[{"party": "A"}],
        note="n", version="2024-05-04T00:00:00+00:00", record={"dataset": "ACLED", "id": "4"},
        ends_agreement={"how": "collapsed"}, occurred_text="at dawn",
    )]}).events[0]
    for item, model in ((full, Event), (full.links[0], Link)):
        assert set(item.__dict__) == set(model.model_fields)
        for name in model.model_fields:
            assert item.__dict__[name] is getattr(item, name), name


@pytest.mark.parametrize("candidates", [False, True])
def test_what_the_walk_gathers_for_the_checks_is_what_each_event_gives_alone(candidates: bool) -> None:
    """Each log's facts equal :meth:`LogFacts.add` over its events, and the ids and versions kept are those of the records that may repeat."""
    logs = _logs()
    entries, _ = tracker_module._entries(AGREEMENT)
    sources = {s.id: s for log in logs for s in log.sources}
    revised = {"revised", "plain"}  # any superset of the repeated ids: "plain" stands for an id only a deletion names
    walked = tracker_module._walk(AGREEMENT, entries, logs, sources, [{}, dict(sources)], candidates, revised)
    for log, found in zip(logs, walked.facts):
        plain = LogFacts(dated_sources(sources))
        for e_i, event in enumerate(log.events):
            plain.add(e_i, event)
        assert (found.linked, found.cited, found.undated) == (plain.linked, plain.cited, plain.undated)
        assert found.endings == [e_i for e_i, event in enumerate(log.events) if event.ends_agreement is not None]
        assert found.repeats == [e_i for e_i, event in enumerate(log.events) if event.id in revised]
        assert found.versions == [(log.events[n].id, log.events[n].version) for n in found.repeats]
    first, second = walked.facts
    assert first.linked == {"o0", "o1", "o2", "o3"} and second.linked == {"o0", "o3", "o4", "o5"}  # o0 and o3 named in both logs


def test_the_records_of_each_id_are_counted_per_log_and_across_logs() -> None:
    """A log's event count is its distinct ids; ids unique in each log but shared by two are revisions, not refused; one log repeating an id is."""
    logs = _logs()
    tracker = Tracker(AGREEMENT, parse_events({"zone": "Europe/Kyiv", "sources": SOURCES, "events": [e for e in FIRST if e["id"] != "unplaced"]}), logs[1])
    given = [[e["id"] for e in FIRST if e["id"] != "unplaced"], [e["id"] for e in SECOND]]
    assert [found.events for found in tracker.data_sources()] == [len(set(ids)) for ids in given]
    assert [found.versions for found in tracker.data_sources()] == [len(ids) for ids in given]
    counts = Counter(given[0] + given[1])
    assert set(tracker.index.histories) == {key for key, count in counts.items() if count > 1} == {"revised"}
    unique = Tracker(AGREEMENT, parse_events({"zone": "Europe/Kyiv", "sources": SOURCES, "events": [_event("a", "o0"), _event("b", "o1")]}))
    assert unique.data_sources()[0].events == 2 and not unique.index.histories
    with pytest.raises(DuplicateIdError, match=r"events\[2\]\.id.*the event id 'a' used 2 times"):
        Tracker(AGREEMENT, parse_events({"zone": "Europe/Kyiv", "sources": SOURCES, "events": [_event("a", "o0"), _event("b", "o1"), _event("a", "o2")]}))
