"""What every obligation kind shares: taking effect, endings, the evidence horizon, and the dispatch to each kind's rule.

:func:`evaluate` takes an obligation and a :class:`~.evidence.View` (the instant asked
about, the knowledge cut-off, and what is visible under both) and returns an
:class:`~ceasefire.results.ObligationStatus`. Each kind's rule is found in
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
import functools
from collections.abc import Callable, Sequence

import attrs

from ..model import Amendment, Event, Party, ProgressObligation, TermObligation
from ..results import AppliedAmendment, BreachHistory, DecidingBreach, Deferred, Explanation, Horizon, ObligationStatus, Status, breaches_in_evidence, stood_then
from ..time import Window, end_of_day, in_zone, micros, utc
from . import deadline, progress, standing, term
from .deadline import resolve_due
from .draft import SILENT_STATUSES, Draft
from .evidence import Ender, Entry, Span, View, effective_of, surely_by
from .standing import breach_history

# Enum members read once here: in Python 3.11 each ``Status.X`` or ``Known.X`` goes through the enum
# metaclass's attribute hook, several times the cost of reading a global, and every run of the rules reads many.
_BREACHED, _ENDED, _NOT_YET_IN_FORCE, _UNCERTAIN, _UNMONITORED = Status.BREACHED, Status.ENDED, Status.NOT_YET_IN_FORCE, Status.UNCERTAIN, Status.UNMONITORED


def evaluate(entry: Entry, view: View, *, horizon: bool = True) -> ObligationStatus:
    """The status of one obligation as seen through ``view``.

    With ``horizon`` (the default) a status that rests on silence becomes
    ``unmonitored`` where no loaded evidence watched; without it, the raw
    status is returned (used to find the last status the evidence supports).

    The rules run once here with the explanation left unwritten. Unless the
    view is brief, the answer carries a :class:`~ceasefire.results.Deferred`
    explanation: on first use, the same rules run again at the same instant
    with the reasons written out and the evidence listed.
    """
    return judged(entry, view, horizon=horizon)[0]


Judged = tuple[Draft, dt.datetime, Horizon | None, BreachHistory | None, tuple[str, ...]]
"""What one run of the rules gives: the filled draft, when the obligation took effect, the horizon, the breach history and who disputes it."""


def judged(entry: Entry, view: View, *, horizon: bool = True) -> tuple[ObligationStatus, Draft]:
    """:func:`evaluate`'s answer with the draft the rules filled, for callers that also need what it rests on (:func:`rests_on`)."""
    found = run_rules(entry, view, horizon=horizon)
    return answer_of(entry, view, found, horizon=horizon), found[0]


def run_rules(entry: Entry, view: View, *, horizon: bool = True) -> Judged:
    """The rules for ``entry`` through ``view``, run once without writing reasons; :func:`answer_of` makes the answer from what they give."""
    return _judge(entry, view.briefly(), horizon)


def answer_of(entry: Entry, view: View, found: Judged, *, horizon: bool = True) -> ObligationStatus:
    """The answer through ``view`` from what :func:`run_rules` gave there (brief, or with its explanation deferred)."""
    draft, effective, found_horizon, history, disputed = found
    obligation = entry.obligation
    why: Explanation | Deferred = _NOTHING if view.brief else _deferred(entry, view, horizon)
    bearers, answerable, proposals = _standing_parts(entry, view)
    status = ObligationStatus(
        obligation_id=obligation.id,
        point=entry.point,
        point_label=entry.label,
        kind=obligation.kind,
        summary=obligation.summary,
        bearers=_bearers(obligation.bearers, view) if bearers is None else bearers,
        status=draft.status,
        at=view.at,
        known_on=view.known_on,
        effective=effective,
        deadline=draft.deadline,
        original_deadline=draft.original_deadline,
        quantities=tuple(draft.quantities),
        term=draft.term,
        disputed_by=disputed,
        added_by=entry.added_by.id if entry.added_by else None,
        asked_from=view.start,
        horizon=found_horizon,
        breach_history=history,
        ended_by=draft.ended_by,
        answerable=answerable,
        stalled_since=draft.stalled_since,
        waits_on=draft.waits_on if draft.status is _NOT_YET_IN_FORCE else None,
        breached_by=_deciding(draft.breached_by) if draft.status is _BREACHED and draft.breached_by is not None else None,
        uncertain_by=draft.open_window if draft.status is _UNCERTAIN else None,
        setback=_setback(draft) if draft.setbacks and draft.status is not _NOT_YET_IN_FORCE else None,
        proposals=proposals,
        why=why,
        zone=view.zone,
        local_zone=view.index.agreement.local_zone,
    )
    return status


def _standing_parts(entry: Entry, view: View) -> tuple[tuple[str, ...] | None, tuple[str, ...], tuple[str, ...]]:
    """What an answer holds that no instant under the view's cut-off changes, worked out once per obligation per cut-off.

    That is its bearers (None when a succession can change them, so that
    :func:`_bearers` reads them at each instant), the signatories answerable
    for it, and the known changes to it proposed but never agreed.
    """
    key = ("standing parts", entry.obligation.id)
    found: tuple[tuple[str, ...] | None, tuple[str, ...], tuple[str, ...]] | None = view.memo.get(key)  # type: ignore[assignment]
    if found is None:
        obligation = entry.obligation
        succeeding: set[str] | None = view.memo.get(("succeeding",))  # type: ignore[assignment]
        if succeeding is None:  # the same for every obligation: made once per cut-off
            succeeding = view.memo[("succeeding",)] = {p.id for p in view.index.agreement.parties if p.successors and p.succeeded is not None}
        bearers = None if succeeding.intersection(obligation.bearers) else tuple(dict.fromkeys(obligation.bearers))
        found = view.memo[key] = (bearers, tuple(obligation.answerable), tuple(a.id for a in _proposals(obligation.id, view)))
    return found


def _deciding(event: Event) -> DecidingBreach:
    """The breach a ``breached`` status rests on, as the answer names it: a lasting one with the end its current report gives, or none."""
    return DecidingBreach(event.id, event.occurred, event.until.latest if event.until is not None else None, event.ongoing)


def _setback(draft: Draft) -> tuple[str, Window]:
    """The latest setback's id and when it happened: from its start to its end for one that lasted and ended."""
    event = draft.setbacks[-1].event
    span = Window(event.occurred.earliest, event.until.latest) if event.until is not None else event.occurred
    return event.id, span


def _deferred(entry: Entry, view: View, horizon: bool) -> Deferred:
    return Deferred(functools.partial(explain, entry, view if not view.brief else attrs.evolve(view, brief=False), horizon))


_NOTHING = Explanation()


def explain(entry: Entry, view: View, horizon: bool = True) -> Explanation:
    """The reasons, amendments and evidence behind ``entry``'s status through ``view``: the rules run again, writing as they go."""
    full = view if not view.brief else attrs.evolve(view, brief=False)
    draft, effective, _, _, _ = _judge(entry, full, horizon)
    obligation = entry.obligation
    return Explanation(
        amendments=tuple(_applied(a, effective, full) for a in draft.amendments),
        evidence=tuple(full.evidence(item) for item in (*draft.counted, *draft.setbacks)),
        breaches=tuple(full.evidence(item) for item in draft.breaches),
        context=tuple(full.evidence(item) for item in surely_by(full.linked(obligation.id, "context"), full.at)),
        reasons=tuple(draft.reasons),
    )


def rests_on(entry: Entry, draft: Draft) -> Callable[[str | None], bool]:
    """Whether an answer filled in ``draft`` rests on the id given: the obligation, its supplement, an amendment applied, an event counted or taken as a breach.

    A timeline asks this of the few causes at each boundary; the events are
    looked up in the runs the draft counted, so a busy obligation's
    thousands of counted reports are not written out at every boundary.
    """
    fixed = {entry.obligation.id, *(a.id for a in draft.amendments)} | ({entry.added_by.id} if entry.added_by is not None else set())

    def check(ref: str | None) -> bool:
        return ref is not None and (ref in fixed or draft.rests_on(ref))

    return check


def _judge(entry: Entry, view: View, horizon: bool) -> Judged:
    """Run the rules for ``entry`` through ``view``: the filled draft, when it took effect, the horizon, the breach history and who disputes it."""
    obligation = entry.obligation
    effective = effective_of(entry, view.index.agreement)
    draft = Draft()
    silent_on: str | None = None  # the obligation whose silence the answer rests on, when not this one: the one it waits for
    if obligation.depends_on is not None and _not_yet(entry, effective, view, draft):
        pass  # not in force by its own terms (or unknown under the cut-off), whatever is known of the one it waits for
    else:
        waiting = _dependency(entry, view, draft)
        if waiting is not None:
            effective = max(effective, waiting, key=utc)
        if waiting is not None or obligation.depends_on is None:
            if not _gate(entry, effective, view, draft):
                draft.ruled = True
                EVALUATORS[obligation.kind](entry, effective, view, draft)
        else:
            _ended_before_effect(view, draft)
            if draft.status is _NOT_YET_IN_FORCE:
                silent_on = obligation.depends_on
    if "setback" in view.index.table(obligation.id).roles:  # shown with any status, deciding none
        draft.setbacks = surely_by(view.linked(obligation.id, "setback"), view.at)
    found_horizon = _horizon(entry, effective, view, draft, silent_on) if horizon else None
    if found_horizon is not None:
        _stall_within(entry, found_horizon, view, draft)
    history = draft.history or (breach_history(obligation.id, view) if obligation.kind == "standing" else None)
    if history is not None and draft.status is _ENDED and history.count:
        draft.reasons.append(f"{breaches_in_evidence(history.count)} while it bound, latest {history.latest_id}")
        if not view.brief:  # listed with the evidence, as the headline counts them; the status rests on the ending alone
            draft.breaches = view.linked(obligation.id, "breaches").surely(view.at)
    if not view.brief:
        for item, why in view.set_aside(obligation.id):
            draft.reasons.append(f"not counted: {item.event.id} ({item.link.role}), {why}")
        for proposal in _proposals(obligation.id, view):
            draft.reasons.append(f"proposed but never agreed (not applied): {proposal.id}, {proposal.summary}")
    if draft.decisive:
        disputed = sorted({x.party for item in draft.decisive if item.event.disputed_by for x in item.event.disputed_by})
    else:
        disputed = sorted(draft.disputes())
    if disputed:
        draft.reasons.append(f"disputed by {', '.join(disputed)}")
    return draft, effective, found_horizon, history, tuple(disputed)


def _dependency(entry: Entry, view: View, draft: Draft) -> dt.datetime | None:
    """For an obligation that binds once another is fulfilled: when that happened, or None (and the draft says why)."""
    needed = entry.obligation.depends_on
    if needed is None:
        return None
    done = surely_by(view.linked(needed, "fulfils"), view.at)
    if not done:
        draft.waits_on = needed
        draft.done(Status.NOT_YET_IN_FORCE, f"binds once {needed} is fulfilled, which no known report shows by then")
        return None
    draft.decisive.append(done[0])
    draft.reasons.append(f"binds from the fulfilment of {needed} ({done[0].event.id}, {view.span(done[0].when)})")
    return done[0].when.latest


def _proposals(obligation_id: str, view: View) -> list[Amendment]:
    """Known changes to ``obligation_id`` that were proposed or announced but never agreed."""
    found = view.index.amendments.get(obligation_id)
    if not found:  # most obligations are never amended
        return []
    return [a for a in found if a.status == "proposed" and view.knows(a.known_from)]


def _bearers(bearers: Sequence[str], view: View) -> tuple[str, ...]:
    """The bearers at ``view.at``: a party succeeded by others by then is replaced by its successors."""
    parties: dict[str, Party] | None = view.memo.get(("parties",))  # type: ignore[assignment]
    if parties is None:  # the same for every obligation and instant: made once per cut-off
        parties = view.memo[("parties",)] = {p.id: p for p in view.index.agreement.parties}
    out: list[str] = []
    for who in bearers:
        party = parties.get(who)
        if party is not None and party.successors and party.succeeded is not None and end_of_day(party.succeeded, view.zone) <= view.at:
            out += [s for s in party.successors if s not in out]
        elif who not in out:
            out.append(who)
    return tuple(out)


def _not_yet(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> bool:
    """Settle ``not yet in force`` by the obligation's own terms: added by a supplement not yet known, or before its start; True when settled."""
    supplement = entry.added_by
    if supplement is not None and not view.knows(supplement.known_from):
        return bool(draft.done(Status.NOT_YET_IN_FORCE, f"added by {supplement.id}, announced {view.span(supplement.announced)}, after the knowledge cut-off"))
    if _before(view, view.at, effective, entry.obligation.id):
        draft.done(Status.NOT_YET_IN_FORCE, f"takes effect at {view.when(effective)}")
        _ended_before_effect(view, draft)
        return True
    return False


def _before(view: View, value: dt.datetime, limit: dt.datetime, obligation_id: str) -> bool:
    """``value < limit``, as Python compares the two, with ``limit``'s integer key kept for the obligation by the tracker's index.

    Two instants in different zones compare as instants, which their keys
    (:func:`~ceasefire.time.micros`) do without asking either zone for its
    offset again; two in one zone object compare by their local times, so
    they are compared as they are. ``limit``'s key is worked out without
    :func:`~ceasefire.time.micros`, whose one remembered instant is then
    still the instant asked about.
    """
    if value.tzinfo is limit.tzinfo:
        return value < limit
    keys = view.index.keys
    found = keys.get(obligation_id)
    if found is None or found[0] is not limit:
        found = keys[obligation_id] = (limit, _SUBTRACT(limit, _EPOCH) // _MICRO)
    return micros(value) < found[1]


_SUBTRACT = dt.datetime.__sub__  # the standard library's own, not pendulum's, which builds an interval
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_MICRO = dt.timedelta(microseconds=1)


def _gate(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> bool:
    """Settle the statuses every kind shares; True when the answer is final."""
    if _not_yet(entry, effective, view, draft):
        return True
    amendments = view.amendments(entry.obligation.id)
    draft.amendments = amendments
    whole = _agreement_ended(view)
    if whole is not None:
        draft.ended_by = whole.id
        kept, breaches = view.linked(entry.obligation.id, "fulfils", "advances"), view.linked(entry.obligation.id, "breaches")
        draft.count(surely_by(kept, view.at), kept)
        draft.breach(surely_by(breaches, view.at), breaches)
        if whole.linked is not None:
            draft.count([whole.linked])
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
        closing = surely_by(view.linked(stop, "fulfils"), view.at)
        if closing:
            draft.count(closing[:1])
            draft.ended_by = closing[0].event.id
            return bool(draft.done(Status.ENDED, f"bound until {stop} was fulfilled, which {closing[0].event.id} reports ({view.span(closing[0].when)})"))
    last_day = entry.obligation.until
    if last_day is not None and view.at > end_of_day(last_day, view.zone):
        return bool(draft.done(Status.ENDED, f"bound until the end of {last_day.isoformat()} ({view.zone})"))
    ends = view.linked(entry.obligation.id, "ends")
    enders = surely_by(ends, view.at) if ends else []
    if enders:
        first = enders[0]
        assert first.occurred is not None
        draft.count(enders, ends)
        draft.ended_by = first.event.id
        return bool(draft.done(Status.ENDED, f"ended by event {first.event.id} ({view.span(first.occurred)})"))
    if control and control[-1].kind == "suspend":
        begun = control[-1].in_effect_from
        if isinstance(entry.obligation, TermObligation):
            ran_out = term.own_end(entry, effective, view)
            if ran_out is not None and ran_out <= begun:
                return False  # a term that had already run out (or ended after notice) is not suspended afterwards: its own rule says it ended
        return bool(draft.done(Status.SUSPENDED, f"suspended by {control[-1].id} from {view.when(begun)}"))
    return False


def _ended_before_effect(view: View, draft: Draft) -> None:
    """An obligation not yet in force when the whole agreement ended never will be: it is ended, never having bound."""
    whole = _agreement_ended(view)
    if whole is not None:
        draft.ended_by = whole.id
        draft.done(Status.ENDED, f"the whole agreement ended ({whole.how}, {whole.id}) before this obligation took effect: it never bound")


def _agreement_ended(view: View) -> Ender | None:
    """The first known ending of the whole agreement that had surely happened by ``view.at``."""
    if not view.index.enders:
        return None
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


def _horizon(entry: Entry, effective: dt.datetime, view: View, draft: Draft, silent_on: str | None = None) -> Horizon | None:
    """Turn a status that rests on silence into ``unmonitored`` where no loaded evidence watched.

    A standing obligation needs the time asked about watched (the whole day
    for a date, from when it takes effect if that is later in the day); the other kinds need every instant from taking effect to the
    time asked about watched, since whatever was owed could have been done
    at any of them. An obligation not yet in force because no report shows
    the one it waits for fulfilled (``silent_on``) rests on silence about
    that one: every instant from taking effect must be watched for it.
    """
    if silent_on is None and draft.status not in SILENT_STATUSES and not draft.rests_on_silence:
        return None
    obligation_id = silent_on or entry.obligation.id
    spans = view.spans(obligation_id)
    standing = entry.obligation.kind == "standing" and silent_on is None
    low = max(view.first, effective) if standing else effective
    if _covered(spans, low, view.at):
        return None
    last_at = _last_watched(spans, low, view.at, standing)
    last = _raw_status(entry, view, last_at) if last_at is not None else None
    inferred = view.inferred(obligation_id)
    if not view.brief:  # a brief view leaves the reasons unwritten
        needed = view.span(Window(low, view.at)) if low != view.at else view.when(view.at)
        why = f"no loaded evidence watches {obligation_id} over {needed}"
        if last_at is not None and last is not None:
            why += f"; the evidence ends at {view.when(last_at)}, {stood_then(last)}"
        else:
            why += "; no evidence covers it at all"
        if inferred:
            why += " (coverage inferred from the first and last reports of a log that declares none)"
        draft.reasons.insert(0, f"{draft.status} as far as reports go, but {why}" if draft.status in SILENT_STATUSES or silent_on else why)
    draft.status = _UNMONITORED
    return Horizon(evidence_ends=last_at, last_known=last, inferred=inferred, day_zone=_day_zone(last_at, view))


def _day_zone(value: dt.datetime | None, view: View) -> str | None:
    """The agreement's reference zone, else its local zone, in which ``value`` is the last instant of a day; None when it is neither.

    Worked out once per instant under a cut-off: every answer past the same
    edge of the evidence names the same instant (a timeline asks about
    hundreds of them).
    """
    if value is None:
        return None
    key = ("day zone", micros(value))
    memo = view.memo
    if key in memo:
        return memo[key]  # type: ignore[return-value]
    found = None
    agreement = view.index.agreement
    for name in dict.fromkeys(z for z in (agreement.zone, agreement.local_zone) if z is not None):
        local = in_zone(value, name)
        if local == end_of_day(local.date(), name):
            found = name
            break
    memo[key] = found
    return found


def _raw_status(entry: Entry, view: View, when: dt.datetime) -> Status:
    """The status at ``when`` without the horizon, worked out once per cut-off: every later instant past the same edge of the evidence asks for it."""
    key = ("raw status", entry.obligation.id, micros(when))
    found = view.memo.get(key)
    if found is None:
        found = view.memo[key] = run_rules(entry, view.at_instant(when), horizon=False)[0].status  # the status alone: no answer object is built
    return found  # type: ignore[return-value]


def _stall_within(entry: Entry, found: Horizon, view: View, draft: Draft) -> None:
    """Keep a stall only if it was reached while the evidence still watched: silence past its end proves nothing."""
    obligation = entry.obligation
    stale = obligation.stale_after if isinstance(obligation, ProgressObligation) else None  # only work with steps can stall (a getattr on the others is a costly miss)
    if draft.stalled_since is None or stale is None:
        return
    ends = found.evidence_ends
    if ends is None or stale.after(draft.stalled_since, view.zone) > ends:
        draft.stalled_since = None
        draft.reasons[:] = [r for r in draft.reasons if not r.startswith("stalled:")]


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
    "deadline": deadline.judge,
    "standing": standing.judge,
    "progress": progress.judge,
    "term": term.judge,
}
"""The evaluator for each obligation ``kind``."""
