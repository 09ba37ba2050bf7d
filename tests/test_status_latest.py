"""What the tracker prepares for questions asked without a cut-off, and the shortcuts they take, against the plain reading of the same links.

With no cut-off what is known never changes, so each role's known links are
made with the tracker; a progress obligation's figures are folded from its
last report back; a breach history with no lasting breach is read by
bisection; and where no log declares what it watches, the periods watched
are merged once for every obligation. These tests hold each to the plain way.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire import Tracker, parse_agreement, parse_events
from ceasefire.engine.evidence import LinkTable, Linked, order_of
from ceasefire.engine.progress import _fold, _fold_back
from ceasefire.engine.standing import _end
from ceasefire.model import Quantity

AGREEMENT = {
    "id": "latest", "title": "t", "zone": "UTC", "parties": [{"id": "p", "name": "P", "roles": ["party"]}],
    "announced": "2025-01-01", "effective": "2025-01-01T00:00:00Z",
    "points": [{"number": 1, "summary": "s", "obligations": [
        {"id": "returns", "kind": "progress", "bearers": ["p"], "summary": "s", "targets": [{"name": "people", "value": 500, "aliases": ["Persons"]}]},
        {"id": "withdraw", "kind": "deadline", "bearers": ["p"], "summary": "s", "due": {"by": "2025-01-08"}},
        {"id": "calm", "kind": "standing", "bearers": ["p"], "summary": "s"},
    ]}],
    "sources": [{"id": "src", "title": "A report", "published": "2025-01-01"}],
}

RECORD = st.tuples(
    st.integers(1, 10),  # the event it is a version of
    st.lists(st.tuples(st.sampled_from(["returns", "withdraw", "calm"]), st.sampled_from(["advances", "fulfils", "breaches", "ends", "context"])), min_size=1, max_size=2),
    st.integers(0, 12),  # the day it happened
    st.booleans(),  # known only to the day, not to the instant
    st.lists(st.tuples(st.sampled_from(["people", "Persons", "houses"]), st.integers(1, 90), st.booleans()), max_size=2),  # its figures: name, value, increment
)
"""One record: an event's number (its later records are its later versions), its links, when it happened and its figures."""


def _tracker(records: list[tuple[int, list[tuple[str, str]], int, bool, list[tuple[str, int, bool]]]], deleted: list[int]) -> Tracker:
    seen: dict[int, int] = {}
    events: list[dict[str, Any]] = []
    for number, links, day, vague, figures in records:
        seen[number] = seen.get(number, 0) + 1
        events.append({
            "id": f"ev-{number}", "kind": "report", "summary": "s",
            "occurred": f"2025-01-{day + 1:02d}" if vague else f"2025-01-{day + 1:02d}T12:00:00Z", "reported": f"2025-01-{day + 1:02d}T13:00:00Z",
            "version": f"2025-01-{seen[number]:02d}T00:00:00Z",
            "links": [{"obligation": o, "role": r} for o, r in links], "sources": [{"source": "src"}],
            "quantities": [{"name": name, "value": value, "counts": "increment" if increment else "total"} for name, value, increment in figures],
        })
    gone = [{"event": f"ev-{n}", "deleted": "2025-01-20T00:00:00Z"} for n in deleted if n in seen]
    return Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "events": events, "deletions": gone}))


@settings(max_examples=60, deadline=None)
@given(st.lists(RECORD, min_size=1, max_size=14), st.lists(st.integers(1, 10), max_size=2))
def test_each_role_known_without_a_cut_off_is_the_plain_filter(records: list[Any], deleted: list[int]) -> None:
    """Each role's links as the tracker made them for no cut-off are those current with everything loaded, in order (level ones in the order loaded); so are two roles together."""
    tracker = _tracker(records, deleted)
    view = tracker.view("2025-02-01")
    for obligation_id, table in tracker.index.tables.items():
        plain = LinkTable(table.links, table.roles, table.revised)  # made on demand, as a table the tracker did not prepare
        for roles in [(role,) for role in table.roles] + [("advances", "fulfils"), ("fulfils", "advances"), ("breaches", "ends")]:
            wanted = [table.links[n] for n in sorted(table.in_roles(roles), key=lambda n: (table.links[n].order, n)) if view.is_current(table.links[n].event)]
            assert list(view._known(obligation_id, roles)) == wanted, (obligation_id, roles)
            if len(roles) == 1 and roles[0] != "context":
                made = table.made(roles[0])
                assert made is not None and list(made) == wanted
                kept, gone = view._kept(obligation_id, table)
                assert kept is None and list(plain.latest(roles[0], gone)) == wanted
                for moment in (dt.datetime(2025, 1, day, hour, tzinfo=dt.timezone.utc) for day in range(1, 15) for hour in (0, 12, 23)):
                    fresh = [i for i in wanted if i.occurred is not None]
                    assert made.surely(moment) == [i for i in fresh if i.order[0] <= int(moment.timestamp()) * 1_000_000]
                    assert made.maybe(moment) == [i for i in fresh if i.occurred is not None and i.occurred.earliest <= moment < i.occurred.latest]


@settings(max_examples=60, deadline=None)
@given(st.lists(RECORD, min_size=1, max_size=14), st.lists(st.integers(1, 10), max_size=2))
def test_the_figure_names_noted_with_the_links_are_those_the_links_give(records: list[Any], deleted: list[int]) -> None:
    """What the tracker notes of each obligation's figures as it files the links (their names, whether an event may give one twice) is what the links themselves say."""
    tracker = _tracker(records, deleted)
    for table in tracker.index.tables.values():
        plain = LinkTable(table.links, table.roles, table.revised)
        assert table.spellings() == plain.spellings()
        figured = [item.figures for item in table.links if item.figures is not None]
        ids = [figures[0] for figures in figured]
        assert (plain.spellings() is None) == (len(set(ids)) < len(ids))
        if plain.spellings() is not None:
            assert plain.spellings() == {figure[2] for figures in figured for figure in figures[1]}


FIGURE = st.tuples(st.sampled_from(["people", "People", "Persons", "tents"]), st.integers(1, 50), st.sampled_from(["exactly", "about", "at least"]), st.booleans())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(FIGURE, max_size=3), max_size=12), st.integers(0, 12))
def test_folding_from_the_last_report_back_is_folding_in_order(reports: list[list[tuple[str, int, str, bool]]], split: int) -> None:
    """Figures folded from the last report back equal those folded in order, from nothing or carried on from an earlier run, where no figure is met twice."""
    targets = [Quantity(name="people", value=100, aliases=["persons"])]
    items = []
    for n, figures in enumerate(reports):
        quantities = [Quantity(name=name, value=value, qualifier=qualifier, counts="increment" if increment else "total") for name, value, qualifier, increment in figures]
        given = None if not figures else (f"ev-{n}", tuple((p, q.name.casefold(), q.name, q.value, q.qualifier, q.counts == "increment", q) for p, q in enumerate(quantities)))
        items.append(SimpleNamespace(figures=given))
    spellings = frozenset(name for figures in reports for name, *_ in figures) | {"unreported"}  # a name no report gives keeps nothing from settling early
    before: dict[str, Any] = {}
    _fold(before, items[:split], targets, set())
    for start, carried in ((0, {}), (split, before)):
        forward, back = dict(carried), dict(carried)
        _fold(forward, items[start:], targets, set())
        _fold_back(back, items[start:], targets, spellings)
        assert back == forward
        exact = dict(carried)
        _fold_back(exact, items[start:], targets, frozenset(name for figures in reports for name, *_ in figures))
        assert exact == forward


@settings(max_examples=60, deadline=None)
@given(st.lists(RECORD, min_size=1, max_size=14), st.integers(0, 14))
def test_a_breach_history_with_no_lasting_breach_is_the_plain_one(records: list[Any], day: int) -> None:
    """With no lasting breach, the history holds from the end of the breach surely over last (the first such), as a pass over the breaches finds it."""
    tracker = _tracker(records, [])
    at = dt.datetime(2025, 1, day + 1, 23, 59, 59, 999999, tzinfo=dt.timezone.utc)
    found = tracker.obligation_on("calm", at)
    breaches = sorted((i for i in tracker.view(at).linked("calm", "breaches") if i.occurred is not None and i.occurred.latest <= at), key=order_of)
    history = found.breach_history
    if history is None or not breaches:
        return
    last: Linked | None = None
    for item in breaches:
        if last is None or (item.over or 0) > (last.over or 0):
            last = item
    assert last is not None
    assert history.count == len(breaches)
    if not history.ongoing:
        assert history.holding_since == _end(last)


def test_where_no_log_declares_what_it_watches_every_obligation_is_watched_alike() -> None:
    """Without declared coverage the periods watched are one merge shared by every obligation, the same as each would find alone; with it, each has its own."""
    events = [{"id": f"ev-{n}", "kind": "report", "summary": "s", "occurred": f"2025-01-{n:02d}T12:00:00Z", "reported": f"2025-01-{n + 1:02d}T13:00:00Z",
               "links": [{"obligation": "calm", "role": "context"}], "sources": [{"source": "src"}]} for n in (2, 5)]
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "events": events}))
    view = tracker.view("2025-01-10")
    shared = view.spans("calm")
    assert view.spans("withdraw") is shared and shared == view._spans("withdraw") == view._spans(None)
    assert view.inferred("calm") and view.inferred("returns")
    declared = parse_events({"zone": "UTC", "events": events, "covers": [{"from": "2025-01-01", "to": "2025-01-04", "obligations": ["calm"]}]})
    watched = Tracker(parse_agreement(AGREEMENT), declared).view("2025-01-10")
    assert watched.spans("calm") and not watched.spans("withdraw") and not watched.inferred("calm")
