"""A few obligations of every kind, each with thousands of reports: what one Dask partition holds when a feed outgrows its obligations.

The mixed-kind feed of :mod:`loading` (10% day-long windows, revisions,
deletions, every role) over ``--obligations`` obligations of the four kinds
in turn, ``--events`` in all, so each obligation has ``events /
obligations`` reports: at ten million events over a thousand obligations, a
Dask partition of 50,000 records holds five obligations of 10,000 reports
each. Times ``Tracker()`` and a year's ``timeline`` in processor time (which
other work on the machine does not stretch), best of ``--repeat``, and
prints a digest of the intervals so that two engines' answers can be
compared line for line.

    PYTHONPATH=$PWD/src python benchmarks/busy_kinds.py --events 50000 --obligations 5
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loading  # noqa: E402
import tracker as bench  # noqa: E402


def digest(intervals: object) -> str:
    """A short hash of every interval's obligation, status, ends, cause and deadline."""
    rows = [
        (i.obligation_id, str(i.status), i.start.isoformat(), i.end.isoformat(), i.start_inclusive, i.end_inclusive, i.cause.kind, i.cause.ref,
         None if i.deadline is None else (i.deadline.earliest.isoformat(), i.deadline.latest.isoformat()))
        for i in intervals  # type: ignore[attr-defined]
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:12]


def main() -> None:
    """Build the agreement and feed in memory, then time the tracker and the year's timeline."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--obligations", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    from ceasefire import Tracker, parse_agreement, parse_events

    agreement = parse_agreement(bench.agreement_document(args.obligations))
    events = parse_events(bench.tracker_feed(loading.events_document(args.events, args.obligations)))
    builds, lines = [], []
    for _ in range(args.repeat):
        start = time.process_time()
        tracker = Tracker(agreement, events)
        builds.append(time.process_time() - start)
        start = time.process_time()
        line = tracker.timeline("2025-01-01", "2025-12-31")
        lines.append(time.process_time() - start)
    print(f"commit: {bench.commit()}; load average {[round(x, 2) for x in os.getloadavg()]}")
    print(f"{args.events:,} events over {args.obligations} obligations ({args.events // args.obligations:,} each)")
    print(f"Tracker(): {min(builds):.2f} s processor; timeline of 2025: {min(lines):.2f} s processor (best of {args.repeat}); "
          f"{len(line.intervals):,} intervals, digest {digest(line.intervals)}")


if __name__ == "__main__":
    main()
