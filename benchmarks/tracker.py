"""The Tracker side of issue 12, in one command: load, build, ask, and a year's timeline, against ``json.loads``.

Writes a seeded agreement of 1,000 obligations of the four kinds (deadline,
standing, progress, term, in turn) and the mixed-kind event feed of
:mod:`loading` (10% day-long windows, revisions, deletions) as JSON, then
times in one process: ``json.loads`` of the event file, ``load_events`` of
it, ``Tracker(agreement, events)``, one ``status_on`` of every obligation
and a second one under the same cut-off, the written-out explanation of
the obligation with the most links, and ``timeline`` over 2025, then every obligation's status at one instant read from that
timeline (the first time, and the best of twenty more instants). Prints each figure with its ratio to
``json.loads``, the commit of the ceasefire source measured, the machine
and its load; the last line is one JSON object of every figure.

    PYTHONPATH=$PWD/src python benchmarks/tracker.py --events 10000
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loading  # noqa: E402

ZONE = "Asia/Baku"


def agreement_document(n_obligations: int = 1_000) -> dict[str, Any]:
    """An agreement whose obligation ``obl-NNNNN`` has kind ``loading.KINDS[N % 4]``, as plain data."""
    obligations: list[dict[str, Any]] = []
    for i in range(n_obligations):
        kind = loading.KINDS[i % 4]
        ob: dict[str, Any] = {"id": f"obl-{i:05d}", "kind": kind, "bearers": ["A"], "summary": f"Obligation {i} ({kind})."}
        if kind == "deadline":
            ob["due"] = {"by": f"2025-{1 + i % 12:02d}-15"}
        elif kind == "progress":
            ob["targets"] = [{"name": "people", "value": 5000}]
        elif kind == "term":
            ob["period"] = "P6M"
            ob["renewal"] = "P6M"
        obligations.append(ob)
    return {
        "id": "bench", "title": "A benchmark agreement", "zone": ZONE,
        "parties": [{"id": "A", "name": "Party A", "roles": ["party"]}, {"id": "B", "name": "Party B", "roles": ["party"]}],
        "announced": "2025-01-01T00:00:00+04:00", "effective": "2025-01-01T00:00:00+04:00",
        "points": [{"number": 1, "summary": "Everything", "obligations": obligations}],
    }


def tracker_feed(document: dict[str, Any]) -> dict[str, Any]:
    """The feed of :func:`loading.events_document` made acceptable to the Tracker.

    That feed gives a revised event's first record no ``version``, which
    ``load_events`` reads but the Tracker refuses; here every record of a
    revised event carries one (the first record: the start of 2025), and a
    second record of the same id and version is left out.
    """
    revised = {e["id"] for e in document["events"] if "version" in e}
    seen: set[tuple[str, str]] = set()
    events = []
    for event in document["events"]:
        if event["id"] in revised:
            event = {**event, "version": event.get("version", "2025-01-01T00:00:00+00:00")}
            key = (event["id"], event["version"])
            if key in seen:
                continue
            seen.add(key)
        events.append(event)
    return {**document, "events": events}


CPU: dict[str, float] = {}
"""Processor time of the last run of each step, in seconds: on a shared machine other work stretches the wall time but not this."""


def timed(run: Callable[[], object], name: str | None = None) -> tuple[float, object]:
    """Wall time of one run, in seconds, and what it returned; with ``name``, its processor time is kept in :data:`CPU`."""
    start, cpu = time.perf_counter(), time.process_time()
    value = run()
    if name is not None:
        CPU[name] = time.process_time() - cpu
    return time.perf_counter() - start, value


def best(run: Callable[[], object], repeat: int, name: str | None = None) -> tuple[float, object]:
    """The shortest wall time of ``repeat`` runs, and the last run's value; with ``name``, the shortest processor time is kept in :data:`CPU`."""
    found, cpus = [], []
    for _ in range(repeat):
        found.append(timed(run, name))
        if name is not None:
            cpus.append(CPU[name])
    if name is not None:
        CPU[name] = min(cpus)
    return min(f[0] for f in found), found[-1][1]


def commit() -> str:
    """The git commit (and whether the tree has changes) of the ceasefire source being measured."""
    import ceasefire

    folder = Path(ceasefire.__file__).resolve().parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=folder, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "."], cwd=folder, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}{' with uncommitted changes' if dirty else ''} ({folder})"


def main() -> None:
    """Write the files, time every step once (json.loads and loading best of ``--repeat``), print figures and ratios."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--obligations", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of json.loads and load_events; the best is kept")
    parser.add_argument("--no-timeline", action="store_true", help="skip the year's timeline (the slowest step)")
    args = parser.parse_args()
    from ceasefire import Tracker, load_agreement, load_events

    figures: dict[str, Any] = {"events": args.events, "obligations": args.obligations, "commit": commit(),
                               "machine": f"{platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}",
                               "load_average": [round(x, 2) for x in os.getloadavg()]}
    with tempfile.TemporaryDirectory() as folder:
        events_path, agreement_path = Path(folder) / "events.json", Path(folder) / "agreement.json"
        events_path.write_text(json.dumps(tracker_feed(loading.events_document(args.events, args.obligations)), indent=1), encoding="utf-8")
        agreement_path.write_text(json.dumps(agreement_document(args.obligations), indent=1), encoding="utf-8")
        figures["json_bytes"] = events_path.stat().st_size
        figures["json.loads"], _ = best(lambda: json.loads(events_path.read_text(encoding="utf-8")), args.repeat, "json.loads")
        agreement = load_agreement(agreement_path)
        figures["load_events"], log = best(lambda: load_events(events_path), args.repeat, "load_events")
    figures["Tracker()"], tracker = timed(lambda: Tracker(agreement, log), "Tracker()")
    assert isinstance(tracker, Tracker)
    figures["status_on"], report = timed(lambda: tracker.status_on("2025-07-20"), "status_on")
    figures["status_on obligations"] = len(report.obligations)  # type: ignore[attr-defined]
    figures["status_on again"], _ = timed(lambda: tracker.status_on("2025-08-20"), "status_on again")
    busiest = max(tracker.index.links, key=lambda k: len(tracker.index.links[k]))
    figures["explain busiest"], text = timed(lambda: tracker.obligation_on(busiest, "2025-07-20").explain(), "explain busiest")
    figures["busiest links"] = len(tracker.index.links[busiest])
    assert isinstance(text, str) and text
    if not args.no_timeline:
        figures["timeline 2025"], year = timed(lambda: tracker.timeline("2025-01-01", "2025-12-31"), "timeline 2025")
    if not args.no_timeline and hasattr(year, "statuses_at"):  # a tree older than the lookup has none to time
        # The year's timeline as a ready index: every obligation's status at one instant, read from its intervals.
        figures["lookup, first"], first = timed(lambda: year.statuses_at("2025-07-20T12:00:00+04:00"), "lookup, first")  # type: ignore[attr-defined]
        figures["lookup, first statuses"] = len(first)  # type: ignore[arg-type]
        instants = iter([f"2025-{month:02d}-{day:02d}T{hour:02d}:30:00+04:00" for month in range(1, 13) for day in (3, 17) for hour in (1, 13)])
        figures["lookup"], _ = best(lambda: year.statuses_at(next(instants)), 20, "lookup")  # type: ignore[attr-defined]
    figures["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    base = figures["json.loads"]
    print(f"commit: {figures['commit']}")
    print(f"machine: {figures['machine']}; load average {figures['load_average']}")
    print(f"{args.events:,} events ({figures['json_bytes'] / 2**20:.1f} MiB of JSON), {args.obligations:,} obligations of four kinds")
    for name in ("json.loads", "load_events", "Tracker()", "status_on", "status_on again", "explain busiest", "timeline 2025", "lookup, first", "lookup"):
        if name in figures:
            print(f"{name:>14}: {figures[name] * 1000:10.1f} ms  ({figures[name] / base:7.1f} x json.loads)  processor {CPU[name] * 1000:10.1f} ms")
            figures[f"{name} ratio"] = round(figures[name] / base, 2)
            figures[f"{name} processor seconds"] = round(CPU[name], 4)
    print(f"explain busiest: one obligation's full explanation with quotes, the obligation with the most links ({figures['busiest links']})")
    print("status_on again: a second date under the same knowledge cut-off, which reuses what the first found known")
    if "lookup" in figures:
        print(f"lookup: every obligation's status ({figures['lookup, first statuses']:,}) at one instant read from the year's timeline (Timeline.statuses_at), best of 20 instants; 'lookup, first' includes grouping the intervals")
    print("processor: the process's own processor time for the same run, which work elsewhere on the machine does not stretch")
    print(f"peak RSS of the process: {figures['peak_rss_mib']} MiB")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
