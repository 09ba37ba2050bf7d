"""What the extraction tests share: the events extracted from a short text, those of one kind, an event's days, and the checks every held-out batch of real copy gets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ceasefire import bundled
from ceasefire.extract import extract_events
from ceasefire.extract.evaluation import evaluate, load_set, table
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


ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "extract"


def assert_scores_at_least(folder: str, wanted: int, right: int, given: int, inside: int, wrong: int) -> None:
    """The batch in ``folder`` still has ``wanted`` labelled events, and the extractor finds at least ``right`` of them.

    Its precision stays at ``right / given`` or better, at least ``inside``
    matched events are dated inside the true window, and at most ``wrong``
    are dated wrongly.

    Dates are counted, not taken as a share of matched events: a share
    falls whenever more events are found with wider windows.
    """
    result = evaluate(load_set(DATA / folder), bundled.agreement())
    events = result.row("events")
    assert events.wanted == wanted and events.right_wanted >= right
    assert events.precision is not None and events.precision >= right / given
    assert result.dates["exact"] + result.dates["inside"] >= inside and result.dates["wrong"] <= wrong


def documented_and_scored(folder: str) -> tuple[str, str]:
    """The batch's score table as docs/extraction.md shows it between its markers, and as the scorer prints it now."""
    page = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    documented = page.split(f"<!-- {folder}-score:start -->\n", 1)[1].split(f"<!-- {folder}-score:end -->", 1)[0].strip()
    return documented, table(evaluate(load_set(DATA / folder), bundled.agreement()))
