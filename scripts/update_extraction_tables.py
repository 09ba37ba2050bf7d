"""Refresh the score tables that docs/extraction.md shows between its ``<!-- NAME-score:start -->`` markers.

Run from the repository root after a change to the extractor:

    PYTHONPATH=src python scripts/update_extraction_tables.py

Each table is printed by the scorer itself, so the page shows what the code gives (the tests compare them).
The held-out batch of the current part is left alone: it is scored once, by hand, at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ceasefire import bundled
from ceasefire.extract.evaluation import evaluate, load_set, table
from ceasefire.extract.score import file_inputs, run, score, seed_inputs
from ceasefire.extract.score import table as seed_table

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "extract"
PAGE = ROOT / "docs" / "extraction.md"


def tables(skip: set[str]) -> dict[str, str]:
    """Every documented table by its marker name, as the scorer prints it now."""
    agreement = bundled.agreement()
    out: dict[str, str] = {}
    first = load_set(DATA / "real")
    for part in ("held-out", "development"):
        out[f"real-{part}-score"] = table(evaluate([a for a in first if a.part == part], agreement))
    for folder in sorted(p.name for p in DATA.glob("real-batch-*")):
        if folder not in skip:
            out[f"{folder}-score"] = table(evaluate(load_set(DATA / folder), agreement))
    seeds_agreement, gold, texts = seed_inputs()
    out["seed-score"] = seed_table(score(run(seeds_agreement, texts).events, gold.events, texts))
    for marker, gold_file in (("heldout-1", "heldout-events.yaml"), ("heldout-2", "second/events.yaml"), ("heldout-3", "third/events.yaml"), ("heldout-4", "fourth/events.yaml")):
        held_agreement, curated, held_texts = file_inputs(DATA / gold_file)
        out[f"{marker}-score"] = seed_table(score(run(held_agreement, held_texts).events, curated.events, held_texts))
    return out


def main(argv: list[str]) -> int:
    """Rewrite the page's marked tables; ``--skip FOLDER`` (repeatable) leaves a batch's table as it is."""
    skip = {argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--skip"}
    page = PAGE.read_text(encoding="utf-8")
    for name, text in tables(skip).items():
        start, end = f"<!-- {name}:start -->\n", f"<!-- {name}:end -->"
        if start not in page:
            continue
        head, rest = page.split(start, 1)
        _, tail = rest.split(end, 1)
        page = f"{head}{start}{text}\n{end}{tail}"
    PAGE.write_text(page, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
