"""The rule for term obligations: periods that run out, renew, or end after notice."""

from __future__ import annotations

import datetime as dt

from ..errors import InvalidTimeError, Problem
from ..model import TermObligation
from ..results import Status, TermState
from ..time import Span as CalendarSpan
from ..time import utc
from .draft import Draft
from .evidence import Entry, View, surely_by


def term_periods(obligation: TermObligation, start: dt.datetime, zone: str, until: dt.datetime) -> tuple[int, dt.datetime, dt.datetime]:
    """The period holding ``until``: its index, start and end (half-open, end excluded).

    Period 0 runs for ``period`` from ``start``; each renewal adds ``renewal``.
    Every end is counted from ``start`` in one step, so anniversaries do not
    drift across short months or leap days. Without renewal the last period
    is period 0, whatever ``until`` is. The index is first estimated from the
    spans' average lengths and then corrected, so the cost does not grow
    with the number of renewals.
    """
    first_end = _period_end(obligation, start, zone, 0)
    if not _renews(obligation) or until < first_end:
        return 0, start, first_end
    assert obligation.renewal is not None
    average = _average_seconds(obligation.renewal)
    index = max(1, int((until - first_end).total_seconds() // average))
    while index > 1 and _period_end(obligation, start, zone, index - 1) > until:
        index -= 1
    while _period_end(obligation, start, zone, index) <= until:
        index += 1
    return index, _period_end(obligation, start, zone, index - 1), _period_end(obligation, start, zone, index)


def _period_end(obligation: TermObligation, start: dt.datetime, zone: str, index: int) -> dt.datetime:
    """The end of period ``index`` (0 is the first), counted from ``start`` in one step."""
    # the offset keeps the two passes of a repeated hour apart: Python calls them equal datetimes
    key = (obligation.period, obligation.renewal, start, start.utcoffset(), zone, index)
    found = _PERIOD_ENDS.get(key)
    if found is None:
        if len(_PERIOD_ENDS) >= 1 << 16:
            _PERIOD_ENDS.clear()
        found = _PERIOD_ENDS[key] = _count_period_end(obligation, start, zone, index)
    return found


_PERIOD_ENDS: dict[tuple[object, ...], dt.datetime] = {}
"""Period ends already counted: the same few are asked for again at every instant of a timeline."""


def _count_period_end(obligation: TermObligation, start: dt.datetime, zone: str, index: int) -> dt.datetime:
    span = obligation.period if index == 0 or obligation.renewal is None else obligation.period.plus(obligation.renewal, index)
    try:
        return span.after(start, zone)
    except (OverflowError, ValueError):
        raise InvalidTimeError(
            Problem(
                f"term {obligation.id}",
                f"period {index + 1}, which would end after the year 9999",
                "a question about an instant before the calendar runs out (the year 9999)",
            )
        ) from None


def _renews(obligation: TermObligation) -> bool:
    """True when the term renews by a span of some length (a zero-length renewal renews nothing)."""
    return obligation.renewal is not None and _average_seconds(obligation.renewal) > 0


def _average_seconds(span: CalendarSpan) -> float:
    """A span's average length in seconds, months and years counted at their mean Gregorian length."""
    day = 86_400.0
    return span.years * 365.2425 * day + span.months * 30.436875 * day + span.weeks * 7 * day + span.days * day + span.hours * 3600 + span.minutes * 60 + span.seconds


def decide(*, ran_out: bool, after_notice: bool) -> Status:
    """The status of a term obligation that has taken effect, from the two facts it rests on.

    This is the whole rule of the kind: :func:`judge` gathers the facts from
    the term's periods and the notices known, and the bulk path tabulates
    this function over the facts it reads from columns of instants and windows,
    with the instants themselves worked out by :func:`endings`.

    - ``ran_out``: the term does not renew and its one period was over by
      the instant asked about;
    - ``after_notice``: notice given by then ends it at or before that instant.
    """
    return Status.ENDED if ran_out or after_notice else Status.IN_FORCE


_STEADY = frozenset({"fulfils", "advances", "breaches"})
"""A term's status rests on its calendar and the notices given (and, before its rule runs, the events that end it): no other role moves it (see :attr:`~.draft.Draft.steady`)."""


def judge(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> None:
    """In force through its periods and renewals, ended when a period runs out without renewal or after notice."""
    obligation = entry.obligation
    assert isinstance(obligation, TermObligation)
    zone = view.zone
    given = view.linked(obligation.id, "notice")
    notices = surely_by(given, view.at)
    draft.count(notices, given)
    draft.steady = draft.steady | _STEADY
    ends_at: dt.datetime | None = None
    notice_event = None
    if notices:
        notice_event = notices[0].event
        ends_at = _end_after_notice(obligation, effective, zone, notices[0].when.latest)
    index, begin, end = term_periods(obligation, effective, zone, view.at)
    notice_due = obligation.notice.before(end, zone) if obligation.notice else None
    draft.term = TermState(index, begin, end, notice_due, notice_event.id if notice_event else None, ends_at)
    ran_out = not _renews(obligation) and view.at >= end
    after_notice = ends_at is not None and view.at >= ends_at
    status = decide(ran_out=ran_out, after_notice=after_notice)
    if ran_out:
        draft.done(status, f"the term ran out at {view.when(end)} and does not renew")
    elif after_notice:
        assert ends_at is not None and notice_event is not None
        draft.ended_by = notice_event.id  # the notice is what ended it; a term that ran out names nothing, its own calendar ended it
        draft.done(status, f"ended at {view.when(ends_at)} after notice {notice_event.id}")
    else:
        detail = f"period {index + 1} runs {view.when(begin)} to {view.when(end)}"
        if notice_due is not None:
            detail += f"; notice to end it due by {view.when(notice_due)}"
            if notice_due <= begin and _renews(obligation):  # a notice as long as the period, or longer: say what that means
                detail += ", not after the period began, so notice given during it ends the next period"
        if ends_at is not None:
            detail += f"; notice given, so it ends at {view.when(ends_at)}"
        draft.done(status, detail)


def endings(obligation: TermObligation, start: dt.datetime, zone: str, notice: dt.datetime | None) -> tuple[dt.datetime | None, dt.datetime | None]:
    """When the term starting at ``start`` ends by its own terms: when it runs out, and when it ends after notice given at ``notice``.

    The first is the end of its one period, None when it renews; the second
    is None without notice. The calendar is ``zone``'s. Worked out once per
    term, these are all a column store needs of a term's calendar.
    """
    ran_out = None if _renews(obligation) else term_periods(obligation, start, zone, start)[2]
    after_notice = None if notice is None else _end_after_notice(obligation, start, zone, notice)
    return ran_out, after_notice


def own_end(entry: Entry, effective: dt.datetime, view: View) -> dt.datetime | None:
    """When the term ends by its own terms, as known through ``view``: its one period runs out, or notice given ends it; None while it runs on."""
    obligation = entry.obligation
    assert isinstance(obligation, TermObligation)
    notices = surely_by(view.linked(obligation.id, "notice"), view.at)
    ends = [end for end in endings(obligation, effective, view.zone, notices[0].when.latest if notices else None) if end is not None]
    return min(ends, key=utc) if ends else None


def _end_after_notice(obligation: TermObligation, start: dt.datetime, zone: str, given: dt.datetime) -> dt.datetime:
    """When a term ends after notice given at ``given``: the end of its period when it meets that period's notice date, else the end of the next period (the rule in docs/decisions.md, whatever the next period's own notice date)."""
    index, _, end = term_periods(obligation, start, zone, given)
    due = obligation.notice.before(end, zone) if obligation.notice else end
    if given <= due or not _renews(obligation):
        return end
    return _period_end(obligation, start, zone, index + 1)
