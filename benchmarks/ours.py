"""The benchmark questions answered by ceasefire's bulk path."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ceasefire.bulk import ChangeIndex, EventColumns, Timeline, build_index, read_events, read_obligations

NAME = "ceasefire"


def load(folder: Path, fmt: str) -> EventColumns:
    """The columnar store read from the files."""
    obligations = read_obligations(folder / f"obligations.{fmt}")
    return read_events(folder / f"events.{fmt}", obligations)


def build(store: EventColumns, cutoff: int | None = None) -> ChangeIndex:
    """The change-point index in the plain vocabulary the baselines compute."""
    return build_index(store, known_on=cutoff, full=False)


def status_indexed(index: ChangeIndex, t: int) -> np.ndarray:
    """Every obligation's status code at ``t``, from a ready index."""
    return index.codes_at(t)


def status_at(store: EventColumns, t: int) -> np.ndarray:
    """Every obligation's status code at ``t``, the index built first."""
    return build(store).codes_at(t)


def timeline(store: EventColumns, cutoff: int | None = None) -> Timeline:
    """Every status change of every obligation."""
    return build(store, cutoff).timeline()


def timeline_full(store: EventColumns) -> Timeline:
    """Every status change in the per-event engine's full vocabulary (in progress, fulfilled late)."""
    return build_index(store).timeline()


def digest(store: EventColumns, plain: Timeline) -> str:
    """A SHA-256 of every column of the store, its obligation table, and the timeline in the plain and the full vocabulary, for comparing two trees."""
    import hashlib

    found = hashlib.sha256()
    for name in ("obligation", "at", "kind", "new_deadline", "reported", "event", "version", "latest", "deadline", "obligation_kind"):
        column = getattr(store, name)
        found.update(name.encode())
        found.update(b"none" if column is None else column.tobytes())
    found.update(repr((store.obligation_ids, store.zone, store.watched_until, sorted((code, repr(term)) for code, term in store.terms.items()))).encode())
    found.update(repr(plain.rows(store.obligation_ids)).encode())
    full = build_index(store)
    found.update(repr(full.timeline().rows(store.obligation_ids, full.labels)).encode())
    return found.hexdigest()


def main() -> None:
    """``python benchmarks/ours.py FOLDER [--repeat N]``: NDJSON to the full timeline with the ceasefire on ``sys.path``, timed.

    Prints one JSON object: the best processor and wall seconds over the
    repeats, the load average, and the :func:`digest` of the store and its
    timelines. run.py's ``--src`` runs it once per tree to compare two trees,
    and with ``--count`` under cachegrind, with ``--repeat 1`` and ``--repeat 2``
    and ``--no-digest``, the difference being one warm run.
    """
    import argparse
    import json
    import os
    import time

    import ceasefire

    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="runs, best kept")
    parser.add_argument("--no-digest", action="store_true", help="print the times alone, without working out the digest (for counting instructions)")
    args = parser.parse_args()
    cpu = wall = float("inf")
    for _ in range(args.repeat):
        started, processor = time.perf_counter(), time.process_time()
        store = load(args.folder, "ndjson")
        plain = timeline(store)
        wall, cpu = min(wall, time.perf_counter() - started), min(cpu, time.process_time() - processor)
    print(json.dumps({"src": str(Path(ceasefire.__file__).parent.parent), "cpu_seconds": cpu, "wall_seconds": wall, "load_average": list(os.getloadavg()), "digest": None if args.no_digest else digest(store, plain)}))


if __name__ == "__main__":
    main()
