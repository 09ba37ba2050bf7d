"""The Dask benchmark's feed, written to disk as it is generated: never the whole feed in memory.

The records are exactly those of ``tracker.tracker_feed(loading.events_document(n))``
(the mixed-kind feed of 1,000 obligations, seeded; ``tests/test_dask_bench.py``
checks that at a few thousand events), but made one at a time, in two passes of
the same seeded generator:

1. the first pass keeps only what making the feed acceptable to the Tracker
   needs from later records: which event ids are revised (one byte per event)
   and, per revision, a small integer key, so that a second record of the same
   id and version is left out as ``tracker_feed`` leaves it out;
2. the second pass writes each record as it comes: Parquet files of
   ``per_file`` events each (row groups of ``batch`` rows), the deletions as
   Parquet, the 50 sources as NDJSON and, when asked, the same events as one
   JSON event file for the single-machine Tracker.

Memory grows with the number of revisions (about 5% of the events, 16 bytes
each in arrays) and one byte per event, not with the feed. Run alone, it
prints its own peak resident memory:

    PYTHONPATH=$PWD/src python benchmarks/dask_feed.py --events 1000000 --folder /tmp/feed
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loading  # noqa: E402
import tracker as tracker_bench  # noqa: E402

SEED = 20201110
FIRST_VERSION = "2025-01-01T00:00:00+00:00"
"""The version ``tracker.tracker_feed`` gives the first record of a revised event."""
COVERS = [{"from": "2024-12-01", "to": "2026-01-31"}]


class Generated:
    """The seeded generator of ``loading.events_document``, one event at a time; the deletions come after the events, from the same random state."""

    def __init__(self, n_events: int, n_obligations: int = 1_000, seed: int = SEED) -> None:
        self.n_events, self.n_obligations = n_events, n_obligations
        self.rng = random.Random(seed)

    @staticmethod
    def sources() -> list[dict[str, Any]]:
        """The 50 sources every event cites from (no randomness: the same list as ``loading.events_document``)."""
        return [{"id": f"src-{i:03d}", "title": f"Report {i}", "published": "2025-01-01", "url": f"https://example.org/{i}"} for i in range(50)]

    def events(self) -> Iterator[tuple[int, int, dict[str, Any]]]:
        """``(position, revised id's number or -1, event)`` for each event, drawing from the random state in ``loading.events_document``'s order."""
        for i in range(self.n_events):
            event, revised = loading.draw_event(self.rng, i, self.n_obligations)
            if revised >= 0:  # ordered by the revised event, then by the day of the version
                version = event["version"]
                event["_key"] = revised * 10_000 + int(version[5:7]) * 100 + int(version[8:10])
            yield i, revised, event

    def deletions(self) -> Iterator[dict[str, Any]]:
        """The deletions, drawn after every event (call once :meth:`events` is exhausted)."""
        for _ in range(self.n_events // 100):
            yield {"event": f"ev-{self.rng.randrange(self.n_events):06d}", "deleted": "2025-12-31T00:00:00+00:00"}


def tracker_records(n_events: int, second: Generated | None = None) -> Iterator[dict[str, Any]]:
    """The events of ``tracker.tracker_feed(loading.events_document(n_events))``, in order, made in two passes of the generator.

    ``second`` is the generator of the second pass (a fresh one by default):
    once the records are exhausted, its :meth:`Generated.deletions` are the feed's deletions.
    """
    import numpy as np

    revised_ids = bytearray(n_events)
    keys, positions = array("q"), array("q")
    for i, revised, event in Generated(n_events).events():
        if revised >= 0:
            revised_ids[revised] = 1
            keys.append(event["_key"])
            positions.append(i)
    skipped: set[int] = set()
    if keys:
        _, first = np.unique(np.frombuffer(keys, dtype=np.int64), return_index=True)
        kept = np.zeros(len(keys), dtype=bool)
        kept[first] = True
        skipped = {int(p) for p in np.frombuffer(positions, dtype=np.int64)[~kept]}
    del keys, positions
    for i, revised, event in (second or Generated(n_events)).events():
        event.pop("_key", None)
        if revised < 0 and revised_ids[i]:
            event["version"] = FIRST_VERSION
        elif i in skipped:
            continue
        yield event


def write_feed(folder: Path, n_events: int, per_file: int, *, with_json: bool, batch: int = 20_000) -> dict[str, Any]:
    """Writes the feed under ``folder`` as it is generated; returns the paths, counts and sizes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agreement.json").write_text(json.dumps(tracker_bench.agreement_document()), encoding="utf-8")
    sources = Generated.sources()
    (folder / "sources.ndjson").write_text("".join(json.dumps(s) + "\n" for s in sources), encoding="utf-8")
    link = pa.struct([("obligation", pa.string()), ("role", pa.string())])
    cite = pa.struct([("source", pa.string()), ("quote", pa.string())])
    amount = pa.struct([("name", pa.string()), ("value", pa.float64()), ("qualifier", pa.string())])
    schema = pa.schema([("id", pa.string()), ("kind", pa.string()), ("summary", pa.string()), ("occurred", pa.string()), ("version", pa.string()),
                        ("links", pa.list_(link)), ("sources", pa.list_(cite)), ("quantities", pa.list_(amount))])
    json_path = folder / "events.json"
    out = json_path.open("w", encoding="utf-8") if with_json else None
    if out is not None:
        out.write('{"zone": ' + json.dumps(loading_zone()) + ', "covers": ' + json.dumps(COVERS) + ', "sources": ' + json.dumps(sources) + ', "events": [')
    paths: list[str] = []
    writer: Any = None
    pending: list[dict[str, Any]] = []
    in_file = records = 0

    def flush() -> None:
        if pending:
            writer.write_table(pa.table({name: [e.get(name) for e in pending] for name in schema.names}, schema=schema))
            pending.clear()

    second = Generated(n_events)
    for event in tracker_records(n_events, second):
        if writer is None or in_file == per_file:
            flush()
            if writer is not None:
                writer.close()
            path = folder / f"events-{len(paths):04d}.parquet"
            writer = pq.ParquetWriter(path, schema)
            paths.append(str(path))
            in_file = 0
        pending.append(event)
        in_file += 1
        if len(pending) == batch:
            flush()
        if out is not None:
            out.write(("," if records else "") + json.dumps(event))
        records += 1
    flush()
    if writer is not None:
        writer.close()
    gone = list(second.deletions())
    pq.write_table(pa.table({"event": [d["event"] for d in gone], "deleted": [d["deleted"] for d in gone]}), folder / "deletions.parquet")
    if out is not None:
        out.write('], "deletions": ' + json.dumps(gone) + "}")
        out.close()
    return {"events": paths, "sources": str(folder / "sources.ndjson"), "deletions": str(folder / "deletions.parquet"), "json": str(json_path) if with_json else None,
            "records": records, "parquet_bytes": sum(os.path.getsize(p) for p in paths), "zone": loading_zone()}


def loading_zone() -> str:
    """The zone of the feed's plain dates: ``loading.events_document``'s."""
    return str(loading.events_document(0)["zone"])


def main() -> None:
    """Write the feed, print where, and the generator's own peak resident memory; the last line is one JSON object."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--per-file", type=int, default=100_000, help="events per Parquet file")
    parser.add_argument("--folder", required=True)
    parser.add_argument("--json", action="store_true", help="also write the events as one JSON event file, for the single-machine Tracker")
    args = parser.parse_args()
    began = time.perf_counter()
    feed = write_feed(Path(args.folder), args.events, args.per_file, with_json=args.json)
    feed["seconds"] = time.perf_counter() - began
    feed["peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    (Path(args.folder) / "feed.json").write_text(json.dumps(feed), encoding="utf-8")
    print(f"{feed['records']:,} event records in {len(feed['events'])} Parquet files ({feed['parquet_bytes'] / 2**20:.1f} MiB); written in {feed['seconds']:.1f} s; "
          f"generator's peak RSS {feed['peak_rss_bytes'] / 2**20:.0f} MiB")
    print(json.dumps(feed))


if __name__ == "__main__":
    main()
