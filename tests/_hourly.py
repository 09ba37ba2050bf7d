"""Small agreements in Asia/Baku counted in hours from 00:00 on 1 March 2021, for tests that ask about a few hours."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ceasefire import Tracker, parse_agreement, parse_events

HOUR0 = "2021-03-01T00:00:00+04:00"


def at(hour: int) -> str:
    """The instant ``hour`` hours after :data:`HOUR0`, as ISO text."""
    return f"2021-03-{1 + hour // 24:02d}T{hour % 24:02d}:00:00+04:00"


def hourly_tracker(obligations: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]] = (), amendments: Sequence[dict[str, Any]] = (),
                   covers: Sequence[dict[str, str]] | None = None, covers_from: str = HOUR0) -> Tracker:
    """A tracker over one point of ``obligations`` borne by party A, in force from :data:`HOUR0`, and one log of ``events`` citing one report.

    Each event needs only its ``id`` and what differs (``occurred``, ``reported``, ``links``); the log
    watches from ``covers_from`` to 2030 unless ``covers`` is given.
    """
    agreement = {
        "id": "h", "title": "h", "zone": "Asia/Baku", "announced": HOUR0, "effective": HOUR0,
        "parties": [{"id": "A", "name": "A", "roles": ["party"]}],
        "points": [{"number": 1, "summary": "p", "obligations": list(obligations)}],
        "amendments": list(amendments), "sources": [{"id": "r", "title": "a report"}],
    }
    log = {
        "zone": "Asia/Baku",
        "covers": list(covers) if covers is not None else [{"from": covers_from, "to": "2030-12-31T00:00:00+04:00"}],
        "sources": [{"id": "r", "title": "a report"}],
        "events": [{"kind": "report", "summary": e["id"], "sources": [{"source": "r"}], **e} for e in events],
    }
    return Tracker(parse_agreement(agreement), parse_events(log))
