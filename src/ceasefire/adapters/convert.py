"""What every adapter shares: the result of a conversion, and building the event log from it."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence

import attrs

from ..validation import Origin, raise_problems
from .._progress import logger
from ..errors import CeasefireError, InvalidInputError, Problem
from ..model import Coverage, Deletion, Event, EventLog, Source
from ..time import When, Window, utc, window


@attrs.frozen
class Conversion:
    """A dataset export read into events: the log, the rows that could not be read, and those no rule linked.

    ``problems`` lists every row that could not become an event, with its
    file and line; :meth:`raise_problems` raises them all at once. ``unlinked``
    holds the ids of events that no mapping rule linked to an obligation;
    they are in the log all the same.
    """

    log: EventLog
    problems: tuple[Problem, ...] = ()
    unlinked: tuple[str, ...] = ()
    rows: int = 0
    notes: tuple[str, ...] = ()
    """What the conversion detected and wants you to know: how each file was read, its column set, rules that cannot apply."""

    def raise_problems(self) -> EventLog:
        """The log, or :class:`~ceasefire.InvalidInputError` listing every row that could not be read."""
        raise_problems((InvalidInputError, p) for p in self.problems)
        return self.log

    def summary(self) -> str:
        """One line: rows read, events made, unlinked events, rows refused, deletions."""
        log = self.log
        return (
            f"{self.rows} rows read: {len(log.events)} events ({len(log.events) - len(self.unlinked)} linked by rules, "
            f"{len(self.unlinked)} unlinked), {len(self.problems)} rows refused, {len(log.deletions)} deletions"
        )


def build_log(
    name: str,
    zone: str,
    items: Sequence[tuple[int, Event, Source]],
    deletions: Sequence[Deletion],
    problems: Sequence[Problem],
    rows: int,
    *,
    notes: Sequence[str] = (),
    by_line: bool = True,
    watches: Sequence[str] | None = None,
    watched: Window | None = None,
) -> Conversion:
    """An event log named after its file, whose events point back to their rows' lines (when read from one file).

    The log declares what it covers: the span ``watched`` the caller declared,
    else the span of the events' dates; and only the obligations in
    ``watches`` (those its rules can link other than as context), since a
    dataset says nothing of what its rules never look for.
    """
    lines = [line for line, _, _ in items]
    events = [e for _, e, _ in items]
    covers = coverage(name, [e.occurred for e in events], watches, watched)
    log = EventLog(zone=zone, covers=covers, sources=_unique_sources([s for _, _, s in items]), events=events, deletions=list(deletions))

    def line_of(path: tuple[str | int, ...]) -> int | None:
        if by_line and len(path) >= 2 and path[0] == "events" and isinstance(path[1], int) and path[1] < len(lines):
            return lines[path[1]]
        return None

    log._origin = Origin(name, line_of)  # type: ignore[attr-defined]
    unlinked = tuple(e.id for _, e, _ in items if not e.links)
    done = Conversion(log=log, problems=tuple(problems), unlinked=unlinked, rows=rows, notes=tuple(notes))
    _log_conversion(name, done)
    return done


def coverage(name: str, occurred: Sequence[Window], watches: Sequence[str] | None, watched: Window | None = None) -> list[Coverage]:
    """What a converted dataset declares it watches, for ``watches`` (all when None).

    The span is ``watched`` when the caller declared one (an export of a
    date range watches the whole range, though its first and last rows fall
    inside it), else from the earliest event date to the latest; nothing
    for an export without events and without a declared span.
    """
    if watched is not None:
        return [
            Coverage.model_validate(
                {
                    "from": watched.earliest,
                    "to": watched.latest,
                    "obligations": sorted(set(watches)) if watches is not None else None,
                    "note": f"{name}: watched from {watched.earliest.isoformat()} to {watched.latest.isoformat()}, as the caller declared ('watched'), for the obligations its rules can link",
                }
            )
        ]
    if not occurred:
        return []
    return [
        Coverage.model_validate(
            {
                "from": min((w.earliest for w in occurred), key=utc),
                "to": max((w.latest for w in occurred), key=utc),
                "obligations": sorted(set(watches)) if watches is not None else None,
                "note": f"{name}: from its earliest to its latest event date, for the obligations its rules can link",
            }
        )
    ]


Watched = tuple[When, When] | list[When] | Mapping[str, When] | When
"""What ``watched=`` takes: a pair ``(start, end)``, a mapping with ``earliest`` and ``latest``, or one day."""


def watched_span(value: Watched | None, zone: str) -> Window | None:
    """The span a caller declares an export watches (``watched=``), read in the zone the export's dates are read in; None when not given.

    Accepted: a pair ``(start, end)`` or a mapping with ``earliest`` and
    ``latest``, each a date (its whole day), an aware datetime or an ISO
    string; or one date (that day alone). A naive instant, an end before
    the start or anything else is refused, naming ``watched``.
    """
    if value is None:
        return None
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise InvalidInputError(Problem("watched", f"{len(value)} values", "two, where the export's watch starts and where it ends, e.g. ('2020-11-10', '2024-12-31')"))
        value = {"earliest": value[0], "latest": value[1]}
    return window(value, zone, where="watched")


def _log_conversion(name: str, done: Conversion) -> None:
    """Tell the ``ceasefire`` logger what a conversion did: its summary, each rule applied, each row refused, each note."""
    logger.info("converted %s: %s", name, done.summary())
    applied = Counter(link.rule for event in done.log.events for link in event.links if link.made_by == "rule")
    for rule, count in sorted(applied.items(), key=lambda item: str(item[0])):
        logger.info("rule %s linked %d event(s)", rule, count)
    for problem in done.problems:
        logger.info("refused %s: received %s; expected %s", problem.where, problem.received, problem.expected)
    for note in done.notes:
        logger.debug("note: %s", note)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a conversion builds its events, and restore it after, even on error.

    A conversion makes a dozen objects for every row and keeps most of them;
    the collector, triggered by the allocations, would walk every event made
    so far again and again (a fifth of the time of a conversion of 20,000
    rows, more as the log grows). What a conversion throws away holds no
    reference cycles, so reference counting frees it at once and pausing the
    collector leaves nothing behind. A collector the caller had disabled stays
    disabled.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def watched_by(rules: object) -> list[str]:
    """The obligations a rule set can link other than as context: what a converted dataset watches for."""
    found = getattr(rules, "rules", ())
    return [r.link.obligation for r in found if r.link.role != "context"]


def _unique_sources(sources: list[Source]) -> list[Source]:
    seen: dict[str, Source] = {}
    for source in sources:
        seen.setdefault(source.id, source)
    return list(seen.values())


def read_deletions(rows: Sequence[object], dataset: str) -> tuple[list[Deletion], list[Problem]]:
    """Deletions from ``event_id_cnty, deleted_timestamp`` rows, and the rows that could not be read."""
    from ..bounds import identifier
    from ..time import from_unix
    from .rows import Row

    out, problems = [], []
    for row in rows:
        assert isinstance(row, Row)
        if row.error is not None:
            problems.append(row.error)
            continue
        event_id = row.get("event_id_cnty")
        if not event_id:
            problems.append(row.problem("event_id_cnty", "an empty id", "the id of the deleted record"))
            continue
        try:
            identifier(event_id, where=f"{row.where} (column event_id_cnty)")
            when: dt.datetime = from_unix(row.get("deleted_timestamp"), where=f"{row.where} (column deleted_timestamp)")
        except CeasefireError as exc:
            problems.extend(exc.problems)
            continue
        out.append(Deletion(event=event_id, deleted=when, source=f"{dataset} deletions: {row.where}"))
    return out, problems
