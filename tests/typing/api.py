"""Calls written the way users write them; mypy checks this file and nobody runs it."""

from __future__ import annotations

import datetime as dt

import ceasefire
from ceasefire import Status, StatusReport, Tracker

report: StatusReport = ceasefire.status_on("2020-11-16")
also: StatusReport = ceasefire.status_on(dt.date(2020, 11, 16), known_on=dt.datetime(2020, 11, 14, tzinfo=dt.timezone.utc))
kalbajar = report["6.kalbajar"]
status: Status = kalbajar.status
deadline_day: dt.date | None = kalbajar.deadline.latest.date() if kalbajar.deadline else None
quotes: list[str | None] = [c.quote for c in kalbajar.sources]
text: str = kalbajar.explain()

tracker = Tracker(ceasefire.load_agreement("accord.yaml"), ceasefire.load_events("events.yaml"))
for point in tracker.status_on("2021-03-12").points:
    worst: Status = point.status
