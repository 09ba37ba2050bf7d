"""The small integer codes the bulk path stores instead of strings.

Event kinds use the words of the per-event model: ``advances`` (progress),
``move-deadline`` (a deadline amendment), ``fulfils`` and ``breaches``;
``context`` (a version of an event that changes no status, linked as
context or to nothing) and ``deletion`` (the event was withdrawn) only take
their place in an event's history (see :mod:`ceasefire.revisions`).
Obligations are of two kinds, ``deadline`` (done by a date) and
``standing`` (a duty that holds throughout, such as the ceasefire itself).
Statuses come in two vocabularies. The full one is the per-event engine's
vocabulary for these kinds with exact instants; the plain one folds
``in progress`` into ``pending`` and ``fulfilled late`` into ``fulfilled``,
which is what a dataframe query over the same feed usually computes. A
standing obligation's statuses (``complied``, ``breached``, ``holding``) are
the same in both.
"""

from __future__ import annotations

ADVANCES, MOVE_DEADLINE, FULFILS, BREACHES, CONTEXT, DELETION = 0, 1, 2, 3, 4, 5
KINDS: tuple[str, ...] = ("advances", "move-deadline", "fulfils", "breaches", "context", "deletion")
"""Kind names, indexed by kind code."""

DEADLINE, STANDING = 0, 1
OBLIGATION_KINDS: tuple[str, ...] = ("deadline", "standing")
"""Obligation kind names, indexed by obligation kind code."""

PENDING, IN_PROGRESS, OVERDUE, FULFILLED, FULFILLED_LATE, BREACHED, COMPLIED, HOLDING = 0, 1, 2, 3, 4, 5, 6, 7
STATUSES: tuple[str, ...] = ("pending", "in progress", "overdue", "fulfilled", "fulfilled late", "breached", "complied", "holding")
"""Status labels, indexed by status code; the labels are those of :class:`ceasefire.Status`."""

PLAIN: tuple[int, ...] = (PENDING, PENDING, OVERDUE, FULFILLED, FULFILLED, BREACHED, COMPLIED, HOLDING)
"""The plain status code for each full status code."""

PLAIN_STATUSES: tuple[str, ...] = ("pending", "overdue", "fulfilled", "breached", "complied", "holding")
"""The labels of the plain vocabulary: four for deadline obligations, and the standing ones as they are."""

NEVER = (1 << 63) - 1
"""The largest int64: an instant that never comes (no decisive event, no progress)."""

SINCE_EVER = -(1 << 63)
"""The smallest int64: the start of every timeline."""


def plain(label: str) -> str:
    """The plain-vocabulary label for a full-vocabulary label; 'unmonitored' stays as it is."""
    if label not in STATUSES:
        return label
    return STATUSES[PLAIN[STATUSES.index(label)]]
