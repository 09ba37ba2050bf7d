"""The one engine on Dask: the same :class:`ceasefire.Tracker`, one per partition of obligations, over feeds too big for one machine.

Install the ``dask`` extra (``dask[dataframe]``, ``distributed``, ``pyarrow``);
``import ceasefire`` never imports Dask, only ``import ceasefire.dask`` does.

- :func:`read_feed` names a feed's files (NDJSON, CSV or Parquet; events, and
  optionally sources and deletions), read lazily, one task per file;
  :func:`feed_of` turns an :class:`~ceasefire.EventLog` already in memory into a feed.
- :class:`DaskTracker` cuts the agreement's obligations into groups that can
  be answered apart (obligations that wait on each other stay together),
  deals the groups to partitions, sends every record to the partitions of the
  obligations it bears on (and records that end the whole agreement to all),
  and builds one Tracker per partition on the workers.
- :meth:`DaskTracker.status_on` and :meth:`DaskTracker.timeline` return Dask
  DataFrames (one row per obligation, one row per interval);
  :meth:`DaskTracker.explain` brings the full answers for chosen obligations
  to the client.

Every answer is the single-machine Tracker's (``tests/test_dask.py`` checks it on
generated agreements and feeds). The work runs on whatever Dask scheduler is
active: a ``distributed.Client`` to a cluster, or Dask's local threads.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

try:
    import dask
    import dask.dataframe as dd
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("ceasefire.dask needs Dask; install it with: python -m pip install 'ceasefire[dask]'") from exc

from ._files import expand, is_url, stamp
from ..errors import DuplicateIdError, InvalidInputError, Problem, UnknownObligationError
from ..model import Agreement, Coverage, EventLog
from ..results import ObligationStatus
from ..time import When
from ._part import STATUS_COLUMNS, TIMELINE_COLUMNS, Feed, build, built_then, coverage_of, empty, explain, merge_coverage, status_rows, timeline_rows
from ._plan import Plan, groups_of, plan_for
from ._read import COLUMNS, empty_rows, link_counts, read_file, rows_of

__all__ = ["DaskTracker", "FeedSource", "P2P_FROM", "ROWS_PER_PARTITION", "SHUFFLES", "STATUS_COLUMNS", "TIMELINE_COLUMNS", "feed_of", "groups_of", "read_feed"]

SHUFFLES = ("auto", "tasks", "p2p")
"""How Dask may move rows between partitions: ``"tasks"``, its task-based shuffle, held in the workers' memory (spilled to disk by the
workers when they pass their memory target), which starts at once; ``"p2p"``, the peer-to-peer shuffle of ``distributed``, which
streams rows through the workers' disks in bounded memory but pays seconds per shuffle to set up; ``"auto"`` chooses."""

P2P_FROM = 500_000
"""From how many records ``shuffle="auto"`` moves rows with the peer-to-peer shuffle (when a ``distributed`` client is active).

Below it the task-based shuffle holds the records routed in the workers' memory (which they spill to disk past their memory target);
at 100,000 records the two took the same time and the same peak memory per worker in ``benchmarks/dask_run.py``."""

ROWS_PER_PARTITION = 50_000
"""How many records one partition holds by default: its Tracker then fits well within a 2 GB worker."""


@attrs.frozen
class FeedSource:
    """A feed to read: its files by kind of record (or records already in memory), its name, zone and declared coverage."""

    feed: Feed
    files: tuple[tuple[str, str], ...] = ()
    records: tuple[tuple[str, str, dict[str, Any]], ...] = ()
    chunks: int = 1

    def rows(self, log: int) -> Any:
        """The feed's rows as a lazy Dask DataFrame, one partition per file."""
        if self.records:
            frames = [rows_of([(w, r) for k, w, r in self.records if k == kind], kind=kind, log=log, base=n << 32) for n, kind in enumerate(("source", "event", "deletion"))]
            import pandas as pd

            return dd.from_pandas(pd.concat(frames, ignore_index=True), npartitions=max(1, self.chunks), sort=False)
        if not self.files:
            return dd.from_pandas(empty_rows(), npartitions=1)
        return dd.from_map(_FileReader(log), list(enumerate(_stamped(self.files))), meta=empty_rows(), enforce_metadata=False)


    def counts(self) -> Any:
        """Per obligation, how many links the feed's events give it, and under the id "" how many records the feed holds: a lazy Dask DataFrame."""
        import pandas as pd

        if self.records or not self.files:
            rows = rows_of([(w, r) for k, w, r in self.records if k == "event"], kind="event", log=0)
            linked = pd.Series([o for text in rows["links"] for o in text.split("\n") if o], dtype="string[pyarrow]").value_counts()
            frame = pd.DataFrame({"obligation": pd.Series(["", *linked.index], dtype="string[pyarrow]"), "count": pd.Series([len(self.records), *linked.values], dtype="int64")})
            return dd.from_pandas(frame, npartitions=1)
        return dd.from_map(_FileCounter(), _stamped(self.files), meta=pd.DataFrame({"obligation": pd.Series([], dtype="string[pyarrow]"), "count": pd.Series([], dtype="int64")}))


def _stamped(files: Iterable[tuple[str, str]]) -> list[tuple[str, str, tuple[str, int] | None]]:
    """Each file with what changes when it is rewritten (see :func:`._files.stamp`), as the question is asked.

    Dask names a task by its inputs and reuses a result (or an error) it
    still holds under that name; the stamp makes a file rewritten in place
    a new input, so it is read again rather than answered from memory.
    """
    return [(kind, path, stamp(path)) for kind, path in files]


@attrs.frozen
class _FileCounter:
    def __call__(self, item: tuple[str, str, Any]) -> Any:
        kind, path, _ = item
        return link_counts(path, kind=kind)


@attrs.frozen
class _FileReader:
    log: int

    def __call__(self, item: tuple[int, tuple[str, str, Any]]) -> Any:
        number, (kind, path, _) = item
        return read_file(path, kind=kind, log=self.log, number=number)


def read_feed(events: str | Path | Iterable[str | Path], *, sources: str | Path | Iterable[str | Path] = (), deletions: str | Path | Iterable[str | Path] = (),
              zone: str | None = None, covers: Sequence[Coverage | dict[str, Any]] = (), name: str | None = None) -> FeedSource:
    """A feed of event files (with their sources' and deletions' files), read lazily when a question is asked.

    Each argument takes a path, a glob pattern (``"feed/events-*.parquet"``)
    or a list of them; files are NDJSON (``.ndjson``, ``.jsonl``), CSV or
    Parquet, told by their suffix, each row one record in the event-file
    shape (see ``docs/how-to/scale.md``). ``zone`` reads plain dates, as an
    event file's top-level ``zone``; ``covers`` is its ``covers``.
    """
    listed = [("source", p) for p in _paths(sources, "sources")] + [("event", p) for p in _paths(events, "events")] + [("deletion", p) for p in _paths(deletions, "deletions")]
    checked = tuple(Coverage.model_validate(c, context={"zone": zone}) if isinstance(c, dict) else c for c in covers)
    first = next((p for k, p in listed if k == "event"), "feed")
    roots = tuple(dict.fromkeys(str(Path(p).resolve().parent) for _, p in listed if not is_url(p)))  # local copies of sources are looked for beside local files only
    return FeedSource(Feed(name or first, zone, checked, roots), tuple(listed))


def feed_of(log: EventLog, *, name: str | None = None, partitions: int = 1) -> FeedSource:
    """An event log already in memory as a feed (for tests, and for logs loaded with :func:`ceasefire.load_events`), cut into ``partitions`` chunks.

    Its name in messages and coverage causes is ``name``, else the file it was
    loaded from, else ``<events N>`` for the N-th feed, as in the Tracker.
    """
    from ..validation import origin_of

    records: list[tuple[str, str, dict[str, Any]]] = []
    for field, kind in (("sources", "source"), ("events", "event"), ("deletions", "deletion")):
        for i, item in enumerate(getattr(log, field)):
            records.append((kind, f"{name or origin_of(log, 'events').name} ({field}[{i}])", item.model_dump(mode="json", exclude_none=True, by_alias=True)))
    origin = origin_of(log, "")
    roots = tuple(str(r) for r in origin.roots)
    return FeedSource(Feed(name or origin.name, log.zone, tuple(log.covers), roots), records=tuple(records), chunks=partitions)


def _paths(value: str | Path | Iterable[str | Path], what: str) -> list[str]:
    items = [value] if isinstance(value, str | Path) else list(value)
    return [found for item in items for found in expand(str(item), f"read_feed({what}=...)")]


class DaskTracker:
    """The Tracker over feeds, run by Dask: the same answers, partition by partition.

    ``partitions`` fixes how many partitions the obligations are dealt to
    (by default one per :data:`ROWS_PER_PARTITION` records and at least two
    per worker thread of the active ``distributed`` client, so that no worker
    waits idle on the last partition; at most one per group). ``shuffle`` says how records are moved to their partitions (see
    :data:`SHUFFLES`; ``"auto"`` takes the peer-to-peer shuffle from
    :data:`P2P_FROM` records when a ``distributed`` client is active). Building
    counts the records each obligation has (one pass over the feeds) and lays
    out the work; nothing is answered until a question is asked.
    """

    def __init__(self, agreement: Agreement, *feeds: FeedSource, partitions: int | None = None, rows_per_partition: int = ROWS_PER_PARTITION, shuffle: str = "auto") -> None:
        if shuffle not in SHUFFLES:
            raise InvalidInputError(Problem("DaskTracker(shuffle=...)", repr(shuffle), "one of " + ", ".join(repr(m) for m in SHUFFLES) + ", e.g. shuffle='p2p'"))
        feeds = tuple(f if f.feed.name else attrs.evolve(f, feed=attrs.evolve(f.feed, name=f"<events {i}>")) for i, f in enumerate(feeds))
        names = [f.feed.name for f in feeds]
        if len(set(names)) != len(names):
            raise DuplicateIdError(Problem("DaskTracker(feeds)", f"the feed names {names}", "a different name for each feed, e.g. read_feed(..., name='acled')"))
        self.agreement = agreement
        self.feeds = tuple(f.feed for f in feeds)
        rows = dd.concat([f.rows(i) for i, f in enumerate(feeds)]) if feeds else dd.from_pandas(empty_rows(), npartitions=1)
        counted = dd.concat([f.counts() for f in feeds]).groupby("obligation")["count"].sum().compute() if feeds else {}
        total = int(counted.get("", 0)) if feeds else 0
        counts = {str(k): int(v) for k, v in counted.items() if k}
        wanted = partitions if partitions is not None else max(1, math.ceil(total / max(1, rows_per_partition)), 2 * _threads())
        if wanted < 1:
            raise InvalidInputError(Problem("DaskTracker(partitions=...)", repr(partitions), "a whole number of partitions, 1 or more"))
        self.shuffle = shuffle if shuffle != "auto" else ("p2p" if total >= P2P_FROM and _threads() else "tasks")
        self.plan: Plan = plan_for(agreement, counts, wanted)
        self.partitions = self.plan.parts
        routed = _route(rows, self.plan, self.shuffle)
        self._plan = dask.delayed(self.plan, pure=True)
        self._rows: list[Any] = list(routed.to_delayed())
        self._parts: list[Any] | None = None
        self._by_part = len(self._rows) == self.plan.parts

    def persist(self) -> DaskTracker:
        """Read and check every partition now and keep them (with their Trackers, once built) in the workers' memory for the next questions.

        Without it, each question builds each partition's Tracker inside the
        task that answers it, and lets it go when that task ends: a worker
        then holds one partition's Tracker per thread, however many partitions
        the feed has, at the cost of building them again for the next question.
        """
        self._parts = list(dask.persist(*[dask.delayed(build, pure=True)(rows, self._plan, self.feeds) for rows in self._rows]))
        return self

    def status_on(self, when: When, *, known_on: When | None = None) -> Any:
        """Every obligation's status at ``when`` as known on ``known_on``: a Dask DataFrame with the columns :data:`STATUS_COLUMNS`."""
        anchors = self._anchors(known_on)
        return dd.from_delayed(self._each(status_rows, range(len(self._rows)), anchors, when, known_on), meta=empty(STATUS_COLUMNS), verify_meta=False)

    def timeline(self, start: When, end: When, *, known_on: When | None = None) -> Any:
        """Every obligation's intervals from ``start`` to ``end``: a Dask DataFrame with the columns :data:`TIMELINE_COLUMNS`."""
        anchors = self._anchors(known_on)
        return dd.from_delayed(self._each(timeline_rows, range(len(self._rows)), anchors, start, end, known_on), meta=empty(TIMELINE_COLUMNS), verify_meta=False)

    def explain(self, obligation_ids: Sequence[str], when: When, *, known_on: When | None = None) -> dict[str, ObligationStatus]:
        """The full answers (reasons, evidence, sources) for ``obligation_ids``, computed where they live and brought to the client."""
        ids = list(dict.fromkeys(obligation_ids))
        unknown = [o for o in ids if o not in self.plan.part_of]
        if unknown:
            raise UnknownObligationError(Problem("obligation_ids", repr(unknown[0]), f"an obligation of {self.agreement.id}, e.g. {next(iter(self.plan.part_of), '-')}"))
        wanted = sorted({self.plan.part_of[o] for o in ids}) if self._by_part else range(len(self._rows))
        anchors = self._anchors(known_on)
        found: dict[str, ObligationStatus] = {}
        for answers in dask.compute(*self._each(explain, wanted, anchors, ids, when, known_on)):
            found.update(answers)
        return {o: found[o] for o in ids}

    def _each(self, answer: Any, parts: Iterable[int], *args: Any) -> list[Any]:
        """``answer(part, *args)`` for each of ``parts`` as delayed values: on the partitions kept by :meth:`persist`, else each built inside its own task."""
        if self._parts is not None:
            return [dask.delayed(answer)(self._parts[i], *args) for i in parts]
        return [dask.delayed(built_then)(answer, self._rows[i], self._plan, self.feeds, *args) for i in parts]

    def _anchors(self, known_on: When | None) -> Any:
        """The whole feed's implied coverage per log at ``known_on``, as a delayed value; None when every feed declares its coverage.

        Unless the partitions are persisted, this builds each partition once
        more (one task each) before the question's own tasks build it again.
        """
        if all(f.covers for f in self.feeds):
            return None
        spans = self._each(coverage_of, range(len(self._rows)), known_on)
        return dask.delayed(merge_coverage)(spans, len(self.feeds))


def _threads() -> int:
    """How many worker threads the active ``distributed`` client's cluster has now; 0 without a client (the peer-to-peer shuffle needs one)."""
    try:
        from distributed import default_client

        return int(sum(default_client().nthreads().values()))
    except (ImportError, ValueError):
        return 0


def _route(rows: Any, plan: Plan, shuffle: str) -> Any:
    """``rows`` with each record copied to every partition it must reach, laid out one partition per part, moved by the ``shuffle`` method."""
    import pandas as pd

    events = rows[rows["type"] == "event"]
    routes = events.map_partitions(_routes_of, plan, meta={"id": "string[pyarrow]", "part": "int64"}).drop_duplicates(shuffle_method=shuffle)
    keyed = rows[rows["type"].isin(["event", "deletion"])].merge(routes, on="id", how="left", shuffle_method=shuffle)
    cited = events.map_partitions(_cited, meta={"source": "string[pyarrow]", "event": "string[pyarrow]"})
    source_routes = cited.merge(routes, left_on="event", right_on="id", shuffle_method=shuffle)[["source", "part"]].drop_duplicates(shuffle_method=shuffle)
    sourced = rows[rows["type"] == "source"].merge(source_routes, left_on="id", right_on="source", how="left", shuffle_method=shuffle).drop(columns=["source"])
    marks = pd.DataFrame({name: pd.Series([0 if dtype in ("int64",) else (False if dtype == "bool" else "")] * plan.parts, dtype=dtype) for name, dtype in COLUMNS.items()})
    marks["type"] = "part"
    marks["part"] = pd.Series(range(plan.parts), dtype="int64")
    together = dd.concat([keyed, sourced, dd.from_pandas(marks, npartitions=1)]).map_partitions(_filled, plan, meta={**COLUMNS, "part": "int64"})
    return together.set_index("part", divisions=list(range(plan.parts + 1)), drop=False, shuffle_method=shuffle)


def _routes_of(frame: Any, plan: Plan) -> Any:
    """``(id, part)`` for every partition an event record must reach: its obligations', all for an ending, else a hashed one."""
    import pandas as pd

    ids: list[str] = []
    parts: list[int] = []
    everywhere = list(range(plan.parts))
    for ident, links, ends, where in zip(frame["id"], frame["links"], frame["ends"], frame["where"]):
        found: set[int] = set()
        for oid in filter(None, links.split("\n")):
            part = plan.part_of.get(oid)
            if part is None:
                raise UnknownObligationError(Problem(f"{where} (links)", f"obligation id {oid!r} in event {ident}", f"an obligation of {plan.agreement.id}, e.g. {next(iter(plan.part_of), '-')}"))
            found.add(part)
        targets = everywhere if ends else (sorted(found) or [plan.fallback(ident)])
        ids += [ident] * len(targets)
        parts += targets
    return pd.DataFrame({"id": pd.Series(ids, dtype="string[pyarrow]"), "part": pd.Series(parts, dtype="int64")})


def _cited(frame: Any) -> Any:
    """``(source id, event id)`` for every citation of every event record."""
    import pandas as pd

    pairs = [(s, ident) for ident, cites in zip(frame["id"], frame["cites"]) for s in filter(None, cites.split("\n"))]
    return pd.DataFrame({"source": pd.Series([p[0] for p in pairs], dtype="string[pyarrow]"), "event": pd.Series([p[1] for p in pairs], dtype="string[pyarrow]")})


def _filled(frame: Any, plan: Plan) -> Any:
    """Rows routed to no partition (an unlinked event's deletion, a source nobody cites) go to a hashed one, so they are still read and checked."""
    missing = frame["part"].isna()
    if missing.any():
        frame = frame.copy()
        frame.loc[missing, "part"] = [plan.fallback(i) for i in frame.loc[missing, "id"]]
    return frame.astype({"part": "int64"})
