"""Revised data: every version and deletion of an event, and which one was current when.

Datasets such as ACLED correct and withdraw records after publishing them. An
event may therefore arrive several times under one id, each time with its own
``version`` (when that version was published), and a :class:`~ceasefire.model.Deletion`
may withdraw it. Nothing is overwritten:

* the *history* of an event is every version and deletion, oldest first; an
  event without ``version`` stands in its history at its ``reported`` time;
* at a knowledge cut-off ``k``, the current version is the last entry of the
  history at or before ``k``; if that entry is a deletion, the event does not
  count. Without a cut-off, the last entry of the whole history decides;
* a deletion and a version at the same instant: the deletion comes second;
* the same version of a record may come in several files (overlapping
  exports); the copies are kept in the history and count once.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

import attrs
import pendulum

from ..errors import DuplicateIdError, Problem
from ..model import Deletion, Event, EventLog
from ..time import Window, micros, utc
from ..validation import Found, origin_of


@attrs.frozen
class Revision:
    """One entry in an event's history: a version of it, or its deletion."""

    event_id: str
    at: dt.datetime
    kind: Literal["version", "deletion"]
    origin: str
    event: Event | None = None
    deletion: Deletion | None = None

    def __str__(self) -> str:
        return self.words()

    def words(self, when: Callable[[dt.datetime], str] = dt.datetime.isoformat) -> str:
        """The entry in one line, its instant written by ``when`` (ISO 8601 by default; the command line reads it in the agreement's zones)."""
        return f"{when(self.at)}: {self.kind} of {self.event_id} ({self.origin})"


@attrs.frozen
class DataSource:
    """One input a tracker stands on: a file or dataset, how much it gave, and how recent it is."""

    name: str
    dataset: str | None
    events: int
    versions: int
    deletions: int
    newest: dt.datetime | None

    def __str__(self) -> str:
        return self.words()

    def words(self, when: Callable[[dt.datetime], str] = dt.datetime.isoformat) -> str:
        """The input in one line, the stamp of its newest record written by ``when`` (ISO 8601 by default; the command line reads it in the agreement's zones)."""
        newest = when(self.newest) if self.newest else "undated"
        label = f"{self.dataset}: " if self.dataset else ""
        return f"{label}{self.name}: {self.events} events ({self.versions} records, {self.deletions} deletions), newest record {newest}"


Reported = Callable[[Event], Window]


def version_time(event: Event, reported: Window) -> dt.datetime:
    """The instant a version takes its place in the history: its ``version``, else when it was reported."""
    return event.version if event.version is not None else reported.latest


def histories(logs: Sequence[EventLog], reported: Reported, *, only: set[str] | None = None) -> dict[str, tuple[Revision, ...]]:
    """Every event id's versions and deletions, each list oldest first.

    The first version of an event counts from its own first report when that
    is earlier than its ``version`` stamp: a dataset's stamp may be the time
    of a later edit, and a correction published afterwards must not push
    what was already known out of the past.
    """
    return _histories(logs, reported, only)


def record_counts(logs: Sequence[EventLog]) -> Counter[str]:
    """How many records each event id has across ``logs``, deletions not counted."""
    return Counter(event.id for log in logs for event in log.events)


def revised_histories(
    logs: Sequence[EventLog],
    reported: Reported,
    counts: Counter[str] | None = None,
    records: Sequence[tuple[int, Event, Window]] | None = None,
    revised: set[str] | None = None,
) -> dict[str, tuple[Revision, ...]]:
    """:func:`histories` of the events that were revised (several records, or a deletion) only: most events of a feed never are.

    When the caller has them: ``counts`` are :func:`record_counts` of ``logs``;
    ``records`` the records of the revised events, each with its log's
    position and its first report, in the order loaded; ``revised`` the ids
    of the revised events (given more than once, or deleted).
    """
    if revised is None:
        tally = record_counts(logs) if counts is None else counts
        revised = {key for key, count in tally.items() if count > 1}
        revised.update(gone.event for log in logs for gone in log.deletions)
    return _histories(logs, reported, revised, records)


def _histories(logs: Sequence[EventLog], reported: Reported, only: set[str] | None, records: Sequence[tuple[int, Event, Window]] | None = None) -> dict[str, tuple[Revision, ...]]:
    found: dict[str, list[Revision]] = defaultdict(list)
    names = [origin_of(log, f"<events {i}>").name for i, log in enumerate(logs)]
    if records is None:
        records = [(i, event, reported(event)) for i, log in enumerate(logs) for event in log.events if only is None or event.id in only]
    first_reports: dict[int, Window] = {}
    for i, event, report in records:
        version = event.version
        found[event.id].append(Revision(event.id, version if version is not None else report.latest, "version", names[i], event=event))
        first_reports[id(event)] = report
    for i, log in enumerate(logs):
        name = names[i]
        for gone in log.deletions:
            if only is None or gone.event in only:
                found[gone.event].append(Revision(gone.event, gone.deleted, "deletion", name, deletion=gone))
    out = {}
    for key, items in found.items():
        items.sort(key=_order)
        for first, item in enumerate(items):  # the first version, if any
            if item.kind == "version":
                earliest = item.event
                if earliest is not None:
                    report = first_reports[id(earliest)]
                    known = report.latest
                    # instants in two zone objects compare as UTC instants, which their keys are (the report's kept since the walk): no zone is
                    # asked for its offset again; in one zone object they compare by local time, so they are compared as they stand
                    if known < item.at if known.tzinfo is item.at.tzinfo else report.keys()[1] < micros(item.at):
                        items[first] = attrs.evolve(item, at=known)
                        items.sort(key=_order)
                break
        out[key] = tuple(items)
    return out


def _order(item: Revision) -> tuple[dt.datetime, int]:
    return (item.at, 0 if item.kind == "version" else 1)


def current(history: Iterable[Revision], cutoff: dt.datetime | None) -> Event | None:
    """The version current at ``cutoff`` (the newest if None), or None if deleted or not yet published."""
    chosen: Revision | None = None
    for item in history:
        if cutoff is not None and item.at > cutoff:
            break
        chosen = item
    return chosen.event if chosen is not None else None


class Versions:
    """The revised events' histories as sorted keys, so that which version is current at a cut-off is one bisection per history.

    Built once with the tracker. A key (:func:`~ceasefire.time.micros`)
    orders instants by when they happened; two instants in one zone object
    compare by their local time instead, which differs only where a local
    time is repeated or skipped (a clock put back or forward). A history
    holding such an instant, or a cut-off that is one, is read with
    :func:`current` itself, so the answer is always what :func:`current` gives.
    """

    __slots__ = ("keys", "ids", "odd", "_latest")

    def __init__(self, histories: dict[str, tuple[Revision, ...]]) -> None:
        self.keys: list[list[int]] = []
        self.ids: list[list[int]] = []
        self.odd: list[tuple[Revision, ...]] = []
        """The histories holding a local time that is repeated or skipped in its zone."""
        plain: dict[tuple[int, tuple[int, ...]], bool] = {}
        for history in histories.values():
            if all(_plain_time(item.at, plain) for item in history):
                self.keys.append([micros(item.at) for item in history])
                self.ids.append([id(item.event) for item in history])
            else:
                self.odd.append(history)
        self._latest: set[int] | None = None
        """What :meth:`current_ids` gives with no cut-off, kept on first use: it never changes."""

    def current_ids(self, cutoff: dt.datetime | None) -> set[int] | None:
        """The ``id`` of what :func:`current` gives at ``cutoff`` for each history (``id(None)`` for one deleted or not yet published); None when only :func:`current` can say.

        With no cut-off the set is made once and shared: callers read it, never change it.
        """
        if cutoff is None:
            if self._latest is None:
                found = {ids[-1] for ids in self.ids}
                found.update(id(current(history, None)) for history in self.odd)
                self._latest = found
            return self._latest
        elif not _plain_time(cutoff, {}):
            return None
        else:
            moment, none, right = micros(cutoff), id(None), bisect.bisect_right
            found = set()
            for keys, ids in zip(self.keys, self.ids):
                n = right(keys, moment)
                found.add(ids[n - 1] if n else none)
        found.update(id(current(history, cutoff)) for history in self.odd)
        return found


def _plain_time(value: dt.datetime, seen: dict[tuple[int, tuple[int, ...]], bool]) -> bool:
    """True when ``value``'s local time occurs exactly once in its zone: always so for a fixed offset; else the zone's offset must not depend on ``fold``.

    ``seen`` remembers the local times already asked about, by zone: the
    first reports of many events fall at the same end of a day.
    """
    zone = value.tzinfo
    if zone is pendulum.UTC or isinstance(zone, (dt.timezone, pendulum.FixedTimezone)):
        return True
    wall = (value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond)
    key = (id(zone), wall)
    found = seen.get(key)
    if found is None:
        local = dt.datetime(*wall)
        found = seen[key] = zone is not None and zone.utcoffset(local) == zone.utcoffset(local.replace(fold=1))
    return found


def duplicate_versions(
    logs: Sequence[EventLog],
    counts: Counter[str] | None = None,
    repeats: Sequence[Sequence[int] | None] | None = None,
    repeated: set[str] | None = None,
    versions: Sequence[Sequence[tuple[str, dt.datetime | None]] | None] | None = None,
) -> list[Found]:
    """Records that clash: one id and one version in two files, or an id given with and without a version.

    When the caller has them: ``counts`` are :func:`record_counts` of ``logs``;
    ``repeats``, for each log, the positions of every event whose id may be
    given more than once (see :attr:`~ceasefire.validation.LogFacts.repeats`),
    so that the others need not be read; ``repeated`` the ids given more than once;
    ``versions``, for each log, the id and ``version`` of each of those events
    (:attr:`~ceasefire.validation.LogFacts.versions`), so that none is read again.
    """
    seen: dict[tuple[str, dt.datetime | None], tuple[int, str, Event]] = {}
    if repeated is None:
        records = record_counts(logs) if counts is None else counts
        repeated = {key for key, count in records.items() if count > 1}
    kinds: dict[str, set[bool]] = defaultdict(set)
    if repeated:  # an id given once cannot clash with itself
        for l_i, log in enumerate(logs):
            pairs = versions[l_i] if versions is not None else None
            if pairs is not None:
                for event_id, stamp in pairs:
                    if event_id in repeated:
                        kinds[event_id].add(stamp is None)
                continue
            events = log.events
            positions = repeats[l_i] if repeats is not None else None
            for n in range(len(events)) if positions is None else positions:
                event = events[n]
                if event.id in repeated:
                    kinds[event.id].add(event.version is None)
    found: list[Found] = []
    if len(logs) < 2 and not any(len(both) == 2 for both in kinds.values()):
        return found  # one file, and no id given both with and without a version: nothing below can be found
    for i, log in enumerate(logs):
        origin = origin_of(log, f"<events {i}>")
        for e_i, event in enumerate(log.events):
            if len(logs) > 1:  # within one file, a repeated id and version is the file check's to report
                key = (event.id, event.version)
                earlier = seen.get(key)
                # logs are told apart by their place, not their names: two logs parsed from data are both '<events>'
                if earlier is not None and earlier[0] != i and not _same_record(earlier[2], event):
                    where = origin.where(("events", e_i, "id"))
                    what = f"the event id {event.id!r}" + (f" with version {event.version.isoformat()}" if event.version else "")
                    other = earlier[1] if earlier[1] != origin.name else f"log {earlier[0] + 1} of {len(logs)} (also named {origin.name})"
                    found.append((DuplicateIdError, Problem(where, f"{what}, also in {other} with other content", "each event id once across all files, or distinct versions of it")))
                if earlier is None:
                    seen[key] = (i, origin.name, event)
            if event.version is None and kinds.get(event.id) == {True, False}:
                found.append((DuplicateIdError, Problem(origin.where(("events", e_i, "id")), f"the event id {event.id!r} given both with and without 'version'", "a 'version' on every record of a revised event")))
    return found


def _same_record(one: Event, other: Event) -> bool:
    """Two copies of one version, e.g. from overlapping exports: equal apart from the row they were read from."""
    return one.version is not None and one.model_copy(update={"record": None}) == other.model_copy(update={"record": None})


def data_sources(logs: Sequence[EventLog], reported: Reported, cutoff: dt.datetime | None = None) -> tuple[DataSource, ...]:
    """What each log gave: distinct events, records, deletions and its newest timestamp.

    With ``cutoff``, only records published (and deletions made) by then count;
    a record counts from the earlier of its version stamp and its first report.
    """
    return tuple(Published.of(log, origin_of(log, f"<events {i}>").name, reported).at(cutoff) for i, log in enumerate(logs))


_MANY = "\x00several"
"""Stands for "records from more than one dataset" in :attr:`Published.datasets`."""


@attrs.frozen
class Published:
    """One log's records and deletions in the order they were published, with running counts, so that any cut-off is one bisection."""

    name: str
    record_keys: tuple[int, ...]
    """When each record was published (:func:`~ceasefire.time.micros`), sorted."""
    distinct: tuple[int, ...]
    """How many distinct event ids the records up to each position hold."""
    newest_record: tuple[dt.datetime, ...]
    """The latest version time among the records up to each position."""
    datasets: tuple[str | None, ...]
    """The one dataset the records up to each position come from; None for none, :data:`_MANY` for several."""
    deletion_keys: tuple[int, ...]
    """When each deletion was made (:func:`~ceasefire.time.micros`), sorted."""
    deletions: tuple[dt.datetime, ...]
    """The same instants as given, in the same order."""

    @classmethod
    def of(cls, log: EventLog, name: str, reported: Reported, firsts: Sequence[Window | None] | None = None) -> Published:
        """The log's records in publication order; ``firsts``, when the caller has them, are its events' first reports in the order loaded."""
        rows = []
        stamps: dict[int, int] = {}  # first reports shared by events citing the same sources are converted once
        found = map(reported, log.events) if firsts is None else firsts
        for event, report in zip(log.events, found):
            assert report is not None, f"{event.id} has no first report"
            first = report.latest
            stamp = stamps.get(id(first))
            if stamp is None:
                stamp = stamps[id(first)] = micros(first)
            version = stamp if event.version is None else micros(event.version)
            # a record counts from the earlier of its version stamp and its first report
            rows.append((min(stamp, version), version, event.version if event.version is not None else first, event))
        rows.sort(key=lambda row: row[0])
        seen: set[str] = set()
        distinct: list[int] = []
        newest: list[dt.datetime] = []
        datasets: list[str | None] = []
        dataset: str | None = None
        latest = None
        for _, key, time, event in rows:
            seen.add(event.id)
            distinct.append(len(seen))
            if latest is None or key > latest:
                latest = key
                newest.append(time)
            else:
                newest.append(newest[-1])
            if event.record is not None and dataset != _MANY:
                dataset = event.record.dataset if dataset in (None, event.record.dataset) else _MANY
            datasets.append(dataset)
        gone = sorted(((micros(d.deleted), d.deleted) for d in log.deletions), key=lambda pair: pair[0])
        return cls(name, tuple(r[0] for r in rows), tuple(distinct), tuple(newest), tuple(datasets), tuple(g[0] for g in gone), tuple(g[1] for g in gone))

    def at(self, cutoff: dt.datetime | None) -> DataSource:
        """What the log gave as could be known at ``cutoff`` (everything if None)."""
        count = len(self.record_keys) if cutoff is None else bisect.bisect_right(self.record_keys, micros(cutoff))
        gone = len(self.deletion_keys) if cutoff is None else bisect.bisect_right(self.deletion_keys, micros(cutoff))
        times = ([self.newest_record[count - 1]] if count else []) + ([self.deletions[gone - 1]] if gone else [])
        dataset = self.datasets[count - 1] if count else None
        return DataSource(
            name=self.name,
            dataset=None if dataset == _MANY else dataset,
            events=self.distinct[count - 1] if count else 0,
            versions=count,
            deletions=gone,
            newest=max(times, key=utc) if times else None,
        )


class Totals:
    """What one log gave with no cut-off, gathered record by record as the tracker walks them: the same figures as ``Published.of(...).at(None)``, without sorting.

    The tracker's walk (``engine/tracker.py``, ``_walk``) fills it: the newest
    record's key and time (its ``version``, else the end of its first report)
    and the one dataset its records come from (:data:`_MANY` for several).
    """

    __slots__ = ("dataset", "newest", "newest_key")

    def __init__(self) -> None:
        self.newest_key: int | None = None
        self.newest: dt.datetime | None = None
        self.dataset: str | None = None

    def result(self, log: EventLog, name: str, events: int) -> DataSource:
        """The figures of ``log`` (named ``name``), which holds ``events`` distinct event ids."""
        gone = max((d.deleted for d in log.deletions), key=utc, default=None)
        times = [t for t in (self.newest, gone) if t is not None]
        return DataSource(
            name=name,
            dataset=None if self.dataset == _MANY else self.dataset,
            events=events,
            versions=len(log.events),
            deletions=len(log.deletions),
            newest=max(times, key=utc) if times else None,
        )
