"""A reference evaluator for every obligation kind, written plainly from the documents, for ``tests/test_oracle_kinds.py``.

It answers "what status does this obligation have, asked about an instant or
a whole day, as known at a cut-off?" for a small agreement described in
plain data. Every instant is a number of hours after the agreement took
effect (00:00 in Asia/Baku, so day ``d`` is the hours ``24*d`` to
``24*d + 24``). A day's last instant is written ``24*d + 23.5``: for every
comparison with the whole hours the cases use, it behaves as the instant
just before the next day starts, which is what a day means
(docs/concepts.md, "Time").

The rules below are taken from docs/concepts.md (C), docs/decisions.md (D)
and the public docstrings of ``ceasefire.model`` (M). Where those leave a
point open, the engine was read to settle it, and the comment says
"settled by reading the engine" and names the module. Nothing here is
imported from ``ceasefire``: the reference shares no code with the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

Hour = float
"""An instant, in hours after the agreement took effect (whole hours, or a day's last instant)."""

SILENT = {"pending", "in progress", "overdue", "in force", "complied", "holding"}
"""Statuses that rest on silence (C, "The evidence horizon")."""


@dataclass(frozen=True)
class Due:
    """A deadline: ``at`` an hour, ``by`` the end of day ``day``, or ``within`` some hours of taking effect, of ``after`` or of the first fulfilment of ``of``."""

    at: int | None = None
    day: int | None = None
    within: int | None = None
    after: int | None = None
    of: str | None = None


@dataclass(frozen=True)
class Obligation:
    """One obligation of any kind, with only the fields its kind uses."""

    id: str
    kind: str
    effective: int | None = None
    due: Due | None = None
    targets: tuple[tuple[str, int], ...] = ()
    stale: int | None = None
    period: int = 0
    renewal: int | None = None
    notice: int | None = None
    added_by: str | None = None


@dataclass(frozen=True)
class Amendment:
    """A dated change: move-deadline (with ``due``), suspend, resume, end, supplement or end-agreement."""

    id: str
    kind: str
    obligation: str | None
    agreed: int
    announced: int
    due: Due | None = None
    proposed: bool = False


@dataclass(frozen=True)
class Quantity:
    """A reported figure."""

    name: str
    value: int
    qualifier: str = "exactly"
    counts: str = "total"


@dataclass(frozen=True)
class Record:
    """One record (version) of an event, linked to one obligation in one role, or ending the whole agreement.

    ``occurred`` to ``occurred + width`` is when it happened (for a lasting
    happening, when it started); ``until`` and ``until_width`` when a lasting
    one ended; ``ongoing`` for one no report has ended.
    """

    id: str
    version: int | None
    occurred: int
    reported: int
    obligation: str | None
    role: str
    width: int = 0
    until: int | None = None
    until_width: int = 0
    ongoing: bool = False
    quantities: tuple[Quantity, ...] = ()
    ends_agreement: bool = False

    @property
    def lasting(self) -> bool:
        return self.until is not None or self.ongoing

    def when(self) -> tuple[int, int] | None:
        """When the link takes effect, as (earliest, latest); None for a lasting completion still under way.

        C, "Happenings that last": a lasting happening linked as fulfils, ends
        or notice counts when it is over, never while ongoing; in every other
        role it counts from its start.
        """
        if self.lasting and self.role in ("fulfils", "ends", "notice"):
            if self.until is None:
                return None
            return (self.until, self.until + self.until_width)
        return (self.occurred, self.occurred + self.width)


@dataclass(frozen=True)
class Case:
    """A generated agreement with its amendments, and a feed of records and deletions."""

    obligations: tuple[Obligation, ...]
    amendments: tuple[Amendment, ...]
    records: tuple[Record, ...]
    deletions: tuple[tuple[str, int], ...]

    def obligation(self, oid: str) -> Obligation:
        return next(o for o in self.obligations if o.id == oid)


@dataclass(frozen=True)
class Question:
    """A question: the instants ``first`` to ``last`` (equal for an instant, a whole day otherwise), as known at ``cutoff`` (None: everything)."""

    first: Hour
    last: Hour
    cutoff: int | None


@dataclass(frozen=True)
class Answer:
    """What the reference says: the status, the deadline in force as (earliest, latest) where the kind's rule gave one, and when a stall began."""

    status: str
    deadline: tuple[Hour, Hour] | None = None
    stalled_since: Hour | None = None
    ruled: bool = False
    """True when the kind's own rule decided (not a gate such as suspended or ended): only then is the deadline compared."""
    on_silence: bool = False
    """A standing obligation ``breached`` only by lasting breaches no report has ended: that too rests on silence."""


# --- what is known: versions, deletions, the cut-off (C, "Revised data" and "The knowledge cut-off")


def knows(q: Question, instant: Hour) -> bool:
    """Something reported or announced at ``instant`` is known under the cut-off."""
    return q.cutoff is None or instant <= q.cutoff


def current(case: Case, record: Record, cutoff: int | None) -> bool:
    """Whether ``record`` is its event's current record under the cut-off.

    C: the event counts as its latest version published by k, and not at all
    if a deletion published by k came after it; without k the newest entry
    decides; the first version counts from its own first report when that
    is earlier than its stamp. A deletion at the same instant as a version
    comes after it (D, "Bulk path: one set of rules").
    """
    mine = [r for r in case.records if r.id == record.id]
    gone = [h for e, h in case.deletions if e == record.id]
    if len(mine) == 1 and not gone:
        return True
    history = [(r.version if r.version is not None else r.reported, 0, r) for r in mine] + [(h, 1, None) for h in gone]
    history.sort(key=lambda item: (item[0], item[1]))
    first = next(n for n, item in enumerate(history) if item[1] == 0)
    first_record = history[first][2]
    assert first_record is not None
    if first_record.reported < history[first][0]:
        history[first] = (first_record.reported, 0, first_record)
        history.sort(key=lambda item: (item[0], item[1]))
    newest = None
    for when, _, which in history:
        if cutoff is not None and when > cutoff:
            break
        newest = which
    return newest is record


def effective(case: Case, ob: Obligation) -> int:
    """When it binds: its own ``effective``, else when the supplement adding it applies, else when the agreement does (M, ``effective``; C, amendments apply from when agreed)."""
    if ob.effective is not None:
        return ob.effective
    if ob.added_by is not None:
        return next(a for a in case.amendments if a.id == ob.added_by).agreed
    return 0


def order(r: Record) -> tuple[int, int, str]:
    """Earliest-ending first, then earliest-starting, then by id (D, "Explanations on demand": kept earliest-ending first)."""
    when = r.when()
    assert when is not None
    return (when[1], when[0], r.id)


def linked(case: Case, ob: Obligation, roles: tuple[str, ...], cutoff: int | None) -> list[Record]:
    """Current records linked to ``ob`` in ``roles``, reported by the cut-off and counting for it, in order.

    C: events that happened before an obligation took effect do not count
    towards it; a happening that lasts past that instant did not happen
    before it (the engine once set such a happening aside; see docs/decisions.md, eighth session). Settled by reading the engine
    (engine/evidence.py, ``COUNTED``): that applies to fulfils, advances and
    breaches; an ``ends`` or ``notice`` report always counts as given. A
    lasting completion still under way has no place in the order and never
    counts.
    """
    start = effective(case, ob)
    found = []
    for r in case.records:
        if r.obligation != ob.id or r.role not in roles or (cutoff is not None and r.reported > cutoff) or not current(case, r, cutoff):
            continue
        when = r.when()
        if when is None:
            continue
        if r.role in ("fulfils", "advances", "breaches") and over_by(r) < start:
            continue
        found.append(r)
    return sorted(found, key=order)


def over_by(r: Record) -> float:
    """The instant by which a happening was surely over: the end of its window, or of its ``until`` window if it lasts (never, while ongoing)."""
    if r.ongoing:
        return float("inf")
    if r.until is not None:
        return r.until + r.until_width
    return r.occurred + r.width


def surely(records: list[Record], t: Hour) -> list[Record]:
    """Those that surely happened by ``t``: their window ended at or before it (C, "When evidence counts")."""
    return [r for r in records if r.when()[1] <= t]  # type: ignore[index]


def maybe(records: list[Record], t: Hour) -> list[Record]:
    """Those that may, but need not, have happened by ``t``: their window straddles it."""
    return [r for r in records if r.when()[0] <= t < r.when()[1]]  # type: ignore[index]


# --- what every kind shares (C, "Amendments", "Arrangements that end", "The evidence horizon")


def agreement_ended(case: Case, t: Hour, q: Question) -> bool:
    """Whether the whole agreement had surely ended by ``t`` as known at the cut-off: an agreed end-agreement amendment announced by then, or an event ending it reported by then."""
    for a in case.amendments:
        if a.kind == "end-agreement" and not a.proposed and knows(q, a.announced) and a.agreed <= t:
            return True
    for r in case.records:
        if r.ends_agreement and knows(q, r.reported) and current(case, r, q.cutoff) and r.occurred + r.width <= t:
            return True
    return False


def answer(case: Case, oid: str, q: Question) -> Answer:
    """The reference status of obligation ``oid`` for question ``q``."""
    ob = case.obligation(oid)
    t = q.last  # C: a day is asked about as at its last instant, except for a standing obligation's breaches
    start = effective(case, ob)
    if ob.added_by is not None:
        supplement = next(a for a in case.amendments if a.id == ob.added_by)
        if not knows(q, supplement.announced):
            return Answer("not yet in force")  # C, status vocabulary
    if t < start:
        # D, "An obligation that never took effect ends with the agreement".
        return Answer("ended" if agreement_ended(case, t, q) else "not yet in force")
    if agreement_ended(case, t, q):
        return Answer("ended")
    # M: suspend, resume and end change whether it binds; C: an amendment applies from when it was agreed, is known once announced,
    # and a proposed one is never applied. Among several in effect, the latest decides; an end is final. Settled by reading the
    # engine (engine/rules.py, ``_gate``): the whole agreement's end comes first, then an ``end`` amendment, then an ``ends``
    # report, then a suspension; amendments in effect at one instant are ordered by when agreed, then announced, then id.
    control = sorted(
        (a for a in case.amendments if a.obligation == oid and a.kind in ("suspend", "resume", "end") and not a.proposed and knows(q, a.announced) and a.agreed <= t),
        key=lambda a: (a.agreed, a.announced, a.id),
    )
    if any(a.kind == "end" for a in control):
        return Answer("ended")
    if surely(linked(case, ob, ("ends",), q.cutoff), t):
        return Answer("ended")  # C: an event linked with ``ends`` ends it, whatever its kind
    if control and control[-1].kind == "suspend":
        return Answer("suspended")
    if ob.kind == "deadline":
        found = deadline_rule(case, ob, q)
    elif ob.kind == "standing":
        found = standing_rule(case, ob, q)
    elif ob.kind == "progress":
        found = progress_rule(case, ob, q)
    else:
        found = term_rule(case, ob, q)
    return horizon(case, ob, q, found)


def horizon(case: Case, ob: Obligation, q: Question, found: Answer) -> Answer:
    """``unmonitored`` where a status resting on silence was not watched (C, "The evidence horizon", "The knowledge cut-off").

    The log declares that it watches every obligation from the first day on;
    under a cut-off it counts only up to the cut-off. A standing obligation
    needs the time asked about watched; the other kinds every instant from
    taking effect to the time asked about: either way, up to ``q.last``. A
    standing obligation breached only by a lasting breach no report has
    ended rests on silence too (C, "Happenings that last").
    """
    silent = found.status in SILENT or found.on_silence
    if not silent or q.cutoff is None or q.last <= q.cutoff:
        return found
    stall = found.stalled_since
    if stall is not None and stall + (ob.stale or 0) > q.cutoff:
        stall = None  # D: "A stall needs watching too"
    return Answer("unmonitored", found.deadline, stall, found.ruled)


# --- the four kinds


def deadline_in_force(case: Case, ob: Obligation, q: Question) -> tuple[Hour, Hour] | None:
    """The deadline in force at ``q.last``: set by the latest move-deadline amendment in effect and known, or else the original (C, "Amendments").

    A relative deadline counts from the instant of its anchor (D, "Time"):
    taking effect, ``after``, or the first reported fulfilment of another
    obligation, whose window gives a deadline window one span later; until
    that fulfilment is reported the deadline is not fixed (None). A relative
    new deadline counts from the obligation taking effect (settled by
    reading the engine, engine/rules.py, ``_applied``).
    """
    due = ob.due
    moves = sorted(
        (a for a in case.amendments if a.obligation == ob.id and a.kind == "move-deadline" and not a.proposed and knows(q, a.announced) and a.agreed <= q.last),
        key=lambda a: (a.agreed, a.announced, a.id),
    )
    if moves:
        due = moves[-1].due
    assert due is not None
    if due.at is not None:
        return (due.at, due.at)
    if due.day is not None:
        end = 24 * due.day + 23.5  # "by: D" is the end of day D in the reference zone
        return (end, end)
    assert due.within is not None
    if due.of is not None:
        done = surely(linked(case, case.obligation(due.of), ("fulfils",), q.cutoff), q.last)
        if not done:
            return None
        first = done[0].when()
        assert first is not None
        return (first[0] + due.within, first[1] + due.within)
    anchor = due.after if due.after is not None else effective(case, ob)
    return (anchor + due.within, anchor + due.within)


def deadline_rule(case: Case, ob: Obligation, q: Question) -> Answer:
    """C, "When evidence counts", and D, "One deadline rule".

    Whichever of a fulfilment and a breach comes first decides for good (a
    breach counts as first when its window closed before the fulfilment's
    opened). A fulfilment is on time if its window ends by the deadline (by
    the deadline's earliest instant when the deadline is itself a window),
    late if it starts after it, uncertain if it straddles it. Past the
    deadline with nothing done: overdue, or uncertain if an event that may
    already have happened could have been on time; inside a deadline known
    only as a window: uncertain.
    """
    t = q.last
    dl = deadline_in_force(case, ob, q)
    done = surely(linked(case, ob, ("fulfils",), q.cutoff), t)
    broken = surely(linked(case, ob, ("breaches",), q.cutoff), t)
    steps = surely(linked(case, ob, ("advances",), q.cutoff), t)
    might = maybe(linked(case, ob, ("fulfils",), q.cutoff), t)
    if broken and (not done or broken[0].when()[1] < done[0].when()[0]):  # type: ignore[index]
        return Answer("breached", dl, ruled=True)
    if done:
        if dl is None or any(r.when()[1] <= dl[0] for r in done):  # type: ignore[index]
            return Answer("fulfilled", dl, ruled=True)
        if all(r.when()[0] > dl[1] for r in done):  # type: ignore[index]
            return Answer("fulfilled late", dl, ruled=True)
        return Answer("uncertain", dl, ruled=True)
    if dl is not None and t > dl[1]:
        could = any(r.when()[0] <= dl[1] for r in might)  # type: ignore[index]
        return Answer("uncertain" if could else "overdue", dl, ruled=True)
    if dl is not None and t > dl[0]:
        return Answer("uncertain", dl, ruled=True)
    return Answer("in progress" if steps else "pending", dl, ruled=True)


def standing_rule(case: Case, ob: Obligation, q: Question) -> Answer:
    """C, "Time" (the table) and "Happenings that last".

    Asked about an instant, only a breach timed exactly to it, or a lasting
    breach surely under way then, makes it breached; a window around it
    makes it uncertain. Asked about a day, a breach reaching into the day
    that had surely happened by its end makes it breached, one that may have
    fallen in it uncertain; a lasting breach surely under way at some moment
    of the day makes it breached. Otherwise holding after a reported breach,
    complied with none.

    A lasting breach is surely under way from the end of its start window to
    the start of its end window, both included, and may be under way from
    the start of its start window to the end of its end window (the ends
    included: settled by reading the engine, engine/standing.py,
    ``breach_state``).
    """
    low, high = q.first, q.last
    breaches = linked(case, ob, ("breaches",), q.cutoff)
    on: list[Record] = []
    perhaps: list[Record] = []
    for r in breaches:
        e0, e1 = r.occurred, r.occurred + r.width
        if r.lasting:
            sure_end = high if r.until is None else min(r.until, high)
            last_end = high if r.until is None else min(r.until + r.until_width, high)
            if max(e1, low) <= sure_end:
                on.append(r)
            elif max(e0, low) <= last_end:
                perhaps.append(r)
        elif e0 <= high and e1 >= low:
            sure = (e0 == e1) if low == high else (e1 <= high)
            (on if sure else perhaps).append(r)
    if on:
        # C, "Happenings that last": an ongoing breach stays breached until the evidence stops watching, where it becomes
        # unmonitored. So "breached" rests on silence only when no breach shows it at an instant the evidence watched: every one
        # is ongoing, and the first instant asked about at which it was surely under way lies past the cut-off. An exact
        # breach within the day is an established fact ("a breach stays breached, whatever the coverage").
        watched_until = float("inf") if q.cutoff is None else q.cutoff
        silent = all(r.ongoing and max(r.occurred + r.width, low) > watched_until for r in on)
        return Answer("breached", ruled=True, on_silence=silent)
    if perhaps:
        return Answer("uncertain", ruled=True)
    return Answer("holding" if surely(breaches, high) else "complied", ruled=True)


def figures(ob: Obligation, steps: list[Record]) -> dict[str, Quantity]:
    """The latest figure for each quantity from the progress reports, in order (C, and M's ``Quantity.counts``).

    A total replaces what came before; an increment is added on top of the
    latest figure (and stands alone when there is none). A sum is exact only
    if both parts are, a floor ("at least") if both are firm, otherwise
    approximate (settled by reading the engine, engine/progress.py,
    ``_sum_qualifier``; D, issue 11's table: "at least 35" then 15 more is
    "at least" 50).
    """
    firm = ("exactly", "at least", "more than")
    latest: dict[str, Quantity] = {}
    for r in steps:
        for x in r.quantities:
            before = latest.get(x.name)
            if x.counts == "increment" and before is not None:
                if before.qualifier == x.qualifier == "exactly":
                    qualifier = "exactly"
                elif before.qualifier in firm and x.qualifier in firm:
                    qualifier = "at least"
                else:
                    qualifier = "about"
                latest[x.name] = Quantity(x.name, before.value + x.value, qualifier)
            else:
                latest[x.name] = Quantity(x.name, x.value, x.qualifier)
    return latest


def progress_rule(case: Case, ob: Obligation, q: Question) -> Answer:
    """C, "When evidence counts": fulfilled on a completion, or when firm figures reach every target (an approximate one never does); breached by a breach before that; in progress on progress reports; else pending.

    With ``stale_after``, pending or in-progress work whose last progress
    report (or taking effect) is more than that long before the time asked
    about has stalled since then (C, issue 11's table; D, "Statuses that
    claim no more than was seen").
    """
    t = q.last
    done = surely(linked(case, ob, ("fulfils",), q.cutoff), t)
    steps = surely(linked(case, ob, ("advances",), q.cutoff), t)
    broken = surely(linked(case, ob, ("breaches",), q.cutoff), t)
    if done:
        return Answer("fulfilled", ruled=True)
    latest = figures(ob, steps)
    if ob.targets and all(
        name in latest and latest[name].qualifier in ("exactly", "at least", "more than") and latest[name].value >= goal for name, goal in ob.targets
    ):
        return Answer("fulfilled", ruled=True)
    if broken:
        return Answer("breached", ruled=True)
    status = "in progress" if steps else "pending"
    stalled = None
    if ob.stale is not None:
        last = max((r.when()[1] for r in steps), default=effective(case, ob))  # type: ignore[index]
        if t > last + ob.stale:
            stalled = last
    return Answer(status, stalled_since=stalled, ruled=True)


def term_rule(case: Case, ob: Obligation, q: Question) -> Answer:
    """C, "When evidence counts" and "Time": in force through its periods; a term that does not renew ends when its period runs out; notice given by a period's notice date ends it at the end of that period, later notice at the end of the next.

    Period ends are counted from the start in one step: the first after
    ``period``, each later one ``renewal`` further. The first notice
    reported (earliest-ending) counts, from the end of its window.
    """
    t = q.last
    start = effective(case, ob)
    renews = ob.renewal is not None

    def end_of(index: int) -> int:
        return start + ob.period + index * (ob.renewal or 0)

    def period_at(instant: Hour) -> int:
        """The index of the period holding ``instant`` (each includes its start and excludes its end)."""
        index = 0
        while renews and end_of(index) <= instant:
            index += 1
        return index

    if not renews and t >= end_of(0):
        return Answer("ended", ruled=True)
    notices = surely(linked(case, ob, ("notice",), q.cutoff), t)
    if notices:
        given = notices[0].when()[1]  # type: ignore[index]
        index = period_at(given)
        due = end_of(index) - (ob.notice or 0)
        ends_at = end_of(index) if given <= due or not renews else end_of(index + 1)
        if t >= ends_at:
            return Answer("ended", ruled=True)
    return Answer("in force", ruled=True)
