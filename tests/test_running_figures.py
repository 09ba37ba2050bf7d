"""Running figures asked about in any order (a progress obligation's figures to date, the parties disputing what an answer counted) equal a plain pass over the reports that had surely happened by then."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire import Tracker, parse_agreement, parse_events
from ceasefire.engine.draft import Draft
from ceasefire.engine.evidence import Entry, View
from ceasefire.engine.rules import rests_on, run_rules

AGREEMENT = {
    "id": "figures", "title": "t", "zone": "UTC", "parties": [{"id": "p", "name": "P", "roles": ["party"]}],
    "announced": "2025-01-01", "effective": "2025-01-01T00:00:00Z",
    "points": [{"number": 1, "summary": "s", "obligations": [
        {"id": "returns", "kind": "progress", "bearers": ["p"], "summary": "s", "targets": [{"name": "people", "value": 500, "aliases": ["persons"]}]},
        {"id": "withdraw", "kind": "deadline", "bearers": ["p"], "summary": "s", "due": {"by": "2025-01-08"}},
        {"id": "calm", "kind": "standing", "bearers": ["p"], "summary": "s"},
    ]}],
    "sources": [{"id": "src", "title": "A report", "published": "2025-01-01"}],
}

REPORT = st.tuples(st.sampled_from(["people", "persons", "houses"]), st.integers(1, 200), st.sampled_from(["total", "increment"]), st.sampled_from(["exactly", "about", "at least"]))
ROLES = st.lists(st.sampled_from(["advances", "advances", "fulfils", "both"]), min_size=12, max_size=12)
"""The role of each report: most advance the work, some report it complete (their figures count too), some are linked both ways (their figures count once)."""


def plain(reports: list[tuple[int, tuple[str, int, str, str]]], day: int) -> list[tuple[str, float, str, str]]:
    """The figures by the end of ``day``, folded the plain way: a total replaces, an increment adds to what came before."""
    latest: dict[str, tuple[float, str, str]] = {}
    for n, (name, value, counts, qualifier) in sorted(reports):
        if n > day:
            continue
        key = "people" if name == "persons" else name
        before = latest.get(key)
        if counts == "increment" and before is not None:
            both = {before[1], qualifier}
            sure = both <= {"exactly", "at least", "more than"}
            latest[key] = (before[0] + value, "exactly" if both == {"exactly"} else "at least" if sure else "about", f"ev-{n}")
        else:
            latest[key] = (value, qualifier, f"ev-{n}")
    return [(name, *latest[name]) for name in sorted(latest)]


@settings(max_examples=60, deadline=None)
@given(st.lists(REPORT, min_size=1, max_size=12), st.lists(st.integers(0, 14), min_size=1, max_size=8), ROLES)
def test_figures_asked_in_any_order_are_the_plain_fold(reports: list[tuple[str, int, str, str]], days: list[int], roles: list[str]) -> None:
    """Asked about days in any order (later, earlier, again) under one cut-off, each answer's figures are those of the reports, progress and completions alike, surely made by then."""
    numbered = list(enumerate(reports, start=1))
    events = [
        {"id": f"ev-{n}", "kind": "return", "summary": "s", "occurred": f"2025-01-{n + 1:02d}T12:00:00Z", "reported": f"2025-01-{n + 1:02d}T13:00:00Z",
         "links": [{"obligation": "returns", "role": role} for role in (["advances", "fulfils"] if roles[n - 1] == "both" else [roles[n - 1]])], "sources": [{"source": "src"}],
         "quantities": [{"name": name, "value": value, "counts": counts, "qualifier": qualifier}]}
        for n, (name, value, counts, qualifier) in numbered
    ]
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "events": events}))
    for day in days:
        found = tracker.obligation_on("returns", dt.date(2025, 1, day + 1)).quantities
        assert [(q.name, q.value, q.qualifier, q.event_id) for q in found] == plain(numbered, day)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["returns", "withdraw", "calm"]), st.sampled_from(["advances", "breaches"]), st.sets(st.sampled_from(["a", "b", "c"]), max_size=2)),
                min_size=1, max_size=14),
       st.lists(st.integers(0, 16), min_size=1, max_size=8))
def test_disputes_asked_in_any_order_are_those_of_what_was_counted(reports: list[tuple[str, str, set[str]]], days: list[int]) -> None:
    """Where no single event decided a status, it is disputed by every party that disputes an event it counted or a breach it took, asked about in any order."""
    events = [
        {"id": f"ev-{n}", "kind": "report", "summary": "s", "occurred": f"2025-01-{n + 1:02d}T12:00:00Z", "reported": f"2025-01-{n + 1:02d}T13:00:00Z",
         "links": [{"obligation": obligation, "role": role}], "sources": [{"source": "src"}], "disputed_by": [{"party": p} for p in sorted(parties)]}
        for n, (obligation, role, parties) in enumerate(reports, start=1)
    ]
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "events": events}))
    for day in days:
        for obligation in ("returns", "withdraw", "calm"):
            found = tracker.obligation_on(obligation, dt.date(2025, 1, day + 1))
            mine = [(n, role, parties) for n, (o, role, parties) in enumerate(reports, start=1) if o == obligation and n <= day]
            if any(role == "breaches" for _, role, _ in mine):
                continue  # a breach decides these statuses: the parties are those of the deciding event, another rule
            assert set(found.disputed_by) == set().union(*(parties for _, _, parties in mine)), (obligation, day, found.status)


def plain_grounds(entry: Entry, draft: Draft) -> set[str]:
    """What an answer rests on, written out in full the plain way: the obligation, its supplement, the amendments applied, every event counted or taken as a breach."""
    found = {entry.obligation.id, *(a.id for a in draft.amendments), *(i.event.id for i in draft.counted), *(i.event.id for i in draft.breaches)}
    if entry.added_by is not None:
        found.add(entry.added_by.id)
    return found


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["returns", "withdraw", "calm"]), st.sampled_from(["advances", "fulfils", "breaches", "context"]), st.integers(0, 13)), min_size=1, max_size=14),
       st.lists(st.integers(0, 14), min_size=1, max_size=6))
def test_what_an_answer_rests_on_is_the_plain_list(links: list[tuple[str, str, int]], days: list[int]) -> None:
    """For every obligation and day, the lookup a timeline uses to name an interval's cause agrees, id by id, with the full list of what the answer rests on."""
    events = [
        {"id": f"ev-{n}", "kind": "report", "summary": "s", "occurred": f"2025-01-{day + 1:02d}T12:00:00Z", "reported": f"2025-01-{day + 1:02d}T13:00:00Z",
         "links": [{"obligation": obligation, "role": role}], "sources": [{"source": "src"}]}
        for n, (obligation, role, day) in enumerate(links)
    ]
    tracker = Tracker(parse_agreement(AGREEMENT), parse_events({"zone": "UTC", "events": events}))
    ids = {"returns", "withdraw", "calm", "nothing", *(e["id"] for e in events)}
    for obligation_id, entry in tracker.index.entries.items():
        for day in days:
            at = dt.datetime(2025, 1, day + 1, 23, 59, 59, 999999, tzinfo=dt.timezone.utc)
            draft = run_rules(entry, View(tracker.index, at, None, memo=tracker.known(None), brief=True))[0]
            check, plain_ids = rests_on(entry, draft), plain_grounds(entry, draft)
            assert {x for x in ids if check(x)} == ids & plain_ids, (obligation_id, day)
