"""The rule for deadline obligations: done by a date, late, overdue, or not yet owed."""

from __future__ import annotations

import datetime as dt

from ..model import DeadlineObligation, Due
from ..results import Status
from ..time import Window, end_of_day
from .draft import Draft
from .evidence import Entry, Linked, View, maybe_by, surely_by
from .progress import figure_text, figures_to_date


def resolve_due(due: Due, effective: dt.datetime, view: View) -> tuple[Window | None, str]:
    """A deadline as a window in time, or None while its starting event has not happened."""
    zone = view.zone
    if due.by is not None:
        return Window.exact(end_of_day(due.by, zone)), f"by the end of {due.by.isoformat()} ({zone})"
    if due.at is not None:
        return Window.exact(due.at), f"at {view.when(due.at)}"
    assert due.within is not None
    if due.after_fulfilment_of is not None:
        done = surely_by(view.linked(due.after_fulfilment_of, "fulfils"), view.at)
        if not done:
            return None, f"{due.within} after {due.after_fulfilment_of} is fulfilled, which no known report shows by then"
        anchor, said = done[0].when, f"{due.after_fulfilment_of} fulfilled ({done[0].event.id})"
    else:
        start = due.after or effective
        anchor, said = Window.exact(start), view.when(start)
    return anchor.shifted(due.within, zone), f"{due.within} after {said}"


def judge(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> None:
    """Fulfilled, fulfilled late, uncertain, overdue, in progress or pending, against the deadline in force at the instant asked about."""
    obligation = entry.obligation
    assert isinstance(obligation, DeadlineObligation)
    original, said = resolve_due(obligation.due, effective, view)
    draft.original_deadline, draft.deadline = original, original
    moves = [a for a in draft.amendments if a.kind == "move-deadline"]
    if moves:
        latest = moves[-1]
        assert latest.due is not None
        draft.deadline, said = resolve_due(latest.due, effective, view)
        draft.reasons.append(f"deadline moved by {latest.id} (in effect from {view.when(latest.in_effect_from)}): now {said}")
    else:
        draft.reasons.append(f"deadline {said}")
    deadline = draft.deadline
    fulfils = view.linked(obligation.id, "fulfils")
    done, maybe = surely_by(fulfils, view.at), maybe_by(fulfils, view.at)
    broken = surely_by(view.linked(obligation.id, "breaches"), view.at)
    draft.counted += done
    draft.breaches += broken
    steps = surely_by(view.linked(obligation.id, "advances"), view.at)
    draft.counted += steps
    draft.quantities = figures_to_date(entry, steps, done, view)
    if broken and (not done or broken[0].when.latest < done[0].when.earliest):
        draft.decisive.append(broken[0])
        draft.done(Status.BREACHED, f"breach reported: {broken[0].event.id} ({view.span(broken[0].when)})")
        return
    if done:
        draft.decisive.append(done[0])
        _judge_fulfilment(done, deadline, view, draft)
        return
    if deadline is None:
        _not_done(obligation.id, view, draft, "the deadline is not yet fixed")
    elif view.at > deadline.latest:
        if any(i.when.earliest <= deadline.latest for i in maybe):
            draft.counted += maybe
            draft.done(Status.UNCERTAIN, f"{maybe[0].event.id} may have happened by the deadline {view.span(deadline)} or after it ({view.span(maybe[0].when)})")
        else:
            partly = f"; partly done: {'; '.join(figure_text(q) for q in draft.quantities)}" if draft.quantities else (f"; partly done: {len(steps)} progress report(s)" if steps else "")
            draft.done(Status.OVERDUE, f"no known report of fulfilment, and the deadline {view.span(deadline)} has passed{partly}")
    elif view.at > deadline.earliest:
        draft.done(Status.UNCERTAIN, f"the deadline is only known to fall within {view.span(deadline)}")
    else:
        _not_done(obligation.id, view, draft, f"deadline {view.span(deadline)} not yet reached")
    if maybe and draft.status is not Status.UNCERTAIN:
        draft.reasons.append(f"{maybe[0].event.id} may already have happened ({view.span(maybe[0].when)}); it counts once it surely has")


def _judge_fulfilment(done: list[Linked], deadline: Window | None, view: View, draft: Draft) -> None:
    first_item = done[0]
    first = first_item.event
    if deadline is None:
        draft.done(Status.FULFILLED, f"fulfilled: {first.id} ({view.span(first_item.when)})")
        return
    on_time = [i for i in done if i.when.latest <= deadline.earliest]
    late = [i for i in done if i.when.earliest > deadline.latest]
    if on_time:
        e = on_time[0]
        draft.done(Status.FULFILLED, f"fulfilled on time: {e.event.id} ({view.span(e.when)}) by the deadline {view.span(deadline)}")
    elif len(late) == len(done):
        draft.done(Status.FULFILLED_LATE, f"fulfilled after the deadline {view.span(deadline)}: {first.id} ({view.span(first_item.when)})")
    else:
        draft.done(Status.UNCERTAIN, f"{first.id} is reported within {view.span(first_item.when)}, which straddles the deadline {view.span(deadline)}")


def _not_done(obligation_id: str, view: View, draft: Draft, why: str) -> None:
    progress = surely_by(view.linked(obligation_id, "advances"), view.at)
    if progress:
        draft.done(Status.IN_PROGRESS, f"{why}; {len(progress)} progress report(s), latest {progress[-1].event.id}")
    else:
        draft.done(Status.PENDING, f"{why}; nothing reported")
