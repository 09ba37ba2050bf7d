"""The rule for standing obligations: breached, holding after a breach, or complied with."""

from __future__ import annotations

import datetime as dt

from ..model import Event
from ..results import BreachHistory, Status
from ..time import Window
from .draft import Draft
from .evidence import Entry, View, order_of, surely_by


def judge(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> None:
    """Breached where a reported breach reaches into the time asked about, uncertain where one may, holding after breaches, complied with none."""
    obligation_id = entry.obligation.id
    low, high = view.first, view.at
    breaches = view.linked(obligation_id, "breaches")
    draft.breaches += sorted((b for b in breaches if b.event.occurred.earliest <= high), key=order_of)
    draft.counted += surely_by(view.linked(obligation_id, "advances", "fulfils"), high)
    states = [(b, *breach_state(b.event, low, high)) for b in sorted(breaches, key=order_of)]
    on = [(b, silent) for b, state, silent in states if state == "on"]
    maybe = [b for b, state, _ in states if state == "maybe"]
    asked = view.span(Window(low, high)) if view.start is not None else view.when(high)
    if on:
        item, silent = on[0]
        draft.rests_on_silence = silent
        e = item.event
        if e.lasting:
            end = "ongoing, no report has ended it" if e.until is None else f"until {view.span(e.until)}"
            draft.done(Status.BREACHED, f"breach under way over {asked}: {e.id} (from {view.span(e.occurred)}, {end})")
        else:
            draft.done(Status.BREACHED, f"breach reported within {asked}: {e.id} ({view.span(e.occurred)})")
        return
    if maybe:
        e = maybe[0].event
        draft.done(Status.UNCERTAIN, f"{e.id} may have breached it within {asked}, but is only known to fall within {view.span(e.occurred)}")
        return
    history = draft.history = breach_history(obligation_id, view)
    if history.count:
        since = view.when(history.holding_since) if history.holding_since is not None else "an unknown time"
        draft.done(Status.HOLDING, f"holding since {since}; {history.count} breach(es) reported, first {history.first_id}, latest {history.latest_id}")
    else:
        draft.done(Status.COMPLIED, f"in force since {view.when(effective)}; no breach reported")


def breach_history(obligation_id: str, view: View) -> BreachHistory:
    """Every known breach that had surely begun by the end of the time asked about."""
    items = [b for b in view.linked(obligation_id, "breaches") if b.event.occurred.latest <= view.at]
    items.sort(key=order_of)
    if not items:
        return BreachHistory(0, None, None, None, None, (), None, False)
    first, latest = items[0].event, items[-1].event
    ongoing = any(breach_state(b.event, view.at, view.at)[0] == "on" for b in items if b.event.lasting)
    ends = [_breach_end(b.event) for b in items]
    holding_since = None if ongoing or any(e is None for e in ends) else max(e for e in ends if e is not None)
    disputed = tuple(sorted({d.party for b in items for d in b.event.disputed_by}))
    return BreachHistory(len(items), first.id, first.occurred, latest.id, latest.occurred, disputed, holding_since, ongoing)


def breach_state(event: Event, low: dt.datetime, high: dt.datetime) -> tuple[str | None, bool]:
    """Whether ``event`` breaches over the instants ``low`` to ``high``: ``"on"``, ``"maybe"`` or None.

    The flag is True when ``"on"`` rests only on no report having ended an ongoing happening.

    * A lasting happening breaches wherever it was surely under way (after
      its start window, before its end window) and maybe wherever it might
      have been.
    * A single happening known to a window breaches a stretch of time when
      its window reaches into the stretch and it had surely happened by the
      stretch's end; when it reaches in but had not surely happened by then,
      it maybe breaches. Asked about a single instant, only a happening
      timed exactly to that instant breaches it; a window around it is maybe.
    """
    start = event.occurred
    if event.lasting:
        sure_end = event.until.earliest if event.until is not None else None
        last_end = event.until.latest if event.until is not None else None
        if max(start.latest, low) <= (high if sure_end is None else min(sure_end, high)):
            return "on", event.until is None
        if max(start.earliest, low) <= (high if last_end is None else min(last_end, high)):
            return "maybe", False
        return None, False
    if start.earliest > high or start.latest < low:
        return None, False
    if low == high:
        return ("on" if start.is_exact else "maybe"), False
    return ("on" if start.latest <= high else "maybe"), False


def _breach_end(event: Event) -> dt.datetime | None:
    """The instant by which a breach was surely over; None while a lasting one is ongoing."""
    if event.lasting:
        return event.until.latest if event.until is not None else None
    return event.occurred.latest
