"""The Tracker on Dask against the single-machine Tracker, on one feed, in one command.

Writes the mixed-kind feed of :mod:`loading` (1,000 obligations of the four
kinds, 10% day-long windows, revisions and deletions; made acceptable to the
Tracker by :func:`tracker.tracker_feed`) as partitioned Parquet (events, and
the deletions), NDJSON (the 50 sources) and, for the single-machine run, one
JSON event file. Then, measured in the same run, the full timeline of 2025
for every obligation:

- with ``ceasefire.dask`` on a ``distributed.LocalCluster`` of one worker,
  then of two (single-threaded worker processes, memory capped with
  ``--memory-limit``), from reading the files to the timeline on the client;
- with the single-machine Tracker (``load_events`` of the JSON file,
  ``Tracker()``, ``timeline``), in a child process so that its peak memory is
  its own; left out with ``--no-tracker``.

Prints the times, their ratios, the peak resident memory of each worker and
of the single-machine process, whether the answers match, the commit, the
machine and its load; the last line is one JSON object of every figure.

    PYTHONPATH=$PWD/src python benchmarks/dask_run.py --events 1000000
    PYTHONPATH=$PWD/src python benchmarks/dask_run.py --events 10000000 --no-tracker
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loading  # noqa: E402
import tracker as tracker_bench  # noqa: E402

START, END = "2025-01-01", "2025-12-31"
COVERS = [{"from": "2024-12-01", "to": "2026-01-31"}]


def write_feed(folder: Path, n_events: int, per_file: int) -> dict[str, Any]:
    """Writes the feed; returns the paths and sizes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    document = tracker_bench.tracker_feed(loading.events_document(n_events))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agreement.json").write_text(json.dumps(tracker_bench.agreement_document()), encoding="utf-8")
    (folder / "sources.ndjson").write_text("".join(json.dumps(s) + "\n" for s in document["sources"]), encoding="utf-8")
    link = pa.struct([("obligation", pa.string()), ("role", pa.string())])
    cite = pa.struct([("source", pa.string()), ("quote", pa.string())])
    amount = pa.struct([("name", pa.string()), ("value", pa.float64()), ("qualifier", pa.string())])
    schema = pa.schema([("id", pa.string()), ("kind", pa.string()), ("summary", pa.string()), ("occurred", pa.string()), ("version", pa.string()),
                        ("links", pa.list_(link)), ("sources", pa.list_(cite)), ("quantities", pa.list_(amount))])
    events = document["events"]
    paths = []
    for number, first in enumerate(range(0, len(events), per_file)):
        chunk = events[first:first + per_file]
        rows = {name: [e.get(name) for e in chunk] for name in schema.names}
        path = folder / f"events-{number:04d}.parquet"
        pq.write_table(pa.table(rows, schema=schema), path)
        paths.append(str(path))
    deletions = folder / "deletions.parquet"
    pq.write_table(pa.table({"event": [d["event"] for d in document["deletions"]], "deleted": [d["deleted"] for d in document["deletions"]]}), deletions)
    json_path = folder / "events.json"
    json_path.write_text(json.dumps({**document, "covers": COVERS}), encoding="utf-8")
    return {"events": paths, "sources": str(folder / "sources.ndjson"), "deletions": str(deletions), "json": str(json_path), "records": len(events),
            "parquet_bytes": sum(os.path.getsize(p) for p in paths), "zone": document["zone"]}


def run_dask(folder: Path, feed: dict[str, Any], workers: int, memory_limit: str, rows_per_partition: int, partitions: int | None) -> dict[str, Any]:
    """The full timeline through ceasefire.dask on a fresh LocalCluster of ``workers`` single-threaded processes."""
    import distributed

    import ceasefire
    from ceasefire.dask import DaskTracker, read_feed

    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, memory_limit=memory_limit, dashboard_address="127.0.0.1:0", host="127.0.0.1") as cluster, \
            distributed.Client(cluster) as client:
        agreement = ceasefire.parse_agreement(json.loads((folder / "agreement.json").read_text(encoding="utf-8")))
        began = time.perf_counter()
        on_dask = DaskTracker(agreement, read_feed(feed["events"], sources=feed["sources"], deletions=feed["deletions"], zone=feed["zone"], covers=COVERS, name="feed"),
                              rows_per_partition=rows_per_partition, partitions=partitions)
        laid_out = time.perf_counter()
        frame = on_dask.timeline(START, END).compute()
        done = time.perf_counter()
        peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    return {"workers": workers, "partitions": on_dask.partitions, "seconds": done - began, "layout_seconds": laid_out - began, "intervals": len(frame),
            "peak_rss_bytes_per_worker": sorted(peaks.values()), "memory_limit": memory_limit, "answer": _rows(frame)}


def _rows(frame: Any) -> list[list[str]]:
    return sorted([r.obligation_id, r.status, r.start.isoformat(), r.end.isoformat(), str(bool(r.start_inclusive)), str(bool(r.end_inclusive))] for r in frame.itertuples(index=False))


def run_tracker(folder: Path, feed: dict[str, Any]) -> dict[str, Any]:
    """The single-machine Tracker on the JSON file, in this process: load, build, timeline."""
    import pandas as pd

    import ceasefire

    agreement = ceasefire.parse_agreement(json.loads((folder / "agreement.json").read_text(encoding="utf-8")))
    began = time.perf_counter()
    log = ceasefire.load_events(feed["json"])
    loaded = time.perf_counter()
    tracker = ceasefire.Tracker(agreement, log)
    built = time.perf_counter()
    timeline = tracker.timeline(START, END)
    done = time.perf_counter()
    frame = pd.DataFrame([{"obligation_id": i.obligation_id, "status": i.status.value, "start": pd.Timestamp(i.start).tz_convert("UTC"), "end": pd.Timestamp(i.end).tz_convert("UTC"),
                           "start_inclusive": i.start_inclusive, "end_inclusive": i.end_inclusive} for i in timeline])
    return {"seconds": done - began, "load_seconds": loaded - began, "build_seconds": built - loaded, "timeline_seconds": done - built, "intervals": len(frame),
            "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "answer": _rows(frame)}


def commit() -> str:
    """The commit of the ceasefire source measured, with '+' when the tree has changes."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+" if dirty else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--per-file", type=int, default=100_000, help="events per Parquet file")
    parser.add_argument("--rows-per-partition", type=int, default=50_000)
    parser.add_argument("--partitions", type=int, help="partitions of obligations (by default one per --rows-per-partition records)")
    parser.add_argument("--memory-limit", default="2GB")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--no-tracker", action="store_true", help="leave out the single-machine Tracker")
    parser.add_argument("--folder", help="where to write the feed (a temporary folder by default)")
    parser.add_argument("--tracker-only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.tracker_only:
        folder = Path(args.tracker_only)
        print(json.dumps(run_tracker(folder, json.loads((folder / "feed.json").read_text(encoding="utf-8")))))
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.folder or scratch)
        began = time.perf_counter()
        feed = write_feed(folder, args.events, args.per_file)
        (folder / "feed.json").write_text(json.dumps(feed), encoding="utf-8")
        print(f"commit: {commit()}; machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}; load average {[round(x, 2) for x in os.getloadavg()]}")
        print(f"{feed['records']:,} event records in {len(feed['events'])} Parquet files ({feed['parquet_bytes'] / 2**20:.1f} MiB), 1,000 obligations of four kinds; "
              f"written in {time.perf_counter() - began:.1f} s")
        results: dict[str, Any] = {"events": args.events, "records": feed["records"], "parquet_bytes": feed["parquet_bytes"], "commit": commit(),
                                   "machine": {"cores": os.cpu_count(), "platform": platform.platform()}, "load_average_before": os.getloadavg(), "dask": []}
        for workers in [int(w) for w in args.workers.split(",")]:
            found = run_dask(folder, feed, workers, args.memory_limit, args.rows_per_partition, args.partitions)
            results["dask"].append(found)
            peaks = ", ".join(f"{p / 2**20:.0f} MiB" for p in found["peak_rss_bytes_per_worker"])
            print(f"dask, {workers} worker(s) capped at {args.memory_limit}: {found['seconds']:.1f} s to the full timeline ({found['intervals']:,} intervals, "
                  f"{found['partitions']} partitions; {found['layout_seconds']:.1f} s of it counting and laying out); peak RSS per worker: {peaks}")
        if not args.no_tracker:
            child = subprocess.run([sys.executable, __file__, "--tracker-only", str(folder)], capture_output=True, text=True, env={**os.environ})
            if child.returncode != 0:
                print("single-machine Tracker failed:", child.stderr.strip().splitlines()[-1:] or child.returncode)
            else:
                single = json.loads(child.stdout.strip().splitlines()[-1])
                results["tracker"] = single
                print(f"single-machine Tracker: {single['seconds']:.1f} s (load_events {single['load_seconds']:.1f} s, Tracker() {single['build_seconds']:.1f} s, "
                      f"timeline {single['timeline_seconds']:.1f} s; {single['intervals']:,} intervals); peak RSS {single['peak_rss_bytes'] / 2**20:.0f} MiB")
        one = next((d for d in results["dask"] if d["workers"] == 1), None)
        two = next((d for d in results["dask"] if d["workers"] == 2), None)
        if one and two:
            results["one_over_two_workers"] = one["seconds"] / two["seconds"]
            print(f"one worker / two workers: {results['one_over_two_workers']:.2f}")
        if "tracker" in results:
            for d in results["dask"]:
                d["tracker_over_dask"] = results["tracker"]["seconds"] / d["seconds"]
                d["same_answer_as_tracker"] = d["answer"] == results["tracker"]["answer"]
                print(f"single-machine Tracker / dask on {d['workers']} worker(s): {d['tracker_over_dask']:.2f}; same intervals: {d['same_answer_as_tracker']}")
            results["tracker"].pop("answer")
        if one and two:
            print(f"same intervals on one worker and on two: {one['answer'] == two['answer']}")
        for d in results["dask"]:
            d.pop("answer")
        results["load_average_after"] = os.getloadavg()
        print(f"load average after: {[round(x, 2) for x in os.getloadavg()]}")
        print(json.dumps(results))


if __name__ == "__main__":
    main()
