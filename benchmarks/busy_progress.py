"""One busy progress obligation: thousands of progress reports, each adding to a running figure, a few of them disputed.

Builds an agreement with one progress obligation (a target of people) and a
feed of ``--reports`` progress events spread evenly over 2025, each adding
one person (an increment, as daily returns are reported), every 97th
disputed by a party; then times a year's ``timeline`` of it, best of
``--repeat``. Running figures and disputes that were worked out again from
every earlier report at every change point made this grow with the square
of the reports.

    PYTHONPATH=$PWD/src python benchmarks/busy_progress.py --reports 2000
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tracker as bench  # noqa: E402


def main() -> None:
    """Build the obligation and its reports, then time the year's timeline."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reports", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from ceasefire import Tracker, parse_agreement, parse_events

    agreement = {
        "id": "busy-progress", "title": "One busy progress obligation", "zone": "UTC", "parties": [{"id": "p", "name": "P", "roles": ["party"]}],
        "announced": "2025-01-01", "effective": "2025-01-01T00:00:00Z",
        "points": [{"number": 1, "summary": "Returns", "obligations": [
            {"id": "returns", "kind": "progress", "bearers": ["p"], "summary": "People return.", "targets": [{"name": "people", "value": 10**9}]}]}],
        "sources": [{"id": "daily", "title": "Daily report", "published": "2025-01-01"}],
    }
    start, year = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc), 365 * 86_400
    events = [
        {"id": f"r{i}", "kind": "return", "summary": "People returned.",
         "occurred": (start + dt.timedelta(seconds=i * year // args.reports)).isoformat(), "reported": (start + dt.timedelta(seconds=i * year // args.reports + 60)).isoformat(),
         "links": [{"obligation": "returns", "role": "advances"}], "sources": [{"source": "daily"}],
         "quantities": [{"name": "people", "value": 1, "counts": "increment"}], "disputed_by": [{"party": "p"}] if i % 97 == 0 else []}
        for i in range(args.reports)
    ]
    tracker = Tracker(parse_agreement(agreement), parse_events({"zone": "UTC", "events": events}))
    times = []
    for _ in range(args.repeat):
        began = time.perf_counter()
        found = tracker.timeline("2025-01-01", "2025-12-31")
        times.append(time.perf_counter() - began)
    print(f"commit: {bench.commit()}")
    print(f"{args.reports:,} progress reports: year's timeline {min(times):.2f} s (best of {args.repeat}; every run: {', '.join(f'{t:.2f}' for t in times)} s), {len(found.intervals)} interval(s)")


if __name__ == "__main__":
    main()
