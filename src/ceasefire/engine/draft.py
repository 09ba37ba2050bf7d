"""The answer an evaluator fills in, and the statuses that rest on silence."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence

import attrs

from ..model import Amendment, Event
from ..results import BreachHistory, ReportedQuantity, Status, TermState
from ..time import Window
from .evidence import Linked, Ordered


class Known(enum.IntEnum):
    """How far a fact is known at the instant asked about: surely not, perhaps, surely."""

    NO = 0
    MAYBE = 1
    YES = 2


@attrs.define
class Draft:
    """The parts of an answer an evaluator fills in."""

    status: Status = Status.PENDING
    reasons: list[str] = attrs.Factory(list)
    deadline: Window | None = None
    original_deadline: Window | None = None
    amendments: list[Amendment] = attrs.Factory(list)
    counted: list[Linked] = attrs.Factory(list)
    breaches: list[Linked] = attrs.Factory(list)
    quantities: list[ReportedQuantity] = attrs.Factory(list)
    term: TermState | None = None
    ended_by: str | None = None
    decisive: list[Linked] = attrs.Factory(list)
    """The events that decided the status; a dispute of one of them is a dispute of the status."""
    stalled_since: dt.datetime | None = None
    history: BreachHistory | None = None
    """A standing obligation's breach history, once an evaluator has worked it out."""
    runs: list[tuple[Ordered, int]] = attrs.Factory(list)
    """Leading runs of known events, each an ordered list and how many of its first events were counted or taken as breaches."""
    loose: list[Linked] = attrs.Factory(list)
    """Counted events and breaches that are not a leading run of an ordered list."""
    rests_on_silence: bool = False
    """True when the status says something went on (an ongoing breach) only because no report ended it."""
    waits_on: str | None = None
    """The obligation whose fulfilment this one waits for, while no known report shows it fulfilled."""
    setbacks: list[Linked] = attrs.Factory(list)
    """Setbacks known by the instant asked about, in order: shown, never deciding the status."""
    breached_by: Event | None = None
    """For a ``breached`` status: the reported breach it rests on."""
    open_window: tuple[str, Window] | None = None
    """For an ``uncertain`` status resting on one event: its id, and the window (when it happened, or ended) that leaves the status open."""
    ruled: bool = False
    """True when the kind's own rule decided: the obligation was in force and nothing every kind shares (an ending, a suspension) settled it first."""
    steady: frozenset[str] = frozenset({"setback"})
    """Roles of the obligation's own links whose events cannot move the status or the deadline in force from here on.

    A kind's rule adds a role only where it can show that, under the same
    cut-off, a later event of that role (the only change at its instant)
    leaves both as they are: a second completion once one has counted, a
    progress report once progress is reported. Setbacks never decide a
    status. A timeline does not run the rules again at such an event.
    """
    steady_after: tuple[str, dt.datetime] | None = None
    """A role and an instant: events of that role whose window opens after the instant cannot move the status or the deadline in force from here on.

    It says for some events of a role what :attr:`steady` says for all of
    them, on the same terms: a kind's rule sets it only where it can show it.
    A deadline obligation fulfilled late stays so whatever completions are
    reported later, as long as each began after the deadline's last instant.
    """
    clear_of_breaches: bool = False
    """True when the kind's rule found that no breach reaches the time asked about, surely or perhaps.

    A standing obligation's status there rests only on breaches already over
    and on what the evidence watched. A timeline reads it to carry the answer
    past a breach's window without running the rules again (see
    :func:`~.standing.across_single_breaches`).
    """

    def count(self, items: Sequence[Linked], run_of: Ordered | None = None) -> None:
        """Count ``items``; ``run_of`` is the ordered list whose first events they are (as :func:`~.evidence.surely_by` gives them)."""
        self.counted += items
        self._note(items, run_of)

    def breach(self, items: Sequence[Linked], run_of: Ordered | None = None) -> None:
        """Take ``items`` as breaches; ``run_of`` as for :meth:`count`."""
        self.breaches += items
        self._note(items, run_of)

    def _note(self, items: Sequence[Linked], run_of: Ordered | None) -> None:
        if not isinstance(run_of, Ordered):
            self.loose += items
        elif items:
            self.runs.append((run_of, len(items)))

    def disputes(self) -> frozenset[str]:
        """The parties disputing any counted event or breach: from each run's running figures, and one by one for the rest.

        A busy obligation counts thousands of reports at every instant a
        timeline asks about; a pass over them each time would cost the square.
        """
        found = frozenset[str]().union(*(ordered.disputed(n) for ordered, n in self.runs))
        return found.union(*({x.party for x in item.event.disputed_by} for item in self.loose if item.event.disputed_by))

    def rests_on(self, event_id: str) -> bool:
        """True when the event ``event_id`` is among those counted or taken as breaches: looked up in each run, not found by a pass over them."""
        return any(ordered.position(event_id) < n for ordered, n in self.runs) or any(item.event.id == event_id for item in self.loose)

    def done(self, status: Status, reason: str) -> Draft:
        self.status = status
        self.reasons.append(reason)
        return self


SILENT_STATUSES = frozenset({Status.PENDING, Status.IN_PROGRESS, Status.OVERDUE, Status.COMPLIED, Status.HOLDING, Status.IN_FORCE})
"""Statuses that rest on the absence of reports (nothing done yet, no breach,
no notice): they hold only where loaded evidence watched."""
