"""What the engine answers: statuses with their reasons and evidence.

All values here are small frozen attrs classes. Each obligation's answer
(:class:`ObligationStatus`) says which deadline was in force, which
amendments applied, which events were counted and on whose word, so that a
status can be defended line by line.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import attrs

from .time import Window, in_zone

if TYPE_CHECKING:
    from .engine.revisions import DataSource


class Status(str, enum.Enum):
    """The status vocabulary. Each value is also its plain-language label."""

    NOT_YET_IN_FORCE = "not yet in force"
    PENDING = "pending"
    IN_PROGRESS = "in progress"
    FULFILLED = "fulfilled"
    FULFILLED_LATE = "fulfilled late"
    OVERDUE = "overdue"
    IN_FORCE = "in force"
    COMPLIED = "complied"
    HOLDING = "holding"
    BREACHED = "breached"
    SUSPENDED = "suspended"
    ENDED = "ended"
    UNCERTAIN = "uncertain"
    UNMONITORED = "unmonitored"

    def __str__(self) -> str:
        return self.value


SEVERITY: tuple[Status, ...] = (
    Status.BREACHED,
    Status.OVERDUE,
    Status.UNCERTAIN,
    Status.UNMONITORED,
    Status.SUSPENDED,
    Status.PENDING,
    Status.IN_PROGRESS,
    Status.FULFILLED_LATE,
    Status.IN_FORCE,
    Status.HOLDING,
    Status.COMPLIED,
    Status.FULFILLED,
    Status.ENDED,
    Status.NOT_YET_IN_FORCE,
)
"""Most severe first. A point takes the status of its most severe obligation."""


def short_of_day(ends: dt.datetime | None, day_from: dt.datetime | None, day_to: dt.datetime) -> str:
    """When the watching ends inside the whole day asked about (from ``day_from`` to ``day_to``), how much of it is left unwatched, as a clause; else nothing.

    A log that watches to the end of a day in a zone east of the reference
    zone ends before the reference zone's day does: the same date on both
    sides would otherwise read as a contradiction of "unmonitored".
    """
    if ends is None or day_from is None or not day_from <= ends < day_to:
        return ""
    left = int((day_to - ends).total_seconds() + 0.5)  # the two ends are both a day's last microsecond, or near it
    hours, minutes = divmod(left // 60, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if minutes or not hours:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}" if minutes else "less than a minute")
    return f", {' '.join(parts)} before the end of the day asked about"


def voice_of(kind: str | None, speaks_for: str | None) -> str:
    """Who speaks through a source, in words: 'monitor', 'claim of AZ', or '' when the source does not say."""
    if kind == "party":
        return f"claim of {speaks_for}" if speaks_for else "a party's claim"
    return kind or ""


@attrs.frozen
class Cited:
    """One source as cited for an event or amendment, with the quote relied on."""

    source_id: str
    title: str
    publisher: str | None
    published: Window | None
    url: str | None
    file: str | None
    quote: str | None
    paraphrase: bool = False
    """True when ``quote`` is a paraphrase, not the source's own words."""
    note: str | None = None
    read: dt.date | None = None
    """When a web source was read."""
    kind: str | None = None
    """Who speaks: 'monitor', 'party', 'media', 'dataset', 'official' or 'other'."""
    speaks_for: str | None = None
    """For a party's own claim: the party."""

    @property
    def voice(self) -> str:
        """Who speaks, in words: 'monitor', 'claim of AZ', or '' when the source does not say."""
        return voice_of(self.kind, self.speaks_for)

    def quoted(self) -> str:
        """The quote as it may be printed: in quotation marks when verbatim, marked when a paraphrase."""
        if self.quote is None:
            return ""
        return f"(paraphrase) {self.quote}" if self.paraphrase else f'"{self.quote}"'


@attrs.frozen
class Disagreement:
    """Sources that differ on one fact of an event (the hour, a figure), each claim with its citation, as known at the cut-off."""

    about: str
    claims: tuple[tuple[str, Cited], ...]
    """Each claim's value, with the citation that makes it."""
    note: str | None = None


@attrs.frozen
class Evidence:
    """One reported event as the engine counted it for one obligation."""

    event_id: str
    kind: str
    role: str
    summary: str
    occurred: Window
    occurred_text: str | None
    reported: Window
    place: str | None
    canonical_place: str | None
    made_by: str
    quantities: tuple[tuple[str, float, str], ...]
    disputed_by: tuple[str, ...]
    citations: tuple[Cited, ...]
    until: Window | None = None
    """For a lasting happening that ended: when it ended."""
    ongoing: bool = False
    """For a lasting happening: no report had ended it."""
    link_note: str | None = None
    """The note on the link, where the link is a judgement."""
    confidence: float | None = None
    """How sure whoever made the link was, from 0 to 1; shown, never used to weigh the evidence."""
    discrepancies: tuple[Disagreement, ...] = ()
    """Facts of the event on which the sources known at the cut-off differ; each side is shown, none is picked."""

    def _repr_html_(self) -> str:
        """In a notebook: the event with its dates, who linked it, and every source with its quote."""
        from .render.notebook import evidence_html

        return evidence_html(self)


@attrs.frozen
class AppliedAmendment:
    """An amendment that had taken effect, and had been announced, by the time asked about."""

    amendment_id: str
    kind: str
    summary: str
    agreed: Window
    announced: Window
    in_effect_from: dt.datetime
    requested_by: tuple[str, ...]
    granted_by: tuple[str, ...]
    new_deadline: Window | None
    citations: tuple[Cited, ...]


@attrs.frozen
class ReportedQuantity:
    """The latest reported figure for one quantity, against its target if any."""

    name: str
    value: float
    qualifier: str
    text: str | None
    event_id: str
    target: float | None
    reported_as: str | None = None
    """The name the report used, when it was an alias of the target's name."""


@attrs.frozen
class Horizon:
    """Where the loaded evidence stops for a status that needs it: the last instant it watched, and what it said there."""

    evidence_ends: dt.datetime | None
    last_known: Status | None
    inferred: bool
    """True when a log's coverage was inferred from its first and last reports rather than declared."""
    day_zone: str | None = None
    """The agreement's zone (reference or local) in which :attr:`evidence_ends` is the last instant of a day, if any: where the watching ended is then said as that day."""


def stood_then(status: Status) -> str:
    """Where an obligation stood when the watching ended, as a clause: "when no breach had yet been reported", "when it was pending"."""
    if status is Status.COMPLIED:
        return "when no breach had yet been reported"
    return f"when it was {status}"


def breaches_in_evidence(count: int) -> str:
    """``count`` breaches, said as what they are: those in the evidence loaded, not all that ever happened or were reported."""
    return f"{count} breach{'' if count == 1 else 'es'} in the loaded evidence"


@attrs.frozen
class BreachHistory:
    """A standing obligation's known breaches up to the time asked about."""

    count: int
    first_id: str | None
    first: Window | None
    latest_id: str | None
    latest: Window | None
    disputed_by: tuple[str, ...]
    holding_since: dt.datetime | None
    """When the latest breach was surely over; None while one is going on."""
    ongoing: bool
    latest_until: dt.datetime | None = None
    """For a latest breach that lasted and ended (``until``): when it ended."""
    latest_ongoing: bool = False
    """The latest breach lasts and no report known had ended it."""


@attrs.frozen
class DecidingBreach:
    """The reported breach a ``breached`` status rests on: which event, when it happened, and for one that lasts, whether and when it ended."""

    event_id: str
    occurred: Window
    """When it happened (for a lasting breach, when it began)."""
    until: dt.datetime | None = None
    """For a lasting breach a known report ended: the last instant it may have gone on."""
    ongoing: bool = False
    """It lasts and no report known by the cut-off had ended it."""

    def words(self, zone: str, local: str | None = None) -> str:
        """The breach as a headline names it, read in the agreement's zones (``zone``, ``local``): "rec.x, from 2023-04-23 Asia/Baku with no report of its end"."""
        return breach_words(self.event_id, self.occurred, self.until, self.ongoing, zone, local)


def breach_words(event_id: str, occurred: Window, until: dt.datetime | None, ongoing: bool, zone: str, local: str | None = None) -> str:
    """One breach named with when it happened, read in the agreement's zones whatever zone it was written in; a lasting one says when it ended, or that no report has ended it (its start alone would read as a one-day breach)."""
    from .render.display import window, window_until_in  # the one place windows and instants are written for reading

    if until is not None:
        return f"{event_id}, {window_until_in(occurred, until, zone, local)}"
    if ongoing:
        return f"{event_id}, from {window(occurred, zone, named=True, local=local)} with no report of its end"
    return f"{event_id}, {window(occurred, zone, named=True, local=local)}"


@attrs.frozen
class TermState:
    """Where a renewable term stood: which period, when it ends, when notice is due."""

    period_index: int
    period_start: dt.datetime
    period_end: dt.datetime
    notice_due: dt.datetime | None
    notice_event: str | None
    ends_at: dt.datetime | None


@attrs.frozen
class Explanation:
    """Why an obligation stood where it did: the reasons, the amendments applied, and the events behind it."""

    amendments: tuple[AppliedAmendment, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    breaches: tuple[Evidence, ...] = ()
    context: tuple[Evidence, ...] = ()
    reasons: tuple[str, ...] = ()


class Deferred:
    """An :class:`Explanation` written on first use and then kept.

    Two deferred explanations are equal when what they write is equal, so
    comparing two answers compares their reasons and evidence too. Pickling
    writes the explanation out first: what travels is the text, not the
    engine that wrote it.
    """

    __slots__ = ("_make", "_value")

    def __init__(self, make: Callable[[], Explanation]) -> None:
        self._make: Callable[[], Explanation] | None = make
        self._value: Explanation | None = None

    def get(self) -> Explanation:
        """The explanation, written now if it was not yet."""
        if self._value is None:
            assert self._make is not None
            self._value, self._make = self._make(), None
        return self._value

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Deferred, Explanation)):
            return self.get() == explanation_of(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.get())

    def __repr__(self) -> str:
        return repr(self.get())

    def __getstate__(self) -> Explanation:
        return self.get()

    def __setstate__(self, state: Explanation) -> None:
        self._make, self._value = None, state


def explanation_of(found: Explanation | Deferred) -> Explanation:
    """The explanation itself, written now if it was deferred."""
    return found.get() if isinstance(found, Deferred) else found


@attrs.frozen
class ObligationStatus:
    """Where one obligation stood at one instant, with why and on what evidence."""

    obligation_id: str
    point: int
    kind: str
    summary: str
    bearers: tuple[str, ...]
    status: Status
    at: dt.datetime
    known_on: dt.datetime | None
    effective: dt.datetime
    deadline: Window | None = None
    original_deadline: Window | None = None
    quantities: tuple[ReportedQuantity, ...] = ()
    term: TermState | None = None
    disputed_by: tuple[str, ...] = ()
    added_by: str | None = None
    asked_from: dt.datetime | None = None
    """For a question about a whole day, its first instant (``at`` is its last); None for an instant."""
    horizon: Horizon | None = None
    """Set when the status is ``unmonitored``: where the evidence ends and the last status it supported."""
    breach_history: BreachHistory | None = None
    """For a standing obligation: its known breaches to date."""
    ended_by: str | None = None
    """The amendment or event that ended it, or ended the whole agreement."""
    answerable: tuple[str, ...] = ()
    """Signatories that answer for it though they do not bear it."""
    stalled_since: dt.datetime | None = None
    """For work with no date: the last report of progress, when it is older than the obligation's ``stale_after``."""
    waits_on: str | None = None
    """For an obligation ``not yet in force`` because it binds only once another is fulfilled: that other obligation's id."""
    breached_by: DecidingBreach | None = None
    """For a ``breached`` status: the reported breach it rests on (for a standing obligation, the one under way at the time asked about)."""
    uncertain_by: tuple[str, Window] | None = None
    """For an ``uncertain`` status that rests on one event: its id, and the window (when it happened, or ended) that may or may not fall in the time asked about."""
    setback: tuple[str, Window] | None = None
    """The latest setback known (an event linked with the role ``setback``: work undone, not a breach by a bearer): its id and when it happened."""
    proposals: tuple[str, ...] = ()
    """Changes proposed but never agreed: listed, never applied."""
    point_label: str | None = None
    """The point's own name when the agreement gives one ('Article 2'); ``point`` is then its position."""
    why: Explanation | Deferred = attrs.field(factory=lambda: Explanation(), repr=lambda found: repr(explanation_of(found)))
    """The reasons and evidence, or the promise of them: read them through :attr:`reasons`, :attr:`evidence` and the rest.

    The engine works out the status first and writes the explanation only
    when something reads it, from the same rules at the same instant, so a
    table of a thousand obligations does not pay for a thousand lists of
    quotes nobody looks at.
    """

    zone: str | None = None
    """The agreement's reference zone, in which the headline names days (None: each instant's own zone)."""
    local_zone: str | None = None
    """The agreement's local zone, if it names one: the headline reads a window of whole days there as days of that zone."""

    def _latest_breach(self, history: BreachHistory) -> str:
        """The latest known breach, with when it happened, for a headline that otherwise rests on silence."""
        if history.latest_id is None:
            return ""
        if history.latest is None:
            return f", latest {history.latest_id}"
        return ", latest " + breach_words(history.latest_id, history.latest, history.latest_until, history.latest_ongoing, self.zone or "UTC", self.local_zone)

    def _day(self, value: dt.datetime) -> str:
        """The calendar day of ``value`` in the reference zone, as the headline writes it."""
        return (value if self.zone is None else in_zone(value, self.zone)).date().isoformat()

    def _end(self, horizon: Horizon) -> str:
        """Where the evidence ends, as the headline writes it: "to the end of" a day when it ends with a day of the agreement's zones, else the instant in the reference zone.

        The zone is the agreement's (:attr:`Horizon.day_zone`), never the one
        the instant happens to carry, so an answer computed elsewhere (on a
        Dask worker, with a fixed offset) reads word for word the same. A
        log that watches to the end of a day in another zone ends within a
        day of the reference zone; writing that day alone would say the day
        was watched whole, so the other zone is named.
        """
        from .render.display import instant  # the one place instants are written for reading

        value = horizon.evidence_ends
        assert value is not None
        zone = self.zone or "UTC"
        if horizon.day_zone is not None:
            day = in_zone(value, horizon.day_zone).date().isoformat()
            return f"to the end of {day}" + ("" if horizon.day_zone == zone else f" ({horizon.day_zone})")
        return f"to {instant(in_zone(value, zone), zone)} {zone}"  # read in the reference zone alone, whatever zone the instant carries

    @property
    def explanation(self) -> Explanation:
        """The reasons, the amendments applied and the events counted, worked out on first use."""
        return explanation_of(self.why)

    @property
    def amendments(self) -> tuple[AppliedAmendment, ...]:
        """The agreed amendments in effect, oldest first."""
        return self.explanation.amendments

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """The events counted towards the status (fulfilments, progress, endings), earliest first."""
        return self.explanation.evidence

    @property
    def breaches(self) -> tuple[Evidence, ...]:
        """The reported breaches that bear on the status, earliest first."""
        return self.explanation.breaches

    @property
    def context(self) -> tuple[Evidence, ...]:
        """Background reports linked with the role ``context``: shown, never counted."""
        return self.explanation.context

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the status is what it is, one sentence each, in the order the rules found them."""
        return self.explanation.reasons

    @property
    def detail(self) -> str:
        """What the headline adds to the status word (where the evidence ends, past breaches, a stall), or ''."""
        return self.headline[len(str(self.status)):].strip()

    @property
    def headline(self) -> str:
        """The status in one line, with what a reader must not miss: past breaches, where the evidence ends."""
        text = str(self.status)
        history = self.breach_history
        if self.horizon is not None:
            # Breaches known are evidence whether or not anything watched in between: an answer that rests on silence keeps them.
            known = f"; {breaches_in_evidence(history.count)}" + self._latest_breach(history) if history is not None and history.count else ""
            if self.horizon.evidence_ends is None:
                text += f" (no loaded evidence watches it{known})"
            else:
                # "watched only to", not "evidence ends": breaches cited in the same breath may be later than the watching
                last = f", {stood_then(self.horizon.last_known)}" if self.horizon.last_known else ""
                # "by the loaded evidence": the word alone would read as a claim that nobody watched, which the answer cannot know
                # a watching written as a day of another zone ("to the end of 2025-08-31 (Asia/Baku)") says how much of the day asked it leaves out
                short = short_of_day(self.horizon.evidence_ends, self.asked_from, self.at) if self.horizon.day_zone is not None else ""
                text += f" by the loaded evidence (watched only {self._end(self.horizon)}{short}{last}{known})"
        elif self.status is Status.HOLDING and history is not None and history.holding_since is not None:
            text += f": no breach reported since {self._day(history.holding_since)} ({breaches_in_evidence(history.count)})"
        elif self.status is Status.COMPLIED:
            text += " (no breach reported)"
        elif self.status is Status.BREACHED and (self.breached_by is not None or history is not None and history.count > 1):
            # the breach itself, not the bare word: what a reader quoting the line needs to say what was broken and since when
            parts = [self.breached_by.words(self.zone or "UTC", self.local_zone)] if self.breached_by is not None else []
            parts += [breaches_in_evidence(history.count)] if history is not None and history.count > 1 else []
            text += f" ({'; '.join(parts)})"
        elif self.status is Status.OVERDUE and (self.quantities or any(e.role == "advances" for e in self.evidence)):
            done = "; ".join(f"{q.name} {q.value:g}" + (f" of {q.target:g}" if q.target is not None else "") for q in self.quantities)
            text += f", partly done ({done or 'progress reported'})"
        elif self.status is Status.OVERDUE:
            text += " (no fulfilment reported)"
        elif self.status is Status.ENDED and self.ended_by is not None:
            # An ended duty that was broken before it ended keeps that in its one line, as its reasons do.
            broken = f"; {breaches_in_evidence(history.count)} while it bound" + self._latest_breach(history) if history is not None and history.count else ""
            text += f" (by {self.ended_by}{broken})"
        elif self.status is Status.NOT_YET_IN_FORCE and self.waits_on is not None:
            text += f" (binds once {self.waits_on} is fulfilled)"
        elif self.status is Status.UNCERTAIN and self.uncertain_by is not None:
            from .render.display import window  # the one place windows are written for reading

            event_id, within = self.uncertain_by
            made = self.kind == "deadline" and within.latest <= self.at and any(e.event_id == event_id and e.role == "fulfils" for e in self.evidence)
            lead = ": fulfilled, on time or late" if made else ""  # the work surely happened; only whether before the deadline is open
            text += f"{lead} ({event_id} is known only to within {window(within, self.zone or 'UTC', named=True, local=self.local_zone)})"
        if self.stalled_since is not None:
            # with nothing reported at all the stall runs from the start: "since 2020-11-10" alone would read as a report on that day
            start = " it took effect on" if self.stalled_since == self.effective else ""
            text += f" (no progress reported since{start} {self._day(self.stalled_since)})"
        if self.setback is not None:
            from .render.display import window

            event_id, when = self.setback
            text += f" (setback reported: {event_id}, {window(when, self.zone or 'UTC', named=True, local=self.local_zone)})"
        return text

    @property
    def sources(self) -> tuple[Cited, ...]:
        """Every citation behind this status, from evidence, breaches and amendments, once each."""
        seen: dict[tuple[str, str | None], Cited] = {}
        events = (*self.evidence, *self.breaches)
        everything = [c for e in events for c in e.citations] + [c for a in self.amendments for c in a.citations]
        for cited in everything:
            seen.setdefault((cited.source_id, cited.quote), cited)
        return tuple(seen.values())

    def explain(self) -> str:
        """The status and its reasons as plain text, with the sources quoted."""
        from .render.display import instant, instant_named  # the one place instants are written for reading

        zone = self.zone or "UTC"
        lines = [f"{self.obligation_id}: {self.status} at {instant_named(in_zone(self.at, zone), zone)}"]  # read in the reference zone, whatever zone the question was written in
        if self.known_on is not None:
            lines[0] += f", as known on {instant(in_zone(self.known_on, zone), zone)}"
        lines += [f"  - {reason}" for reason in self.reasons]
        if self.horizon is not None:
            ends = f"runs {self._end(self.horizon)}" if self.horizon.evidence_ends else "covers nothing before this"
            lines.append(f"  - the evidence {ends}; last known status: {self.horizon.last_known or 'none'}")
        if self.breach_history is not None and self.breach_history.count:
            h = self.breach_history
            lines.append(f"  - breaches to date: {h.count}, first {h.first_id}, latest {h.latest_id}" + (f", disputed by {', '.join(h.disputed_by)}" if h.disputed_by else ""))
        extracted = [e.event_id for e in (*self.evidence, *self.breaches) if e.made_by == "extraction"]
        if extracted:
            lines.append(f"  - linked by text extraction, not by a person: {', '.join(dict.fromkeys(extracted))}")
        for cited in self.sources:
            where = cited.url or cited.file or cited.source_id
            quote = f": {cited.quoted()}" if cited.quote else ""
            note = f" [{cited.note}]" if cited.note else ""
            voice = f" [{cited.voice}]" if cited.voice else ""
            lines.append(f"  source {cited.title} ({where}){voice}{quote}{note}")
        for e in (*self.evidence, *self.breaches):
            for found in e.discrepancies:
                sides = "; ".join(f"{value} ({cited.source_id}{f' [{cited.voice}]' if cited.voice else ''}{f': {cited.quoted()}' if cited.quote else ''})" for value, cited in found.claims)
                lines.append(f"  - sources differ on {found.about} for {e.event_id}: {sides}")
            if e.confidence is not None:
                lines.append(f"  - link of {e.event_id} made with confidence {e.confidence:g}" + (f": {e.link_note}" if e.link_note else ""))
            elif e.link_note:
                lines.append(f"  - link of {e.event_id}: {e.link_note}")
        if self.context:
            lines.append(f"  background (not counted): {', '.join(e.event_id for e in self.context)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """In a notebook: the status badge, deadline, reasons, amendments and evidence with quotes."""
        from .render.notebook import obligation_html

        return obligation_html(self)

    def evidence_html(self) -> str:
        """The evidence counted for this obligation (breaches first) as HTML, e.g. for ``IPython.display.HTML``."""
        from .render.notebook import evidence_list_html

        return evidence_list_html(self)


@attrs.frozen
class CoverageInfo:
    """One loaded log's coverage: the stretch it watches, for which obligations, and whether it was declared."""

    name: str
    start: dt.datetime | None
    end: dt.datetime | None
    obligations: tuple[str, ...] | None
    inferred: bool
    note: str | None = None

    def __str__(self) -> str:
        if self.start is None or self.end is None:
            return f"{self.name}: nothing known yet"
        what = "every obligation" if self.obligations is None else ", ".join(self.obligations)
        how = "inferred from its reports" if self.inferred else "declared"
        return f"{self.name}: {self.start.isoformat()} to {self.end.isoformat()}, {what} ({how})"


@attrs.frozen
class PointStatus:
    """A point (clause) rolled up from its obligations: the most severe status wins."""

    number: int
    summary: str
    status: Status
    obligations: tuple[ObligationStatus, ...]
    label: str | None = None
    """The clause's own name, when the agreement gives one."""


def roll_up(statuses: tuple[Status, ...]) -> Status:
    """The most severe of ``statuses`` by :data:`SEVERITY`; not yet in force if empty."""
    if not statuses:
        return Status.NOT_YET_IN_FORCE
    return min(statuses, key=SEVERITY.index)


@attrs.frozen
class StatusReport:
    """Every point and obligation of an agreement at one instant."""

    agreement_id: str
    title: str
    zone: str
    at: dt.datetime
    known_on: dt.datetime | None
    points: tuple[PointStatus, ...]
    data: tuple[DataSource, ...] = ()
    """The files or datasets the report stands on (see :meth:`ceasefire.Tracker.data_sources`)."""
    coverage: tuple[CoverageInfo, ...] = ()
    """What each loaded log watches, as could be known at the cut-off."""
    agreement_end: str | None = None
    """The amendment or event that ended the whole agreement by the time asked about, if any."""
    asked_from: dt.datetime | None = None
    """For a question about a whole day, its first instant."""
    local_zone: str | None = None
    """The agreement's local zone, if it names one: where the evidence ends is read in it and in :attr:`zone`."""

    @property
    def evidence_ends(self) -> dt.datetime | None:
        """The last instant any loaded log watches (as known at the cut-off), or None without evidence."""
        ends = [c.end for c in self.coverage if c.end is not None]
        return max(ends) if ends else None

    @property
    def beyond_evidence(self) -> tuple[ObligationStatus, ...]:
        """The obligations whose status the loaded evidence does not reach."""
        return tuple(o for o in self.obligations if o.status is Status.UNMONITORED)

    @property
    def obligations(self) -> tuple[ObligationStatus, ...]:
        """All obligations, in the order of their points."""
        return tuple(o for p in self.points for o in p.obligations)

    def __getitem__(self, obligation_id: str) -> ObligationStatus:
        for item in self.obligations:
            if item.obligation_id == obligation_id:
                return item
        known = ", ".join(o.obligation_id for o in self.obligations)
        raise KeyError(f"no obligation {obligation_id!r} in {self.agreement_id}; known ids: {known}")

    def __iter__(self) -> Iterator[ObligationStatus]:
        return iter(self.obligations)

    def __len__(self) -> int:
        return len(self.obligations)

    def point(self, number: int) -> PointStatus:
        """The rolled-up status of point ``number``."""
        for item in self.points:
            if item.number == number:
                return item
        raise KeyError(f"no point {number} in {self.agreement_id}")

    def explain(self) -> str:
        """Every obligation's explanation, one after another."""
        return "\n\n".join(o.explain() for o in self.obligations)

    def _repr_html_(self) -> str:
        """In a notebook: the status table of the HTML report, with its status colours."""
        from .render.notebook import report_html

        return report_html(self)

    def _repr_markdown_(self) -> str:
        """In a Markdown-only front end: the status table."""
        from .render.notebook import report_markdown

        return report_markdown(self)
