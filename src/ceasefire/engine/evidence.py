"""What the rules look at: obligations as entries, events as links, and the view of them at one instant under one cut-off."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import operator
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import attrs

from ..model import (
    Agreement,
    Amendment,
    Citation,
    Coverage,
    DeadlineObligation,
    Discrepancy,
    Event,
    Link,
    ProgressObligation,
    Quantity,
    Source,
    StandingObligation,
    TermObligation,
)
from ..render import display as words  # the one place instants and windows are written for reading
from ..results import Cited, Disagreement, Evidence
from ..time import Window, micros, utc
from .revisions import Revision, Versions, current


@attrs.frozen
class Entry:
    """An obligation with the point it sits in and the supplement that added it, if any."""

    obligation: DeadlineObligation | StandingObligation | ProgressObligation | TermObligation
    point: int
    added_by: Amendment | None = None
    label: str | None = None
    """The point's own name, when it has one."""


COMPLETIONS = ("fulfils", "ends", "notice")
"""Roles by which a lasting happening counts only once it is over: a
withdrawal fulfils, ends or gives notice when it is complete."""


@attrs.frozen(init=False)
class Linked:
    """An event, its link to one obligation, and when it was first reported.

    Two links are equal when their event, link and first report are; what is
    worked out from them (``occurred``, ``order``, ``over``) takes no part.
    """

    event: Event
    link: Link
    reported: Window
    occurred: Window | None = attrs.field(init=False, eq=False, repr=False)
    """When this link takes effect: a lasting happening completes when it ends, and never while ongoing."""
    order: tuple[int, int, str] = attrs.field(init=False, eq=False, repr=False)
    """The sort key of :func:`order_of`, worked out once: when the link's window closes and opens (:func:`~ceasefire.time.micros`), then the event id."""
    over: int | None = attrs.field(init=False, eq=False, repr=False)
    """When the happening was surely over (:func:`~ceasefire.time.micros`): the end of a single happening's window, the end of a lasting one's ``until``, None while it is ongoing."""
    figures: Figures | None = attrs.field(init=False, eq=False, repr=False)
    """What the event's reported figures add to the obligation's (:func:`figures_of`), read once when the link is filed; None for an event that reports none."""

    def __init__(self, event: Event, link: Link, reported: Window) -> None:
        occurred, order, over = timing(event, link.role)
        _set = object.__setattr__
        _set(self, "event", event)
        _set(self, "link", link)
        _set(self, "reported", reported)
        _set(self, "occurred", occurred)
        _set(self, "order", order)
        _set(self, "over", over)
        _set(self, "figures", figures_of(event, link))

    @property
    def when(self) -> Window:
        """:attr:`occurred` for a link known to take effect (callers filter out ongoing completions first)."""
        found = self.occurred
        assert found is not None, f"{self.event.id} is ongoing and has not completed"
        return found


Figure = tuple[int, str, str, float, str, bool, Quantity]
"""One reported figure as the progress rule folds it: its place among the event's figures, its name casefolded and as written, its value, its
qualifier, whether it is an increment, and the quantity itself (for its words). The place tells one figure named by two links of the event
(counted once) from two figures of the same name (each counted)."""

Figures = tuple[str, tuple[Figure, ...]]
"""An event's id and the figures its link lets count (see :func:`figures_of`)."""


def figures_of(event: Event, link: Link) -> Figures | None:
    """The figures of ``event`` that count through ``link`` (those the link names, else all), with the event's id; None when the event reports no figures.

    The progress rule folds these (``progress._fold``); they are read from the
    event once, when the tracker files the link, not at every question.
    """
    quantities = event.quantities
    if not quantities:
        return None
    chosen = link.quantities
    figures = []
    for place, q in enumerate(quantities):
        named = q.__dict__  # a quantity is a pydantic model: its fields read from the dictionary pydantic keeps them in, as in the tracker's walk
        name = named["name"]
        if chosen is None or name in chosen:
            folded = _FOLDED.get(name)
            if folded is None:  # two threads may both fold a new name: they store the same string
                folded = _FOLDED[name] = sys.intern(name.casefold())
            figures.append((place, folded, name, named["value"], named["qualifier"], named["counts"] == "increment", q))
    return event.id, tuple(figures)


_FOLDED: dict[str, str] = {}
"""Each figure name met, casefolded and interned: a feed names few figures, each many times."""


def _filer() -> Callable[[Event, Link, Window, Window | None, tuple[int, int, str], int | None, Figures | None], Linked]:
    """:func:`new_linked`, with each field's slot written through its own descriptor (the frozen class's guard is for callers, not for its maker)."""
    new = object.__new__
    event_, link_, reported_, occurred_, order_, over_, figures_ = (Linked.__dict__[name].__set__ for name in ("event", "link", "reported", "occurred", "order", "over", "figures"))

    def new_linked(event: Event, link: Link, reported: Window, occurred: Window | None, order: tuple[int, int, str], over: int | None, figures: Figures | None) -> Linked:
        item: Linked = new(Linked)
        event_(item, event)
        link_(item, link)
        reported_(item, reported)
        occurred_(item, occurred)
        order_(item, order)
        over_(item, over)
        figures_(item, figures)
        return item

    return new_linked


new_linked = _filer()
"""A :class:`Linked` whose :func:`timing` and :func:`figures_of` the caller has already worked out, equal to ``Linked(event, link, reported)``
when those are its timing and figures: the tracker works the timing out once per event, not once per link."""


def timing(event: Event, role: str) -> tuple[Window | None, tuple[int, int, str], int | None]:
    """What a :class:`Linked` of ``event`` in ``role`` keeps: when it takes effect, its sort key, and when the happening was surely over.

    A lasting happening linked in one of :data:`COMPLETIONS` takes effect when
    it ends (never, while it is ongoing); anything else when it happened.
    """
    until = event.until
    lasting = until is not None or event.ongoing
    occurred = until if lasting and role in COMPLETIONS else event.occurred
    opens, closes = (occurred or event.occurred).keys()
    return occurred, (closes, opens, event.id), ((None if until is None else until.keys()[1]) if lasting else closes)


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
    tables: dict[str, LinkTable] = attrs.field(factory=dict, eq=False, repr=False)
    """Each linked obligation's :class:`LinkTable`."""
    versions: Versions | None = attrs.field(default=None, eq=False, repr=False)
    """:attr:`histories` as sorted keys (built with the tracker), for the versions current at a cut-off; None to read the histories themselves."""
    keys: dict[str, tuple[dt.datetime, int]] = attrs.field(factory=dict, eq=False, repr=False)
    """For each obligation, an instant its answers are compared with at every question (when it takes effect) and that instant's key (:func:`~ceasefire.time.micros`), kept on first use."""

    def table(self, obligation_id: str) -> LinkTable:
        """The :class:`LinkTable` of ``obligation_id``'s links (an empty one for an obligation nothing links to)."""
        return self.tables.get(obligation_id) or _NO_LINKS


class LinkTable:
    """One obligation's links, in the order loaded, arranged to find those known at a cut-off without a pass over all of them.

    The tracker notes, as it files each link, where each role's links sit
    and which links belong to revised events (only they can have been
    replaced or withdrawn). A cut-off keeps the links first reported by
    then: their positions are a prefix of the links sorted by when each was
    first reported (found by bisection), put back in the order loaded.
    """

    __slots__ = ("links", "roles", "revised", "plain", "_by_report", "_report_keys", "_by_roles", "_refused", "_in_order", "_revised_ids", "_latest", "_together", "_spellings", "_figures")

    def __init__(
        self, links: tuple[Linked, ...], roles: dict[str, list[int]], revised: list[int], refused: set[int] | None = None, *, plain: bool = False, figures: tuple[set[str], bool] | None = None
    ) -> None:
        self.links = links
        self.roles = roles
        """Each role's positions in :attr:`links`, in order."""
        self.revised = revised
        """Positions of the links of revised events, in order."""
        self.plain = plain
        """True when the tracker found, as it filed them, that no link's event lasts (``until`` or ``ongoing``) or is disputed: a sorted run of these links then has no lasting or disputed events to look for."""
        self._by_report: list[int] | None = None
        self._report_keys: list[int] = []
        self._by_roles: dict[tuple[str, ...], list[int]] = {}
        self._refused: set[int] | None = refused
        """What :meth:`refused` gives, when the tracker decided it as it filed the links."""
        self._in_order: dict[str, InOrder] = {}
        self._revised_ids: list[int] | None = None
        self._latest: dict[str, Ordered] = {}
        """Each role's links as known with no cut-off (see :meth:`latest`)."""
        self._together: dict[tuple[str, ...], Ordered | None] = {}
        """Some roles' links together as known with no cut-off, under the roles' names sorted (see :meth:`latest_together`)."""
        self._spellings: frozenset[str] | None | bool = False
        """What :meth:`spellings` gives, once worked out (False until then)."""
        self._figures = figures
        """When the tracker noted them as it filed the links: the name of every figure they give, as written, and whether an event may give one through two of them."""

    def in_order(self, role: str, orders: list[tuple[int, int, str]] | None = None) -> InOrder:
        """The links in ``role`` in :func:`order_of` order (links that sort level in the order loaded); see :class:`InOrder`.

        Cut-off independent: the tracker works it out for every role when it is
        built, so a cut-off's known links are a filter of it, not a sort. The
        lists are shared: a caller copies before changing one. ``orders``, when
        the caller has them, are every link's :attr:`~Linked.order`, in the order of :attr:`links`.
        """
        found = self._in_order.get(role)
        if found is None:
            links = self.links
            positions = self.roles.get(role, ())
            if orders is None:
                orders = [item.order for item in links]
            chosen = sorted(positions, key=orders.__getitem__)  # stable: level links stay in the order loaded
            ordered = [orders[n] for n in chosen]
            found = self._in_order[role] = InOrder(
                chosen,
                [order[0] for order in ordered],
                [links[n] for n in chosen],
                [i for i, order in enumerate(ordered) if order[1] < order[0]],
                max((order[0] - order[1] for order in ordered), default=0),
            )
        return found

    def revised_ids(self) -> list[int]:
        """The ``id`` of the event of each link in :attr:`revised`, in the same order, so whether it is current is found without reading the link."""
        found = self._revised_ids
        if found is None:
            found = self._revised_ids = [id(self.links[n].event) for n in self.revised]
        return found

    def spellings(self) -> frozenset[str] | None:
        """The name, as written, of each figure the links give; None when an event may give the obligation a figure through two links.

        Cut-off independent, so worked out once: from what the tracker noted
        as it filed the links, when it did, else from the links. A run of these
        links then names no other figure; and where no event gives a figure
        through two links (nor two versions of it), no figure of a run can be
        met twice, so the progress rule need not keep which it has counted
        (``progress._fold_back``).
        """
        found = self._spellings
        if found is False:
            if self._figures is not None:
                names, twice = self._figures
                found = None if twice else frozenset(names)
            else:
                figured = [item for item in map(_FIGURES, self.links) if item is not None]
                found = None if len(set(map(_FIRST, figured))) < len(figured) else frozenset({figure[2] for _, figures in figured for figure in figures})
            self._spellings = found
        return found  # type: ignore[return-value]

    def prepare(self, report_keys: list[int] | None = None, current: set[int] | None = None) -> None:
        """Sort every role's links now (see :meth:`in_order`), and the links by when each was first reported (see :meth:`reported_by`), so that no question pays for it.

        ``report_keys``, when the caller has them, are each link's
        ``reported.keys()[1]``, in the order of :attr:`links`. ``current``,
        when given, is the ``id`` of each revised event's version current with
        no cut-off (:meth:`View._current_ids`): each role's links as known with
        no cut-off are then made too (:meth:`latest`), while the links just
        read are still at hand.
        """
        orders = [item.order for item in self.links]  # read once for all the roles
        for role in self.roles:
            self.in_order(role, orders)
        self._by_reports(report_keys)
        revised_ids = self.revised_ids()
        if current is not None:
            gone = set(itertools.compress(self.revised, map(operator.not_, map(current.__contains__, revised_ids))))
            for role in self.roles:
                if role != "context":  # context is read only to explain an answer, not to reach one
                    self.latest(role, gone)
            if "advances" in self.roles and "fulfils" in self.roles:  # progress and completions, read together for the figures to date
                self.latest_together(("advances", "fulfils"), gone)

    def run(self, role: str, kept: set[int] | None, gone: set[int]) -> Ordered:
        """The links in ``role`` that a cut-off keeps, in :func:`order_of` order: of those at ``kept`` (every one, if None), all but those at ``gone``.

        A filter of the role's links as sorted when the tracker was built
        (:meth:`in_order`), told what is known of them (:func:`_marked`).
        """
        settled = role not in _COMPLETIONS or self.plain
        member = self.roles.get(role)
        if member is None:  # nothing links in this role: no order to read, nothing to filter
            return _marked(Ordered.of_sorted([], settled=settled), self, [], 0, [], [])
        prepared = self.in_order(role)
        chosen, keys, ready, windowed = prepared.positions, prepared.keys, prepared.links, prepared.windowed
        if kept is not None:
            flags = list(map(kept.__contains__, chosen))  # one test per link, without a Python step each
            items, keys = list(itertools.compress(ready, flags)), list(itertools.compress(keys, flags))
            windowed = [i for i in windowed if flags[i]]
        else:
            # few links are replaced or withdrawn: find each one's place in the role's order rather than test every link
            dropped = sorted(chosen.index(n) for n in gone if n in member) if gone else []
            if dropped:
                items, keys = list(ready), list(keys)
                for i in reversed(dropped):
                    del items[i], keys[i]
                left = set(dropped)
                windowed = [i for i in windowed if i not in left]
            else:
                items = ready  # shared with the prepared order, which no run changes
        ordered = prepared.keys
        return _marked(Ordered.of_sorted(items, settled=settled), self, keys, prepared.wide, [ready[i] for i in windowed], [ordered[i] for i in windowed])

    def latest(self, role: str, gone: set[int]) -> Ordered:
        """The links in ``role`` known with no cut-off (every one but those at ``gone``, the links of versions no longer current), made once and kept.

        With no cut-off what is known never changes, so this run serves every
        question asked without one, whichever of the tracker's memos asks;
        the tracker makes it as it is built (:meth:`prepare`), while the
        links are still at hand, so that the first question finds it ready.
        """
        found = self._latest.get(role)
        if found is None:
            found = self._latest[role] = self.run(role, None, gone)
        return found

    def made(self, role: str) -> Ordered | None:
        """The run :meth:`latest` keeps for ``role``, when it has been made; None when not yet."""
        return self._latest.get(role)

    def latest_together(self, present: Sequence[str], gone: set[int]) -> Ordered | None:
        """The links of several roles this table holds (``present``, each once) as known with no cut-off, in order together, made once and kept.

        None where two of them sort level (:func:`_merged`), for the caller
        to put in the order loaded. The order the roles are named in changes
        nothing, so the answer is kept under their names sorted.
        """
        together = tuple(sorted(present))
        if together in self._together:
            return self._together[together]
        found = self._together[together] = _merged([self.latest(role, gone) for role in together], self)
        return found

    def _by_reports(self, keys: list[int] | None = None) -> None:
        if keys is None:
            keys = [item.reported.keys()[1] for item in self.links]
        self._by_report = sorted(range(len(keys)), key=keys.__getitem__)
        self._report_keys = [keys[n] for n in self._by_report]

    def refused(self, entry: Entry, agreement: Agreement) -> set[int]:
        """The ``id`` of each link in a :data:`COUNTED` role that does not count for ``entry`` (see :func:`objection`): it depends on no cut-off, so it is decided once."""
        if self._refused is None:
            why = objection(entry, agreement)
            self._refused = {id(item) for item in self.links if item.link.role in COUNTED and why(item) is not None}
        return self._refused

    def reported_by(self, cutoff: dt.datetime) -> list[int] | None:
        """Positions of the links first reported by ``cutoff``, in the order loaded; None when that is all of them."""
        if self._by_report is None:
            self._by_reports()
        assert self._by_report is not None
        count = bisect.bisect_right(self._report_keys, micros(cutoff))
        return None if count == len(self.links) else sorted(self._by_report[:count])

    def reported_set(self, cutoff: dt.datetime) -> set[int] | None:
        """The positions of :meth:`reported_by` as a set, without putting them in order; None when that is all of them."""
        if self._by_report is None:
            self._by_reports()
        assert self._by_report is not None
        count = bisect.bisect_right(self._report_keys, micros(cutoff))
        return None if count == len(self.links) else set(self._by_report[:count])

    def in_roles(self, roles: tuple[str, ...]) -> list[int]:
        """Positions of the links in any of ``roles``, in the order loaded."""
        found = self._by_roles.get(roles)
        if found is None:
            parts = [self.roles[role] for role in roles if role in self.roles]
            found = self._by_roles[roles] = parts[0] if len(parts) == 1 else sorted(n for part in parts for n in part)
        return found


class InOrder(NamedTuple):
    """One role's links in :func:`order_of` order, as :meth:`LinkTable.in_order` prepares them."""

    positions: list[int]
    """Where each link sits in :attr:`LinkTable.links`."""
    keys: list[int]
    """Each link's closing key (``order[0]``)."""
    links: list[Linked]
    """The links themselves."""
    windowed: list[int]
    """Where, in this order, the links known only to a window (not to an instant) sit."""
    wide: int
    """How many microseconds the widest of their windows spans: no subset of them spans more."""


_NO_LINKS = LinkTable((), {}, [])

_ALIKE = ("spans",)
"""The memo's key for the periods watched where every obligation is watched alike (see :meth:`View.spans`)."""
_INFERRED = ("inferred",)
"""The memo's key for whether those periods were inferred (see :meth:`View.inferred`)."""



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

    def briefly(self) -> View:
        """This view with :attr:`brief` set (itself when it already is): what ``attrs.evolve(view, brief=True)`` gives, made without looking up the fields each time."""
        return self if self.brief else View(self.index, self.at, self.known_on, self.start, self.memo, True)

    def spans(self, obligation_id: str) -> list[Span]:
        """The periods the loaded evidence watches for ``obligation_id``, merged and sorted.

        Where no log declares what it watches, each watches every obligation
        alike (from its first report on to its last): the periods are then
        merged once per cut-off and shared by every obligation (callers read them, never change them).
        """
        key = ("spans", obligation_id)
        found: list[Span] | None = self.memo.get(key)  # type: ignore[assignment]
        if found is None:
            if self._alike():
                found = self.memo.get(_ALIKE)  # type: ignore[assignment]
                if found is None:
                    found = self.memo[_ALIKE] = self._spans(None)
            else:
                found = self._spans(obligation_id)
            self.memo[key] = found
        return found

    def _alike(self) -> bool:
        """True when no log declares what it watches (see :meth:`spans`)."""
        return not any(log.declared for log in self.index.coverage)

    def _spans(self, obligation_id: str | None) -> list[Span]:
        found = sorted(
            (span for log in self.index.coverage for span in log.spans(obligation_id, self.known_on)),
            key=lambda s: (utc(s.start), utc(s.end)),
        )
        merged: list[Span] = []
        for span in found:
            # Both ends of a span are watched, and instants are counted in microseconds: a period that starts
            # one microsecond after the last ends (the next day, after a day written as 'to') leaves no gap.
            if merged and micros(span.start) <= micros(merged[-1].end) + 1:
                if span.end > merged[-1].end:
                    merged[-1] = Span(merged[-1].start, span.end)
            else:
                merged.append(span)
        return merged

    def inferred(self, obligation_id: str) -> bool:
        """True when some log watching ``obligation_id`` declared no coverage, so its extent was inferred (the same for every obligation where no log declares any: then found once per cut-off)."""
        if self._alike():
            found: bool | None = self.memo.get(_INFERRED)  # type: ignore[assignment]
            if found is None:
                found = self.memo[_INFERRED] = any(log.spans(None, self.known_on) for log in self.index.coverage)
            return found
        return any(log.inferred and log.spans(obligation_id, self.known_on) for log in self.index.coverage)

    def knows(self, when: Window | dt.datetime) -> bool:
        """True when something reported or announced at ``when`` is known at the cut-off."""
        if self.known_on is None:
            return True
        latest = when.latest if isinstance(when, Window) else when
        return latest <= self.known_on

    def linked(self, obligation_id: str, *roles: str) -> Ordered:
        """Known events linked to ``obligation_id`` in any of ``roles``, as the obligation counts them, earliest first.

        Events surely over before the obligation took effect, and breaches by
        actors it exempts, are left out; :meth:`set_aside` names them. The
        answer is worked out once per cut-off and shared by every instant
        asked about under it.
        """
        key = ("linked", obligation_id, roles)
        found = self.memo.get(key)
        if found is None:
            table = self.index.table(obligation_id)
            if table.roles.keys().isdisjoint(roles):  # nothing links in any of the roles: nothing is known, nothing set aside
                found = self.memo[key] = _NO_RUN
                return found
            entry = self.index.entries.get(obligation_id)
            known = self._known(obligation_id, roles)
            kept: list[Linked] | None = None  # what is left once links that do not count are set aside, when any are
            if entry is not None and not _COUNTED.isdisjoint(roles):
                refused = table.refused(entry, self.index.agreement)
                if refused:
                    kept = [item for item in known if id(item) not in refused]
                if entry.obligation.depends_on is not None:
                    late = objection(entry, self.index.agreement, self.binds_from(entry), waiting=True)
                    kept = [item for item in (known if kept is None else kept) if late(item) is None]
            # with nothing set aside, the known links themselves (already in order) are the answer; a plain
            # sequence in their place (as the laws' deliberately broken engines give) is taken in the order given
            if kept is None and isinstance(known, Ordered):
                found = self.memo[key] = known
            else:
                found = self.memo[key] = _marked(Ordered.of_sorted(list(known) if kept is None else kept, settled=_settled(roles) or table.plain), table)
        return found  # type: ignore[return-value]

    def binds_from(self, entry: Entry) -> dt.datetime | None:
        """For an obligation that binds once another is fulfilled: from when, as known under this cut-off.

        That is the end of the window of the first known fulfilment of the
        other obligation, or the obligation's own start when that is later;
        None for an obligation that waits on nothing, or while no fulfilment
        of the other is known (it is then not yet in force, and nothing counts).
        """
        needed = entry.obligation.depends_on
        if needed is None:
            return None
        first = next((item for item in self.linked(needed, "fulfils") if item.occurred is not None), None)
        if first is None:
            return None
        return max(first.when.latest, effective_of(entry, self.index.agreement), key=utc)

    def set_aside(self, obligation_id: str) -> list[tuple[Linked, str]]:
        """Known events that bear on ``obligation_id`` but do not count, each with why."""
        key = ("set aside", obligation_id)
        if key in self.memo:
            return list(self.memo[key])  # type: ignore[call-overload,no-any-return]
        entry = self.index.entries.get(obligation_id)
        if entry is None:
            return []
        found = []
        objects = objection(entry, self.index.agreement, self.binds_from(entry), waiting=entry.obligation.depends_on is not None)
        for item in self._known(obligation_id, COUNTED):
            why = objects(item)
            if why is not None:
                found.append((item, why))
        self.memo[key] = found
        return list(found)

    def _known(self, obligation_id: str, roles: tuple[str, ...]) -> Ordered:
        """Events linked in ``roles`` that were reported by the cut-off and are current then, in :func:`order_of` order (ties in the order loaded).

        What the cut-off keeps of each obligation's links is worked out once
        (:meth:`_kept`); one role's known links are then a filter of its links
        as the tracker sorted them when it was built (:meth:`LinkTable.in_order`),
        several roles' a merge of those, and each is kept for the cut-off.
        """
        key = ("known", obligation_id, roles)
        found: Ordered | None = self.memo.get(key)  # type: ignore[assignment]
        if found is None:
            table = self.index.table(obligation_id)
            if len(roles) == 1:
                # one role: its links were sorted when the tracker was built, so the cut-off's are a filter of them;
                # with no cut-off, the tracker's own run of them, made once (LinkTable.latest)
                role = roles[0]
                if role not in table.roles:  # nothing links in this role: no order to read, nothing to filter
                    found = _NO_RUN
                elif self.known_on is None:
                    found = table.made(role)
                    if found is None:
                        found = table.latest(role, self._kept(obligation_id, table)[1])
                else:
                    kept, gone = self._kept(obligation_id, table)
                    found = table.run(role, kept, gone)
            elif len(present := [role for role in roles if role in table.roles]) == 1:
                found = self._known(obligation_id, (present[0],))
            elif not present:
                found = _NO_RUN
            elif len(set(present)) == len(present) and (merged := self._merged_roles(obligation_id, table, present)) is not None:
                found = merged
            else:
                links = table.links
                chosen = table.in_roles(roles)
                kept, gone = self._kept(obligation_id, table)
                if kept is not None:
                    items = [links[n] for n in chosen if n in kept]
                elif gone:
                    items = [links[n] for n in chosen if n not in gone]
                else:
                    items = [links[n] for n in chosen]
                items.sort(key=order_of)  # stable: links with the same key stay in the order loaded
                found = _marked(Ordered.of_sorted(items, settled=_settled(roles) or table.plain), table)
            self.memo[key] = found
        return found

    def _merged_roles(self, obligation_id: str, table: LinkTable, present: list[str]) -> Ordered | None:
        """The known links of several roles ``table`` holds, each role named once, in order together; None where two sort level (see :func:`_merged`).

        With no cut-off, the tracker's own merge of them, made once (:meth:`LinkTable.latest_together`).
        """
        if self.known_on is None:
            together = tuple(sorted(present))
            if together in table._together:
                return table._together[together]
            return table.latest_together(together, self._kept(obligation_id, table)[1])
        return _merged([self._known(obligation_id, (role,)) for role in present], table)

    def _kept(self, obligation_id: str, table: LinkTable) -> tuple[set[int] | None, set[int]]:
        """Which of ``obligation_id``'s links the cut-off keeps, worked out once per cut-off.

        That is the positions of those reported by then and current then
        (None when every link was reported by then), and the positions of
        those replaced or withdrawn by then.
        """
        key = ("kept", obligation_id)
        found = self.memo.get(key)
        if found is None:
            cutoff = self.known_on
            # Only a revised event may have been replaced or withdrawn by the cut-off; each link of one holds a version
            # from its event's history, so is_current(event) comes down to whether that version is current.
            current_ids = self._current_ids()
            gone = set(itertools.compress(table.revised, map(operator.not_, map(current_ids.__contains__, table.revised_ids()))))
            positions = None if cutoff is None else table.reported_set(cutoff)
            found = self.memo[key] = (None if positions is None else positions - gone, gone)
        return found  # type: ignore[return-value]

    def _current_ids(self) -> set[int]:
        """The ``id`` of the version of each revised event that is current at the cut-off (see :meth:`is_current`), worked out once per cut-off."""
        key = ("current versions",)
        found = self.memo.get(key)
        if found is None:
            cutoff = self.known_on
            versions = self.index.versions
            found = versions.current_ids(cutoff) if versions is not None else None
            if found is None:
                found = {id(current(history, cutoff)) for history in self.index.histories.values()}
            self.memo[key] = found
        return found  # type: ignore[return-value]

    def unlinked(self) -> list[Evidence]:
        """Known events linked to no obligation that surely happened by ``at``, earliest first.

        They change no status; a report lists them so that nothing loaded is hidden.
        """
        found = [(event, reported) for event, reported in self.index.unlinked if self.knows(reported) and self.is_current(event) and event.occurred.latest <= self.at]
        found.sort(key=lambda pair: (utc(pair[0].occurred.latest), utc(pair[0].occurred.earliest), pair[0].id))
        return [self.record(event, reported, role="unlinked", made_by="nobody") for event, reported in found]

    def is_current(self, event: Event) -> bool:
        """True unless a later version or a deletion of the event was published by the cut-off."""
        history = self.index.histories.get(event.id)
        return history is None or current(history, self.known_on) is event

    def amendments(self, obligation_id: str) -> list[Amendment]:
        """Known, agreed amendments of ``obligation_id`` in effect at ``at``, oldest first."""
        if obligation_id not in self.index.amendments:  # most obligations are never amended
            return []
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
        return self.record(
            item.event, item.reported, role=item.link.role, made_by=item.link.made_by, note=item.link.note, confidence=item.link.confidence, figures=item.link.quantities
        )

    def record(
        self, event: Event, reported: Window, *, role: str, made_by: str, note: str | None = None, confidence: float | None = None, figures: Sequence[str] | None = None
    ) -> Evidence:
        """The user-facing record of ``event``, with only the sources published by the cut-off, and only the figures named in ``figures`` when given."""
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
            quantities=tuple((q.name, q.value, q.qualifier) for q in event.quantities if figures is None or q.name in figures),
            disputed_by=tuple(d.party for d in event.disputed_by),
            citations=self.cite(event.sources),
            until=event.until,
            ongoing=event.ongoing,
            link_note=note,
            confidence=confidence,
            discrepancies=self.disagreements(event.discrepancies) if event.discrepancies else (),
        )

    def disagreements(self, found: Iterable[Discrepancy]) -> tuple[Disagreement, ...]:
        """The discrepancies of an event as known at the cut-off: each claim whose source was published by then; a fact with fewer than two such claims is not yet in dispute."""
        out = []
        for discrepancy in found:
            claims = tuple((claim.value, cited) for claim in discrepancy.claims for cited in self.cite((claim.citation,)))
            if len(claims) >= 2:
                out.append(Disagreement(discrepancy.about, claims, discrepancy.note))
        return tuple(out)

    def when(self, value: dt.datetime) -> str:
        """An instant written for reading in the agreement's zones (nothing, for a brief view): see :func:`~ceasefire.render.display.instant_read_in`."""
        return "" if self.brief else words.instant_read_in(value, self.zone, self.index.agreement.local_zone)

    def span(self, value: Window) -> str:
        """A window written for reading (nothing, for a brief view): whole days of the agreement's zones as days, else both ends in the reference zone (:func:`~ceasefire.render.display.window_read_in`)."""
        return "" if self.brief else words.window_read_in(value, self.zone, self.index.agreement.local_zone)


def _merged(parts: list[Ordered], table: LinkTable) -> Ordered | None:
    """Several roles' known links (``table``'s), each already in order, in order together; None where two links sort level (the same event in two roles), whose order only the order loaded settles.

    Every link's closing key is read from the orders the merge compares, and
    the widest of the parts' windows bounds the run's (see :func:`_marked`).
    """
    items = [item for part in parts for item in part]
    items.sort(key=order_of)  # runs already in order: the sort merges them
    orders = list(map(order_of, items))
    if any(map(operator.eq, orders, itertools.islice(orders, 1, None))):
        return None
    settled = all("_settled" in part.__dict__ and len(part._settled) == len(part) for part in parts)
    found = Ordered.of_sorted(items, settled=settled)
    return _marked(found, table, list(map(_FIRST, orders)), max(part._wide() for part in parts)) if settled else _marked(found, table)


def _marked(
    found: Ordered, table: LinkTable, keys: list[int] | None = None, wide: int | None = None, windowed: list[Linked] | None = None, windowed_keys: list[int] | None = None
) -> Ordered:
    """``found``, a sorted run of ``table``'s links, told what the tracker already knows of them.

    For a run whose links all take effect, ``keys`` (each link's closing key,
    in the same order), ``wide`` (a bound on the width of their windows) and
    ``windowed`` (those known only to a window, in order, with their closing
    keys in ``windowed_keys`` when the caller has them) spare it a pass
    over its links to find them; from a :attr:`~LinkTable.plain` table it has
    no lasting or disputed events, so it needs no pass over the events to
    find those either.
    """
    if keys is not None and "_settled" in found.__dict__ and len(found._settled) == len(keys):
        found._keys = keys
        if wide is not None:
            found._widest = wide
        if windowed is not None:
            found._windowed = (windowed, [item.order[0] for item in windowed] if windowed_keys is None else windowed_keys)
    if table.plain:
        found._lasting, found._where = [], []
    return found


def _settled(roles: Sequence[str]) -> bool:
    """True when every link in ``roles`` takes effect at some time: none is in a role of :data:`COMPLETIONS`, where a lasting happening still under way has not."""
    return _COMPLETIONS.isdisjoint(roles)


def effective_of(entry: Entry, agreement: Agreement) -> dt.datetime:
    """When an obligation starts to bind."""
    if entry.obligation.effective is not None:
        return entry.obligation.effective
    if entry.added_by is not None:
        return entry.added_by.in_effect_from
    return agreement.effective


COUNTED = ("fulfils", "advances", "breaches")
"""The roles that can be set aside: the others (context, ends, notice) always count as given."""

_COUNTED = frozenset(COUNTED)
_COMPLETIONS = frozenset(COMPLETIONS)


def objection(entry: Entry, agreement: Agreement, binds: dt.datetime | None = None, *, waiting: bool = False) -> Callable[[Linked], str | None]:
    """Why a link in a :data:`COUNTED` role does not count for ``entry`` (None when it does), with what the obligation decides worked out once.

    It does not count when it was surely over before the obligation took
    effect (a lasting happening that goes on after that counts), or when it
    is a breach by exempted actors only. ``binds``, for an obligation that
    waits on another (``waiting``), is when it took effect as known under a
    cut-off (:meth:`View.binds_from`), in place of its own start; while no
    fulfilment of the other is known it has not bound, and nothing counts.
    """
    needed = entry.obligation.depends_on
    if waiting and binds is None:
        return lambda item: f"it waits on {needed}, which no known report shows fulfilled, so it has not bound"
    effective = effective_of(entry, agreement) if binds is None else binds
    moment = micros(effective)
    exempt = {a.casefold() for x in entry.obligation.exemptions for a in x.actors}

    def why(item: Linked) -> str | None:
        if item.over is not None and item.over < moment:
            return f"it was over before the obligation took effect ({words.instant_read_in(effective, agreement.zone, agreement.local_zone)})"
        if item.link.role == "breaches" and exempt:
            actors = [a.casefold() for a in item.event.actors]
            if actors and all(a in exempt for a in actors):
                return "every actor in it is exempted from the obligation"
        return None

    return why


class Ordered(tuple[Linked, ...]):
    """Linked events in :func:`order_of` order, with what it takes to find, by bisection, those that had (or may have) happened by an instant.

    A question about one instant then costs the logarithm of the number of
    events, plus the events it returns, instead of a pass over all of them:
    a timeline asks at every change point, so a pass each time would cost
    the square of the events of a busy obligation.
    """

    _settled: list[Linked]
    _keys: list[int]
    _widest: int
    _lasting: list[Linked]
    _where: list[int]
    _disputed: tuple[list[int], list[frozenset[str]]]
    _positions: dict[str, int]
    _windowed: tuple[list[Linked], list[int]]

    def __new__(cls, items: Iterable[Linked]) -> Ordered:
        return super().__new__(cls, sorted(items, key=order_of))

    @classmethod
    def of_sorted(cls, items: list[Linked], *, settled: bool = False) -> Ordered:
        """The same as ``Ordered(items)`` for ``items`` already in :func:`order_of` order, without sorting them again.

        ``settled`` says that every item takes effect at some time (none is a
        lasting completion still under way, as in any role but those of
        :data:`COMPLETIONS`): ``items`` is then kept as :meth:`settled`, and
        must not be changed afterwards.
        """
        found = super().__new__(cls, items)
        if settled:
            found._settled = items
        return found

    def _index(self) -> None:
        settled: list[Linked] | None = self.__dict__.get("_settled")
        if settled is None:
            settled = self._settled = [i for i in self if i.occurred is not None]
        self._keys = [i.order[0] for i in settled]

    def _wide(self) -> int:
        """How many microseconds the widest window among :meth:`settled` spans (its sort key holds both ends), worked out on first need.

        A run filtered from a role's prepared links is given the role's widest
        instead, which may be wider: every use bisects with it for candidates
        and then tests each one, so a wider bound only tests more of them.
        """
        found: int | None = self.__dict__.get("_widest")
        if found is None:
            found = self._widest = max((i.order[0] - i.order[1] for i in self.settled()), default=0)
        return found

    def _ready(self) -> list[int]:
        if not hasattr(self, "_keys"):
            self._index()
        return self._keys

    def settled(self) -> list[Linked]:
        """The events that take effect at some time (all but lasting completions still under way), in order."""
        self._ready()
        return self._settled

    def closing_with(self, n: int) -> int:
        """Where the first of :meth:`settled` whose window closes when the ``n``-th one's does stands: a bisection of the closing keys."""
        keys = self._ready()
        return bisect.bisect_left(keys, keys[n])

    def lasting(self) -> list[Linked]:
        """The lasting happenings among :meth:`settled` (a blockade, a withdrawal), in order."""
        found: list[Linked] | None = self.__dict__.get("_lasting")
        if found is None:
            found = self._scan()[0]
        return found

    def _scan(self) -> tuple[list[Linked], list[int]]:
        """What only the events themselves tell, found in one pass over :meth:`settled`: the lasting happenings, and where the disputed events stand.

        A busy obligation's events lie scattered in memory; one pass reads
        each of them once for both.
        """
        lasting: list[Linked] = []
        where: list[int] = []
        for n, item in enumerate(self.settled()):
            event = item.event
            if event.until is not None or event.ongoing:  # Event.lasting, without a call per event
                lasting.append(item)
            if event.disputed_by:
                where.append(n)
        self._lasting, self._where = lasting, where
        return lasting, where

    def position(self, event_id: str) -> int:
        """Where the event ``event_id`` first stands in :meth:`settled`; past the end when it is not there."""
        found: dict[str, int] | None = self.__dict__.get("_positions")
        if found is None:
            found = {}
            for n, item in enumerate(self.settled()):
                found.setdefault(item.event.id, n)
            self._positions = found
        return found.get(event_id, len(self))

    def disputed(self, count: int) -> frozenset[str]:
        """The parties that dispute any of the first ``count`` events of :meth:`settled`."""
        found: tuple[list[int], list[frozenset[str]]] | None = self.__dict__.get("_disputed")
        if found is None:
            # only the disputed events are kept, each with where it stands and the parties disputing it or any before it
            settled = self.settled()
            where: list[int] | None = self.__dict__.get("_where")
            if where is None:
                where = self._scan()[1]
            running: list[frozenset[str]] = []
            for n in where:
                running.append((running[-1] if running else frozenset()) | {d.party for d in settled[n].event.disputed_by})
            found = self._disputed = (where, running)
        where, running = found
        seen = bisect.bisect_left(where, count) if where else 0
        return running[seen - 1] if seen else frozenset()

    def surely(self, at: dt.datetime) -> list[Linked]:
        """The events that surely happened by ``at`` (their window closed at or before it), in order."""
        keys = self._ready()
        return self._settled[: bisect.bisect_right(keys, micros(at))]

    def around(self, low: dt.datetime, high: dt.datetime) -> list[Linked]:
        """The events whose window can reach an instant from ``low`` to ``high``: every other one closed before ``low`` or opened after ``high``."""
        keys = self._ready()
        first = bisect.bisect_left(keys, micros(low))
        last = bisect.bisect_right(keys, micros(high) + self._wide())
        return [i for i in self._settled[first:last] if i.when.earliest <= high]

    def maybe(self, at: dt.datetime) -> list[Linked]:
        """The events that may, but need not, have happened by ``at``, in order.

        Only an event known to a window, not to an instant, can be one: they
        are kept apart, so a busy obligation's exact reports are not looked
        at again at each instant asked about.
        """
        found: tuple[list[Linked], list[int]] | None = self.__dict__.get("_windowed")
        if found is None:
            windowed = [i for i in self.settled() if i.order[1] < i.order[0]]
            found = self._windowed = (windowed, [i.order[0] for i in windowed])
        windowed, keys = found
        moment = micros(at)
        first = bisect.bisect_right(keys, moment)
        last = bisect.bisect_right(keys, moment + self._wide())
        return [i for i in windowed[first:last] if i.order[1] <= moment]


_NO_RUN = Ordered.of_sorted([], settled=True)
"""The known links of roles nothing links in: one empty run, told all there is to know of it, shared by every question (no caller changes a run)."""
_NO_RUN._keys, _NO_RUN._widest, _NO_RUN._windowed, _NO_RUN._lasting, _NO_RUN._where = [], 0, ([], []), [], []


def surely_by(items: Sequence[Linked], at: dt.datetime) -> list[Linked]:
    """Items that surely happened by ``at``, earliest-ending first."""
    if isinstance(items, Ordered):
        return items.surely(at)
    moment = micros(at)
    return sorted((i for i in items if i.occurred is not None and i.order[0] <= moment), key=order_of)


def maybe_by(items: Sequence[Linked], at: dt.datetime) -> list[Linked]:
    """Items that may, but need not, have happened by ``at``."""
    if isinstance(items, Ordered):
        return items.maybe(at)
    return sorted((i for i in items if i.occurred is not None and i.occurred.earliest <= at < i.occurred.latest), key=order_of)


order_of: Callable[[Linked], tuple[int, int, str]] = operator.attrgetter("order")
"""The sort key of a link: :attr:`Linked.order`."""

_FIRST = operator.itemgetter(0)
"""The first item: the closing key of a link's :attr:`Linked.order`, the event's id of its :attr:`Linked.figures`."""

_FIGURES: Callable[[Linked], Figures | None] = operator.attrgetter("figures")
