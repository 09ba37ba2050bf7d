"""One busy obligation: a ceasefire with thousands of reported breaches, as an ACLED export gives it.

Builds an agreement with one standing obligation and a feed of ``--breaches``
breach events, each dated to a whole day (as ACLED rows are) at a seeded
random day over four years, reported the next day, under one declared
coverage. Times, in one process: ``json.loads`` of the feed as JSON (the
baseline), ``parse_events`` of the same data, ``Tracker()``, one
``status_on``, and a year's ``timeline``. This is where an engine that
rescans every event at every change point grows with the square of the
events. The last line is one JSON object of every figure.

    PYTHONPATH=$PWD/src python benchmarks/busy.py --breaches 2000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import ceasefire
from ceasefire import Tracker, parse_agreement, parse_events

AGREEMENT: dict[str, Any] = {
    "id": "busy",
    "title": "One busy ceasefire",
    "zone": "Asia/Baku",
    "parties": [{"id": "A", "name": "Party A", "roles": ["party"]}, {"id": "B", "name": "Party B", "roles": ["party"]}],
    "announced": "2020-11-10T00:00:00+03:00",
    "effective": "2020-11-10T00:00:00+03:00",
    "points": [{"number": 1, "summary": "Ceasefire", "obligations": [{"id": "1.ceasefire", "kind": "standing", "bearers": ["A", "B"], "summary": "Stop firing."}]}],
}


def feed(breaches: int, seed: int = 7) -> dict[str, Any]:
    """The seeded feed of ``breaches`` day-dated breach events, as plain data."""
    rng = random.Random(seed)
    first = dt.date(2020, 11, 11)
    events = []
    for i in range(breaches):
        day = first + dt.timedelta(days=rng.randrange(0, 1460))
        events.append(
            {
                "id": f"e{i}",
                "kind": "attack",
                "summary": "Shelling reported.",
                "occurred": day.isoformat(),
                "reported": f"{day + dt.timedelta(days=1)}T12:00:00+04:00",
                "actors": ["A"],
                "links": [{"obligation": "1.ceasefire", "role": "breaches"}],
                "sources": [{"source": "feed"}],
            }
        )
    return {
        "zone": "Asia/Baku",
        "covers": [{"start": "2020-11-10T00:00:00+03:00", "end": "2024-12-31T23:59:59+04:00"}],
        "sources": [{"id": "feed", "title": "Event feed", "publisher": "A monitor", "kind": "dataset"}],
        "events": events,
    }


def _best(step: Any, repeat: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = step()
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--breaches", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each step; the best is kept")
    args = parser.parse_args()
    text = json.dumps(feed(args.breaches))
    agreement = parse_agreement(AGREEMENT)
    figures: dict[str, Any] = {"breaches": args.breaches}
    figures["json.loads"], data = _best(lambda: json.loads(text), args.repeat)
    figures["parse_events"], log = _best(lambda: parse_events(json.loads(text)), args.repeat)
    figures["Tracker()"], tracker = _best(lambda: Tracker(agreement, log), args.repeat)
    fresh = Tracker(agreement, log)
    figures["status_on, first"], _ = _best(lambda: fresh.status_on("2022-06-30"), 1)
    figures["status_on, again"], _ = _best(lambda: fresh.status_on("2023-06-30"), args.repeat)
    figures["timeline 2022"], line = _best(lambda: tracker.timeline("2022-01-01", "2022-12-31"), 1)
    source = Path(ceasefire.__file__).resolve().parent
    commit = subprocess.run(["git", "-C", str(source), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False).stdout.strip()
    figures["commit"] = commit
    figures["load_average"] = [round(x, 2) for x in os.getloadavg()]
    figures["intervals"] = len(line)
    del data
    print(f"commit {commit} ({source}); {os.cpu_count()} cores; python {sys.version.split()[0]}; load average {figures['load_average']}")
    print(f"one standing obligation, {args.breaches:,} breach events, {len(text) / 2**20:.1f} MiB of JSON")
    base = figures["json.loads"]
    for step in ("json.loads", "parse_events", "Tracker()", "status_on, first", "status_on, again", "timeline 2022"):
        print(f"{step:>15}: {figures[step] * 1000:9.1f} ms  ({figures[step] / base:7.1f} x json.loads)")
    print("the first status_on sorts what the cut-off lets be known; later ones under the same cut-off reuse it")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
