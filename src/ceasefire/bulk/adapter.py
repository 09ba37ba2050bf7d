"""Between the bulk store and the per-event :class:`~ceasefire.Tracker`.

:func:`to_tracker` writes a store as an agreement and events: each deadline
obligation due ``at`` its deadline, each standing and progress obligation as
it is, each term obligation taking effect at its start with its period,
renewal and notice; each row of an event (or of
one version of a revised event) a link of that event in the row's role, the
event at its instant, or within its window (``at`` to ``latest``) for a row
known only to one; each ``deletion`` row a :class:`~ceasefire.Deletion`;
each ``move-deadline`` row an amendment agreed at its instant and announced
when the row was reported. :func:`from_tracker` goes the other way, and
refuses up front, with :class:`~ceasefire.errors.BulkUnsupportedError`, any
tracker holding something the bulk path does not model. The two paths then
give the same status for every obligation at every instant, with or without
a knowledge cut-off (tests/test_bulk_props.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

import numpy as np

from ..engine import Tracker
from ..errors import BulkUnsupportedError, Problem
from ..model import (
    Agreement,
    Amendment,
    Citation,
    Coverage,
    DeadlineObligation,
    Deletion,
    Due,
    Event,
    EventLog,
    Link,
    Party,
    Point,
    ProgressObligation,
    Source,
    StandingObligation,
    TermObligation,
)
from ..time import Window, end_of_day, utc
from . import codes
from .columns import EventColumns
from .instants import instant, micros

_FEED = [Citation(source="feed")]


def to_tracker(store: EventColumns, *, effective: int | None = None) -> Tracker:
    """A per-event tracker holding the same obligations, events, versions, deletions and deadline moves as ``store``.

    The agreement takes effect at ``effective`` (microseconds since the
    epoch), by default the store's own ``effective``, else the earliest
    instant the store holds.
    """
    start = effective if effective is not None else store.effective if store.effective is not None else _earliest(store)
    zone = store.zone
    kinds = store.obligation_kind.tolist() if store.obligation_kind is not None else [codes.DEADLINE] * store.obligation_count
    obligations = [_obligation(store, code, name, kind) for code, (name, kind) in enumerate(zip(store.obligation_ids, kinds))]
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
    end = _FAR if store.watched_until is None else store.watched_until
    if end < start:
        raise BulkUnsupportedError(Problem("watched_until", f"a feed watched until {_said(end, zone)}, before the agreement takes effect at {instant(start, zone).isoformat()}", "a feed watched at least from the agreement's start"))
    note = "the bulk path takes a feed to watch every obligation throughout" if store.watched_until is None else "the feed's watched_until"
    watched = Coverage.model_validate({"from": instant(start, zone), "to": instant(end, zone), "note": note})
    log = EventLog(covers=[watched], events=list(_events(store)), deletions=list(_deletions(store)))
    return Tracker(agreement, log)


def _obligation(store: EventColumns, code: int, name: str, kind: int) -> DeadlineObligation | StandingObligation | ProgressObligation | TermObligation:
    """Obligation ``code`` of ``store`` as the model writes one of its kind."""
    said = {"id": name, "bearers": ["bearer"], "summary": f"obligation {name}"}
    if kind == codes.STANDING:
        return StandingObligation(**said)  # type: ignore[arg-type]
    if kind == codes.PROGRESS:
        return ProgressObligation(**said)  # type: ignore[arg-type]
    if kind == codes.TERM:
        term = store.terms[code]
        return TermObligation(**said, effective=term.effective, period=term.period, renewal=term.renewal, notice=term.notice)  # type: ignore[arg-type]
    return DeadlineObligation(**said, due=Due(at=instant(int(store.deadline[code]), store.zone)))  # type: ignore[arg-type]


_FAR = 221_813_769_600_000_000
"""The last day ceasefire accepts, 8998-12-31 (microseconds since the epoch): the end of a bulk feed's coverage."""


def _said(t: int, zone: str) -> str:
    """An instant for a message: ISO 8601, or 'the beginning of time' for the smallest one (an empty feed)."""
    return "the beginning of time (an empty feed)" if t == codes.SINCE_EVER else instant(t, zone).isoformat()


def _earliest(store: EventColumns) -> int:
    moves = store.new_deadline[store.kind == codes.MOVE_DEADLINE]
    starts = np.array([micros(term.effective) for term in store.terms.values() if term.effective is not None], np.int64)
    parts = [store.deadline[store.of_kind(codes.DEADLINE)], store.at, moves, starts]
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
    """One event per row without an event code; one per version (rows sharing event code and version) otherwise."""
    zone = store.zone
    groups: dict[tuple[int, int], list[int]] = {}
    event = store.event if store.event is not None else np.full(len(store), -1, np.int64)
    version = store.version if store.version is not None else store.reported
    for row in np.flatnonzero((store.kind != codes.MOVE_DEADLINE) & (store.kind != codes.DELETION)).tolist():
        code = int(event[row])
        groups.setdefault((code, int(version[row])) if code >= 0 else (-1, row), []).append(row)
    ends = store.latest if store.latest is not None else store.at
    for (code, stamp), rows in groups.items():
        first = rows[0]
        roles = [codes.KINDS[store.kind[r]] for r in rows]
        opens, closes = int(store.at[first]), int(ends[first])
        yield Event(
            id=f"e{code}" if code >= 0 else f"row-{stamp:09d}",
            kind=roles[0],
            summary=f"{roles[0]} {store.obligation_ids[store.obligation[first]]}",
            occurred=Window.exact(instant(opens, zone)) if opens == closes else Window(instant(opens, zone), instant(closes, zone)),
            reported=Window.exact(instant(int(store.reported[first]), zone)),
            links=[Link(obligation=store.obligation_ids[store.obligation[r]], role=role) for r, role in zip(rows, roles)],
            sources=_FEED,
            version=instant(stamp, zone) if code >= 0 else None,
        )


def _deletions(store: EventColumns) -> Iterator[Deletion]:
    if store.event is None or store.version is None:
        return
    for row in np.flatnonzero(store.kind == codes.DELETION).tolist():
        yield Deletion(event=f"e{int(store.event[row])}", deleted=instant(int(store.version[row]), store.zone))


def from_tracker(tracker: Tracker) -> EventColumns:
    """The obligations, events (every version and deletion) and deadline moves of ``tracker`` as columns.

    What the bulk path models: deadline obligations due ``at`` an instant or
    ``by`` a date, standing obligations, and progress obligations, binding
    from the agreement's start, and term obligations from their own start
    (at or after the agreement's), all with no dependency, end or exemption;
    no targets, no work that must stay done (``kept``) and no ``stale_after``;
    events at exact instants or known to a window, linked as
    ``advances``, ``fulfils``, ``breaches``, ``notice`` (to a term) or ``context``; their versions
    and deletions; agreed ``move-deadline`` amendments to an instant or a
    date; evidence declared to watch every obligation from the start on, to
    one common end (kept as the store's ``watched_until``; none when it runs
    to 8998-12-31). An event known only to a window becomes rows from the
    window's first instant (``at``) to its last (``latest``); a lasting
    event (``until`` or ``ongoing``) is refused.
    Anything else raises :class:`~ceasefire.errors.BulkUnsupportedError`
    naming the obligation, event or amendment and the feature: ask the
    Tracker itself. Events over before the agreement took effect, which the
    Tracker does not count, become ``context`` rows, which keep their place
    in the event's history and change no status; candidate records are left
    out unless the tracker counts candidates, as the Tracker leaves them out
    of every history.
    """
    agreement = tracker.agreement
    zone = agreement.zone
    ids = tuple(tracker.index.entries)
    kinds = [_kind(entry.obligation, agreement.effective) for entry in tracker.index.entries.values()]
    deadline = [micros(_due(entry.obligation, zone), zone) if kind == codes.DEADLINE else codes.NEVER for entry, kind in zip(tracker.index.entries.values(), kinds)]
    terms = {code: _term(entry.obligation, agreement.effective) for code, entry in enumerate(tracker.index.entries.values()) if kinds[code] == codes.TERM}
    _check_agreement(tracker)
    watched_until = _watched_until(tracker)
    rows = _event_rows(tracker, {name: i for i, name in enumerate(ids)}, kinds)
    for i, name in enumerate(ids):
        rows += _move_rows(tracker, name, i, zone)
    table = np.array(rows, dtype=np.int64).reshape(-1, 8)
    windowed = bool((table[:, 7] != table[:, 1]).any())
    return EventColumns.from_arrays(
        ids, deadline, table[:, 0], table[:, 1], table[:, 2], table[:, 3], table[:, 4],
        zone=zone, event=table[:, 5], version=table[:, 6], effective=micros(agreement.effective),
        obligation_kind=kinds if any(kind != codes.DEADLINE for kind in kinds) else None, terms=terms,
        watched_until=watched_until, latest=table[:, 7] if windowed else None,
    )


def _refuse(where: str, feature: str, what: str = "use the Tracker, which holds every kind, window, role and amendment") -> BulkUnsupportedError:
    return BulkUnsupportedError(Problem(where, f"{feature}, which the bulk path does not model", what))


def _check_agreement(tracker: Tracker) -> None:
    agreement = tracker.agreement
    for amendment in agreement.amendments:
        if amendment.kind != "move-deadline" and amendment.status == "agreed":
            raise _refuse(f"amendment {amendment.id}", f"a {amendment.kind!r} amendment")


def _watched_until(tracker: Tracker) -> int | None:
    """The one instant every obligation is declared watched until, from the agreement's start (None: to 8998-12-31, throughout); refused otherwise."""
    start, far = utc(tracker.agreement.effective), utc(instant(_FAR))
    ends: dict[dt.datetime, str] = {}
    for entry in tracker.index.entries.values():
        spans = [s for log in tracker.index.coverage for s in log.spans(entry.obligation.id, None)]
        reach = [utc(s.end) for s in spans if utc(s.start) <= start]
        if not reach:
            raise _refuse(
                f"obligation {entry.obligation.id}",
                "evidence that does not declare it watched from the agreement's start (the Tracker infers what undeclared evidence watches; the bulk path cannot)",
                "use the Tracker, or declare covers: from the agreement's effective instant",
            )
        ends.setdefault(min(max(reach), far), entry.obligation.id)
    if len(ends) > 1:
        (one, first), (other, second) = sorted(ends.items())[:2]
        raise _refuse(
            f"obligations {first} and {second}",
            f"evidence watched until different instants ({one.isoformat()} and {other.isoformat()})",
            "use the Tracker, or declare one coverage for every obligation",
        )
    end = next(iter(ends), far)
    return None if end >= far else micros(end)


_KIND_CODES = {DeadlineObligation: codes.DEADLINE, StandingObligation: codes.STANDING, ProgressObligation: codes.PROGRESS, TermObligation: codes.TERM}


def _kind(obligation: object, start: dt.datetime) -> int:
    """The bulk kind code of ``obligation``, or a refusal naming what the bulk path does not model about it.

    A term may start at its own instant, at or after the agreement's
    ``start``; every other kind binds from the agreement's start.
    """
    name = f"obligation {getattr(obligation, 'id', '?')}"
    if not isinstance(obligation, DeadlineObligation | StandingObligation | ProgressObligation | TermObligation):
        raise _refuse(name, f"a {getattr(obligation, 'kind', '?')!r} obligation")
    for field in ("effective", "depends_on", "until_fulfilment_of", "until"):
        if getattr(obligation, field) is not None and not (field == "effective" and isinstance(obligation, TermObligation)):
            raise _refuse(name, f"{field!r}")
    if obligation.exemptions:
        raise _refuse(name, "exemptions")
    if isinstance(obligation, DeadlineObligation | ProgressObligation) and obligation.targets:
        raise _refuse(name, "targets (figures the columns do not hold)")
    if isinstance(obligation, ProgressObligation) and obligation.kept:
        raise _refuse(name, "'kept' (work that must stay done, which a later breach undoes)")
    if isinstance(obligation, ProgressObligation) and obligation.stale_after is not None:
        raise _refuse(name, "'stale_after' (a stall the Tracker reports beside the status)")
    if isinstance(obligation, TermObligation) and obligation.effective is not None and utc(obligation.effective) < utc(start):
        raise _refuse(name, "a term taking effect before the agreement does")
    return _KIND_CODES[type(obligation)]


def _term(obligation: object, start: dt.datetime) -> TermObligation:
    """A term obligation's calendar as the store keeps it: its start (by default the agreement's) as ``effective``."""
    assert isinstance(obligation, TermObligation)
    return obligation if obligation.effective is not None else obligation.model_copy(update={"effective": start})


def _due(obligation: object, zone: str) -> dt.datetime:
    assert isinstance(obligation, DeadlineObligation)
    return _instant_of(obligation.due, zone, f"obligation {obligation.id}")


def _instant_of(due: Due, zone: str, name: str) -> dt.datetime:
    """The instant of a deadline given ``at`` an instant or ``by`` a date; a relative deadline is refused."""
    if due.within is not None or due.after is not None or due.after_fulfilment_of is not None:
        raise _refuse(name, "a relative deadline (within, after or after_fulfilment_of)")
    if due.at is not None:
        return due.at
    if due.by is None:
        raise _refuse(name, "a deadline not yet fixed")
    return end_of_day(due.by, zone)


Row = tuple[int, int, int, int, int, int, int, int]
"""obligation code, at, kind code, new deadline, reported, event code, version, latest (the window's last instant; ``at`` when exact)."""


def _event_rows(tracker: Tracker, code_of: dict[str, int], kinds: list[int]) -> list[Row]:
    """Rows for every version of every event and every deletion, in the order the logs give them."""
    counted = {id(item.event): item.reported for items in tracker.index.links.values() for item in items}
    rows = RowMaker(code_of, kinds, micros(tracker.agreement.effective), tracker.agreement.zone)
    for log in tracker.logs:
        for event in log.events:
            if event.status == "candidate" and not tracker.candidates:
                continue
            reported = micros(_reported(tracker, event, counted).latest)
            stamp = micros(event.version) if event.version is not None else reported
            if event.ends_agreement is not None:
                raise _refuse(f"event {event.id}", "the end of the whole agreement")
            rows.event(event.id, stamp, reported, event.occurred.keys(), event.links, counted=id(event) in counted, lasting=event.until is not None or event.ongoing)
        for gone in log.deletions:
            rows.deletion(gone.event, micros(gone.deleted))
    return rows.rows


class RowMaker:
    """The store's rows for events and deletions, version by version, in the order given.

    The one place that decides how an event becomes rows: one per link
    (its role kept where it counts, ``context`` where it does not, or a
    refusal naming what the bulk path does not model), one ``context`` row
    for an event with no link, nothing more for a version seen before with
    the same rows (a refusal when its rows differ), and one ``deletion`` row
    per deleted record. :func:`from_tracker` fills it from a tracker's logs
    and :func:`ceasefire.adapters.acled_columns` and ``ucdp_columns`` from
    an export's records, so both give the same store.
    """

    def __init__(self, code_of: dict[str, int], kinds: list[int], start: int, zone: str) -> None:
        self.code_of = code_of
        """Each obligation's code."""
        self.kinds = kinds
        """Each obligation's kind code, by obligation code."""
        self.start = start
        """When the agreement took effect, in microseconds: an event over before it changes no status."""
        self.zone = zone
        self.codes: dict[str, int] = {}
        """Each event id's code, in the order first met."""
        self.versions: dict[tuple[int, int], list[Row]] = {}
        self.rows: list[Row] = []

    def event(self, event_id: str, stamp: int, reported: int, when: tuple[int, int], links: Sequence[Link], *, counted: bool = True, lasting: bool = False) -> None:
        """The rows of one version (``stamp``) of an event that happened over ``when`` (first and last instant) and was first reported at ``reported``.

        ``counted`` is false for an event whose links count for nothing (its
        rows are ``context``); a ``lasting`` event (``until`` or ``ongoing``)
        is refused where a link of it counts.
        """
        code = self.codes.setdefault(event_id, len(self.codes))
        opens, closes = when
        found: list[Row] = []
        for link in links:
            role = link.role
            if role not in codes.KINDS:
                raise _refuse(f"event {event_id}", f"the role {role!r}")
            obligation = self.code_of[link.obligation]
            own = self.kinds[obligation]
            if role == "notice" and own != codes.TERM:
                raise _refuse(f"event {event_id}", f"notice to the {codes.OBLIGATION_KINDS[own]} obligation {link.obligation} (only a term reads notice)")
            # a notice counts whenever it was given, even before the agreement took effect: the Tracker sets aside only the other roles then
            over_before = closes < self.start and role != "notice"
            if role != "context" and counted and not over_before:
                if lasting:
                    raise _refuse(f"event {event_id}", "a lasting happening ('until' or 'ongoing')")
            else:
                role = "context"
            found.append((obligation, opens, codes.KINDS.index(role), 0, reported, code, stamp, closes))
        if not found or not self.code_of:
            found = [(0, opens, codes.CONTEXT, 0, reported, code, stamp, closes)] if self.code_of else []
        earlier = self.versions.get((code, stamp))
        if earlier is not None:
            if sorted(earlier) != sorted(found):
                raise _refuse(f"event {event_id}", f"two records of one version ({instant(stamp, self.zone).isoformat()}) with different content")
            return
        self.versions[(code, stamp)] = found
        self.rows += found

    def deletion(self, event_id: str, when: int) -> None:
        """One ``deletion`` row for the record of ``event_id`` deleted at ``when`` (microseconds)."""
        code = self.codes.setdefault(event_id, len(self.codes))
        if self.code_of:
            self.rows.append((0, when, codes.DELETION, 0, when, code, when, when))


def _reported(tracker: Tracker, event: Event, counted: dict[int, Window]) -> Window:
    """When the tracker takes ``event`` to have been first reported: as given, else its earliest dated source."""
    if id(event) in counted:
        return counted[id(event)]
    if event.reported is not None:
        return event.reported
    dated = [w for w in (tracker.index.sources[c.source].published for c in event.sources) if w is not None]
    return min(dated, key=lambda w: (utc(w.latest), utc(w.earliest)))


def _move_rows(tracker: Tracker, name: str, code: int, zone: str) -> list[Row]:
    out = []
    for amendment in sorted(tracker.index.amendments.get(name, ()), key=lambda a: a.id):
        if amendment.status != "agreed":
            continue
        if amendment.due is None:
            raise _refuse(f"amendment {amendment.id}", "a move-deadline amendment without a new deadline")
        new = _instant_of(amendment.due, zone, f"amendment {amendment.id}")
        effect = micros(amendment.in_effect_from)
        out.append((code, effect, codes.MOVE_DEADLINE, micros(new), micros(amendment.known_from), -1, micros(amendment.known_from), effect))
    return out
