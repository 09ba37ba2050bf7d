"""A bundled tracker whose seed log is taken to watch past its own end, for tests of timeline mechanics.

The seeds' declared coverage ends on 1 December 2020, so after it silence is
unmonitored. Tests about how timelines move (deadlines passing, intervals,
causes) need silence to mean "nothing happened" a little longer; this tracker
says so openly in its coverage note rather than changing the bundled file.
"""

from __future__ import annotations

from ceasefire import Tracker, bundled
from ceasefire.model import Coverage


def seeds_watched_until(day: str) -> Tracker:
    """The bundled statement and seed events, the seeds' coverage stretched to the end of ``day`` in Moscow time."""
    seeds = bundled.seed_events()
    cover = Coverage.model_validate({"from": "2020-11-10", "to": day, "note": "stretched for a test"}, context={"zone": "Europe/Moscow"})
    return Tracker(bundled.agreement(), seeds.model_copy(update={"covers": [cover]}))
