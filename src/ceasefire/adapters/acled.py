"""ACLED exports (CSV, or the JSON the ACLED API returns) read into events.

Each row becomes one event, whatever rules say: the id is ``event_id_cnty``;
the date becomes a window in the local zone according to ``time_precision``
(1: that day; 2: the ACLED week, Saturday to Friday, that holds
``event_date``; 3: the calendar month); ``timestamp`` is when that version of
the record was published, and serves as both ``version`` and ``reported``;
``notes`` is quoted; ``fatalities`` is a quantity; the whole row is kept in
``record``. Mapping rules (:mod:`ceasefire.adapters.rules`) add links.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

from ..bounds import latitude, longitude, quantity
from ..errors import InvalidInputError, Problem
from ..model import Agreement, Citation, Deletion, Event, EventLog, Location, Quantity, Record, Source
from ..time import Window, zone as known_zone
from .cells import Cells
from .convert import Conversion, build_log, read_deletions
from .rows import Row, read_rows
from .rules import Facts, RuleSet, check_rules, links_for

DATASET = "ACLED"
COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
"""The columns of an ACLED export, in ACLED's order."""

DELETION_COLUMNS: tuple[str, ...] = ("event_id_cnty", "deleted_timestamp")


def convert_acled(
    path: str | Path,
    *,
    agreement: Agreement | None = None,
    rules: RuleSet | None = None,
    zone: str | None = None,
    deletions: str | Path | None = None,
) -> Conversion:
    """Read an ACLED export; rows that cannot be read are listed in ``problems``, never dropped silently.

    ``zone`` is the zone event dates are read in (by default the agreement's
    ``local_zone``, else its reference zone). ``rules`` link events to the
    agreement's obligations. ``deletions`` is ACLED's deleted-events file.
    """
    zone = _zone(zone, agreement)
    _check_rules(rules, agreement)
    items: list[tuple[int, Event, Source]] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, dt.datetime], int] = {}
    rows = list(read_rows(Path(path), COLUMNS))
    for row in rows:
        made, trouble = acled_event(row, zone, agreement, rules)
        if made is not None:
            key = (made[0].id, made[0].version)
            if key in seen:
                trouble = [row.problem("event_id_cnty", f"{made[0].id} again with the same timestamp as line {seen[key]}", "one row per id and timestamp")]
            else:
                seen[key] = row.line  # type: ignore[index]
                items.append((row.line, *made))
        problems += trouble
    gone, bad = load_deletions(deletions) if deletions is not None else ([], [])
    return build_log(str(path), zone, items, gone, problems + bad, len(rows))


def load_acled(
    path: str | Path,
    *,
    agreement: Agreement | None = None,
    rules: RuleSet | None = None,
    zone: str | None = None,
    deletions: str | Path | None = None,
) -> EventLog:
    """Like :func:`convert_acled`, but raise :class:`~ceasefire.InvalidInputError` listing every bad row."""
    return convert_acled(path, agreement=agreement, rules=rules, zone=zone, deletions=deletions).raise_problems()


def load_deletions(path: str | Path) -> tuple[list[Deletion], list[Problem]]:
    """ACLED's deleted-events file (``event_id_cnty, deleted_timestamp``) as deletions, and its bad rows."""
    return read_deletions(list(read_rows(Path(path), DELETION_COLUMNS)), DATASET)


def acled_event(row: Row, zone: str, agreement: Agreement | None, rules: RuleSet | None) -> tuple[tuple[Event, Source] | None, list[Problem]]:
    """One row as an event and the source it cites, or None and the problems that stopped it."""
    if row.error is not None:
        return None, [row.error]
    cells = Cells(row)
    event_id = cells.identifier("event_id_cnty")
    event_type = cells.text("event_type", required=True)
    occurred, precision = _occurred(cells, zone)
    published = cells.unix("timestamp")
    fatalities = cells.integer("fatalities", check=quantity)
    location = _location(cells)
    if cells.problems or occurred is None or published is None:
        return None, cells.problems
    facts = _facts(row, occurred)
    source = _source(row, event_id, published)
    notes = row.get("notes")
    event = Event(
        id=event_id,
        kind=row.get("sub_event_type") or event_type,
        summary=_summary(row),
        occurred=occurred,
        occurred_text=f"event_date {row.get('event_date')}, time_precision {row.get('time_precision')}",
        reported=Window.exact(published),
        version=published,
        actors=list(facts.actors),
        place=_place(row, agreement),
        quantities=[Quantity(name="fatalities", value=fatalities, qualifier="about", text=f"ACLED fatalities: {fatalities}")] if fatalities is not None else [],
        links=links_for(facts, rules, agreement),
        sources=[Citation(source=source.id, quote=notes or None, note=_source_note(row))],
        record=Record(dataset=DATASET, id=event_id, file=row.file, line=row.line, time_precision=precision, location=location, fields=dict(row.values)),
    )
    return (event, source), []


def _occurred(cells: Cells, zone: str) -> tuple[Window | None, int | None]:
    day = cells.date("event_date")
    precision = cells.integer("time_precision", required=True, allowed=(1, 2, 3))
    if day is None or precision is None:
        return None, precision
    return precision_window(day, precision, zone), precision


def precision_window(day: dt.date, precision: int, zone: str) -> Window:
    """The window ACLED's ``time_precision`` gives ``event_date``: the day, its Saturday-to-Friday week, or its month."""
    if precision == 1:
        return Window.day(day, zone)
    if precision == 2:
        saturday = day - dt.timedelta(days=(day.weekday() - 5) % 7)
        return Window.days(saturday, saturday + dt.timedelta(days=6), zone)
    last = calendar.monthrange(day.year, day.month)[1]
    return Window.days(day.replace(day=1), day.replace(day=last), zone)


def _location(cells: Cells) -> Location:
    row = cells.row
    return Location(
        name=row.get("location") or None,
        admin1=row.get("admin1") or None,
        admin2=row.get("admin2") or None,
        admin3=row.get("admin3") or None,
        country=row.get("country") or None,
        latitude=cells.number("latitude", check=latitude),
        longitude=cells.number("longitude", check=longitude),
        precision=cells.integer("geo_precision", allowed=(1, 2, 3)),
    )


def _side(row: Row, actor: str, associates: str) -> tuple[str, ...]:
    names = [row.get(actor), *row.get(associates).split(";")]
    return tuple(n.strip() for n in names if n.strip())


def _facts(row: Row, occurred: Window) -> Facts:
    return Facts(
        event_type=row.get("event_type"),
        sub_event_type=row.get("sub_event_type"),
        sides=(_side(row, "actor1", "assoc_actor_1"), _side(row, "actor2", "assoc_actor_2")),
        interaction=row.get("interaction"),
        places=tuple(row.get(c) for c in ("admin1", "admin2", "admin3", "location") if row.get(c)),
        occurred=occurred,
    )


def _place(row: Row, agreement: Agreement | None) -> str | None:
    names = [row.get(c) for c in ("location", "admin3", "admin2", "admin1") if row.get(c)]
    for name in names if agreement is not None else ():
        found = agreement.canonical_place(name)  # type: ignore[union-attr]
        if found:
            return found
    return names[0] if names else None


def _summary(row: Row) -> str:
    who = " and ".join(a for a in (row.get("actor1"), row.get("actor2")) if a) or "unnamed actors"
    where = ", ".join(p for p in (row.get("location"), row.get("admin2") or row.get("admin1"), row.get("country")) if p)
    what = row.get("sub_event_type") or row.get("event_type")
    return f"{what} ({row.get('event_type')}): {who}" + (f", at {where}" if where else "") + " (ACLED)"


def _source(row: Row, event_id: str, published: dt.datetime) -> Source:
    return Source(
        id=f"acled:{event_id}@{row.get('timestamp')}",
        title=f"ACLED record {event_id}, version of {published.isoformat()}",
        publisher=DATASET,
        published=Window.exact(published),
        published_note="the record's ACLED timestamp",
    )


def _source_note(row: Row) -> str:
    return f"ACLED source: {row.get('source') or 'not given'}; source scale: {row.get('source_scale') or 'not given'}"


def _zone(zone: str | None, agreement: Agreement | None) -> str:
    chosen = zone or (agreement.local_zone or agreement.zone if agreement is not None else None)
    if chosen is None:
        raise InvalidInputError(Problem("zone", "no zone and no agreement", "the zone to read event dates in, e.g. 'Asia/Baku'"))
    known_zone(chosen, where="zone")
    return chosen


def _check_rules(rules: RuleSet | None, agreement: Agreement | None, dataset: str = DATASET) -> None:
    if rules is None:
        return
    if rules.dataset != dataset:
        raise InvalidInputError(Problem(f"rules {rules.id}", f"rules for {rules.dataset}", f"rules for {dataset}"))
    if agreement is None:
        raise InvalidInputError(Problem(f"rules {rules.id}", "rules but no agreement", "the agreement whose obligations the rules name"))
    check_rules(rules, agreement)

