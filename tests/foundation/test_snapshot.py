"""The golden snapshot: every obligation's status on a grid of dates, as a reviewable data file."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("update_snapshots", ROOT / "scripts" / "update_snapshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_statuses_match_the_golden_snapshot() -> None:
    """Statuses on the grid equal the committed snapshot; regenerate it with scripts/update_snapshots.py after a deliberate change."""
    module = _generator()
    expected = json.loads(module.SNAPSHOT.read_text(encoding="utf-8"))
    actual = module.snapshot()
    assert actual.keys() == expected.keys()
    changed = {
        f"{when} {oid}": (expected[when].get(oid), status)
        for when, row in actual.items()
        for oid, status in row.items()
        if expected[when].get(oid) != status
    }
    assert changed == {}, "statuses changed (expected, actual): " + json.dumps(changed, indent=1)


def test_snapshot_grid_covers_every_obligation_and_status_change() -> None:
    """The snapshot names every bundled obligation and shows the key transitions of the acceptance table."""
    grid = json.loads(_generator().SNAPSHOT.read_text(encoding="utf-8"))
    assert len(grid["2020-11-26"]) == 20
    assert grid["2020-11-14"]["6.kalbajar"] == "pending"
    assert grid["2020-11-20 known on 2020-11-14"]["6.kalbajar"] == "unmonitored"
    assert grid["2020-12-02"]["6.lachin"] == "fulfilled"  # the bundled record reports the handover of 1 December
    assert grid["2023-11-11"]["2.aghdam"] == "fulfilled" and grid["2023-11-11"]["1.ceasefire"] == "unmonitored"  # breaches on the record, none going on, and the record does not watch the ceasefire between them
