"""The rule for standing obligations: breached, holding after a breach, or complied with."""

from __future__ import annotations

import datetime as dt

import attrs

from ..model import Event
from ..results import BreachHistory, Status, breaches_in_evidence
from ..time import Window, micros
from .draft import Draft, Known
from .evidence import Entry, Linked, Ordered, View, order_of, surely_by


def judge(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> None:
    """Breached where a reported breach reaches into the time asked about, uncertain where one may, holding after breaches, complied with none."""
    obligation_id = entry.obligation.id
    low, high = view.first, view.at
    breaches = view.linked(obligation_id, "breaches")
    begun, straddling = breaches.surely(high), breaches.maybe(high)
    draft.breach(begun, breaches)
    draft.breach(straddling)
    kept = view.linked(obligation_id, "advances", "fulfils")
    draft.count(surely_by(kept, high), kept)
    draft.steady = draft.steady | _STEADY
    states = [(b, *breach_state(b.event, low, high)) for b in _reaching(breaches, low, high)]
    on = [(b, silent) for b, state, silent in states if state == "on"]
    maybe = [b for b, state, _ in states if state == "maybe"]
    asked = "" if view.brief else view.span(Window(low, high)) if view.start is not None else view.when(high)  # for the reasons alone
    status = decide(within=Known.YES if on else Known.MAYBE if maybe else Known.NO, earlier=bool(begun))
    if status is Status.BREACHED:
        # Cite a breach the reports establish, before one that is on only because no report has ended it;
        # asked about a day, a breach under way at a watched instant of that day is established there.
        established = next((b for b, s in on if not s or _began_within(b.event, low, high) or _seen_under_way(b.event, view, obligation_id, low, high)), None)
        draft.rests_on_silence = established is None
        e = draft.breached_by = (established or on[0][0]).event
        if e.lasting:
            end = "ongoing, no report has ended it" if e.until is None else f"until {view.span(e.until)}"
            draft.done(status, f"breach under way over {asked}: {e.id} (from {view.span(e.occurred)}, {end})")
        else:
            draft.done(status, f"breach reported within {asked}: {e.id} ({view.span(e.occurred)})")
        return
    if status is Status.UNCERTAIN:
        e = maybe[0].event
        draft.open_window = (e.id, e.until if e.lasting and e.until is not None and e.occurred.latest <= high else e.occurred)
        draft.done(status, f"{e.id} may have breached it within {asked}, but is only known to fall within {view.span(e.occurred)}")
        return
    draft.clear_of_breaches = True  # no breach reaches the time asked about: only the earlier ones and the evidence's watch decide
    history = draft.history = breach_history(obligation_id, view)
    if status is Status.HOLDING:
        since = view.when(history.holding_since) if history.holding_since is not None else "an unknown time"
        draft.done(status, f"no breach reported since {since}; {breaches_in_evidence(history.count)}, first {history.first_id}, latest {history.latest_id}")
    else:
        draft.done(status, f"in force since {view.when(effective)}; no breach reported")


_STEADY = frozenset({"advances", "fulfils"})
"""Reports of compliance are listed but never decide a standing obligation's status: only breaches do (see :attr:`~.draft.Draft.steady`)."""


def decide(*, within: Known, earlier: bool) -> Status:
    """The status of a standing obligation, from the two facts it rests on.

    This is the whole rule of the kind: :func:`judge` gathers the facts from
    events that may be known only to a window or may last, and the bulk path
    tabulates this function over the facts it reads from columns of
    instants and windows.

    - ``within``: whether a breach reaches into the time asked about (MAYBE
      when one only may, being known to a window that reaches in);
    - ``earlier``: a breach had surely happened by the end of the time asked about.
    """
    if within is Known.YES:
        return Status.BREACHED
    if within is Known.MAYBE:
        return Status.UNCERTAIN
    return Status.HOLDING if earlier else Status.COMPLIED


def across_single_breaches(before: Status, *, exact: bool, opening: bool, closing: bool, lasting: bool = True,
                           settled: Status | None = None) -> tuple[Status | None, Status | None]:
    """The status at an instant where the only changes are counted single breaches, and just after it, from the status just before; None where the rule must run.

    Asked about a single instant, a single (not lasting) breach reaches the
    instants of its window: one timed exactly to this instant (``exact``) breaches it,
    on the report's own word (not on silence, so the end of the evidence
    does not touch it), and reaches no other; one whose window is
    ``opening`` here may have breached every instant of it from here on, so
    the status is uncertain unless another breach is surely under way; one
    whose window is ``closing`` here still may have breached this instant,
    which is therefore as the moment before, but just after it only the
    rules can say what is left. Just after an exact breach every other
    breach stands as it did before, so the status is as before, except that
    "complied" (no breach reported) becomes "holding" now that one has
    been. A status is ``unmonitored`` before an opening window either
    because no breach was reported and nothing watched (the window makes it
    uncertain), or because a lasting breach is under way only for want of a
    report ending it (it stays so): without ``lasting`` breaches among those
    counted it is the first, otherwise the rules must say.

    Just after a closing window the rules need not run again where the
    caller gives ``settled``: the status of the last run of the rules, at an
    instant no breach reached (:attr:`~.draft.Draft.clear_of_breaches`), when
    the caller vouches that since that instant the only changes were single
    breaches and events that cannot move the status (no coverage edge, no
    lasting breach), and that every window opened since closes here, with
    none opening here. Then no breach reaches the instant just after this one
    either, every breach counted then had surely happened, and the evidence
    watches it exactly as it watched that earlier instant. So the status is
    as it was there (``unmonitored`` stays so), except that "complied"
    becomes "holding" now that a breach has been.

    This holds only where the rule itself decides on both sides
    (:attr:`~.draft.Draft.ruled`), which a breach cannot change; a timeline
    uses it instead of running the rules at every such breach.
    """
    if before is Status.UNMONITORED:
        maybe = None if lasting else Status.UNCERTAIN
    else:
        maybe = Status.BREACHED if before is Status.BREACHED else Status.UNCERTAIN
    now = Status.BREACHED if exact else maybe if opening else before if closing else None
    then: Status | None
    if closing:
        then = None if settled is None or opening else Status.HOLDING if settled is Status.COMPLIED else settled
    elif opening:
        then = maybe
    elif exact:
        then = Status.HOLDING if before is Status.COMPLIED else before
    else:
        then = None
    return now, then


def _began_within(event: Event, low: dt.datetime, high: dt.datetime) -> bool:
    """True when, asked about the stretch ``low`` to ``high`` (a day), the beginning of ``event`` counts as a breach within it.

    The beginning is read as a single happening is (:func:`breach_state`):
    its window reaches into the stretch and it had surely happened by the
    stretch's end. It is then a breach reported within the stretch, whether
    or not anything watched the rest of the day.
    """
    start = event.occurred
    return low != high and low <= start.latest <= high


def _seen_under_way(event: Event, view: View, obligation_id: str, low: dt.datetime, high: dt.datetime) -> bool:
    """True when, asked about the stretch ``low`` to ``high`` (a day), the evidence watched some instant of it after ``event`` had surely begun.

    An ongoing breach is then established within the stretch by the reports
    themselves, whatever lies past the end of the evidence.
    """
    if low == high:
        return False
    begin = max(event.occurred.latest, low, key=micros)
    return any(span.start <= high and span.end >= begin for span in view.spans(obligation_id))


def breach_history(obligation_id: str, view: View) -> BreachHistory:
    """Every known breach that had surely begun by the end of the time asked about."""
    breaches = view.linked(obligation_id, "breaches")
    items = breaches.surely(view.at)
    if not items:
        return BreachHistory(0, None, None, None, None, (), None, False)
    count = len(items)
    first, latest = items[0].event, items[-1].event
    lasting = breaches.lasting()
    if lasting:
        tally = _tally(obligation_id, breaches, view)
        moment = micros(view.at)
        ongoing = any(breach_state(b.event, view.at, view.at)[0] == "on" for b in lasting if b.order[0] <= moment)
        holding_since = None if ongoing or tally.open_from < count else _end(tally.over_by[count - 1])
    else:
        # No breach lasts: each was surely over when its window closed, so the last to be over is the first whose window closes
        # with the last one's, found by bisection of the closing keys without the running tally (which it would equal).
        ongoing = False
        holding_since = _end(breaches.settled()[breaches.closing_with(count - 1)])
    until = latest.until.latest if latest.until is not None else None
    return BreachHistory(count, first.id, first.occurred, latest.id, latest.occurred, tuple(sorted(breaches.disputed(count))), holding_since, ongoing, until, latest.ongoing)


@attrs.frozen
class _Tally:
    """Running figures over an obligation's breaches in order: what the first ``n`` of them add up to, for every ``n``."""

    over_by: list[Linked]
    """The breach by whose end (:func:`_end`) the first ``n + 1`` breaches were all surely over (meaningful while none is open)."""
    open_from: int
    """How many breaches come before the first one no report has ended (their number, when none is open)."""


def _tally(obligation_id: str, breaches: Ordered, view: View) -> _Tally:
    key = ("breach tally", obligation_id)
    found = view.memo.get(key)
    if found is None:
        # Worked out from each link's keys alone (Linked.over, Linked.order): the events themselves are
        # looked at only for the one breach a history names (_end).
        over_by: list[Linked] = []
        open_from = -1
        latest = 0  # Linked.over of the last of over_by
        for n, item in enumerate(breaches.settled()):
            over = item.over  # when the breach was surely over; None while it is ongoing
            if over is None:
                if open_from < 0:
                    open_from = n
                if over_by:
                    over_by.append(over_by[-1])
                    continue
                over = item.order[0]  # the first breach is ongoing: it counts as over when it had surely begun (its own window closes)
            if not over_by or over > latest:
                over_by.append(item)
                latest = over
            else:
                over_by.append(over_by[-1])
        found = view.memo[key] = _Tally(over_by, len(over_by) if open_from < 0 else open_from)
    return found  # type: ignore[return-value]


def _end(item: Linked) -> dt.datetime:
    """The instant by which a breach was surely over: the end of a lasting one's ``until``, else the end of its window (for an ongoing one, where it had surely begun)."""
    until = item.event.until
    return until.latest if until is not None else item.event.occurred.latest


def _reaching(breaches: Ordered, low: dt.datetime, high: dt.datetime) -> list[Linked]:
    """The breaches that can bear on the instants from ``low`` to ``high``, in order: every other one is surely outside them."""
    near = breaches.around(low, high)
    lasting = [b for b in breaches.lasting() if b not in near]
    return sorted(near + lasting, key=order_of) if lasting else near


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
