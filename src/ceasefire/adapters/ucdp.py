"""UCDP Georeferenced Event Dataset (GED) CSV files read into events.

Each row becomes one event: ``id`` is its id; ``date_start`` to ``date_end``
(whole days in the local zone) is when it happened, with ``date_prec`` kept;
``best``, ``low`` and ``high`` are the death estimates, as quantities;
``number_of_sources`` and the ``source_*`` columns are kept in the record and
the citation. GED rows carry no publication time, so an event counts as
reported from the earliest of its ``source_date`` days; pass ``released`` (the
day the GED version came out) for rows without one, and to give every row of
this file that release as its ``version``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..bounds import latitude, longitude, quantity
from ..errors import Problem
from ..model import Agreement, Citation, Event, EventLog, Location, Quantity, Record, Source
from ..time import Window, moment
from .acled import _check_rules, _zone
from .cells import Cells
from .convert import Conversion, build_log
from .rows import Row, read_rows
from .rules import Facts, RuleSet, links_for

DATASET = "UCDP GED"
COLUMNS: tuple[str, ...] = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)  # fmt: skip
"""The 49 columns of a GED CSV file, in UCDP's order."""

VIOLENCE = {1: "state-based", 2: "non-state", 3: "one-sided"}
"""GED ``type_of_violence`` codes; rules match these words as the event type."""

_ESTIMATES = (("best", "about"), ("low", "at least"), ("high", "at most"))


def convert_ucdp(
    path: str | Path,
    *,
    agreement: Agreement | None = None,
    rules: RuleSet | None = None,
    zone: str | None = None,
    released: dt.date | dt.datetime | str | None = None,
) -> Conversion:
    """Read a GED CSV file; rows that cannot be read are listed in ``problems``, never dropped silently."""
    zone = _zone(zone, agreement)
    _check_rules(rules, agreement, DATASET)
    version = moment(released, zone, where="released") if released is not None else None
    items: list[tuple[int, Event, Source]] = []
    problems: list[Problem] = []
    rows = list(read_rows(Path(path), COLUMNS))
    seen: dict[str, int] = {}
    for row in rows:
        made, trouble = ucdp_event(row, zone, agreement, rules, version)
        if made is not None and seen.setdefault(made[0].id, row.line) != row.line:
            problems.append(row.problem("id", f"the id {made[0].id!r}, already given on line {seen[made[0].id]}", "one row per GED id (a later version belongs in a later file)"))
            continue
        if made is not None:
            items.append((row.line, *made))
        problems += trouble
    return build_log(str(path), zone, items, [], problems, len(rows))


def load_ucdp(
    path: str | Path,
    *,
    agreement: Agreement | None = None,
    rules: RuleSet | None = None,
    zone: str | None = None,
    released: dt.date | dt.datetime | str | None = None,
) -> EventLog:
    """Like :func:`convert_ucdp`, but raise :class:`~ceasefire.InvalidInputError` listing every bad row."""
    return convert_ucdp(path, agreement=agreement, rules=rules, zone=zone, released=released).raise_problems()


def ucdp_event(
    row: Row, zone: str, agreement: Agreement | None, rules: RuleSet | None, version: dt.datetime | None
) -> tuple[tuple[Event, Source] | None, list[Problem]]:
    """One GED row as an event and the source it cites, or None and the problems that stopped it."""
    if row.error is not None:
        return None, [row.error]
    cells = Cells(row)
    event_id = cells.identifier("id")
    start, end = cells.date("date_start"), cells.date("date_end")
    precision = cells.integer("date_prec", required=True)
    violence = cells.integer("type_of_violence", required=True, allowed=tuple(VIOLENCE))
    cells.integer("number_of_sources")
    quantities = [q for name, qualifier in _ESTIMATES if (q := _deaths(cells, name, qualifier)) is not None]
    location = _location(cells)
    reported = _reported(cells, zone, version)
    if start is not None and end is not None and end < start:
        cells.problems.append(row.problem("date_end", f"{end} before date_start {start}", "date_end on or after date_start"))
    if cells.problems or start is None or end is None or violence is None or reported is None:
        return None, cells.problems
    occurred = Window.days(start, end, zone)
    facts = Facts(
        event_type=VIOLENCE[violence],
        sub_event_type="",
        sides=(_names(row.get("side_a")), _names(row.get("side_b"))),
        interaction="",
        places=tuple(row.get(c) for c in ("adm_1", "adm_2", "where_coordinates") if row.get(c)),
        occurred=occurred,
    )
    source = Source(
        id=f"ucdp-ged:{event_id}" + (f"@{version.isoformat()}" if version else ""),
        title=f"UCDP GED event {event_id}: {row.get('source_headline') or 'no headline given'}",
        publisher=row.get("source_office") or DATASET,
        published=reported,
        published_note="the earliest source_date of the row" if row.get("source_date") else "the GED release date",
    )
    event = Event(
        id=event_id,
        kind=f"{VIOLENCE[violence]} violence",
        summary=f"{VIOLENCE[violence].capitalize()} violence: {row.get('side_a') or '?'} against {row.get('side_b') or '?'}"
        + (f", at {row.get('where_coordinates')}" if row.get("where_coordinates") else "")
        + " (UCDP GED)",
        occurred=occurred,
        occurred_text=f"date_start {row.get('date_start')}, date_end {row.get('date_end')}, date_prec {precision}",
        reported=reported,
        version=version,
        actors=list(facts.actors),
        place=_place(facts.places, agreement),
        quantities=quantities,
        links=links_for(facts, rules, agreement),
        sources=[Citation(source=source.id, note=_source_note(row))],
        record=Record(dataset=DATASET, id=event_id, file=row.file, line=row.line, time_precision=precision, location=location, fields=dict(row.values)),
    )
    return (event, source), []


def _names(text: str) -> tuple[str, ...]:
    return (text,) if text else ()


def _deaths(cells: Cells, column: str, qualifier: str) -> Quantity | None:
    value = cells.integer(column, required=True, check=quantity)
    if value is None:
        return None
    return Quantity(name=f"deaths ({column} estimate)", value=value, qualifier=qualifier, text=f"UCDP {column}: {value}")  # type: ignore[arg-type]


def _reported(cells: Cells, zone: str, version: dt.datetime | None) -> Window | None:
    text = cells.row.get("source_date")
    days = []
    for part in (p.strip() for p in text.split(";") if p.strip()):
        day = Cells(Row(cells.row.file, cells.row.line, {"source_date": part})).date("source_date")
        if day is None:
            cells.problems.append(cells.row.problem("source_date", repr(part), "dates such as 2020-11-12, separated by ';'"))
            return None
        days.append(day)
    if days:
        return Window.day(min(days), zone)
    if version is not None:
        return Window.exact(version)
    cells.problems.append(cells.row.problem("source_date", "an empty cell and no release date", "a source date, or the GED release date (released=...)"))
    return None


def _location(cells: Cells) -> Location:
    row = cells.row
    return Location(
        name=row.get("where_coordinates") or None,
        admin1=row.get("adm_1") or None,
        admin2=row.get("adm_2") or None,
        country=row.get("country") or None,
        latitude=cells.number("latitude", check=latitude),
        longitude=cells.number("longitude", check=longitude),
        precision=cells.integer("where_prec"),
    )


def _place(names: tuple[str, ...], agreement: Agreement | None) -> str | None:
    for name in names if agreement is not None else ():
        found = agreement.canonical_place(name)  # type: ignore[union-attr]
        if found:
            return found
    return names[-1] if names else None


def _source_note(row: Row) -> str:
    keep = ("number_of_sources", "source_article", "source_office", "source_date", "source_headline", "source_original")
    return "; ".join(f"{c}: {row.get(c)}" for c in keep if row.get(c))
