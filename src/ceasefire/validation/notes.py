"""A warning of ``ceasefire validate``: a note that names a year or a day later than its record was first known.

Under a knowledge cut-off an event record is shown, with every note on it,
from the moment it is first known until a later version replaces it. A note
written afterwards with hindsight ("the centre closed in 2024") would then
be shown in every answer "as known in 2021", telling of what nobody knew
yet. The notes looked at are every ``note`` field an event record holds:

- the event's own ``note``;
- ``links[i].note``, on each link to an obligation;
- ``sources[i].note``, on each citation;
- ``disputed_by[i].note``, on each party's rejection of the event;
- ``discrepancies[i].note``, and ``discrepancies[i].claims[k].citation.note``
  on the citation of each claim;
- ``ends_agreement.note``, on the record that the agreement ended.

A note is flagged when it names a year (1900 to 2100, a whole four-digit
word) after the year of that moment, or a day written ``YYYY-MM-DD`` after
that moment's day. The moment is the one the engine uses, not a rule
written again here: each record's first report as the tracker reads it
(its ``reported``, else its sources' publication), and the time its version
takes in the event's history (:func:`ceasefire.engine.revisions.histories`:
its ``version`` stamp, the first version no later than its first report).
A record is shown once both have passed, as the engine's cut-off asks that
it be reported by then and be the version current then.

A row read from a dataset (an event with a ``record``) is left alone: its
notes are the dataset's own fields as the converter kept them (a UCDP row's
source dates, an ACLED row's notes), not a curator's, and the user cannot
rewrite them.

A later date is not always a slip: a note may name a deadline the agreement
set, or one the event itself announced. So this is a warning, never an
error, and its message asks the reader to check the note.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from ..errors import CeasefireError, Problem
from ..model import Event, EventLog, Source
from ..time import Window, utc
from .problems import Origin, dotted_path, origin_of
from .references import _version_key

if TYPE_CHECKING:
    from ..engine import Tracker
    from .files import Context, FileResult

Path = tuple[str | int, ...]

_DAY = re.compile(r"(?<![0-9A-Za-z])(\d{4})-(\d{2})-(\d{2})(?!\d)")
"""A day written ``YYYY-MM-DD`` (also at the start of an instant, ``2024-06-12T10:00``)."""

_YEAR = re.compile(r"\b\d{4}\b")
"""A four-digit word; only 1900 to 2100 are taken for years."""

_FIRST_YEAR, _LAST_YEAR = 1900, 2100


def event_notes(event: Event) -> Iterator[tuple[Path, str]]:
    """Every note given on ``event`` (see the module's list), with its path inside the event, in the order of the model's fields."""
    if event.note:
        yield ("note",), event.note
    for field in ("links", "sources", "disputed_by"):  # lists of records that each may carry a note
        for i, item in enumerate(getattr(event, field)):
            if item.note:
                yield (field, i, "note"), item.note
    for i, gap in enumerate(event.discrepancies):
        if gap.note:
            yield ("discrepancies", i, "note"), gap.note
        for k, claim in enumerate(gap.claims):
            if claim.citation.note:
                yield ("discrepancies", i, "claims", k, "citation", "note"), claim.citation.note
    if event.ends_agreement is not None and event.ends_agreement.note:
        yield ("ends_agreement", "note"), event.ends_agreement.note


def mentions(text: str) -> list[tuple[str, dt.date | int]]:
    """The days (``YYYY-MM-DD``) and years (1900 to 2100, whole four-digit words) that ``text`` names, in order, each as written and as read.

    A year inside a day is part of that day, not a year of its own; a
    ``YYYY-MM-DD`` that is no real day (``2024-02-30``) is left to be read
    for its year.
    """
    found: list[tuple[int, str, dt.date | int]] = []
    taken: list[tuple[int, int]] = []
    for match in _DAY.finditer(text):
        year, month, day = (int(part) for part in match.groups())
        if not _FIRST_YEAR <= year <= _LAST_YEAR:
            continue
        try:
            when = dt.date(year, month, day)
        except ValueError:
            continue
        found.append((match.start(), match.group(), when))
        taken.append(match.span())
    for match in _YEAR.finditer(text):
        year = int(match.group())
        if _FIRST_YEAR <= year <= _LAST_YEAR and not any(start <= match.start() < end for start, end in taken):
            found.append((match.start(), match.group(), year))
    found.sort(key=lambda item: item[0])
    return [(written, value) for _, written, value in found]


def later_mentions(text: str, known: dt.datetime) -> list[str]:
    """The days and years ``text`` names that come after the day (or, for a year, the year) of ``known``, each once, as written."""
    day = known.date()
    later = [written for written, value in mentions(text) if (value > day if isinstance(value, dt.date) else value > day.year)]
    return list(dict.fromkeys(later))


@attrs.frozen
class FirstKnown:
    """When a record is first shown under a knowledge cut-off, and what sets that moment."""

    at: dt.datetime
    by: str
    """What sets it: 'its first report', 'its version stamp', or for a note that hangs on a source, that source's publication."""


def first_known(logs: Sequence[EventLog], reported: Callable[[Event], Window], ids: set[str]) -> dict[int, FirstKnown]:
    """For each record (by its ``id()``) of the events ``ids`` in ``logs``, when it is first shown under a knowledge cut-off.

    ``reported`` is a tracker's lookup of each record's first report; the
    record's place in its event's history is what
    :func:`~ceasefire.engine.revisions.histories` gives it. The record is
    shown from the later of the two.
    """
    from ..engine.revisions import histories

    out: dict[int, FirstKnown] = {}
    for history in histories(logs, reported, only=ids).values():
        for item in history:
            if item.event is None:
                continue
            report = reported(item.event).latest
            out[id(item.event)] = FirstKnown(item.at, "its version stamp") if utc(item.at) > utc(report) else FirstKnown(report, "its first report")
    return out


def shown_from(event: Event, path: Path, record: FirstKnown, sources: Mapping[str, Source]) -> FirstKnown:
    """When the note at ``path`` of ``event`` is first shown under a knowledge cut-off: with its record (``record``), or later when it hangs on a source.

    A citation, and its note, is shown once its source is published; a
    discrepancy, and its note, once two of its claims' sources are, since a
    fact with one known claim is not yet in dispute. A source with no
    publication date is taken to be out with its record.
    """

    def out(source_id: str) -> dt.datetime | None:
        found = sources.get(source_id)
        return None if found is None or found.published is None else found.published.latest

    def later(moment: dt.datetime | None, why: str, than: FirstKnown) -> FirstKnown:
        return FirstKnown(moment, why) if moment is not None and utc(moment) > utc(than.at) else than

    if path[0] == "sources":
        return later(out(event.sources[int(path[1])].source), "its source's publication", record)
    if path[0] == "discrepancies":
        claims = event.discrepancies[int(path[1])].claims
        dates = sorted((out(c.citation.source) for c in claims), key=lambda d: (d is not None, utc(d) if d is not None else d))
        disputed = later(dates[1] if len(dates) > 1 else None, "the publication of its second claim", record)
        if path[2] == "claims":  # a claim's citation: shown with the dispute, and once its own source is out
            return later(out(claims[int(path[3])].citation.source), "its source's publication", disputed)
        return disputed
    return record


def notes_told_later(log: EventLog, origin: Origin, known: dict[int, FirstKnown], sources: Mapping[str, Source]) -> Iterator[Problem]:
    """A warning for each note on a record of ``log`` that names a year or day after the note is first shown (:func:`shown_from`; the record's moment from ``known``, :func:`first_known`)."""
    for e_i, event in enumerate(log.events):
        record = known.get(id(event))
        if record is None or event.record is not None:  # a dataset row's notes are the dataset's own words, kept as given
            continue
        for path, text in event_notes(event):
            if not mentions(text):
                continue
            moment = shown_from(event, path, record, sources)
            later = later_mentions(text, moment.at)
            if not later:
                continue
            named = later[0] if len(later) == 1 else ", ".join(later[:-1]) + " and " + later[-1]
            yield Problem(
                origin.where(("events", e_i, *path)),
                f"a note of event {_version_key(event)} ({dotted_path(path)}) that names {named}, after the note is first shown "
                f"({moment.at.date().isoformat()}, by {moment.by})",
                "a note that tells nothing later than that, since it is shown under every cut-off from then on: check it (what was "
                "learnt later belongs in a later version of the record, with its own 'version'; a date already known then, such as a "
                "deadline the agreement or the event set, is fine)",
            )


def add_note_warnings(results: Sequence[FileResult], context: Context) -> list[FileResult]:
    """``results`` with a warning added to each clean event file for every note that tells of later events (:func:`notes_told_later`).

    The clean event files are the logs ``validate`` kept in ``context``. They
    are read by one tracker of them all (so that an event's versions in two
    files make one history), else, when that cannot be built (an event id
    used in two files, say), by one tracker each; a log that no tracker can
    be built for gets no such warning.
    """
    noted = {event.id for log in context.logs for event in log.events if any(mentions(text) for _, text in event_notes(event))}
    if not noted:
        return list(results)
    found: dict[str, dict[Problem, None]] = {}
    for tracker in _trackers(context):
        known = first_known(tracker.logs, tracker.first_report, noted)
        for log in tracker.logs:
            origin = origin_of(log, "<events>")
            found.setdefault(origin.name, {}).update(dict.fromkeys(notes_told_later(log, origin, known, tracker.index.sources)))
    out = []
    for result in results:
        more = tuple(found.get(result.path, ())) if result.ok and result.kind == "events" else ()
        out.append(attrs.evolve(result, warnings=(*result.warnings, *more)) if more else result)
    return out


def _trackers(context: Context) -> list[Tracker]:
    """A tracker of every clean event log in ``context`` together; else one for each log that can have one."""
    from ..engine import Tracker

    agreement = context.reference()
    try:
        return [Tracker(agreement, *context.logs, candidates=True)]
    except CeasefireError:
        pass
    found = []
    for log in context.logs:
        try:
            found.append(Tracker(agreement, log, candidates=True))
        except CeasefireError:
            continue
    return found
