"""build_index on the mixed feed, with and without events known only to a day, in processor time.

    python benchmarks/windows.py --events 100k --src OLD/src --src NEW/src

For each ``--src`` (a folder holding the ``ceasefire`` package; the first is
the baseline every figure is divided by) a fresh process reads the seeded
mixed-kind feed of :func:`generate.mixed_feed` (written to --data-dir if not
there), then times ``build_index`` on it: in the full and the plain
vocabulary, and under a knowledge cut-off. It then makes a copy of the feed
in which a tenth of the rows (fulfilments, breaches, progress reports and
notice alike, chosen with a fixed seed; deadline moves stay exact) are
known only to the whole UTC day they fell on, as a daily dataset dates
them, and times the same three calls on it. A source that refuses windows
reports them as refused.

Each figure is the least processor time (``time.process_time``) of several
runs, so other work on a shared machine weighs on it less than on wall
time; the load average is printed beside the figures all the same.

    python benchmarks/windows.py --events 100k --src OLD/src --src NEW/src --count

counts machine instructions instead, under valgrind's cachegrind (which
other work on the machine does not change), with polars and numpy held to
one thread (an idle pool's spinning varies from run to run): each call is
run once in one process and ``1 + --repeats`` times in another, and the
difference, divided by the repeats, is its count per call once the first
call's one-time costs (caches filled, functions first used) are paid. It
is some fifty times slower; valgrind must be installed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

PROGRAM = r"""
import json, sys, time
import attrs
import numpy as np
sys.path.insert(0, sys.argv[2])
import ours
from ceasefire.bulk import codes, build_index

store = ours.load(__import__("pathlib").Path(sys.argv[1]), "ndjson")
repeats = int(sys.argv[3])
DAY = 86_400_000_000
rng = np.random.default_rng(12)
chosen = (rng.random(len(store)) < 0.10) & (store.kind != codes.MOVE_DEADLINE)
opens = np.where(chosen, store.at - store.at % DAY, store.at)
windowed = attrs.evolve(store, at=opens, latest=np.where(chosen, opens + DAY - 1, store.at))
cutoff = int(np.quantile(store.reported, 0.6))

only = sys.argv[4] if len(sys.argv) > 4 else None  # under cachegrind: run only this call (or none, for "-")

def best(call):
    found = []
    for _ in range(repeats):
        start = time.process_time()
        call()
        found.append(time.process_time() - start)
    return min(found)

out = {"rows": len(store), "windowed_rows": int((windowed.latest != windowed.at).sum())}
for name, feed in (("exact", store), ("10% day windows", windowed)):
    for question, call in (("full", lambda: build_index(feed)), ("plain", lambda: build_index(feed, full=False)), ("cut-off", lambda: build_index(feed, known_on=cutoff))):
        key = f"{name}: {question}"
        if only is not None and key != only:
            continue
        try:
            out[key] = best(call)
        except Exception as error:
            out[key] = f"refused ({type(error).__name__})"
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", default="100k", help="event count, e.g. 100k")
    parser.add_argument("--src", action="append", required=True, help="a folder holding the ceasefire package; the first is the baseline")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "ceasefire-bench")
    parser.add_argument("--count", action="store_true", help="count instructions under cachegrind instead of timing")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import generate
    import run

    n = int(float(args.events.lower().replace("k", "e3").replace("m", "e6")))
    folder = run.data_for(args.data_dir, n, generate.SEED, "all")
    if args.count:
        return counted(args, folder)
    results = []
    for src in args.src:
        env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{HERE}", "PYTHONHASHSEED": "0"}
        done = subprocess.run([sys.executable, "-c", PROGRAM, str(folder), str(HERE), str(args.repeats)], env=env, check=True, capture_output=True, text=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    load = os.getloadavg()
    print(f"build_index on the mixed feed, {results[0]['rows']} rows; least processor time of {args.repeats} runs; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    report(args.src, results)


def instructions(src: str, folder: Path, repeats: int, only: str) -> tuple[int, str | None]:
    """Instructions cachegrind counts for one process running ``only`` (``-``: nothing) ``repeats`` times, and a refusal if the call was refused."""
    import re

    # one thread each: a thread pool's idle spinning would add instructions that vary from run to run
    one = {name: "1" for name in ("POLARS_MAX_THREADS", "RAYON_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    env = {**os.environ, **one, "PYTHONPATH": f"{src}{os.pathsep}{HERE}", "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryDirectory() as scratch:
        done = subprocess.run(
            ["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={scratch}/out", os.path.realpath(sys.executable), "-c", PROGRAM, str(folder), str(HERE), str(repeats), only],
            env=env, check=True, capture_output=True, text=True,
        )
    match = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if match is None:
        raise SystemExit(f"cachegrind printed no instruction count for {only!r} of {src}:\n{done.stderr[-2000:]}")
    value = json.loads(done.stdout.strip().splitlines()[-1]).get(only)
    return int(match.group(1).replace(",", "")), value if isinstance(value, str) else None


def counted(args: argparse.Namespace, folder: Path) -> None:
    """Each call's instructions per run, for every source, as :func:`report` prints them."""
    keys = [f"{name}: {question}" for name in ("exact", "10% day windows") for question in ("full", "plain", "cut-off")]
    results = []
    for src in args.src:
        found: dict[str, object] = {}
        for key in keys:
            once, refused = instructions(src, folder, 1, key)
            total, _ = instructions(src, folder, 1 + args.repeats, key)
            found[key] = refused if refused is not None else (total - once) / args.repeats
        results.append(found)
    print(f"build_index on the mixed feed, {args.events} rows; instructions per call after the first (cachegrind, one thread; 1 + {args.repeats} calls less 1 call, per call)")
    report(args.src, results, unit="M instructions", scale=1e-6)


def report(sources: list[str], results: list[dict], unit: str = "ms", scale: float = 1e3) -> None:
    """A table of every figure with its ratio to the first source's figure for the same question on the exact feed, then the figures as JSON."""
    base = results[0]
    keys = [k for k in base if ":" in k]
    print(f"{'':28}" + "".join(f"{Path(s).resolve().parent.name[:22]:>30}" for s in sources))
    for key in keys:
        cells = []
        for found in results:
            value, ref = found[key], base["exact: " + key.split(": ")[1]]
            cells.append(f"{value:>30}" if isinstance(value, str) else f"{value * scale:>10.1f} {unit} ({value / ref:5.2f}x)")
        print(f"{key:28}" + "".join(f"{c:>30}" for c in cells))
    print(json.dumps({"sources": sources, "load_average": os.getloadavg(), "results": results}))


if __name__ == "__main__":
    main()
