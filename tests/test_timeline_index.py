"""A timeline as a ready index of answers: every obligation's status at an instant, by bisection."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from ceasefire import bundled
from ceasefire.engine import timeline as timeline_module
from ceasefire.errors import InvalidInputError, NaiveDatetimeError, UnknownObligationError

TICK = dt.timedelta(microseconds=1)


@pytest.fixture(scope="module")
def tracker():  # type: ignore[no-untyped-def]
    return bundled.tracker()


def probes(found):  # type: ignore[no-untyped-def]
    """Each interval's two ends and the microsecond either side of them, kept to the range."""
    out = set()
    for interval in found:
        for at in (interval.start, interval.end):
            for moved in (at - TICK, at, at + TICK):
                if found.start <= moved <= found.end:
                    out.add(moved)
    return sorted(out)


@pytest.mark.parametrize("known_on", [None, "2021-01-15", "2023-09-20T12:00:00+04:00"])
def test_statuses_at_are_status_on_at_every_change(tracker, known_on):  # type: ignore[no-untyped-def]
    found = tracker.timeline("2020-11-09", "2024-01-31", known_on=known_on)
    instants = probes(found)
    assert len(instants) > 40
    for at in instants[:: max(1, len(instants) // 150)]:
        want = {o.obligation_id: o.status for o in tracker.status_on(at, known_on=known_on).obligations}
        assert found.statuses_at(at) == want, at
        one = next(iter(want))
        assert found.status_at(one, at) == want[one]


def test_the_lookup_runs_no_rules(tracker, monkeypatch):  # type: ignore[no-untyped-def]
    found = tracker.timeline("2020-11-10", "2021-12-31")
    at = "2021-03-01T12:00:00+04:00"
    expected = found.statuses_at(at)

    def refuse(*_: object, **__: object) -> object:
        raise AssertionError("the rules ran")

    monkeypatch.setattr(timeline_module, "run_rules", refuse)
    assert found.statuses_at(at) == expected
    assert set(found.intervals_at(at)) == set(expected)
    with pytest.raises(AssertionError, match="the rules ran"):
        tracker.timeline("2020-11-10", "2020-11-12")


def test_an_instant_is_read_in_any_offset(tracker):  # type: ignore[no-untyped-def]
    found = tracker.timeline("2020-11-10", "2020-12-31")
    moscow = found.statuses_at("2020-11-20T12:00:00+03:00")
    assert found.statuses_at(dt.datetime(2020, 11, 20, 9, tzinfo=dt.timezone.utc)) == moscow
    assert list(moscow) == list(found.obligation_ids)


def test_what_the_lookup_refuses(tracker):  # type: ignore[no-untyped-def]
    found = tracker.timeline("2020-11-10", "2020-12-31")
    with pytest.raises(NaiveDatetimeError, match="naive"):
        found.statuses_at(dt.datetime(2020, 11, 20))
    with pytest.raises(InvalidInputError, match=r"the day '2020-11-20'.*status_on\(day\)"):
        found.statuses_at("2020-11-20")
    with pytest.raises(InvalidInputError, match=r"received 2021-01-05T00:00:00\+00:00; expected an instant from 2020-11-10T00:00:00\+03:00"):
        found.statuses_at("2021-01-05T00:00:00+00:00")
    with pytest.raises(InvalidInputError, match="an instant from"):
        found.status_at("1.ceasefire", "2020-11-09T23:59:59.999999+03:00")
    with pytest.raises(UnknownObligationError, match=r"received 'nope'.*one of 1\.ceasefire"):
        found.status_at("nope", "2020-11-20T12:00:00+03:00")
    with pytest.raises(KeyError):  # still a KeyError, as before
        found.for_obligation("nope")
    with pytest.raises(NaiveDatetimeError, match="naive"):
        found.intervals[0].contains(dt.datetime(2020, 11, 20))
    assert found.intervals[0].contains("2020-11-10T00:00:00+03:00")


def test_pickled_and_compared_as_before(tracker):  # type: ignore[no-untyped-def]
    found = tracker.timeline("2020-11-10", "2020-12-31")
    fresh = tracker.timeline("2020-11-10", "2020-12-31")
    found.statuses_at("2020-11-20T12:00:00+03:00")  # builds the lookup on one of the two
    assert found == fresh
    back = pickle.loads(pickle.dumps(found))
    assert back == found
    assert back.statuses_at("2020-12-01T00:00:00+03:00") == fresh.statuses_at("2020-12-01T00:00:00+03:00")


def test_on_the_mixed_kind_feed(tmp_path):  # type: ignore[no-untyped-def]
    """The benchmarks' feed (every kind, windows, revisions, deletions): the lookup says what status_on says at each change."""
    import importlib.util
    import json
    from pathlib import Path

    from ceasefire import Tracker, load_agreement, load_events

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "tracker.py"
    spec = importlib.util.spec_from_file_location("bench_tracker_feed", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    (tmp_path / "agreement.json").write_text(json.dumps(bench.agreement_document(24)), encoding="utf-8")
    (tmp_path / "events.json").write_text(json.dumps(bench.tracker_feed(bench.loading.events_document(1_500, 24))), encoding="utf-8")
    tracker = Tracker(load_agreement(tmp_path / "agreement.json"), load_events(tmp_path / "events.json"))
    for known_on in (None, "2025-06-30"):
        found = tracker.timeline("2025-01-01", "2025-12-31", known_on=known_on)
        instants = probes(found)
        assert len(instants) > 500
        statuses = set()
        for at in instants[:: len(instants) // 120]:
            want = {o.obligation_id: o.status for o in tracker.status_on(at, known_on=known_on).obligations}
            assert found.statuses_at(at) == want, at
            statuses.update(want.values())
        assert len(statuses) >= 6  # the sample reaches many statuses, not one
