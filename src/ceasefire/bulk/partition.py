"""Per-obligation slices, and splitting a store by obligation.

Every question the bulk path answers is answered obligation by obligation:
no status depends on another obligation's events. So a store can be cut
into parts that each hold whole obligations, each part indexed on its own
(in another process or on another machine), and the timelines put back
together by shifting each part's codes by its first code.

One thing crosses obligations: which version of a revised event is current.
So a part also holds every other row of each event it touches, turned into
a ``context`` row (a version that changes no status there), and every
deletion of such an event.
"""

from __future__ import annotations

import numpy as np

from . import codes
from .columns import EventColumns


def by_obligation(store: EventColumns) -> tuple[EventColumns, np.ndarray]:
    """The store sorted by obligation, then instant, then row, and where each obligation's slice starts.

    Rows of obligation ``c`` are ``offsets[c]:offsets[c + 1]`` of the sorted store.
    """
    order = np.lexsort((np.arange(len(store)), store.at, store.obligation))
    ordered = store.take(order)
    offsets = np.searchsorted(ordered.obligation, np.arange(store.obligation_count + 1))
    return ordered, offsets


def partition(store: EventColumns, parts: int) -> list[tuple[int, EventColumns]]:
    """``parts`` stores holding contiguous ranges of obligations, each with the first code of its range.

    Part ``k`` renumbers its obligations from 0; add its first code to a
    code of the part to get the code in ``store``. Row order within a part
    is the order in ``store``, so ties still break the same way.
    """
    if parts < 1:
        raise ValueError(f"parts must be at least 1; received {parts}")
    bounds = np.linspace(0, store.obligation_count, parts + 1).astype(int)
    out = []
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        own = (store.obligation >= lo) & (store.obligation < hi)
        kind = store.kind
        obligation = store.obligation - lo
        if store.event is not None and hi > lo:
            touched = np.unique(store.event[own & (store.event >= 0)])
            foreign = ~own & (store.kind != codes.MOVE_DEADLINE) & np.isin(store.event, touched)
            kind = np.where(foreign & (kind != codes.DELETION), codes.CONTEXT, kind).astype(np.int8)
            obligation = np.where(foreign, 0, obligation)
            own |= foreign
        rows = np.flatnonzero(own)
        part = store.take(rows)
        out.append(
            (
                lo,
                EventColumns.from_arrays(
                    store.obligation_ids[lo:hi], store.deadline[lo:hi], obligation[rows],
                    part.at, kind[rows], part.new_deadline, part.reported, zone=store.zone,
                    event=part.event, version=part.version, effective=store.effective,
                    obligation_kind=None if store.obligation_kind is None else store.obligation_kind[lo:hi],
                    terms={c - lo: term for c, term in store.terms.items() if lo <= c < hi},
                    watched_until=store.watched_until, latest=part.latest,
                ),
            )
        )
    return out
