"""A reference evaluator for every obligation kind, written plainly from the documents, for ``tests/test_oracle_kinds.py``.

It answers "what status does this obligation have, asked about an instant or
a whole day, as known at a cut-off?" for a small agreement described in
plain data. Every instant is a number of hours after the agreement took
effect (00:00 in Asia/Baku, so day ``d`` is the hours ``24*d`` to
``24*d + 24``): a whole hour in the cases, and an exact fraction (a
:class:`~fractions.Fraction`) where a question or a timeline needs the
instant one microsecond (:data:`TICK`) from an hour, such as a day's last
instant, ``day_end(d)`` (docs/concepts.md, "Time").

The rules below are taken from docs/concepts.md (C), docs/decisions.md (D)
and the public docstrings of ``ceasefire.model`` (M). Where those leave a
point open, the engine was read to settle it, and the comment says
"settled by reading the engine" and names the module. Nothing here is
imported from ``ceasefire``: the reference shares no code with the engine.
It states each rule once; ``tests/test_oracle_kinds.py`` asks it about
generated cases, about the cases of the first oracle (deadlines and
standing duties at instants, formerly ``tests/test_oracle.py``), and about
every instant of a timeline; ``tests/test_oracle_feeds.py`` asks it about
the same cases reshaped as real feeds come (several links and files,
reports dated by their sources, other zones, candidates, aliases).

Instants in other zones are still hours after the agreement took effect:
:data:`SHIFT` says where each zone's day starts against Baku's, so a day
in Kolkata starts at a half hour (``zone_day``). The agreement takes effect
on 13 March 2021, so New York's clocks go forward on the cases' second day
(:data:`SPRING_FORWARD`), a day of 23 hours there.

Beside the status, the reference says what the answer must say about it
where the documents settle that (C, "What each answer carries", "The
evidence horizon"): what ended it, what it waits on, the amendments
applied, the move that set the deadline in force, events it rests on, an
event that leaves an ``uncertain`` answer open, where the evidence ends and what it said there (:class:`Answer`), and which
events an answer may name at all under a cut-off (:func:`known_events`).

What the model lets a file say, and whether the reference holds the engine to it:

==========================  ===============================================================================
covered                     obligation ``effective``, ``depends_on``, ``until``, ``until_fulfilment_of``,
                            ``exemptions`` (actors, matched whole and case aside, only when all are exempted);
                            ``bearers`` as changed by a party's ``successors`` and ``succeeded``;
                            deadline ``due`` (``by``, ``at``, ``within`` from taking effect, ``after`` or
                            ``after_fulfilment_of``); progress ``targets`` with ``aliases`` (matched case
                            aside), ``kept``, ``stale_after``, and the figures shown; term ``period``,
                            ``renewal``, ``notice``; quantity ``value``, ``qualifier``, ``counts``;
                            amendments of every ``kind``, ``status: proposed`` (a proposed supplement's
                            obligations are in no table and unknown by id), ``agreed``, ``announced`` and
                            ``effective`` as windows or whole days in one of four zones; events ``occurred`` and
                            ``until`` (exact, a window of 1 to 24 hours, or a whole day in one of four zones, one
                            of them changing its clocks), ``ongoing``, ``ends_agreement`` (also by a candidate),
                            ``reported`` (an instant or a window, or left to the sources, declared in the log or
                            in the agreement: ``published`` as an
                            instant, a window or a day in a zone, or an undated page's ``published_not_after``),
                            ``actors``, ``quantities``, ``version``, ``status: candidate`` (with
                            ``candidates=True`` and without), ``links`` (one, several to different obligations,
                            two roles on one obligation, or none; ``setback`` links; a link's ``quantities``
                            naming the figures that measure its obligation); deletions, also in a file other than the
                            event's; up to three logs, each with its ``zone`` and its ``covers`` (days in its
                            own or another zone, or two instants; one to three periods, some naming
                            ``obligations``) or none (coverage inferred per log), versions of one event spread
                            over them and the same version in two; ``known_on`` (an instant, or a day named in
                            a zone); ``status_on``, ``obligation_on`` (an instant, a day in the agreement's zone,
                            or ``Day(date, zone)`` and ``date[zone]``) and ``timeline`` (its ends instants or
                            days named in zones)
not covered                 deadline ``targets`` ("partly done" changes no status); ``notice_by``,
                            ``answerable``, ``condition`` (shown, never ruling); amendment ``requested_by``,
                            ``granted_by``, ``announced_by``, ``reason``, and ``how`` beyond one value;
                            ``disputed_by`` and discrepancies (they change no status); the same link given twice
                            on one event; an agreement whose own zone changes its clocks; the wording of
                            headlines and reasons, quotes and citations, the undated-page caveat, ``uncertain_by``'s
                            window, ``setback`` beyond naming a known event, breach histories, term states and points' roll-up;
                            ``Tracker.known_on`` (no such method yet); the bulk and Dask entry points (their own
                            properties hold them to the ``Tracker``)
==========================  ===============================================================================
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from fractions import Fraction

Hour = int | Fraction
"""An instant, in hours after the agreement took effect: a whole hour, or an exact fraction of one (a microsecond is :data:`TICK`)."""

TICK = Fraction(1, 3_600_000_000)
"""One microsecond, in hours: the step between neighbouring instants."""

FAR = 24 * 365 * 10
"""An hour well past every case (about ten years): where a declared coverage that runs "to 2030" ends."""


def day_end(d: int) -> Hour:
    """The last instant of day ``d`` in the agreement's zone: one microsecond before the next day starts (C, "Time")."""
    return 24 * (d + 1) - TICK

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
    """One obligation of any kind, with only the fields its kind uses.

    ``depends_on``: it binds once that obligation is fulfilled; ``until_day``:
    it binds to the end of that day; ``until_of``: it binds until that
    obligation is fulfilled; ``exempt``: actors whose acts breach nothing;
    ``kept``: progress that must stay done.
    """

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
    depends_on: str | None = None
    until_day: int | None = None
    until_of: str | None = None
    exempt: tuple[str, ...] = ()
    kept: bool = False


@dataclass(frozen=True)
class Amendment:
    """A dated change: move-deadline (with ``due``), suspend, resume, end, supplement or end-agreement.

    ``agreed``, ``announced`` and ``effective`` are windows of ``*_width``
    hours from the hour given (``effective`` None: as agreed).
    """

    id: str
    kind: str
    obligation: str | None
    agreed: Hour
    announced: Hour
    due: Due | None = None
    proposed: bool = False
    agreed_width: Hour = 0
    announced_width: Hour = 0
    effective: Hour | None = None
    effective_width: Hour = 0
    days: tuple[tuple[str, str], ...] = ()
    """(field, zone): ``agreed``, ``announced`` or ``effective`` written as a whole day in that zone; its hours then give that day's instants."""

    def applies(self) -> Hour:
        """M: the change counts from the latest instant of ``effective``, by default of ``agreed``."""
        if self.effective is not None:
            return self.effective + self.effective_width
        return self.agreed + self.agreed_width

    def known(self) -> Hour:
        """M: the change is known from the latest instant of ``announced``."""
        return self.announced + self.announced_width


@dataclass(frozen=True)
class Quantity:
    """A reported figure."""

    name: str
    value: int
    qualifier: str = "exactly"
    counts: str = "total"


SHIFT: dict[str, Hour] = {"Asia/Baku": 0, "UTC": 4, "Asia/Kolkata": Fraction(-3, 2), "America/New_York": 9}
"""Where a day of each zone starts, in hours after the same date starts in Baku, before any change of clocks."""

SPRING_FORWARD: dict[str, int] = {"America/New_York": 1}
"""Zones whose clocks go forward an hour during the cases' days, and the day they do: New York at 02:00 on 14 March 2021 (day 1),
so that day lasts 23 hours and each later day there starts an hour earlier against Baku's. Baku, UTC and Kolkata keep their offsets."""


def day_start(d: int, zone: str) -> Hour:
    """The first instant of day ``d`` (counted from the agreement's first day) in ``zone``."""
    forward = zone in SPRING_FORWARD and d > SPRING_FORWARD[zone]
    return 24 * d + SHIFT[zone] - (1 if forward else 0)


def zone_day(d: int, zone: str) -> tuple[Hour, Hour]:
    """The first and last instants of day ``d`` in ``zone`` (C, "Time": a date is a whole day in a named zone; it ends where the next one starts)."""
    return (day_start(d, zone), day_start(d + 1, zone) - TICK)


def day_holding(instant: Hour, zone: str) -> int:
    """The day of ``zone`` that holds ``instant``."""
    guess = int((Fraction(instant) - SHIFT[zone]) // 24)  # off by one at most, past a change of clocks
    return next(d for d in (guess - 1, guess, guess + 1) if zone_day(d, zone)[0] <= instant <= zone_day(d, zone)[1])


@dataclass(frozen=True)
class Src:
    """A source an event cites: ``published`` at an hour (a window of ``width`` hours, or a whole day in ``zone``), or undated with ``not_after`` a day of the agreement's zone."""

    published: Hour | None = None
    width: Hour = 0
    not_after: int | None = None
    zone: str | None = None
    in_agreement: bool = False
    """Declared in the agreement's ``sources`` rather than in the log citing it (M, ``Citation``: a source the agreement or the log declares)."""


@dataclass(frozen=True)
class Record:
    """One record (version) of an event, linked to one obligation in one role, or ending the whole agreement.

    ``occurred`` to ``occurred + width`` is when it happened (for a lasting
    happening, when it started); ``until`` and ``until_width`` when a lasting
    one ended; ``ongoing`` for one no report has ended. ``actors`` are the
    names the event gives for who acted.
    """

    id: str
    version: int | None
    occurred: Hour
    reported: Hour
    obligation: str | None
    role: str
    width: Hour = 0
    until: Hour | None = None
    until_width: Hour = 0
    ongoing: bool = False
    quantities: tuple[Quantity, ...] = ()
    ends_agreement: bool = False
    actors: tuple[str, ...] = ()
    more: tuple[tuple[str, str], ...] = ()
    """Further links, as (obligation, role), beside the first; ``obligation`` None with none here: linked to nothing."""
    log: int = 0
    """The log (file) the record is in: 0 is :attr:`Case.covers`'s log, ``n`` is ``Case.more_logs[n - 1]``."""
    candidate: bool = False
    """``status: candidate``: it counts only for a tracker built with ``candidates=True``."""
    reported_width: Hour = 0
    """``reported`` as a window of this many hours from ``reported``."""
    sources: tuple[Src, ...] = ()
    """When given, the record has no ``reported``: its first report is read from these sources (:func:`first_report`)."""
    zone: str | None = None
    """``occurred`` written as a whole day in this zone (``occurred`` and ``width`` then give that day's instants)."""
    until_zone: str | None = None
    """``until`` written as a whole day in this zone (``until`` and ``until_width`` then give that day's instants)."""
    measures: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """For some obligations it is linked to, the names of its figures that measure that obligation (every link to it says so); all of them for the rest."""

    @property
    def lasting(self) -> bool:
        return self.until is not None or self.ongoing

    def links(self) -> tuple[tuple[str, str], ...]:
        """Every (obligation, role) the record is linked in: none for one linked to nothing or ending the agreement."""
        first = () if self.obligation is None or self.ends_agreement else ((self.obligation, self.role),)
        return first + self.more

    def when(self) -> tuple[Hour, Hour] | None:
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
class Cover:
    """A declared stretch the log watches: from the start of day ``first`` to the end of day ``last`` (None: to 2030), for the obligations named (None: all)."""

    first: int
    last: int | None
    obligations: tuple[str, ...] | None = None
    zone: str | None = None
    """The days are read in this zone (None: the agreement's)."""
    instants: tuple[Hour, Hour] | None = None
    """Given as two instants instead of days: from the first to the second (M, ``Coverage``: a plain date as ``from`` is the start of that day, as ``to`` its end; an instant is itself)."""

    def span(self) -> tuple[Hour, Hour]:
        if self.instants is not None:
            return self.instants
        low, _ = zone_day(self.first, self.zone or "Asia/Baku")
        return (low, FAR if self.last is None else zone_day(self.last, self.zone or "Asia/Baku")[1])


@dataclass(frozen=True)
class Log:
    """A further log (file): the zone its plain dates are read in, and what it declares it watches (None: nothing, so its coverage is inferred)."""

    zone: str = "Asia/Baku"
    covers: tuple[Cover, ...] | None = None


EVERYTHING = (Cover(0, None),)
"""The coverage most cases declare: every obligation, from the first day to 2030."""


@dataclass(frozen=True)
class Case:
    """A generated agreement with its amendments, and a feed of records and deletions.

    ``covers`` is what the log declares it watches (None: it declares
    nothing, so its coverage is inferred). ``succession`` is the day the
    only party ``A`` was succeeded and by whom.
    """

    obligations: tuple[Obligation, ...]
    amendments: tuple[Amendment, ...]
    records: tuple[Record, ...]
    deletions: tuple[tuple[str, int] | tuple[str, int, int], ...]
    covers: tuple[Cover, ...] | None = EVERYTHING
    succession: tuple[int, tuple[str, ...]] | None = None
    more_logs: tuple[Log, ...] = ()
    """Logs beside the first (records say which they are in; a deletion ``(event, hour, log)`` too)."""
    candidates: bool = False
    """The tracker is built with ``candidates=True``: candidate records count."""
    aliases: tuple[tuple[str, str], ...] = ()
    """Other names of progress targets, as (alias, target name)."""

    def logs(self) -> tuple[Log, ...]:
        """Every log, the first (in the agreement's zone, declaring :attr:`covers`) first."""
        return (Log("Asia/Baku", self.covers), *self.more_logs)

    def obligation(self, oid: str) -> Obligation:
        return next(o for o in self.obligations if o.id == oid)

    def supplement(self, ob: Obligation) -> Amendment | None:
        return None if ob.added_by is None else next(a for a in self.amendments if a.id == ob.added_by)

    def present(self) -> tuple[Obligation, ...]:
        """The obligations the agreement holds: those of a supplement only proposed, never agreed, are not among them (C, "never applied")."""
        return tuple(o for o in self.obligations if (self.supplement(o) is None or not self.supplement(o).proposed))  # type: ignore[union-attr]


@dataclass(frozen=True)
class Question:
    """A question: the instants ``first`` to ``last`` (equal for an instant, a whole day otherwise), as known at ``cutoff`` (None: everything)."""

    first: Hour
    last: Hour
    cutoff: Hour | None


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
    waits_on: str | None = None
    """``not yet in force`` because no known report shows this other obligation fulfilled: that rests on silence about it."""
    figures: tuple[tuple[str, Hour, str], ...] | None = None
    """For progress the kind's rule judged: the latest figure shown for each quantity, as (name, value, qualifier), by name."""
    ended_by: str | None = None
    """For ``ended`` by something other than the kind's own rule: the amendment or event that ended it (M, ``ObligationStatus.ended_by``)."""
    amendments: tuple[str, ...] | None = None
    """Where it binds: the ids of the amendments applied to it (agreed, announced and in effect), sorted; None where not compared."""
    moved_by: str | None = None
    """For a deadline its rule judged: the move-deadline amendment that set the deadline in force (None: the original)."""
    decided_by: tuple[str, ...] = ()
    """Events the status rests on: the answer must list at least one of them among its evidence or breaches."""
    evidence_ends: Hour | None = None
    """For ``unmonitored``: the last instant the evidence watched what the status needs (None: none)."""
    last_known: str | None = None
    """For ``unmonitored``: the status the reference gives at :attr:`evidence_ends`, as an instant under the same cut-off."""
    open_by: tuple[str, ...] = ()
    """For ``uncertain`` because of events whose windows leave it open: those events; the answer must name one of them (C, the status vocabulary: "The headline names the event and its window")."""


# --- what is known: versions, deletions, the cut-off (C, "Revised data" and "The knowledge cut-off")


def knows(q: Question, instant: Hour) -> bool:
    """Something reported or announced at ``instant`` is known under the cut-off."""
    return q.cutoff is None or instant <= q.cutoff


def first_report(r: Record) -> tuple[Hour, Hour]:
    """When the record was first reported, as (earliest, latest); it is known from the latest (C, "The knowledge cut-off").

    Its own ``reported`` (an instant or a window); else its earliest dated
    source, the one whose window ends first (C: "or else its earliest dated
    source"; a tie goes to the one that starts first, settled by reading the
    engine, engine/undated.py, ``first_report``). With an undated page
    (``published_not_after``) among them (D, "Undated pages and the last of
    issue 11"), the report lies from the earliest moment the event can have
    happened to the earliest of the page's bound (the end of that day in the
    agreement's zone) and the end of any dated source it also cites, and it
    counts from the start of that window: the record is then first reported
    at that one instant.
    """
    if not r.sources:
        return (r.reported, r.reported + r.reported_width)
    dated = [zone_day(day_holding(s.published, s.zone), s.zone) if s.zone is not None else (s.published, s.published + s.width) for s in r.sources if s.published is not None]
    bounds = [day_end(s.not_after) for s in r.sources if s.not_after is not None]
    if not bounds:
        return min(dated, key=lambda w: (w[1], w[0]))
    high = min(bounds + [w[1] for w in dated])
    low = min(r.occurred, high)
    return (low, low)


def reported(r: Record) -> Hour:
    """The instant by which the record had surely been reported: a cut-off at or after it knows it."""
    return first_report(r)[1]


@functools.lru_cache(maxsize=100_000)
def current(case: Case, record: Record, cutoff: Hour | None) -> bool:
    """Whether ``record`` is its event's current record under the cut-off.

    C: the event counts as its latest version published by k, and not at all
    if a deletion published by k came after it; without k the newest entry
    decides; the first version counts from its own first report when that
    is earlier than its stamp. A deletion at the same instant as a version
    comes after it (D, "Bulk path: one set of rules").

    Versions and deletions may come from several logs: an event's history is
    all of them, whichever file holds each. The same version in two files
    (overlapping exports) is one record: only one copy is current. While
    candidates do not count, a candidate version has no place in the
    history: M, ``Event.status``, "Candidates ... count only once accepted",
    so an unaccepted revision cannot withdraw the accepted record it revises
    (D, "Candidates take no place in a history"; finding F13 of this
    reference, fixed on main the same session).
    """
    mine = [r for r in case.records if r.id == record.id and (not r.candidate or case.candidates)]
    gone = [d[1] for d in case.deletions if d[0] == record.id]
    if len(mine) == 1 and not gone:
        return True
    history = [(r.version if r.version is not None else reported(r), 0, r) for r in mine] + [(h, 1, None) for h in gone]
    history.sort(key=lambda item: (item[0], item[1]))
    first = next(n for n, item in enumerate(history) if item[1] == 0)
    first_record = history[first][2]
    assert first_record is not None
    if reported(first_record) < history[first][0]:
        history[first] = (reported(first_record), 0, first_record)
        history.sort(key=lambda item: (item[0], item[1]))
    newest = None
    for when, _, which in history:
        if cutoff is not None and when > cutoff:
            break
        newest = which
    return newest is record


def known_events(case: Case, cutoff: Hour | None) -> set[str]:
    """The events an answer under the cut-off may name: those with a record that counts (a candidate only when candidates do) first reported by then.

    C, "The knowledge cut-off": ``status_on(t, known_on=k)`` answers with only
    what had been reported by ``k``; M, ``Tracker``: candidates are left out
    unless counted.
    """
    return {r.id for r in case.records if (not r.candidate or case.candidates) and (cutoff is None or reported(r) <= cutoff)}


def effective(case: Case, ob: Obligation) -> Hour:
    """When it binds by its own terms: its own ``effective``, else when the supplement adding it applies, else when the agreement does (M, ``effective``; C, amendments apply from when agreed)."""
    if ob.effective is not None:
        return ob.effective
    supplement = case.supplement(ob)
    if supplement is not None:
        return supplement.applies()
    return 0


def binds_from(case: Case, ob: Obligation, q: Question) -> Hour | None:
    """When it binds as known for ``q``: its own start, or with ``depends_on`` the end of the window of the first known fulfilment of the other one if later; None while no report shows that.

    C, "What other agreements say"; D, "Dependencies ... binds from the
    dependency's fulfilment (its window's last instant)".
    """
    start = effective(case, ob)
    if ob.depends_on is None:
        return start
    done = surely(linked(case, case.obligation(ob.depends_on), ("fulfils",), q), q.last)
    if not done:
        return None
    return max(start, done[0].when()[1])  # type: ignore[index]


def order(r: Record) -> tuple[Hour, Hour, str]:
    """Earliest-ending first, then earliest-starting, then by id (D, "Explanations on demand": kept earliest-ending first)."""
    when = r.when()
    assert when is not None
    return (when[1], when[0], r.id)


def exempted(ob: Obligation, r: Record) -> bool:
    """D, "Exemptions match actor names exactly (case aside), and only when every actor of the event is exempted"."""
    names = {a.casefold() for a in ob.exempt}
    return bool(names) and bool(r.actors) and all(a.casefold() in names for a in r.actors)


def linked(case: Case, ob: Obligation, roles: tuple[str, ...], q: Question) -> list[Record]:
    """Current records linked to ``ob`` in ``roles``, reported by the cut-off and counting for it, in order.

    C: events that happened before an obligation took effect do not count
    towards it; a happening that lasts past that instant did not happen
    before it. For one that waits on another (``depends_on``), it takes
    effect when it starts to bind (D: "binds from the dependency's
    fulfilment"); while it waits nothing counts. Settled by reading the
    engine (engine/evidence.py, ``COUNTED``): that applies to fulfils,
    advances and breaches; an ``ends`` or ``notice`` report always counts as
    given. A breach by exempted actors only is not counted (C, "What other
    agreements say"). A lasting completion still under way has no place in
    the order and never counts.

    An event may have several links (M, ``Event.links``): each bears on its
    obligation in its role, as if alone, so one event can advance one
    obligation and breach another, or both advance and complete one. A
    candidate counts only when the tracker is told to count candidates (M,
    ``Tracker``: "Candidate events ... are left out unless candidates=True").
    """
    start = binds_from(case, ob, q)
    found = []
    for record in case.records:
        mine = [role for o, role in record.links() if o == ob.id and role in roles]
        if not mine or (record.candidate and not case.candidates) or not knows(q, reported(record)) or not current(case, record, q.cutoff):
            continue
        for role in mine:
            # The record as seen through this one link, with only the figures the link says measure the obligation (M, ``Link.quantities``).
            chosen = dict(record.measures).get(ob.id)
            figures = record.quantities if chosen is None else tuple(x for x in record.quantities if x.name in chosen)
            r = replace(record, obligation=ob.id, role=role, more=(), quantities=figures)
            when = r.when()
            if when is None:
                continue
            if r.role in ("fulfils", "advances", "breaches") and (start is None or over_by(r) < start):
                continue
            if r.role == "breaches" and exempted(ob, r):
                continue
            found.append(r)
    return sorted(found, key=order)


def over_by(r: Record) -> Hour | float:
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


# --- what the evidence watches (C, "The evidence horizon"; D, "Inferred coverage")


def spans(case: Case, oid: str, cutoff: Hour | None) -> list[tuple[Hour, Hour]]:
    """The stretches the log watches ``oid`` over, as could be known at the cut-off, joined where no instant lies between them.

    Declared: each period that speaks to it, up to the cut-off at most.
    Inferred (the log declares none): from the earliest thing the records
    known by the cut-off report on (a happening's start or a report) to the
    last of their reports, for every obligation (a report's earliest and
    latest instants, when it is a window). Each log is read on its own, and
    what any of them watches is watched (settled by reading the engine,
    engine/evidence.py, ``View._spans``: the documents speak of one log).
    A log's inferred coverage counts every record in it, candidates too
    (settled by reading the engine, engine/tracker.py, ``_walk``). Two stretches with no
    instant between them (one ends at a day's last instant, the next starts
    with the following day) leave nothing unwatched, so they are one.
    """
    found: list[tuple[Hour, Hour]] = []
    for n, log in enumerate(case.logs()):
        if log.covers is not None:
            for c in log.covers:
                if c.obligations is not None and oid not in c.obligations:
                    continue
                low, high = c.span()
                if cutoff is not None:
                    high = min(high, cutoff)
                if low <= high:
                    found.append((low, high))
        else:
            known = [r for r in case.records if r.log == n and (cutoff is None or reported(r) <= cutoff)]
            if known:
                found.append((min(min(r.occurred, first_report(r)[0]) for r in known), max(reported(r) for r in known)))
    merged: list[tuple[Hour, Hour]] = []
    for low, high in sorted(found):
        if merged and low <= merged[-1][1] + TICK:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def last_watched(stretches: list[tuple[Hour, Hour]], low: Hour, high: Hour, standing: bool) -> Hour | None:
    """The latest instant up to ``high`` at which the evidence still watched what the status needs (None: none)."""
    if standing:
        ends = [min(e, high) for s, e in stretches if s <= high]
        return max(ends) if ends else None
    run = next(((s, e) for s, e in stretches if s <= low <= e), None)
    return None if run is None else min(run[1], high)


# --- what every kind shares (C, "Amendments", "Arrangements that end", "The evidence horizon")


def agreement_ender(case: Case, t: Hour, q: Question) -> str | None:
    """What had surely ended the whole agreement by ``t`` as known at the cut-off, if anything: an agreed end-agreement amendment announced by then, or an event ending it reported by then (an unaccepted candidate only when candidates count).

    A case has one ending at most: a second is refused (``EndingConflictError``).
    """
    for a in case.amendments:
        if a.kind == "end-agreement" and not a.proposed and knows(q, a.known()) and a.applies() <= t:
            return a.id
    for r in case.records:
        if r.ends_agreement and not (r.candidate and not case.candidates) and knows(q, reported(r)) and current(case, r, q.cutoff) and r.occurred + r.width <= t:
            return r.id
    return None


def bearers(case: Case, t: Hour) -> tuple[str, ...]:
    """Who bears every obligation at ``t``: party ``A``, or from the end of the day it was succeeded its successors (D, "Succession is a day, not a window")."""
    if case.succession is not None and t >= day_end(case.succession[0]):
        return case.succession[1]
    return ("A",)


def answer(case: Case, oid: str, q: Question, watch: bool = True) -> Answer:
    """The reference status of obligation ``oid`` for question ``q`` (without ``watch``, as if the evidence watched everywhere)."""
    ob = case.obligation(oid)
    t = q.last  # C: a day is asked about as at its last instant, except for a standing obligation's breaches
    whole = agreement_ender(case, t, q)
    supplement = case.supplement(ob)
    if supplement is not None and not knows(q, supplement.known()):
        return Answer("not yet in force")  # C, status vocabulary
    if t < effective(case, ob):
        # D, "An obligation that never took effect ends with the agreement".
        return Answer("ended", ended_by=whole) if whole else Answer("not yet in force")
    start = binds_from(case, ob, q)
    if start is None:
        # C: "not yet in force until then"; it never bound, so it ends with the agreement as above. That no report shows the
        # other one fulfilled is a claim of silence about it (settled by reading the engine, engine/rules.py, ``_horizon``).
        if whole:
            return Answer("ended", ended_by=whole)
        waiting = Answer("not yet in force", waits_on=ob.depends_on)
        return horizon(case, ob, q, waiting, effective(case, ob)) if watch else waiting
    # C, "What each answer carries": the amendments applied, those agreed, announced and in effect for it (M, ``Amendment``).
    applied = tuple(sorted(a.id for a in case.amendments if a.obligation == oid and not a.proposed and knows(q, a.known()) and a.applies() <= t))
    ended = functools.partial(Answer, "ended", amendments=applied)
    if whole:
        return ended(ended_by=whole, decided_by=(whole,) if whole in {r.id for r in case.records} else ())
    # M: suspend, resume and end change whether it binds; C: an amendment applies from when it was agreed, is known once announced,
    # and a proposed one is never applied. Among several in effect, the latest decides; an end is final. Settled by reading the
    # engine (engine/rules.py, ``_gate``): the whole agreement's end comes first, then an ``end`` amendment, then an ``ends``
    # report, then a suspension; amendments in effect at one instant are ordered by when they apply, then are known, then id.
    control = sorted(
        (a for a in case.amendments if a.id in applied and a.kind in ("suspend", "resume", "end")),
        key=lambda a: (a.applies(), a.known(), a.id),
    )
    if any(a.kind == "end" for a in control):
        return ended(ended_by=next(a.id for a in control if a.kind == "end"))
    closing = surely(linked(case, case.obligation(ob.until_of), ("fulfils",), q), t) if ob.until_of is not None else []
    if closing:
        return ended(ended_by=closing[0].id, decided_by=(closing[0].id,))  # D: "until_fulfilment_of ends, it does not suspend"
    if ob.until_day is not None and t > day_end(ob.until_day):
        return ended()  # M: "It binds until the end of this day in the reference zone"
    enders = surely(linked(case, ob, ("ends",), q), t)
    if enders:
        return ended(ended_by=enders[0].id, decided_by=(enders[0].id,))  # C: an event linked with ``ends`` ends it, whatever its kind
    if control and control[-1].kind == "suspend":
        if ob.kind == "term":
            # D, "Ended is final": a term that had run out (or ended on notice) by the time the suspension in force began
            # stays ended; one suspended before then still reads suspended, its clock running (settled by reading the engine,
            # engine/rules.py, ``_gate``: a term that runs out at the very instant a suspension begins has ended).
            ending = term_ending(case, ob, q, start)
            if ending is not None and ending <= control[-1].applies():
                return Answer("ended", ruled=True, amendments=applied, ended_by=notice_ender(case, ob, q))
        return Answer("suspended", amendments=applied)
    if ob.kind == "deadline":
        found = deadline_rule(case, ob, q, start)
    elif ob.kind == "standing":
        found = standing_rule(case, ob, q)
    elif ob.kind == "progress":
        found = progress_rule(case, ob, q, start)
    else:
        found = term_rule(case, ob, q, start)
    found = replace(found, amendments=applied)
    return horizon(case, ob, q, found, start) if watch else found


def horizon(case: Case, ob: Obligation, q: Question, found: Answer, start: Hour) -> Answer:
    """``unmonitored`` where a status resting on silence was not watched (C, "The evidence horizon", "The knowledge cut-off").

    A standing obligation needs the time asked about watched (from when it
    binds, if that is later); the other kinds every instant from taking
    effect to the time asked about. One
    waiting on another needs that other watched from its own start. A
    standing obligation breached only by a lasting breach no report has
    ended rests on silence too (C, "Happenings that last"). A stall is kept
    only if it was reached while the evidence still watched (D, "A stall
    needs watching too").

    C: the answer then says where the evidence ends (the last instant it
    watched what the status needs) and the status it supported there, an
    instant, under the same cut-off.
    """
    silent = found.status in SILENT or found.on_silence or found.waits_on is not None
    if not silent:
        return found
    watched = spans(case, found.waits_on or ob.id, q.cutoff)
    standing = ob.kind == "standing" and found.waits_on is None
    # A standing duty asked about the day it takes effect needs that day watched only from when it binds (settled by reading
    # the engine, engine/rules.py, ``_horizon``, as changed on main in d7e5fd9; C says only "the whole day, for a date").
    low = max(q.first, start) if standing else start
    if any(s <= low and q.last <= e for s, e in watched):
        return found
    stall = found.stalled_since
    last = last_watched(watched, low, q.last, standing)
    if stall is not None and (last is None or stall + (ob.stale or 0) > last):
        stall = None
    there = None if last is None else answer(case, ob.id, Question(last, last, q.cutoff), watch=False).status
    return replace(found, status="unmonitored", stalled_since=stall, on_silence=False, waits_on=None, decided_by=(), evidence_ends=last, last_known=there)


# --- the four kinds


def deadline_move(case: Case, ob: Obligation, q: Question) -> Amendment | None:
    """The move-deadline amendment that sets the deadline in force at ``q.last``: the latest in effect and known (None: the original holds)."""
    moves = sorted(
        (a for a in case.amendments if a.obligation == ob.id and a.kind == "move-deadline" and not a.proposed and knows(q, a.known()) and a.applies() <= q.last),
        key=lambda a: (a.applies(), a.known(), a.id),
    )
    return moves[-1] if moves else None


def deadline_in_force(case: Case, ob: Obligation, q: Question, start: Hour) -> tuple[Hour, Hour] | None:
    """The deadline in force at ``q.last``: set by the latest move-deadline amendment in effect and known, or else the original (C, "Amendments").

    A relative deadline counts from the instant of its anchor (D, "Time"):
    taking effect (for one that waits on another, when it starts to bind),
    ``after``, or the first reported fulfilment of another obligation, whose
    window gives a deadline window one span later; until that fulfilment is
    reported the deadline is not fixed (None). A relative new deadline
    counts from the obligation taking effect (settled by reading the engine,
    engine/rules.py, ``_applied``).
    """
    move = deadline_move(case, ob, q)
    due = ob.due if move is None else move.due
    assert due is not None
    if due.at is not None:
        return (due.at, due.at)
    if due.day is not None:
        end = day_end(due.day)  # "by: D" is the end of day D in the reference zone
        return (end, end)
    assert due.within is not None
    if due.of is not None:
        done = surely(linked(case, case.obligation(due.of), ("fulfils",), q), q.last)
        if not done:
            return None
        first = done[0].when()
        assert first is not None
        return (first[0] + due.within, first[1] + due.within)
    anchor = due.after if due.after is not None else start
    return (anchor + due.within, anchor + due.within)


def deadline_rule(case: Case, ob: Obligation, q: Question, start: Hour) -> Answer:
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
    dl = deadline_in_force(case, ob, q, start)
    done = surely(linked(case, ob, ("fulfils",), q), t)
    broken = surely(linked(case, ob, ("breaches",), q), t)
    steps = surely(linked(case, ob, ("advances",), q), t)
    might = maybe(linked(case, ob, ("fulfils",), q), t)
    move = deadline_move(case, ob, q)
    ruled = functools.partial(Answer, deadline=dl, ruled=True, moved_by=None if move is None else move.id)
    if broken and (not done or broken[0].when()[1] < done[0].when()[0]):  # type: ignore[index]
        return ruled("breached", decided_by=(broken[0].id,))
    if done:
        on_time = [r.id for r in done if dl is None or r.when()[1] <= dl[0]]  # type: ignore[index]
        if on_time:
            return ruled("fulfilled", decided_by=tuple(on_time))
        if all(r.when()[0] > dl[1] for r in done):  # type: ignore[index]
            return ruled("fulfilled late", decided_by=tuple(r.id for r in done))
        straddling = tuple(r.id for r in done if r.when()[0] <= dl[1])  # type: ignore[index]
        return ruled("uncertain", decided_by=tuple(r.id for r in done), open_by=straddling)
    if dl is not None and t > dl[1]:
        could = tuple(r.id for r in might if r.when()[0] <= dl[1])  # type: ignore[index]
        return ruled("uncertain", open_by=could) if could else ruled("overdue")
    if dl is not None and t > dl[0]:
        return ruled("uncertain")
    return ruled("in progress" if steps else "pending")


def breach_states(breaches: list[Record], q: Question) -> tuple[list[Record], list[Record]]:
    """Which breaches surely bear on the instants asked about, and which may (C, "Time", the table, and "Happenings that last").

    Asked about an instant, only a breach timed exactly to it, or a lasting
    breach surely under way then, bears on it; a window around it may. Asked
    about a day, a breach reaching into the day that had surely happened by
    its end bears on it, one that may have fallen in it may; a lasting
    breach surely under way at some moment of the day bears on it.

    A lasting breach is surely under way from the end of its start window to
    the start of its end window, both included, and may be under way from
    the start of its start window to the end of its end window (the ends
    included: settled by reading the engine, engine/standing.py,
    ``breach_state``).
    """
    low, high = q.first, q.last
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
    return on, perhaps


def silently_on(on: list[Record], q: Question, watched: list[tuple[Hour, Hour]]) -> bool:
    """Whether ``breached`` rests on silence: every breach bearing on the time asked about is ongoing, and the evidence watched no instant asked about at which it was surely under way.

    C, "Happenings that last": an ongoing breach stays breached until the
    evidence stops watching, where it becomes unmonitored; asked about a
    day, one the evidence saw under way at some instant of the day makes
    the day breached, and so does one whose beginning counts within the day
    as a single happening would (its window reaches into the day and it had
    surely begun by the day's end). An exact breach within the day
    is an established fact ("a breach stays breached, whatever the coverage").
    """
    began_within = [q.first < q.last and q.first <= r.occurred + r.width <= q.last for r in on]
    return all(r.ongoing and not began and not any(s <= q.last and e >= max(r.occurred + r.width, q.first) for s, e in watched) for r, began in zip(on, began_within))


def standing_rule(case: Case, ob: Obligation, q: Question) -> Answer:
    """C: breached where a breach bears on the time asked about (:func:`breach_states`), uncertain where one may; otherwise holding after a reported breach, complied with none."""
    breaches = linked(case, ob, ("breaches",), q)
    on, perhaps = breach_states(breaches, q)
    if on:
        return Answer("breached", ruled=True, on_silence=silently_on(on, q, spans(case, ob.id, q.cutoff)), decided_by=tuple(r.id for r in on))
    if perhaps:
        return Answer("uncertain", ruled=True, open_by=tuple(r.id for r in perhaps))
    return Answer("holding" if surely(breaches, q.last) else "complied", ruled=True)


def figures(case: Case, ob: Obligation, steps: list[Record]) -> dict[str, Quantity]:
    """The latest figure for each quantity from the progress reports, in order (C, and M's ``Quantity.counts``).

    A total replaces what came before; an increment is added on top of the
    latest figure (and stands alone when there is none). A sum is exact only
    if both parts are, a floor ("at least") if both are firm, otherwise
    approximate (settled by reading the engine, engine/progress.py,
    ``_sum_qualifier``; D, issue 11's table: "at least 35" then 15 more is
    "at least" 50).
    """
    firm = ("exactly", "at least", "more than")
    # C, "Events and sources": figures under a target's ``aliases`` count towards it; D, "Quantities are matched to targets
    # through declared aliases, case-insensitively; a figure under an undeclared name stays a separate measure".
    names = {name.casefold(): name for name, _ in ob.targets} | {alias.casefold(): name for alias, name in case.aliases if name in dict(ob.targets)}
    latest: dict[str, Quantity] = {}
    for r in steps:
        for x in r.quantities:
            x = replace(x, name=names.get(x.name.casefold(), x.name))
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


def progress_rule(case: Case, ob: Obligation, q: Question, start: Hour) -> Answer:
    """C, "When evidence counts": fulfilled on a completion, or when firm figures reach every target (an approximate one never does); breached by a breach before that; in progress on progress reports; else pending.

    With ``stale_after``, pending or in-progress work whose last progress
    report (or taking effect) is more than that long before the time asked
    about has stalled since then (C, issue 11's table; D, "Statuses that
    claim no more than was seen").

    ``kept`` work (C, "What other agreements say"; D, "Kept work goes back
    only while undone"): after a completion, a later breach makes it
    breached while it bears on the time asked about (as for a standing
    obligation), uncertain while it may have undone it, and fulfilled again
    after. "Later" is a breach whose window opens no earlier than the
    completion's (settled by reading the engine, engine/progress.py,
    ``_kept``).
    """
    t = q.last
    done = surely(linked(case, ob, ("fulfils",), q), t)
    steps = surely(linked(case, ob, ("advances",), q), t)
    broken = surely(linked(case, ob, ("breaches",), q), t)
    found = progress_status(case, ob, q, start, done, steps, broken)
    # C: "The latest figure reported for each quantity is shown": from the progress reports, and once it is done from the
    # completions too, in order; an event's figures count once however many of its links are among them (settled by reading
    # the engine, engine/progress.py, ``_fold``).
    run = sorted(steps + done, key=order) if done else steps
    once = [r for n, r in enumerate(run) if r.id not in {x.id for x in run[:n]}]
    shown = figures(case, ob, once)
    return replace(found, figures=tuple((name, x.value, x.qualifier) for name, x in sorted(shown.items())))


def progress_status(case: Case, ob: Obligation, q: Question, start: Hour, done: list[Record], steps: list[Record], broken: list[Record]) -> Answer:
    """The status :func:`progress_rule` gives, from the completions, progress reports and breaches surely made by the time asked about."""
    t = q.last
    if done:
        if ob.kept:
            opened = done[0].when()[0]  # type: ignore[index]
            later = [r for r in linked(case, ob, ("breaches",), q) if r.occurred >= opened]
            on, perhaps = breach_states(later, q)
            if on:
                # Undone only by ongoing breaches: that rests on silence, judged (as for every kind but a standing duty) over the
                # whole stretch from taking effect to the time asked about (settled by reading the engine, engine/progress.py, ``_kept``).
                return Answer("breached", ruled=True, on_silence=all(r.ongoing for r in on))
            if perhaps:
                return Answer("uncertain", ruled=True, open_by=tuple(r.id for r in perhaps))
        return Answer("fulfilled", ruled=True)
    latest = figures(case, ob, steps)
    if ob.targets and all(
        name in latest and latest[name].qualifier in ("exactly", "at least", "more than") and latest[name].value >= goal for name, goal in ob.targets
    ):
        return Answer("fulfilled", ruled=True)
    if broken:
        return Answer("breached", ruled=True)
    status = "in progress" if steps else "pending"
    stalled = None
    if ob.stale is not None:
        last = max((r.when()[1] for r in steps), default=start)  # type: ignore[index]
        if t > last + ob.stale:
            stalled = last
    return Answer(status, stalled_since=stalled, ruled=True)


def term_ending(case: Case, ob: Obligation, q: Question, start: Hour) -> Hour | None:
    """When a term ends by its own rule, as known at ``q.last`` (None: not yet known to end).

    C, "When evidence counts" and "Time": a term that does not renew ends
    when its period runs out; notice given by a period's notice date ends it
    at the end of that period, later notice at the end of the next.

    Period ends are counted from the start in one step: the first after
    ``period``, each later one ``renewal`` further. The first notice
    reported (earliest-ending) counts, from the end of its window.
    """
    renews = ob.renewal is not None

    def end_of(index: int) -> Hour:
        return start + ob.period + index * (ob.renewal or 0)

    def period_at(instant: Hour) -> int:
        """The index of the period holding ``instant`` (each includes its start and excludes its end)."""
        index = 0
        while renews and end_of(index) <= instant:
            index += 1
        return index

    if not renews:
        return end_of(0)
    notices = surely(linked(case, ob, ("notice",), q), q.last)
    if not notices:
        return None
    given = notices[0].when()[1]  # type: ignore[index]
    index = period_at(given)
    due = end_of(index) - (ob.notice or 0)
    return end_of(index) if given <= due else end_of(index + 1)


def term_rule(case: Case, ob: Obligation, q: Question, start: Hour) -> Answer:
    """In force through its periods, ended from when :func:`term_ending` says; ended on notice, the notice is named (:func:`notice_ender`)."""
    ending = term_ending(case, ob, q, start)
    if ending is not None and q.last >= ending:
        return Answer("ended", ruled=True, ended_by=notice_ender(case, ob, q))
    return Answer("in force", ruled=True)


def notice_ender(case: Case, ob: Obligation, q: Question) -> str | None:
    """The notice that ended a term (M, ``ended_by``: what ended it): the first counted notice of a renewing term; None for a term that ran out."""
    if ob.renewal is None:
        return None
    notices = surely(linked(case, ob, ("notice",), q), q.last)
    return notices[0].id if notices else None
