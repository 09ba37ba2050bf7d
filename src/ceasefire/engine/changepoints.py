"""The instants at which an obligation's status can change, and why.

The evaluators compare the instant asked about, ``t``, only with fixed
instants: when the obligation takes effect, when an amendment applies, the
two ends of each event's window, the ends of each deadline that can be in
force, the ends of a term's periods. Between two neighbouring such instants
every comparison, and so the status, stays the same. This module lists those
instants for one obligation, each with the :class:`Cause` that makes a
change there.

Each cause says on which side of its instant the change falls: ``"at"`` when
the new state holds from the instant itself (``x <= t``), ``"after"`` when it
holds only strictly after it (``t > x``, as for a deadline that has passed).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, NamedTuple

import attrs

from ..model import Citation, Due, TermObligation
from ..time import Window, end_of_day, micros, utc
from .deadline import resolve_due

if TYPE_CHECKING:
    from .evidence import View
from .evidence import COMPLETIONS, Entry, Index, Linked, View, effective_of
from .term import term_periods


@attrs.frozen
class Cause:
    """What starts an interval of a timeline.

    ``kind`` is one of ``initial`` (the state before anything happened),
    ``effect`` (the obligation takes effect), ``amendment``, ``deadline``
    (the deadline in force has passed), ``deadline-window`` (the instant
    enters an uncertain deadline window), ``event`` (an event's window opens,
    ``edge="opens"``, or closes, ``edge="closes"``), ``anchor`` (an event
    that starts a relative deadline), ``term-period`` and ``term-notice``.
    ``ref`` names the event, amendment, supplement or obligation concerned;
    ``sources`` are the ids of the sources behind it.
    """

    kind: str
    at: dt.datetime | None
    ref: str | None = None
    side: str = "at"
    edge: str | None = None
    description: str = ""
    sources: tuple[str, ...] = ()
    happening: str | None = None
    """For an event's cause, what the instant is for the event, in a few words for a table: "happens" (and just after it, "is over"),
    "may have happened", "surely happened", or for the end of a lasting happening "ends" ("has ended"), "may have ended", "surely
    ended" (None for other causes)."""


def change_points(entry: Entry, index: Index, until: dt.datetime, cutoff: dt.datetime | None = None, since: dt.datetime | None = None,
                  keyed: dict[dt.datetime, int] | None = None) -> dict[dt.datetime, list[Cause | EventCause]]:
    """Every instant up to ``until`` where ``entry``'s status may change, with its causes.

    ``cutoff`` is the knowledge cut-off: what the evidence watches depends on it.
    ``since`` skips the ends of term periods that were over before it, so a
    timeline of one late year does not walk every renewal since the start.
    ``keyed``, when given, receives each instant returned (the same object,
    in the same order) with its :func:`~ceasefire.time.micros`, taken from
    the event's window where an event gives the instant, so that a timeline
    need not work it out again.
    """
    found: dict[dt.datetime, list[Cause | EventCause]] = {}
    get = found.get
    for cause in _causes(entry, index, until, cutoff, since):
        at = cause.at
        assert at is not None
        group = get(at)
        if group is None:
            found[at] = [cause]
            if keyed is not None:
                known = cause[6] if cause.__class__ is EventCause else None
                keyed[at] = micros(at) if known is None else known
        else:
            group.append(cause)
    return found


def _causes(entry: Entry, index: Index, until: dt.datetime, cutoff: dt.datetime | None, since: dt.datetime | None = None) -> list[Cause | EventCause]:
    """Every cause, in the order a timeline names them first: gathered in one list, so that each is not handed on through a generator per kind."""
    found: list[Cause | EventCause] = [*_effect(entry, index), *_amendments(entry, index)]
    _events(entry.obligation.id, index, "event", found)
    found += _coverage(entry.obligation.id, index, until, cutoff)
    found += _endings(index)
    found += _conditions(entry, index, until, cutoff)
    obligation = entry.obligation
    if obligation.kind == "deadline":
        found += _deadlines(entry, index, until)
    if isinstance(obligation, TermObligation):
        for start in starts(entry, index):
            found += _term(obligation, start, index.agreement.zone, until, since)
    return found


def starts(entry: Entry, index: Index) -> list[dt.datetime]:
    """Every instant ``entry`` may start to bind from: its own start, and for one that waits on another, each fulfilment of that other that can be the first known.

    What counts from the start (a relative deadline, a term's periods, a
    stretch without progress) has its change points counted from each.
    """
    effective = effective_of(entry, index.agreement)
    needed = entry.obligation.depends_on
    if needed is None:
        return [effective]
    found = {effective}
    for item in index.links.get(needed, ()):
        if item.link.role == "fulfils" and item.occurred is not None:
            found.add(max(item.occurred.latest, effective, key=utc))
    return sorted(found, key=utc)


def _effect(entry: Entry, index: Index) -> Iterator[Cause]:
    effective = effective_of(entry, index.agreement)
    supplement = entry.added_by
    if supplement is not None and entry.obligation.effective is None:
        text = f"added by {supplement.id} and in effect"
        yield Cause("effect", effective, supplement.id, "at", None, text, _ids(supplement.sources))
    else:
        yield Cause("effect", effective, entry.obligation.id, "at", None, "takes effect", _ids(entry.obligation.sources))


def _amendments(entry: Entry, index: Index) -> Iterator[Cause]:
    for amendment in index.amendments.get(entry.obligation.id, ()):
        if amendment.status != "agreed":
            continue
        text = f"{amendment.kind} in effect: {amendment.summary}"
        yield Cause("amendment", amendment.in_effect_from, amendment.id, "at", None, text, _ids(amendment.sources))


class EventCause(NamedTuple):
    """A cause an event gives, with what a timeline needs to choose among causes; written out as a :class:`Cause` only when one is named."""

    kind: str
    at: dt.datetime
    ref: str
    side: str
    edge: str
    item: Linked
    at_micros: int | None = None
    """:func:`~ceasefire.time.micros` of :attr:`at`, read from the window it ends (None where not given)."""
    role: str = ""
    """The link's role, as :attr:`item` holds it (given by change points, so that a timeline need not read the link again)."""

    def cause(self, seen: View | None = None) -> Cause:
        """The cause written out, with its description and the event's sources (with ``seen``, a view under a knowledge cut-off, those published by then).

        The words say which end of the happening the instant is (its start,
        or the end of one that lasted) and how sure it is: an exact instant
        "happened" or "ended"; the opening of a window "may have"; its closing
        "surely".
        """
        event, role = self.item.event, self.item.link.role
        side, edge, at = self.side, self.edge, self.at
        if edge not in ("opens", "closes"):
            raise KeyError((side, edge))
        occurred, until, own = event.occurred, event.until, self.item.occurred
        ends = until is not None and at in (until.earliest, until.latest) and at not in (occurred.earliest, occurred.latest)
        window = until if ends else own if own is not None and at in (own.earliest, own.latest) else occurred
        assert window is not None
        exact = window.earliest == window.latest
        verb = "ended" if ends else "happened"
        if exact:  # at the instant it happens (or ends); just after it, it is over (or has ended)
            said = verb if side == "at" else "has ended" if ends else "is over"
            happening = ("ends" if ends else "happens") if side == "at" else said
        elif edge == "opens":
            happening = f"may have {verb}"
            said = happening if side == "at" else ("end window has opened" if ends else "window has opened")
        else:
            happening = f"surely {verb}"
            said = f"has surely {verb}" if side == "at" else ("end window is over" if ends else "window is over")
        sources = _ids(event.sources) if seen is None or seen.known_on is None else tuple(dict.fromkeys(c.source_id for c in seen.cite(event.sources)))
        return Cause(self.kind, at, event.id, side, edge, f"{role} event {said}: {event.summary}", sources, happening)


def _events(obligation_id: str, index: Index, kind: str, found: list[Cause | EventCause] | None = None) -> list[Cause | EventCause]:
    """Where linked events may change the status, added to ``found`` (a new list by default), which is returned; context links never count, so they change nothing."""
    if found is None:
        found = []
    add = found.append
    links = index.links.get(obligation_id, ())
    for item, role in zip(links, _roles(obligation_id, index, links)):
        if role == "context":
            continue
        event = item.event
        occurred = event.occurred
        if event.until is not None or event.ongoing or item.occurred is not occurred:
            _event(item, kind, found)
            continue
        # A single happening whose link takes effect in the event's own window (most reports): what _event() adds, written out here without its call.
        opens, closes = occurred.earliest, occurred.latest
        opens_at, closes_at = occurred.keys()
        ref = event.id
        add(_NEW(EventCause, (kind, opens, ref, "at", "opens", item, opens_at, role)))
        if opens is closes or opens == closes:
            if role == "breaches":
                add(_NEW(EventCause, (kind, opens, ref, "after", "opens", item, opens_at, role)))
            continue
        add(_NEW(EventCause, (kind, opens, ref, "after", "opens", item, opens_at, role)))
        add(_NEW(EventCause, (kind, closes, ref, "at", "closes", item, closes_at, role)))
        add(_NEW(EventCause, (kind, closes, ref, "after", "closes", item, closes_at, role)))
    return found


_NEW = tuple.__new__


def _roles(obligation_id: str, index: Index, links: Sequence[Linked]) -> list[str]:
    """The role of each of ``links``, in order: read from the obligation's link table, which notes where each role's links sit, when the table holds these links.

    Reading each link's own role instead touches one more object per link,
    scattered in memory; at 100,000 events that read costs several times the
    table's.
    """
    table = index.tables.get(obligation_id)
    if table is not None and table.links is links:
        found = [""] * len(links)
        for role, positions in table.roles.items():
            for position in positions:
                found[position] = role
        if "" not in found:
            return found
    return [item.link.role for item in links]


def _event(item: Linked, kind: str, found: list[Cause | EventCause]) -> list[Cause | EventCause]:
    """Add to ``found`` where one linked event may change the status, in order; ``found`` is returned."""
    event = item.event
    role = item.link.role
    until = event.until
    lasting = until is not None or event.ongoing
    occurred = event.occurred
    own = item.occurred
    add = found.append
    ref = event.id
    if own is not None and own is not occurred:
        windows = [own, occurred] if role == "breaches" else [own]
    else:
        windows = [occurred]
    if lasting and until is not None and role not in COMPLETIONS:
        windows.append(until)
    for window in windows:
        opens, closes = window.earliest, window.latest
        opens_at, closes_at = window.keys()
        exact = opens is closes or opens == closes  # as Window.is_exact, without its call where both ends are one object
        # An exact happening that neither breaches nor lasts counts from its instant on: nothing about it changes just after.
        instant_only = exact and role != "breaches" and not lasting
        # Built as tuples directly: the named tuple's own constructor is a Python call, the same tuple at several times the cost.
        add(_NEW(EventCause, (kind, opens, ref, "at", "opens", item, opens_at, role)))
        if not instant_only:
            add(_NEW(EventCause, (kind, opens, ref, "after", "opens", item, opens_at, role)))
        if exact:  # the closing causes would fall at the same instant and side as the opening ones, which a timeline names first
            continue
        add(_NEW(EventCause, (kind, closes, ref, "at", "closes", item, closes_at, role)))
        if not instant_only:
            add(_NEW(EventCause, (kind, closes, ref, "after", "closes", item, closes_at, role)))
    return found


def _coverage(obligation_id: str, index: Index, until: dt.datetime, cutoff: dt.datetime | None) -> Iterator[Cause]:
    for log in index.coverage:
        name = _file_name(log.name)
        for span in log.spans(obligation_id, cutoff):
            yield Cause("coverage", span.start, name, "at", "opens", f"{name} starts watching", ())
            yield Cause("coverage", span.end, name, "after", "closes", f"{name} stops watching: the evidence ends", ())


@functools.lru_cache(maxsize=1024)
def _file_name(path: str) -> str:
    """The file name of an evidence log's path, as a coverage cause names it: read once per path, not once per obligation (a path takes microseconds to parse)."""
    return PurePath(path).name


def _conditions(entry: Entry, index: Index, until: dt.datetime, cutoff: dt.datetime | None) -> Iterator[Cause | EventCause]:
    """Where an obligation starts or stops binding because of another one, a date, or a stretch without progress."""
    obligation = entry.obligation
    for other in (obligation.depends_on, obligation.until_fulfilment_of):
        if other is not None:
            yield from _events(other, index, "anchor")
    if obligation.depends_on is not None:  # waiting rests on silence about the other one, which holds only where it is watched
        yield from _coverage(obligation.depends_on, index, until, cutoff)
    if obligation.until is not None:
        last = end_of_day(obligation.until, index.agreement.zone)
        yield Cause("effect", last, obligation.id, "after", None, f"binds until the end of {obligation.until.isoformat()}", _ids(obligation.sources))
    stale = getattr(obligation, "stale_after", None)
    if stale is not None:
        begins = starts(entry, index) + [i.event.occurred.latest for i in index.links.get(obligation.id, ()) if i.link.role == "advances"]
        for start in begins:
            yield Cause("stale", stale.after(start, index.agreement.zone), obligation.id, "after", None, f"{stale.words()} without a report of progress", ())


def _endings(index: Index) -> Iterator[Cause | EventCause]:
    for ender in index.enders:
        if ender.amendment is not None:
            a = ender.amendment
            yield Cause("amendment", a.in_effect_from, a.id, "at", None, f"the agreement ends ({ender.how}): {a.summary}", _ids(a.sources))
        elif ender.linked is not None:
            yield from _event(ender.linked, "event", [])


def _deadlines(entry: Entry, index: Index, until: dt.datetime) -> Iterator[Cause | EventCause]:
    begins = starts(entry, index)
    dues: list[tuple[Due, str | None, tuple[str, ...]]] = [(entry.obligation.due, entry.obligation.id, _ids(entry.obligation.sources))]  # type: ignore[union-attr]
    for amendment in index.amendments.get(entry.obligation.id, ()):
        if amendment.due is not None and amendment.status == "agreed":
            dues.append((amendment.due, amendment.id, _ids(amendment.sources)))
    for due, ref, sources in dues:
        if due.after_fulfilment_of is not None:
            yield from _events(due.after_fulfilment_of, index, "anchor")
        for deadline in {w: None for effective in begins for w in _possible_deadlines(due, effective, index, until)}:
            text = f"deadline {due.describe()}" + (f" (set by {ref})" if ref != entry.obligation.id else "")
            yield Cause("deadline-window", deadline.earliest, ref, "after", None, f"inside the window of the {text}", sources)
            yield Cause("deadline", deadline.latest, ref, "after", None, f"{text} has passed", sources)


def _possible_deadlines(due: Due, effective: dt.datetime, index: Index, until: dt.datetime) -> list[Window]:
    """Every window the deadline ``due`` can resolve to, whatever the evidence seen."""
    zone = index.agreement.zone
    if due.after_fulfilment_of is None:
        window, _ = resolve_due(due, effective, View(index, until, None))
        return [window] if window is not None else []
    assert due.within is not None
    anchors = [i for i in index.links.get(due.after_fulfilment_of, ()) if i.link.role == "fulfils"]
    return [i.event.occurred.shifted(due.within, zone) for i in anchors]


def _term(obligation: TermObligation, start: dt.datetime, zone: str, until: dt.datetime, since: dt.datetime | None = None) -> Iterator[Cause]:
    sources = _ids(obligation.sources)
    count, _, _ = term_periods(obligation, start, zone, until)
    # The period holding ``since`` starts where the one before it ends: that end may fall on ``since`` itself, so it is kept.
    first = max(0, term_periods(obligation, start, zone, since)[0] - 1) if since is not None and since > start else 0
    notice, period, renewal = obligation.notice, obligation.period, obligation.renewal
    start_at = micros(start)
    for number in range(first, count + 1):
        # Kept by the instant itself (an integer), not the datetime: two readings of a repeated hour are equal datetimes but different instants.
        key = (period, renewal, number, start_at, zone)
        end = _PERIOD_ENDS.get(key)
        if end is None:
            span = period if number == 0 else period.plus(renewal, number)  # type: ignore[arg-type]
            end = _remember(_PERIOD_ENDS, key, span.after(start, zone))
        yield Cause("term-period", end, obligation.id, "at", None, f"period {number + 1} ends", sources)
        if notice is not None:
            asked = (notice, micros(end), zone)
            due = _NOTICES.get(asked)
            if due is None:
                due = _remember(_NOTICES, asked, notice.before(end, zone))
            yield Cause("term-notice", due, obligation.id, "after", None, f"notice date for period {number + 1} passes", sources)


_PERIOD_ENDS: dict[tuple[object, ...], dt.datetime] = {}
"""Term period ends already counted, by period, renewal, number, start (as an instant) and zone: a feed's term obligations mostly share them."""
_NOTICES: dict[tuple[object, ...], dt.datetime] = {}
"""Notice dates already counted, by notice, period end (as an instant) and zone."""


def _remember(memo: dict[tuple[object, ...], dt.datetime], key: tuple[object, ...], found: dt.datetime) -> dt.datetime:
    """Keep ``found`` in ``memo`` under ``key`` and return it; a memo that has grown large is emptied first."""
    if len(memo) >= 1 << 16:
        memo.clear()
    memo[key] = found
    return found


def _ids(citations: Iterable[Citation]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([c.source for c in citations]))
