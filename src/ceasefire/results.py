"""What the engine answers: statuses with their reasons and evidence.

All values here are small frozen attrs classes. Each obligation's answer
(:class:`ObligationStatus`) says which deadline was in force, which
amendments applied, which events were counted and on whose word, so that a
status can be defended line by line.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from .time import Window

if TYPE_CHECKING:
    from .revisions import DataSource


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
    BREACHED = "breached"
    SUSPENDED = "suspended"
    ENDED = "ended"
    UNCERTAIN = "uncertain"

    def __str__(self) -> str:
        return self.value


SEVERITY: tuple[Status, ...] = (
    Status.BREACHED,
    Status.OVERDUE,
    Status.UNCERTAIN,
    Status.SUSPENDED,
    Status.PENDING,
    Status.IN_PROGRESS,
    Status.FULFILLED_LATE,
    Status.IN_FORCE,
    Status.COMPLIED,
    Status.FULFILLED,
    Status.ENDED,
    Status.NOT_YET_IN_FORCE,
)
"""Most severe first. A point takes the status of its most severe obligation."""


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

    def _repr_html_(self) -> str:
        """In a notebook: the event with its dates, who linked it, and every source with its quote."""
        from .notebook import evidence_html

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
    amendments: tuple[AppliedAmendment, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    breaches: tuple[Evidence, ...] = ()
    context: tuple[Evidence, ...] = ()
    """Background reports linked with the role ``context``: shown, never counted."""
    quantities: tuple[ReportedQuantity, ...] = ()
    term: TermState | None = None
    disputed_by: tuple[str, ...] = ()
    added_by: str | None = None
    reasons: tuple[str, ...] = ()

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
        lines = [f"{self.obligation_id}: {self.status} at {self.at.isoformat()}"]
        if self.known_on is not None:
            lines[0] += f" (as known on {self.known_on.isoformat()})"
        lines += [f"  - {reason}" for reason in self.reasons]
        extracted = [e.event_id for e in (*self.evidence, *self.breaches) if e.made_by == "extraction"]
        if extracted:
            lines.append(f"  - linked by text extraction, not by a person: {', '.join(dict.fromkeys(extracted))}")
        for cited in self.sources:
            where = cited.file or cited.url or cited.source_id
            quote = f': "{cited.quote}"' if cited.quote else ""
            lines.append(f"  source {cited.title} ({where}){quote}")
        if self.context:
            lines.append(f"  background (not counted): {', '.join(e.event_id for e in self.context)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """In a notebook: the status badge, deadline, reasons, amendments and evidence with quotes."""
        from .notebook import obligation_html

        return obligation_html(self)

    def evidence_html(self) -> str:
        """The evidence counted for this obligation (breaches first) as HTML, e.g. for ``IPython.display.HTML``."""
        from .notebook import evidence_list_html

        return evidence_list_html(self)


@attrs.frozen
class PointStatus:
    """A point (clause) rolled up from its obligations: the most severe status wins."""

    number: int
    summary: str
    status: Status
    obligations: tuple[ObligationStatus, ...]


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
        from .notebook import report_html

        return report_html(self)

    def _repr_markdown_(self) -> str:
        """In a Markdown-only front end: the status table."""
        from .notebook import report_markdown

        return report_markdown(self)
