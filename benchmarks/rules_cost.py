"""What one run of the rules costs, measured so that a busy machine disturbs it least: best of several runs, after a warm-up.

On the feed of :mod:`tracker` (1,000 obligations of four kinds, the mixed
event feed of :mod:`loading`), prints, for the ceasefire source on the path:

- the cost of one brief evaluation of an obligation of each kind (50
  obligations of the kind, asked about at 200 instants of 2025 seven hours
  apart, under no cut-off), best of ``--runs``;
- the wall and processor time of a year's timeline of every obligation,
  once the tracker has answered one (what a cut-off lets be known is then
  worked out), best of ``--runs``.

Comparing two commits: run it with each one's ``src`` on ``PYTHONPATH``, one
after the other.

    PYTHONPATH=$PWD/src python benchmarks/rules_cost.py --events 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loading  # noqa: E402
import tracker as bench  # noqa: E402

KINDS = ("deadline", "standing", "progress", "term")


def main() -> None:
    """Build the tracker once, then time the rules per kind and the warm timeline."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from ceasefire import Tracker, parse_agreement, load_events
    from ceasefire.engine.evidence import View
    from ceasefire.engine.rules import judged

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.json"
        path.write_text(json.dumps(bench.tracker_feed(loading.events_document(args.events, 1_000))), encoding="utf-8")
        tracker = Tracker(parse_agreement(bench.agreement_document(1_000)), load_events(path))
    memo = tracker.known(None)
    instants = [dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(hours=7 * i) for i in range(200)]
    print(f"commit: {bench.commit()}")
    print(f"{args.events:,} events, 1,000 obligations of four kinds; best of {args.runs} runs")
    for kind in KINDS:
        entries = [e for e in tracker.index.entries.values() if e.obligation.kind == kind][:50]

        def ask(entries: list = entries) -> None:  # type: ignore[type-arg]
            for entry in entries:
                for at in instants:
                    judged(entry, View(tracker.index, at, None, memo=memo, brief=True))

        ask()
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            ask()
            times.append(time.perf_counter() - start)
        print(f"  one evaluation, {kind:>8}: {min(times) / (len(entries) * len(instants)) * 1e6:6.1f} us")
    tracker.timeline("2025-01-01", "2025-12-31")
    walls, cpus = [], []
    for _ in range(args.runs):
        wall, cpu = time.perf_counter(), time.process_time()
        tracker.timeline("2025-01-01", "2025-12-31")
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    print(f"  timeline 2025, warm: wall {min(walls):.2f} s, processor {min(cpus):.2f} s (every run's wall time: {', '.join(f'{w:.2f}' for w in walls)} s)")


if __name__ == "__main__":
    main()
