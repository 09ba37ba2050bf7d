"""The tracker: an agreement, the evidence about it, and ``status_on``.

A :class:`Tracker` checks its agreement and event logs against each other once,
builds the lookups the evaluators use, and then answers ``status_on(when,
known_on=...)`` for every point and obligation. It holds no clock: the
instant asked about is always given.
"""

from __future__ import annotations

import datetime as dt

import attrs
from collections import defaultdict
from collections.abc import Callable, Iterable
from .checks import Found, Origin, check_agreement, check_log, origin_of, raise_problems
from .errors import DuplicateIdError, Problem, UnknownEventError, UnknownObligationError
from .evaluate import Entry, Index, Linked, View, evaluate
from .model import Agreement, Amendment, Event, EventLog, Source
from .results import ObligationStatus, PointStatus, StatusReport, roll_up
from .revisions import DataSource, Revision, data_sources, duplicate_versions, histories, is_revised
from .time import Window, moment, utc
from .timeline import Timeline, timeline

When = dt.date | dt.datetime | str
"""What ``status_on`` accepts: a date (its last instant in the reference zone),
an aware datetime, or an ISO 8601 string of either."""


class Tracker:
    """Answers where each obligation of one agreement stood, given the evidence.

    ``logs`` are event logs (from :func:`~ceasefire.load_events`) or bare
    events. Candidate events (``status: candidate``) are left out unless
    ``candidates=True``.
    """

    def __init__(self, agreement: Agreement, *logs: EventLog | Iterable[Event], candidates: bool = False) -> None:
        self.agreement = agreement
        self.logs: tuple[EventLog, ...] = tuple(log if isinstance(log, EventLog) else EventLog(events=list(log)) for log in logs)
        self.candidates = candidates
        raise_problems(check_agreement(agreement, origin_of(agreement, "<agreement>")))
        sources = {s.id: s for s in agreement.sources}
        found = []
        for i, log in enumerate(self.logs):
            found += list(check_log(log, origin_of(log, f"<events {i}>"), agreement, sources))
            sources.update({s.id: s for s in log.sources})
        found += _cross_log_duplicates(self.logs, agreement)
        raise_problems(found)
        self._reported = lambda event: event.reported or _first_published(event, sources)
        self._histories = histories(self.logs, self._reported)
        revised = {k: v for k, v in self._histories.items() if is_revised(v)}
        self.index = attrs.evolve(_build_index(agreement, self.logs, sources, candidates, self._reported), histories=revised)

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event the tracker holds, candidates included, in the order given."""
        return tuple(e for log in self.logs for e in log.events)

    def history(self, event_id: str) -> tuple[Revision, ...]:
        """Every version and deletion of the event ``event_id``, oldest first; see :mod:`ceasefire.revisions`."""
        if event_id not in self._histories:
            raise UnknownEventError(Problem("event_id", repr(event_id), "the id of an event or deletion in the loaded files"))
        return self._histories[event_id]

    def data_sources(self) -> tuple[DataSource, ...]:
        """Each loaded file or dataset: how many events, records and deletions it gave, and its newest timestamp."""
        return data_sources(self.logs, self._reported)

    def status_on(self, when: When, *, known_on: When | None = None) -> StatusReport:
        """Every point and obligation as it stood at ``when``.

        ``when`` is a date (meaning its last instant in the agreement's
        reference zone), an aware datetime, or an ISO 8601 string of either.
        ``known_on`` limits the evidence to what had been reported or
        announced by then; by default everything loaded is used.
        """
        view = self.view(when, known_on=known_on)
        points = []
        for point in self._points():
            items = tuple(evaluate(entry, view) for entry in self.index.entries.values() if entry.point == point[0])
            points.append(PointStatus(point[0], point[1], roll_up(tuple(i.status for i in items)), items))
        return StatusReport(
            agreement_id=self.agreement.id,
            title=self.agreement.title,
            zone=self.agreement.zone,
            at=view.at,
            known_on=view.known_on,
            points=tuple(points),
            data=self.data_sources(),
        )

    def obligation_on(self, obligation_id: str, when: When, *, known_on: When | None = None) -> ObligationStatus:
        """One obligation's status at ``when``; see :meth:`status_on`."""
        entry = self.index.entries.get(obligation_id)
        if entry is None:
            raise UnknownObligationError(Problem("obligation_id", repr(obligation_id), f"an obligation of {self.agreement.id}, one of {', '.join(self.index.entries)}"))
        return evaluate(entry, self.view(when, known_on=known_on))

    def timeline(self, start: When, end: When, *, known_on: When | None = None) -> Timeline:
        """Every obligation's status intervals from ``start`` to ``end``; see :func:`ceasefire.timeline.timeline`."""
        return timeline(self, start, end, known_on=known_on)

    def view(self, when: When, *, known_on: When | None = None) -> View:
        """The evidence visible at ``when`` with the knowledge cut-off ``known_on``."""
        zone = self.agreement.zone
        at = moment(when, zone, where="when")
        cutoff = None if known_on is None else moment(known_on, zone, where="known_on")
        return View(self.index, at, cutoff)

    def _points(self) -> list[tuple[int, str]]:
        return [(p.number, p.summary) for p in self.agreement.points]


def _build_index(
    agreement: Agreement,
    logs: tuple[EventLog, ...],
    sources: dict[str, Source],
    candidates: bool,
    reported_of: Callable[[Event], Window],
) -> Index:
    entries: dict[str, Entry] = {}
    for point in agreement.points:
        for obligation in point.obligations:
            entries[obligation.id] = Entry(obligation, point.number)
    amendments: dict[str, list[Amendment]] = defaultdict(list)
    for amendment in agreement.amendments:
        if amendment.kind == "supplement":
            assert amendment.point is not None
            for obligation in amendment.obligations:
                entries[obligation.id] = Entry(obligation, amendment.point, amendment)
        else:
            assert amendment.obligation is not None
            amendments[amendment.obligation].append(amendment)
    order = {p.number: i for i, p in enumerate(agreement.points)}
    entries = dict(sorted(entries.items(), key=lambda kv: order[kv[1].point]))
    links: dict[str, list[Linked]] = defaultdict(list)
    unlinked: list[tuple[Event, Window]] = []
    for log in logs:
        for event in log.events:
            if event.status == "candidate" and not candidates:
                continue
            reported = reported_of(event)
            for link in event.links:
                links[link.obligation].append(Linked(event, link, reported))
            if not event.links:
                unlinked.append((event, reported))
    return Index(
        agreement=agreement,
        entries=entries,
        links={k: tuple(v) for k, v in links.items()},
        amendments={k: tuple(v) for k, v in amendments.items()},
        sources=sources,
        unlinked=tuple(unlinked),
    )


def _first_published(event: Event, sources: dict[str, Source]) -> Window:
    dated = [w for w in (sources[c.source].published for c in event.sources) if w is not None]
    return min(dated, key=lambda w: (utc(w.latest), utc(w.earliest)))


def _cross_log_duplicates(logs: tuple[EventLog, ...], agreement: Agreement) -> list[Found]:
    """Event ids used in two files, and source ids declared twice with different details."""
    declared: dict[str, tuple[Source, str]] = {s.id: (s, "the agreement") for s in agreement.sources}
    found: list[Found] = duplicate_versions(logs)
    for i, log in enumerate(logs):
        origin: Origin = origin_of(log, f"<events {i}>")
        for s_i, source in enumerate(log.sources):
            earlier = declared.get(source.id)
            if earlier is not None and earlier[0] != source:
                found.append((DuplicateIdError, Problem(origin.where(("sources", s_i, "id")), f"the source id {source.id!r}, declared differently in {earlier[1]}", "one declaration per source id, or identical ones")))
            declared.setdefault(source.id, (source, origin.name))
    return found
