"""What the walk shares when the tracker is built is what the plain constructors give.

The walk reads an event's figures once for all of its links that name no
figures of their own, and looks each obligation's lists up once. These tests
hold each to the plain reading (``figures_of`` per link, ``Linked(...)``), and a
revised event's history to its versions and deletion in order.
"""

from __future__ import annotations

from ceasefire import Tracker, parse_agreement, parse_events
from ceasefire.engine.evidence import Linked, figures_of

AGREEMENT = {
    "id": "shared", "title": "t", "zone": "Asia/Baku", "parties": [{"id": "p", "name": "P", "roles": ["party"]}],
    "announced": "2025-01-01", "effective": "2025-01-01T00:00:00Z",
    "points": [{"number": 1, "summary": "s", "obligations": [
        {"id": "returns", "kind": "progress", "bearers": ["p"], "summary": "s", "targets": [{"name": "people", "value": 500}]},
        {"id": "tents", "kind": "progress", "bearers": ["p"], "summary": "s", "targets": [{"name": "tents", "value": 50}]},
        {"id": "calm", "kind": "standing", "bearers": ["p"], "summary": "s", "exemptions": [{"actors": ["police"]}]},
    ]}],
    "sources": [{"id": "src", "title": "A report", "published": "2025-01-01"}],
}

QUANTITIES = [{"name": "people", "value": 100}, {"name": "Tents", "value": 3, "counts": "increment"}]


def _event(name: str, day: int, links: list[dict[str, object]], **more: object) -> dict[str, object]:
    return {"id": name, "kind": "report", "summary": "s", "occurred": f"2025-01-{day:02d}T12:00:00Z", "reported": f"2025-01-{day:02d}T13:00:00Z",
            "links": links, "sources": [{"source": "src"}], **more}


EVENTS = [
    # links naming no figures before and after one that names some: each keeps its own
    _event("mixed", 2, [{"obligation": "returns", "role": "advances"}, {"obligation": "tents", "role": "advances", "quantities": ["Tents"]},
                        {"obligation": "returns", "role": "fulfils"}], quantities=QUANTITIES),
    _event("named-first", 3, [{"obligation": "tents", "role": "advances", "quantities": ["Tents"]}, {"obligation": "returns", "role": "advances"},
                              {"obligation": "tents", "role": "fulfils"}], quantities=QUANTITIES),
    _event("bare", 4, [{"obligation": "returns", "role": "advances"}, {"obligation": "tents", "role": "advances"}]),
    # screened links: over before the obligation took effect, and a breach by exempted actors only; a context link is never set aside
    _event("before", 1, [{"obligation": "calm", "role": "breaches"}, {"obligation": "calm", "role": "context"}],
           occurred="2024-12-30T12:00:00Z", reported="2024-12-31T13:00:00Z"),
    _event("police", 5, [{"obligation": "calm", "role": "breaches"}, {"obligation": "returns", "role": "context"}], actors=["police"]),
    _event("army", 6, [{"obligation": "calm", "role": "breaches"}], actors=["army"]),
    # a revised event: a version stamped after its first report, then a correction, then a deletion
    _event("moved", 7, [{"obligation": "returns", "role": "advances"}], version="2025-01-09T00:00:00Z", quantities=[{"name": "people", "value": 10}]),
    _event("moved", 7, [{"obligation": "returns", "role": "advances"}], version="2025-01-10T00:00:00Z", quantities=[{"name": "people", "value": 20}]),
    _event("kept", 8, [{"obligation": "tents", "role": "advances"}], version="2025-01-08T12:00:00Z"),
    _event("kept", 8, [{"obligation": "tents", "role": "advances"}], version="2025-01-11T00:00:00Z"),
]


def _tracker() -> Tracker:
    log = parse_events({"zone": "UTC", "events": EVENTS, "deletions": [{"event": "kept", "deleted": "2025-01-12T00:00:00Z"}]})
    return Tracker(parse_agreement(AGREEMENT), log)


def test_each_link_keeps_its_own_figures_when_its_event_has_several_links() -> None:
    """Every link's figures are ``figures_of`` its own event and link, and what ``Linked`` itself reads, whichever link of the event comes first."""
    tracker = _tracker()
    seen = 0
    for items in tracker.index.links.values():
        for item in items:
            assert item.figures == figures_of(item.event, item.link) == Linked(item.event, item.link, item.reported).figures, (item.event.id, item.link)
            assert item == Linked(item.event, item.link, item.reported)
            assert item.order == Linked(item.event, item.link, item.reported).order
            seen += item.figures is not None and item.link.quantities is not None
    assert seen == 2  # the two links naming Tents
    named = [i.figures for i in tracker.index.links["tents"] if i.event.id in ("mixed", "named-first") and i.link.quantities is not None]
    assert named and all(f is not None and [x[2] for x in f[1]] == ["Tents"] for f in named)


def test_each_obligations_lists_are_filed_as_the_links_come() -> None:
    """Each obligation's roles point at its own links, its report keys follow its links, and only counted links it objects to are set aside."""
    tracker = _tracker()
    for key, table in tracker.index.tables.items():
        for role, positions in table.roles.items():
            assert [table.links[n].link.role for n in positions] == [role] * len(positions)
            assert all(table.links[n].link.obligation == key for n in positions)
        assert sorted(n for positions in table.roles.values() for n in positions) == list(range(len(table.links)))
    calm = tracker.index.tables["calm"]
    refused = {(item.event.id, item.link.role) for item in calm.links if id(item) in calm._refused}  # type: ignore[operator]
    assert refused == {("before", "breaches"), ("police", "breaches")}
    assert not any(id(item) in tracker.index.tables["returns"]._refused for item in tracker.index.tables["returns"].links)  # type: ignore[operator]


def test_revised_histories_hold_each_version_and_deletion_in_order() -> None:
    """Each revised event's history holds its versions, then its deletion; a first version stamped after its first report counts from the report."""
    tracker = _tracker()
    assert set(tracker.index.histories) == {"moved", "kept"}
    for history in tracker.index.histories.values():
        for item in history:
            assert (item.event is None) == (item.kind == "deletion") == (item.deletion is not None)
    moved = tracker.history("moved")
    assert [r.at.isoformat() for r in moved] == ["2025-01-07T13:00:00+00:00", "2025-01-10T00:00:00+00:00"]
    assert [r.kind for r in tracker.history("kept")] == ["version", "version", "deletion"]
    assert tracker.history("kept")[0].at.isoformat() == "2025-01-08T12:00:00+00:00"  # stamped before its report: kept
