"""What the tracker works out once when it is built, for the first ``status_on``, is what a question would otherwise work out itself.

Each link's figures, each role's links in order, the links in order of their
first reports, which versions are current at a cut-off, and whether an
obligation's links hold any lasting or disputed event are now prepared with
the tracker. These tests hold each to the plain reading it replaces.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire import Tracker, parse_agreement, parse_events
from ceasefire.engine.evidence import Linked, Ordered, figures_of, order_of
from ceasefire.engine.progress import measures
from ceasefire.engine.revisions import Revision, Versions, current

AGREEMENT = {
    "id": "prepared", "title": "t", "zone": "Europe/Berlin", "parties": [{"id": "p", "name": "P", "roles": ["party"]}, {"id": "q", "name": "Q", "roles": ["party"]}],
    "announced": "2025-01-01", "effective": "2025-01-01T00:00:00Z",
    "points": [{"number": 1, "summary": "s", "obligations": [
        {"id": "returns", "kind": "progress", "bearers": ["p"], "summary": "s", "targets": [{"name": "people", "value": 500, "aliases": ["returnees"]}]},
        {"id": "calm", "kind": "standing", "bearers": ["p"], "summary": "s"},
        {"id": "quiet", "kind": "standing", "bearers": ["p"], "summary": "s"},
    ]}],
    "sources": [{"id": "src", "title": "A report", "published": "2025-01-01"}],
}


def _event(name: str, day: int, links: list[dict[str, object]], **more: object) -> dict[str, object]:
    return {"id": name, "kind": "report", "summary": "s", "occurred": f"2025-01-{day:02d}T12:00:00Z", "reported": f"2025-01-{day:02d}T13:00:00Z",
            "links": links, "sources": [{"source": "src"}], **more}


EVENTS = [
    _event("a", 2, [{"obligation": "returns", "role": "advances"}], quantities=[{"name": "people", "value": 100}, {"name": "tents", "value": 3}]),
    _event("b", 3, [{"obligation": "returns", "role": "advances", "quantities": ["Returnees"]}],
           quantities=[{"name": "Returnees", "value": 50, "counts": "increment", "qualifier": "at least"}, {"name": "people", "value": 9}]),
    _event("c", 4, [{"obligation": "returns", "role": "advances"}, {"obligation": "returns", "role": "fulfils"}], quantities=[{"name": "people", "value": 600}]),
    _event("d", 4, [{"obligation": "returns", "role": "advances"}]),
    _event("blockade", 5, [{"obligation": "calm", "role": "breaches"}], until="2025-01-07T00:00:00Z"),
    _event("denied", 6, [{"obligation": "calm", "role": "breaches"}], disputed_by=[{"party": "q"}]),
    _event("shot", 6, [{"obligation": "quiet", "role": "breaches"}], version="2025-01-06T13:00:00Z"),
    _event("vague", 6, [{"obligation": "quiet", "role": "breaches"}, {"obligation": "returns", "role": "advances"}], occurred={"earliest": "2025-01-03T00:00:00Z", "latest": "2025-01-05T18:00:00Z"},
           version="2025-01-06T13:00:00Z"),
    _event("vague", 6, [{"obligation": "quiet", "role": "breaches"}], occurred={"earliest": "2025-01-04T00:00:00Z", "latest": "2025-01-05T12:00:00Z"}, version="2025-01-07T13:00:00Z"),
    _event("later", 8, [{"obligation": "quiet", "role": "breaches"}], occurred={"earliest": "2025-01-07T00:00:00Z", "latest": "2025-01-07T06:00:00Z"}, reported="2025-01-08T13:00:00Z"),
    _event("shot", 6, [{"obligation": "quiet", "role": "breaches"}], version="2025-01-08T00:00:00Z"),
]


def _tracker(events: list[dict[str, object]] = EVENTS) -> Tracker:
    return Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "events": events, "deletions": [{"event": "d", "deleted": "2025-01-09T00:00:00Z"}]}))


def test_each_link_keeps_the_figures_its_event_reports_through_it() -> None:
    """A link's figures are its event's id and the quantities its link names (all when it names none), each as the fold reads it; none for an event reporting none."""
    tracker = _tracker()
    seen = 0
    for items in tracker.index.links.values():
        for item in items:
            chosen = measures(item)
            places = [p for p, q in enumerate(item.event.quantities) if any(q is c for c in chosen)]  # each figure with its place among the event's figures
            plain = None if not item.event.quantities else (item.event.id, tuple((p, q.name.casefold(), q.name, q.value, q.qualifier, q.counts == "increment", q) for p, q in zip(places, chosen, strict=True)))
            assert item.figures == plain, item.event.id
            assert Linked(item.event, item.link, item.reported).figures == item.figures == figures_of(item.event, item.link)
            seen += item.figures is not None
    assert seen == 4  # a, b and c twice
    figures = {q.name: (q.value, q.qualifier) for q in tracker.obligation_on("returns", "2025-01-03").quantities}
    assert figures == {"people": (150, "at least"), "tents": (3, "exactly")}  # the increment under an alias adds to the total; b's own 'people' is not its link's


def test_each_role_is_sorted_once_as_a_stable_sort_would() -> None:
    """A role's links as prepared are the role's positions sorted by their order, links that sort level in the order loaded, with their closing keys."""
    tracker = _tracker()
    for table in tracker.index.tables.values():
        for role, positions in table.roles.items():
            chosen, keys, items, windowed, wide = table.in_order(role)
            assert chosen == sorted(positions, key=lambda n: (table.links[n].order, n))
            assert items == [table.links[n] for n in chosen] and keys == [i.order[0] for i in items]
            assert [items[i] for i in windowed] == [i for i in items if i.order[1] < i.order[0]]
            assert wide == max((i.order[0] - i.order[1] for i in items), default=0)


def test_roles_asked_together_at_every_cut_off_are_the_known_links_in_order() -> None:
    """What a question reads for steps and completions together is, at every cut-off, the links reported by then and current then, in order."""
    tracker = _tracker(EVENTS[::-1])
    table = tracker.index.table("returns")
    for cut in (None, *(dt.datetime(2025, 1, day, hour, tzinfo=dt.timezone.utc) for day in range(1, 11) for hour in (0, 13))):
        view = tracker.view(dt.datetime(2025, 1, 20, tzinfo=dt.timezone.utc), known_on=cut)
        seen = list(view.linked("returns", "advances", "fulfils"))
        wanted = [table.links[n] for n in sorted(table.in_roles(("advances", "fulfils")), key=lambda n: (table.links[n].order, n))
                  if (cut is None or table.links[n].reported.latest <= cut) and view.is_current(table.links[n].event)]
        assert seen == wanted, cut
        assert seen == list(view.linked("returns", "fulfils", "advances")), "the order the roles are named in changes nothing"


def test_plain_tables_have_no_lasting_or_disputed_events() -> None:
    """Only an obligation with no lasting and no disputed event is plain; the runs made from it say what a pass over their events says."""
    tracker = _tracker()
    assert {k: t.plain for k, t in tracker.index.tables.items()} == {"returns": True, "calm": False, "quiet": True}
    for when, known_on in (("2025-01-08", None), ("2025-01-10", None), ("2025-01-10", "2025-01-07")):
        tracker.status_on(when, known_on=known_on)
        view = tracker.view(when, known_on=known_on)
        runs = [found for key, found in view.memo.items() if key[0] in ("known", "linked")]
        assert runs
        for run in runs:
            assert isinstance(run, Ordered)
            fresh = Ordered.of_sorted(list(run))
            assert run.settled() == fresh.settled() and run.lasting() == fresh.lasting()
            assert run._wide() >= fresh._wide() and run._ready() == fresh._ready()
            for moment in INSTANTS[3:] + [dt.datetime(2025, 1, day, hour, tzinfo=dt.timezone.utc) for day in range(1, 10) for hour in (0, 12, 13)]:
                assert run.maybe(moment) == fresh.maybe(moment) and run.surely(moment) == fresh.surely(moment)
                assert run.around(moment - dt.timedelta(days=1), moment) == fresh.around(moment - dt.timedelta(days=1), moment)
            assert [run.disputed(n) for n in range(len(run) + 1)] == [fresh.disputed(n) for n in range(len(run) + 1)]
            assert list(run) == sorted(run, key=order_of)


BERLIN_Z, BERLIN_P = ZoneInfo("Europe/Berlin"), pendulum.timezone("Europe/Berlin")
INSTANTS = [
    dt.datetime(2025, 10, 26, 2, 30, tzinfo=BERLIN_Z),  # the hour the clocks went back: the first pass
    dt.datetime(2025, 10, 26, 2, 30, fold=1, tzinfo=BERLIN_Z),  # and the second
    dt.datetime(2025, 10, 26, 2, 45, tzinfo=BERLIN_Z),
    dt.datetime(2025, 10, 26, 1, 10, tzinfo=dt.timezone.utc),  # in between, by the clock of the world
    dt.datetime(2025, 3, 30, 2, 30, tzinfo=BERLIN_Z),  # a local time that was skipped
    dt.datetime(2025, 3, 30, 1, 5, tzinfo=dt.timezone.utc),
    dt.datetime(2025, 10, 26, 2, 30, tzinfo=BERLIN_P),
    dt.datetime(2025, 10, 25, 23, 59, tzinfo=BERLIN_P),
    pendulum.datetime(2025, 10, 26, 4, 0, tz="UTC"),
    dt.datetime(2025, 10, 26, 3, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(range(len(INSTANTS))), st.booleans()), min_size=1, max_size=4), min_size=1, max_size=4),
       st.one_of(st.none(), st.sampled_from(range(len(INSTANTS)))))
def test_the_current_versions_at_a_cut_off_are_those_current_finds(shapes: list[list[tuple[int, bool]]], cut: int | None) -> None:
    """Whatever zones the versions and the cut-off are in, repeated and skipped local times included, the prepared histories name the versions :func:`current` names."""
    events = [parse_events({"zone": "UTC", "events": [_event(f"e{i}", 2, [])]}).events[0] for i in range(16)]
    histories: dict[str, tuple[Revision, ...]] = {}
    for h, shape in enumerate(shapes):
        items = [Revision(f"h{h}", INSTANTS[i], "version" if kept else "deletion", "f", event=events[(4 * h + n) % 16] if kept else None) for n, (i, kept) in enumerate(shape)]
        items.sort(key=lambda r: (r.at, 0 if r.kind == "version" else 1))  # as the histories are sorted
        histories[f"h{h}"] = tuple(items)
    cutoff = None if cut is None else INSTANTS[cut]
    plain = {id(current(history, cutoff)) for history in histories.values()}
    found = Versions(histories).current_ids(cutoff)
    assert found is None or found == plain
    if cutoff is None or cutoff.utcoffset() == cutoff.replace(fold=1 - cutoff.fold).utcoffset():
        assert found is not None  # only a repeated or skipped cut-off leaves the answer to current()
