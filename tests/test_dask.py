"""The Tracker on Dask (ceasefire.dask) gives the single-machine Tracker's answers, on a two-worker cluster the tests start and stop."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ceasefire import Deletion, EventLog, Tracker, bundled  # noqa: E402
from ceasefire.dask import DaskTracker, feed_of, groups_of, read_feed  # noqa: E402
from ceasefire.errors import CeasefireError, FileFormatError, NaiveDatetimeError, UnknownObligationError  # noqa: E402

THOROUGH = os.environ.get("CEASEFIRE_HYPOTHESIS_PROFILE") == "thorough"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A LocalCluster of two single-threaded worker processes on loopback, shut down when the module's tests are done."""
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, host="127.0.0.1", memory_limit="2GB")
    with distributed.Client(cluster) as connected:
        yield connected
    cluster.close()


def _status(report: Any) -> dict[str, tuple[Any, ...]]:
    return {o.obligation_id: (o.status.value, o.deadline.earliest if o.deadline else None, o.deadline.latest if o.deadline else None, o.ended_by, o.headline) for o in report.obligations}


def _status_rows(frame: Any) -> dict[str, tuple[Any, ...]]:
    out = {}
    for row in frame.itertuples(index=False):
        out[row.obligation_id] = (row.status, _py(row.deadline_earliest), _py(row.deadline_latest), _none(row.ended_by), row.headline)
    return out


def _intervals(timeline: Any) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    for i in timeline:
        out.setdefault(i.obligation_id, []).append((i.status.value, i.start, i.end, i.start_inclusive, i.end_inclusive, i.cause.kind, i.cause.ref, i.cause.at,
                                                    i.deadline.earliest if i.deadline else None, i.deadline.latest if i.deadline else None))
    return out


def _interval_rows(frame: Any) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    for r in frame.itertuples(index=False):
        out.setdefault(r.obligation_id, []).append((r.status, _py(r.start), _py(r.end), bool(r.start_inclusive), bool(r.end_inclusive), r.cause_kind, _none(r.cause_ref), _py(r.cause_at),
                                                    _py(r.deadline_earliest), _py(r.deadline_latest)))
    return out


def _py(value: Any) -> dt.datetime | None:
    import pandas as pd

    return None if pd.isna(value) else value.to_pydatetime()


def _none(value: Any) -> Any:
    import pandas as pd

    return None if pd.isna(value) else value


def _same_answers(tracker: Tracker, distributed_tracker: DaskTracker, asked: list[dt.datetime], cutoff: dt.datetime | None, start: dt.datetime, end: dt.datetime) -> None:
    """Asserts that statuses at ``asked``, the timeline from ``start`` to ``end`` and one explanation agree, all under ``cutoff``."""
    import dask

    distributed_tracker.persist()
    frames = dask.compute(*[distributed_tracker.status_on(when, known_on=cutoff) for when in asked], distributed_tracker.timeline(start, end, known_on=cutoff))
    for when, frame in zip(asked, frames[:-1]):
        assert _status_rows(frame) == _status(tracker.status_on(when, known_on=cutoff)), when
    assert _interval_rows(frames[-1]) == _intervals(tracker.timeline(start, end, known_on=cutoff))
    first = next(o.obligation_id for o in tracker.status_on(asked[0]).obligations)
    assert distributed_tracker.explain([first], asked[0], known_on=cutoff)[first] == tracker.obligation_on(first, asked[0], known_on=cutoff)


@st.composite
def _revised(draw: st.DrawFn) -> tuple[Any, EventLog, list[dt.datetime], dt.datetime | None]:
    """An agreement of every kind with amendments of every kind, and its log with some events revised (links moved or dropped) and some deleted."""
    from ceasefire.testing.strategies import agreements_with_logs, landmarks_of

    agreement, log = draw(agreements_with_logs(max_obligations=5, max_events=8, max_amendments=3))
    marks = landmarks_of(agreement, log)
    stamp = st.sampled_from(marks).map(lambda m: m + dt.timedelta(hours=draw(st.integers(-30, 30))))
    ids = [o.id for p in agreement.points for o in p.obligations] + [o.id for a in agreement.amendments if a.kind == "supplement" for o in a.obligations]
    events = []
    deletions = []
    for event in log.events:
        change = draw(st.sampled_from(("keep", "keep", "revise", "delete")))
        if change == "keep":
            events.append(event)
            continue
        first = draw(stamp)
        events.append(event.model_copy(update={"version": first}))
        if change == "revise":
            links = [l.model_copy(update={"obligation": draw(st.sampled_from(ids))}) for l in event.links if draw(st.booleans())]
            events.append(event.model_copy(update={"version": first + dt.timedelta(hours=draw(st.integers(0, 200))), "links": links}))
        else:
            deletions.append(Deletion(event=event.id, deleted=draw(stamp)))
    asked = draw(st.lists(st.sampled_from(marks), min_size=1, max_size=3))
    cutoff = draw(st.one_of(st.none(), st.sampled_from(marks)))
    return agreement, log.model_copy(update={"events": events, "deletions": deletions}), asked, cutoff


@settings(max_examples=200 if THOROUGH else 6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
@given(_revised(), st.integers(1, 4), st.integers(1, 3))
def test_dask_answers_equal_the_tracker(client: Any, drawn: tuple[Any, EventLog, list[dt.datetime], dt.datetime | None], partitions: int, chunks: int) -> None:
    """On generated agreements and revised logs, statuses, timelines and explanations through the cluster equal the single-machine Tracker's, under a cut-off."""
    agreement, log, asked, cutoff = drawn
    try:
        tracker = Tracker(agreement, log)
    except CeasefireError:  # drawn revisions can break a rule the Tracker enforces (e.g. obligations that wait on each other in a circle)
        assume(False)
        raise
    on_dask = DaskTracker(agreement, feed_of(log, partitions=chunks), partitions=partitions)
    start = min(asked) - dt.timedelta(days=30)
    _same_answers(tracker, on_dask, asked, cutoff, start, max(asked) + dt.timedelta(days=30))
