"""What standing obligations cost the bulk path: one feed indexed as all deadline obligations, then with half of them standing.

The same seeded rows (90% progress reports, 5% fulfilments, 5% breaches over
a year, 1,000 obligations) are indexed twice in one process: once with every
obligation a deadline obligation, once with every other obligation standing,
so that each breach of a standing obligation is two changes (breached, then
holding). Prints the best of five index builds, the number of changes, and
the mean time of ``status_at`` for an instant and for a whole day, each with
its ratio to the all-deadline run; the last line is one JSON object.

    PYTHONPATH=$PWD/src python benchmarks/bulk_standing.py --events 1000000

Then one comparison with another tool: on the same rows with every
obligation standing, the full timeline (every change of every obligation)
from columns already in memory, by ceasefire's bulk path and by the same
question written as a fluent polars user would (breaches only, unique per
obligation and instant, a vertical concat of the 'breached' and 'holding'
rows, anti-joins for breaches a microsecond apart), with the
answers checked equal. ``run.py --kinds all`` races every kind, standing
obligations among them, against polars, DuckDB and pandas end to end.
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np

from ceasefire.bulk import EventColumns, build_index, codes

DAY = 86_400_000_000
BASE = 1_735_689_600_000_000  # 2025-01-01T00:00:00Z


def feed(events: int, obligations: int, standing: bool) -> EventColumns:
    """The seeded rows, with every other obligation standing when ``standing``."""
    rng = np.random.default_rng(7)
    obligation = rng.integers(0, obligations, events).astype(np.int32)
    at = BASE + rng.integers(0, 365 * DAY, events)
    kind = rng.choice([codes.ADVANCES, codes.FULFILS, codes.BREACHES], events, p=[0.9, 0.05, 0.05]).astype(np.int8)
    reported = at + rng.integers(0, DAY, events)
    deadline = BASE + rng.integers(0, 365 * DAY, obligations)
    kinds = np.where(np.arange(obligations) % 2 == 0, codes.STANDING, codes.DEADLINE) if standing else None
    return EventColumns.from_arrays(
        [f"o{i}" for i in range(obligations)], deadline, obligation, at, kind, np.zeros(events, np.int64), reported, obligation_kind=kinds
    )


def measure(store: EventColumns) -> dict[str, float]:
    """Best of five builds, and the mean of a year of monthly questions by instant and by day, in milliseconds."""
    builds = []
    for _ in range(5):
        start = time.perf_counter()
        index = build_index(store)
        builds.append(time.perf_counter() - start)
    start = time.perf_counter()
    for k in range(12):
        index.status_at(BASE + (30 * k + 14) * DAY)
    instant = (time.perf_counter() - start) / 12
    start = time.perf_counter()
    for month in range(1, 13):
        index.status_at(f"2025-{month:02d}-15")
    day = (time.perf_counter() - start) / 12
    return {"build_ms": min(builds) * 1000, "changes": float(len(index.at)), "status_at_instant_ms": instant * 1000, "status_at_day_ms": day * 1000}


def polars_timeline(store: EventColumns) -> object:
    """The standing timeline (opening rows left out) as a fluent polars user computes it from the same columns."""
    import polars as pl

    rows = pl.DataFrame({"obligation": store.obligation, "at": store.at, "kind": store.kind}).lazy()
    breaches = rows.filter(pl.col("kind") == codes.BREACHES).select("obligation", "at").unique()
    after = breaches.with_columns(pl.col("at") + 1)
    breached = breaches.join(after, on=["obligation", "at"], how="anti").with_columns(status=pl.lit(codes.BREACHED, pl.Int8))  # a breach right after one changes nothing
    holding = after.join(breaches, on=["obligation", "at"], how="anti").with_columns(status=pl.lit(codes.HOLDING, pl.Int8))
    return pl.concat([breached, holding]).sort("obligation", "at").collect()


def versus_polars(events: int, obligations: int) -> dict[str, float]:
    """Best of five for each tool on an all-standing feed, with the change rows compared."""
    base = feed(events, obligations, standing=False)
    store = EventColumns.from_arrays(
        base.obligation_ids, base.deadline, base.obligation, base.at, base.kind, base.new_deadline, base.reported,
        obligation_kind=np.full(obligations, codes.STANDING, np.int8),
    )
    ours, theirs = [], []
    for _ in range(5):
        start = time.perf_counter()
        line = build_index(store).timeline()
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        frame = polars_timeline(store)
        theirs.append(time.perf_counter() - start)
    assert frame["obligation"].to_list() == line.obligation.tolist()  # type: ignore[attr-defined]
    assert frame["at"].to_list() == line.at.tolist()  # type: ignore[attr-defined]
    assert frame["status"].to_list() == line.status.tolist()  # type: ignore[attr-defined]
    return {"ceasefire_ms": min(ours) * 1000, "polars_ms": min(theirs) * 1000, "changes": float(len(line))}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--obligations", type=int, default=1_000)
    args = parser.parse_args()
    figures = {"events": args.events, "obligations": args.obligations, "load_average_before": [round(x, 2) for x in os.getloadavg()]}
    plain = measure(feed(args.events, args.obligations, standing=False))
    mixed = measure(feed(args.events, args.obligations, standing=True))
    figures["all deadline"], figures["half standing"] = plain, mixed
    figures["all standing, full timeline"] = race = versus_polars(args.events, args.obligations)
    figures["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(f"{args.events:,} events, {args.obligations:,} obligations; load average {figures['load_average_before']} before, {figures['load_average_after']} after")
    for name, found in (("all deadline", plain), ("half standing", mixed)):
        print(
            f"{name:>14}: build_index {found['build_ms']:8.1f} ms ({found['build_ms'] / plain['build_ms']:4.2f}x)  "
            f"changes {int(found['changes']):>9,}  status_at instant {found['status_at_instant_ms']:6.2f} ms ({found['status_at_instant_ms'] / plain['status_at_instant_ms']:4.2f}x)  "
            f"whole day {found['status_at_day_ms']:6.2f} ms ({found['status_at_day_ms'] / plain['status_at_day_ms']:4.2f}x)"
        )
    print(
        f"all standing, full timeline from memory ({int(race['changes']):,} changes, same answers): ceasefire {race['ceasefire_ms']:.1f} ms, "
        f"polars {race['polars_ms']:.1f} ms (ceasefire takes {race['ceasefire_ms'] / race['polars_ms']:.2f}x polars' time)"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
