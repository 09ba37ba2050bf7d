"""Dating an undated event by the handover it names as its subject.

"The transfer of the Kalbajar region to Azerbaijan closed down the northern
road" gives no date, but says the road closed with the handover. When the
same extraction found that handover with a date of its own, the undated
event takes the overlap of its window with the handover's.
"""

from __future__ import annotations

import re

from ..model import Event
from ..time import Window
from .patterns import Patterns


def date_by_handover(events: list[Event], rules: Patterns, finder: list[tuple[re.Pattern[str], str]]) -> list[Event]:
    """The events, the undated ones whose sentence opens with a dated handover taking that handover's day."""
    dated = {e.place: e for e in events if e.kind == "handover" and e.occurred_text and e.place is not None}
    out = []
    for event in events:
        anchor = _named_handover(event, rules, finder, dated) if event.occurred_text is None and event.kind != "handover" else None
        if anchor is not None and _overlap(event.occurred, anchor.occurred):
            window = Window(max(event.occurred.earliest, anchor.occurred.earliest), min(event.occurred.latest, anchor.occurred.latest))
            event = event.model_copy(update={"occurred": window, "occurred_text": f"with the handover of {anchor.place} ({anchor.id})"})
        out.append(event)
    return out


def _named_handover(event: Event, rules: Patterns, finder: list[tuple[re.Pattern[str], str]], dated: dict[str, Event]) -> Event | None:
    for citation in event.sources:
        match = rules.with_handover.match(citation.quote or "")
        if match is None:
            continue
        head = (citation.quote or "")[match.end() : match.end() + 40]
        for pattern, canonical in finder:
            if pattern.match(head) and canonical in dated:
                return dated[canonical]
    return None


def _overlap(a: Window, b: Window) -> bool:
    return a.earliest <= b.latest and b.earliest <= a.latest
