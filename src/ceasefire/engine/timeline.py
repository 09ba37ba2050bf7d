"""How every obligation's status moved between two instants.

:func:`timeline` answers, for each obligation, "over which stretches of time
did its status (and the deadline in force) stay the same, and what started
each stretch?". It does not sample days: it lists the instants at which a
status can change (:mod:`ceasefire.engine.changepoints`), asks the evaluator for
the status at each of them and just after each, and merges neighbours that
agree. For every instant ``t`` in the range, the timeline's status at ``t``
is what ``status_on(t, known_on=...)`` says.

Range ends: ``start`` and ``end`` take what ``status_on`` takes. A date as
``start`` means the FIRST instant of that day in the reference zone; a date
as ``end`` means the LAST instant of that day, as in ``status_on``. So
``timeline("2020-11-10", "2020-11-30")`` covers those days whole; a day in a
zone of its own (``"2023-09-18[Asia/Baku]"``) is that day there. Both ends
are included. The knowledge cut-off ``known_on`` is the same for the whole
timeline: it shows what was known on that date about each instant.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import operator
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple, Protocol

import attrs
import pendulum

from ..errors import InvalidInputError, Problem, UnknownObligationError
from ..model import Agreement
from ..results import ObligationStatus, Status
from ..time import When, Window, day_asked, in_zone, instant, later, micros, moment, utc
from ..time import zone as zone_named
from .changepoints import Cause, EventCause, change_points
from . import standing
from .draft import Draft
from .evidence import Entry, Index, View
from .rules import Judged, rests_on, run_rules

_TICK = dt.timedelta(microseconds=1)

__all__ = ["Cause", "Interval", "Timeline", "timeline"]


@attrs.frozen(eq=False)
class Interval:
    """A stretch of time over which one obligation kept one status and one deadline in force.

    ``start`` and ``end`` are written in the reference zone; the flags say
    whether each end belongs to the interval (an ``overdue`` stretch starts
    just after the deadline instant, so its start is not included).
    :attr:`state` is the full answer at the interval's first instant, with its
    reasons and evidence. A timeline works it out when it is first read (a
    timeline of many obligations is mostly read for its statuses), from the
    same rules and evidence, and keeps it; until then the interval holds on
    to its tracker.
    """

    obligation_id: str
    status: Status
    start: dt.datetime
    end: dt.datetime
    start_inclusive: bool
    end_inclusive: bool
    _cause: Cause | EventCause | Callable[[], Cause] = attrs.field(alias="cause")
    """The cause, or what writes out the event cause on first reading (naming only the sources published by the timeline's cut-off)."""
    deadline: Window | None
    _state: ObligationStatus | Callable[[], ObligationStatus] = attrs.field(alias="state", repr=False)
    """The answer, or what works it out on first reading."""

    @property
    def cause(self) -> Cause:
        """What started the interval, with its description and sources.

        A timeline chooses each interval's cause as it is built, but an event's
        cause is written out (its description, the event's source ids) only
        when first read, and then kept: most intervals of a large timeline are
        read for their statuses alone.
        """
        found = self._cause
        if found.__class__ is not Cause:
            found = found.cause() if isinstance(found, EventCause) else found()  # type: ignore[operator]
            object.__setattr__(self, "_cause", found)
        assert isinstance(found, Cause)
        return found

    @property
    def state(self) -> ObligationStatus:
        """The full answer at the interval's first instant."""
        found = self._state
        if not isinstance(found, ObligationStatus):
            found = found()
            object.__setattr__(self, "_state", found)
        return found

    def _fields(self) -> tuple[object, ...]:
        return (self.obligation_id, self.status, self.start, self.end, self.start_inclusive, self.end_inclusive, self.cause, self.deadline, self.state)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Interval)
        return self._fields() == other._fields()

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self._fields())

    def __getstate__(self) -> dict[str, object]:
        """What pickling keeps: every field, the answer worked out (a tracker does not travel with it)."""
        return {"obligation_id": self.obligation_id, "status": self.status, "start": self.start, "end": self.end, "start_inclusive": self.start_inclusive,
                "end_inclusive": self.end_inclusive, "_cause": self.cause, "deadline": self.deadline, "_state": self.state}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, "_cause" if name == "cause" else name, value)

    def __repr__(self) -> str:
        return (f"Interval(obligation_id={self.obligation_id!r}, status={self.status!r}, start={self.start!r}, end={self.end!r}, start_inclusive={self.start_inclusive!r}, "
                f"end_inclusive={self.end_inclusive!r}, cause={self.cause!r}, deadline={self.deadline!r}, state={self.state!r})")

    def contains(self, when: dt.datetime | str) -> bool:
        """True when the instant ``when`` (an aware datetime or an ISO 8601 instant with its offset) lies in this interval; a naive one is refused."""
        when = instant(when, where="when")
        after_start = self.start <= when if self.start_inclusive else self.start < when
        before_end = when <= self.end if self.end_inclusive else when < self.end
        return after_start and before_end

    @property
    def evidence_ids(self) -> tuple[str, ...]:
        """Ids of the events counted at the start of the interval."""
        return tuple(dict.fromkeys(e.event_id for e in (*self.state.evidence, *self.state.breaches)))

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Ids of the sources behind the cause and the state at the start of the interval."""
        return tuple(dict.fromkeys((*self.cause.sources, *(c.source_id for c in self.state.sources))))


@attrs.frozen
class Timeline:
    """Every obligation's intervals between ``start`` and ``end``, as known on ``known_on``.

    Once built, a timeline is a ready index of answers: :meth:`statuses_at`
    gives every obligation's status at any instant in range by bisection over
    each obligation's intervals, without running the rules again.
    """

    agreement_id: str
    zone: str
    start: dt.datetime
    end: dt.datetime
    known_on: dt.datetime | None
    intervals: tuple[Interval, ...]
    local_zone: str | None = None
    """The agreement's local zone, when it names one: an interval that ends with a day there is written as that day (see :func:`ceasefire.render.display.instant_read_in`)."""
    _lookup: dict[str, tuple[list[int], list[int], tuple[Interval, ...]]] | None = attrs.field(default=None, init=False, eq=False, repr=False)
    """Each obligation's intervals in time order with the keys of their starts and ends (:func:`_keys`), put together on first need."""

    @property
    def obligation_ids(self) -> tuple[str, ...]:
        """The obligations covered, in the agreement's order."""
        return tuple(self._by_obligation())

    def _by_obligation(self) -> dict[str, tuple[list[int], list[int], tuple[Interval, ...]]]:
        found = self._lookup
        if found is None:
            grouped: dict[str, list[tuple[int, int, Interval]]] = {}
            for interval in self.intervals:
                grouped.setdefault(interval.obligation_id, []).append((*_keys(interval), interval))
            found = {}
            for name, items in grouped.items():
                items.sort(key=_FIRST_TWO)  # already in order when timeline() built them; sorting keeps the index right for any other maker
                found[name] = ([i[0] for i in items], [i[1] for i in items], tuple(i[2] for i in items))
            object.__setattr__(self, "_lookup", found)
        return found

    def for_obligation(self, obligation_id: str) -> tuple[Interval, ...]:
        """The intervals of one obligation, in time order."""
        found = self._by_obligation().get(obligation_id)
        if found is None:
            raise UnknownObligationError(Problem("obligation_id", repr(obligation_id), f"an obligation of {self.agreement_id}, one of {', '.join(self.obligation_ids)}"))
        return found[2]

    def intervals_at(self, when: dt.datetime | str) -> dict[str, Interval]:
        """Each obligation's interval holding the instant ``when``, by obligation id, in the agreement's order.

        ``when`` is an aware datetime or an ISO 8601 instant with its offset,
        from :attr:`start` to :attr:`end`. A date is refused: a whole day's
        answer is ``Tracker.status_on(day)``, which weighs everything that
        happened during the day, not the state at one instant.
        """
        at = self._instant(when)
        key = 2 * micros(at)
        found: dict[str, Interval] = {}
        for name, (starts, ends, items) in self._by_obligation().items():
            spot = bisect.bisect_right(starts, key) - 1
            if spot < 0 or ends[spot] < key:
                raise self._gap(at, name)
            found[name] = items[spot]
        return found

    def statuses_at(self, when: dt.datetime | str) -> dict[str, Status]:
        """Every obligation's status at the instant ``when``, by obligation id: what ``status_on(when, known_on=...)`` says, read from the intervals.

        See :meth:`intervals_at` for what ``when`` may be.
        """
        at = self._instant(when)
        key = 2 * micros(at)
        found: dict[str, Status] = {}
        for name, (starts, ends, items) in self._by_obligation().items():
            spot = bisect.bisect_right(starts, key) - 1
            if spot < 0 or ends[spot] < key:
                raise self._gap(at, name)
            found[name] = items[spot].status
        return found

    def status_at(self, obligation_id: str, when: dt.datetime | str) -> Status:
        """The status of ``obligation_id`` at the instant ``when`` (see :meth:`intervals_at`)."""
        at = self._instant(when)
        self.for_obligation(obligation_id)  # an unknown id is refused by name
        starts, ends, items = self._by_obligation()[obligation_id]
        key = 2 * micros(at)
        spot = bisect.bisect_right(starts, key) - 1
        if spot < 0 or ends[spot] < key:
            raise self._gap(at, obligation_id)
        return items[spot].status

    def _gap(self, at: dt.datetime, name: str) -> InvalidInputError:
        """The error for an instant in range that no interval of ``name`` holds (a timeline put together by hand can leave such a gap)."""
        return InvalidInputError(Problem("when", f"{at.isoformat()}, which no interval of {name} holds", f"an instant covered by every obligation's intervals, from {self.start.isoformat()} to {self.end.isoformat()}"))

    def _instant(self, when: dt.datetime | str) -> dt.datetime:
        """``when`` read as an aware instant in range; a day, a naive time or an instant out of range is refused, saying which."""
        if day_asked(when, self.zone, where="when") is not None:
            raise InvalidInputError(Problem("when", f"the day {when!r}", "an aware datetime or an ISO 8601 instant with its offset: a timeline answers at instants, and a whole day's answer is Tracker.status_on(day)"))
        at = instant(when, where="when")
        if not (self.start <= at <= self.end):
            raise InvalidInputError(Problem("when", at.isoformat(), f"an instant from {self.start.isoformat()} to {self.end.isoformat()}"))
        return at

    def changes(self) -> tuple[Interval, ...]:
        """Intervals that start inside the range, i.e. the changes it shows, in time order."""
        moved = (i for i in self.intervals if i.start > self.start or not i.start_inclusive)
        return tuple(sorted(moved, key=lambda i: (utc(i.start), i.start_inclusive is False, i.obligation_id)))

    def __iter__(self) -> Iterator[Interval]:
        return iter(self.intervals)

    def __len__(self) -> int:
        return len(self.intervals)

    def _repr_html_(self) -> str:
        """In a notebook: the chart (with matplotlib installed) above the table of intervals."""
        from ..render.notebook import timeline_html

        return timeline_html(self)

    def _repr_markdown_(self) -> str:
        """In a Markdown-only front end: the table of intervals."""
        from ..render.notebook import timeline_markdown

        return timeline_markdown(self)


class Evidence(Protocol):
    """What a timeline reads from a tracker: its agreement, its index, and the shared memo of a cut-off."""

    @property
    def agreement(self) -> Agreement: ...

    @property
    def index(self) -> Index: ...

    def known(self, cutoff: dt.datetime | None) -> dict[tuple[object, ...], object]: ...

    def answer(self, entry: Entry, view: View, ran: Judged | None = None) -> ObligationStatus: ...


def timeline(tracker: Evidence, start: When, end: When, *, known_on: When | None = None) -> Timeline:
    """Every obligation's status intervals from ``start`` to ``end``; see the module docs for the range rules."""
    zone = tracker.agreement.zone
    low, high = range_start(start, zone), moment(end, zone, where="end")
    if low > high:
        raise InvalidInputError(Problem("start", f"{low.isoformat()}, after the end {high.isoformat()}", "a start at or before the end"))
    cutoff = None if known_on is None else moment(known_on, zone, where="known_on")
    intervals: list[Interval] = []
    written = _writer(zone)
    for entry in tracker.index.entries.values():
        intervals += _obligation(entry, tracker, low, high, cutoff, written)
    return Timeline(tracker.agreement.id, zone, in_zone(low, zone), in_zone(high, zone), cutoff, tuple(intervals), tracker.agreement.local_zone)


def _keys(interval: Interval) -> tuple[int, int]:
    """The first and last keys an interval holds, where the key of an instant is twice its microseconds.

    An end left out moves its key by one inward, so an instant ``t`` (key ``2 * micros(t)``)
    lies in the interval exactly when the two keys bound its key.
    """
    start, end = 2 * micros(interval.start), 2 * micros(interval.end)
    return (start if interval.start_inclusive else start + 1, end if interval.end_inclusive else end - 1)


_FIRST_TWO = operator.itemgetter(0, 1)


def range_start(value: When, zone: str) -> dt.datetime:
    """The first instant of a range: a date means the start of that day in ``zone``, a day in a named zone the start of that day there."""
    day = day_asked(value, zone, where="start")
    return day.start if day is not None else moment(value, zone, where="start")


class _Piece(NamedTuple):
    """A run of instants with one answer: a single instant, or the open stretch after one."""

    low: dt.datetime | None
    high: dt.datetime
    point: bool
    key: tuple[Status, Window | None]
    """The status and the deadline in force at :func:`_probe`: what must change for a new interval to begin."""
    causes: Sequence[Cause | EventCause]
    """The causes at :attr:`low` (the change points' own list, read and never changed)."""
    probe: dt.datetime | None
    """The instant the piece was asked about, when it is not one tick into the stretch after :attr:`low` (worked out only where it is read)."""
    low_at: int
    """:func:`~ceasefire.time.micros` of :attr:`low` (0 when there is none)."""


_NEW = tuple.__new__
"""Builds a :class:`_Piece` without the named tuple's own constructor, a Python call that costs several times the tuple it makes."""


class _Run(NamedTuple):
    """Neighbouring pieces with one answer, as a timeline keeps them: the first piece, and where the last one ends."""

    first: _Piece
    end: dt.datetime
    end_at: int
    """:func:`~ceasefire.time.micros` of :attr:`end`."""
    end_in: bool
    """Whether :attr:`end` belongs to the run (the last piece is a single instant)."""


def _probe(piece: _Piece) -> dt.datetime:
    """The instant a piece was asked about: its own instant, or one tick into its stretch."""
    if piece.probe is not None:
        return piece.probe
    assert piece.low is not None
    return _step(piece.low, 1)


def _before(first: dt.datetime, first_at: int, second: dt.datetime, second_at: int) -> bool:
    """``first < second`` as Python compares the two datetimes, from their :func:`~ceasefire.time.micros` where that is the same answer.

    Two datetimes in different zone objects compare as instants, which the
    integers are, without asking either zone its offset; two in the same zone
    object compare by their clock readings, which only the datetimes hold.
    """
    return first < second if first.tzinfo is second.tzinfo else first_at < second_at


def _obligation(entry: Entry, tracker: Evidence, low: dt.datetime, high: dt.datetime, cutoff: dt.datetime | None, written: Callable[[int, dt.datetime], dt.datetime]) -> list[Interval]:
    keyed: dict[dt.datetime, int] = {}
    points = change_points(entry, tracker.index, high, cutoff, since=low, keyed=keyed)
    low_at, high_at = micros(low), micros(high)
    high_zone = high.tzinfo
    # Exact integer keys, each worked out once (by change_points, from the events' windows where it can): comparing aware datetimes in
    # different zones reads their offsets each time. The instants kept are those at or before the end, compared as Python compares them
    # (see _before), and the range's own ends where no equal instant is kept already. The set is built by adding them in that order, so it
    # iterates as before, and sorted() is stable: ties keep that order.
    key_of: dict[dt.datetime, int] = {}
    for p, at in keyed.items():
        if p <= high if p.tzinfo is high_zone else at <= high_at:
            key_of[p] = at
    key_of.setdefault(low, low_at)
    key_of.setdefault(high, high_at)
    ordered = sorted(set(p for p in key_of), key=key_of.__getitem__)  # not set(key_of): a set made from a dict is sized at once, and may iterate in another order
    keys = [key_of[when] for when in ordered]

    memo = tracker.known(cutoff)
    # What the rules gave at each instant asked about (keyed as written, since an answer keeps its instant's
    # zone), so that the answer, the full answer and its grounds there cost no second run. Most instants
    # only need the status and deadline; an answer is made only where an interval's state is read.
    runs: dict[tuple[dt.datetime, object], Judged] = {}

    def judge(when: dt.datetime) -> Judged:
        key = (when, when.tzinfo)
        found = runs.get(key)
        if found is None:
            found = runs[key] = run_rules(entry, View(tracker.index, when, cutoff, memo=memo, brief=True))
        return found

    basis: list[Draft] = []  # the draft of the last run of the rules, which holds for the last piece
    # The counted single breaches (their links' ids) whose windows opened since the last run of the rules and have not closed, for a standing
    # obligation; None once something since that run leaves them unknown (a breach closing that opened before it, a link with a window of its own).
    opened: list[set[int] | None] = [set()]

    def key_at(when: dt.datetime) -> tuple[Status, Window | None]:
        draft = judge(when)[0]
        basis[:] = [draft]
        opened[0] = set()
        return (draft.status, draft.deadline)

    oid = entry.obligation.id
    own = {id(item) for item in tracker.index.links.get(oid, ())}
    # The links the rules see under the cut-off, each in its role: a link of an event reported after the cut-off, of a version
    # replaced or withdrawn by then, or one the obligation does not count (see View.linked) is seen by no rule, so it moves nothing.
    seen: set[int] | None = None
    # Each counted single (not lasting) breach, by its link's id: whether its event is timed exactly, and whether the link takes effect in the
    # event's own window. Worked out once per obligation, not at every instant its causes fall on (both tests compare aware datetimes).
    singles: dict[int, tuple[bool, bool]] = {}
    lasting = True  # whether a counted breach lasts

    def look() -> set[int]:
        nonlocal seen, lasting
        if seen is None:
            view = View(tracker.index, high, cutoff, memo=memo)
            seen = {id(item) for role in tracker.index.table(oid).roles if role != "context" for item in view.linked(oid, role)}
            lasting = False
            for item in view.linked(oid, "breaches"):
                event = item.event
                if event.lasting:
                    lasting = True
                else:
                    singles[id(item)] = (event.occurred.is_exact, item.occurred is event.occurred)
        return seen

    def single_breaches(causes: Sequence[Cause | EventCause]) -> tuple[bool, bool, bool, set[int], set[int], bool] | None:
        """For a standing obligation whose last piece the rule itself decided (see :func:`~.standing.across_single_breaches`): whether ``causes`` hold
        a counted single breach timed exactly to their instant, one whose window opens there and one whose window closes there, the links whose
        windows open and close there (not exact ones), and whether every such link takes effect in its event's own window; None unless every cause is
        one of these or a link no rule sees."""
        if entry.obligation.kind != "standing" or not causes or not basis[0].ruled:
            return None
        visible = look()
        exact = opening = closing = False
        opens: set[int] = set()
        closes: set[int] = set()
        plain = True
        for c in causes:
            if c.__class__ is not EventCause or c[0] != "event":
                return None
            link = id(c[5])  # EventCause.item
            if link not in own:
                return None
            if link in visible:
                shape = singles.get(link)
                if shape is None:  # not a counted single breach
                    return None
                if not shape[1]:
                    plain = False
                if shape[0]:
                    exact = True
                elif c[4] == "opens":  # EventCause.edge
                    opening = True
                    opens.add(link)
                else:
                    closing = True
                    closes.add(link)
        return (exact, opening, closing, opens, closes, plain) if exact or opening or closing else None

    def settled(found: tuple[bool, bool, bool, set[int], set[int], bool]) -> Status | None:
        """The status of the last run of the rules, where :func:`~.standing.across_single_breaches` may carry it past the windows closing here:
        no breach reached that run's instant, and every window opened since closes here, none opening; else None. Keeps :data:`opened` up to date."""
        exact, opening, closing, opens, closes, plain = found
        since = opened[0]
        if since is None or not plain:
            opened[0] = None
            return None
        if not closing:
            since |= opens
            return None
        if opening or not closes >= since or not basis[0].clear_of_breaches:
            opened[0] = None
            return None
        if not since >= closes:  # a window that was open at the last run closes here: that run saw a breach after all
            opened[0] = None
            return None
        since.clear()
        return basis[0].status

    def state(when: dt.datetime, after: bool = False) -> Callable[[], ObligationStatus]:
        """What works out the full answer at ``when`` (with ``after``, one tick after it) once it is read: the rules run again there, as they would for ``status_on``."""
        index = tracker.index

        def work() -> ObligationStatus:
            at = _step(when, 1) if after else when
            return tracker.answer(entry, View(index, at, cutoff, memo=memo), run_rules(entry, View(index, at, cutoff, memo=memo, brief=True)))

        return work

    # The pieces are not kept: only each run of pieces with one answer is, as its first piece and where its last piece ends. ``key``,
    # ``end``, ``end_at`` and ``point`` describe the last piece (its answer, its end, and whether it is a single instant).
    found_runs: list[_Run] = []
    first_instant = ordered[0]
    before = _step(first_instant, -1)
    run = _NEW(_Piece, (None, first_instant, False, key_at(before), (), before, 0))
    key, end, end_at, point = run.key, first_instant, keys[0], False

    def extend(low: dt.datetime, high: dt.datetime, high_at: int, is_point: bool, answer: tuple[Status, Window | None], causes: Sequence[Cause | EventCause],
               probe: dt.datetime | None, low_at: int) -> None:
        """Add a piece after the last: a new run starts where its answer differs from the last piece's."""
        nonlocal run, key, end, end_at, point
        if not answer == key:
            found_runs.append(_NEW(_Run, (run, end, end_at, point)))
            run = _NEW(_Piece, (low, high, is_point, answer, causes, probe, low_at))
        key, end, end_at, point = answer, high, high_at, is_point

    count = len(ordered)
    ended = Status.ENDED
    no_causes: tuple[Cause | EventCause, ...] = ()
    get_causes = points.get
    for n, here in enumerate(ordered):
        if key[0] is ended:
            # An obligation that has ended stays ended: every later instant gives the same answer, so the rest of the range is one stretch.
            last = ordered[-1]
            if end != last or not point:
                extend(last, last, keys[-1], True, key, (), last, keys[-1])
            break
        here_at = keys[n]
        causes = get_causes(here, no_causes)  # read, never changed: a piece keeps this list as its causes
        # Where every cause is an event of a role the last run of the rules declared steady, neither the instant nor the stretch after it moves:
        # both continue the last piece's run, so only where the run ends moves (what extend() does for pieces with the last piece's answer).
        # Each cause must be an event of this obligation's own links whose role is steady, or one no rule sees under the cut-off (see look());
        # the test is written out in the loop rather than called, since most instants of a busy obligation stop here.
        if not point:
            steady, after = basis[0].steady, basis[0].steady_after
            for c in causes:
                if c.__class__ is not EventCause or c[0] != "event":
                    break
                item = c[5]
                if id(item) not in own or (c[7] not in steady and id(item) in (seen if seen is not None else look())
                                           and (after is None or c[7] != after[0] or item.occurred is None or not item.occurred.earliest > after[1])):
                    break
            else:
                if n + 1 < count and here_at + 1 < keys[n + 1]:
                    end, end_at, point = ordered[n + 1], keys[n + 1], False
                else:
                    end, end_at, point = here, here_at, True
                continue
        sides = {c.side for c in causes}
        # A change "after" an instant leaves the instant itself as the stretch before it was; with no such change, the stretch after it is as the instant.
        # (The stretch before is the last piece only when it is one: after a single instant just before this one, ask again.)
        # Where every cause is a single breach of a standing obligation at that instant, the rule says what both are.
        found = None if point else single_breaches(causes)
        if found is None:
            now, then = None, None
        else:
            now, then = standing.across_single_breaches(key[0], exact=found[0], opening=found[1], closing=found[2], lasting=lasting, settled=settled(found))
        if now is not None:
            at_here = (now, key[1])
        else:
            then = None
            at_here = key if sides == {"after"} and not point else key_at(here)
        extend(here, here, here_at, True, at_here, causes, here, here_at)
        if n + 1 < count and here_at + 1 < keys[n + 1]:  # a stretch lies between this instant and the next
            if then is not None:
                past = (then, at_here[1])
            elif now is not None:  # the rule said what the instant is, not what follows it
                past = key_at(_step(here, 1))
            else:
                past = key_at(_step(here, 1)) if "after" in sides else at_here
            extend(here, ordered[n + 1], keys[n + 1], False, past, causes, None, here_at)
    found_runs.append(_NEW(_Run, (run, end, end_at, point)))

    def grounds(when: dt.datetime) -> Callable[[str | None], bool]:
        """Whether the answer at ``when`` rests on an id (asked only where a choice among causes needs it)."""
        return rests_on(entry, judge(when)[0])

    cut = View(tracker.index, high, cutoff, memo=memo)  # which records of a revised event the cut-off knows, which is current, which sources are out

    def known(cause: Cause | EventCause) -> bool:
        """Whether a cause names what the cut-off knows: an event's record that was reported by then and was its current version."""
        if not isinstance(cause, EventCause):
            return True
        return cut.knows(cause.item.reported) and cut.is_current(cause.item.event)

    return [_clip(each, low, low_at, high, high_at, state, grounds, oid, written, known, cut) for each in found_runs if _overlaps(each, low, low_at)]


def _overlaps(run: _Run, low: dt.datetime, low_at: int) -> bool:
    """Whether the run reaches into the range that starts at ``low``: its last instant is at or after it (after it, for an open end)."""
    return not _before(run.end, run.end_at, low, low_at) if run.end_in else _before(low, low_at, run.end, run.end_at)


def _clip(run: _Run, low: dt.datetime, low_at: int, high: dt.datetime, high_at: int, state: Callable[[dt.datetime, bool], Callable[[], ObligationStatus]],
          grounds: Callable[[dt.datetime], Callable[[str | None], bool]], obligation_id: str, written: Callable[[int, dt.datetime], dt.datetime],
          known: Callable[[Cause | EventCause], bool], cut: View) -> Interval:
    first = run.first
    chosen = _cause(first, lambda: grounds(_probe(first)), known)
    # under a cut-off an event's cause is written with the sources published by then; with none, from the event cause alone
    cause: Cause | EventCause | Callable[[], Cause] = functools.partial(chosen.cause, cut) if isinstance(chosen, EventCause) and cut.known_on is not None else chosen
    if first.low is None or _before(first.low, first.low_at, low, low_at):
        begin, begin_at, begin_in = low, low_at, True
        at_start = state(low, False)
    else:
        # The answer at the piece's probe (see _probe), whose instant is worked out only if the answer is read.
        begin, begin_at, begin_in = first.low, first.low_at, first.point
        at_start = state(first.probe, False) if first.probe is not None else state(first.low, True)
    finish, finish_at, finish_in = (high, high_at, True) if _before(high, high_at, run.end, run.end_at) else (run.end, run.end_at, run.end_in)
    return Interval(
        obligation_id=obligation_id,
        status=first.key[0],
        start=written(begin_at, begin),
        end=written(finish_at, finish),
        start_inclusive=begin_in,
        end_inclusive=finish_in,
        cause=cause,
        deadline=first.key[1],
        state=at_start,
    )


def _writer(zone_name: str) -> Callable[[int, dt.datetime], dt.datetime]:
    """What writes an instant ``when``, whose :func:`~ceasefire.time.micros` is ``at``, in the zone ``zone_name``: the datetime :func:`~ceasefire.time.in_zone` gives.

    Each instant is converted once per timeline, by the standard library's
    conversion from UTC into the zone's own object, and written as the same
    pendulum datetime (fields, fold and zone) that pendulum's conversion
    makes; pendulum's own path costs several times as much. One zone is the
    exception: in pendulum's own UTC object, pendulum's path hands on the
    fold of the instant given, which the integer does not hold, so there
    :func:`~ceasefire.time.in_zone` itself writes it.
    """
    into = zone_named(zone_name)
    if into is _PENDULUM_UTC:
        return lambda at, when: in_zone(when, zone_name)
    made: dict[int, dt.datetime] = {}

    def written(at: int, when: dt.datetime) -> dt.datetime:
        found = made.get(at)
        if found is None:
            local = _ASTIMEZONE(_EPOCH + dt.timedelta(microseconds=at), into)
            found = made[at] = _DATETIME(local.year, local.month, local.day, local.hour, local.minute, local.second, local.microsecond, tzinfo=local.tzinfo, fold=local.fold)
        return found

    return written


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
_ASTIMEZONE = dt.datetime.astimezone
_DATETIME = pendulum.DateTime
_PENDULUM_UTC = pendulum.instance(_EPOCH).tzinfo
"""The zone pendulum gives an instant written in UTC, which :func:`~ceasefire.time.in_zone` converts from."""


_PRIORITY = ("effect", "amendment", "deadline", "deadline-window", "event", "anchor", "term-period", "term-notice", "coverage", "stale")


def _cause(piece: _Piece, grounds: Callable[[], Callable[[str | None], bool]], known: Callable[[Cause | EventCause], bool]) -> Cause | EventCause:
    """The cause that best explains the change into ``piece``, preferring one that names what the answer there rests on (what ``grounds`` gives, asked only to choose among several).

    An event's cause is handed on as it is: :attr:`Interval.cause` writes it out when it is read. Of a
    revised event, only the record the cut-off knows as current is named (``known``): two versions
    with the same window give causes at the same instant, and the cause is written from its record.
    """
    if piece.low is None:
        return Cause("initial", None, None, "at", None, "the state before any recorded change")
    side = "at" if piece.point else "after"
    causes = [c for c in piece.causes if known(c)] or list(piece.causes)
    candidates = [c for c in causes if c.side == side] or causes
    if not candidates:
        return Cause("range", piece.low, None, side, None, "no recorded change explains this boundary")
    if len(candidates) == 1:
        chosen = candidates[0]
    else:
        rests_on = grounds()
        chosen = min(candidates, key=lambda c: (not rests_on(c.ref), _PRIORITY.index(c.kind)))
    return chosen


def _step(when: dt.datetime, direction: int) -> dt.datetime:
    """The representable instant one microsecond before or after ``when``."""
    return later(when, direction * _TICK)
