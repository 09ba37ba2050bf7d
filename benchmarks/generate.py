"""Write a synthetic global event feed for the benchmark, from a fixed seed.

Two feeds: ``--kinds deadline`` (the default, the feed of earlier runs, kept
byte for byte) and ``--kinds all`` (every kind the bulk path answers; see
:func:`mixed_feed`).

The deadline feed: 1,000 deadline obligations created over January 2025, each with a deadline
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
    python benchmarks/generate.py 1m --kinds all --out /tmp/feed-all
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


OBLIGATION_KINDS = ("deadline", "standing", "progress", "term")
OBLIGATION_SHARES = (0.40, 0.20, 0.35, 0.05)
ALL_KINDS = (*KINDS, "notice")
ROW_SHARES = {
    "deadline": SHARES,
    "standing": (0.90, 0.0, 0.0, 0.10),
    "progress": (0.998, 0.0, 0.001, 0.001),
}
"""For each obligation kind, the shares of ``KINDS`` among the rows about one obligation of that kind."""
TERMS = (("P6M", "P6M", "P30D"), ("P3M", "P3M", "P14D"), ("P1Y", None, None), ("P1M", "P1M", None))
"""The (period, renewal, notice) a term obligation is drawn from: renewing with notice, without notice, and not renewing."""
NOTICES = (0.4, 0.45, 0.15)
"""The chance that a term obligation receives no notice, one, or two."""


def mixed_feed(n_events: int, n_obligations: int = 1_000, seed: int = SEED, busy: float = 1.0) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A feed of every kind the bulk path answers, as frames of integer microseconds.

    Obligations: 40% deadline (as in :func:`feed`), 20% standing, 35%
    progress and 5% term ones, created over January 2025 except the terms,
    which start over the first eight months of 2025 (so that some are not
    yet in force at the benchmark's status instant). A term's periods run
    from its start: six months renewing by six with 30 days' notice, three
    renewing by three with 14 days', one year not renewing, or one month
    renewing by one with no notice needed. Events: each term obligation
    receives no notice (40%), one (45%) or two (15%) at a random instant of
    2025 after its start; every other row is about a deadline,
    standing or progress obligation, drawn uniformly, with the kind drawn from
    that obligation kind's shares: progress reports make most rows, breaches
    are a tenth of a standing obligation's rows, deadline moves and
    fulfilments as in the deadline feed, completions and breaches a tenth of
    a percent of a progress obligation's. Reporting delays and offsets as in
    :func:`feed`. ``busy`` multiplies the shares of every row other than a
    progress report (a test uses it to make a small feed eventful).
    """
    rng = np.random.default_rng(seed)
    okind = rng.choice(len(OBLIGATION_KINDS), n_obligations, p=OBLIGATION_SHARES)
    created = START + rng.integers(0, 31 * DAY, n_obligations)
    created = np.where(okind == 3, START + rng.integers(0, 240 * DAY, n_obligations), created)
    deadline = np.where(okind == 0, created + rng.integers(14 * DAY, 120 * DAY, n_obligations), 0)
    term = rng.integers(0, len(TERMS), n_obligations)
    terms = np.flatnonzero(okind == 3)
    notices = rng.choice(len(NOTICES), terms.shape[0], p=NOTICES)
    notice_obl = np.repeat(terms, notices)[: n_events]
    others = np.flatnonzero(okind != 3)
    obligation = np.concatenate([notice_obl, others[rng.integers(0, others.shape[0], n_events - notice_obl.shape[0])]])
    at = created[obligation] + (rng.random(n_events) * (YEAR_END - created[obligation])).astype(np.int64)
    shares = np.array([ROW_SHARES.get(k, (1.0, 0.0, 0.0, 0.0)) for k in OBLIGATION_KINDS])
    shares[:, 1:] *= busy
    shares[:, 1:] *= np.minimum(1.0, 0.9 / np.maximum(shares[:, 1:].sum(axis=1, keepdims=True), 1e-12))  # progress reports stay at least a tenth
    shares[:, 0] = 1 - shares[:, 1:].sum(axis=1)
    table = np.cumsum(shares, axis=1)
    kind = (rng.random(n_events)[:, None] >= table[okind[obligation]][:, :-1]).sum(axis=1)
    kind[: notice_obl.shape[0]] = len(KINDS)
    new_deadline = np.where(kind == 1, at + rng.integers(-30 * DAY, 120 * DAY, n_events), 0)
    reported = at + rng.exponential(1.5 * DAY, n_events).astype(np.int64)
    zone = rng.integers(0, len(OFFSETS), n_events)
    ids = [f"obl-{i:05d}" for i in range(n_obligations)]
    is_term = okind == 3
    spans = [[TERMS[j][i] if is_term[o] else None for o, j in enumerate(term.tolist())] for i in range(3)]
    obligations = pl.DataFrame(
        {
            "obligation": ids, "kind": np.array(OBLIGATION_KINDS)[okind], "deadline": deadline, "start": created,
            "period": pl.Series(spans[0], dtype=pl.String), "renewal": pl.Series(spans[1], dtype=pl.String),
            "notice": pl.Series(spans[2], dtype=pl.String), "zone": rng.integers(0, len(OFFSETS), n_obligations),
        }
    )
    events = pl.DataFrame(
        {"obligation": np.array(ids)[obligation], "at": at, "kind": np.array(ALL_KINDS)[kind], "reported": reported, "new_deadline": new_deadline, "zone": zone}
    ).sort("at", maintain_order=True)
    return obligations, events


def write(out: Path, n_events: int, seed: int = SEED, kinds: str = "deadline") -> Path:
    """Write the four files for ``n_events`` into ``out`` (made if missing) and return it; ``kinds`` is 'deadline' or 'all'."""
    if kinds == "all":
        return write_frames(out, *mixed_feed(n_events, seed=seed))
    if kinds != "deadline":
        raise ValueError(f"kinds: received {kinds!r}; expected 'deadline' or 'all'")
    return write_frames(out, *feed(n_events, seed=seed))


def write_frames(out: Path, obligations: pl.DataFrame, events: pl.DataFrame) -> Path:
    """Write frames made by :func:`feed` or :func:`mixed_feed` as the four files, instants as text in each row's zone."""
    out.mkdir(parents=True, exist_ok=True)
    if "kind" in obligations.columns:
        obligations = obligations.select(
            "obligation", "kind",
            pl.when(pl.col("kind") == "deadline").then(iso("deadline")).otherwise(None).alias("deadline"),
            pl.when(pl.col("kind") == "term").then(iso("start")).otherwise(None).alias("start"),
            "period", "renewal", "notice",
        )
    else:
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
    parser.add_argument("--kinds", choices=("deadline", "all"), default="deadline", help="deadline obligations only (the earlier runs' feed), or every kind")
    args = parser.parse_args()
    print(write(args.out, size(args.events), args.seed, args.kinds))


if __name__ == "__main__":
    main()
