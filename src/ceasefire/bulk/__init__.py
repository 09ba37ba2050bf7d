"""The bulk path: millions of events about thousands of obligations of every kind, held as columns.

It answers with the Tracker's rules for what it models (deadline, standing,
progress and term obligations, events at exact instants or known only to a
window, deadline moves, notice, event versions and deletions under a
knowledge cut-off) and refuses the rest up front:
:func:`from_tracker` raises :class:`ceasefire.errors.BulkUnsupportedError`
naming what it does not model, for the Tracker to answer.

``ceasefire.bulk`` needs the ``bulk`` extra (numpy and polars):
``pip install 'ceasefire[bulk]'``. It is never imported by ``import ceasefire``.

Read a feed with :func:`read_obligations` and :func:`read_events` (NDJSON or
CSV), build a :class:`ChangeIndex` once with :func:`build_index`, then ask
:meth:`ChangeIndex.status_at` for every obligation at any instant or read the
whole :meth:`ChangeIndex.timeline`. docs/performance.md says how fast, and
docs/how-to/bulk.md what the statuses mean and how they map onto :class:`ceasefire.Tracker`.
"""

from __future__ import annotations

from .adapter import from_tracker, to_tracker
from .build import build_index
from .codes import KINDS, PLAIN_STATUSES, STATUSES, plain
from .columns import EventColumns
from .index import ChangeIndex, Timeline
from .instants import instant, micros
from .partition import by_obligation, partition
from .readers import read_events, read_obligations

__all__ = [
    "KINDS",
    "PLAIN_STATUSES",
    "STATUSES",
    "ChangeIndex",
    "EventColumns",
    "Timeline",
    "build_index",
    "by_obligation",
    "from_tracker",
    "instant",
    "micros",
    "partition",
    "plain",
    "read_events",
    "read_obligations",
    "to_tracker",
]
