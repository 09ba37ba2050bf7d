"""A stall ("no progress reported since ...") is claimed only where the loaded evidence watched long enough to see it."""

from __future__ import annotations

import ceasefire
from ceasefire import Status, Tracker

ZONE = "UTC"


def tracker(watched_until: str) -> Tracker:
    """Work 'as soon as possible' from 1 March 2021, stalled after a month without progress; evidence watches until ``watched_until``."""
    agreement = ceasefire.parse_agreement(
        {
            "id": "t", "title": "test", "zone": ZONE, "announced": "2021-03-01", "effective": "2021-03-01T00:00:00+00:00",
            "parties": [{"id": "A", "name": "Army of A", "roles": ["party", "signatory"]}],
            "points": [{"number": 1, "summary": "mines", "obligations": [
                {"id": "demine", "kind": "progress", "bearers": ["A"], "summary": "clear the mines", "stale_after": "P1M"}]}],
        }
    )
    log = ceasefire.parse_events({"zone": ZONE, "covers": {"from": "2021-03-01", "to": watched_until}, "events": []})
    return Tracker(agreement, log)


def test_no_stall_claimed_past_the_evidence() -> None:
    """Evidence that stops on 15 March cannot show a month without progress, so the unmonitored answer claims no stall."""
    result = tracker("2021-03-15").obligation_on("demine", "2021-12-01")
    assert result.status is Status.UNMONITORED
    assert result.stalled_since is None
    assert "no progress reported since" not in result.headline
    assert not any(r.startswith("stalled:") for r in result.reasons)


def test_stall_seen_while_watched_is_kept() -> None:
    """Evidence that watched to 30 June saw the month pass without progress: the stall stays beside the evidence's end."""
    result = tracker("2021-06-30").obligation_on("demine", "2021-12-01")
    assert result.status is Status.UNMONITORED
    assert result.stalled_since is not None and result.stalled_since.date().isoformat() == "2021-03-01"
    assert "no progress reported since it took effect on 2021-03-01" in result.headline


def test_stall_inside_the_evidence_is_unchanged() -> None:
    """Asked within the watched stretch, the stall reads as before: pending, no progress since the start."""
    result = tracker("2021-12-31").obligation_on("demine", "2021-12-01")
    assert result.status is Status.PENDING and result.stalled_since is not None
