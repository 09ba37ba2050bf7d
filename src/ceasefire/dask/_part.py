"""One partition's work: its rows read back into event logs, its own Tracker, its answers as rows.

A partition holds whole groups of obligations (see :mod:`._plan`), every
record that bears on them, and every record that ends the whole agreement.
Its :class:`~ceasefire.Tracker` is built over an agreement cut to those
obligations, so its lookups are numbered from its own obligations only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from .. import Tracker
from ..errors import CeasefireError, Problem
from ..model import Citation, Event, EventLog, Source
from ..time import Window, micros
from ..validation import Origin
from ._plan import Plan

_orjson: Any
try:  # the fast JSON reader is optional (the ``fast`` extra); the standard library gives the same records
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None

__all__ = ["ANCHOR", "Feed", "Part", "STATUS_COLUMNS", "TIMELINE_COLUMNS", "build", "built_then", "coverage_of", "empty", "explain", "merge_coverage", "status_rows", "timeline_rows"]

STATUS_COLUMNS = {
    "obligation_id": "string[pyarrow]", "point": "int64", "kind": "string[pyarrow]", "status": "string[pyarrow]", "at": "datetime64[us, UTC]", "known_on": "datetime64[us, UTC]",
    "deadline_earliest": "datetime64[us, UTC]", "deadline_latest": "datetime64[us, UTC]", "ended_by": "string[pyarrow]", "headline": "string[pyarrow]",
}
"""One row per obligation: its status at the instant asked about, the deadline in force, what ended it, the headline."""

TIMELINE_COLUMNS = {
    "obligation_id": "string[pyarrow]", "status": "string[pyarrow]", "start": "datetime64[us, UTC]", "end": "datetime64[us, UTC]", "start_inclusive": "bool",
    "end_inclusive": "bool", "cause_kind": "string[pyarrow]", "cause_ref": "string[pyarrow]", "cause_at": "datetime64[us, UTC]",
    "deadline_earliest": "datetime64[us, UTC]", "deadline_latest": "datetime64[us, UTC]",
}
"""One row per interval of :meth:`ceasefire.Tracker.timeline`, in the same order for each obligation."""

ANCHOR = "ceasefire.dask-coverage-anchor"
"""The id of the stand-in record that carries a log's inferred coverage into a partition (see :func:`_anchored`)."""


@attrs.frozen
class Feed:
    """What a feed says about itself: its name in messages, the zone of its plain dates, what it declares it watches."""

    name: str
    zone: str | None = None
    covers: tuple[Any, ...] = ()
    roots: tuple[str, ...] = ()
    """Folders where the files of sources with a local copy (``file``) are looked for, as for a loaded event file."""


@attrs.define
class Part:
    """One partition's agreement and logs, ready to answer; the Tracker is built on first use, in the worker."""

    agreement: Any
    logs: list[EventLog]
    wheres: dict[str, dict[str, list[str]]]
    obligations: frozenset[str]
    _trackers: dict[Any, Tracker] = attrs.field(factory=dict, eq=False)

    def __getstate__(self) -> dict[str, Any]:
        return {"agreement": self.agreement, "logs": self.logs, "wheres": self.wheres, "obligations": self.obligations}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    def tracker(self, anchors: Sequence[tuple[dt.datetime, dt.datetime] | None] | None = None, known_on: Any = None) -> Tracker:
        """The partition's Tracker; given the whole feed's implied spans ``anchors`` at ``known_on``, one whose inferred logs imply them too."""
        wanted: tuple[Any, ...] | None = None
        if anchors is not None:
            own = coverage_of(self, known_on)
            wanted = tuple(None if a is None or a == o else a for a, o in zip(anchors, own))
            if not any(wanted):
                wanted = None
        if wanted not in self._trackers:
            logs = self.logs if wanted is None else [_anchored(log, a) for log, a in zip(self.logs, wanted)]
            if len(self._trackers) >= 2:
                self._trackers.pop(next(iter(self._trackers)))
            self._trackers[wanted] = _checked(lambda: Tracker(self.agreement, *logs), self.wheres)
        return self._trackers[wanted]


def build(rows: Any, plan: Plan, feeds: Sequence[Feed]) -> Part:
    """The partition holding ``rows`` (a pandas frame of routed rows with their ``part``)."""
    here = plan.obligations_in(int(p) for p in rows["part"].unique())
    agreement = plan.trimmed(here)
    rows = rows.sort_values("order", kind="stable")
    logs: list[EventLog] = []
    wheres: dict[str, dict[str, list[str]]] = {}
    for number, feed in enumerate(feeds):
        mine = rows[rows["log"] == number]
        data: dict[str, Any] = {"sources": [], "events": [], "deletions": []}
        places: dict[str, list[str]] = {"sources": [], "events": [], "deletions": []}
        for kind, text, where in zip(mine["type"], mine["record"], mine["where"]):
            if kind == "part":
                continue
            record = _loads(text)
            if kind == "event" and isinstance(record.get("links"), list):
                record["links"] = [l for l in record["links"] if l.get("obligation") in here]
            field = {"event": "events", "source": "sources", "deletion": "deletions"}[kind]
            data[field].append(record)
            places[field].append(where)
        if feed.zone is not None:
            data["zone"] = feed.zone
        if feed.covers:
            data["covers"] = [c.model_dump(mode="json", by_alias=True) for c in plan.covers(EventLog(covers=list(feed.covers)), here)]
        from ..loading import parse_events

        wheres[feed.name] = places
        origin = Origin(feed.name, roots=tuple(Path(r) for r in feed.roots))
        logs.append(_checked(lambda data=data, origin=origin: parse_events(data, origin=origin), {feed.name: places}))
    return Part(agreement, logs, wheres, here)


def built_then(answer: Any, rows: Any, plan: Plan, feeds: Sequence[Feed], *args: Any) -> Any:
    """``answer(part, *args)`` on the partition built from ``rows``, in one task: the partition and its Tracker are let go when it returns."""
    return answer(build(rows, plan, feeds), *args)


def coverage_of(part: Part, known_on: Any) -> list[tuple[dt.datetime, dt.datetime] | None]:
    """For each log that declares no coverage, the span its records in this partition imply at ``known_on`` (None if none or declared)."""
    found: list[tuple[dt.datetime, dt.datetime] | None] = []
    for info in part.tracker().coverage(known_on):
        found.append((info.start, info.end) if info.inferred and info.start is not None and info.end is not None else None)
    return found


def merge_coverage(found: Sequence[Sequence[tuple[dt.datetime, dt.datetime] | None]], logs: int) -> list[tuple[dt.datetime, dt.datetime] | None]:
    """The whole feed's implied span per log: the earliest start and the latest end over the partitions."""
    out: list[tuple[dt.datetime, dt.datetime] | None] = []
    for i in range(logs):
        spans = [f[i] for f in found if f[i] is not None]
        out.append((min((s[0] for s in spans if s), key=_utc), max((s[1] for s in spans if s), key=_utc)) if spans else None)
    return out


def status_rows(part: Part, anchors: Any, when: Any, known_on: Any) -> Any:
    """One row per obligation of the partition: its status at ``when`` as known on ``known_on``."""
    report = part.tracker(anchors, known_on).status_on(when, known_on=known_on)
    rows = []
    for o in report.obligations:
        if o.obligation_id not in part.obligations:
            continue
        rows.append({
            "obligation_id": o.obligation_id, "point": o.point, "kind": o.kind, "status": o.status.value, "at": o.at, "known_on": o.known_on,
            "deadline_earliest": o.deadline.earliest if o.deadline else None, "deadline_latest": o.deadline.latest if o.deadline else None,
            "ended_by": o.ended_by, "headline": o.headline,
        })
    return _frame(rows, STATUS_COLUMNS)


def timeline_rows(part: Part, anchors: Any, start: Any, end: Any, known_on: Any) -> Any:
    """One row per interval of the partition's timeline from ``start`` to ``end``."""
    timeline = part.tracker(anchors, known_on).timeline(start, end, known_on=known_on)
    rows = [{
        "obligation_id": i.obligation_id, "status": i.status.value, "start": i.start, "end": i.end, "start_inclusive": i.start_inclusive,
        "end_inclusive": i.end_inclusive, "cause_kind": i.cause.kind, "cause_ref": i.cause.ref, "cause_at": i.cause.at,
        "deadline_earliest": i.deadline.earliest if i.deadline else None, "deadline_latest": i.deadline.latest if i.deadline else None,
    } for i in timeline if i.obligation_id in part.obligations]
    return _frame(rows, TIMELINE_COLUMNS)


def explain(part: Part, anchors: Any, ids: Sequence[str], when: Any, known_on: Any) -> dict[str, Any]:
    """The full answers for those of ``ids`` the partition holds."""
    tracker = part.tracker(anchors, known_on)
    return {oid: tracker.obligation_on(oid, when, known_on=known_on) for oid in ids if oid in part.obligations}


_LONG_DIGITS = re.compile(r"\d{16,}")


def _loads(text: str) -> Any:
    """A record back from the JSON text the reader wrote: by orjson when it is installed, unless the text holds what orjson reads differently.

    orjson turns integers of more than 64 bits into floats and refuses ``NaN``;
    a run of 16 or more digits, or anything orjson refuses, goes to the
    standard library, which keeps the value exactly as the reader found it (the
    models then judge it, as :func:`ceasefire.load_events` would).
    """
    if _orjson is not None and _LONG_DIGITS.search(text) is None:
        try:
            return _orjson.loads(text)
        except _orjson.JSONDecodeError:
            pass
    return json.loads(text)


def empty(columns: dict[str, str]) -> Any:
    """A frame with ``columns`` and no rows."""
    return _frame([], columns)


def _frame(rows: list[dict[str, Any]], columns: dict[str, str]) -> Any:
    import pandas as pd

    data = {}
    for name, dtype in columns.items():
        values = [r[name] for r in rows]
        if dtype.startswith("datetime64"):
            stamps = np.array([_NAT if v is None else micros(v) for v in values], dtype="int64")
            data[name] = pd.Series(stamps.view("datetime64[us]")).dt.tz_localize("UTC").astype(dtype)
        else:
            data[name] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(data)


_NAT = np.iinfo(np.int64).min
"""The integer numpy reads as ``NaT`` in a ``datetime64`` array."""


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.timezone.utc)


def _anchored(log: EventLog, span: tuple[dt.datetime, dt.datetime] | None) -> EventLog:
    """``log`` with one record that links nothing, happened at the feed's earliest start and was reported at its latest report.

    A log that declares no coverage is taken to watch from its first report
    to its last: over the whole feed, not one partition. This record makes a
    partition's log imply exactly the whole feed's span; it bears on no
    obligation, so nothing else changes.
    """
    if span is None or log.covers:
        return log
    source = Source(id=ANCHOR, title="The span the whole feed covers (added by ceasefire.dask)")
    anchor = Event(id=ANCHOR, kind="coverage", summary="Stands for the whole feed's first and last reports.", occurred=Window(span[0], span[0]),
                   reported=Window(span[1], span[1]), sources=[Citation(source=ANCHOR)])
    copy = log.model_copy(update={"events": [*log.events, anchor], "sources": [*log.sources, source]})
    if hasattr(log, "_origin"):
        copy._origin = log._origin  # type: ignore[attr-defined]
    return copy


_PLACE = re.compile(r"^(?P<name>.*?)(?::\d+)? \((?P<field>events|sources|deletions)\[(?P<i>\d+)\](?P<rest>[^)]*)\)$")


def _checked(make: Any, wheres: dict[str, dict[str, list[str]]]) -> Any:
    """``make()``, with any ceasefire error's places rewritten from positions in a partition's log to the file and line of the record."""
    try:
        return make()
    except CeasefireError as exc:
        problems = [Problem(_place(p.where, wheres), p.received, p.expected) for p in exc.problems]
        raise type(exc)(problems) from None


def _place(where: str, wheres: dict[str, dict[str, list[str]]]) -> str:
    found = _PLACE.match(where)
    if found is None or found["name"].rstrip(":") not in wheres:
        return where
    index = int(found["i"])
    places = wheres[found["name"].rstrip(":")].get(found["field"], [])
    if index >= len(places):
        return where
    rest = found["rest"].lstrip(".")
    return f"{places[index]} ({rest})" if rest else places[index]
