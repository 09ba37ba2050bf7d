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

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

import attrs

from .model import (
    Agreement,
    Amendment,
    Citation,
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
    Cited,
    Evidence,
    ObligationStatus,
    ReportedQuantity,
    Status,
    TermState,
)
from .revisions import Revision, current
from .time import Window, end_of_day, in_zone, utc

MAX_TERM_PERIODS = 10_000


@attrs.frozen
class Entry:
    """An obligation with the point it sits in and the supplement that added it, if any."""

    obligation: DeadlineObligation | StandingObligation | ProgressObligation | TermObligation
    point: int
    added_by: Amendment | None = None


@attrs.frozen
class Linked:
    """An event, its link to one obligation, and when it was first reported."""

    event: Event
    link: Link
    reported: Window


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


@attrs.frozen
class View:
    """What is visible at instant ``at`` to someone who knows what was reported by ``known_on``."""

    index: Index
    at: dt.datetime
    known_on: dt.datetime | None

    @property
    def zone(self) -> str:
        return self.index.agreement.zone

    def knows(self, when: Window | dt.datetime) -> bool:
        """True when something reported or announced at ``when`` is known at the cut-off."""
        if self.known_on is None:
            return True
        latest = when.latest if isinstance(when, Window) else when
        return latest <= self.known_on

    def linked(self, obligation_id: str, *roles: str) -> list[Linked]:
        """Known events linked to ``obligation_id`` in any of ``roles``."""
        return [
            item
            for item in self.index.links.get(obligation_id, ())
            if item.link.role in roles and self.knows(item.reported) and self.is_current(item.event)
        ]

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
        """Known amendments of ``obligation_id`` in effect at ``at``, oldest first."""
        found = [
            a
            for a in self.index.amendments.get(obligation_id, ())
            if self.knows(a.known_from) and a.in_effect_from <= self.at
        ]
        return sorted(found, key=lambda a: (utc(a.in_effect_from), utc(a.known_from), a.id))

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
                )
            )
        return tuple(out)

    def evidence(self, item: Linked) -> Evidence:
        """The user-facing record of one event as linked to one obligation."""
        return self.record(item.event, item.reported, role=item.link.role, made_by=item.link.made_by)

    def record(self, event: Event, reported: Window, *, role: str, made_by: str) -> Evidence:
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
        )

    def when(self, value: dt.datetime) -> str:
        """An instant written in the reference zone."""
        return in_zone(value, self.zone).isoformat()

    def span(self, value: Window) -> str:
        """A window written in the reference zone."""
        return str(value.in_zone(self.zone))


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

    def done(self, status: Status, reason: str) -> Draft:
        self.status = status
        self.reasons.append(reason)
        return self


def effective_of(entry: Entry, agreement: Agreement) -> dt.datetime:
    """When an obligation starts to bind."""
    if entry.obligation.effective is not None:
        return entry.obligation.effective
    if entry.added_by is not None:
        return entry.added_by.in_effect_from
    return agreement.effective


def evaluate(entry: Entry, view: View) -> ObligationStatus:
    """The status of one obligation as seen through ``view``."""
    obligation = entry.obligation
    effective = effective_of(entry, view.index.agreement)
    draft = Draft()
    if not _gate(entry, effective, view, draft):
        EVALUATORS[obligation.kind](entry, effective, view, draft)
    disputed = sorted({d for item in (*draft.counted, *draft.breaches) for d in (x.party for x in item.event.disputed_by)})
    if disputed:
        draft.reasons.append(f"disputed by {', '.join(disputed)}")
    return ObligationStatus(
        obligation_id=obligation.id,
        point=entry.point,
        kind=obligation.kind,
        summary=obligation.summary,
        bearers=tuple(obligation.bearers),
        status=draft.status,
        at=view.at,
        known_on=view.known_on,
        effective=effective,
        deadline=draft.deadline,
        original_deadline=draft.original_deadline,
        amendments=tuple(_applied(a, effective, view) for a in draft.amendments),
        evidence=tuple(view.evidence(item) for item in draft.counted),
        breaches=tuple(view.evidence(item) for item in draft.breaches),
        context=tuple(view.evidence(item) for item in _certain(view.linked(obligation.id, "context"), view.at)),
        quantities=tuple(draft.quantities),
        term=draft.term,
        disputed_by=tuple(disputed),
        added_by=entry.added_by.id if entry.added_by else None,
        reasons=tuple(draft.reasons),
    )


def _gate(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> bool:
    """Settle the statuses every kind shares; True when the answer is final."""
    supplement = entry.added_by
    if supplement is not None and not view.knows(supplement.known_from):
        return bool(draft.done(Status.NOT_YET_IN_FORCE, f"added by {supplement.id}, announced {view.span(supplement.announced)}, after the knowledge cut-off"))
    if view.at < effective:
        return bool(draft.done(Status.NOT_YET_IN_FORCE, f"takes effect at {view.when(effective)}"))
    amendments = view.amendments(entry.obligation.id)
    draft.amendments = amendments
    control = [a for a in amendments if a.kind in ("suspend", "resume", "end")]
    ended = next((a for a in control if a.kind == "end"), None)
    if ended is not None:
        return bool(draft.done(Status.ENDED, f"ended by {ended.id} from {view.when(ended.in_effect_from)}"))
    if entry.obligation.kind != "term":
        enders = _certain(view.linked(entry.obligation.id, "ends"), view.at)
        if enders:
            draft.counted.extend(enders)
            return bool(draft.done(Status.ENDED, f"ended by event {enders[0].event.id}"))
    if control and control[-1].kind == "suspend":
        return bool(draft.done(Status.SUSPENDED, f"suspended by {control[-1].id} from {view.when(control[-1].in_effect_from)}"))
    return False


def _certain(items: Sequence[Linked], at: dt.datetime) -> list[Linked]:
    """Items that surely happened by ``at``, earliest-ending first."""
    return sorted((i for i in items if i.event.occurred.latest <= at), key=_order)


def _possible(items: Sequence[Linked], at: dt.datetime) -> list[Linked]:
    """Items that may, but need not, have happened by ``at``."""
    return sorted((i for i in items if i.event.occurred.earliest <= at < i.event.occurred.latest), key=_order)


def _order(item: Linked) -> tuple[dt.datetime, dt.datetime, str]:
    return (utc(item.event.occurred.latest), utc(item.event.occurred.earliest), item.event.id)


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
        anchor, said = done[0].event.occurred, f"{due.after_fulfilment_of} fulfilled ({done[0].event.id})"
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
    draft.counted += _certain(view.linked(obligation.id, "advances"), view.at)
    if broken and (not done or broken[0].event.occurred.latest < done[0].event.occurred.earliest):
        draft.done(Status.BREACHED, f"breach reported: {broken[0].event.id} ({view.span(broken[0].event.occurred)})")
        return
    if done:
        _judge_fulfilment(done, deadline, view, draft)
        return
    if deadline is None:
        _not_done(obligation.id, view, draft, "the deadline is not yet fixed")
    elif view.at > deadline.latest:
        if any(i.event.occurred.earliest <= deadline.latest for i in maybe):
            draft.counted += maybe
            draft.done(Status.UNCERTAIN, f"{maybe[0].event.id} may have happened by the deadline {view.span(deadline)} or after it ({view.span(maybe[0].event.occurred)})")
        else:
            draft.done(Status.OVERDUE, f"no known report of fulfilment, and the deadline {view.span(deadline)} has passed")
    elif view.at > deadline.earliest:
        draft.done(Status.UNCERTAIN, f"the deadline is only known to fall within {view.span(deadline)}")
    else:
        _not_done(obligation.id, view, draft, f"deadline {view.span(deadline)} not yet reached")
    if maybe and draft.status is not Status.UNCERTAIN:
        draft.reasons.append(
            f"{maybe[0].event.id} may already have happened ({view.span(maybe[0].event.occurred)}); it counts once it surely has"
        )


def _judge_fulfilment(done: list[Linked], deadline: Window | None, view: View, draft: Draft) -> None:
    first = done[0].event
    if deadline is None:
        draft.done(Status.FULFILLED, f"fulfilled: {first.id} ({view.span(first.occurred)})")
        return
    on_time = [i for i in done if i.event.occurred.latest <= deadline.earliest]
    late = [i for i in done if i.event.occurred.earliest > deadline.latest]
    if on_time:
        e = on_time[0].event
        draft.done(Status.FULFILLED, f"fulfilled on time: {e.id} ({view.span(e.occurred)}) by the deadline {view.span(deadline)}")
    elif len(late) == len(done):
        draft.done(Status.FULFILLED_LATE, f"fulfilled after the deadline {view.span(deadline)}: {first.id} ({view.span(first.occurred)})")
    else:
        draft.done(Status.UNCERTAIN, f"{first.id} is reported within {view.span(first.occurred)}, which straddles the deadline {view.span(deadline)}")


def _not_done(obligation_id: str, view: View, draft: Draft, why: str) -> None:
    progress = _certain(view.linked(obligation_id, "advances"), view.at)
    if progress:
        draft.done(Status.IN_PROGRESS, f"{why}; {len(progress)} progress report(s), latest {progress[-1].event.id}")
    else:
        draft.done(Status.PENDING, f"{why}; nothing reported")


def _standing(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> None:
    obligation_id = entry.obligation.id
    breaches = view.linked(obligation_id, "breaches")
    to_date = sorted((b for b in breaches if b.event.occurred.earliest <= view.at), key=_order)
    draft.breaches += to_date
    draft.counted += _certain(view.linked(obligation_id, "advances", "fulfils"), view.at)
    current = [b for b in to_date if b.event.occurred.contains(view.at)]
    if current:
        e = current[0].event
        draft.done(Status.BREACHED, f"breach reported over {view.span(e.occurred)}: {e.id}")
        return
    tail = f"; {len(to_date)} breach(es) reported earlier, latest {to_date[-1].event.id}" if to_date else "; no breach reported"
    draft.done(Status.COMPLIED, f"in force since {view.when(effective)}{tail}")


def _progress(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> None:
    obligation = entry.obligation
    assert isinstance(obligation, ProgressObligation)
    done = _certain(view.linked(obligation.id, "fulfils"), view.at)
    steps = _certain(view.linked(obligation.id, "advances"), view.at)
    broken = _certain(view.linked(obligation.id, "breaches"), view.at)
    draft.counted += done + steps
    draft.breaches += broken
    draft.quantities = _latest_figures(obligation, steps + done)
    figures = "; ".join(_figure(q) for q in draft.quantities)
    if done:
        draft.done(Status.FULFILLED, f"completion reported: {done[0].event.id} ({view.span(done[0].event.occurred)})")
    elif obligation.targets and _targets_met(obligation, draft.quantities):
        draft.done(Status.FULFILLED, f"every target reached by reported figures: {figures}")
    elif broken:
        draft.done(Status.BREACHED, f"breach reported: {broken[0].event.id} ({view.span(broken[0].event.occurred)})")
    elif steps:
        draft.done(Status.IN_PROGRESS, f"{len(steps)} progress report(s)" + (f"; latest figures: {figures}" if figures else ""))
    else:
        draft.done(Status.PENDING, "no progress reported")
    possible = _possible(view.linked(obligation.id, "fulfils"), view.at)
    if possible and not done:
        draft.reasons.append(f"{possible[0].event.id} may already have completed it; it counts once it surely has")


def _latest_figures(obligation: ProgressObligation, items: list[Linked]) -> list[ReportedQuantity]:
    targets = {t.name: t.value for t in obligation.targets}
    latest: dict[str, ReportedQuantity] = {}
    for item in sorted(items, key=_order):
        for q in item.event.quantities:
            latest[q.name] = ReportedQuantity(q.name, q.value, q.qualifier, q.text, item.event.id, targets.get(q.name))
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
    is period 0, whatever ``until`` is.
    """
    index, begin = 0, start
    end = obligation.period.after(start, zone)
    while obligation.renewal is not None and end <= until and index < MAX_TERM_PERIODS:
        index += 1
        begin, end = end, obligation.period.plus(obligation.renewal, index).after(start, zone)
    return index, begin, end


def _term(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> None:
    obligation = entry.obligation
    assert isinstance(obligation, TermObligation)
    zone = view.zone
    notices = _certain(view.linked(obligation.id, "ends"), view.at)
    draft.counted += notices
    ends_at: dt.datetime | None = None
    notice_event = None
    if notices:
        notice_event = notices[0].event
        ends_at = _end_after_notice(obligation, effective, zone, notice_event.occurred.latest)
    index, begin, end = term_periods(obligation, effective, zone, view.at)
    notice_due = obligation.notice.before(end, zone) if obligation.notice else None
    draft.term = TermState(index, begin, end, notice_due, notice_event.id if notice_event else None, ends_at)
    if obligation.renewal is None and view.at >= end:
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
    while True:
        due = obligation.notice.before(end, zone) if obligation.notice else end
        if given <= due or obligation.renewal is None or index >= MAX_TERM_PERIODS:
            return end
        index += 1
        end = obligation.period.plus(obligation.renewal, index).after(start, zone)


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
