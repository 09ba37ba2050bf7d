"""The Dask benchmark's streamed feed (benchmarks/dask_feed.py) is the feed the other benchmarks build in memory, record for record."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def benchmarks() -> Iterator[Any]:
    """The benchmark modules, imported from benchmarks/ for this module only."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import dask_feed
        import loading
        import tracker

        yield dask_feed, loading, tracker
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


@pytest.mark.parametrize("n_events", [1, 2_000, 50_000])
def test_streamed_records_are_the_in_memory_feed(benchmarks: Any, n_events: int) -> None:
    """Records made one at a time in two passes equal tracker_feed(events_document(n)): same events in the same order, and the same deletions."""
    dask_feed, loading, tracker = benchmarks
    expected = tracker.tracker_feed(loading.events_document(n_events))
    second = dask_feed.Generated(n_events)
    assert list(dask_feed.tracker_records(n_events, second)) == expected["events"]
    assert list(second.deletions()) == expected["deletions"]
    assert dask_feed.Generated.sources() == expected["sources"]
    if n_events == 50_000:  # this feed has one revision given twice with the same version, which tracker_feed leaves out: the second pass must too
        assert len(expected["events"]) == n_events - 1


def test_written_files_hold_the_feed(benchmarks: Any, tmp_path: Path) -> None:
    """The Parquet files (cut at per_file, written in smaller batches) and the JSON event file hold exactly the in-memory feed's records."""
    dask_feed, loading, tracker = benchmarks
    expected = tracker.tracker_feed(loading.events_document(2_500))
    feed = dask_feed.write_feed(tmp_path, 2_500, 1_000, with_json=True, batch=300)
    assert len(feed["events"]) == 3 and feed["records"] == len(expected["events"])
    rows = [r for p in feed["events"] for r in pq.read_table(p).to_pylist()]
    for row, event in zip(rows, expected["events"], strict=True):
        assert {k: v for k, v in row.items() if v is not None} == {**event, **({"quantities": [{**q, "value": float(q["value"])} for q in event["quantities"]]} if "quantities" in event else {})}
    written = json.loads(Path(feed["json"]).read_text(encoding="utf-8"))
    assert written["events"] == expected["events"] and written["deletions"] == expected["deletions"] and written["sources"] == expected["sources"]
    assert pq.read_table(feed["deletions"]).to_pylist() == expected["deletions"]
