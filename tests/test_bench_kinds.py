"""The benchmark's baselines answer the mixed-kind feed exactly as the bulk path does, so they cannot drift from it.

Each baseline (polars, DuckDB, pandas) answers every question of
``benchmarks/run.py`` on small seeded feeds of every kind, and each answer
must equal the bulk path's. The feeds are made eventful (many moves,
fulfilments, breaches and notices for their size) and, in two of them, every
instant is packed onto a coarse grid through the benchmark's status instant
and cut-off, plus nothing or one microsecond, so that ties (a fulfilment and
a breach at one instant, moves at one instant, a breach a microsecond after
another, an event at a deadline's last microsecond or at the status instant)
are common rather than left to chance. Benchmarks never run here; this only
checks answers.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("polars")
pytest.importorskip("numpy")

HALF_DAY = 43_200_000_000
CASES = [(11, None, 40), (12, None, 200), (13, 9 * HALF_DAY, 40), (14, 99 * HALF_DAY, 200)]
"""Seed, grid and number of obligations of each feed; the grids (4.5 and 49.5 days) divide the 49.5 days from the cut-off to the status instant."""


@pytest.fixture(scope="module")
def bench() -> Iterator[Any]:
    """The benchmark's ``generate`` and ``tasks`` modules, imported from benchmarks/."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
        import tasks

        yield generate, tasks
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


def packed(frame: Any, columns: tuple[str, ...], grid: int, anchor: int, seed: int) -> Any:
    """``frame`` with each of ``columns`` moved onto a grid of ``grid`` microseconds through ``anchor``, plus 0 or 1 microsecond."""
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(seed)
    return frame.with_columns(
        ((pl.col(name) - anchor) // grid * grid + anchor + pl.Series(rng.integers(0, 2, frame.height))).alias(name)
        for name in columns if name in frame.columns
    )


def feed(bench: Any, folder: Path, seed: int, grid: int | None, count: int) -> Path:
    """A small eventful mixed feed of ``count`` obligations; with ``grid``, its instants packed onto a grid."""
    generate, tasks = bench
    from ceasefire.bulk import micros

    obligations, events = generate.mixed_feed(400, n_obligations=count, seed=seed, busy=40.0)
    if grid is not None:
        anchor = micros(tasks.STATUS_AT)
        assert (anchor - micros(tasks.CUTOFF)) % grid == 0, "the grid must pass through the cut-off too"
        obligations = packed(obligations, ("deadline", "start"), grid, anchor, seed)
        events = packed(events, ("at", "reported", "new_deadline"), grid, anchor, seed + 1)
    return generate.write_frames(folder, obligations, events)


def edges(bench: Any, folder: Path) -> Path:
    """A hand-made feed of the ties each rule must settle, one obligation for each.

    A fulfilment and a breach at one instant (deadline and progress); a
    fulfilment at a deadline's last microsecond and a breach one after it;
    two moves at one instant, told apart by when they were reported, and
    two told apart only by their order in the file; a
    breach before a completion; breaches a microsecond apart and one at the
    status instant; a notice at its period's notice date, one a microsecond
    later, one at a period's end, one before the start, one to a term that
    does not renew, one reported after the cut-off; a term not yet in force
    at the status instant.
    """
    import datetime as dt

    import polars as pl

    generate, tasks = bench
    from ceasefire.bulk import micros

    day, t, k = 86_400_000_000, micros(tasks.STATUS_AT), micros(tasks.CUTOFF)

    def on(y: int, m: int, d: int) -> int:
        return micros(dt.datetime(y, m, d, tzinfo=dt.timezone.utc))

    start = on(2025, 1, 31)  # month ends clamp: Feb 28, then Jul 31 counted from the start in one step
    terms = {"t-notice-on-due": ("P6M", "P6M", "P30D"), "t-notice-late": ("P6M", "P6M", "P30D"), "t-notice-at-end": ("P3M", "P3M", "P14D"),
             "t-notice-early": ("P1M", "P1M", None), "t-one-year": ("P1Y", None, None), "t-cut": ("P1M", "P1M", None), "t-later": ("P1M", "P1M", None)}
    rows = [("d-tie", "deadline", on(2025, 3, 1)), ("d-edge", "deadline", on(2025, 3, 1)), ("d-moves", "deadline", on(2025, 3, 1)), ("d-rows", "deadline", on(2025, 3, 1)),
            ("p-tie", "progress", 0), ("p-order", "progress", 0), ("s-close", "standing", 0)]
    obligations = pl.DataFrame(
        {
            "obligation": [r[0] for r in rows] + list(terms), "kind": [r[1] for r in rows] + ["term"] * len(terms),
            "deadline": [r[2] for r in rows] + [0] * len(terms),
            "start": [0] * len(rows) + [start] * (len(terms) - 1) + [t + 1],
            "period": pl.Series([None] * len(rows) + [v[0] for v in terms.values()], dtype=pl.String),
            "renewal": pl.Series([None] * len(rows) + [v[1] for v in terms.values()], dtype=pl.String),
            "notice": pl.Series([None] * len(rows) + [v[2] for v in terms.values()], dtype=pl.String),
            "zone": [1] * (len(rows) + len(terms)),
        }
    )
    due = on(2025, 7, 31) - 30 * day
    events = [
        ("d-tie", on(2025, 2, 1), "fulfils", 0), ("d-tie", on(2025, 2, 1), "breaches", 0),
        ("d-edge", on(2025, 3, 1), "fulfils", 0), ("d-edge", on(2025, 3, 1) + 1, "breaches", 0),
        ("d-moves", on(2025, 2, 1), "move-deadline", on(2025, 8, 10)), ("d-moves", on(2025, 2, 1), "move-deadline", on(2025, 2, 10)),
        ("d-rows", on(2025, 2, 1), "move-deadline", on(2025, 2, 10)), ("d-rows", on(2025, 2, 1), "move-deadline", on(2025, 8, 10)),
        ("p-tie", on(2025, 4, 1), "fulfils", 0), ("p-tie", on(2025, 4, 1), "breaches", 0),
        ("p-order", on(2025, 4, 1), "breaches", 0), ("p-order", on(2025, 5, 1), "fulfils", 0), ("p-order", on(2025, 6, 1), "breaches", 0),
        ("s-close", on(2025, 3, 1), "breaches", 0), ("s-close", on(2025, 3, 1) + 1, "breaches", 0), ("s-close", on(2025, 3, 1) + 3, "breaches", 0),
        ("s-close", t, "breaches", 0),
        ("t-notice-on-due", due, "notice", 0), ("t-notice-late", due + 1, "notice", 0), ("t-notice-at-end", on(2025, 4, 30), "notice", 0),
        ("t-notice-early", start - day, "notice", 0), ("t-one-year", on(2025, 3, 1), "notice", 0), ("t-cut", k - day, "notice", 0),
        ("t-later", t + 2, "notice", 0),
    ]
    reported = [at + day if name != "t-cut" else k + 1 for name, at, _, _ in events]
    reported[4] += 1  # of d-moves' two moves at one instant, the first row (to August) was reported last: it wins; of d-rows', the later row
    frame = pl.DataFrame(
        {"obligation": [e[0] for e in events], "at": [e[1] for e in events], "kind": [e[2] for e in events], "reported": reported,
         "new_deadline": [e[3] for e in events], "zone": [2] * len(events)}
    ).sort("at", maintain_order=True)
    return generate.write_frames(folder, obligations, frame)


@pytest.mark.parametrize("tool", ["polars", "duckdb", "pandas"])
def test_baseline_settles_ties_as_the_bulk_path_does(bench: Any, tmp_path: Path, tool: str) -> None:
    """On the hand-made feed of ties, every question gets the bulk path's answer."""
    pytest.importorskip(tool)
    _, tasks = bench
    folder = edges(bench, tmp_path / "edges")
    store = tasks.ours.load(folder, "ndjson")
    ours = tasks.answers("ceasefire", folder, store, store.obligation_ids)
    theirs = tasks.answers(tool, folder, tasks.load_module(tool).load(folder, "ndjson"), store.obligation_ids)
    for question in ours:
        assert theirs[question] == ours[question], question


@pytest.mark.parametrize("tool", ["polars", "duckdb", "pandas"])
@pytest.mark.parametrize(("seed", "grid", "count"), CASES)
def test_baseline_equals_the_bulk_path(bench: Any, tmp_path: Path, tool: str, seed: int, grid: int | None, count: int) -> None:
    """Every question (status at an instant, full timeline, with a cut-off, end to end from NDJSON and CSV) gets the bulk path's answer."""
    pytest.importorskip(tool)
    _, tasks = bench
    folder = feed(bench, tmp_path / "feed", seed, grid, count)
    store = tasks.ours.load(folder, "ndjson")
    ours = tasks.answers("ceasefire", folder, store, store.obligation_ids)
    theirs = tasks.answers(tool, folder, tasks.load_module(tool).load(folder, "ndjson"), store.obligation_ids)
    for question in ours:
        assert theirs[question] == ours[question], question


def test_the_feeds_reach_every_status(bench: Any, tmp_path: Path) -> None:
    """The equality above is not trivially met: the feeds hold the four kinds, and their answers every plain status of each."""
    _, tasks = bench
    changes: set[str] = set()
    at_instant: set[str] = set()
    kinds: set[str] = set()
    for seed, grid, count in CASES:
        folder = feed(bench, tmp_path / f"feed-{seed}", seed, grid, count)
        store = tasks.ours.load(folder, "ndjson")
        found = tasks.answers("ceasefire", folder, store, store.obligation_ids)
        changes |= {status for _, _, status in found["ii"] + found["iii"]}
        at_instant |= {status for _, status in found["i_indexed"]}
        kinds |= set(tasks.kinds_of(store))
    assert kinds == {"deadline", "standing", "progress", "term"}
    assert changes == {"pending", "overdue", "fulfilled", "breached", "holding", "in force", "ended"}
    assert {"not yet in force", "in force", "complied", "pending", "overdue", "fulfilled", "breached", "holding"} <= at_instant
