"""How fast an event file loads, against a plain ``json.loads`` of the same file, in one run.

Writes a seeded mixed-kind feed (1,000 obligations of the four kinds; events
that fulfil, advance with quantities, breach and end them; 10% of the
occurrence times day-long windows; some events revised with a later version
and some deleted) as JSON and as YAML, then times, best of several runs each: ``json.loads`` of the JSON text, ``load_events`` of the JSON
file, and ``load_events`` of the same events as YAML. Prints each figure and
its ratio to ``json.loads``; the last line is one JSON object of every figure.

    python benchmarks/loading.py --events 10000
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any
from pathlib import Path

import yaml

KINDS = ("deadline", "standing", "progress", "term")
ROLES = {"deadline": ("fulfils", "context"), "standing": ("breaches", "context"), "progress": ("advances", "fulfils"), "term": ("ends", "context")}
ZONES = ("+00:00", "+03:00", "+04:00")


def draw_event(rng: random.Random, i: int, n_obligations: int) -> tuple[dict[str, Any], int]:
    """Event number ``i`` of the feed, drawn from ``rng`` (the feed is its draws in order), and the number of the earlier event it revises, or -1.

    A revision (one event in twenty) takes an earlier event's id and a ``version``.
    """
    ob = rng.randrange(n_obligations)
    kind = KINDS[ob % 4]
    day = 1 + rng.randrange(360)
    month = min(1 + (day - 1) // 30, 12)
    mday = min(1 + (day - 1) % 30, 28) if day <= 330 else 28
    stamp = f"2025-{month:02d}-{mday:02d}"
    occurred = stamp if rng.random() < 0.1 else f"{stamp}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00{rng.choice(ZONES)}"
    event: dict[str, Any] = {
        "id": f"ev-{i:06d}",
        "kind": "report",
        "summary": f"Reported step {i} on obligation obl-{ob:05d}.",
        "occurred": occurred,
        "links": [{"obligation": f"obl-{ob:05d}", "role": rng.choice(ROLES[kind])}],
        "sources": [{"source": f"src-{rng.randrange(50):03d}", "quote": "a short quote"}],
    }
    if kind == "progress":
        event["quantities"] = [{"name": "people", "value": rng.randrange(1, 500), "qualifier": "about"}]
    revised = -1
    if rng.random() < 0.05:  # a later revision of an earlier event
        revised = rng.randrange(max(i, 1))
        event["id"] = f"ev-{revised:06d}"
        event["version"] = f"{stamp}T12:00:00+00:00"
    return event, revised


def events_document(n_events: int, n_obligations: int = 1_000, seed: int = 20201110) -> dict:
    """The event file as plain data: sources, ``n_events`` events (some revised) and a few deletions."""
    rng = random.Random(seed)
    sources = [{"id": f"src-{i:03d}", "title": f"Report {i}", "published": "2025-01-01", "url": f"https://example.org/{i}"} for i in range(50)]
    events = [draw_event(rng, i, n_obligations)[0] for i in range(n_events)]
    deletions = [{"event": f"ev-{rng.randrange(n_events):06d}", "deleted": "2025-12-31T00:00:00+00:00"} for _ in range(n_events // 100)]
    return {"zone": "Asia/Baku", "sources": sources, "events": events, "deletions": deletions}


def best(run: Callable[[], object], repeat: int) -> float:
    """The shortest wall time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Write the feed, time the loaders, print the figures and their ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-yaml", action="store_true", help="Skip the YAML file.")
    args = parser.parse_args()
    from ceasefire.loading import load_events

    with tempfile.TemporaryDirectory() as folder:
        document = events_document(args.events)
        as_json = Path(folder) / "events.json"
        as_json.write_text(json.dumps(document, indent=1), encoding="utf-8")
        figures: dict[str, object] = {"events": args.events, "json_bytes": as_json.stat().st_size}
        figures["json.loads"] = best(lambda: json.loads(as_json.read_text(encoding="utf-8")), args.repeat)
        figures["load_events(json)"] = best(lambda: load_events(as_json), args.repeat)
        if not args.no_yaml:
            as_yaml = Path(folder) / "events.yaml"
            as_yaml.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
            figures["load_events(yaml)"] = best(lambda: load_events(as_yaml), max(1, args.repeat // 2))
    base = float(figures["json.loads"])  # type: ignore[arg-type]
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {sys.version.split()[0]}")
    for name in ("json.loads", "load_events(json)", "load_events(yaml)"):
        if name in figures:
            seconds = float(figures[name])  # type: ignore[arg-type]
            print(f"{name:>20}: {seconds * 1000:9.1f} ms  ({seconds / base:6.1f} x json.loads)")
            figures[f"{name} ratio"] = round(seconds / base, 2)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
