"""Run the bulk-path benchmark: ceasefire against polars, DuckDB and pandas, in one run.

    python benchmarks/run.py --sizes 10k,100k,1m              # deadline obligations only
    python benchmarks/run.py --sizes 10k,100k,1m --kinds all  # every kind the bulk path answers
    python benchmarks/run.py --sizes 100k,1m --kinds all --src /tmp/old/src --src src  # two trees

``--kinds deadline`` (the default) is the feed of earlier runs, kept for
comparison with them; ``--kinds all`` is the mixed-kind feed of
:func:`generate.mixed_feed`. For each size it generates the seeded feed (cached in --data-dir), loads it
into each tool, checks that every tool gives identical answers to every
question (and stops with an error if not), then measures each question:

  i_indexed   status of every obligation at one instant; ceasefire from its
              ready change-point index, the baselines recomputing
  i_build     the same, ceasefire building its index first
  ii          the full change-point timeline of every obligation
  iii         the same with a knowledge cut-off
  e2e_ndjson  from the NDJSON files to the full timeline
  e2e_csv     from the CSV files to the full timeline

With ``--check-only`` it stops after the check and times nothing. With two
``--src`` trees or more it only runs each tree's NDJSON to the full timeline
(ours.py) in fresh processes taking turns, prints each one's best processor
and wall time with the load, and stops with MISMATCH unless their stores and
timelines are identical.
Otherwise it prints a table per size (best wall time, peak RSS growth, ratio of each
baseline's time to ceasefire's), then how the end-to-end figures stand
against the targets of issue 12 (NDJSON to the full timeline at the largest
size: at most 0.8 times DuckDB's time and 0.5 times polars'; growth from the
smallest size to the largest no worse than n log n), and ends with one line
holding a JSON object of every figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import measure  # noqa: E402
import tasks  # noqa: E402

QUESTIONS = ("i_indexed", "i_build", "ii", "iii", "e2e_ndjson", "e2e_csv")


def data_for(root: Path, n: int, seed: int, kinds: str = "deadline") -> Path:
    """The feed folder for ``n`` events of ``kinds``, generated unless already there."""
    folder = root / (f"feed-{n}-seed{seed}" if kinds == "deadline" else f"feed-{n}-seed{seed}-{kinds}")
    if not (folder / "done").exists():
        generate.write(folder, n, seed, kinds)
        (folder / "done").write_text("ok\n")
    return folder


def check(folder: Path, loaded: dict) -> dict[str, int]:
    """Every tool's answers to every question, compared; exits with a report on any difference."""
    ids = loaded["ceasefire"].obligation_ids
    answers = {tool: tasks.answers(tool, folder, loaded[tool], ids) for tool in tasks.TOOLS}
    reference = answers["ceasefire"]
    for tool, got in answers.items():
        for question, value in got.items():
            if value != reference[question]:
                theirs, ours = set(value), set(reference[question])
                extra, missing = sorted(theirs - ours)[:5], sorted(ours - theirs)[:5]
                sys.exit(f"MISMATCH in {folder}: {tool} answers {question} differently from ceasefire; rows only {tool} gives: {extra}; rows only ceasefire gives: {missing}")
    return {question: len(value) for question, value in reference.items()}


def memory(tool: str, question: str, folder: Path) -> int:
    """Peak RSS growth of one run of ``question`` by ``tool``, measured in a fresh process."""
    out = subprocess.run(
        [sys.executable, str(HERE / "tasks.py"), "--memory", tool, question, str(folder)],
        check=True, capture_output=True, text=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def run_size(n: int, folder: Path) -> dict:
    """All figures for one size."""
    loaded = {tool: tasks.load_module(tool).load(folder, "ndjson") for tool in tasks.TOOLS}
    sizes = check(folder, loaded)
    store = loaded["ceasefire"]
    index = tasks.ours.build(store)
    figures: dict = {
        "events": n,
        "obligations": store.obligation_count,
        "answer_rows": sizes,
        "store_bytes": store.nbytes,
        "store_bytes_per_event": store.nbytes / n,
        "index_bytes": index.nbytes,
        "index_changes": len(index.timeline()),
        "questions": {},
    }
    figures["obligation_kinds"] = tasks.kinds_of(store)
    del store, index
    for question in QUESTIONS:
        row = {}
        for tool in tasks.TOOLS:
            call = tasks.prepared(tool, question, folder, loaded[tool])
            row[tool] = {"seconds": measure.best_seconds(call), "peak_rss_bytes": memory(tool, question, folder)}
            del call
        ours = row["ceasefire"]["seconds"]
        for tool in tasks.BASELINES:
            row[tool]["ratio_to_ceasefire"] = row[tool]["seconds"] / ours
        figures["questions"][question] = row
    full = tasks.prepared("ceasefire", "ii_full", folder, loaded["ceasefire"])
    figures["ii_full_vocabulary_seconds"] = measure.best_seconds(full)
    figures["polars_read_seconds"] = measure.best_seconds(lambda: read_only(folder))
    return figures


def read_only(folder: Path) -> object:
    """polars' own read of the events NDJSON file, the fields the polars baseline reads as text and nothing else done.

    Every tool that reads the file with polars pays at least this, the
    polars baseline and ceasefire included: the floor under both.
    """
    import polars as pl

    return pl.scan_ndjson(folder / "events.ndjson", schema=tasks.baseline_polars.EVENT_SCHEMA).collect()


def instructions(src: str, folder: Path) -> int:
    """Instructions one NDJSON-to-timeline run executes with the tree ``src``, counted by cachegrind (every thread's): two runs less one.

    The first run also pays for the imports polars, pyarrow and ceasefire make
    on first use, so the second run alone is counted.

    Hash seeds are fixed and polars holds to one thread (an idle pool's
    spinning would vary from run to run), so a rerun gives the same count to
    within a fraction of a percent, whatever else the machine is doing.
    """
    import re
    import shutil

    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind); --count counts instructions with it")
    found = []
    with tempfile.TemporaryDirectory() as name:
        for flags in (["--repeat", "1", "--no-digest"], ["--repeat", "2", "--no-digest"]):
            done = subprocess.run(
                ["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={name}/out", os.path.realpath(sys.executable), str(HERE / "ours.py"), str(folder), *flags],
                env=dict(os.environ, PYTHONPATH=str(Path(src).resolve()), PYTHONHASHSEED="0", POLARS_MAX_THREADS="1"), capture_output=True, text=True, check=True,
            )
            match = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
            if match is None:
                sys.exit(f"cachegrind printed no instruction count for {src}:\n{done.stderr[-2000:]}")
            found.append(int(match.group(1).replace(",", "")))
    return found[1] - found[0]


def compare_trees(sources: list[str], folder: Path, repeat: int, rounds: int = 2) -> list[dict]:
    """Each tree's NDJSON to the full timeline on ``folder``, in fresh processes taking turns; stops with MISMATCH if their stores or timelines differ.

    Each tree runs ``ours.py`` with its ``src`` first on the path, ``rounds``
    times in turn with the others (so the machine's load falls on all
    alike); its best processor and wall times are kept, with the load average
    each run saw, and the digest of its store and timelines.
    """
    best: dict[str, dict] = {}
    for _ in range(rounds):
        for src in sources:
            out = subprocess.run(
                [sys.executable, str(HERE / "ours.py"), str(folder), "--repeat", str(repeat)],
                env=dict(os.environ, PYTHONPATH=str(Path(src).resolve())), check=True, capture_output=True, text=True,
            )
            found = json.loads(out.stdout.strip().splitlines()[-1])
            kept = best.setdefault(src, {"src": src, "cpu_seconds": found["cpu_seconds"], "wall_seconds": found["wall_seconds"], "load_averages": [], "digest": found["digest"]})
            kept["cpu_seconds"] = min(kept["cpu_seconds"], found["cpu_seconds"])
            kept["wall_seconds"] = min(kept["wall_seconds"], found["wall_seconds"])
            kept["load_averages"].append(round(found["load_average"][0], 2))
            if found["digest"] != kept["digest"]:
                sys.exit(f"MISMATCH: {src} gave two different answers on {folder}")
    runs = [best[src] for src in sources]
    for run in runs[1:]:
        if run["digest"] != runs[0]["digest"]:
            sys.exit(f"MISMATCH in {folder}: {run['src']} reads the store or answers the timelines differently from {runs[0]['src']}")
    return runs


def targets(sizes: dict[str, dict]) -> dict:
    """The end-to-end figures against issue 12's targets: ratios at the largest size, growth from the smallest."""
    runs = sorted(sizes.values(), key=lambda f: f["events"])
    big, small = runs[-1], runs[0]
    e2e = big["questions"]["e2e_ndjson"]
    ours = e2e["ceasefire"]["seconds"]
    out: dict = {
        "events": big["events"],
        "ceasefire_over_duckdb": ours / e2e["duckdb"]["seconds"],
        "ceasefire_over_polars": ours / e2e["polars"]["seconds"],
    }
    read = big.get("polars_read_seconds")
    if read:
        out["polars_read"] = {"seconds": read, "of_polars": read / e2e["polars"]["seconds"], "of_duckdb": read / e2e["duckdb"]["seconds"], "of_ceasefire": read / ours}
    out["duckdb_met"] = out["ceasefire_over_duckdb"] <= 0.8
    out["polars_met"] = out["ceasefire_over_polars"] <= 0.5
    if big is not small:
        n0, n1 = small["events"], big["events"]
        out["growth"] = {
            "from_events": n0, "to_events": n1,
            "e2e_ndjson": ours / small["questions"]["e2e_ndjson"]["ceasefire"]["seconds"],
            "ii": big["questions"]["ii"]["ceasefire"]["seconds"] / small["questions"]["ii"]["ceasefire"]["seconds"],
            "n_log_n": (n1 * math.log(n1)) / (n0 * math.log(n0)),
        }
        out["growth"]["met"] = out["growth"]["e2e_ndjson"] <= out["growth"]["n_log_n"]
    return out


def target_lines(found: dict) -> str:
    """The targets as a few lines of text."""
    lines = [
        f"NDJSON to the full timeline at {found['events']:,} events: ceasefire takes {found['ceasefire_over_duckdb']:.2f}x DuckDB's time "
        f"(target at most 0.8: {'met' if found['duckdb_met'] else 'missed'}) and {found['ceasefire_over_polars']:.2f}x polars' time "
        f"(target at most 0.5: {'met' if found['polars_met'] else 'missed'})",
    ]
    growth = found.get("growth")
    if growth:
        lines.append(
            f"growth from {growth['from_events']:,} to {growth['to_events']:,} events: end to end {growth['e2e_ndjson']:.1f}x, full timeline from memory "
            f"{growth['ii']:.1f}x; n log n is {growth['n_log_n']:.1f}x (end to end {'within' if growth['met'] else 'beyond'} it)"
        )
    floor = found.get("polars_read")
    if floor:
        lines.append(
            f"polars' own read of the events file (its fields as text, nothing else) takes {floor['seconds'] * 1e3:.0f} ms: "
            f"{floor['of_polars']:.2f} of polars' whole answer and {floor['of_duckdb']:.2f} of DuckDB's; a tool reading with polars cannot go below it"
        )
    return "\n".join(lines)


def table(figures: dict) -> str:
    """The figures of one size as a Markdown table."""
    lines = [
        f"### {figures['events']:,} events, {figures['obligations']:,} obligations ("
        + ", ".join(f"{count:,} {kind}" for kind, count in figures["obligation_kinds"].items()) + ")",
        "",
        "| question | " + " | ".join(f"{t} ms | {t} peak MB" for t in tasks.TOOLS) + " | " + " | ".join(f"{t} / ceasefire" for t in tasks.BASELINES) + " |",
        "|---" * (1 + 2 * len(tasks.TOOLS) + len(tasks.BASELINES)) + "|",
    ]
    for question, row in figures["questions"].items():
        cells = [f"{row[t]['seconds'] * 1e3:.3f} | {row[t]['peak_rss_bytes'] / 2**20:.1f}" for t in tasks.TOOLS]
        ratios = [f"{row[t]['ratio_to_ceasefire']:.1f}x" for t in tasks.BASELINES]
        lines.append(f"| {question} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
    lines += [
        "",
        f"columnar store: {figures['store_bytes'] / 2**20:.1f} MiB = {figures['store_bytes_per_event']:.1f} bytes per event; "
        f"change-point index: {figures['index_bytes'] / 2**10:.0f} KiB for {figures['index_changes']:,} changes; "
        f"timeline in the full vocabulary: {figures['ii_full_vocabulary_seconds'] * 1e3:.1f} ms",
        "",
    ]
    return "\n".join(lines)


def commit() -> str:
    """The commit of the checkout the benchmark runs from, marked when files differ from it; 'unknown' outside git."""
    try:
        found = subprocess.run(["git", "-C", str(HERE.parent), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "-C", str(HERE.parent), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return found + (" with uncommitted changes" if changed else "")


def versions() -> dict[str, str]:
    """Python and library versions."""
    import duckdb
    import numpy
    import pandas
    import polars
    import pyarrow

    return {
        "python": platform.python_version(), "numpy": numpy.__version__, "polars": polars.__version__,
        "pyarrow": pyarrow.__version__, "duckdb": duckdb.__version__, "pandas": pandas.__version__,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="ceasefire bulk path against polars, DuckDB and pandas")
    parser.add_argument("--sizes", default="10k,100k,1m", help="comma-separated event counts, e.g. 10k,100k,1m")
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "ceasefire-bench")
    parser.add_argument("--seed", type=int, default=generate.SEED)
    parser.add_argument("--kinds", choices=("deadline", "all"), default="deadline", help="the feed: deadline obligations only (as in earlier runs), or every kind")
    parser.add_argument("--check-only", action="store_true", help="only check that the four tools give identical answers at every size; time nothing")
    parser.add_argument("--src", action="append", default=[], metavar="SRC", help="with two or more: compare these trees' NDJSON to the full timeline only (answers and processor time), nothing else")
    parser.add_argument("--repeat", type=int, default=5, help="with --src: runs per process, best kept")
    parser.add_argument("--count", action="store_true", help="with --src: also count each tree's instructions for one run under cachegrind (slow: about fifty times a run)")
    args = parser.parse_args()
    if len(args.src) == 1:
        parser.error("--src wants two trees or more, e.g. --src /tmp/old/src --src src")
    if args.src:
        print(f"# ceasefire trees compared, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; feed of {args.kinds} obligations; {os.cpu_count()} cores; "
              "best of each tree's runs, trees taking turns; load average (1 min) of each run in brackets", flush=True)
        for text in args.sizes.split(","):
            n = generate.size(text)
            runs = compare_trees(args.src, data_for(args.data_dir, n, args.seed, args.kinds), args.repeat)
            for run in runs:
                print(f"{n:,} events: {run['src']}: processor {run['cpu_seconds'] * 1e3:.1f} ms ({run['cpu_seconds'] / runs[0]['cpu_seconds']:.2f}x the first), "
                      f"wall {run['wall_seconds'] * 1e3:.1f} ms ({run['wall_seconds'] / runs[0]['wall_seconds']:.2f}x) {run['load_averages']}", flush=True)
            print(f"{n:,} events: identical store and timelines (digest {runs[0]['digest'][:16]})", flush=True)
            if args.count:
                counted = [instructions(src, data_for(args.data_dir, n, args.seed, args.kinds)) for src in args.src]
                for src, count in zip(args.src, counted):
                    print(f"{n:,} events: {src}: {count / 1e6:,.0f} million instructions ({count / counted[0]:.2f}x the first)", flush=True)
        return
    if args.check_only:
        for text in args.sizes.split(","):
            n = generate.size(text)
            folder = data_for(args.data_dir, n, args.seed, args.kinds)
            loaded = {tool: tasks.load_module(tool).load(folder, "ndjson") for tool in tasks.TOOLS}
            rows = check(folder, loaded)
            print(f"{n:,} events ({args.kinds}): identical answers from {', '.join(tasks.TOOLS)}; rows per question {rows}", flush=True)
        return
    result = {"machine": {"cores": os.cpu_count(), "platform": platform.platform()}, "versions": versions(), "seed": args.seed, "kinds": args.kinds, "commit": commit(),
              "load_average_before": list(os.getloadavg()),
              "status_instant": tasks.STATUS_AT.isoformat(), "knowledge_cutoff": tasks.CUTOFF.isoformat(), "sizes": {}}
    print(f"# ceasefire bulk benchmark, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; commit {result['commit']}; feed of {args.kinds} obligations; {result['versions']}; {os.cpu_count()} cores; load average {result['load_average_before']}")
    print(f"# status instant {tasks.STATUS_AT.isoformat()}, knowledge cut-off {tasks.CUTOFF.isoformat()}; ms = best wall time; "
          "peak MB = peak RSS growth during one run in a fresh process; ratio = baseline ms / ceasefire ms", flush=True)
    for text in args.sizes.split(","):
        n = generate.size(text)
        folder = data_for(args.data_dir, n, args.seed, args.kinds)
        figures = run_size(n, folder)
        result["sizes"][text.strip()] = figures
        print(table(figures), flush=True)
    result["targets"] = targets(result["sizes"])
    result["load_average_after"] = list(os.getloadavg())
    print(target_lines(result["targets"]))
    print(f"load average after: {result['load_average_after']}")
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
