"""One evaluator per obligation kind, and the view of the evidence they share.

An evaluator takes an obligation and a :class:`View` (the instant asked
about, the knowledge cut-off, and what is visible under both) and returns an
:class:`~ceasefire.results.ObligationStatus`. The evaluators are found in
:data:`EVALUATORS`, keyed by the same ``kind`` values as the models.

The rules, in short (docs/concepts.md gives them in full):

* An event counts at ``t`` once it surely happened (its window ends at or
  before ``t``). One whose window straddles ``t`` is named in the reasons;
  it makes the answer uncertain only where, had it happened, it would have
  been on time for a deadline that has since passed.
* With a knowledge cut-off ``k``, only events first reported by ``k`` and
  amendments announced by ``k`` are seen, and only sources published by ``k``
  are cited.
* An amendment applies from the latest instant of its effective window.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Sequence

import attrs

from .model import (
    Quantity,
    Agreement,
    Amendment,
    Citation,
    Coverage,
    DeadlineObligation,
    Due,
    Event,
    Link,
    ProgressObligation,
    Source,
    StandingObligation,
    TermObligation,
)
from .results import (
    AppliedAmendment,
    BreachHistory,
    Cited,
    Evidence,
    Horizon,
    ObligationStatus,
    ReportedQuantity,
    Status,
    TermState,
)
from .errors import InvalidTimeError, Problem
from .revisions import Revision, current
from .time import Span as CalendarSpan
from .time import Window, end_of_day, in_zone, utc


@attrs.frozen
class Entry:
    """An obligation with the point it sits in and the supplement that added it, if any."""

    obligation: DeadlineObligation | StandingObligation | ProgressObligation | TermObligation
    point: int
    added_by: Amendment | None = None


COMPLETIONS = ("fulfils", "ends", "notice")
"""Roles by which a lasting happening counts only once it is over: a
withdrawal fulfils, ends or gives notice when it is complete."""


@attrs.frozen
class Linked:
    """An event, its link to one obligation, and when it was first reported."""

    event: Event
    link: Link
    reported: Window
    occurred: Window | None = attrs.field(init=False, eq=False, repr=False)
    """When this link takes effect: a lasting happening completes when it ends, and never while ongoing."""
    order: tuple[dt.datetime, dt.datetime, str] = attrs.field(init=False, eq=False, repr=False)
    """The sort key of :func:`_order`, worked out once."""

    def __attrs_post_init__(self) -> None:
        event = self.event
        occurred = event.until if event.lasting and self.link.role in COMPLETIONS else event.occurred
        when = occurred or event.occurred
        object.__setattr__(self, "occurred", occurred)
        object.__setattr__(self, "order", (utc(when.latest), utc(when.earliest), event.id))

    @property
    def when(self) -> Window:
        """:attr:`occurred` for a link known to take effect (callers filter out ongoing completions first)."""
        found = self.occurred
        assert found is not None, f"{self.event.id} is ongoing and has not completed"
        return found


@attrs.frozen
class Span:
    """A stretch of time an event log watches for one obligation, both ends included."""

    start: dt.datetime
    end: dt.datetime


@attrs.frozen
class LogCoverage:
    """What one event log watches: declared periods, or its reports when it declares none."""

    name: str
    declared: tuple[Coverage, ...]
    report_ends: tuple[dt.datetime, ...] = ()
    """Without a declaration: the latest instant of each report, sorted."""
    report_starts: tuple[dt.datetime, ...] = ()
    """Without a declaration: the running minimum of the reports' earliest instants, in the same order."""

    @property
    def inferred(self) -> bool:
        return not self.declared

    def spans(self, obligation_id: str | None, cutoff: dt.datetime | None) -> list[Span]:
        """The periods watched for ``obligation_id`` (any, if None), as could be known at ``cutoff``."""
        if self.declared:
            found = []
            for cover in self.declared:
                if obligation_id is not None and not cover.speaks_to(obligation_id):
                    continue
                end = cover.end if cutoff is None else min(cover.end, cutoff)
                if cover.start <= end:
                    found.append(Span(cover.start, end))
            return found
        count = len(self.report_ends) if cutoff is None else bisect.bisect_right(self.report_ends, cutoff)
        if count == 0:
            return []
        return [Span(self.report_starts[count - 1], self.report_ends[count - 1])]


@attrs.frozen
class Ender:
    """Something that ends the whole agreement: an amendment, or an event with its first report."""

    id: str
    how: str
    amendment: Amendment | None = None
    linked: Linked | None = None


@attrs.frozen
class Index:
    """Everything the evaluators look up, built once per tracker."""

    agreement: Agreement
    entries: dict[str, Entry]
    links: dict[str, tuple[Linked, ...]]
    amendments: dict[str, tuple[Amendment, ...]]
    sources: dict[str, Source]
    histories: dict[str, tuple[Revision, ...]] = attrs.field(factory=dict)
    """The histories of revised events only (several versions, or a deletion)."""
    unlinked: tuple[tuple[Event, Window], ...] = ()
    """Events linked to no obligation, each with when it was first reported."""
    coverage: tuple[LogCoverage, ...] = ()
    enders: tuple[Ender, ...] = ()
    """Amendments and events that end the whole agreement."""


@attrs.frozen
class View:
    """What is visible at instant ``at`` to someone who knows what was reported by ``known_on``."""

    index: Index
    at: dt.datetime
    known_on: dt.datetime | None
    start: dt.datetime | None = None
    """For a question about a whole day: its first instant (``at`` is its last). None for an instant."""
    memo: dict[tuple[object, ...], object] = attrs.field(factory=dict, eq=False, repr=False)
    """What this cut-off lets be known, worked out once and shared by every view with the same cut-off."""
    brief: bool = False
    """Only the status is wanted: reasons are left unwritten and no evidence is listed.

    The rules run exactly as for a full answer; only the explanation is
    skipped, for callers that compare statuses (timelines, the horizon).
    """

    @property
    def first(self) -> dt.datetime:
        """The first instant asked about: the day's start for a date, else ``at``."""
        return self.start if self.start is not None else self.at

    @property
    def zone(self) -> str:
        return self.index.agreement.zone

    def at_instant(self, when: dt.datetime) -> View:
        """The same knowledge, asked about the single instant ``when``, for its status alone."""
        return View(self.index, when, self.known_on, memo=self.memo, brief=True)

    def spans(self, obligation_id: str) -> list[Span]:
        """The periods the loaded evidence watches for ``obligation_id``, merged and sorted."""
        key = ("spans", obligation_id)
        if key not in self.memo:
            self.memo[key] = self._spans(obligation_id)
        return self.memo[key]  # type: ignore[return-value]

    def _spans(self, obligation_id: str) -> list[Span]:
        found = sorted(
            (span for log in self.index.coverage for span in log.spans(obligation_id, self.known_on)),
            key=lambda s: (utc(s.start), utc(s.end)),
        )
        merged: list[Span] = []
        for span in found:
            if merged and span.start <= merged[-1].end:
                if span.end > merged[-1].end:
                    merged[-1] = Span(merged[-1].start, span.end)
            else:
                merged.append(span)
        return merged

    def inferred(self, obligation_id: str) -> bool:
        """True when some log watching ``obligation_id`` declared no coverage, so its extent was inferred."""
        return any(log.inferred and log.spans(obligation_id, self.known_on) for log in self.index.coverage)

    def knows(self, when: Window | dt.datetime) -> bool:
        """True when something reported or announced at ``when`` is known at the cut-off."""
        if self.known_on is None:
            return True
        latest = when.latest if isinstance(when, Window) else when
        return latest <= self.known_on

    def linked(self, obligation_id: str, *roles: str) -> list[Linked]:
        """Known events linked to ``obligation_id`` in any of ``roles``, as the obligation counts them.

        Events surely over before the obligation took effect, and breaches by
        actors it exempts, are left out; :meth:`set_aside` names them.
        """
        key = ("linked", obligation_id, roles)
        if key not in self.memo:
            entry = self.index.entries.get(obligation_id)
            self.memo[key] = [item for item in self._known(obligation_id, roles) if entry is None or _counts_for(item, entry, self.index.agreement)]
        return list(self.memo[key])  # type: ignore[call-overload]

    def set_aside(self, obligation_id: str) -> list[tuple[Linked, str]]:
        """Known events that bear on ``obligation_id`` but do not count, each with why."""
        key = ("set aside", obligation_id)
        if key in self.memo:
            return list(self.memo[key])  # type: ignore[call-overload]
        entry = self.index.entries.get(obligation_id)
        if entry is None:
            return []
        found = []
        for item in sorted(self._known(obligation_id, ("fulfils", "advances", "breaches")), key=_order):
            why = _why_not_counted(item, entry, self.index.agreement)
            if why is not None:
                found.append((item, why))
        self.memo[key] = found
        return list(found)

    def _known(self, obligation_id: str, roles: tuple[str, ...]) -> list[Linked]:
        """Events linked in ``roles`` that were reported by the cut-off and are current then, earliest first."""
        return sorted(
            (
                item
                for item in self.index.links.get(obligation_id, ())
                if item.link.role in roles and self.knows(item.reported) and self.is_current(item.event)
            ),
            key=_order,
        )

    def unlinked(self) -> list[Evidence]:
        """Known events linked to no obligation that surely happened by ``at``, earliest first.

        They change no status; a report lists them so that nothing loaded is hidden.
        """
        found = [
            (event, reported)
            for event, reported in self.index.unlinked
            if self.knows(reported) and self.is_current(event) and event.occurred.latest <= self.at
        ]
        found.sort(key=lambda pair: (utc(pair[0].occurred.latest), utc(pair[0].occurred.earliest), pair[0].id))
        return [self.record(event, reported, role="unlinked", made_by="nobody") for event, reported in found]

    def is_current(self, event: Event) -> bool:
        """True unless a later version or a deletion of the event was published by the cut-off."""
        history = self.index.histories.get(event.id)
        return history is None or current(history, self.known_on) is event

    def amendments(self, obligation_id: str) -> list[Amendment]:
        """Known, agreed amendments of ``obligation_id`` in effect at ``at``, oldest first."""
        key = ("amendments", obligation_id)
        known = self.memo.get(key)
        if known is None:
            known = self.memo[key] = sorted(
                (a for a in self.index.amendments.get(obligation_id, ()) if a.status == "agreed" and self.knows(a.known_from)),
                key=lambda a: (utc(a.in_effect_from), utc(a.known_from), a.id),
            )
        return [a for a in known if a.in_effect_from <= self.at]  # type: ignore[attr-defined]

    def cite(self, citations: Iterable[Citation]) -> tuple[Cited, ...]:
        """The citations whose sources were published by the cut-off."""
        out = []
        for citation in citations:
            source = self.index.sources[citation.source]
            if source.published is not None and not self.knows(source.published):
                continue
            out.append(
                Cited(
                    source_id=source.id,
                    title=source.title,
                    publisher=source.publisher,
                    published=source.published,
                    url=source.url,
                    file=source.file,
                    quote=citation.quote,
                    paraphrase=citation.paraphrase,
                    note=citation.note,
                    read=source.read,
                    kind=source.kind,
                    speaks_for=source.speaks_for,
                )
            )
        return tuple(out)

    def evidence(self, item: Linked) -> Evidence:
        """The user-facing record of one event as linked to one obligation."""
        return self.record(item.event, item.reported, role=item.link.role, made_by=item.link.made_by, note=item.link.note, confidence=item.link.confidence)

    def record(self, event: Event, reported: Window, *, role: str, made_by: str, note: str | None = None, confidence: float | None = None) -> Evidence:
        """The user-facing record of ``event``, with only the sources published by the cut-off."""
        return Evidence(
            event_id=event.id,
            kind=event.kind,
            role=role,
            summary=event.summary,
            occurred=event.occurred,
            occurred_text=event.occurred_text,
            reported=reported,
            place=event.place,
            canonical_place=self.index.agreement.canonical_place(event.place) if event.place else None,
            made_by=made_by,
            quantities=tuple((q.name, q.value, q.qualifier) for q in event.quantities),
            disputed_by=tuple(d.party for d in event.disputed_by),
            citations=self.cite(event.sources),
            until=event.until,
            ongoing=event.ongoing,
            link_note=note,
            confidence=confidence,
        )

    def when(self, value: dt.datetime) -> str:
        """An instant written in the reference zone (nothing, for a brief view)."""
        return "" if self.brief else in_zone(value, self.zone).isoformat()

    def span(self, value: Window) -> str:
        """A window written in the reference zone (nothing, for a brief view)."""
        return "" if self.brief else str(value.in_zone(self.zone))


@attrs.define
class Draft:
    """The parts of an answer an evaluator fills in."""

    status: Status = Status.PENDING
    reasons: list[str] = attrs.Factory(list)
    deadline: Window | None = None
    original_deadline: Window | None = None
    amendments: list[Amendment] = attrs.Factory(list)
    counted: list[Linked] = attrs.Factory(list)
    breaches: list[Linked] = attrs.Factory(list)
    quantities: list[ReportedQuantity] = attrs.Factory(list)
    term: TermState | None = None
    ended_by: str | None = None
    decisive: list[Linked] = attrs.Factory(list)
    """The events that decided the status; a dispute of one of them is a dispute of the status."""
    stalled_since: dt.datetime | None = None
    history: BreachHistory | None = None
    """A standing obligation's breach history, once an evaluator has worked it out."""
    rests_on_silence: bool = False
    """True when the status says something went on (an ongoing breach) only because no report ended it."""

    def done(self, status: Status, reason: str) -> Draft:
        self.status = status
        self.reasons.append(reason)
        return self


SILENT_STATUSES = frozenset({Status.PENDING, Status.IN_PROGRESS, Status.OVERDUE, Status.COMPLIED, Status.HOLDING, Status.IN_FORCE})
"""Statuses that rest on the absence of reports (nothing done yet, no breach,
no notice): they hold only where loaded evidence watched."""


def effective_of(entry: Entry, agreement: Agreement) -> dt.datetime:
    """When an obligation starts to bind."""
    if entry.obligation.effective is not None:
        return entry.obligation.effective
    if entry.added_by is not None:
        return entry.added_by.in_effect_from
    return agreement.effective


def evaluate(entry: Entry, view: View, *, horizon: bool = True) -> ObligationStatus:
    """The status of one obligation as seen through ``view``.

    With ``horizon`` (the default) a status that rests on silence becomes
    ``unmonitored`` where no loaded evidence watched; without it, the raw
    status is returned (used to find the last status the evidence supports).
    """
    obligation = entry.obligation
    effective = effective_of(entry, view.index.agreement)
    draft = Draft()
    waiting = _dependency(entry, view, draft)
    if waiting is not None:
        effective = max(effective, waiting, key=utc)
    if waiting is not None or obligation.depends_on is None:
        if not _gate(entry, effective, view, draft):
            EVALUATORS[obligation.kind](entry, effective, view, draft)
    found_horizon = _horizon(entry, effective, view, draft) if horizon else None
    history = draft.history or (_breach_history(obligation.id, view) if obligation.kind == "standing" else None)
    if history is not None and draft.status is Status.ENDED and history.count:
        draft.reasons.append(f"{history.count} breach(es) reported while it bound, latest {history.latest_id}")
    if not view.brief:
        for item, why in view.set_aside(obligation.id):
            draft.reasons.append(f"not counted: {item.event.id} ({item.link.role}), {why}")
        for proposal in _proposals(obligation.id, view):
            draft.reasons.append(f"proposed but never agreed (not applied): {proposal.id}, {proposal.summary}")
    deciding = draft.decisive or [*draft.counted, *draft.breaches]
    disputed = sorted({d for item in deciding for d in (x.party for x in item.event.disputed_by)})
    if disputed:
        draft.reasons.append(f"disputed by {', '.join(disputed)}")
    return ObligationStatus(
        obligation_id=obligation.id,
        point=entry.point,
        kind=obligation.kind,
        summary=obligation.summary,
        bearers=_bearers(obligation.bearers, view),
        status=draft.status,
        at=view.at,
        known_on=view.known_on,
        effective=effective,
        deadline=draft.deadline,
        original_deadline=draft.original_deadline,
        amendments=() if view.brief else tuple(_applied(a, effective, view) for a in draft.amendments),
        evidence=() if view.brief else tuple(view.evidence(item) for item in draft.counted),
        breaches=() if view.brief else tuple(view.evidence(item) for item in draft.breaches),
        context=() if view.brief else tuple(view.evidence(item) for item in _certain(view.linked(obligation.id, "context"), view.at)),
        quantities=tuple(draft.quantities),
        term=draft.term,
        disputed_by=tuple(disputed),
        added_by=entry.added_by.id if entry.added_by else None,
        reasons=tuple(draft.reasons),
        asked_from=view.start,
        horizon=found_horizon,
        breach_history=history,
        ended_by=draft.ended_by,
        answerable=tuple(obligation.answerable),
        stalled_since=draft.stalled_since,
        proposals=tuple(a.id for a in _proposals(obligation.id, view)),
    )


def _dependency(entry: Entry, view: View, draft: Draft) -> dt.datetime | None:
    """For an obligation that binds once another is fulfilled: when that happened, or None (and the draft says why)."""
    needed = entry.obligation.depends_on
    if needed is None:
        return None
    done = _certain(view.linked(needed, "fulfils"), view.at)
    if not done:
        draft.done(Status.NOT_YET_IN_FORCE, f"binds once {needed} is fulfilled, which no known report shows by then")
        return None
    draft.decisive.append(done[0])
    draft.reasons.append(f"binds from the fulfilment of {needed} ({done[0].event.id}, {view.span(done[0].when)})")
    return done[0].when.latest


def _proposals(obligation_id: str, view: View) -> list[Amendment]:
    """Known changes to ``obligation_id`` that were proposed or announced but never agreed."""
    return [a for a in view.index.amendments.get(obligation_id, ()) if a.status == "proposed" and view.knows(a.known_from)]


def _bearers(bearers: Sequence[str], view: View) -> tuple[str, ...]:
    """The bearers at ``view.at``: a party succeeded by others by then is replaced by its successors."""
    parties = {p.id: p for p in view.index.agreement.parties}
    out: list[str] = []
    for who in bearers:
        party = parties.get(who)
        if party is not None and party.successors and party.succeeded is not None and end_of_day(party.succeeded, view.zone) <= view.at:
            out += [s for s in party.successors if s not in out]
        elif who not in out:
            out.append(who)
    return tuple(out)


def _why_not_counted(item: Linked, entry: Entry, agreement: Agreement) -> str | None:
    """Why an event does not count for an obligation: over before it took effect, or by exempted actors only."""
    occurred = item.occurred
    effective = effective_of(entry, agreement)
    if occurred is not None and occurred.latest < effective:
        return f"it was over before the obligation took effect ({in_zone(effective, agreement.zone).isoformat()})"
    if item.link.role == "breaches":
        exempt = {a.casefold() for x in entry.obligation.exemptions for a in x.actors}
        actors = [a.casefold() for a in item.event.actors]
        if exempt and actors and all(a in exempt for a in actors):
            return "every actor in it is exempted from the obligation"
    return None


def _counts_for(item: Linked, entry: Entry, agreement: Agreement) -> bool:
    return item.link.role not in ("fulfils", "advances", "breaches") or _why_not_counted(item, entry, agreement) is None


def _gate(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> bool:
    """Settle the statuses every kind shares; True when the answer is final."""
    supplement = entry.added_by
    if supplement is not None and not view.knows(supplement.known_from):
        return bool(draft.done(Status.NOT_YET_IN_FORCE, f"added by {supplement.id}, announced {view.span(supplement.announced)}, after the knowledge cut-off"))
    if view.at < effective:
        return bool(draft.done(Status.NOT_YET_IN_FORCE, f"takes effect at {view.when(effective)}"))
    amendments = view.amendments(entry.obligation.id)
    draft.amendments = amendments
    whole = _agreement_ended(view)
    if whole is not None:
        draft.ended_by = whole.id
        draft.counted += _certain(view.linked(entry.obligation.id, "fulfils", "advances"), view.at)
        draft.breaches += _certain(view.linked(entry.obligation.id, "breaches"), view.at)
        if whole.linked is not None:
            draft.counted.append(whole.linked)
            assert whole.linked.occurred is not None
            return bool(draft.done(Status.ENDED, f"the whole agreement ended ({whole.how}) with event {whole.id} ({view.span(whole.linked.occurred)})"))
        assert whole.amendment is not None
        return bool(draft.done(Status.ENDED, f"the whole agreement ended ({whole.how}) by {whole.id} from {view.when(whole.amendment.in_effect_from)}"))
    control = [a for a in amendments if a.kind in ("suspend", "resume", "end")]
    ended = next((a for a in control if a.kind == "end"), None)
    if ended is not None:
        draft.ended_by = ended.id
        return bool(draft.done(Status.ENDED, f"ended by {ended.id} from {view.when(ended.in_effect_from)}"))
    stop = entry.obligation.until_fulfilment_of
    if stop is not None:
        closing = _certain(view.linked(stop, "fulfils"), view.at)
        if closing:
            draft.counted.append(closing[0])
            draft.ended_by = closing[0].event.id
            return bool(draft.done(Status.ENDED, f"bound until {stop} was fulfilled, which {closing[0].event.id} reports ({view.span(closing[0].when)})"))
    last_day = entry.obligation.until
    if last_day is not None and view.at > end_of_day(last_day, view.zone):
        return bool(draft.done(Status.ENDED, f"bound until the end of {last_day.isoformat()} ({view.zone})"))
    enders = _certain(view.linked(entry.obligation.id, "ends"), view.at)
    if enders:
        first = enders[0]
        assert first.occurred is not None
        draft.counted.extend(enders)
        draft.ended_by = first.event.id
        return bool(draft.done(Status.ENDED, f"ended by event {first.event.id} ({view.span(first.occurred)})"))
    if control and control[-1].kind == "suspend":
        return bool(draft.done(Status.SUSPENDED, f"suspended by {control[-1].id} from {view.when(control[-1].in_effect_from)}"))
    return False


def _agreement_ended(view: View) -> Ender | None:
    """The first known ending of the whole agreement that had surely happened by ``view.at``."""
    found: list[tuple[dt.datetime, Ender]] = []
    for ender in view.index.enders:
        if ender.amendment is not None:
            a = ender.amendment
            if view.knows(a.known_from) and a.in_effect_from <= view.at:
                found.append((a.in_effect_from, ender))
        elif ender.linked is not None:
            item = ender.linked
            when = item.occurred
            if when is not None and view.knows(item.reported) and view.is_current(item.event) and when.latest <= view.at:
                found.append((when.latest, ender))
    return min(found, key=lambda pair: (utc(pair[0]), pair[1].id))[1] if found else None


def _horizon(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> Horizon | None:
    """Turn a status that rests on silence into ``unmonitored`` where no loaded evidence watched.

    A standing obligation needs the time asked about watched (the whole day
    for a date); the other kinds need every instant from taking effect to the
    time asked about watched, since whatever was owed could have been done
    at any of them.
    """
    if draft.status not in SILENT_STATUSES and not draft.rests_on_silence:
        return None
    obligation_id = entry.obligation.id
    spans = view.spans(obligation_id)
    standing = entry.obligation.kind == "standing"
    low = view.first if standing else effective
    if _covered(spans, low, view.at):
        return None
    last_at = _last_watched(spans, low, view.at, standing)
    last = evaluate(entry, view.at_instant(last_at), horizon=False).status if last_at is not None else None
    inferred = view.inferred(obligation_id)
    needed = f"{view.when(low)} to {view.when(view.at)}" if low != view.at else view.when(view.at)
    why = f"no loaded evidence watches {obligation_id} over {needed}"
    if last_at is not None:
        why += f"; the evidence ends at {view.when(last_at)}, where it was {last}"
    else:
        why += "; no evidence covers it at all"
    if inferred:
        why += " (coverage inferred from the first and last reports of a log that declares none)"
    draft.reasons.insert(0, f"{draft.status} as far as reports go, but {why}" if draft.status in SILENT_STATUSES else why)
    draft.status = Status.UNMONITORED
    return Horizon(evidence_ends=last_at, last_known=last, inferred=inferred)


def _covered(spans: Sequence[Span], low: dt.datetime, high: dt.datetime) -> bool:
    """True when one merged span holds every instant from ``low`` to ``high``."""
    return any(s.start <= low and high <= s.end for s in spans)


def _last_watched(spans: Sequence[Span], low: dt.datetime, high: dt.datetime, standing: bool) -> dt.datetime | None:
    """The latest instant at or before ``high`` for which the evidence did watch what the status needs."""
    if standing:
        ends = [min(s.end, high) for s in spans if s.start <= high]
        return max(ends) if ends else None
    run = next((s for s in spans if s.start <= low <= s.end), None)
    return min(run.end, high) if run is not None else None


def _breach_history(obligation_id: str, view: View) -> BreachHistory:
    """Every known breach that had surely begun by the end of the time asked about."""
    items = [b for b in view.linked(obligation_id, "breaches") if b.event.occurred.latest <= view.at]
    items.sort(key=_order)
    if not items:
        return BreachHistory(0, None, None, None, None, (), None, False)
    first, latest = items[0].event, items[-1].event
    ongoing = any(_breach_state(b.event, view.at, view.at)[0] == "on" for b in items if b.event.lasting)
    ends = [_breach_end(b.event) for b in items]
    holding_since = None if ongoing or any(e is None for e in ends) else max(e for e in ends if e is not None)
    disputed = tuple(sorted({d.party for b in items for d in b.event.disputed_by}))
    return BreachHistory(len(items), first.id, first.occurred, latest.id, latest.occurred, disputed, holding_since, ongoing)


def _breach_end(event: Event) -> dt.datetime | None:
    """The instant by which a breach was surely over; None while a lasting one is ongoing."""
    if event.lasting:
        return event.until.latest if event.until is not None else None
    return event.occurred.latest


def _certain(items: Sequence[Linked], at: dt.datetime) -> list[Linked]:
    """Items that surely happened by ``at``, earliest-ending first."""
    moment = utc(at)
    return sorted((i for i in items if i.occurred is not None and i.order[0] <= moment), key=_order)


def _possible(items: Sequence[Linked], at: dt.datetime) -> list[Linked]:
    """Items that may, but need not, have happened by ``at``."""
    return sorted((i for i in items if i.occurred is not None and i.occurred.earliest <= at < i.occurred.latest), key=_order)


def _order(item: Linked) -> tuple[dt.datetime, dt.datetime, str]:
    return item.order


def resolve_due(due: Due, effective: dt.datetime, view: View) -> tuple[Window | None, str]:
    """A deadline as a window in time, or None while its starting event has not happened."""
    zone = view.zone
    if due.by is not None:
        return Window.exact(end_of_day(due.by, zone)), f"by the end of {due.by.isoformat()} ({zone})"
    if due.at is not None:
        return Window.exact(due.at), f"at {view.when(due.at)}"
    assert due.within is not None
    if due.after_fulfilment_of is not None:
        done = _certain(view.linked(due.after_fulfilment_of, "fulfils"), view.at)
        if not done:
            return None, f"{due.within} after {due.after_fulfilment_of} is fulfilled, which no known report shows by then"
        anchor, said = done[0].when, f"{due.after_fulfilment_of} fulfilled ({done[0].event.id})"
    else:
        start = due.after or effective
        anchor, said = Window.exact(start), view.when(start)
    return anchor.shifted(due.within, zone), f"{due.within} after {said}"


def _deadline(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> None:
    obligation = entry.obligation
    assert isinstance(obligation, DeadlineObligation)
    original, said = resolve_due(obligation.due, effective, view)
    draft.original_deadline, draft.deadline = original, original
    moves = [a for a in draft.amendments if a.kind == "move-deadline"]
    if moves:
        latest = moves[-1]
        assert latest.due is not None
        draft.deadline, said = resolve_due(latest.due, effective, view)
        draft.reasons.append(
            f"deadline moved by {latest.id} (in effect from {view.when(latest.in_effect_from)}): now {said}"
        )
    else:
        draft.reasons.append(f"deadline {said}")
    deadline = draft.deadline
    fulfils = view.linked(obligation.id, "fulfils")
    done, maybe = _certain(fulfils, view.at), _possible(fulfils, view.at)
    broken = _certain(view.linked(obligation.id, "breaches"), view.at)
    draft.counted += done
    draft.breaches += broken
    steps = _certain(view.linked(obligation.id, "advances"), view.at)
    draft.counted += steps
    draft.quantities = _latest_figures(obligation.targets, steps + done)
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
            partly = f"; partly done: {'; '.join(_figure(q) for q in draft.quantities)}" if draft.quantities else (
                f"; partly done: {len(steps)} progress report(s)" if steps else ""
            )
            draft.done(Status.OVERDUE, f"no known report of fulfilment, and the deadline {view.span(deadline)} has passed{partly}")
    elif view.at > deadline.earliest:
        draft.done(Status.UNCERTAIN, f"the deadline is only known to fall within {view.span(deadline)}")
    else:
        _not_done(obligation.id, view, draft, f"deadline {view.span(deadline)} not yet reached")
    if maybe and draft.status is not Status.UNCERTAIN:
        draft.reasons.append(
            f"{maybe[0].event.id} may already have happened ({view.span(maybe[0].when)}); it counts once it surely has"
        )


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
    progress = _certain(view.linked(obligation_id, "advances"), view.at)
    if progress:
        draft.done(Status.IN_PROGRESS, f"{why}; {len(progress)} progress report(s), latest {progress[-1].event.id}")
    else:
        draft.done(Status.PENDING, f"{why}; nothing reported")


def _standing(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> None:
    obligation_id = entry.obligation.id
    low, high = view.first, view.at
    breaches = view.linked(obligation_id, "breaches")
    draft.breaches += sorted((b for b in breaches if b.event.occurred.earliest <= high), key=_order)
    draft.counted += _certain(view.linked(obligation_id, "advances", "fulfils"), high)
    states = [(b, *_breach_state(b.event, low, high)) for b in sorted(breaches, key=_order)]
    on = [(b, silent) for b, state, silent in states if state == "on"]
    maybe = [b for b, state, _ in states if state == "maybe"]
    asked = view.span(Window(low, high)) if view.start is not None else view.when(high)
    if on:
        item, silent = on[0]
        draft.rests_on_silence = silent
        e = item.event
        if e.lasting:
            end = "ongoing, no report has ended it" if e.until is None else f"until {view.span(e.until)}"
            draft.done(Status.BREACHED, f"breach under way over {asked}: {e.id} (from {view.span(e.occurred)}, {end})")
        else:
            draft.done(Status.BREACHED, f"breach reported within {asked}: {e.id} ({view.span(e.occurred)})")
        return
    if maybe:
        e = maybe[0].event
        draft.done(Status.UNCERTAIN, f"{e.id} may have breached it within {asked}, but is only known to fall within {view.span(e.occurred)}")
        return
    history = draft.history = _breach_history(obligation_id, view)
    if history.count:
        since = view.when(history.holding_since) if history.holding_since is not None else "an unknown time"
        draft.done(Status.HOLDING, f"holding since {since}; {history.count} breach(es) reported, first {history.first_id}, latest {history.latest_id}")
    else:
        draft.done(Status.COMPLIED, f"in force since {view.when(effective)}; no breach reported")


def _breach_state(event: Event, low: dt.datetime, high: dt.datetime) -> tuple[str | None, bool]:
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


def _progress(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> None:
    obligation = entry.obligation
    assert isinstance(obligation, ProgressObligation)
    done = _certain(view.linked(obligation.id, "fulfils"), view.at)
    steps = _certain(view.linked(obligation.id, "advances"), view.at)
    broken = _certain(view.linked(obligation.id, "breaches"), view.at)
    draft.counted += done + steps
    draft.breaches += broken
    draft.quantities = _latest_figures(obligation.targets, steps + done)
    figures = "; ".join(_figure(q) for q in draft.quantities)
    if done:
        draft.decisive.append(done[0])
        draft.done(Status.FULFILLED, f"completion reported: {done[0].event.id} ({view.span(done[0].when)})")
        if obligation.kept:
            _kept(done[0], broken, view, draft)
    elif obligation.targets and _targets_met(obligation, draft.quantities):
        draft.done(Status.FULFILLED, f"every target reached by reported figures: {figures}")
    elif broken:
        draft.decisive.append(broken[0])
        draft.done(Status.BREACHED, f"breach reported: {broken[0].event.id} ({view.span(broken[0].when)})")
    elif steps:
        draft.done(Status.IN_PROGRESS, f"{len(steps)} progress report(s)" + (f"; latest figures: {figures}" if figures else ""))
    else:
        draft.done(Status.PENDING, "no progress reported")
    possible = _possible(view.linked(obligation.id, "fulfils"), view.at)
    if possible and not done:
        draft.reasons.append(f"{possible[0].event.id} may already have completed it; it counts once it surely has")
    if obligation.stale_after is not None and draft.status in (Status.PENDING, Status.IN_PROGRESS):
        last = steps[-1].when.latest if steps else effective
        if view.at > obligation.stale_after.after(last, view.zone):
            draft.stalled_since = last
            draft.reasons.append(f"stalled: no progress reported since {view.when(last)}, more than {obligation.stale_after}")


def _kept(completion: Linked, broken: list[Linked], view: View, draft: Draft) -> None:
    """Work that must stay done: a breach after its completion undoes it while the breach lasts."""
    later = [b for b in broken if b.event.occurred.earliest >= completion.when.earliest]
    later += [b for b in view.linked(completion.link.obligation, "breaches") if b.event.lasting and b not in later and b.event.occurred.earliest >= completion.when.earliest]
    states = [(b, _breach_state(b.event, view.first, view.at)[0]) for b in sorted(later, key=_order)]
    on = [b for b, state in states if state == "on"]
    maybe = [b for b, state in states if state == "maybe"]
    if on:
        draft.decisive[:] = on[:1]
        draft.done(Status.BREACHED, f"done, but undone again: {on[0].event.id} ({view.span(on[0].event.occurred)})")
    elif maybe:
        draft.done(Status.UNCERTAIN, f"done, but {maybe[0].event.id} may have undone it ({view.span(maybe[0].event.occurred)})")
    elif later:
        draft.reasons.append(f"kept since; {len(later)} later breach(es) reported, latest {later[-1].event.id}")


def _sum_qualifier(one: str, other: str) -> str:
    """How sure a sum is: exact only if both parts are; a floor if both are floors; otherwise approximate."""
    if one == other == "exactly":
        return "exactly"
    if one in ("exactly", "at least", "more than") and other in ("exactly", "at least", "more than"):
        return "at least"
    return "about"


def _latest_figures(targets: Sequence[Quantity], items: list[Linked]) -> list[ReportedQuantity]:
    """The figure to date for each measure: a total replaces what came before, an increment adds to it.

    Reports under a target's alias count as that target.
    """
    goals = {t.name: t.value for t in targets}
    names = {alias.casefold(): t.name for t in targets for alias in (t.name, *t.aliases)}
    latest: dict[str, ReportedQuantity] = {}
    for item in sorted(items, key=_order):
        for q in item.event.quantities:
            name = names.get(q.name.casefold(), q.name)
            reported_as = q.name if q.name != name else None
            before = latest.get(name)
            if q.counts == "increment" and before is not None:
                qualifier = _sum_qualifier(before.qualifier, q.qualifier)
                words = f"{before.value + q.value:g} in all, after {q.text or f'{q.value:g} more'}"
                latest[name] = ReportedQuantity(name, before.value + q.value, qualifier, words, item.event.id, goals.get(name), reported_as)
            else:
                latest[name] = ReportedQuantity(name, q.value, q.qualifier, q.text, item.event.id, goals.get(name), reported_as)
    return [latest[name] for name in sorted(latest)]


def _targets_met(obligation: ProgressObligation, figures: list[ReportedQuantity]) -> bool:
    by_name = {q.name: q for q in figures}
    for target in obligation.targets:
        got = by_name.get(target.name)
        if got is None or got.qualifier not in ("exactly", "at least", "more than") or got.value < target.value:
            return False
    return True


def _figure(q: ReportedQuantity) -> str:
    words = q.text or f"{q.qualifier} {q.value:g}"
    return f"{q.name} {words}" + (f" (target {q.target:g})" if q.target is not None else "")


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
    key = (obligation.period, obligation.renewal, start, zone, index)
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
    return (
        span.years * 365.2425 * day
        + span.months * 30.436875 * day
        + span.weeks * 7 * day
        + span.days * day
        + span.hours * 3600
        + span.minutes * 60
        + span.seconds
    )


def _term(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> None:
    obligation = entry.obligation
    assert isinstance(obligation, TermObligation)
    zone = view.zone
    notices = _certain(view.linked(obligation.id, "notice"), view.at)
    draft.counted += notices
    ends_at: dt.datetime | None = None
    notice_event = None
    if notices:
        notice_event = notices[0].event
        ends_at = _end_after_notice(obligation, effective, zone, notices[0].when.latest)
    index, begin, end = term_periods(obligation, effective, zone, view.at)
    notice_due = obligation.notice.before(end, zone) if obligation.notice else None
    draft.term = TermState(index, begin, end, notice_due, notice_event.id if notice_event else None, ends_at)
    if not _renews(obligation) and view.at >= end:
        draft.done(Status.ENDED, f"the term ran out at {view.when(end)} and does not renew")
    elif ends_at is not None and view.at >= ends_at:
        draft.done(Status.ENDED, f"ended at {view.when(ends_at)} after notice {notice_event.id if notice_event else ''}")
    else:
        detail = f"period {index + 1} runs {view.when(begin)} to {view.when(end)}"
        if notice_due is not None:
            detail += f"; notice to end it due by {view.when(notice_due)}"
        if ends_at is not None:
            detail += f"; notice given, so it ends at {view.when(ends_at)}"
        draft.done(Status.IN_FORCE, detail)


def _end_after_notice(obligation: TermObligation, start: dt.datetime, zone: str, given: dt.datetime) -> dt.datetime:
    """When a term ends after notice given at ``given``: the end of the first period whose notice date it meets."""
    index, _, end = term_periods(obligation, start, zone, given)
    due = obligation.notice.before(end, zone) if obligation.notice else end
    if given <= due or not _renews(obligation):
        return end
    return _period_end(obligation, start, zone, index + 1)


def _applied(amendment: Amendment, effective: dt.datetime, view: View) -> AppliedAmendment:
    """The record of an applied amendment; a relative new deadline counts from the obligation's effect."""
    new_deadline = None
    if amendment.due is not None:
        new_deadline = resolve_due(amendment.due, effective, view)[0]
    return AppliedAmendment(
        amendment_id=amendment.id,
        kind=amendment.kind,
        summary=amendment.summary,
        agreed=amendment.agreed,
        announced=amendment.announced,
        in_effect_from=amendment.in_effect_from,
        requested_by=tuple(amendment.requested_by),
        granted_by=tuple(amendment.granted_by),
        new_deadline=new_deadline,
        citations=view.cite(amendment.sources),
    )


Evaluator = Callable[[Entry, dt.datetime, View, Draft], None]

EVALUATORS: dict[str, Evaluator] = {
    "deadline": _deadline,
    "standing": _standing,
    "progress": _progress,
    "term": _term,
}
"""The evaluator for each obligation ``kind``."""
