"""The answer an evaluator fills in, and the statuses that rest on silence."""

from __future__ import annotations

import datetime as dt

import attrs

from ..model import Amendment
from ..results import BreachHistory, ReportedQuantity, Status, TermState
from ..time import Window
from .evidence import Linked


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
    breach_disputes: frozenset[str] | None = None
    """The parties disputing any of :attr:`breaches`, when the rule worked them out from running figures (a busy obligation's breaches are many)."""
    rests_on_silence: bool = False
    """True when the status says something went on (an ongoing breach) only because no report ended it."""

    def done(self, status: Status, reason: str) -> Draft:
        self.status = status
        self.reasons.append(reason)
        return self


SILENT_STATUSES = frozenset({Status.PENDING, Status.IN_PROGRESS, Status.OVERDUE, Status.COMPLIED, Status.HOLDING, Status.IN_FORCE})
"""Statuses that rest on the absence of reports (nothing done yet, no breach,
no notice): they hold only where loaded evidence watched."""
