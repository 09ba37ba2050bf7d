"""Run the bulk-path benchmark: ceasefire against polars, DuckDB and pandas, in one run.

    python benchmarks/run.py --sizes 10k,100k,1m              # deadline obligations only
    python benchmarks/run.py --sizes 10k,100k,1m --kinds all  # every kind the bulk path answers

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

With ``--check-only`` it stops after the check and times nothing.
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
    return figures


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
    args = parser.parse_args()
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
