"""The rule for progress obligations: work that advances by steps and figures toward completion."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence

from ..model import ProgressObligation, Quantity
from ..results import ReportedQuantity, Status, breaches_in_evidence
from .draft import Draft, Known
from .evidence import Entry, Linked, View, maybe_by, order_of, surely_by
from .standing import breach_state

# Enum members read once here: in Python 3.11 each ``Status.X`` or ``Known.X`` goes through the enum
# metaclass's attribute hook, several times the cost of reading a global, and every run of the rules reads many.
_NO = Known.NO
_UNDONE = {Known.YES: Status.BREACHED, Known.MAYBE: Status.UNCERTAIN}
"""Completed work's status when a breach after it surely (YES) or perhaps (MAYBE) undoes it; otherwise it is ``fulfilled``."""


def decide(*, completed: bool, targets_met: bool, breached: bool, progressed: bool, undone: Known = Known.NO) -> Status:
    """The status of a progress obligation, from the few facts it rests on.

    This is the whole rule of the kind: :func:`judge` gathers the facts from
    events that may be known only to a window, and the bulk path tabulates
    this function over the facts it reads from columns of instants and windows.

    - ``completed``: a completion surely happened by the instant asked about
      (it decides, whatever came before it);
    - ``targets_met``: without a completion, every target is reached by the
      figures reported by then;
    - ``breached``: a breach surely happened by then;
    - ``progressed``: a progress report surely happened by then;
    - ``undone``: for work that must stay done (``kept``), whether a breach
      after the completion reaches into the time asked about (MAYBE when one
      only may); NO for other work.
    """
    if completed:
        return _UNDONE.get(undone, Status.FULFILLED)
    if targets_met:
        return Status.FULFILLED
    if breached:
        return Status.BREACHED
    return Status.IN_PROGRESS if progressed else Status.PENDING


def judge(entry: Entry, effective: dt.datetime, view: View, draft: Draft) -> None:
    """Fulfilled on a completion or every target reached, breached, in progress on steps, pending on none; a stall where work has no date."""
    obligation = entry.obligation
    assert isinstance(obligation, ProgressObligation)
    fulfils, advances, breaches = view.linked(obligation.id, "fulfils"), view.linked(obligation.id, "advances"), view.linked(obligation.id, "breaches")
    done, steps, broken = surely_by(fulfils, view.at), surely_by(advances, view.at), surely_by(breaches, view.at)
    draft.count(done, fulfils)
    draft.count(steps, advances)
    draft.breach(broken, breaches)
    draft.quantities = figures_to_date(entry, steps, done, view)
    figures = "" if view.brief else "; ".join(figure_text(q) for q in draft.quantities)  # written only into reasons, which a brief view leaves unwritten
    undoing = _undoing(done[0], broken, view) if done and obligation.kept else None
    met = not done and bool(obligation.targets) and _targets_met(obligation, draft.quantities)
    status = decide(completed=bool(done), targets_met=met, breached=bool(broken), progressed=bool(steps), undone=_undone(undoing))
    draft.steady = draft.steady | _steady(obligation, bool(done), met, bool(broken), bool(steps))
    if done:
        draft.decisive.append(done[0])
        draft.done(status, f"completion reported: {done[0].event.id} ({view.span(done[0].when)})")
        if undoing is not None:
            _kept(undoing, status, view, draft)
    elif met:
        draft.done(status, f"every target reached by reported figures: {figures}")
    elif broken:
        draft.decisive.append(broken[0])
        draft.breached_by = broken[0].event
        draft.done(status, f"breach reported: {broken[0].event.id} ({view.span(broken[0].when)})")
    elif steps:
        draft.done(status, f"{len(steps)} progress report(s)" + (f"; latest figures: {figures}" if figures else ""))
    else:
        draft.done(status, "no progress reported")
    possible = maybe_by(view.linked(obligation.id, "fulfils"), view.at)
    if possible and not done:
        draft.reasons.append(f"{possible[0].event.id} may already have completed it; it counts once it surely has")
    if obligation.stale_after is not None and draft.status in (Status.PENDING, Status.IN_PROGRESS):
        last = steps[-1].when.latest if steps else effective
        if view.at > obligation.stale_after.after(last, view.zone):
            draft.stalled_since = last
            since = f"since {view.when(last)}" if steps else f"since it took effect at {view.when(last)}"
            draft.reasons.append(f"stalled: no progress reported {since}, more than {obligation.stale_after.words()}")


def _steady(obligation: ProgressObligation, done: bool, met: bool, broken: bool, progressed: bool) -> frozenset[str]:
    """The roles whose later events leave a progress obligation's status as it is (see :attr:`~.draft.Draft.steady`).

    The reports that surely happened by a later instant extend those of an
    earlier one, in the order their windows close, so the first completion
    stays the first. Once completed, only breaches after the completion can
    matter, and only for work that must stay done. Before a completion,
    progress reports can reach (or, by a lower total, leave) a target, so
    they are steady only without targets and once there is a report or a
    breach; a breach changes nothing once one is known or every target is met.
    """
    if done:
        return frozenset({"fulfils", "advances"} if obligation.kept else {"fulfils", "advances", "breaches"})
    roles = set()
    if broken or met:
        roles.add("breaches")
    if not obligation.targets and (broken or progressed):
        roles.add("advances")
    return frozenset(roles)


_Undoing = tuple[list[Linked], list[tuple[Linked, str | None, bool]]]
"""The breaches after a completion as found, and in order each with whether it breaches over the time asked about and whether that rests on silence."""


def _undoing(completion: Linked, broken: list[Linked], view: View) -> _Undoing:
    """For work that must stay done: the breaches after its completion that may bear on the time asked about, with their states."""
    known = view.linked(completion.link.obligation, "breaches")
    later = [b for b in broken if b.event.occurred.earliest >= completion.when.earliest]
    # Lasting breaches, and single ones whose window holds the instant asked about, may undo the work though not surely over by then.
    later += [b for b in (*(b for b in known if b.event.lasting), *maybe_by(known, view.at)) if b not in later and b.event.occurred.earliest >= completion.when.earliest]
    return later, [(b, *breach_state(b.event, view.first, view.at)) for b in sorted(later, key=order_of)]


def _undone(undoing: _Undoing | None) -> Known:
    """Whether a breach after the completion surely (YES) or perhaps (MAYBE) undoes kept work over the time asked about."""
    if undoing is None:
        return _NO
    found = {state for _, state, _ in undoing[1]}
    return Known.YES if "on" in found else Known.MAYBE if "maybe" in found else Known.NO


def _kept(undoing: _Undoing, status: Status, view: View, draft: Draft) -> None:
    """Work that must stay done: a breach after its completion undoes it while the breach lasts."""
    later, states = undoing
    on = [b for b, state, _ in states if state == "on"]
    maybe = [b for b, state, _ in states if state == "maybe"]
    if on:
        # Undone only because no report ended an ongoing breach: past what the evidence watches, that is silence.
        draft.rests_on_silence = all(silent for _, state, silent in states if state == "on")
        draft.decisive[:] = on[:1]
        draft.breached_by = on[0].event
        draft.done(status, f"done, but undone again: {on[0].event.id} ({view.span(on[0].event.occurred)})")
    elif maybe:
        undone = maybe[0].event
        draft.open_window = (undone.id, undone.until if undone.lasting and undone.until is not None and undone.occurred.latest <= view.at else undone.occurred)
        draft.done(status, f"done, but {maybe[0].event.id} may have undone it ({view.span(maybe[0].event.occurred)})")
    elif later:
        draft.reasons.append(f"kept since; {breaches_in_evidence(len(later))} after it, latest {later[-1].event.id}")


def _sum_qualifier(one: str, other: str) -> str:
    """How sure a sum is: exact only if both parts are; a floor if both are floors; otherwise approximate."""
    if one == other == "exactly":
        return "exactly"
    if one in ("exactly", "at least", "more than") and other in ("exactly", "at least", "more than"):
        return "at least"
    return "about"


def figures_to_date(entry: Entry, steps: list[Linked], done: list[Linked], view: View) -> list[ReportedQuantity]:
    """The figures to date from the progress and completions that had surely happened, remembered per cut-off.

    ``steps`` and ``done`` are always leading runs of the obligation's known
    reports in order, so their lengths name them; a timeline asks about many
    instants between the same two reports. With no completion, the figures
    are carried forward from the last run of steps asked about, so a
    timeline folds each report once rather than all reports at every one.
    """
    key = ("figures", entry.obligation.id, len(steps), len(done))
    found = view.memo.get(key)
    if found is None:
        targets = getattr(entry.obligation, "targets", ())
        if view.index.table(entry.obligation.id).spellings() == _NO_NAMES:  # no link gives the obligation a figure: there is nothing to fold
            found = view.memo[key] = []
        elif done:  # steps and completions that surely happened by an instant are, together, a leading run of both roles' reports in order
            both = view.linked(entry.obligation.id, "advances", "fulfils")
            run = surely_by(both, view.at)
            assert len(run) == len(steps) + len(done), "the steps and completions asked about are not those surely made by the instant"
            found = view.memo[key] = _carried(("with completions", entry.obligation.id), targets, run, view)
        else:
            found = view.memo[key] = _carried(("steps", entry.obligation.id), targets, steps, view)
    return list(found)  # type: ignore[call-overload,no-any-return]


_NO_NAMES: frozenset[str] = frozenset()

_Running = tuple[float, str, Quantity, str, "str | None", bool]
"""One quantity's figure so far: its value, how sure it is, the last report's figure, that report's event id, the name that report used (when an alias), and whether that report added to an earlier figure."""


def _carried(name: tuple[str, str], targets: Sequence[Quantity], steps: list[Linked], view: View) -> list[ReportedQuantity]:
    """The figures of the first ``len(steps)`` reports of a run, from those of a shorter leading run worked out before under the same cut-off.

    ``name`` is the run's kind and its obligation's id. Where no event gives
    the obligation a figure twice, the reports are read from the last back
    (:func:`_fold_back`), else in order (:func:`_fold`).
    """
    key = ("figures so far", *name)
    carried: tuple[int, dict[str, _Running], set[tuple[str, int]]] = view.memo.get(key, (0, {}, set()))  # type: ignore[assignment]
    count, running, applied = carried if carried[0] <= len(steps) else (0, {}, set())
    running = dict(running)
    spellings = view.index.table(name[1]).spellings()  # cut-off independent: a run is folded the same way at every length
    if spellings is None:
        _fold(running, steps[count:], targets, applied)
    elif spellings:
        _fold_back(running, steps[count:], targets, spellings)
    view.memo[key] = (len(steps), running, applied)  # the set of figures applied only grows along a run, so it is carried as it is
    goals = {t.name: t.value for t in targets}
    return [_figure(name, running[name], goals.get(name)) for name in sorted(running)]


def _figure(name: str, found: _Running, target: float | None) -> ReportedQuantity:
    """The reported figure of one quantity so far: the last report's own words, or for a sum, the total and what the last report added."""
    value, qualifier, last, event_id, reported_as, summed = found
    words = f"{value:g} in all, after {last.text or f'{last.value:g} more'}" if summed else last.text
    return ReportedQuantity(name, value, qualifier, words, event_id, target, reported_as)


def _fold(running: dict[str, _Running], items: Sequence[Linked], targets: Sequence[Quantity], applied: set[tuple[str, int]]) -> None:
    """Apply ``items``, in order, to the figures in ``running``: a total replaces what came before, an increment adds to it.

    Reports under a target's alias count as that target. Each figure of an
    event counts once, however many of its links in the run name it (one
    linked both as progress and as the completion adds its increment once),
    and a figure named by any of them counts (a step naming one figure and
    the completion another show both); ``applied`` holds the figures already
    counted, as (event id, place among the event's figures), and is
    extended. Only the figures are kept as they go; the words are written
    once, for the last report of each quantity, when the figures are read
    (:func:`_figure`).
    """
    names: dict[str, str] | None = None  # each spelling of a target's name (casefolded) to the target's name, made on first need
    for found in map(_FIGURES, items):  # the event's id and the figures its link lets count, read when the link was filed
        if found is None:
            continue
        event_id, figures = found
        if names is None:
            names = {alias.casefold(): t.name for t in targets for alias in (t.name, *t.aliases)}
        for place, folded, reported, value, qualifier, increment, q in figures:
            if (event_id, place) in applied:
                continue
            applied.add((event_id, place))
            name = names.get(folded, reported)
            if increment and (before := running.get(name)) is not None:
                running[name] = (before[0] + value, _sum_qualifier(before[1], qualifier), q, event_id, reported if reported != name else None, True)
            else:  # a total (or a first increment) stands for the quantity, whatever came before
                running[name] = (value, qualifier, q, event_id, reported if reported != name else None, False)


_FIGURES = operator.attrgetter("figures")


def _fold_back(running: dict[str, _Running], items: Sequence[Linked], targets: Sequence[Quantity], spellings: frozenset[str]) -> None:
    """What :func:`_fold` makes of ``items``, worked out from the last report back, for links that give no figure twice.

    ``spellings`` are every figure name the obligation's links report (see
    :meth:`~.evidence.LinkTable.spellings`), so the quantities a run can
    name are known before it is read. Going back from the last report, a
    quantity is settled at its latest total; the increments met after that
    total are then added to it in the order reported, as :func:`_fold` adds
    them, and those of a quantity with no total in ``items`` are added to
    its figure so far. Once every quantity is settled, the earlier reports
    can change nothing and are not read. No figure needs to be remembered
    as counted: none can be met twice.
    """
    names = {alias.casefold(): t.name for t in targets for alias in (t.name, *t.aliases)}
    unsettled = {names.get(reported.casefold(), reported) for reported in spellings}
    totals: dict[str, _Running] = {}
    added: dict[str, list[tuple[float, str, Quantity, str, str | None]]] = {}  # each quantity's increments after its total, latest first
    for found in map(_FIGURES, reversed(items)):
        if found is None:
            continue
        event_id, figures = found
        for _, folded, reported, value, qualifier, increment, q in reversed(figures):
            name = names.get(folded, reported)
            if name not in unsettled:  # a later total stands for it
                continue
            if increment:
                added.setdefault(name, []).append((value, qualifier, q, event_id, reported if reported != name else None))
            else:
                unsettled.discard(name)
                totals[name] = (value, qualifier, q, event_id, reported if reported != name else None, False)
        if not unsettled:
            break
    for name in totals.keys() | added.keys():
        figure = totals[name] if name in totals else running.get(name)
        for value, qualifier, q, event_id, reported_as in reversed(added.get(name, ())):
            if figure is None:  # a first increment stands for the quantity
                figure = (value, qualifier, q, event_id, reported_as, False)
            else:
                figure = (figure[0] + value, _sum_qualifier(figure[1], qualifier), q, event_id, reported_as, True)
        assert figure is not None
        running[name] = figure


def measures(item: Linked) -> list[Quantity]:
    """The figures of ``item``'s event that measure the obligation it is linked to: those its link names, else all."""
    chosen = item.link.quantities
    return list(item.event.quantities) if chosen is None else [q for q in item.event.quantities if q.name in chosen]


def _targets_met(obligation: ProgressObligation, figures: list[ReportedQuantity]) -> bool:
    by_name = {q.name: q for q in figures}
    for target in obligation.targets:
        got = by_name.get(target.name)
        if got is None or got.qualifier not in ("exactly", "at least", "more than") or got.value < target.value:
            return False
    return True


def figure_text(q: ReportedQuantity) -> str:
    words = q.text or f"{q.qualifier} {q.value:g}"
    return f"{q.name} {words}" + (f" (target {q.target:g})" if q.target is not None else "")
