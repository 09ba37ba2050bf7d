"""What the bundled module hands out is the caller's own: changing it reaches no other caller."""

from __future__ import annotations

from ceasefire import Tracker, bundled


def test_a_changed_agreement_is_not_seen_by_the_next_caller_or_the_bundled_tracker() -> None:
    mine = bundled.agreement()
    points = len(mine.points)
    mine.points.clear()
    mine.amendments.clear()
    fresh = bundled.agreement()
    assert len(fresh.points) == points > 0
    assert fresh.amendments
    assert fresh == Tracker(bundled.agreement(), *bundled.evidence()).agreement
    assert bundled.tracker().agreement == fresh


def test_changed_event_logs_are_not_seen_by_the_next_caller() -> None:
    record, seeds = bundled.record(), bundled.seed_events()
    counts = (len(record.events), len(seeds.events))
    record.events.clear()
    seeds.events.pop()
    assert (len(bundled.record().events), len(bundled.seed_events().events)) == counts
    assert [len(log.events) for log in bundled.evidence()] == [counts[1], counts[0]]


def test_copies_keep_their_file_for_error_messages() -> None:
    from ceasefire.validation import origin_of

    assert origin_of(bundled.agreement(), "none").name.endswith("nk-2020.yaml")
    assert origin_of(bundled.record(), "none").name.endswith("record.yaml")
