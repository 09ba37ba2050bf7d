"""The instants that matter to an agreement, and strategies that land on, just before and just after them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from hypothesis import strategies as st

from .. import time as cftime
from ..model import Agreement, DeadlineObligation, Due, Event, EventLog, TermObligation
from ._time import ZONE_NAMES, drawn

_TICK = dt.timedelta(microseconds=1)
_TERM_PERIODS_SHOWN = 3


def landmarks(agreement: Agreement, *logs: EventLog) -> list[dt.datetime]:
    """The instants at which a status of ``agreement`` may change, sorted and without repeats.

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


def near(points: Sequence[dt.datetime]) -> st.SearchStrategy[dt.datetime]:
    """Instants on, a microsecond either side of, or within hours of one of ``points``.

    Each is written in any zone. Shrinks toward the first point exactly.
    """
    if not points:
        raise ValueError("near needs at least one instant to land near")
    return drawn(draw_near, {"points": tuple(points)})


def draw_near(draw: st.DrawFn, *, points: Sequence[dt.datetime]) -> dt.datetime:
    """Draw an instant near one of ``points``; see :func:`near`."""
    return cftime.in_zone(draw(st.sampled_from(points)) + draw(_OFFSETS), draw(ZONE_NAMES))


def instants_of_interest(agreement: Agreement, *logs: EventLog) -> st.SearchStrategy[dt.datetime]:
    """Instants worth asking ``status_on`` about: on, just before or just after a :func:`landmarks` instant.

    Shrinks toward the moment the agreement takes effect.
    """
    return near(landmarks(agreement, *logs))


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


__all__ = ["instants_of_interest", "landmarks", "near"]
