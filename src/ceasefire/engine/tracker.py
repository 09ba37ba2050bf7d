"""The tracker: an agreement, the evidence about it, and ``status_on``.

A :class:`Tracker` checks its agreement and event logs against each other once,
builds the lookups the evaluators use, and then answers ``status_on(when,
known_on=...)`` for every point and obligation. It holds no clock: the
instant asked about is always given.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable

import attrs

from .._collector import collector_paused
from ..errors import DuplicateIdError, Problem, UnknownEventError, UnknownObligationError
from ..model import Agreement, Amendment, Event, EventLog, Link, Source
from ..results import CoverageInfo, Deferred, ObligationStatus, PointStatus, StatusReport, explanation_of, roll_up
from ..time import When, Window, day_asked, micros, moment, utc
from ..validation import Found, LogFacts, Origin, check_agreement, check_endings, check_log, dated_sources, origin_of, raise_problems
from .evidence import COUNTED, Ender, Entry, Figures, Index, Linked, LinkTable, LogCoverage, View, effective_of, figures_of, new_linked, objection
from .revisions import _MANY, DataSource, Published, Revision, Totals, Versions, duplicate_versions, histories, revised_histories
from .rules import Judged, answer_of, evaluate
from .timeline import Timeline, timeline
from .undated import Undated, disclose, first_report

"""What ``status_on`` accepts: a date (its last instant in the reference zone),
an aware datetime, or an ISO 8601 string of either."""


class Tracker:
    """Answers where each obligation of one agreement stood, given the evidence.

    ``logs`` are event logs (from :func:`~ceasefire.load_events`) or bare
    events. Candidate events (``status: candidate``) are left out unless
    ``candidates=True``.
    """

    @collector_paused()
    def __init__(self, agreement: Agreement, *logs: EventLog | Iterable[Event], candidates: bool = False) -> None:
        self.agreement = agreement
        self.logs: tuple[EventLog, ...] = tuple(log if isinstance(log, EventLog) else EventLog(events=list(log)) for log in logs)
        self.candidates = candidates
        raise_problems(check_agreement(agreement, origin_of(agreement, "<agreement>")))
        # Each log is checked against the sources known by then: the agreement's, earlier logs' and its own.
        known: list[dict[str, Source]] = []
        sources = {s.id: s for s in agreement.sources}
        for log in self.logs:
            known.append(dict(sources))
            sources.update({s.id: s for s in log.sources})
        # Each event's id read once; when no id repeats (as in most logs) a set's length says so and nothing is counted.
        ids = [list(map(_ID, log.events)) for log in self.logs]
        every = ids[0] if len(ids) == 1 else list(itertools.chain.from_iterable(ids))
        distinct = len(set(every))
        repeated: set[str] = set()
        if distinct < len(every):  # an id met again is repeated: one pass, with no count kept for each of the others
            seen: set[str] = set()
            for key in every:
                if key in seen:
                    repeated.add(key)
                else:
                    seen.add(key)
        revised_ids = repeated | {gone.event for log in self.logs for gone in log.deletions}
        # One walk gathers what the checks and the index need; nothing it built is used unless the checks pass.
        entries, amendments = _entries(agreement)
        walked = _walk(agreement, entries, self.logs, sources, known, candidates, revised_ids)
        found = []
        for i, log in enumerate(self.logs):
            found += list(check_log(log, origin_of(log, f"<events {i}>"), agreement, known[i], facts=walked.facts[i]))
        found += _cross_log_duplicates(self.logs, agreement, [facts.versions for facts in walked.facts], repeated)
        found += check_endings(agreement, self.logs, [origin_of(log, f"<events {i}>") for i, log in enumerate(self.logs)], [facts.endings for facts in walked.facts])
        raise_problems(found)
        self._undated: dict[str, list[Undated]] = walked.undated
        firsts, loaded = walked.first_reports, self.logs  # the lookup holds these, never the tracker: no reference cycle keeps it alive
        table: dict[int, Window] = {}

        def reported(event: Event) -> Window:
            if not table:  # by the event's id(), put together on first need: building the tracker needs none of it
                built: dict[int, Window] = {}
                for log, found in zip(loaded, firsts):
                    built.update((id(e), w) for e, w in zip(log.events, found) if w is not None)
                table.update(built)  # whole, in one step: a thread asking meanwhile never sees part of it
            return table[id(event)]

        self._firsts: list[list[Window | None]] = firsts
        self._reported: Callable[[Event], Window] = reported
        revised = revised_histories(self.logs, self._reported, None, walked.revised, revised_ids)
        self.index = _build_index(agreement, entries, amendments, self.logs, sources, walked, revised)
        self._names = tuple(origin_of(log, f"<events {i}>").name for i, log in enumerate(self.logs))
        self._memos: dict[dt.datetime | None, dict[tuple[object, ...], object]] = {}
        self._publication: tuple[Published, ...] | None = None
        self._totals: tuple[DataSource, ...] = tuple(
            total.result(log, name, distinct if len(self.logs) == 1 else len(set(found))) for total, log, name, found in zip(walked.totals, self.logs, self._names, ids)
        )

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event the tracker holds, candidates included, in the order given."""
        return tuple(e for log in self.logs for e in log.events)

    def first_report(self, event: Event) -> Window:
        """When ``event`` (a record of one of :attr:`logs`, the object itself) was first reported, as a knowledge cut-off reads it: its ``reported``, else its sources' publication."""
        return self._reported(event)

    def history(self, event_id: str) -> tuple[Revision, ...]:
        """Every version and deletion of the event ``event_id``, oldest first; see :mod:`ceasefire.engine.revisions`."""
        found = self.index.histories.get(event_id)
        if found is None:
            found = histories(self.logs, self._reported, only={event_id}).get(event_id)
        if found is None:
            raise UnknownEventError(Problem("event_id", repr(event_id), "the id of an event or deletion in the loaded files"))
        return found

    def data_sources(self, known_on: When | None = None) -> tuple[DataSource, ...]:
        """Each loaded file or dataset: how many events, records and deletions it gave, and its newest timestamp.

        With ``known_on``, only the records and deletions published by then count.
        """
        cutoff = None if known_on is None else moment(known_on, self.agreement.zone, where="known_on")
        return self._sources(cutoff)

    def _sources(self, cutoff: dt.datetime | None) -> tuple[DataSource, ...]:
        if cutoff is None and self._publication is None:  # totals need no records in publication order, and never change
            return self._totals
        return tuple(found.at(cutoff) for found in self._published())

    def _published(self) -> tuple[Published, ...]:
        """Each log's records in publication order, sorted on first use and kept."""
        if self._publication is None:
            self._publication = tuple(Published.of(log, name, self._reported, found) for log, name, found in zip(self.logs, self._names, self._firsts))
        return self._publication

    def coverage(self, known_on: When | None = None) -> tuple[CoverageInfo, ...]:
        """What each loaded log watches, as could be known at ``known_on`` (everything loaded by default)."""
        cutoff = None if known_on is None else moment(known_on, self.agreement.zone, where="known_on")
        out = []
        for log, found in zip(self.logs, self.index.coverage):
            spans = found.spans(None, cutoff)
            notes = [c.note for c in log.covers if c.note]
            listed = None
            if found.declared and all(c.obligations is not None for c in found.declared):
                listed = tuple(dict.fromkeys(o for c in found.declared for o in (c.obligations or ())))
            out.append(
                CoverageInfo(
                    name=found.name,
                    start=min((sp.start for sp in spans), key=utc) if spans else None,
                    end=max((sp.end for sp in spans), key=utc) if spans else None,
                    obligations=listed,
                    inferred=found.inferred,
                    note="; ".join(notes) or None,
                )
            )
        return tuple(out)

    @collector_paused()
    def status_on(self, when: When, *, known_on: When | None = None) -> StatusReport:
        """Every point and obligation as it stood at ``when``.

        ``when`` is a date (the whole day in the agreement's reference zone;
        the answer is the state at its last instant), a whole day in a zone
        of its own (:class:`~ceasefire.time.Day`, or ``2023-09-18[Asia/Baku]``),
        an aware datetime, or an ISO 8601 string of any of them.
        ``known_on`` limits the evidence to what had been reported or
        announced by then; by default everything loaded is used.
        """
        view = self.view(when, known_on=known_on)
        points = []
        for point in self._points():
            items = tuple(self.answer(entry, view) for entry in self.index.entries.values() if entry.point == point[0])
            points.append(PointStatus(point[0], point[1], roll_up(tuple(i.status for i in items)), items, point[2]))
        ended = {o.ended_by for p in points for o in p.obligations if o.ended_by is not None}
        whole = {e.id for e in self.index.enders}
        return StatusReport(
            agreement_id=self.agreement.id,
            title=self.agreement.title,
            zone=self.agreement.zone,
            at=view.at,
            known_on=view.known_on,
            points=tuple(points),
            data=self._data(view),
            coverage=self.coverage(view.known_on),
            agreement_end=next(iter(sorted(ended & whole)), None),
            asked_from=view.start,
            local_zone=self.agreement.local_zone,
        )

    def _data(self, view: View) -> tuple[DataSource, ...]:
        """:meth:`data_sources` at the view's cut-off, worked out once per cut-off."""
        key = ("data sources",)
        if key not in view.memo:
            view.memo[key] = self._sources(view.known_on)
        return view.memo[key]  # type: ignore[return-value]

    def obligation_on(self, obligation_id: str, when: When, *, known_on: When | None = None) -> ObligationStatus:
        """One obligation's status at ``when``; see :meth:`status_on`."""
        entry = self.index.entries.get(obligation_id)
        if entry is None:
            proposed = next((a for a in self.agreement.amendments if a.kind == "supplement" and a.status == "proposed" and any(o.id == obligation_id for o in a.obligations)), None)
            received = repr(obligation_id) if proposed is None else f"{obligation_id!r}, which only {proposed.id} adds, a supplement proposed but never agreed (so it never binds)"
            raise UnknownObligationError(Problem("obligation_id", received, f"an obligation of {self.agreement.id}, one of {', '.join(self.index.entries)}"))
        return self.answer(entry, self.view(when, known_on=known_on))

    def answer(self, entry: Entry, view: View, ran: Judged | None = None) -> ObligationStatus:
        """One obligation's full answer through ``view``, with the true first-report window of events that rest on undated pages.

        ``ran``, when given, is what the rules gave through a view at the same
        instant, cut-off and start (:func:`~.rules.run_rules`); they are then not run again.
        """
        found = evaluate(entry, view) if ran is None else answer_of(entry, view, ran)
        if not self._undated or view.brief:
            return found
        inner, zone = found.why, self.agreement.zone
        return attrs.evolve(found, why=Deferred(lambda: disclose(explanation_of(inner), found.known_on, self._undated, zone)))

    @collector_paused()
    def timeline(self, start: When, end: When, *, known_on: When | None = None) -> Timeline:
        """Every obligation's status intervals from ``start`` to ``end``; see :func:`ceasefire.engine.timeline.timeline`."""
        return timeline(self, start, end, known_on=known_on)

    def view(self, when: When, *, known_on: When | None = None) -> View:
        """The evidence visible at ``when`` with the knowledge cut-off ``known_on``.

        A date asks about that whole day in the reference zone, a
        :class:`~ceasefire.time.Day` (or ``2023-09-18[Asia/Baku]``) about that
        day in its own zone: the view runs from the day's first instant to its last.
        """
        zone = self.agreement.zone
        at = moment(when, zone, where="when")
        cutoff = None if known_on is None else moment(known_on, zone, where="known_on")
        return View(self.index, at, cutoff, _day_start(when, zone), memo=self.known(cutoff))

    def known(self, cutoff: dt.datetime | None) -> dict[tuple[object, ...], object]:
        """The shared memo of what the cut-off ``cutoff`` lets be known (see :attr:`View.memo`).

        A few recent cut-offs are kept; the oldest is forgotten first.
        """
        memo = self._memos.pop(cutoff, None)
        if memo is None:
            memo = {}
            if len(self._memos) >= 8:
                del self._memos[next(iter(self._memos))]
        self._memos[cutoff] = memo
        return memo

    def _points(self) -> list[tuple[int, str, str | None]]:
        return [(p.number, p.summary, p.label) for p in self.agreement.points]


def _day_start(when: When, zone: str) -> dt.datetime | None:
    """The first instant of the day asked about, when ``when`` names a whole day (in ``zone`` or its own); None for an instant."""
    day = day_asked(when, zone, where="when")
    return None if day is None else day.start


@attrs.define
class _Walked:
    """What one walk over every event gathers for the tracker's index, its first reports and its totals.

    A large log's events lie scattered in memory, so each walk over them costs
    its reads whatever it does; the tracker walks them once (and once more to
    check them, in :func:`~ceasefire.validation.check_log`).
    """

    first_reports: list[list[Window | None]] = attrs.field(factory=list)
    """For each log, each event's first-report window in the order loaded (None for an event the checks refuse)."""
    undated: dict[str, list[Undated]] = attrs.field(factory=lambda: defaultdict(list))
    links: dict[str, list[Linked]] = attrs.field(factory=lambda: defaultdict(list))
    report_keys: dict[str, list[int]] = attrs.field(factory=lambda: defaultdict(list))
    """Each link's first-report key (``reported.keys()[1]``), in the order of :attr:`links`."""
    roles: dict[str, dict[str, list[int]]] = attrs.field(factory=lambda: defaultdict(lambda: defaultdict(list)))
    """Where each role's links sit in an obligation's list."""
    touched: dict[str, list[int]] = attrs.field(factory=lambda: defaultdict(list))
    """Where the links of revised events sit in an obligation's list."""
    spelled: dict[str, set[str]] = attrs.field(factory=lambda: defaultdict(set))
    """The name, as written, of every figure an obligation's links give (:attr:`~.evidence.Linked.figures`)."""
    twice: set[str] = attrs.field(factory=set)
    """The obligations some event may give a figure through two links: an event with two links to one, or an id whose records give it figures more than once."""
    unlinked: list[tuple[Event, Window]] = attrs.field(factory=list)
    enders: list[Ender] = attrs.field(factory=list)
    reports: list[list[tuple[int, int, dt.datetime, Window]] | None] = attrs.field(factory=list)
    """For each log that declares no coverage: for each event, the key of its first report's end, the key of the earliest moment it reports on
    (when it was first reported or happened, whichever can be earlier), its first report's latest instant, and the window whose earliest instant that moment is."""
    revised: list[tuple[int, Event, Window]] = attrs.field(factory=list)
    """The records of revised events, each with the position of its log and its first report, in the order loaded."""
    totals: list[Totals] = attrs.field(factory=list)
    facts: list[LogFacts] = attrs.field(factory=list)
    """What each log's checks read from its events."""
    marked: set[str] = attrs.field(factory=set)
    """The obligations linked to some event that lasts (``until`` or ``ongoing``) or is disputed; the others' links are :attr:`~.evidence.LinkTable.plain`."""
    refused: dict[str, set[int]] = attrs.field(factory=lambda: defaultdict(set))
    """The ``id()`` of each link that does not count for its obligation (see :func:`~ceasefire.engine.evidence.objection`), decided as it is filed."""


def _walk(
    agreement: Agreement, entries: dict[str, Entry], logs: tuple[EventLog, ...], sources: dict[str, Source], known: list[dict[str, Source]], candidates: bool, revised: set[str]
) -> _Walked:
    """Walk every event once, before the checks: an event the checks will refuse (no time it was reported, an unknown source) is skipped.

    What each event costs is worked out once here and kept: the keys of its
    first report and of when it happened (:meth:`~ceasefire.time.Window.keys`),
    what its links keep (:func:`~.evidence.timing`, shared by all the links of
    an event that is not lasting), what its log's checks read
    (:class:`~ceasefire.validation.LogFacts`) and its log's totals.
    """
    zone = agreement.zone
    walked = _Walked()
    # Why a counted link does not count, per obligation; it can only object when the link was over before the obligation
    # took effect, or is a breach and the obligation exempts someone, so the objection is asked only then.
    screens = {key: (micros(effective_of(entry, agreement)), bool(entry.obligation.exemptions), objection(entry, agreement)) for key, entry in entries.items()}
    refused = walked.refused
    first_reports, links, roles, touched, report_keys, spelled, twice = walked.first_reports, walked.links, walked.roles, walked.touched, walked.report_keys, walked.spelled, walked.twice
    figured_again: dict[str, set[str]] = defaultdict(set)  # for each obligation, the revised events' ids whose records give it figures
    unlinked, enders, revised_records, marked = walked.unlinked, walked.enders, walked.revised, walked.marked
    by_citations: dict[tuple[str, ...], tuple[Window, int, int]] = {}  # events citing the same sources, none undated, share one first report (and its keys)
    for position, log in enumerate(logs):
        # each obligation's lists and screen, looked up once per obligation and log rather than once per link; an obligation
        # gets its slot when the log first files a link to it, and is then noted among the obligations the log's links name
        slots: dict[str, tuple[list[Linked], dict[str, list[int]], list[int], tuple[int, bool, Callable[[Linked], str | None]] | None, set[str]]] = {}
        reports: list[tuple[int, int, dt.datetime, Window]] | None = None if log.covers else []
        walked.reports.append(reports)
        totals = Totals()
        walked.totals.append(totals)
        facts = LogFacts(dated_sources({**known[position], **{s.id: s for s in log.sources}}))
        walked.facts.append(facts)
        facts.repeats = repeats = []
        facts.versions = versions = []
        firsts: list[Window | None] = []
        first_reports.append(firsts)
        note = firsts.append
        facts.endings = endings = []
        dated, linked_ids, cited_ids, undated = facts.dated, facts.linked, facts.cited, facts.undated
        newest_key: int | None = None
        newest: dt.datetime | None = None
        dataset: str | None = None
        for e_i, event in enumerate(log.events):
            # The event's fields are read from the dictionary pydantic keeps them in: each attribute read of a model passes
            # through its class's __getattr__ hook first, about a fifth of what reading these fields costs otherwise.
            fields = event.__dict__
            event_id = fields["id"]
            again = event_id in revised
            if again:
                repeats.append(e_i)
                versions.append((event_id, fields["version"]))
            ending = fields["ends_agreement"]
            if ending is not None:
                endings.append(e_i)
            # what the log's checks read (LogFacts.add, written out here; the obligations of filed links are noted with their slots)
            event_links = fields["links"]
            cited = tuple(map(_SOURCE, fields["sources"]))
            cited_ids.update(cited)
            gaps = fields["discrepancies"]
            if gaps:
                cited_ids.update(claim.citation.source for gap in gaps for claim in gap.claims)
            first = fields["reported"]
            if first is not None:
                low, high = first.keys()
            else:
                if dated.isdisjoint(cited):
                    undated.append(e_i)
                    note(None)
                    linked_ids.update(map(_OBLIGATION, event_links))
                    continue
                shared = by_citations.get(cited)  # only citations of known sources are kept there
                if shared is not None:
                    first, low, high = shared
                else:
                    if not all(map(sources.__contains__, cited)):
                        note(None)
                        linked_ids.update(map(_OBLIGATION, event_links))
                        continue
                    first, window = first_report(event, sources, zone)
                    low, high = first.keys()
                    if window is not None:
                        walked.undated[event_id].append(window)
                    elif all(sources[c].published_not_after is None for c in cited):
                        by_citations[cited] = (first, low, high)
            note(first)
            # the log's totals (see Totals)
            version = fields["version"]
            if version is None:
                key, time = high, first.latest
            else:
                key, time = micros(version), version
            if newest_key is None or key > newest_key:
                newest_key, newest = key, time
            record = fields["record"]
            if record is not None and dataset != _MANY:
                dataset = record.dataset if dataset in (None, record.dataset) else _MANY
            occurred = fields["occurred"]
            opens, closes = occurred.keys()
            if reports is not None:  # the earlier of its first report and its happening, and the window that starts there
                reports.append((high, low, first.latest, first) if low <= opens else (high, opens, first.latest, occurred))
            if fields["status"] == "candidate" and not candidates:
                linked_ids.update(map(_OBLIGATION, event_links))
                continue  # an unaccepted candidate counts for nothing, and takes no place in its event's history either
            if again:
                revised_records.append((position, event, first))
            if event_links:
                if len(event_links) > 1 and fields["quantities"]:  # one event linked twice to an obligation may give it a figure twice
                    named = list(map(_OBLIGATION, event_links))
                    if len(set(named)) < len(named):
                        twice.update(named)
                lasting = fields["until"] is not None or fields["ongoing"]
                noted = lasting or bool(fields["disputed_by"])
                quantities = fields["quantities"]
                order = (closes, opens, event_id)
                every: Figures | None = None  # the figures of the links that name none, read once for the event
                for link in event_links:
                    named = link.__dict__  # a link is a pydantic model too: one read through its class's hook, not three
                    obligation, role = named["obligation"], named["role"]
                    if noted:
                        marked.add(obligation)
                    slot = slots.get(obligation)
                    if slot is None:
                        slot = slots[obligation] = (links[obligation], roles[obligation], report_keys[obligation], screens.get(obligation), spelled[obligation])
                        linked_ids.add(obligation)
                    found, by_role, keys, screen, names = slot
                    filed = len(found)
                    by_role[role].append(filed)
                    if again:
                        touched[obligation].append(filed)
                    if lasting:
                        item = Linked(event, link, first)
                        figures = item.figures
                    else:
                        if not quantities:
                            figures = None
                        elif named["quantities"] is not None:
                            figures = figures_of(event, link)
                        else:
                            figures = every = every or figures_of(event, link)
                        item = new_linked(event, link, first, occurred, order, closes, figures)
                    found.append(item)
                    keys.append(high)
                    if figures is not None:
                        for figure in figures[1]:
                            names.add(figure[2])
                        if again:
                            given = figured_again[obligation]
                            if event_id in given:
                                twice.add(obligation)
                            given.add(event_id)
                    if screen is not None and role in COUNTED:
                        over = item.over
                        if ((over is not None and over < screen[0]) or (screen[1] and role == "breaches")) and screen[2](item) is not None:
                            refused[obligation].add(id(item))
            if ending is not None:
                whole = Link(obligation=agreement.id, role="ends", note=ending.note)
                enders.append(Ender(event_id, ending.how, linked=Linked(event, whole, first)))
            elif not event_links:
                unlinked.append((event, first))
        totals.newest_key, totals.newest, totals.dataset = newest_key, newest, dataset
    return walked


def _coverage(log: EventLog, name: str, reports: list[tuple[int, int, dt.datetime, Window]] | None) -> LogCoverage:
    """A log's declared coverage, or what its events imply when it declares none.

    Inferred coverage runs from the earliest moment its events report on
    (the first happening or the first report, whichever is earlier, since a
    report looks back on what it recounts) to its last report. ``reports``
    are the walk's rows for a log that declares none.
    """
    if log.covers or reports is None:
        return LogCoverage(name, tuple(log.covers))
    if not reports:
        return LogCoverage(name, (), (), ())
    reports.sort(key=_FIRST)  # the rows are the walk's, made for this alone
    # Each row's earliest key was worked out by the walk while its event was at hand: reading it here touches one integer per row, not two.
    low, start = reports[0][1], reports[0][3].earliest
    starts: list[dt.datetime] = []
    append = starts.append
    for _, key, _, window in reports:
        if key < low:
            low, start = key, window.earliest
        append(start)
    return LogCoverage(name, (), tuple(map(_THIRD, reports)), tuple(starts))


_FIRST = operator.itemgetter(0)
_ID = operator.attrgetter("id")
_OBLIGATION = operator.attrgetter("obligation")
_SOURCE = operator.attrgetter("source")
_THIRD = operator.itemgetter(2)


def _entries(agreement: Agreement) -> tuple[dict[str, Entry], dict[str, list[Amendment]]]:
    """Every obligation in force at some time, supplements' included, in the order of their points; and the amendments aimed at each."""
    entries: dict[str, Entry] = {}
    for point in agreement.points:
        for obligation in point.obligations:
            entries[obligation.id] = Entry(obligation, point.number, label=point.label)
    amendments: dict[str, list[Amendment]] = defaultdict(list)
    labels = {p.number: p.label for p in agreement.points}
    for amendment in agreement.amendments:
        if amendment.kind == "end-agreement" or (amendment.kind == "supplement" and amendment.status != "agreed"):
            continue
        if amendment.kind == "supplement":
            assert amendment.point is not None
            for obligation in amendment.obligations:
                entries[obligation.id] = Entry(obligation, amendment.point, amendment, labels.get(amendment.point))
        else:
            assert amendment.obligation is not None
            amendments[amendment.obligation].append(amendment)
    order = {p.number: i for i, p in enumerate(agreement.points)}
    return dict(sorted(entries.items(), key=lambda kv: order[kv[1].point])), amendments


def _build_index(
    agreement: Agreement, entries: dict[str, Entry], amendments: dict[str, list[Amendment]], logs: tuple[EventLog, ...], sources: dict[str, Source], walked: _Walked, revised: dict[str, tuple[Revision, ...]]
) -> Index:
    enders = [Ender(a.id, a.how or "", amendment=a) for a in agreement.amendments if a.kind == "end-agreement" and a.status == "agreed"]
    tables = {
        k: LinkTable(tuple(v), dict(walked.roles[k]), walked.touched.get(k, []), walked.refused.get(k, set()), plain=k not in walked.marked, figures=(walked.spelled.get(k, set()), k in walked.twice))
        for k, v in walked.links.items()
    }
    versions = Versions(revised)
    current = versions.current_ids(None)  # with no cut-off: each table's known links are made with its sorted roles
    for k, table in tables.items():
        table.prepare(walked.report_keys[k], current)
    return Index(
        agreement=agreement,
        entries=entries,
        links={k: table.links for k, table in tables.items()},
        tables=tables,
        histories=revised,
        versions=versions,
        amendments={k: tuple(v) for k, v in amendments.items()},
        sources=sources,
        unlinked=tuple(walked.unlinked),
        coverage=tuple(_coverage(log, origin_of(log, f"<events {i}>").name, reports) for i, (log, reports) in enumerate(zip(logs, walked.reports))),
        enders=(*enders, *walked.enders),
    )


def _cross_log_duplicates(
    logs: tuple[EventLog, ...], agreement: Agreement, versions: list[list[tuple[str, dt.datetime | None]] | None], repeated: set[str]
) -> list[Found]:
    """Event ids used in two files, and source ids declared twice with different details.

    ``versions`` are, for each log, the walk's id and version of every record
    whose id may be given more than once (:attr:`~ceasefire.validation.LogFacts.versions`).
    """
    declared: dict[str, tuple[Source, str]] = {s.id: (s, "the agreement") for s in agreement.sources}
    found: list[Found] = duplicate_versions(logs, None, None, repeated, versions)
    for i, log in enumerate(logs):
        origin: Origin = origin_of(log, f"<events {i}>")
        for s_i, source in enumerate(log.sources):
            earlier = declared.get(source.id)
            if earlier is not None and earlier[0] != source:
                found.append((DuplicateIdError, Problem(origin.where(("sources", s_i, "id")), f"the source id {source.id!r}, declared differently in {earlier[1]}", "one declaration per source id, or identical ones")))
            declared.setdefault(source.id, (source, origin.name))
    return found
