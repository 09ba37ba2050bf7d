"""The shortcuts of the first ``status_on`` under a cut-off give the answers the plain way gives.

The first question under a cut-off prepares each obligation's links once (what
is known then, what is current, in order) and reads the rest from them; these
tests hold each shortcut to a plain reading of the same links.
"""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire import Tracker, parse_agreement, parse_events
from ceasefire.engine.evidence import View, order_of

AGREEMENT = {
    "id": "first", "title": "t", "zone": "UTC", "parties": [{"id": "p", "name": "P", "roles": ["party"]}],
    "announced": "2025-01-01", "effective": "2025-01-01T00:00:00Z",
    "points": [{"number": 1, "summary": "s", "obligations": [
        {"id": "returns", "kind": "progress", "bearers": ["p"], "summary": "s", "targets": [{"name": "people", "value": 500}]},
        {"id": "calm", "kind": "standing", "bearers": ["p"], "summary": "s"},
    ]}],
    "sources": [{"id": "src", "title": "A report", "published": "2025-01-01"}],
}


def test_a_brief_view_is_the_view_with_brief_set() -> None:
    """``View.briefly`` gives what ``attrs.evolve(view, brief=True)`` gives, field by field (a field added to View must be carried by both)."""
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "events": []}))
    view = tracker.view("2025-01-05", known_on="2025-01-03")
    assert view.start is not None and view.known_on is not None
    quick, plain = view.briefly(), attrs.evolve(view, brief=True)
    for field in attrs.fields(View):
        assert getattr(quick, field.name) is getattr(plain, field.name), field.name
    assert quick.briefly() is quick


def test_links_of_one_event_in_two_roles_keep_the_order_loaded() -> None:
    """An event linked to one obligation in two roles sorts level with itself: asked about both roles, its links come in the order the event lists them."""
    links = [{"obligation": "returns", "role": "fulfils"}, {"obligation": "returns", "role": "advances"}]
    events = [
        {"id": "early", "kind": "report", "summary": "s", "occurred": "2025-01-02T12:00:00Z", "reported": "2025-01-02T13:00:00Z",
         "links": [{"obligation": "returns", "role": "advances"}], "sources": [{"source": "src"}]},
        {"id": "both", "kind": "report", "summary": "s", "occurred": "2025-01-03T12:00:00Z", "reported": "2025-01-03T13:00:00Z", "links": links, "sources": [{"source": "src"}]},
    ]
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "events": events}))
    found = tracker.view("2025-01-05").linked("returns", "advances", "fulfils")
    assert [(i.event.id, i.link.role) for i in found] == [("early", "advances"), ("both", "fulfils"), ("both", "advances")]


REVISION = st.tuples(st.integers(1, 12), st.sampled_from(["advances", "fulfils", "breaches", "context"]), st.integers(0, 12))
"""One record: the event it is a version of (its number), its role, and the day it happened; an event's later records are its later versions."""


@settings(max_examples=50, deadline=None)
@given(st.lists(REVISION, min_size=1, max_size=16), st.lists(st.integers(1, 12), max_size=3), st.integers(0, 16), st.one_of(st.none(), st.integers(0, 16)))
def test_known_links_under_a_cut_off_are_the_plain_filter(records: list[tuple[int, str, int]], deleted: list[int], day: int, cutoff: int | None) -> None:
    """Under any cut-off, each role's links are those whose version is current then and first reported by then, in order, as a pass over every link with ``is_current`` and ``knows`` finds them.

    Versions and deletions fall on either side of the cut-off, so a cut-off
    splits histories: the link of an older version counts until a newer one
    is published, and none counts once a deletion is.
    """
    seen: dict[int, int] = {}
    events = []
    for n, role, when in records:
        version = seen[n] = seen.get(n, -1) + 1
        obligation = "calm" if role == "breaches" else "returns"
        events.append({"id": f"ev-{n}", "version": f"2025-01-{version + 1:02d}T06:00:00Z", "kind": "report", "summary": "s",
                       "occurred": f"2025-01-{when + 1:02d}T12:00:00Z", "reported": f"2025-01-{when + 1:02d}T13:00:00Z",
                       "links": [{"obligation": obligation, "role": role}], "sources": [{"source": "src"}]})
    deletions = [{"event": f"ev-{n}", "deleted": f"2025-01-{n + 2:02d}T18:00:00Z"} for n in sorted(set(deleted)) if n in seen]
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "events": events, "deletions": deletions}))
    known_on = None if cutoff is None else dt.datetime(2025, 1, cutoff + 1, 12, tzinfo=dt.timezone.utc)
    view = tracker.view(dt.date(2025, 1, day + 1), known_on=known_on)
    for obligation, roles in (("returns", ("advances",)), ("returns", ("fulfils",)), ("returns", ("advances", "fulfils")), ("returns", ("context",)), ("calm", ("breaches",))):
        table = tracker.index.table(obligation)
        plain = sorted((i for i in table.links if i.link.role in roles and view.knows(i.reported) and view.is_current(i.event)), key=order_of)
        assert list(view.linked(obligation, *roles)) == plain, (obligation, roles)


def test_holding_since_the_end_of_the_breach_that_ended_last() -> None:
    """A standing obligation holds since every known breach was over: a long breach that began first and ended last sets it, not the short one after it."""
    events = [
        {"id": "long", "kind": "blockade", "summary": "s", "occurred": "2025-01-02T00:00:00Z", "until": "2025-01-10T00:00:00Z", "reported": "2025-01-02T06:00:00Z",
         "links": [{"obligation": "calm", "role": "breaches"}], "sources": [{"source": "src"}]},
        {"id": "short", "kind": "shelling", "summary": "s", "occurred": "2025-01-05T12:00:00Z", "reported": "2025-01-05T13:00:00Z",
         "links": [{"obligation": "calm", "role": "breaches"}], "sources": [{"source": "src"}]},
    ]
    watched = [{"from": "2025-01-01T00:00:00Z", "to": "2025-12-31T00:00:00Z"}]
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "events": events, "covers": watched}))
    found = tracker.obligation_on("calm", "2025-01-12")
    assert found.breach_history is not None
    assert (found.status.value, found.breach_history.count, found.breach_history.holding_since) == ("holding", 2, dt.datetime(2025, 1, 10, tzinfo=dt.timezone.utc))
    assert found.reasons[0].startswith("no breach reported since 2025-01-10 00:00;")
    under_way = tracker.obligation_on("calm", "2025-01-07")
    assert under_way.status.value == "breached" and under_way.breach_history is not None and under_way.breach_history.holding_since is None


def test_a_figure_added_to_under_an_alias_names_the_alias() -> None:
    """Reports that name a target by an alias count toward the target, and the figure says which name the last report used, for a total and for what an increment adds alike."""
    agreement = {**AGREEMENT, "points": [{"number": 1, "summary": "s", "obligations": [
        {"id": "returns", "kind": "progress", "bearers": ["p"], "summary": "s", "targets": [{"name": "people", "value": 500, "aliases": ["persons"]}]}]}]}

    def report(n: int, value: int, counts: str) -> dict[str, object]:
        return {"id": f"ev-{n}", "kind": "return", "summary": "s", "occurred": f"2025-01-0{n}T12:00:00Z", "reported": f"2025-01-0{n}T13:00:00Z",
                "links": [{"obligation": "returns", "role": "advances"}], "sources": [{"source": "src"}],
                "quantities": [{"name": "persons", "value": value, "counts": counts, "qualifier": "exactly"}]}

    tracker = Tracker(parse_agreement(agreement), parse_events({"zone": "UTC", "events": [report(2, 100, "total"), report(3, 50, "increment")]}))
    first = tracker.obligation_on("returns", "2025-01-02").quantities
    both = tracker.obligation_on("returns", "2025-01-03").quantities
    assert [(q.name, q.value, q.reported_as) for q in first] == [("people", 100, "persons")]
    assert [(q.name, q.value, q.reported_as) for q in both] == [("people", 150, "persons")]


def test_an_answer_past_the_evidence_says_so_first() -> None:
    """Past the end of what the evidence watches, a status resting on silence is ``unmonitored``, and the written answer says first why and where the evidence ends (the brief run that gives the status alone does not write it)."""
    watched = [{"from": "2025-01-01T00:00:00Z", "to": "2025-01-05T23:59:59Z"}]
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "events": [], "covers": watched}))
    found = tracker.obligation_on("calm", "2025-01-12")
    assert found.status.value == "unmonitored" and found.horizon is not None and found.horizon.last_known is not None
    assert found.reasons[0] == (
        "complied as far as reports go, but no loaded evidence watches calm over 2025-01-12; "
        "the evidence ends at 2025-01-05 23:59:59, when no breach had yet been reported"
    )
