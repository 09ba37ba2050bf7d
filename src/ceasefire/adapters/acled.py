"""ACLED exports (CSV, or the JSON the ACLED API returns) read into events.

Each event (one ``event_id_cnty`` at one ``timestamp``) becomes one event,
whatever rules say: the date becomes a window in the local zone according to
``time_precision`` (1: that day; 2: the ACLED week, Saturday to Friday, that
holds ``event_date``; 3: the calendar month); ``timestamp`` is when that
version of the record was published (ACLED changes it when a record is
revised), and serves as ``version``; ``notes`` is quoted; ``fatalities`` is a
quantity; the whole row is kept in ``record``. Mapping rules
(:mod:`ceasefire.adapters.rules`) add links.

Column sets: every layout since 2019 is read. Only ``event_id_cnty``,
``event_date``, ``time_precision``, ``event_type`` and ``timestamp`` are
required; every other column may be missing (older exports have no
``disorder_type``, ``civilian_targeting`` or ``tags``; an API answer asked with
``fields=`` has only the columns asked for), and columns ceasefire does not
know (``data_id``, ``iso3``, ...) are kept in the record. ``inter1``,
``inter2`` and ``interaction`` may be numbers or words; the record keeps the
other form too. A monadic export, which repeats an event once per actor, is
folded back into one event per ``event_id_cnty`` and ``timestamp``.

First report: with several exports converted together, an event counts as
reported from the earliest ``timestamp`` any of them gives for its id. With one
export, the only time known is the record's latest ``timestamp``, which may
come after the event was first published.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from .._progress import tracked
from ..bounds import latitude, longitude, quantity
from ..errors import InvalidInputError, Problem
from ..model import Agreement, Citation, Deletion, Event, EventLog, Link, Location, Quantity, Record, Source
from ..time import Window, zone as known_zone
from .cells import Cells, reading_notes
from .parties import parties_note, party_names, seen_countries
from .lookups import Lookups, PlainLookups
from .places import unmatched_notes
from .convert import Conversion, build_log, collector_paused, read_deletions, watched_by, watched_span, Watched
from .rows import Row, Table, read_table
from .rules import ACTOR_TYPES, INTERACTIONS, Facts, RuleSet, check_rules, place_notes, unreadable_rules

DATASET = "ACLED"
COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
"""The columns of a current ACLED export, in ACLED's order."""

OLDER_COLUMNS: tuple[str, ...] = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "timestamp", "iso3",
)  # fmt: skip
"""The columns of an export of about 2019 to 2022, before ``disorder_type``, ``civilian_targeting`` and ``tags``."""

REQUIRED: tuple[str, ...] = ("event_id_cnty", "event_date", "time_precision", "event_type", "timestamp")
"""The columns without which a row cannot become an event."""

ACTOR_COLUMNS: tuple[str, ...] = ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction")
"""The columns in which the rows of a monadic export of one event differ."""

DELETION_COLUMNS: tuple[str, ...] = ("event_id_cnty", "deleted_timestamp")


def convert_acled(
    path: str | Path | Sequence[str | Path],
    *,
    agreement: Agreement | None = None,
    rules: RuleSet | None = None,
    zone: str | None = None,
    deletions: str | Path | None = None,
    watched: Watched | None = None,
) -> Conversion:
    """Read one ACLED export or several; rows that cannot be read are listed in ``problems``, never dropped silently.

    ``zone`` is the zone event dates are read in (by default the agreement's
    ``local_zone``, else its reference zone). ``rules`` link events to the
    agreement's obligations. ``deletions`` is ACLED's deleted-events file.
    Given several exports (a list of paths, e.g. archived downloads), every
    version of every record is kept, the same version in two exports counts
    once, and each event counts as reported from the earliest ``timestamp``
    any export gives for its id. ``notes`` says how each file was read.
    ``watched`` declares the span the export watches when it is wider than
    its rows show, e.g. ``('2020-11-10', '2024-12-31')`` for an export of
    that date range (dates are whole days in ``zone``); by default it is
    from the earliest row's date to the latest's.
    """
    with collector_paused():
        return _convert(path, agreement=agreement, rules=rules, zone=zone, deletions=deletions, plain=False, watched=watched)


def _convert(
    path: str | Path | Sequence[str | Path],
    *,
    agreement: Agreement | None,
    rules: RuleSet | None,
    zone: str | None,
    deletions: str | Path | None,
    plain: bool,
    watched: Watched | None = None,
) -> Conversion:
    """:func:`convert_acled`, with the look-ups built once (:class:`Lookups`), or with ``plain`` asked afresh per row, the reference."""
    read = read_exports(path, agreement=agreement, rules=rules, zone=zone, deletions=deletions, plain=plain)
    items = [(line, *_emit(one, read.agreement, read.lookups, read.first[one.event_id])) for line, one in read.items]
    return build_log(
        read.name, read.zone, items, read.deletions, read.problems, read.rows, notes=read.notes, by_line=read.by_line, watches=read.watches, watched=watched_span(watched, read.zone)
    )


@attrs.frozen(slots=True)
class AcledRow:
    """One ACLED event as read from its row (and the other rows of a monadic export): what both the event log and the bulk store are made from.

    Every cell is read and checked here, once; :func:`_emit` makes the
    pydantic event of it for the event log, and
    :func:`ceasefire.adapters.store.acled_columns` the rows of the bulk store.
    """

    row: Row
    also: tuple[Row, ...]
    text: dict[str, str] | None
    """The row's cells, stripped; None when read for the bulk store, which needs them only to compare two versions (see :meth:`stripped`)."""
    event_id: str
    event_type: str
    day: dt.date
    precision: int
    published: dt.datetime
    at: Window
    """The record's timestamp as a window, shared by every row of the same timestamp."""
    occurred: Window
    facts: Facts
    links: list[Link]
    fatalities: int | None
    location: Location

    def stripped(self) -> dict[str, str]:
        """The row's cells, stripped: those kept by the reading, or made again from the row."""
        return self.text if self.text is not None else self.row.stripped()


@attrs.frozen
class Reading:
    """Every export of one conversion read into :class:`AcledRow` records, versions merged, before anything is made of them."""

    name: str
    zone: str
    agreement: Agreement | None
    lookups: PlainLookups
    items: list[tuple[int, AcledRow]]
    first: dict[str, dt.datetime]
    """For each event id, the earliest ``timestamp`` any export gives it: when it was first reported."""
    deletions: list[Deletion]
    problems: list[Problem]
    rows: int
    notes: list[str]
    by_line: bool
    watches: list[str]


def read_exports(
    path: str | Path | Sequence[str | Path],
    *,
    agreement: Agreement | None,
    rules: RuleSet | None,
    zone: str | None,
    deletions: str | Path | None,
    plain: bool = False,
    keep_text: bool = True,
) -> Reading:
    """Read one ACLED export or several into records: rows folded, versions merged, first reports found, problems and notes gathered.

    This is the one reading of ACLED rows: :func:`convert_acled` makes events
    of it and :func:`ceasefire.adapters.store.acled_columns` makes columns
    (with ``keep_text`` false: the records do not keep a stripped copy of their
    cells, a third of what they hold, which only an event is made from).
    """
    paths = [Path(path)] if isinstance(path, (str, Path)) else [Path(p) for p in path]
    if not paths:
        raise InvalidInputError(Problem("path", "an empty list of exports", "one ACLED export or more, e.g. ['acled-2021.csv']"))
    zone = _zone(zone, agreement)
    _check_rules(rules, agreement)
    items: list[tuple[int, AcledRow]] = []
    problems: list[Problem] = []
    notes: list[str] = place_notes(rules, agreement)
    rows = 0
    tables = [(one, read_table(one, REQUIRED)) for one in paths]
    names = party_names(agreement, seen_countries(row.values for _, table in tables for row in table.rows))
    lookups = (PlainLookups if plain else Lookups)(agreement, rules, names)
    for one, table in tables:
        rows += len(table.rows)
        notes.append(f"{one}: read as {table.read_as}; {layout(table.columns)}")
        notes += [f"{one}: {text}" for text in unreadable_rules(rules, table.columns)]
        made, trouble, folded = _table_events(table, zone, agreement, rules, names, lookups, keep_text)
        items += made
        problems += trouble
        notes += reading_notes(one, table.rows)
        if folded:
            notes.append(f"{one}: {folded} rows folded into the event of an earlier row with the same event_id_cnty and timestamp (a monadic export gives one row per actor)")
    items, twice, same = _merge_versions(items, agreement, lookups)
    problems += twice
    if same:
        notes.append(f"{same} records given in more than one export with the same timestamp and content: each counted once")
    first = _first_reports(items)
    notes += unmatched_notes(agreement, [(f"{one.row.file}:{one.row.line}", _located(one.location)) for _, one in items], lookups=lookups)
    gone, bad = load_deletions(deletions) if deletions is not None else ([], [])
    name = str(paths[0]) if len(paths) == 1 else " + ".join(str(p) for p in paths)
    return Reading(name, zone, agreement, lookups, items, first, gone, problems + bad, rows, notes, len(paths) == 1, watched_by(rules))


def load_acled(
    path: str | Path | Sequence[str | Path],
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
    return read_deletions(list(read_table(Path(path), DELETION_COLUMNS).rows), DATASET)


def layout(columns: Sequence[str]) -> str:
    """In words, which of ACLED's column sets a header is: current, 2019-2022, or a subset (naming what is missing)."""
    have = set(columns)
    known = set(COLUMNS) | set(OLDER_COLUMNS)
    others = [c for c in columns if c not in known]
    kept = f"; other columns kept in the record: {', '.join(others)}" if others else ""
    if tuple(columns) == COLUMNS:
        return "ACLED's current layout (31 columns)"
    if set(COLUMNS) <= have:
        return f"ACLED's current columns{kept}"
    if set(OLDER_COLUMNS) <= have:
        added = [c for c in ("disorder_type", "civilian_targeting", "tags") if c in have]
        lacking = [c for c in ("disorder_type", "civilian_targeting", "tags") if c not in have]
        text = "ACLED's 2019-2022 layout (data_id, event_id_no_cnty, iso3"
        text += f"; with {', '.join(added)}" if added else ""
        text += f"; without {', '.join(lacking)})" if lacking else ")"
        return text + kept
    missing = [c for c in COLUMNS if c not in have]
    return f"a subset of ACLED's columns ({len(columns)} columns; without {', '.join(missing)}){kept}"


def _table_events(
    table: Table, zone: str, agreement: Agreement | None, rules: RuleSet | None, names: dict[str, frozenset[str]], lookups: PlainLookups, keep_text: bool = True
) -> tuple[list[tuple[int, AcledRow]], list[Problem], int]:
    """The events of one export as records, its problems, and how many monadic rows were folded into earlier ones."""
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    order: list[tuple[str, str] | Row] = []
    for row in table.rows:
        key = (row.get("event_id_cnty"), row.get("timestamp"))
        if row.error is not None or not key[0]:
            order.append(row)
            continue
        if key not in groups:
            order.append(key)
        groups[key].append(row)
    items: list[tuple[int, AcledRow]] = []
    problems: list[Problem] = []
    folded = 0
    for entry in tracked(order, "converting ACLED rows"):
        rows = [entry] if isinstance(entry, Row) else groups[entry]
        keep, refused = _fold(rows)
        problems += refused
        folded += len(keep) - 1
        made, trouble = read_row(keep[0], zone, agreement, rules, also=keep[1:], names=names, lookups=lookups, keep_text=keep_text)
        if made is not None:
            items.append((keep[0].line, made))
        problems += trouble
    return items, problems, folded


def _fold(rows: list[Row]) -> tuple[list[Row], list[Problem]]:
    """The rows of one id and timestamp that are one event (differing only in actor columns), and problems for the rest."""
    first, keep, problems = rows[0], [rows[0]], []
    for row in rows[1:]:
        other = sorted(c for c in set(first.values) | set(row.values) if c not in ACTOR_COLUMNS and first.get(c) != row.get(c))
        same_actors = all(first.get(c) == row.get(c) for c in ACTOR_COLUMNS)
        if other or same_actors:
            what = f"other {', '.join(other)}" if other else "the same content"
            problems.append(
                row.problem(
                    "event_id_cnty",
                    f"{row.get('event_id_cnty')} again with the same timestamp as line {first.line}, with {what}",
                    "one row per id and timestamp, or the rows of a monadic export (one per actor, the same otherwise)",
                )
            )
        else:
            keep.append(row)
    return keep, problems


def _merge_versions(
    items: list[tuple[int, AcledRow]], agreement: Agreement | None, lookups: PlainLookups
) -> tuple[list[tuple[int, AcledRow]], list[Problem], int]:
    """One copy of each version given by several exports; a version given twice with other content is a problem.

    Content is what the event would hold but its record and first report (:func:`_content`), so both the
    event log and the bulk store keep and refuse the same versions.
    """
    seen: dict[tuple[str, dt.datetime], AcledRow] = {}
    out, problems, same = [], [], 0
    for line, one in items:
        key = (one.event_id, one.published)
        if key not in seen:
            seen[key] = one
            out.append((line, one))
            continue
        earlier = seen[key]
        if _content(earlier, agreement, lookups) == _content(one, agreement, lookups):
            same += 1
            continue
        where = f"{one.row.file}:{line}"
        first = f"{earlier.row.file}:{earlier.row.line}"
        problems.append(Problem(f"{where} (column timestamp)", f"{one.event_id} with the timestamp of {first} but other content", "a new timestamp for a revised record"))
    return out, problems, same


def _first_reports(items: list[tuple[int, AcledRow]]) -> dict[str, dt.datetime]:
    """For each event id, the earliest timestamp given for it: the record's first version, as far as the exports show."""
    earliest: dict[str, dt.datetime] = {}
    for _, one in items:
        earliest[one.event_id] = min(earliest.get(one.event_id, one.published), one.published)
    return earliest


def acled_event(
    row: Row,
    zone: str,
    agreement: Agreement | None,
    rules: RuleSet | None,
    also: Sequence[Row] = (),
    names: dict[str, frozenset[str]] | None = None,
    lookups: PlainLookups | None = None,
) -> tuple[tuple[Event, Source] | None, list[Problem]]:
    """One row (with the other rows of a monadic export in ``also``) as an event and its source, or None and the problems.

    ``names`` holds each party's country names (:func:`~ceasefire.adapters.parties.party_names`), by which
    state actors are matched to parties; by default they come from the agreement alone. ``lookups`` are the
    conversion's look-ups (:class:`~ceasefire.adapters.lookups.Lookups`), built once for all its rows; by
    default each is made afresh for this row.
    """
    if lookups is None:
        lookups = PlainLookups(agreement, rules, party_names(agreement) if names is None else names)
    one, problems = read_row(row, zone, agreement, rules, also, names, lookups)
    if one is None:
        return None, problems
    return _emit(one, agreement, lookups, one.published), []


def read_row(
    row: Row,
    zone: str,
    agreement: Agreement | None,
    rules: RuleSet | None,
    also: Sequence[Row] = (),
    names: dict[str, frozenset[str]] | None = None,
    lookups: PlainLookups | None = None,
    keep_text: bool = True,
) -> tuple[AcledRow | None, list[Problem]]:
    """One row (with the other rows of a monadic export in ``also``) read and checked, its window, facts and links found; or None and the problems."""
    if lookups is None:
        lookups = PlainLookups(agreement, rules, party_names(agreement) if names is None else names)
    if row.error is not None:
        return None, [row.error]
    cells = Cells(row)
    text = row.stripped()
    event_id = cells.identifier("event_id_cnty")
    event_type = cells.text("event_type", required=True)
    day, precision = cells.date("event_date"), cells.integer("time_precision", required=True, allowed=(1, 2, 3))
    published = cells.unix("timestamp")
    fatalities = cells.integer("fatalities", check=quantity)
    location = _location(cells, text, lookups)
    if cells.problems or day is None or precision is None or published is None:
        return None, cells.problems
    occurred = lookups.remember("window", (day, precision, zone), lambda: precision_window(day, precision, zone))
    facts = _facts(text, occurred, lookups, also)
    at = lookups.remember("published", text.get("timestamp", ""), lambda: Window.exact(published))  # one window for every event and source of one timestamp: windows cannot change
    return AcledRow(row, tuple(also), text if keep_text else None, event_id, event_type, day, precision, published, at, occurred, facts, lookups.links(facts), fatalities, location), []


def _content(one: AcledRow, agreement: Agreement | None, lookups: PlainLookups) -> dict[str, Any]:
    """What the event of ``one`` holds but its id, first report and record: two versions alike in this are one."""
    text, facts = one.stripped(), one.facts
    notes = text.get("notes", "")
    fatalities = one.fatalities
    return {
        "kind": text.get("sub_event_type") or one.event_type,
        "summary": _summary(text, facts),
        "occurred": one.occurred,
        "occurred_text": f"event_date {one.day.isoformat()}, time_precision {one.precision}",
        "version": one.published,
        "actors": list(dict.fromkeys(facts.actors)),
        "place": _place(text, agreement, lookups),
        "quantities": [lookups.remember("fatalities", fatalities, lambda: _fatalities(fatalities))] if fatalities is not None else [],
        "links": one.links,
        "sources": [Citation(source=_source_id(one.event_id, one.published), quote=notes or None, note=_source_note(text))],
        "note": "; ".join(n for n in (_codes_note(text, one.also, lookups), parties_note(facts.side_parties, ("actor 1's side", "actor 2's side"))) if n) or None,
    }


def _emit(one: AcledRow, agreement: Agreement | None, lookups: PlainLookups, first: dt.datetime) -> tuple[Event, Source]:
    """The event and source of ``one``, first reported at ``first`` (the earliest timestamp of its id)."""
    row = one.row
    event = Event(
        id=one.event_id,
        reported=one.at if first == one.published else Window.exact(first),
        record=Record(dataset=DATASET, id=one.event_id, file=row.file, line=row.line, time_precision=one.precision, location=one.location, fields=_fields(row, one.also)),
        **_content(one, agreement, lookups),
    )
    return event, _source(one.event_id, one.published, one.at)


def precision_window(day: dt.date, precision: int, zone: str) -> Window:
    """The window ACLED's ``time_precision`` gives ``event_date``: the day, its Saturday-to-Friday week, or its month."""
    if precision == 1:
        return Window.day(day, zone)
    if precision == 2:
        saturday = day - dt.timedelta(days=(day.weekday() - 5) % 7)
        return Window.days(saturday, saturday + dt.timedelta(days=6), zone)
    last = calendar.monthrange(day.year, day.month)[1]
    return Window.days(day.replace(day=1), day.replace(day=last), zone)


def _fatalities(value: int) -> Quantity:
    """ACLED's fatality figure as a quantity: one frozen record, shared by every event that gives the same figure."""
    return Quantity(name="fatalities", value=value, qualifier="about", text=f"ACLED fatalities: {value}")


def _location(cells: Cells, text: dict[str, str], lookups: PlainLookups) -> Location:
    """Where the row places the event, shared with earlier rows that write the place alike (see :meth:`~.lookups.PlainLookups.location`)."""
    return lookups.location(cells, text, ("location", "admin1", "admin2", "admin3", "country", "latitude", "longitude", "geo_precision"), _read_location)


def _read_location(cells: Cells, text: dict[str, str]) -> Location:
    return Location(
        name=text.get("location") or None,
        admin1=text.get("admin1") or None,
        admin2=text.get("admin2") or None,
        admin3=text.get("admin3") or None,
        country=text.get("country") or None,
        latitude=cells.number("latitude", check=latitude),
        longitude=cells.number("longitude", check=longitude),
        precision=cells.integer("geo_precision", allowed=(1, 2, 3)),
    )


def _side(text: dict[str, str], actor: str, associates: str) -> tuple[str, ...]:
    names = [text.get(actor, ""), *text.get(associates, "").split(";")]
    return tuple(n.strip() for n in names if n.strip())


def _sides(text: dict[str, str], also: Sequence[Row]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Actor 1's side and actor 2's; for a monadic export, the first row's actor and the other rows' actors."""
    first, second = _side(text, "actor1", "assoc_actor_1"), _side(text, "actor2", "assoc_actor_2")
    for other in also:
        more = other.stripped()
        for side in (_side(more, "actor1", "assoc_actor_1"), _side(more, "actor2", "assoc_actor_2")):
            if side and side != first and side != second:
                second = tuple(dict.fromkeys(second + side))
    return first, second


def _facts(text: dict[str, str], occurred: Window, lookups: PlainLookups, also: Sequence[Row] = ()) -> Facts:
    sides = _sides(text, also)
    tags = text.get("tags", "")
    return Facts(
        event_type=text.get("event_type", ""),
        sub_event_type=text.get("sub_event_type", ""),
        sides=sides,
        side_parties=lookups.side_parties(sides),
        interaction=text.get("interaction", ""),
        places=tuple(p for c in ("admin1", "admin2", "admin3", "location") if (p := text.get(c, ""))),
        occurred=occurred,
        inter1=text.get("inter1", ""),
        inter2=text.get("inter2", ""),
        disorder_type=text.get("disorder_type", ""),
        civilian_targeting=text.get("civilian_targeting", ""),
        tags=lookups.remember("tags", tags, lambda: tuple(t.strip() for t in tags.split(";") if t.strip())),
        country_code=text.get("iso", ""),
        country_scheme="iso",
    )


def _codes_note(text: dict[str, str], also: Sequence[Row], lookups: PlainLookups) -> str | None:
    """ACLED's actor-type and interaction codes in both forms, whichever the export used: '1 (State forces)'."""
    if also:
        given = tuple((text.get(column, ""), *(r.get(column) for r in also)) for column in ("inter1", "inter2", "interaction"))
    else:
        given = ((text.get("inter1", ""),), (text.get("inter2", ""),), (text.get("interaction", ""),))
    return lookups.remember("codes note", given, lambda: _codes_words(given, lookups))


def _codes_words(given: tuple[tuple[str, ...], ...], lookups: PlainLookups) -> str | None:
    """:func:`_codes_note` from the cells of ``inter1``, ``inter2`` and ``interaction``, each of every row of the event."""
    parts = []
    for cells, (column, table) in zip(given, (("inter1", ACTOR_TYPES), ("inter2", ACTOR_TYPES), ("interaction", INTERACTIONS)), strict=True):
        for value in dict.fromkeys(v for v in cells if v):
            forms = lookups.code_forms(value, table)
            number = next((f for f in forms if f.isdigit()), None)
            words = table.get(int(number)) if number is not None else None
            parts.append(f"{column} {number} ({words})" if number is not None and words else f"{column} {value}")
    return "ACLED codes: " + "; ".join(parts) if parts else None


def _fields(row: Row, also: Sequence[Row]) -> dict[str, str]:
    """Every column as written; for the other rows of a monadic event, their actor columns under 'column (line N)'."""
    fields = dict(row.values)
    for other in also:
        fields.update({f"{c} (line {other.line})": other.get(c) for c in ACTOR_COLUMNS if c in other.values})
    return fields


def _place(text: dict[str, str], agreement: Agreement | None, lookups: PlainLookups) -> str | None:
    names = [p for c in ("location", "admin3", "admin2", "admin1") if (p := text.get(c, ""))]
    for name in names if agreement is not None else ():
        found = lookups.place_of(name)
        if found:
            return found
    return names[0] if names else None


def _summary(text: dict[str, str], facts: Facts) -> str:
    who = " and ".join(side[0] for side in facts.sides if side) or "unnamed actors"
    where = ", ".join(p for p in (text.get("location", ""), text.get("admin2") or text.get("admin1", ""), text.get("country", "")) if p)
    what = text.get("sub_event_type") or text.get("event_type", "")
    return f"{what} ({text.get('event_type', '')}): {who}" + (f", at {where}" if where else "") + " (ACLED)"


def _source_id(event_id: str, published: dt.datetime) -> str:
    return f"acled:{event_id}@{int(published.timestamp())}"


def _source(event_id: str, published: dt.datetime, at: Window) -> Source:
    return Source(
        id=_source_id(event_id, published),
        title=f"ACLED record {event_id}, version of {published.isoformat()}",
        publisher=DATASET,
        published=at,
        published_note="the record's ACLED timestamp",
    )


def _source_note(text: dict[str, str]) -> str:
    return f"ACLED source: {text.get('source') or 'not given'}; source scale: {text.get('source_scale') or 'not given'}"


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


def _located(where: Location) -> list[str]:
    """The names a row places its event by, most local first: those compared with the agreement's places."""
    return [n for n in (where.name, where.admin3, where.admin2, where.admin1) if n]
