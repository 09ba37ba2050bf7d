"""The instants that matter to an agreement, and strategies that land on, just before and just after them."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Sequence
from typing import Any

from hypothesis import strategies as st

from .. import time as cftime
from ..model import Agreement, DeadlineObligation, Due, Event, EventLog, TermObligation
from ._api import check_instant, defines_strategy, fail, pick, show
from ._time import ZONE_NAMES, draw_instant

_TICK = dt.timedelta(microseconds=1)
_TERM_PERIODS_SHOWN = 3


def landmarks_of(agreement: Agreement, *logs: EventLog) -> list[dt.datetime]:
    """The instants at which a status of ``agreement`` may change, sorted and without repeats (a helper, not a strategy).

    They are when it and each obligation take effect, each deadline (original
    or moved), each amendment's agreed, announced and effective ends, the
    first term ends and notice dates, deadlines that count from a reported
    fulfilment, and both ends of every event's occurrence and report windows
    in ``logs``. Publication dates of sources are left out: they change which
    sources are cited, not a status.
    """
    found: list[dt.datetime] = [agreement.effective]
    for obligation, starts in _obligations(agreement):
        found += [starts] + _obligation_marks(obligation, starts, agreement.zone)
    for amendment in agreement.amendments:
        found += _ends([amendment.agreed, amendment.announced, amendment.effective])
        if amendment.due is not None:
            found += _due_marks(amendment.due, agreement.effective, agreement.zone)
    for log in logs:
        for event in log.events:
            found += _ends([event.occurred, event.reported])
            found += _relative_deadlines(agreement, event)
    return sorted({cftime.in_zone(x, "UTC") for x in found})


def _relative_deadlines(agreement: Agreement, event: Event) -> list[dt.datetime]:
    """Deadlines that would count from ``event``, were it the first fulfilment of the obligation they wait on."""
    fulfilled = {link.obligation for link in event.links if link.role == "fulfils"}
    found = []
    for obligation, _ in _obligations(agreement):
        due = obligation.due if isinstance(obligation, DeadlineObligation) else None
        if due is not None and due.within is not None and due.after_fulfilment_of in fulfilled:
            found += [due.within.after(end, agreement.zone) for end in _ends([event.occurred])]
    return found


_OFFSETS = st.one_of(
    st.just(dt.timedelta(0)),
    st.sampled_from([-_TICK, _TICK]),
    st.integers(-180, 180).map(lambda m: dt.timedelta(minutes=m)),
    st.integers(-48, 48).map(lambda h: dt.timedelta(hours=h)),
)
"""How far from a landmark: not at all, a microsecond, minutes or hours; shrinks toward zero."""


_REACH = dt.timedelta(hours=48)
"""The farthest :data:`_OFFSETS` reaches from a landmark."""


def _near_plan(points: Any, min_value: Any, max_value: Any) -> dict[str, Any]:
    if isinstance(points, (str, bytes)) or not isinstance(points, Sequence) or not points:
        raise fail("points", points, "a non-empty list of aware datetimes")
    found = tuple(check_instant(p, "points") for p in points)
    low = None if min_value is None else check_instant(min_value, "min_value")
    high = None if max_value is None else check_instant(max_value, "max_value")
    if low is not None and high is not None and low > high:
        raise fail("min_value", min_value, f"an instant at or before max_value={high.isoformat()}")
    kept = tuple(p for p in found if (low is None or p >= low - _REACH) and (high is None or p <= high + _REACH))
    return {"points": kept, "low": low, "high": high}


def draw_near(draw: st.DrawFn, *, points: Sequence[dt.datetime], low: dt.datetime | None = None, high: dt.datetime | None = None) -> dt.datetime:
    """Draw an instant near one of ``points``, kept within ``[low, high]``; see :func:`instants_near`."""
    if not points:  # no landmark near the bounds: anywhere within them
        assert low is not None and high is not None
        return show(draw_instant(draw, low, high))
    value = draw(pick(tuple(points))) + draw(_OFFSETS)
    if low is not None:
        value = max(value, low)
    if high is not None:
        value = min(value, high)
    return show(cftime.in_zone(value, draw(ZONE_NAMES)))


@defines_strategy(draw_near)
def instants_near(points: Sequence[dt.datetime], *, min_value: dt.datetime | None = None, max_value: dt.datetime | None = None) -> st.SearchStrategy[dt.datetime]:
    """Instants on, a microsecond either side of, or within hours of one of ``points``, each written in any zone.

    With ``min_value`` or ``max_value``, instants stay within them (one that
    would fall outside is moved onto the bound, and with no point near the
    range, any instant in it is drawn). Shrinks toward the first point
    (in range) exactly.
    """
    plan = _near_plan(points, min_value, max_value)
    if not plan["points"] and (plan["low"] is None or plan["high"] is None):
        raise fail("points", points, "at least one point within 48 hours of the bounds, or both min_value and max_value")
    return plan


@defines_strategy(draw_near)
def instants_of_interest(agreement: Agreement, *logs: EventLog, min_value: dt.datetime | None = None,
                         max_value: dt.datetime | None = None) -> st.SearchStrategy[dt.datetime]:
    """Instants worth asking ``status_on`` about: on, just before or just after one of :func:`landmarks_of` ``(agreement, *logs)``.

    ``min_value`` and ``max_value`` keep them in a range (see
    :func:`instants_near`), so no ``.filter`` is needed. Shrinks toward the
    moment the agreement takes effect (or the first landmark in range).
    """
    if not isinstance(agreement, Agreement):
        raise fail("agreement", agreement, "an Agreement, e.g. ceasefire.load_agreement('accord.yaml')")
    for log in logs:
        if not isinstance(log, EventLog):
            raise fail("logs", log, "EventLog objects, e.g. ceasefire.load_events('events.yaml')")
    plan = _near_plan(landmarks_of(agreement, *logs), min_value, max_value)
    if not plan["points"] and (plan["low"] is None or plan["high"] is None):
        raise fail("min_value" if plan["low"] is not None else "max_value", min_value if plan["low"] is not None else max_value,
                   "a bound within 48 hours of one of the agreement's landmarks, or both bounds")
    return plan


def landmarks(agreement: Agreement, *logs: EventLog) -> list[dt.datetime]:
    """Deprecated name of :func:`landmarks_of`."""
    warnings.warn("cs.landmarks() is now cs.landmarks_of(): it is a helper returning a list, not a strategy", DeprecationWarning, stacklevel=2)
    return landmarks_of(agreement, *logs)


def near(points: Sequence[dt.datetime]) -> st.SearchStrategy[dt.datetime]:
    """Deprecated name of :func:`instants_near`."""
    warnings.warn("cs.near() is now cs.instants_near()", DeprecationWarning, stacklevel=2)
    return instants_near(points)


def _obligations(agreement: Agreement) -> Iterable[tuple[object, dt.datetime]]:
    for point in agreement.points:
        for obligation in point.obligations:
            yield obligation, obligation.effective or agreement.effective
    for amendment in agreement.amendments:
        for obligation in amendment.obligations:
            yield obligation, obligation.effective or amendment.in_effect_from


def _obligation_marks(obligation: object, starts: dt.datetime, zone: str) -> list[dt.datetime]:
    if isinstance(obligation, DeadlineObligation):
        return _due_marks(obligation.due, starts, zone)
    if isinstance(obligation, TermObligation):
        marks = []
        span = obligation.period
        for index in range(_TERM_PERIODS_SHOWN):
            end = span.after(starts, zone)
            marks.append(end)
            if obligation.notice is not None:
                marks.append(obligation.notice.before(end, zone))
            if obligation.renewal is None:
                break
            span = obligation.period.plus(obligation.renewal, index + 1)
        return marks
    return []


def _due_marks(due: Due, starts: dt.datetime, zone: str) -> list[dt.datetime]:
    if due.by is not None:
        return [cftime.end_of_day(due.by, zone), cftime.start_of_day(due.by, zone)]
    if due.at is not None:
        return [due.at]
    assert due.within is not None
    return [due.within.after(due.after or starts, zone)]


def _ends(windows: Iterable[cftime.Window | None]) -> list[dt.datetime]:
    return [end for w in windows if w is not None for end in (w.earliest, w.latest)]


__all__ = ["instants_near", "instants_of_interest", "landmarks_of"]
