"""The laws of ceasefire's deadline logic, each a function that raises AssertionError on a counterexample.

The test modules run each law under ``@given``; ``test_teeth.py`` runs the
same functions against deliberately broken engines and expects hypothesis to
find a counterexample.
"""

from __future__ import annotations

import datetime as dt
import json

from ceasefire import Agreement, Amendment, Citation, Due, Event, EventLog, Source, Status, Tracker, Window, parse_agreement, parse_events
from ceasefire.engine import evidence
from ceasefire.engine import term as term_rule
from ceasefire.model import Coverage, TermObligation
from ceasefire.time import in_zone
from ceasefire.results import ObligationStatus
from ceasefire.testing.strategies import landmarks_of as landmarks, span_text
from ceasefire.time import Span

from ._cases import TICK, Case, Edge, Term, cases, edges, fulfilment, terms
from ._compare import add_calendar, answer, answers, elsewhere, end_of_day, rewritten, subtract_calendar, utc, written

DONE_ON_TIME = Status.FULFILLED
NOT_YET_DUE = (Status.PENDING, Status.IN_PROGRESS)
LATE = (Status.FULFILLED_LATE, Status.OVERDUE)


def zone_invariance(case: Case) -> None:
    """Law 1: the same agreement, events and instant, written in other zones, give the same answers."""
    plain = Tracker(case.agreement, case.log)
    instants = (*case.moments, *landmarks(case.agreement, case.log))
    expected = [answers(plain.status_on(at)) for at in instants]
    for _ in range(2):
        moved = Tracker(rewritten(case.agreement, case.rng), rewritten(case.log, case.rng))
        for at, wanted in zip(instants, expected):
            assert answers(moved.status_on(elsewhere(at, case.rng))) == wanted, at


def order_independence(case: Case) -> None:
    """Law 2: shuffling the events and the amendments gives the same answers."""
    plain = Tracker(case.agreement, case.log)
    events, changes = list(case.log.events), list(case.agreement.amendments)
    case.rng.shuffle(events)
    case.rng.shuffle(changes)
    shuffled = Tracker(case.agreement.model_copy(update={"amendments": changes}), case.log.model_copy(update={"events": events}))
    for at in (*case.moments, *landmarks(case.agreement, case.log)):
        assert answers(shuffled.status_on(at)) == answers(plain.status_on(at)), at


def knowledge_cutoff(case: Case) -> None:
    """Law 3: asking with ``known_on=k`` equals asking over only what had been reported or announced by ``k``."""
    tracker = Tracker(case.agreement, case.log)
    for k in case.moments:
        filtered = Tracker(*_known_by(case, k))
        for at in case.moments:
            seen, expected = answers(tracker.status_on(at, known_on=k)), answers(filtered.status_on(at))
            for key, value in seen.items():
                if key in expected:
                    assert value == expected[key], (key, at, k)
                else:
                    assert value[0] is Status.NOT_YET_IN_FORCE, (key, at, k)


def _known_by(case: Case, k: dt.datetime) -> tuple[Agreement, EventLog]:
    """The agreement and log cut down to the amendments announced, and the events first reported, by ``k``.

    Links and amendments naming obligations that only an unannounced
    supplement adds go too, since those obligations are not known yet.
    """
    changes = [a for a in case.agreement.amendments if a.known_from <= k]
    known = {o.id for p in case.agreement.points for o in p.obligations} | {o.id for a in changes for o in a.obligations}
    changes = [a for a in changes if a.obligation is None or a.obligation in known]
    sources = {s.id: s for s in (*case.agreement.sources, *case.log.sources)}
    events = [
        e.model_copy(update={"links": [link for link in e.links if link.obligation in known]})
        for e in case.log.events
        if _first_reported(e, sources).latest <= k
    ]
    return case.agreement.model_copy(update={"amendments": changes}), case.log.model_copy(update={"events": events})


def _first_reported(event: Event, sources: dict[str, Source]) -> Window:
    """When an event was first reported: its own ``reported``, else the earliest publication among its sources."""
    if event.reported is not None:
        return event.reported
    dated = [sources[c.source].published for c in event.sources if sources[c.source].published is not None]
    return min(dated, key=lambda w: w.latest)  # type: ignore[arg-type, return-value]


def persistence(case: Case) -> None:
    """Law 4: with no amendment or end after it, a deadline obligation fulfilled at t is fulfilled at every later instant.

    A status can only change at a landmark (an instant when something takes
    effect, falls due, happens or is reported), so the later instants
    checked are every landmark after t and the microsecond after each.
    """
    tracker = Tracker(case.agreement, case.log)
    marks = landmarks(case.agreement, case.log)
    for t in case.moments:
        done = [o.obligation_id for o in tracker.status_on(t) if o.kind == "deadline" and o.status is DONE_ON_TIME]
        for later in (x for mark in marks for x in (mark, mark + TICK) if x > t) if done else ():
            report = tracker.status_on(later)
            for obligation_id in done:
                if not _changed_between(tracker, obligation_id, t, later):
                    assert report[obligation_id].status is DONE_ON_TIME, (obligation_id, t, later)


def _changed_between(tracker: Tracker, obligation_id: str, start: dt.datetime, end: dt.datetime) -> bool:
    """An amendment of the obligation, or an event ending it, took effect in ``(start, end]``."""
    changes = tracker.index.amendments.get(obligation_id, ())
    enders = [i for i in tracker.index.links.get(obligation_id, ()) if i.link.role == "ends"]
    return any(start < a.in_effect_from <= end for a in changes) or any(start < i.event.occurred.latest <= end for i in enders)


def extension(case: Case) -> None:
    """Law 5: moving a deadline later keeps on-time on time and not-yet-due not due; moving it earlier keeps late late and overdue overdue."""
    tracker = Tracker(case.agreement, case.log)
    for at in case.moments:
        for item in tracker.status_on(at):
            if item.kind == "deadline" and item.deadline is not None and item.status in (DONE_ON_TIME, *NOT_YET_DUE, *LATE):
                _check_move(case, item, at)


def _check_move(case: Case, item: ObligationStatus, at: dt.datetime) -> None:
    """Move ``item``'s deadline the way that should leave its status alone, and check that it does."""
    assert item.deadline is not None
    step = case.rng.choice([TICK, dt.timedelta(hours=5), dt.timedelta(days=3)])
    later = item.status not in LATE
    target = utc(item.deadline.latest) + step if later else utc(item.deadline.earliest) - step
    if target < utc(item.effective):
        return  # no amendment may set a deadline before the obligation binds (a relative deadline can fall there)
    moved = Tracker(_with_move(case, item.obligation_id, at, target), case.log).status_on(at)[item.obligation_id]
    if item.status in NOT_YET_DUE:
        assert moved.status in NOT_YET_DUE, (item.obligation_id, at, target)
    else:
        assert moved.status is item.status, (item.obligation_id, at, target)


def _with_move(case: Case, obligation_id: str, at: dt.datetime, target: dt.datetime) -> Agreement:
    """The agreement with one more amendment, in force at ``at`` and applied last, moving a deadline to ``target``."""
    announced = max([at, *(a.known_from for a in case.agreement.amendments)]) + dt.timedelta(days=1)
    move = Amendment(
        id="~moved", kind="move-deadline", summary="moved for the law", obligation=obligation_id, due=Due(at=target),
        agreed=Window.exact(at), announced=Window.exact(announced), sources=[Citation(source=case.agreement.sources[0].id)],
    )
    return case.agreement.model_copy(update={"amendments": [*case.agreement.amendments, move]})


def imprecise_evidence(edge: Edge) -> None:
    """Law 6: once past, a window straddling the deadline in force gives uncertain; narrowed to or before it, fulfilled; after it, fulfilled late."""
    window = edge.straddling
    ask = window.latest
    cases = {
        Status.UNCERTAIN: window,
        Status.FULFILLED: Window(window.earliest, edge.deadline),
        Status.FULFILLED_LATE: Window(utc(edge.deadline) + TICK, window.latest),
    }
    for expected, occurred in cases.items():
        got = Tracker(edge.agreement, fulfilment(occurred)).status_on(ask)[edge.obligation_id]
        assert got.status is expected, (expected, occurred, got.explain())


def dates_are_days(case: Case) -> None:
    """Law 7: a date asks about the whole day in the reference zone.

    Deadline, progress and term obligations answer as at the day's last
    instant; a standing obligation breached at that last instant is breached
    on the day too.
    """
    tracker = Tracker(case.agreement, case.log)
    for at in case.moments:
        day = elsewhere(at, case.rng).date()
        whole, last = tracker.status_on(day), tracker.status_on(end_of_day(day, case.agreement.zone))
        for item in whole:
            then = last[item.obligation_id]
            if item.kind != "standing":
                assert answer(item) == answer(then), (day, item.obligation_id)
            elif then.status is Status.BREACHED:
                assert item.status in (Status.BREACHED, Status.UNMONITORED), (day, item.obligation_id)


GATES = (Status.NOT_YET_IN_FORCE, Status.ENDED, Status.SUSPENDED, Status.UNMONITORED)


def whole_days(case: Case) -> None:
    """Law 9: a breach whose window lies inside one day makes that date breached, and never the instant before it."""
    tracker = Tracker(case.agreement, case.log)
    zone = case.agreement.zone
    for obligation_id, items in tracker.index.links.items():
        entry = tracker.index.entries.get(obligation_id)
        if entry is None or entry.obligation.kind != "standing":
            continue
        for item in items:
            event = item.event
            if item.link.role != "breaches" or event.lasting or event.id in tracker.index.histories:
                continue
            if utc(event.occurred.latest) < utc(evidence.effective_of(entry, tracker.agreement)):
                continue  # over before the obligation bound: not a breach of it
            day = in_zone(event.occurred.earliest, zone).date()
            if in_zone(event.occurred.latest, zone).date() != day:
                continue
            on_day = tracker.obligation_on(obligation_id, day)
            if on_day.status not in GATES:
                assert on_day.status is Status.BREACHED, (obligation_id, event.id, day)
            before = tracker.obligation_on(obligation_id, utc(event.occurred.earliest) - TICK)
            assert event.id not in " ".join(before.reasons[:1]) or before.status is not Status.BREACHED, (obligation_id, event.id)


def corrections(case: Case) -> None:
    """Law 10: a correction published after ``k`` never changes an answer under ``known_on=k``.

    The first version of an event counts from its own report, even when its
    version stamp (a dataset's last-modified time) is later, and whether or
    not later versions are loaded.
    """
    for k in case.moments:
        known = [e for e in case.log.events if e.version is None and _first_reported(e, _sources(case)).latest <= k]
        if not known:
            continue
        target = known[0]
        stamped = target.model_copy(update={"version": utc(k) + dt.timedelta(days=1)})
        fixed = stamped.model_copy(update={"version": utc(k) + dt.timedelta(days=2), "links": []})
        events = [stamped if e is target else e for e in case.log.events]
        before = Tracker(case.agreement, case.log.model_copy(update={"events": events}))
        after = Tracker(case.agreement, case.log.model_copy(update={"events": [*events, fixed]}))
        for at in case.moments:
            assert answers(after.status_on(at, known_on=k)) == answers(before.status_on(at, known_on=k)), (at, k)


def horizons(case: Case) -> None:
    """Law 11: adding a log that watches a later period never changes answers inside the earlier coverage."""
    moments = sorted(case.moments, key=utc)
    end = moments[len(moments) // 2]
    watched = case.log.model_copy(update={"covers": [Coverage(start=min(utc(case.agreement.effective), utc(end)), end=end)]})
    later = EventLog(covers=[Coverage(start=utc(end) + TICK, end=utc(end) + dt.timedelta(days=400))])
    alone, both = Tracker(case.agreement, watched), Tracker(case.agreement, watched, later)
    for at in moments:
        if utc(at) <= utc(end):
            assert answers(both.status_on(at)) == answers(alone.status_on(at)), at


def _sources(case: Case) -> dict[str, Source]:
    return {s.id: s for s in (*case.agreement.sources, *case.log.sources)}


def renewal_arithmetic(term: Term) -> None:
    """Law 8: each term period ends, and its notice falls due, where plain calendar arithmetic on the zone's wall clock puts it."""
    obligation = TermObligation(
        id="o1", bearers=["p1"], summary="stay", period=Span.parse(span_text(term.period)),
        renewal=Span.parse(span_text(term.renewal)) if term.renewal else None,
        notice=Span.parse(span_text(term.notice)) if term.notice else None,
    )
    ends = [add_calendar(term.start, term.zone, **_times(term.period, term.renewal, k)) for k in range(term.periods + 1)]
    for k in range(term.periods if term.renewal else 1):
        begin = term.start if k == 0 else ends[k - 1]
        for until in (begin, utc(ends[k]) - TICK):
            index, got_begin, got_end = term_rule.term_periods(obligation, term.start, term.zone, until)
            assert (index, utc(got_begin), utc(got_end)) == (k, utc(begin), utc(ends[k])), (k, until)
        if term.notice:
            due = subtract_calendar(ends[k], term.zone, **term.notice)
            assert utc(obligation.notice.before(ends[k], term.zone)) == utc(due), k  # type: ignore[union-attr]


def _times(period: dict[str, int], renewal: dict[str, int] | None, k: int) -> dict[str, int]:
    """The parts of one period followed by ``k`` renewals, unit by unit."""
    return {unit: period.get(unit, 0) + k * (renewal or {}).get(unit, 0) for unit in ("years", "months", "weeks", "days")}


def round_trip(case: Case) -> None:
    """Law 9: an agreement and its log, dumped to JSON-ready data or JSON text and read back, are unchanged.

    Unchanged means every field equal, and every instant the same instant
    written with the same UTC offset (see :func:`written`).
    """
    for model in (case.agreement, rewritten(case.agreement, case.rng)):
        assert written(parse_agreement(model.model_dump(mode="json"))) == written(model)
        assert written(parse_agreement(json.loads(model.model_dump_json()))) == written(model)
    for log in (case.log, rewritten(case.log, case.rng)):
        assert written(parse_events(log.model_dump(mode="json"))) == written(log)
        assert written(parse_events(json.loads(log.model_dump_json()))) == written(log)


FOCUSED = {"max_obligations": 3, "max_amendments": 2}
"""Few obligations, so that several events bear on each."""

LAWS = {
    "zone_invariance": (zone_invariance, cases(max_obligations=2, max_amendments=2)),
    "order_independence": (order_independence, cases(max_obligations=2, max_amendments=2)),
    "knowledge_cutoff": (knowledge_cutoff, cases(**FOCUSED)),
    "persistence": (persistence, cases(kinds=("deadline",), roles=("fulfils", "breaches"), max_obligations=2, max_amendments=1)),
    "extension": (extension, cases(kinds=("deadline",), **FOCUSED)),
    "imprecise_evidence": (imprecise_evidence, edges()),
    "dates_are_days": (dates_are_days, cases()),
    "whole_days": (whole_days, cases(kinds=("standing",), roles=("breaches",), max_obligations=2, max_amendments=0)),
    "corrections": (corrections, cases(**FOCUSED)),
    "horizons": (horizons, cases(**FOCUSED)),
    "renewal_arithmetic": (renewal_arithmetic, terms()),
    "round_trip": (round_trip, cases(moments=1)),
}
"""Each law by name: the function that checks it, and the strategy for its inputs."""
