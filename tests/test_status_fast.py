"""The fifteenth session's shortcuts in ``status_on`` give the answers the plain way gives.

Each test holds one shortcut to a plain reading: a role nothing links in,
links known only to a window found by their prepared keys, an answer's
parts kept once per cut-off (bearers, proposals), and instants compared by
their integer keys where they sit in different zones.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire import Tracker, parse_agreement, parse_events
from ceasefire.engine.evidence import order_of
from ceasefire.engine.rules import _bearers, _before

AGREEMENT = {
    "id": "fast", "title": "t", "zone": "UTC", "parties": [{"id": "p", "name": "P", "roles": ["party"]}],
    "announced": "2025-01-01", "effective": "2025-01-01T00:00:00Z",
    "points": [{"number": 1, "summary": "s", "obligations": [
        {"id": "returns", "kind": "progress", "bearers": ["p"], "summary": "s", "targets": [{"name": "people", "value": 500}]},
        {"id": "calm", "kind": "standing", "bearers": ["p"], "summary": "s"},
    ]}],
    "sources": [{"id": "src", "title": "A report", "published": "2025-01-01"}],
}

RECORD = st.tuples(st.integers(1, 8), st.sampled_from(["advances", "fulfils", "breaches"]), st.integers(0, 12), st.integers(0, 3))
"""One record: the event it is a version of (its number), its role, the day its window opens, and how many more days the window spans."""


@settings(max_examples=60, deadline=None)
@given(st.lists(RECORD, min_size=1, max_size=14), st.lists(st.integers(1, 8), max_size=2), st.integers(0, 16), st.one_of(st.none(), st.integers(0, 16)))
def test_links_that_may_have_happened_are_the_plain_filter(records: list[tuple[int, str, int, int]], deleted: list[int], day: int, cutoff: int | None) -> None:
    """Under any cut-off, the links that may but need not have happened by an instant are those known and current then whose window holds it.

    Day-long windows and versions on either side of the cut-off make the
    run a filter of the role's prepared links, whose windowed links are then
    found by the prepared keys; the plain reading tests every link.
    """
    seen: dict[int, int] = {}
    events = []
    for n, role, opens, span in records:
        version = seen[n] = seen.get(n, -1) + 1
        window = f"2025-01-{opens + 1:02d}T12:00:00Z" if span == 0 else {"earliest": f"2025-01-{opens + 1:02d}T00:00:00Z", "latest": f"2025-01-{opens + 1 + span:02d}T00:00:00Z"}
        events.append({"id": f"ev-{n}", "version": f"2025-01-{version + 1:02d}T06:00:00Z", "kind": "report", "summary": "s",
                       "occurred": window, "reported": f"2025-01-{opens + span + 2:02d}T13:00:00Z",
                       "links": [{"obligation": "calm" if role == "breaches" else "returns", "role": role}], "sources": [{"source": "src"}]})
    deletions = [{"event": f"ev-{n}", "deleted": f"2025-01-{n + 2:02d}T18:00:00Z"} for n in sorted(set(deleted)) if n in seen]
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "events": events, "deletions": deletions}))
    known_on = None if cutoff is None else dt.datetime(2025, 1, cutoff + 1, 12, tzinfo=dt.timezone.utc)
    view = tracker.view(dt.date(2025, 1, day + 1), known_on=known_on)
    at = dt.datetime(2025, 1, day + 1, 12, tzinfo=dt.timezone.utc)
    for obligation, role in (("returns", "advances"), ("returns", "fulfils"), ("calm", "breaches")):
        plain = sorted((i for i in tracker.index.table(obligation).links if i.link.role == role and view.knows(i.reported) and view.is_current(i.event)), key=order_of)
        run = view.linked(obligation, role)
        assert list(run) == plain, (obligation, role)
        assert run.maybe(at) == [i for i in plain if i.occurred is not None and i.occurred.earliest <= at < i.occurred.latest], (obligation, role)
        assert run.surely(at) == [i for i in plain if i.occurred is not None and i.occurred.latest <= at], (obligation, role)


def test_a_role_nothing_links_in_is_an_empty_run() -> None:
    """Asked about a role none of its links are in, an obligation's run is empty, whatever the instant, with or without a cut-off."""
    events = [{"id": "step", "kind": "report", "summary": "s", "occurred": {"earliest": "2025-01-02T00:00:00Z", "latest": "2025-01-04T00:00:00Z"}, "reported": "2025-01-05T13:00:00Z",
               "links": [{"obligation": "returns", "role": "advances"}], "sources": [{"source": "src"}]}]
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "events": events}))
    at = dt.datetime(2025, 1, 3, tzinfo=dt.timezone.utc)
    for known_on in (None, "2025-01-06"):
        view = tracker.view("2025-01-10", known_on=known_on)
        for role in ("fulfils", "breaches", "ends", "context"):
            run = view.linked("returns", role)
            assert list(run) == [] and run.surely(view.at) == [] and run.maybe(at) == [] and run.lasting() == [] and run.disputed(5) == frozenset(), role
        assert [i.event.id for i in view.linked("returns", "advances").maybe(at)] == ["step"]


SUCCEEDED = {
    **AGREEMENT,
    "parties": [{"id": "p", "name": "P", "roles": ["party"], "successors": ["q", "r"], "succeeded": "2025-03-01"},
                {"id": "q", "name": "Q", "roles": ["party"]}, {"id": "r", "name": "R", "roles": ["party"]}],
    "points": [{"number": 1, "summary": "s", "obligations": [
        {"id": "calm", "kind": "standing", "bearers": ["p", "q"], "summary": "s"},
        {"id": "quiet", "kind": "standing", "bearers": ["q", "r", "q"], "summary": "s"},
        {"id": "held", "kind": "standing", "bearers": ["p"], "summary": "s", "answerable": ["r"]},
    ]}],
    "amendments": [{"id": "am-1", "kind": "suspend", "obligation": "calm", "summary": "a pause", "status": "proposed", "agreed": "2025-02-01", "announced": "2025-02-01",
                    "sources": [{"source": "src"}]}],
}


def test_bearers_answerable_and_proposals_are_read_as_at_each_instant() -> None:
    """Bearers kept once per cut-off are still read at each instant where a succession can change them; the other parts are as the plain reading gives them.

    Two dates under one cut-off share what it kept: a party succeeded in
    between gives way to its successors at the later date only.
    """
    tracker = Tracker(parse_agreement(SUCCEEDED), parse_events({"zone": "UTC", "events": []}))
    for known_on in (None, "2025-06-01"):
        before = tracker.status_on("2025-02-15", known_on=known_on)
        after = tracker.status_on("2025-03-15", known_on=known_on)
        assert [o.bearers for o in before.obligations] == [("p", "q"), ("q", "r"), ("p",)]
        assert [o.bearers for o in after.obligations] == [("q", "r"), ("q", "r"), ("q", "r")]
        for report in (before, after):
            view = tracker.view(report.at, known_on=known_on)
            agreement = tracker.agreement
            for item, obligation in zip(report.obligations, (o for p in agreement.points for o in p.obligations)):
                assert item.bearers == _bearers(obligation.bearers, view)
                assert item.answerable == tuple(obligation.answerable)
            assert report["calm"].proposals == ("am-1",) and report["quiet"].proposals == ()
    unannounced = tracker.status_on("2025-03-15", known_on="2025-01-15")
    assert unannounced["calm"].proposals == ()


ZONES = [dt.timezone.utc, dt.timezone(dt.timedelta(hours=4)), ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Baku"), pendulum.timezone("Asia/Baku"), pendulum.timezone("Europe/Berlin"),
         pendulum.FixedTimezone(4 * 3600)]
"""Zones of both kinds the engine meets: the standard library's and pendulum's, fixed offsets and zones with daylight saving time."""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.datetimes(min_value=dt.datetime(2010, 1, 1), max_value=dt.datetime(2030, 1, 1)), st.sampled_from(range(len(ZONES))), st.booleans()), min_size=2, max_size=6))
def test_comparing_by_keys_is_comparing_the_instants(values: list[tuple[dt.datetime, int, bool]]) -> None:
    """``_before`` says what ``<`` says for every pair, in the same zone object (local times, folds and gaps included) or not, however the limits follow one another for one obligation."""
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "events": []}))
    view = tracker.view("2025-01-10")
    instants = [local.replace(tzinfo=ZONES[zone], fold=int(fold)) for local, zone, fold in values]
    for value in instants:
        for limit in instants:
            assert _before(view, value, limit, "calm") == (value < limit), (value, limit)


def test_two_instants_in_one_zone_object_compare_by_their_local_times() -> None:
    """In a repeated hour, the earlier and the later reading of one local time are level for ``<`` in one zone object (as Python compares them), not ordered as their keys are."""
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "events": []}))
    view = tracker.view("2025-01-10")
    for zone in (ZoneInfo("Europe/Berlin"), pendulum.timezone("Europe/Berlin")):
        first, second = (dt.datetime(2025, 10, 26, 2, 30, fold=fold, tzinfo=zone) for fold in (0, 1))
        assert first.utcoffset() != second.utcoffset()
        assert not _before(view, first, second, "calm") and not _before(view, second, first, "calm")
        other = dt.datetime(2025, 10, 26, 1, 0, tzinfo=dt.timezone.utc)  # between the two readings, in another zone: ordered as instants
        assert _before(view, first, other, "calm") and _before(view, other, second, "calm")
