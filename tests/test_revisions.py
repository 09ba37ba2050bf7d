"""Revised records: every version and deletion kept, and the one current at the knowledge cut-off used."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ceasefire import DuplicateIdError, Event, EventLog, Tracker, bundled
from ceasefire.adapters import convert_acled, load_rules
from ceasefire.model import Deletion

DATA = Path(__file__).parent / "data" / "acled"
RULES = Path(bundled.DATA) / "rules" / "nk-2020-acled.yaml"
UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def tracker() -> Tracker:
    """Both invented downloads and the deletions file, under the shipped rules."""
    agreement, rules = bundled.agreement(), load_rules(RULES)
    first = convert_acled(DATA / "export-2020-11-28.csv", agreement=agreement, rules=rules).raise_problems()
    later = convert_acled(DATA / "export-2021-01-15.csv", agreement=agreement, rules=rules, deletions=DATA / "deletions.csv").raise_problems()
    return Tracker(agreement, first, later)


def breaches(tracker: Tracker, known_on: str | None) -> list[str]:
    return [e.event_id for e in tracker.obligation_on("1.ceasefire", "2020-12-31", known_on=known_on).breaches]


def test_known_on_sees_the_version_current_then(tracker: Tracker) -> None:
    """Before the correction was published, the first version of AZE1001 (a breach) is the one used."""
    assert breaches(tracker, "2020-11-20") == ["AZE1001", "AZE1008"]


def test_a_correction_replaces_the_older_version_from_its_timestamp(tracker: Tracker) -> None:
    """Once the corrected AZE1001 (dated before the ceasefire) is published, it no longer breaches."""
    assert breaches(tracker, "2020-12-10") == ["AZE1008"]


def test_a_deletion_removes_the_event_from_its_time(tracker: Tracker) -> None:
    """After its deletion on 2020-12-15, AZE1008 no longer counts; without a cut-off the newest state is used."""
    assert breaches(tracker, "2020-12-20") == []
    assert breaches(tracker, None) == []


def test_history_lists_every_version_and_deletion(tracker: Tracker) -> None:
    """history() gives every version and deletion of an event, oldest first, nothing lost."""
    versions = tracker.history("AZE1001")
    assert [(r.kind, r.at) for r in versions] == [
        ("version", dt.datetime(2020, 11, 17, 9, tzinfo=UTC)),
        ("version", dt.datetime(2020, 12, 8, 12, tzinfo=UTC)),
    ]
    assert versions[0].event.record.fields["fatalities"] == "2" and versions[1].event.record.fields["fatalities"] == "3"
    assert [r.kind for r in tracker.history("AZE1008")] == ["version", "deletion"]
    with pytest.raises(KeyError):
        tracker.history("AZE9999")


def test_unchanged_records_in_overlapping_exports_count_once(tracker: Tracker) -> None:
    """A record present unchanged in both downloads is kept twice in its history but counted once."""
    assert len(tracker.history("AZE1002")) == 2
    status = tracker.obligation_on("6.kalbajar", "2020-11-26")
    assert [e.event_id for e in status.evidence] == ["AZE1002"]


def test_data_sources_say_what_each_file_gave(tracker: Tracker) -> None:
    """data_sources() and every report name each input file, its event count and its newest timestamp."""
    first, later = tracker.data_sources()
    assert first.name.endswith("export-2020-11-28.csv") and (first.events, first.deletions) == (7, 0)
    assert first.newest == dt.datetime(2020, 11, 28, 10, tzinfo=UTC)
    assert later.dataset == "ACLED" and later.deletions == 1 and later.newest == dt.datetime(2020, 12, 15, 8, tzinfo=UTC)
    assert tracker.status_on("2020-12-01").data == (first, later)


def event(version: str | None, *, occurred: str = "2020-11-12", role: str = "breaches") -> Event:
    return Event.model_validate(
        {
            "id": "x.1",
            "kind": "clash",
            "summary": "A test clash.",
            "occurred": occurred,
            "reported": "2020-11-13",
            "version": version,
            "links": [{"obligation": "1.ceasefire", "role": role}],
            "sources": [{"source": "statement-2020"}],
        },
        context={"zone": "Asia/Baku"},
    )


def test_ordinary_events_behave_as_before() -> None:
    """An event without version or deletion counts from its reported time, exactly as without revisions."""
    tracker = Tracker(bundled.agreement(), [event(None)])
    assert [e.event_id for e in tracker.obligation_on("1.ceasefire", "2020-11-12", known_on="2020-11-13").breaches] == ["x.1"]
    assert tracker.obligation_on("1.ceasefire", "2020-11-12", known_on="2020-11-12").breaches == ()


def test_one_id_twice_without_versions_is_still_refused() -> None:
    """Two records with one id and no version are a duplicate, as before."""
    with pytest.raises(DuplicateIdError):
        Tracker(bundled.agreement(), [event(None)], [event(None)])


def test_an_id_with_and_without_version_is_refused() -> None:
    """Mixing a versioned and an unversioned record of one id is refused."""
    with pytest.raises(DuplicateIdError, match="both with and without 'version'"):
        Tracker(bundled.agreement(), [event(None)], [event("2020-11-20T00:00:00Z")])


def test_one_version_with_different_content_in_two_files_is_refused() -> None:
    """The same id and version with different content in two files cannot both be right, so it is refused."""
    with pytest.raises(DuplicateIdError, match="other content"):
        Tracker(bundled.agreement(), [event("2020-11-20T00:00:00Z")], [event("2020-11-20T00:00:00Z", role="context")])


def test_a_deletion_at_the_same_instant_as_a_version_wins() -> None:
    """When a deletion and a version share an instant, the deletion comes second and the event is gone."""
    log = EventLog(events=[event("2020-11-20T00:00:00Z")], deletions=[Deletion(event="x.1", deleted="2020-11-20T00:00:00Z")])
    tracker = Tracker(bundled.agreement(), log)
    assert tracker.obligation_on("1.ceasefire", "2020-11-12").breaches == ()
    assert [r.kind for r in tracker.history("x.1")] == ["version", "deletion"]


def test_a_later_version_can_add_a_link() -> None:
    """A correction that links an event where the first version did not counts from the correction's time."""
    first = event("2020-11-14T00:00:00Z", role="context")
    second = event("2020-11-20T00:00:00Z")
    tracker = Tracker(bundled.agreement(), [first, second])
    assert tracker.obligation_on("1.ceasefire", "2020-11-12", known_on="2020-11-15").breaches == ()
    assert [e.event_id for e in tracker.obligation_on("1.ceasefire", "2020-11-12", known_on="2020-11-21").breaches] == ["x.1"]


def _plain_data_sources(log: EventLog, tracker: Tracker, cutoff: dt.datetime | None) -> tuple[int, int, int, str | None, dt.datetime | None]:
    """What one log gave at ``cutoff``, counted the plain way: filter every record, then count."""

    def published(e: Event) -> dt.datetime:
        first = tracker._reported(e).latest
        return min(e.version, first) if e.version is not None else first

    events = [e for e in log.events if cutoff is None or published(e) <= cutoff]
    deletions = [d for d in log.deletions if cutoff is None or d.deleted <= cutoff]
    times = [e.version if e.version is not None else tracker._reported(e).latest for e in events] + [d.deleted for d in deletions]
    datasets = {e.record.dataset for e in events if e.record is not None}
    return (len({e.id for e in events}), len(events), len(deletions), datasets.pop() if len(datasets) == 1 else None, max(times) if times else None)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 20), st.one_of(st.none(), st.integers(0, 20)), st.sampled_from([None, "ACLED", "UCDP GED"])), min_size=1, max_size=12),
    gone=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 20)), max_size=3),
    cutoff=st.one_of(st.none(), st.integers(-1, 22)),
)
def test_data_sources_at_any_cut_off_match_a_plain_count(rows: list[tuple[int, int, int | None, str | None]], gone: list[tuple[int, int]], cutoff: int | None) -> None:
    """Tracker.data_sources at any cut-off gives the counts, dataset and newest time that filtering every record by hand gives."""
    base = dt.datetime(2020, 11, 12, tzinfo=UTC)
    seen: set[tuple[str, int | None]] = set()
    events = []
    for n, (which, reported, version, dataset) in enumerate(rows):
        key = (f"x.{which}", version)
        if key in seen:
            continue
        seen.add(key)
        document = {
            "id": key[0], "kind": "clash", "summary": "A test clash.", "occurred": "2020-11-11",
            "reported": (base + dt.timedelta(hours=reported)).isoformat(),
            "version": None if version is None else (base + dt.timedelta(hours=version)).isoformat(),
            "links": [{"obligation": "1.ceasefire", "role": "breaches"}], "sources": [{"source": "statement-2020"}],
            "record": None if dataset is None else {"dataset": dataset, "id": f"r{n}"},
        }
        events.append(Event.model_validate(document, context={"zone": "Asia/Baku"}))
    versioned = {e.id for e in events if e.version is not None}
    assume(all(e.version is not None for e in events if e.id in versioned))
    deletions = [Deletion(event=f"x.{which}", deleted=base + dt.timedelta(hours=hours)) for which, hours in gone]
    log = EventLog(events=events, deletions=deletions)
    tracker = Tracker(bundled.agreement(), log)
    at = None if cutoff is None else base + dt.timedelta(hours=cutoff)
    (found,) = tracker.data_sources(at) if at is not None else tracker.data_sources()
    assert (found.events, found.versions, found.deletions, found.dataset, found.newest) == _plain_data_sources(log, tracker, at)
