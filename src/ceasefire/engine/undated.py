"""Pages with no date line: when the events they report can first have been known.

A source that cannot be dated gives ``published_not_after`` (the last day it
can have appeared: an archive's first capture, or the day it was read)
instead of a guessed ``published``. An event resting on such a page was
first reported somewhere between the earliest moment the event itself can
have happened and that bound (or the end of a dated source it also cites,
if that is earlier). The rule, argued in docs/decisions.md:

* the event counts from the start of that window, the earliest moment the
  evidence allows, so a knowledge cut-off never hides it behind a guess;
* every answer shows the whole window as the event's first report, never
  a single instant the sources do not give;
* where a cut-off falls inside the window, the answer's reasons say that it
  rests on a report that may not have appeared by then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import attrs

from ..model import Event, Source
from ..render import display as words
from ..results import Evidence, Explanation
from ..time import Window, end_of_day, utc


@attrs.frozen
class Undated:
    """When an event's first report can have appeared, for an event that rests on an undated page."""

    window: Window
    sources: tuple[str, ...]
    """The undated sources the event cites."""


def first_report(event: Event, sources: Mapping[str, Source], zone: str) -> tuple[Window, Undated | None]:
    """The window the event counts from, and, when an undated page is involved, the window it really lies in.

    Without an undated source this is the earliest-ending ``published`` of the
    cited sources, as before. With one, the event counts from the first instant
    of :attr:`Undated.window`.
    """
    cited = [sources[c.source] for c in event.sources]
    dated = [s.published for s in cited if s.published is not None]
    bounds = [(s.id, end_of_day(s.published_not_after, zone)) for s in cited if s.published_not_after is not None]
    if not bounds:
        return min(dated, key=lambda w: (utc(w.latest), utc(w.earliest))), None
    high = min([b for _, b in bounds] + [w.latest for w in dated], key=utc)
    low = min(event.occurred.earliest, high, key=utc)
    return Window.exact(low), Undated(Window(low, high), tuple(dict.fromkeys(i for i, _ in bounds)))


def disclose(found: Explanation, known_on: dt.datetime | None, undated: Mapping[str, Sequence[Undated]], zone: str) -> Explanation:
    """``found`` with each undated event's true first-report window, and a reason wherever the cut-off ``known_on`` falls inside it.

    ``undated`` holds, for each event id, the windows of its versions that rest on
    undated pages; a piece of evidence takes the one it was counted from.
    """
    if not undated or not any(e.event_id in undated for e in (*found.evidence, *found.breaches, *found.context)):
        return found
    reasons: list[str] = []

    def honest(items: Iterable[Evidence]) -> tuple[Evidence, ...]:
        out = []
        for item in items:
            page = next((u for u in undated.get(item.event_id, ()) if Window.exact(u.window.earliest) == item.reported), None)
            if page is None:
                out.append(item)
                continue
            out.append(attrs.evolve(item, reported=page.window))
            if known_on is not None and utc(known_on) < utc(page.window.latest):
                reasons.append(_caveat(item.event_id, page, known_on, zone))
        return tuple(out)

    changed = attrs.evolve(found, evidence=honest(found.evidence), breaches=honest(found.breaches), context=honest(found.context))
    return attrs.evolve(changed, reasons=found.reasons + tuple(dict.fromkeys(reasons)))


def _caveat(event_id: str, found: Undated, known_on: dt.datetime, zone: str) -> str:
    low, high = (words.instant(t, zone) for t in (found.window.earliest, found.window.latest))
    cutoff = words.instant(known_on, zone)
    return f"{event_id} rests on an undated page ({', '.join(found.sources)}): it can have appeared from {low} to {high}; it is counted from {low}, so this answer as known on {cutoff} holds only if that page was out by then"
