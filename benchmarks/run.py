"""Run the bulk-path benchmark: ceasefire against polars, DuckDB and pandas, in one run.

    python benchmarks/run.py --sizes 10k,100k,1m

For each size it generates the seeded feed (cached in --data-dir), loads it
into each tool, checks that every tool gives identical answers to every
question (and stops with an error if not), then measures each question:

  i_indexed   status of every obligation at one instant; ceasefire from its
              ready change-point index, the baselines recomputing
  i_build     the same, ceasefire building its index first
  ii          the full change-point timeline of every obligation
  iii         the same with a knowledge cut-off
  e2e_ndjson  from the NDJSON files to the full timeline
  e2e_csv     from the CSV files to the full timeline

It prints a table per size (best wall time, peak RSS growth, ratio of each
baseline's time to ceasefire's) and ends with one line holding a JSON object
of every figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
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


def data_for(root: Path, n: int, seed: int) -> Path:
    """The feed folder for ``n`` events, generated unless already there."""
    folder = root / f"feed-{n}-seed{seed}"
    if not (folder / "done").exists():
        generate.write(folder, n, seed)
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
                diff = [row for row in value if row not in set(reference[question])][:5]
                sys.exit(f"MISMATCH in {folder}: {tool} answers {question} differently from ceasefire; first differing rows: {diff}")
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


def table(figures: dict) -> str:
    """The figures of one size as a Markdown table."""
    lines = [
        f"### {figures['events']:,} events, {figures['obligations']:,} obligations",
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
    args = parser.parse_args()
    result = {"machine": {"cores": os.cpu_count(), "platform": platform.platform()}, "versions": versions(), "seed": args.seed,
              "status_instant": tasks.STATUS_AT.isoformat(), "knowledge_cutoff": tasks.CUTOFF.isoformat(), "sizes": {}}
    print(f"# ceasefire bulk benchmark, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; {result['versions']}; {os.cpu_count()} cores")
    print(f"# status instant {tasks.STATUS_AT.isoformat()}, knowledge cut-off {tasks.CUTOFF.isoformat()}; ms = best wall time; "
          "peak MB = peak RSS growth during one run in a fresh process; ratio = baseline ms / ceasefire ms", flush=True)
    for text in args.sizes.split(","):
        n = generate.size(text)
        folder = data_for(args.data_dir, n, args.seed)
        figures = run_size(n, folder)
        result["sizes"][text.strip()] = figures
        print(table(figures), flush=True)
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
