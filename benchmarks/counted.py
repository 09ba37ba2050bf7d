"""The Tracker's steps counted in machine instructions, so that two engines compare on a busy machine.

On a shared machine a step's wall time, and even its processor time, moves
by a quarter from run to run with whatever else runs beside it. The number
of instructions a step executes does not, and neither do the cache misses of
a simulated cache. This script runs the same feed through each engine given,
under valgrind's cachegrind, in six stages (the imports alone; then loading;
then ``Tracker()``; then ``status_on``; then a second ``status_on`` under the
same cut-off; then a year's timeline), and reports each step as the
difference between two stages (``imports`` as counted). Hash seeds are fixed, so a rerun gives the same counts to within a
fraction of a percent.

    python benchmarks/counted.py --events 10000 --src OLD/src --src NEW/src

Each ``--src`` is a folder holding the ``ceasefire`` package (a checkout's
``src``); the first is the baseline the others are divided by. valgrind must
be installed (Debian: ``apt-get install valgrind``); it runs the program
about fifty times slower, so keep the feed small (10,000 events take a few
minutes per engine). On a busy machine ``--no-cache-sim`` counts the
instructions alone, about twice as fast; two engines may also be counted in
two runs side by side, one ``--src`` each, and divided by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loading  # noqa: E402
from tracker import agreement_document, tracker_feed  # noqa: E402

STAGES = ("imports", "load_events", "Tracker()", "status_on", "status_on again", "timeline 2025")

PROGRAM = """
import sys
from ceasefire import Tracker, load_agreement, load_events
stage = int(sys.argv[3])
if stage >= 1:
    agreement, log = load_agreement(sys.argv[1]), load_events(sys.argv[2])
if stage >= 2:
    tracker = Tracker(agreement, log)
if stage >= 3:
    tracker.status_on("2025-07-20")
if stage >= 4:
    tracker.status_on("2025-08-20")
if stage >= 5:
    tracker.timeline("2025-01-01", "2025-12-31")
"""


MEASURES = ("instructions", "D1 misses", "LLd misses")


def counts(src: str, folder: Path, stage: int, cache: bool = True) -> dict[str, int]:
    """Instructions, first-level data-cache misses and last-level data-cache misses of one stage, as cachegrind counts them (instructions alone without ``cache``)."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": src}
    out = folder / f"cachegrind.{stage}.out"
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", f"--cache-sim={'yes' if cache else 'no'}", f"--cachegrind-out-file={out}", os.path.realpath(sys.executable), str(folder / "run.py"),
         str(folder / "agreement.json"), str(folder / "events.json"), str(stage)],
        env=env, capture_output=True, text=True, check=True,
    )
    found: dict[str, int] = {}
    for name, pattern in (("instructions", r"I\s+refs:\s+([\d,]+)"), ("D1 misses", r"D1\s+misses:\s+([\d,]+)"), ("LLd misses", r"LLd misses:\s+([\d,]+)"))[: 3 if cache else 1]:
        match = re.search(pattern, done.stderr)
        if match is None:
            raise SystemExit(f"cachegrind printed no {name!r} line for stage {stage} of {src}:\n{done.stderr[-2000:]}")
        found[name] = int(match.group(1).replace(",", ""))
    return found


def main() -> None:
    """Write the feed once, count every stage for every engine, and print each step with its ratio to the first engine's."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--obligations", type=int, default=1_000)
    parser.add_argument("--src", action="append", required=True, help="a folder holding the ceasefire package; the first is the baseline")
    parser.add_argument("--stages", type=int, default=len(STAGES), help=f"count only the first N stages ({', '.join(STAGES)}); 2 counts the load alone")
    parser.add_argument("--no-cache-sim", action="store_true", help="count instructions alone, without simulating the caches (about twice as fast; no miss counts)")
    args = parser.parse_args()
    stages = STAGES[: max(1, min(args.stages, len(STAGES)))]
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind); this benchmark counts instructions with it")
    results: dict[str, list[dict[str, int]]] = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "run.py").write_text(PROGRAM, encoding="utf-8")
        (folder / "events.json").write_text(json.dumps(tracker_feed(loading.events_document(args.events, args.obligations)), indent=1), encoding="utf-8")
        (folder / "agreement.json").write_text(json.dumps(agreement_document(args.obligations), indent=1), encoding="utf-8")
        for src in args.src:
            results[src] = [counts(src, folder, stage, cache=not args.no_cache_sim) for stage in range(len(stages))]
            print(f"counted {src}", file=sys.stderr, flush=True)
    base = args.src[0]
    print(f"{args.events:,} events, {args.obligations:,} obligations of four kinds; each step is the difference between two stages")
    for measure in MEASURES[: 1 if args.no_cache_sim else 3]:
        print(f"\n{measure} (millions), and the ratio to {base}")
        print(f"{'step':>16}  " + "  ".join(f"{Path(src).parent.name or src:>22}" for src in args.src))
        for stage, step in enumerate(stages):
            row = []
            for src in args.src:
                here = results[src][stage][measure] - (results[src][stage - 1][measure] if stage else 0)
                there = results[base][stage][measure] - (results[base][stage - 1][measure] if stage else 0)
                row.append(f"{here / 1e6:12.1f} ({here / there if there else float('nan'):5.2f}x)")
            print(f"{step:>16}  " + "  ".join(f"{cell:>22}" for cell in row))
    print(json.dumps({"events": args.events, "obligations": args.obligations, "counts": results}))


if __name__ == "__main__":
    main()
