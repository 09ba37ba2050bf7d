"""The rule for deadline obligations: done by a date, late, overdue, or not yet owed."""

from __future__ import annotations

import datetime as dt

from ..model import DeadlineObligation, Due
from ..results import Status
from ..time import Window, end_of_day
from .draft import Draft, Known
from .evidence import Entry, View, maybe_by, surely_by
from .progress import figure_text, figures_to_date

# Enum members read once here: in Python 3.11 each ``Status.X`` or ``Known.X`` goes through the enum
# metaclass's attribute hook, several times the cost of reading a global, and every run of the rules reads many.
_NO, _YES, _MAYBE = Known.NO, Known.YES, Known.MAYBE
_FULFILLED, _FULFILLED_LATE, _UNCERTAIN = Status.FULFILLED, Status.FULFILLED_LATE, Status.UNCERTAIN
_FULFILMENT = {Known.NO: Status.FULFILLED, Known.YES: Status.FULFILLED_LATE}
"""A fulfilment's status by whether it came late; a fulfilment that may or may not have is ``uncertain``."""


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
            return None, f"{due.within.words()} after {due.after_fulfilment_of} is fulfilled, which no known report shows by then"
        anchor, said = done[0].when, f"{due.after_fulfilment_of} fulfilled ({done[0].event.id})"
    else:
        start = due.after or effective
        anchor, said = Window.exact(start), view.when(start)
    return anchor.shifted(due.within, zone), f"{due.within.words()} after {said}"


def decide(*, breached: bool, fulfilled: bool, late: Known, past: Known, progressed: bool, maybe_on_time: bool) -> Status:
    """The status of a deadline obligation, from the few facts it rests on.

    This is the whole rule of the kind; :func:`judge` gathers the facts from
    events that may be known only to a window, and the bulk path tabulates
    this function over the facts it reads from columns of instants and windows.

    - ``breached``: a breach surely happened, and surely before any fulfilment;
    - ``fulfilled``: a fulfilment surely happened (and no breach before it);
    - ``late``: whether that fulfilment came after the deadline in force
      (NO when the deadline is not fixed; MAYBE when its window straddles the deadline);
    - ``past``: whether the deadline in force has passed (MAYBE inside its window);
    - ``progressed``: a progress report surely happened;
    - ``maybe_on_time``: an event that may have fulfilled it could have been
      on time for a deadline that has since passed.
    """
    if breached:
        return Status.BREACHED
    if fulfilled:
        return _FULFILMENT.get(late, Status.UNCERTAIN)
    if past is Known.YES:
        return Status.UNCERTAIN if maybe_on_time else Status.OVERDUE
    if past is Known.MAYBE:
        return Status.UNCERTAIN
    return Status.IN_PROGRESS if progressed else Status.PENDING


def _steady(done: bool, breached: bool, late: Known, progressed: bool) -> frozenset[str]:
    """The roles whose later events leave a deadline obligation's status as it is (see :attr:`~.draft.Draft.steady`).

    The reports that surely happened by a later instant extend those of an
    earlier one, in the order their windows close, so the first completion
    and the first breach stay the first. A later breach closes after a
    completion already counted, so it cannot come before it: once
    fulfilled, or once breached, further breaches change nothing. A further
    completion leaves the first one, and whether it was on time, as they
    are; it can only make a late fulfilment uncertain (a window reaching
    back before the deadline), so it is steady unless the status rests on
    every completion being late. Progress reports count only while nothing
    is done or breached, and then only whether there are any.
    """
    roles = set()
    if done or breached:
        roles.add("breaches")
    if done and (breached or late is not _YES):
        roles.add("fulfils")
    if done or breached or progressed:
        roles.add("advances")
    return frozenset(roles)


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
        draft.reasons.append(f"deadline moved by {latest.id}, in effect from {view.when(latest.in_effect_from)}: now {said}")
    else:
        draft.reasons.append(f"deadline {said}")
    deadline = draft.deadline
    fulfils, breaches, advances = view.linked(obligation.id, "fulfils"), view.linked(obligation.id, "breaches"), view.linked(obligation.id, "advances")
    done, maybe = surely_by(fulfils, view.at), maybe_by(fulfils, view.at)
    broken = surely_by(breaches, view.at)
    draft.count(done, fulfils)
    draft.breach(broken, breaches)
    steps = surely_by(advances, view.at)
    draft.count(steps, advances)
    draft.quantities = figures_to_date(entry, steps, done, view)
    breached = bool(broken) and (not done or broken[0].when.latest < done[0].when.earliest)
    # done is ordered by when each window closes, so the first is on time if any is
    on_time = done[0] if done and (deadline is None or done[0].when.latest <= deadline.earliest) else None
    late = _NO if on_time or not done else _YES if all(i.when.earliest > deadline.latest for i in done) else _MAYBE  # type: ignore[union-attr]
    if deadline is None or view.at <= deadline.earliest:
        past = _NO
    else:
        past = _YES if view.at > deadline.latest else _MAYBE
    maybe_on_time = past is _YES and any(i.when.earliest <= deadline.latest for i in maybe)  # type: ignore[union-attr]
    status = decide(breached=breached, fulfilled=bool(done), late=late, past=past, progressed=bool(steps), maybe_on_time=maybe_on_time)
    draft.steady = draft.steady | _steady(bool(done), breached, late, bool(steps))
    if done and not breached and late is not _NO:
        # A later completion is not the first (done is ordered by when each window closes), so it leaves which one is on time, and whether
        # a breach came first, as they are; whether every completion was late it leaves as it is when its window opens after the deadline.
        draft.steady_after = ("fulfils", deadline.latest)  # type: ignore[union-attr]
    if breached:
        draft.decisive.append(broken[0])
        draft.breached_by = broken[0].event
        draft.done(status, f"breach reported: {broken[0].event.id} ({view.span(broken[0].when)})")
        return
    if done:
        draft.decisive.append(done[0])
        first = done[0]
        if deadline is None:
            draft.done(status, f"fulfilled: {first.event.id} ({view.span(first.when)})")
        elif status is _FULFILLED:
            assert on_time is not None
            draft.done(status, f"fulfilled on time: {on_time.event.id} ({view.span(on_time.when)}) by the deadline {view.span(deadline)}")
        elif status is _FULFILLED_LATE:
            draft.done(status, f"fulfilled after the deadline {view.span(deadline)}: {first.event.id} ({view.span(first.when)})")
        else:
            # the first to close may be surely late; name the first whose window straddles the deadline, the one that leaves it open
            assert deadline is not None
            open_one = next(i for i in done if i.when.earliest <= deadline.latest)
            draft.open_window = (open_one.event.id, open_one.when)
            draft.done(status, f"{open_one.event.id} is reported within {view.span(open_one.when)}, which straddles the deadline {view.span(deadline)}")
        return
    if deadline is None:
        why = "the deadline is not yet fixed"
    elif past is _YES and maybe_on_time:
        draft.count(maybe)
        # name one that could have been on time: the first to close may have begun after the deadline
        could = next(i for i in maybe if i.when.earliest <= deadline.latest)
        draft.open_window = (could.event.id, could.when)
        draft.done(status, f"{could.event.id} may have happened by the deadline {view.span(deadline)} or after it ({view.span(could.when)})")
    elif past is _YES:
        partly = f"; partly done: {'; '.join(figure_text(q) for q in draft.quantities)}" if draft.quantities else (f"; partly done: {len(steps)} progress report(s)" if steps else "")
        draft.done(status, f"no known report of fulfilment, and the deadline {view.span(deadline)} has passed{partly}")
    elif past is _MAYBE:
        draft.done(status, f"the deadline is only known to fall within {view.span(deadline)}")
    else:
        why = f"deadline {view.span(deadline)} not yet reached"
    if past is _NO:
        if steps:
            draft.done(status, f"{why}; {len(steps)} progress report(s), latest {steps[-1].event.id}")
        else:
            draft.done(status, f"{why}; nothing reported")
    if maybe and draft.status is not _UNCERTAIN:
        draft.reasons.append(f"{maybe[0].event.id} may already have happened ({view.span(maybe[0].when)}); it counts once it surely has")
