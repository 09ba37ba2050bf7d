"""Rewrite the golden snapshot of the bundled statement's statuses on a grid of dates.

Run it after a deliberate change to the rules or the bundled data, then read
the diff of tests/snapshots/nk-2020-grid.json: every changed status is a
change a reviewer should be able to explain.

    python scripts/update_snapshots.py
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import ceasefire

SNAPSHOT = Path(__file__).resolve().parents[1] / "tests" / "snapshots" / "nk-2020-grid.json"

GRID = [
    "2020-11-09", "2020-11-10", "2020-11-14", "2020-11-15", "2020-11-16", "2020-11-19", "2020-11-20",
    "2020-11-21", "2020-11-24", "2020-11-25", "2020-11-26", "2020-11-30", "2020-12-01", "2020-12-02",
    "2021-01-10", "2021-01-11", "2021-01-31", "2021-03-02", "2023-11-11", "2025-05-11", "2025-11-10",
    # dates that matter in the bundled record (issue 13)
    "2021-02-01", "2022-06-01", "2022-09-01", "2023-02-01", "2023-09-19", "2023-10-01", "2024-04-27",
    "2024-07-01", "2025-08-01",
]
"""Dates around every deadline, amendment and report in the bundled data."""

KNOWN_ON = ["2020-11-14", "2020-11-25"]
"""Knowledge cut-offs to snapshot as well, for the whole grid."""


def snapshot() -> dict[str, dict[str, str]]:
    """Status of every obligation on every grid date, with and without each knowledge cut-off."""
    out: dict[str, dict[str, str]] = {}
    for known_on in [None, *KNOWN_ON]:
        for day in GRID:
            if known_on is not None and dt.date.fromisoformat(day) < dt.date.fromisoformat(known_on):
                continue
            report = ceasefire.status_on(day, known_on=known_on)
            key = day if known_on is None else f"{day} known on {known_on}"
            out[key] = {o.obligation_id: str(o.status) for o in report}
    return out


if __name__ == "__main__":
    SNAPSHOT.write_text(json.dumps(snapshot(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
