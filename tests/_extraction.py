"""What the extraction tests share: the events extracted from a short text, those of one kind, and an event's days."""

from __future__ import annotations

import datetime as dt

from ceasefire.extract import extract_events
from ceasefire.model import Event
from ceasefire.time import local_date

ZONE = "Asia/Baku"


def extract_text(text: str, published: str) -> list[Event]:
    """The events extracted from a short text of our own, published on ``published``."""
    return list(extract_events(text, published=published, source="t").events)


def of(found: list[Event], kind: str) -> list[Event]:
    """The events of one kind."""
    return [e for e in found if e.kind == kind]


def local_days(event: Event) -> tuple[dt.date, dt.date]:
    """The first and last day of an event's window in the reference zone of the seeds."""
    return local_date(event.occurred.earliest, ZONE), local_date(event.occurred.latest, ZONE)
