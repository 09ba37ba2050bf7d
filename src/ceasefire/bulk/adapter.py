"""Between the bulk store and the per-event :class:`~ceasefire.Tracker`.

:func:`to_tracker` writes a store as an agreement and events: each obligation
a deadline obligation due ``at`` its deadline; each ``advances``,
``fulfils`` or ``breaches`` row an event at its exact instant linked in that
role; each ``move-deadline`` row an amendment agreed at its instant and
announced when the row was reported. :func:`from_tracker` goes the other
way, for trackers that hold only what the bulk path models. The two paths
then give the same status for every obligation at every instant from the
agreement's effective instant on, with or without a knowledge cut-off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import numpy as np

from ..engine import Tracker
from ..errors import InvalidInputError, Problem
from ..model import (
    Coverage,
    EventLog,
    Agreement,
    Amendment,
    Citation,
    DeadlineObligation,
    Due,
    Event,
    Link,
    Party,
    Point,
    ProgressObligation,
    Source,
    StandingObligation,
    TermObligation,
)
from ..time import Window, end_of_day
from . import codes
from .columns import EventColumns
from .instants import instant, micros

_FEED = [Citation(source="feed")]


def to_tracker(store: EventColumns, *, effective: int | None = None) -> Tracker:
    """A per-event tracker holding the same obligations, events and deadline moves as ``store``.

    The agreement takes effect at ``effective`` (microseconds since the
    epoch), by default the earliest instant the store holds.
    """
    start = effective if effective is not None else _earliest(store)
    zone = store.zone
    obligations: list[DeadlineObligation | StandingObligation | ProgressObligation | TermObligation] = [
        DeadlineObligation(id=name, bearers=["bearer"], summary=f"obligation {name}", due=Due(at=instant(int(d), zone)))
        for name, d in zip(store.obligation_ids, store.deadline.tolist())
    ]
    agreement = Agreement(
        id="bulk",
        title="Obligations from an event feed",
        zone=zone,
        parties=[Party(id="bearer", name="Bearer", roles=["party"])],
        announced=Window.exact(instant(start, zone)),
        effective=instant(start, zone),
        points=[Point(number=1, summary="Every obligation of the feed", obligations=obligations)],
        amendments=list(_amendments(store)),
        sources=[Source(id="feed", title="The event feed")],
    )
    watched = Coverage.model_validate({"from": instant(start, zone), "to": instant(_FAR, zone), "note": "the bulk path takes a feed to watch every obligation throughout"})
    return Tracker(agreement, EventLog(covers=[watched], events=list(_events(store))))


_FAR = 253_402_214_400_000_000 - 86_400_000_000
"""One day before the calendar runs out (microseconds since the epoch): the end of a bulk feed's coverage."""


def _earliest(store: EventColumns) -> int:
    moves = store.new_deadline[store.kind == codes.MOVE_DEADLINE]
    parts = [store.deadline, store.at, moves]
    return int(min(int(p.min()) for p in parts if p.size))


def _amendments(store: EventColumns) -> Iterator[Amendment]:
    zone = store.zone
    for row in np.flatnonzero(store.kind == codes.MOVE_DEADLINE).tolist():
        yield Amendment(
            id=f"move-{row:09d}",
            kind="move-deadline",
            summary="deadline moved",
            obligation=store.obligation_ids[store.obligation[row]],
            due=Due(at=instant(int(store.new_deadline[row]), zone)),
            agreed=Window.exact(instant(int(store.at[row]), zone)),
            announced=Window.exact(instant(int(store.reported[row]), zone)),
            sources=_FEED,
        )


def _events(store: EventColumns) -> Iterator[Event]:
    zone = store.zone
    for row in np.flatnonzero(store.kind != codes.MOVE_DEADLINE).tolist():
        role = codes.KINDS[store.kind[row]]
        yield Event(
            id=f"event-{row:09d}",
            kind=role,
            summary=f"{role} {store.obligation_ids[store.obligation[row]]}",
            occurred=Window.exact(instant(int(store.at[row]), zone)),
            reported=Window.exact(instant(int(store.reported[row]), zone)),
            links=[Link(obligation=store.obligation_ids[store.obligation[row]], role=role)],
            sources=_FEED,
        )


def from_tracker(tracker: Tracker) -> EventColumns:
    """The deadline obligations, events and deadline moves of ``tracker`` as columns.

    Every obligation must be a deadline obligation due ``at`` an instant or
    ``by`` a date; every linked event must have an exact instant; amendments
    must move deadlines. Links in the role ``context`` change no status and
    are not stored. Anything else raises :class:`~ceasefire.InvalidInputError`.
    """
    zone = tracker.agreement.zone
    entries = tracker.index.entries
    ids = tuple(entries)
    deadline = [micros(_due(entry.obligation, zone), zone) for entry in entries.values()]
    rows: list[tuple[int, int, int, int, int]] = []
    for name in ids:
        rows += _event_rows(tracker, name, ids.index(name))
        rows += _move_rows(tracker, name, ids.index(name), zone)
    table = np.array(rows, dtype=np.int64).reshape(-1, 5)
    return EventColumns.from_arrays(ids, deadline, table[:, 0], table[:, 1], table[:, 2], table[:, 3], table[:, 4], zone=zone)


def _due(obligation: object, zone: str) -> dt.datetime:
    due = getattr(obligation, "due", None)
    if not isinstance(obligation, DeadlineObligation) or due is None or due.within is not None:
        raise InvalidInputError(Problem(f"obligation {getattr(obligation, 'id', '?')}", "an obligation the bulk path cannot hold", "a deadline obligation due 'at' an instant or 'by' a date"))
    return _instant_of(due, zone)


def _instant_of(due: Due, zone: str) -> dt.datetime:
    """The instant of a deadline given ``at`` an instant or ``by`` a date."""
    if due.at is not None:
        return due.at
    assert due.by is not None
    return end_of_day(due.by, zone)


def _event_rows(tracker: Tracker, name: str, code: int) -> list[tuple[int, int, int, int, int]]:
    out = []
    for item in tracker.index.links.get(name, ()):
        if item.link.role == "context":
            continue
        if item.link.role not in codes.KINDS or not item.event.occurred.is_exact:
            raise InvalidInputError(Problem(f"event {item.event.id}", f"role {item.link.role!r} at {item.event.occurred}", "an exact instant and a role among advances, fulfils, breaches"))
        out.append((code, micros(item.event.occurred.latest), codes.KINDS.index(item.link.role), 0, micros(item.reported.latest)))
    return out


def _move_rows(tracker: Tracker, name: str, code: int, zone: str) -> list[tuple[int, int, int, int, int]]:
    out = []
    for amendment in sorted(tracker.index.amendments.get(name, ()), key=lambda a: a.id):
        if amendment.kind != "move-deadline" or amendment.due is None or amendment.due.within is not None:
            raise InvalidInputError(Problem(f"amendment {amendment.id}", f"a {amendment.kind!r} amendment", "move-deadline amendments to an instant or a date"))
        new = _instant_of(amendment.due, zone)
        out.append((code, micros(amendment.in_effect_from), codes.MOVE_DEADLINE, micros(new), micros(amendment.known_from)))
    return out
