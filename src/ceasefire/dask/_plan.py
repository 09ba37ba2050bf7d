"""Which obligations must be answered together, and which partition each group goes to.

Obligations whose answers read each other's evidence (``depends_on``,
``until_fulfilment_of``, a deadline ``within`` a span ``after_fulfilment_of``
another) and obligations added by one supplement form one group: the
connected components of those references. A group is never split, so each
partition's :class:`~ceasefire.Tracker` holds everything its obligations'
answers can read. Groups are dealt to partitions largest first, each to the
partition holding the fewest events so far.
"""

from __future__ import annotations

import heapq
import zlib
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ..model import Agreement, Amendment, Coverage, EventLog

__all__ = ["Plan", "groups_of", "plan_for"]


def _obligations(agreement: Agreement) -> list[tuple[str, list[str], Amendment | None]]:
    """Every obligation id with the ids it refers to, and the supplement that adds it, if any."""
    found: list[tuple[str, list[str], Amendment | None]] = []
    everything: list[tuple[Any, Amendment | None]] = [(o, None) for p in agreement.points for o in p.obligations]
    everything += [(o, a) for a in agreement.amendments if a.kind == "supplement" for o in a.obligations]
    for obligation, amendment in everything:
        refs = [r for r in (obligation.depends_on, obligation.until_fulfilment_of) if r]
        due = getattr(obligation, "due", None)
        if due is not None and due.after_fulfilment_of:
            refs.append(due.after_fulfilment_of)
        found.append((obligation.id, refs, amendment))
    return found


def groups_of(agreement: Agreement) -> list[list[str]]:
    """The agreement's obligation ids cut into groups that can be answered apart, each in agreement order."""
    items = _obligations(agreement)
    parent = {oid: oid for oid, _, _ in items}

    def root(oid: str) -> str:
        while parent[oid] != oid:
            parent[oid] = parent[parent[oid]]
            oid = parent[oid]
        return oid

    def join(a: str, b: str) -> None:
        if a in parent and b in parent:
            parent[root(a)] = root(b)

    for oid, refs, amendment in items:
        for ref in refs:
            join(oid, ref)
        if amendment is not None:
            join(oid, amendment.obligations[0].id)
    groups: dict[str, list[str]] = {}
    for oid, _, _ in items:
        groups.setdefault(root(oid), []).append(oid)
    return list(groups.values())


@attrs.frozen(slots=False)
class Plan:
    """The agreement, the partition of each obligation, and how many partitions there are."""

    agreement: Agreement
    part_of: Mapping[str, int]
    parts: int

    def __dask_tokenize__(self) -> str:
        """A token for Dask's graph that is cheap to compute: the plan is hashed once, not pickled for every task that names it."""
        found: str | None = self.__dict__.get("_token")
        if found is None:
            import hashlib

            digest = hashlib.sha1(self.agreement.model_dump_json().encode("utf-8"))
            digest.update(repr(sorted(self.part_of.items())).encode("utf-8"))
            found = f"ceasefire.dask.Plan-{self.parts}-{digest.hexdigest()}"
            object.__setattr__(self, "_token", found)
        return found

    def fallback(self, key: str) -> int:
        """The partition of a record that bears on no obligation (so that it is still read and checked): a stable hash of its id."""
        return zlib.crc32(key.encode("utf-8")) % self.parts

    def obligations_in(self, parts: Iterable[int]) -> frozenset[str]:
        """The obligation ids dealt to any of ``parts``."""
        wanted = set(parts)
        return frozenset(o for o, p in self.part_of.items() if p in wanted)

    def trimmed(self, keep: frozenset[str]) -> Agreement:
        """The agreement with only the obligations ``keep`` and the amendments that bear on them.

        Points keep their numbers, summaries and labels (a supplement names its
        point); amendments that end the whole agreement stay everywhere.
        """
        points = [p.model_copy(update={"obligations": [o for o in p.obligations if o.id in keep]}) for p in self.agreement.points]
        amendments = [a for a in self.agreement.amendments if _bears_on(a, keep)]
        return self.agreement.model_copy(update={"points": points, "amendments": amendments})

    def covers(self, log: EventLog, keep: frozenset[str]) -> list[Coverage]:
        """A log's declared coverage, each period's list of obligations cut to ``keep`` (a period for all stays for all)."""
        return [c if c.obligations is None else c.model_copy(update={"obligations": [o for o in c.obligations if o in keep]}) for c in log.covers]


def _bears_on(amendment: Amendment, keep: frozenset[str]) -> bool:
    if amendment.kind == "end-agreement":
        return True
    if amendment.kind == "supplement":
        return amendment.obligations[0].id in keep
    return amendment.obligation in keep


def plan_for(agreement: Agreement, counts: Mapping[str, int], parts: int) -> Plan:
    """Deal the groups of ``agreement`` to at most ``parts`` partitions, balancing ``counts`` (events per obligation)."""
    groups = groups_of(agreement)
    parts = max(1, min(parts, len(groups)))
    weighted = sorted(((sum(counts.get(o, 0) for o in g) + len(g), i) for i, g in enumerate(groups)), reverse=True)
    heap = [(0, p) for p in range(parts)]
    part_of: dict[str, int] = {}
    for weight, i in weighted:
        load, p = heapq.heappop(heap)
        for oid in groups[i]:
            part_of[oid] = p
        heapq.heappush(heap, (load + weight, p))
    return Plan(agreement, part_of, parts)
