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
        try:
            out[f"{name}: {question}"] = best(call)
        except Exception as error:
            out[f"{name}: {question}"] = f"refused ({type(error).__name__})"
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", default="100k", help="event count, e.g. 100k")
    parser.add_argument("--src", action="append", required=True, help="a folder holding the ceasefire package; the first is the baseline")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "ceasefire-bench")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import generate
    import run

    n = int(float(args.events.lower().replace("k", "e3").replace("m", "e6")))
    folder = run.data_for(args.data_dir, n, generate.SEED, "all")
    results = []
    for src in args.src:
        env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{HERE}", "PYTHONHASHSEED": "0"}
        done = subprocess.run([sys.executable, "-c", PROGRAM, str(folder), str(HERE), str(args.repeats)], env=env, check=True, capture_output=True, text=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    load = os.getloadavg()
    print(f"build_index on the mixed feed, {results[0]['rows']} rows; least processor time of {args.repeats} runs; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    base = results[0]
    keys = [k for k in base if ":" in k]
    print(f"{'':28}" + "".join(f"{Path(s).resolve().parent.name[:22]:>26}" for s in args.src))
    for key in keys:
        cells = []
        for found in results:
            value, ref = found[key], base["exact: " + key.split(": ")[1]]
            cells.append(f"{value:>26}" if isinstance(value, str) else f"{value * 1000:>12.1f} ms ({value / ref:5.2f}x)")
        print(f"{key:28}" + "".join(f"{c:>26}" for c in cells))
    print(json.dumps({"sources": args.src, "load_average": load, "results": results}))


if __name__ == "__main__":
    main()
