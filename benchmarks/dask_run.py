"""The Tracker on Dask against the single-machine Tracker, on one feed, in one command.

Writes the mixed-kind feed of :mod:`loading` (1,000 obligations of the four
kinds, 10% day-long windows, revisions and deletions; made acceptable to the
Tracker as :func:`tracker.tracker_feed` does) with :mod:`dask_feed`, record by
record in a child process whose peak memory is reported: partitioned Parquet
(events, and the deletions), NDJSON (the 50 sources) and, for the
single-machine run, one JSON event file. Then, measured in the same run, the
full timeline of 2025 for every obligation:

- with ``ceasefire.dask`` on a ``distributed.LocalCluster`` of one worker,
  then of two (single-threaded worker processes, memory capped with
  ``--memory-limit``), from reading the files to the timeline on the client;
  the workers' memory is sampled from here every 0.2 s (a worker the nanny
  restarts or the kernel kills keeps its figures), and what they spilled to
  disk, how often they paused, which were replaced and every warning they
  logged are printed;
- with the single-machine Tracker (``load_events`` of the JSON file,
  ``Tracker()``, ``timeline``), in a child process so that its peak memory is
  its own; left out with ``--no-tracker``.

A run that fails or reaches ``--time-limit`` is reported as such, with how many
partitions it had answered. Prints the times, their ratios, the peak resident
memory of each worker and of the single-machine process, whether the answers
match, the commit, the machine and its load; the last line is one JSON object
of every figure.

    PYTHONPATH=$PWD/src python benchmarks/dask_run.py --events 1000000
    PYTHONPATH=$PWD/src python benchmarks/dask_run.py --events 10000000 --no-tracker --folder /big/disk/feed
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ceasefire.dask import ROWS_PER_PARTITION  # noqa: E402
from dask_feed import COVERS  # noqa: E402

START, END = "2025-01-01", "2025-12-31"


def write_feed(folder: Path, n_events: int, per_file: int, with_json: bool) -> dict[str, Any]:
    """Writes the feed with :mod:`dask_feed` in a child process (so that its peak memory is its own); returns what it wrote and that peak."""
    command = [sys.executable, str(Path(__file__).resolve().parent / "dask_feed.py"), "--events", str(n_events), "--per-file", str(per_file), "--folder", str(folder)]
    done = subprocess.run(command + (["--json"] if with_json else []), capture_output=True, text=True, env={**os.environ})
    if done.returncode != 0:
        raise SystemExit(f"writing the feed failed (exit {done.returncode}): {done.stderr.strip()[-2000:]}")
    feed: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return feed


class Watch:
    """Samples the resident memory of every process below this one (the workers of a LocalCluster, a child Tracker) every ``every`` seconds, keeping each pid's peak.

    A worker that the nanny restarts or the kernel kills is still in the
    figures: its pid keeps the highest memory it was seen at. Samples can miss
    a peak shorter than ``every``; for workers alive at the end,
    ``getrusage``'s own peak is taken too.
    """

    def __init__(self, every: float = 0.2) -> None:
        self.every = every
        self.peaks: dict[int, int] = {}
        self.now: dict[int, int] = {}
        self.spawned: set[int] = set()
        """Pids of processes started by multiprocessing's spawn (a LocalCluster's workers), as opposed to its resource tracker."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Watch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            seen = {}
            for child in me.children(recursive=True):
                try:
                    seen[child.pid] = child.memory_info().rss
                except psutil.Error:
                    continue
            for pid, rss in seen.items():
                if pid not in self.peaks:
                    try:
                        if "spawn_main" in " ".join(psutil.Process(pid).cmdline()):
                            self.spawned.add(pid)
                    except psutil.Error:
                        pass
                self.peaks[pid] = max(rss, self.peaks.get(pid, 0))
            self.now = seen
            self._stop.wait(self.every)


class Caught(logging.Handler):
    """Keeps every record of Dask's loggers in this process at INFO or above, with its time: the nannies of a LocalCluster live here, and they say when a worker is restarted or killed."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[float, str, str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.created, record.name, record.levelname, record.getMessage()))

    def incidents(self, until: float) -> list[str]:
        """Warnings and errors logged up to ``until`` (an epoch time), and every line saying a worker process died, except the shuffle's notes of its own progress."""
        return [f"{name}: {message[:300]}" for created, name, level, message in self.records
                if created <= until and not name.startswith("distributed.shuffle") and (level in ("WARNING", "ERROR", "CRITICAL") or "Worker process" in message)]


def run_dask(folder: Path, feed: dict[str, Any], workers: int, memory_limit: str, rows_per_partition: int, partitions: int | None, shuffle: str,
             profile: bool, progress_every: float, time_limit: float | None) -> dict[str, Any]:
    """The full timeline through ceasefire.dask on a fresh LocalCluster of ``workers`` single-threaded processes, watched for memory and incidents.

    Never raises for a failure of the run itself: a worker lost, a task
    failed or the time limit reached is written into the result (``error``,
    ``incomplete``), with what was measured up to then.
    """
    import dask
    import distributed
    import pandas as pd
    import psutil

    import ceasefire
    from ceasefire.dask import DaskTracker, read_feed

    caught = Caught()
    logging.getLogger("distributed").addHandler(caught)
    found: dict[str, Any] = {"workers": workers, "memory_limit": memory_limit, "shuffle": shuffle, "worker_profiler": profile}
    began = time.perf_counter()
    try:
        with dask.config.set({"distributed.worker.profile.enabled": profile}), Watch() as watch, \
                distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, memory_limit=memory_limit, dashboard_address="127.0.0.1:0", host="127.0.0.1") as cluster, \
                distributed.Client(cluster) as client:
            first_pids: dict[str, int] = client.run(os.getpid)
            found["start_rss_bytes_per_worker"] = sorted(client.run(lambda: psutil.Process().memory_info().rss).values())
            agreement = ceasefire.parse_agreement(json.loads((folder / "agreement.json").read_text(encoding="utf-8")))
            began = time.perf_counter()
            try:
                on_dask = DaskTracker(agreement, read_feed(feed["events"], sources=feed["sources"], deletions=feed["deletions"], zone=feed["zone"], covers=COVERS, name="feed"),
                                      rows_per_partition=rows_per_partition, partitions=partitions, shuffle=shuffle)
                found["layout_seconds"] = time.perf_counter() - began
                found["partitions"] = on_dask.partitions
                futures = client.compute(on_dask.timeline(START, END).to_delayed())
                found["answered"], last = 0, time.perf_counter()
                while True:
                    finished = sum(f.done() for f in futures)
                    found["answered"] = sum(f.status == "finished" for f in futures)
                    failed = [f for f in futures if f.status == "error"]
                    if failed:
                        raise failed[0].exception()
                    if finished == len(futures):
                        break
                    if time_limit is not None and time.perf_counter() - began > time_limit:
                        found["incomplete"] = f"stopped at the time limit of {time_limit:.0f} s"
                        client.cancel(futures)
                        break
                    if time.perf_counter() - last >= progress_every:
                        last = time.perf_counter()
                        rss = ", ".join(f"{v / 2**20:.0f} MiB" for v in sorted(watch.now.values()))
                        print(f"  ... {last - began:.0f} s: {found['answered']} of {len(futures)} partitions answered; resident memory of the processes now: {rss}", flush=True)
                    time.sleep(0.5)
                found["seconds"] = time.perf_counter() - began
                if "incomplete" not in found:
                    frame = pd.concat(client.gather(futures), ignore_index=True)
                    found["intervals"] = len(frame)
                    found["answer"] = _rows(frame)
            except Exception as exc:  # the run's own failure is a result to report, not a crash of the benchmark
                found["seconds"] = time.perf_counter() - began
                found["error"] = f"{type(exc).__name__}: {str(exc)[:300]}"
            found.update(_aftermath(client, first_pids, watch))
    except Exception as exc:
        found.setdefault("seconds", time.perf_counter() - began)
        found["error"] = found.get("error") or f"{type(exc).__name__}: {str(exc)[:300]}"
    finally:
        logging.getLogger("distributed").removeHandler(caught)
    found["incidents_in_this_process"] = caught.incidents(found.get("ended_at", time.time()))
    return found


def _aftermath(client: Any, first_pids: dict[str, int], watch: Watch) -> dict[str, Any]:
    """What the workers went through: peak memory per worker process (those replaced too), spilling, pauses, restarts, warnings."""
    import resource as res

    def own_peak() -> int:
        return res.getrusage(res.RUSAGE_SELF).ru_maxrss * 1024

    def spilled(dask_worker: Any) -> dict[str, float]:
        metrics = getattr(dask_worker.data, "cumulative_metrics", {})
        return {"count": float(metrics.get(("disk-write", "count"), 0)), "bytes": float(metrics.get(("disk-write", "bytes"), 0))}

    out: dict[str, Any] = {"ended_at": time.time()}
    try:
        last_pids: dict[str, int] = client.run(os.getpid)
        exact = {last_pids[a]: v for a, v in client.run(own_peak).items() if a in last_pids}
        out["spilled_per_worker"] = sorted(client.run(spilled).values(), key=lambda d: d["bytes"])
        logs = client.get_worker_logs()
        restarts = client.get_events("worker-restart-memory")
    except Exception as exc:
        last_pids, exact, logs, restarts = {}, {}, {}, ()
        out["aftermath_error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
    workers = set(first_pids.values()) | set(last_pids.values()) | watch.spawned
    peaks = {pid: max(watch.peaks.get(pid, 0), exact.get(pid, 0)) for pid in workers}
    out["peak_rss_bytes_per_worker"] = sorted(peaks[p] for p in last_pids.values() if p in peaks)
    out["replaced_worker_pids"] = sorted(workers - set(last_pids.values()))
    out["peak_rss_bytes_of_replaced_workers"] = [peaks[p] for p in out["replaced_worker_pids"]]
    out["restart_events"] = [dict(e) for _, e in restarts]
    warnings = [m for lines in logs.values() for level, m in lines if level in ("WARNING", "ERROR", "CRITICAL")]
    out["pauses"] = sum("Pausing worker" in m for m in warnings)
    out["worker_warnings"] = [m[:160] for m in warnings]
    return out


def _rows(frame: Any) -> list[list[str]]:
    """Every interval as text, sorted: obligation, status, start, end, whether each end is included, the cause (kind, record, instant) and the deadline in force."""
    import pandas as pd

    return sorted(["" if pd.isna(v := getattr(r, c)) else str(v) for c in ANSWER_COLUMNS] for r in frame.itertuples(index=False))


ANSWER_COLUMNS = ("obligation_id", "status", "start", "end", "start_inclusive", "end_inclusive", "cause_kind", "cause_ref", "cause_at", "deadline_earliest", "deadline_latest")
"""The columns of the timeline compared between the runs: all of ``ceasefire.dask.TIMELINE_COLUMNS``."""


def run_tracker(folder: Path, feed: dict[str, Any]) -> dict[str, Any]:
    """The single-machine Tracker on the JSON file, in this process: load, build, timeline; each step's time is printed as it ends (one JSON line), so that a run stopped early says how far it got."""
    import pandas as pd

    import ceasefire

    def step(name: str, seconds: float) -> None:
        print(json.dumps({"step": name, "seconds": seconds, "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}), flush=True)

    agreement = ceasefire.parse_agreement(json.loads((folder / "agreement.json").read_text(encoding="utf-8")))
    began = time.perf_counter()
    log = ceasefire.load_events(feed["json"])
    loaded = time.perf_counter()
    step("load_events", loaded - began)
    tracker = ceasefire.Tracker(agreement, log)
    built = time.perf_counter()
    step("Tracker()", built - loaded)
    timeline = tracker.timeline(START, END)
    answered = time.perf_counter()
    step("timeline", answered - built)
    frame = pd.DataFrame({"obligation_id": [i.obligation_id for i in timeline], "status": [i.status.value for i in timeline], "start": [_utc(i.start) for i in timeline],
                          "end": [_utc(i.end) for i in timeline], "start_inclusive": [i.start_inclusive for i in timeline], "end_inclusive": [i.end_inclusive for i in timeline],
                          "cause_kind": [i.cause.kind for i in timeline], "cause_ref": [i.cause.ref for i in timeline], "cause_at": [_utc(i.cause.at) for i in timeline],
                          "deadline_earliest": [_utc(i.deadline.earliest) if i.deadline else None for i in timeline],
                          "deadline_latest": [_utc(i.deadline.latest) if i.deadline else None for i in timeline]})
    done = time.perf_counter()
    step("table", done - answered)
    return {"seconds": done - began, "load_seconds": loaded - began, "build_seconds": built - loaded, "timeline_seconds": answered - built, "table_seconds": done - answered,
            "intervals": len(frame), "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "answer": _rows(frame)}


def _utc(value: Any) -> Any:
    """An instant as a pandas timestamp in UTC (None stays None), as the Dask timeline gives it."""
    import pandas as pd

    return None if value is None else pd.Timestamp(value).tz_convert("UTC")


def tracker_in_child(folder: Path, time_limit: float | None) -> dict[str, Any]:
    """:func:`run_tracker` in a child process, its memory sampled from here; a child stopped at ``time_limit`` or killed is reported with the steps it finished."""
    with Watch() as watch:
        child = subprocess.Popen([sys.executable, __file__, "--tracker-only", str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ})
        try:
            out, err = child.communicate(timeout=time_limit)
        except subprocess.TimeoutExpired:
            child.kill()
            out, err = child.communicate()
            err = f"stopped at the time limit of {time_limit:.0f} s"
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    steps = [line for line in lines if "step" in line]
    sampled = watch.peaks.get(child.pid, 0)
    if child.returncode == 0 and lines and "answer" in lines[-1]:
        found: dict[str, Any] = lines[-1]
        found["peak_rss_bytes"] = max(found["peak_rss_bytes"], sampled)
        return found
    reason = err.strip().splitlines()[-1] if err.strip() else f"exit status {child.returncode}"
    return {"error": reason, "returncode": child.returncode, "steps": steps, "peak_rss_bytes": max([sampled] + [s["peak_rss_bytes"] for s in steps])}


def commit() -> str:
    """The commit of the ceasefire source measured, with '+' when the tree has changes."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+" if dirty else "")


def _mib(values: list[int] | list[float]) -> str:
    return ", ".join(f"{v / 2**20:.0f} MiB" for v in values) or "none"


def describe(found: dict[str, Any]) -> list[str]:
    """The printed lines of one Dask run: its time (or how far it got), memory per worker, and every incident."""
    head = f"dask, {found['workers']} worker(s) capped at {found['memory_limit']}"
    lines = []
    if "error" in found:
        lines.append(f"{head}: FAILED after {found['seconds']:.1f} s ({found.get('answered', 0)} of {found.get('partitions', '?')} partitions answered): {found['error']}")
    elif "incomplete" in found:
        lines.append(f"{head}: NOT FINISHED, {found['incomplete']}: {found['answered']} of {found['partitions']} partitions answered in {found['seconds']:.1f} s")
    else:
        lines.append(f"{head}: {found['seconds']:.1f} s to the full timeline ({found['intervals']:,} intervals, {found['partitions']} partitions; "
                     f"{found['layout_seconds']:.1f} s of it counting and laying out)")
    alive = found.get("peak_rss_bytes_per_worker", [])
    lines.append(f"  peak RSS per worker: {_mib(alive) if alive else 'no worker answered at the end'} (at start {_mib(found.get('start_rss_bytes_per_worker', []))})")
    spilled = found.get("spilled_per_worker", [])
    replaced = found.get("replaced_worker_pids", [])
    spill = ", ".join(f"{int(d['count'])} keys, {d['bytes'] / 2**20:.0f} MiB" for d in spilled) or "unknown"
    lines.append(f"  spilled to disk per worker: {spill}; "
                 f"paused {found.get('pauses', '?')} time(s); workers restarted or killed: {len(replaced)}"
                 + (f" (their peak RSS: {_mib(found['peak_rss_bytes_of_replaced_workers'])})" if replaced else "")
                 + f"; restarts for memory logged by the nannies: {len(found.get('restart_events', []))}")
    warnings = found.get("worker_warnings", []) + found.get("incidents_in_this_process", [])
    lines.append(f"  warnings and errors logged: {len(warnings)}" + "".join(f"\n    {w}" for w in warnings[:10]) + (f"\n    ... and {len(warnings) - 10} more" if len(warnings) > 10 else ""))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--per-file", type=int, default=100_000, help="events per Parquet file (one reading task each)")
    parser.add_argument("--rows-per-partition", type=int, default=ROWS_PER_PARTITION, help="records per partition of obligations (the library's default)")
    parser.add_argument("--partitions", type=int, help="partitions of obligations (by default one per --rows-per-partition records)")
    parser.add_argument("--shuffle", default="auto", choices=["auto", "tasks", "p2p"], help="how Dask moves the records (the library's choice by default)")
    parser.add_argument("--memory-limit", default="2GB")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--worker-profiler", action="store_true", help="leave Dask's statistical profiler on in the workers (it samples the running task every 10 ms)")
    parser.add_argument("--no-tracker", action="store_true", help="leave out the single-machine Tracker (and its JSON event file)")
    parser.add_argument("--time-limit", type=float, help="stop each run after this many seconds and report how far it got")
    parser.add_argument("--stop-at", help="an instant with its offset (e.g. 2026-11-30T04:42:00+00:00): every run still going then is stopped and reported with how far it got")
    parser.add_argument("--progress", type=float, default=60.0, help="seconds between progress lines during a Dask run")
    parser.add_argument("--folder", help="where to write the feed (a temporary folder by default, removed at the end)")
    parser.add_argument("--tracker-only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.tracker_only:
        folder = Path(args.tracker_only)
        print(json.dumps(run_tracker(folder, json.loads((folder / "feed.json").read_text(encoding="utf-8")))))
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.folder or scratch)
        print(f"commit: {commit()}; machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}; load average {[round(x, 2) for x in os.getloadavg()]}", flush=True)
        feed = write_feed(folder, args.events, args.per_file, with_json=not args.no_tracker)
        print(f"{feed['records']:,} event records in {len(feed['events'])} Parquet files ({feed['parquet_bytes'] / 2**20:.1f} MiB), 1,000 obligations of four kinds; "
              f"written in {feed['seconds']:.1f} s by a generator whose peak RSS was {feed['peak_rss_bytes'] / 2**20:.0f} MiB", flush=True)
        results: dict[str, Any] = {"events": args.events, "records": feed["records"], "parquet_bytes": feed["parquet_bytes"], "generator_peak_rss_bytes": feed["peak_rss_bytes"],
                                   "generator_seconds": feed["seconds"], "commit": commit(), "machine": {"cores": os.cpu_count(), "platform": platform.platform()},
                                   "load_average_before": os.getloadavg(), "dask": []}
        stop_at = None
        if args.stop_at:
            given = dt.datetime.fromisoformat(args.stop_at)
            if given.tzinfo is None:
                parser.error(f"--stop-at {args.stop_at!r} has no offset; give one, e.g. 2026-11-30T04:42:00+00:00")
            stop_at = given.timestamp()

        def limit() -> float | None:
            left = None if stop_at is None else max(1.0, stop_at - time.time())
            return min(x for x in (args.time_limit, left) if x is not None) if (args.time_limit, left) != (None, None) else None

        def too_late(what: str) -> bool:
            if stop_at is not None and stop_at - time.time() < 60:
                print(f"{what}: not run, less than a minute left before --stop-at {args.stop_at}", flush=True)
                return True
            return False

        for workers in [int(w) for w in args.workers.split(",")]:
            if too_late(f"dask, {workers} worker(s)"):
                continue
            found = run_dask(folder, feed, workers, args.memory_limit, args.rows_per_partition, args.partitions, args.shuffle, args.worker_profiler, args.progress, limit())
            results["dask"].append(found)
            print("\n".join(describe(found)), flush=True)
        if not args.no_tracker and not too_late("single-machine Tracker"):
            single = tracker_in_child(folder, limit())
            results["tracker"] = single
            if "error" in single:
                done = "; ".join(f"{s['step']} {s['seconds']:.1f} s" for s in single["steps"]) or "no step"
                verdict = "NOT FINISHED" if single["error"].startswith("stopped at the time limit") else "FAILED"
                print(f"single-machine Tracker: {verdict} ({single['error']}); finished: {done}; peak RSS {single['peak_rss_bytes'] / 2**20:.0f} MiB")
            else:
                print(f"single-machine Tracker: {single['seconds']:.1f} s (load_events {single['load_seconds']:.1f} s, Tracker() {single['build_seconds']:.1f} s, "
                      f"timeline {single['timeline_seconds']:.1f} s, the same table as Dask's {single['table_seconds']:.1f} s; {single['intervals']:,} intervals); "
                      f"peak RSS {single['peak_rss_bytes'] / 2**20:.0f} MiB")
        complete = [d for d in results["dask"] if "answer" in d]
        one = next((d for d in complete if d["workers"] == 1), None)
        two = next((d for d in complete if d["workers"] == 2), None)
        if one and two:
            results["one_over_two_workers"] = one["seconds"] / two["seconds"]
            print(f"one worker / two workers: {results['one_over_two_workers']:.2f}")
        if "answer" in results.get("tracker", {}):
            for d in complete:
                d["tracker_over_dask"] = results["tracker"]["seconds"] / d["seconds"]
                d["same_answer_as_tracker"] = d["answer"] == results["tracker"]["answer"]
                print(f"single-machine Tracker / dask on {d['workers']} worker(s): {d['tracker_over_dask']:.2f}; same intervals: {d['same_answer_as_tracker']}")
            results["tracker"].pop("answer")
        if one and two:
            print(f"same intervals on one worker and on two: {one['answer'] == two['answer']}")
        for d in complete:
            d.pop("answer")
        results["load_average_after"] = os.getloadavg()
        print(f"load average after: {[round(x, 2) for x in os.getloadavg()]}")
        print(json.dumps(results))


if __name__ == "__main__":
    main()
