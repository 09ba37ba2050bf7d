"""Write a synthetic global event feed for the benchmark, from a fixed seed.

1,000 deadline obligations created over January 2025, each with a deadline
two weeks to four months after it was created; then ``n`` events over 2025,
each about one obligation and after its creation: progress (``advances``,
98.85%), deadline moves (``move-deadline``, 1%; the new deadline falls
between 30 days before and 120 days after the move, so some moves put it in
the past), fulfilments (``fulfils``, 0.1%) and breaches (``breaches``,
0.05%). Each event is first reported a random delay after it happened
(exponential, mean 36 hours). Instants are written as ISO 8601 strings with
microseconds and an offset, in UTC, Moscow (+03:00) or Baku (+04:00) time,
as a merged feed would have them. Files: obligations.ndjson,
obligations.csv, events.ndjson and events.csv, events in time order.

    python benchmarks/generate.py 1m --out /tmp/feed
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import polars as pl

SEED = 20201110
START = 1_735_689_600_000_000  # 2025-01-01T00:00:00Z, microseconds since the epoch
DAY = 86_400_000_000
YEAR_END = START + 365 * DAY
KINDS = ("advances", "move-deadline", "fulfils", "breaches")
SHARES = (0.9885, 0.01, 0.001, 0.0005)
OFFSETS = ((0, "+00:00"), (3, "+03:00"), (4, "+04:00"))


def size(text: str) -> int:
    """'10k', '1m' or '2500' as a count."""
    text = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * scale)


def feed(n_events: int, n_obligations: int = 1_000, seed: int = SEED) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The obligations and events as frames of integer microseconds (not yet written as text)."""
    rng = np.random.default_rng(seed)
    created = START + rng.integers(0, 31 * DAY, n_obligations)
    deadline = created + rng.integers(14 * DAY, 120 * DAY, n_obligations)
    obligation = rng.integers(0, n_obligations, n_events)
    at = created[obligation] + (rng.random(n_events) * (YEAR_END - created[obligation])).astype(np.int64)
    kind = rng.choice(len(KINDS), n_events, p=SHARES)
    new_deadline = np.where(kind == 1, at + rng.integers(-30 * DAY, 120 * DAY, n_events), 0)
    reported = at + rng.exponential(1.5 * DAY, n_events).astype(np.int64)
    zone = rng.integers(0, len(OFFSETS), n_events)
    ids = [f"obl-{i:05d}" for i in range(n_obligations)]
    obligations = pl.DataFrame({"obligation": ids, "deadline": deadline, "zone": rng.integers(0, len(OFFSETS), n_obligations)})
    events = pl.DataFrame(
        {"obligation": np.array(ids)[obligation], "at": at, "kind": np.array(KINDS)[kind], "reported": reported, "new_deadline": new_deadline, "zone": zone}
    ).sort("at", maintain_order=True)
    return obligations, events


def iso(column: str) -> pl.Expr:
    """An integer-microsecond column written as ISO 8601 text in the row's zone."""
    hours = pl.col("zone").replace_strict(list(range(len(OFFSETS))), [h for h, _ in OFFSETS])
    suffix = pl.col("zone").replace_strict(list(range(len(OFFSETS))), [s for _, s in OFFSETS])
    local = (pl.col(column) + hours * 3_600_000_000).cast(pl.Datetime("us"))
    return pl.concat_str([local.dt.strftime("%Y-%m-%dT%H:%M:%S%.6f"), suffix]).alias(column)


def write(out: Path, n_events: int, seed: int = SEED) -> Path:
    """Write the four files for ``n_events`` into ``out`` (made if missing) and return it."""
    out.mkdir(parents=True, exist_ok=True)
    obligations, events = feed(n_events, seed=seed)
    obligations = obligations.select("obligation", iso("deadline"))
    events = events.select(
        "obligation", iso("at"), "kind", iso("reported"),
        pl.when(pl.col("kind") == "move-deadline").then(iso("new_deadline")).otherwise(None).alias("new_deadline"),
    )
    obligations.write_ndjson(out / "obligations.ndjson")
    obligations.write_csv(out / "obligations.csv")
    events.write_ndjson(out / "events.ndjson")
    events.write_csv(out / "events.csv")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", help="how many events: 10k, 100k, 1m")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the files into")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    print(write(args.out, size(args.events), args.seed))


if __name__ == "__main__":
    main()
