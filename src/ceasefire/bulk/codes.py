"""The small integer codes the bulk path stores instead of strings.

Event kinds use the words of the per-event model: ``advances`` (progress),
``move-deadline`` (a deadline amendment), ``fulfils``, ``breaches`` and
``notice`` (notice to end a term); ``context`` (a version of an event that
changes no status, linked as context or to nothing) and ``deletion`` (the
event was withdrawn) only take their place in an event's history (see
:mod:`ceasefire.revisions`). Obligations are of the model's four kinds:
``deadline`` (done by a date), ``standing`` (a duty that holds throughout,
such as the ceasefire itself), ``progress`` (work with no deadline, done
by steps) and ``term`` (a period that may renew, ended by notice or by
running out).

Statuses come in two vocabularies. The full one is the per-event engine's
vocabulary for these kinds, ``uncertain`` included (an event known only to a
window that straddles what decides the status: a deadline that has passed,
or the instant asked about); the plain one folds
``in progress`` into ``pending`` and ``fulfilled late`` into ``fulfilled``,
which is what a dataframe query over the same feed usually computes. The
statuses of standing and term obligations (``complied``, ``breached``,
``holding``; ``in force``, ``ended``), ``not yet in force`` and ``uncertain``
are the same in both: nothing honest folds a status the evidence leaves open
into one it does not.
"""

from __future__ import annotations

ADVANCES, MOVE_DEADLINE, FULFILS, BREACHES, CONTEXT, DELETION, NOTICE = 0, 1, 2, 3, 4, 5, 6
KINDS: tuple[str, ...] = ("advances", "move-deadline", "fulfils", "breaches", "context", "deletion", "notice")
"""Kind names, indexed by kind code."""

DEADLINE, STANDING, PROGRESS, TERM = 0, 1, 2, 3
OBLIGATION_KINDS: tuple[str, ...] = ("deadline", "standing", "progress", "term")
"""Obligation kind names, indexed by obligation kind code (the model's ``kind`` values)."""

PENDING, IN_PROGRESS, OVERDUE, FULFILLED, FULFILLED_LATE, BREACHED, COMPLIED, HOLDING, IN_FORCE, ENDED, NOT_YET_IN_FORCE, UNCERTAIN = range(12)
STATUSES: tuple[str, ...] = (
    "pending", "in progress", "overdue", "fulfilled", "fulfilled late", "breached", "complied", "holding", "in force", "ended", "not yet in force",
    "uncertain",
)
"""Status labels, indexed by status code; the labels are those of :class:`ceasefire.Status`."""

PLAIN: tuple[int, ...] = (PENDING, PENDING, OVERDUE, FULFILLED, FULFILLED, BREACHED, COMPLIED, HOLDING, IN_FORCE, ENDED, NOT_YET_IN_FORCE, UNCERTAIN)
"""The plain status code for each full status code."""

PLAIN_STATUSES: tuple[str, ...] = ("pending", "overdue", "fulfilled", "breached", "complied", "holding", "in force", "ended", "not yet in force", "uncertain")
"""The labels of the plain vocabulary: four for deadline and progress obligations, and the others as they are."""

NEVER = (1 << 63) - 1
"""The largest int64: an instant that never comes (no decisive event, no progress)."""

SINCE_EVER = -(1 << 63)
"""The smallest int64: the start of every timeline."""


def plain(label: str) -> str:
    """The plain-vocabulary label for a full-vocabulary label; 'unmonitored' stays as it is."""
    if label not in STATUSES:
        return label
    return STATUSES[PLAIN[STATUSES.index(label)]]
