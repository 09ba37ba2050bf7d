"""UCDP Georeferenced Event Dataset (GED) CSV files read into events.

Each row becomes one event: ``id`` is its id; ``date_start`` to ``date_end``
(whole days in the local zone) is when it happened, with ``date_prec`` kept;
``best``, ``low`` and ``high`` are the death estimates, as quantities;
``number_of_sources`` and the ``source_*`` columns are kept in the record and
the citation. GED rows carry no publication time, so an event counts as
reported from the earliest of its ``source_date`` days; pass ``released`` (the
day the GED version came out) for rows without one, and to give every row of
this file that release as its ``version``.

Also read: the UCDP API's JSON pages (``{"Result": [...], "TotalCount": ...,
"NextPageUrl": ...}``), several at once (an id given twice with the same
content counts once); ISO datetimes such as ``2020-11-12T00:00:00`` in
``date_start``/``date_end``; files with only some of the 49 columns (those in
``REQUIRED`` must be there). ``date_prec`` must be 1 to 5 and ``where_prec`` 1
to 7. ``event_clarity`` and ``code_status`` are carried into the event's note;
a row of low clarity (``event_clarity`` 2) or not yet cleared (``code_status``
other than ``Clear``, as in candidate data) matches a rule only when the rule
asks for it (``event_clarity: [2]``, ``code_status: [...]``).

Candidate rows: a row whose ``code_status`` is given and is not ``Clear`` (the
UCDP Candidate Events Dataset marks rows still being checked this way) becomes
an event with ``status: candidate``, which a :class:`~ceasefire.Tracker` leaves
out unless built with ``candidates=True``. ``accept_candidates=True`` makes them
ordinary (accepted) events instead; their note still names their code_status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from .._progress import tracked
from ..bounds import latitude, longitude, quantity
from ..errors import InvalidInputError, Problem
from ..model import Agreement, Citation, Event, EventLog, Link, Location, Quantity, Record, Source
from ..time import Window, moment
from .acled import _check_rules, _zone
from .cells import Cells, reading_notes
from .lookups import Lookups, PlainLookups
from .parties import parties_note
from .places import unmatched_notes
from .convert import Conversion, build_log, collector_paused, watched_by, watched_span, Watched
from .rows import Row, read_table
from .rules import Facts, RuleSet, place_notes

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

REQUIRED: tuple[str, ...] = ("id", "type_of_violence", "date_start", "date_end", "date_prec", "best", "low", "high")
"""The columns without which a row cannot become an event; the others may be missing."""

DATE_PRECISION = (1, 2, 3, 4, 5)
WHERE_PRECISION = (1, 2, 3, 4, 5, 6, 7)
CLARITY = (1, 2)

VIOLENCE = {1: "state-based", 2: "non-state", 3: "one-sided"}
"""GED ``type_of_violence`` codes; rules match these words as the event type."""

_ESTIMATES = (("best", "about"), ("low", "at least"), ("high", "at most"))


def convert_ucdp(
    path: str | Path | Sequence[str | Path],
    *,
    agreement: Agreement | None = None,
    rules: RuleSet | None = None,
    zone: str | None = None,
    released: dt.date | dt.datetime | str | None = None,
    accept_candidates: bool = False,
    watched: Watched | None = None,
) -> Conversion:
    """Read a GED CSV file or API pages (one path or several); rows that cannot be read are listed in ``problems``, never dropped silently.

    Rows not yet cleared by UCDP (``code_status`` other than ``Clear``) become
    events with ``status: candidate`` unless ``accept_candidates`` is true.
    ``watched`` declares the span the export watches when it is wider than
    its rows show, e.g. ``('2020-11-10', '2024-12-31')`` for an export of
    that date range (dates are whole days in ``zone``); by default it is
    from the earliest row's date to the latest's.
    """
    with collector_paused():
        return _convert(path, agreement=agreement, rules=rules, zone=zone, released=released, accept_candidates=accept_candidates, plain=False, watched=watched)


def _convert(
    path: str | Path | Sequence[str | Path],
    *,
    agreement: Agreement | None,
    rules: RuleSet | None,
    zone: str | None,
    released: dt.date | dt.datetime | str | None,
    accept_candidates: bool,
    plain: bool,
    watched: Watched | None = None,
) -> Conversion:
    """:func:`convert_ucdp`, with the look-ups built once (:class:`Lookups`), or with ``plain`` asked afresh per row, the reference."""
    read = read_files(path, agreement=agreement, rules=rules, zone=zone, released=released, accept_candidates=accept_candidates, plain=plain)
    items = [(line, *_emit(one, agreement, read.lookups, accept_candidates)) for line, one in read.items]
    return build_log(
        read.name, read.zone, items, [], read.problems, read.rows, notes=read.notes, by_line=read.by_line, watches=read.watches, watched=watched_span(watched, read.zone)
    )


@attrs.frozen(slots=True)
class UcdpRow:
    """One GED row as read and checked: what both the event log and the bulk store are made from.

    :func:`_emit` makes the pydantic event of it for the event log, and
    :func:`ceasefire.adapters.store.ucdp_columns` the rows of the bulk store.
    """

    row: Row
    text: dict[str, str] | None
    """The row's cells, stripped; None when read for the bulk store (see :meth:`stripped`)."""
    event_id: str
    precision: int
    violence: int
    clarity: int | None
    status: str
    version: dt.datetime | None
    quantities: list[Quantity]
    location: Location
    reported: Window
    occurred: Window
    facts: Facts
    links: list[Link]

    def stripped(self) -> dict[str, str]:
        """The row's cells, stripped: those kept by the reading, or made again from the row."""
        return self.text if self.text is not None else self.row.stripped()

    def candidate(self, accept_candidates: bool) -> bool:
        """True when the row is candidate data (not cleared by UCDP) and candidates are not accepted."""
        return not accept_candidates and not _cleared(self.status)


@attrs.frozen
class Reading:
    """Every file of one conversion read into :class:`UcdpRow` records, repeated rows dropped, before anything is made of them."""

    name: str
    zone: str
    lookups: PlainLookups
    items: list[tuple[int, UcdpRow]]
    problems: list[Problem]
    rows: int
    notes: list[str]
    by_line: bool
    watches: list[str]


def read_files(
    path: str | Path | Sequence[str | Path],
    *,
    agreement: Agreement | None,
    rules: RuleSet | None,
    zone: str | None,
    released: dt.date | dt.datetime | str | None,
    accept_candidates: bool,
    plain: bool = False,
    keep_text: bool = True,
) -> Reading:
    """Read GED files or API pages into records: each id once, problems and notes gathered.

    This is the one reading of GED rows: :func:`convert_ucdp` makes events of
    it and :func:`ceasefire.adapters.store.ucdp_columns` makes columns (with
    ``keep_text`` false: the records keep no stripped copy of their cells).
    """
    paths = [Path(path)] if isinstance(path, (str, Path)) else [Path(p) for p in path]
    if not paths:
        raise InvalidInputError(Problem("path", "an empty list of files", "one GED file or API page or more"))
    zone = _zone(zone, agreement)
    _check_rules(rules, agreement, DATASET)
    version = moment(released, zone, where="released") if released is not None else None
    lookups = (PlainLookups if plain else Lookups)(agreement, rules)
    items: list[tuple[int, UcdpRow]] = []
    problems: list[Problem] = []
    notes: list[str] = place_notes(rules, agreement)
    seen: dict[str, UcdpRow] = {}
    lines: dict[str, str] = {}
    rows = 0
    repeated = 0
    for one in paths:
        table = read_table(one, REQUIRED)
        rows += len(table.rows)
        missing = [c for c in COLUMNS if c not in table.columns]
        notes.append(f"{one}: read as {table.read_as}; " + (f"{len(table.columns)} columns, without {', '.join(missing)}" if missing else "all 49 GED columns"))
        for row in tracked(table.rows, f"converting {one.name}"):
            made, trouble = read_row(row, zone, agreement, rules, version, lookups=lookups, keep_text=keep_text)
            problems += trouble
            if made is None:
                continue
            if made.event_id in seen:
                earlier = seen[made.event_id]
                if _content(earlier, agreement, lookups, accept_candidates) == _content(made, agreement, lookups, accept_candidates):
                    repeated += 1
                    continue
                problems.append(row.problem("id", f"the id {made.event_id!r} again with other content, already given on line {lines[made.event_id]}", "each GED id once, or the same row repeated (a later version belongs in a later file)"))
                continue
            seen[made.event_id] = made
            lines[made.event_id] = f"{row.line}" if len(paths) == 1 else f"{one}:{row.line}"
            items.append((row.line, made))
        notes += reading_notes(one, table.rows)
    notes += unmatched_notes(agreement, [(f"{one.row.file}:{one.row.line}", _located(one.location)) for _, one in items], lookups=lookups)
    uncleared = [one.event_id for _, one in items if not _cleared(one.row.values.get("code_status", ""))]
    if uncleared:
        how = "kept as accepted events (accept_candidates)" if accept_candidates else "kept with status: candidate, not counted until accepted (or by a Tracker built with candidates=True)"
        notes.append(f"{len(uncleared)} rows not yet cleared by UCDP (code_status other than Clear: {', '.join(uncleared[:5])}{', ...' if len(uncleared) > 5 else ''}): {how}")
    if repeated:
        notes.append(f"{repeated} rows repeated with the same id and content (e.g. a page fetched twice): each counted once")
    name = str(paths[0]) if len(paths) == 1 else " + ".join(str(p) for p in paths)
    return Reading(name, zone, lookups, items, problems, rows, notes, len(paths) == 1, watched_by(rules))


def load_ucdp(
    path: str | Path | Sequence[str | Path],
    *,
    agreement: Agreement | None = None,
    rules: RuleSet | None = None,
    zone: str | None = None,
    released: dt.date | dt.datetime | str | None = None,
    accept_candidates: bool = False,
) -> EventLog:
    """Like :func:`convert_ucdp`, but raise :class:`~ceasefire.InvalidInputError` listing every bad row."""
    return convert_ucdp(path, agreement=agreement, rules=rules, zone=zone, released=released, accept_candidates=accept_candidates).raise_problems()


def ucdp_event(
    row: Row,
    zone: str,
    agreement: Agreement | None,
    rules: RuleSet | None,
    version: dt.datetime | None,
    *,
    accept_candidates: bool = False,
    lookups: PlainLookups | None = None,
) -> tuple[tuple[Event, Source] | None, list[Problem]]:
    """One GED row as an event and the source it cites, or None and the problems that stopped it.

    A row with a ``code_status`` other than ``Clear`` is a candidate event unless ``accept_candidates``.
    ``lookups`` are the conversion's look-ups (:class:`~ceasefire.adapters.lookups.Lookups`), built once
    for all its rows; by default each is made afresh for this row.
    """
    if lookups is None:
        lookups = PlainLookups(agreement, rules)
    one, problems = read_row(row, zone, agreement, rules, version, lookups=lookups)
    if one is None:
        return None, problems
    return _emit(one, agreement, lookups, accept_candidates), []


def read_row(
    row: Row,
    zone: str,
    agreement: Agreement | None,
    rules: RuleSet | None,
    version: dt.datetime | None,
    *,
    lookups: PlainLookups | None = None,
    keep_text: bool = True,
) -> tuple[UcdpRow | None, list[Problem]]:
    """One GED row read and checked, its window, first report, facts and links found; or None and the problems that stopped it."""
    if lookups is None:
        lookups = PlainLookups(agreement, rules)
    if row.error is not None:
        return None, [row.error]
    cells = Cells(row)
    text = row.stripped()
    event_id = cells.identifier("id")
    start, end = cells.date("date_start"), cells.date("date_end")
    precision = cells.integer("date_prec", required=True, allowed=DATE_PRECISION)
    violence = cells.integer("type_of_violence", required=True, allowed=tuple(VIOLENCE))
    clarity = cells.integer("event_clarity", allowed=CLARITY)
    status = text.get("code_status", "")
    cells.integer("number_of_sources")
    quantities = [q for name, qualifier in _ESTIMATES if (q := _deaths(cells, name, qualifier, lookups)) is not None]
    location = _location(cells, text, lookups)
    reported = _reported(cells, zone, version, lookups)
    if start is not None and end is not None and end < start:
        cells.problems.append(row.problem("date_end", f"{end} before date_start {start}", "date_end on or after date_start"))
    if cells.problems or start is None or end is None or violence is None or reported is None:
        return None, cells.problems
    assert precision is not None  # a blank or unknown date_prec is a problem above
    occurred = lookups.remember("window", (start, end, zone), lambda: Window.days(start, end, zone))
    gwnoa, gwnob = text.get("gwnoa", ""), text.get("gwnob", "")
    facts = Facts(
        event_type=VIOLENCE[violence],
        sub_event_type="",
        sides=(_names(text.get("side_a", "")), _names(text.get("side_b", ""))),
        interaction="",
        places=tuple(p for c in ("adm_1", "adm_2", "where_coordinates") if (p := text.get(c, ""))),
        occurred=occurred,
        event_clarity=clarity,
        code_status=status,
        country_code=text.get("country_id", ""),
        country_scheme="gw",
        side_codes=lookups.remember("gw codes", (gwnoa, gwnob), lambda: tuple(c.strip() for cell in (gwnoa, gwnob) for c in cell.split(",") if c.strip())),
        side_parties=(lookups.gw_parties(gwnoa), lookups.gw_parties(gwnob)),
    )
    return UcdpRow(row, text if keep_text else None, event_id, precision, violence, clarity, status, version, quantities, location, reported, occurred, facts, lookups.links(facts)), []


def _source_id(one: UcdpRow) -> str:
    return f"ucdp-ged:{one.event_id}" + (f"@{one.version.isoformat()}" if one.version else "")


def _content(one: UcdpRow, agreement: Agreement | None, lookups: PlainLookups, accept_candidates: bool) -> dict[str, Any]:
    """What the event of ``one`` holds but its id and record: two rows of one id alike in this are one row repeated."""
    text, facts, violence = one.stripped(), one.facts, one.violence
    side_a, side_b, where = text.get("side_a", ""), text.get("side_b", ""), text.get("where_coordinates", "")
    return {
        "kind": f"{VIOLENCE[violence]} violence",
        "summary": f"{VIOLENCE[violence].capitalize()} violence: {side_a or '?'} against {side_b or '?'}" + (f", at {where}" if where else "") + " (UCDP GED)",
        "occurred": one.occurred,
        "occurred_text": f"date_start {text.get('date_start', '')}, date_end {text.get('date_end', '')}, date_prec {one.precision}",
        "reported": one.reported,
        "version": one.version,
        "actors": list(facts.actors),
        "place": _place(facts.places, agreement, lookups),
        "quantities": one.quantities,
        "links": one.links,
        "sources": [Citation(source=_source_id(one), note=_source_note(text))],
        "status": "candidate" if one.candidate(accept_candidates) else "accepted",
        "note": "; ".join(n for n in (_standing(one.clarity, one.status), parties_note(facts.side_parties, ("side a", "side b"))) if n) or None,
    }


def _emit(one: UcdpRow, agreement: Agreement | None, lookups: PlainLookups, accept_candidates: bool) -> tuple[Event, Source]:
    """The event of ``one`` and the source it cites."""
    text, row = one.stripped(), one.row
    source = Source(
        id=_source_id(one),
        title=f"UCDP GED event {one.event_id}: {text.get('source_headline') or 'no headline given'}",
        publisher=text.get("source_office") or DATASET,
        published=one.reported,
        published_note="the earliest source_date of the row" if text.get("source_date") else "the GED release date",
    )
    event = Event(
        id=one.event_id,
        record=Record(dataset=DATASET, id=one.event_id, file=row.file, line=row.line, time_precision=one.precision, location=one.location, fields=dict(row.values)),
        **_content(one, agreement, lookups, accept_candidates),
    )
    return event, source


def _cleared(status: str) -> bool:
    """True for a row UCDP has cleared, or one that does not say (GED files before code_status, or without the column)."""
    return not status or status.casefold() == "clear"


def _standing(clarity: int | None, status: str) -> str | None:
    """What UCDP says of the row's own standing: low clarity, or a coding status other than Clear."""
    parts = []
    if clarity == 2:
        parts.append("low clarity (event_clarity 2): the reporting did not allow full identification")
    elif clarity == 1:
        parts.append("event_clarity 1")
    if not _cleared(status):
        parts.append(f"code_status {status!r}: not yet cleared by UCDP (candidate data)")
    elif status:
        parts.append("code_status Clear")
    return "UCDP: " + "; ".join(parts) if parts else None


def _names(text: str) -> tuple[str, ...]:
    return (text,) if text else ()


def _deaths(cells: Cells, column: str, qualifier: str, lookups: PlainLookups) -> Quantity | None:
    """One of the row's death estimates as a quantity: one frozen record, shared by every event that gives the same estimate."""
    value = cells.integer(column, required=True, check=quantity)
    if value is None:
        return None
    return lookups.remember("deaths", (column, value, qualifier), lambda: Quantity(name=f"deaths ({column} estimate)", value=value, qualifier=qualifier, text=f"UCDP {column}: {value}"))  # type: ignore[arg-type]


def _reported(cells: Cells, zone: str, version: dt.datetime | None, lookups: PlainLookups) -> Window | None:
    """When the row was first reported: the day of its earliest ``source_date``, else the release; the same cell gives the same window, made once."""
    key = (cells.row.get("source_date"), zone, version)
    found = lookups.recall("reported", key)
    if found is not None:
        return found  # type: ignore[return-value]
    made = _read_reported(cells, zone, version)
    if made is not None:
        lookups.keep("reported", key, made)
    return made


def _read_reported(cells: Cells, zone: str, version: dt.datetime | None) -> Window | None:
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


def _location(cells: Cells, text: dict[str, str], lookups: PlainLookups) -> Location:
    """Where the row places the event, shared with earlier rows that write the place alike (see :meth:`~.lookups.PlainLookups.location`)."""
    return lookups.location(cells, text, ("where_coordinates", "adm_1", "adm_2", "country", "latitude", "longitude", "where_prec"), _read_location)


def _read_location(cells: Cells, text: dict[str, str]) -> Location:
    return Location(
        name=text.get("where_coordinates") or None,
        admin1=text.get("adm_1") or None,
        admin2=text.get("adm_2") or None,
        country=text.get("country") or None,
        latitude=cells.number("latitude", check=latitude),
        longitude=cells.number("longitude", check=longitude),
        precision=cells.integer("where_prec", allowed=WHERE_PRECISION),
    )


def _place(names: tuple[str, ...], agreement: Agreement | None, lookups: PlainLookups) -> str | None:
    for name in names if agreement is not None else ():
        found = lookups.place_of(name)
        if found:
            return found
    return names[-1] if names else None


def _source_note(text: dict[str, str]) -> str:
    keep = ("number_of_sources", "source_article", "source_office", "source_date", "source_headline", "source_original")
    return "; ".join(f"{c}: {value}" for c in keep if (value := text.get(c, "")))


def _located(where: Location) -> list[str]:
    """The names a row places its event by, most local first: those compared with the agreement's places."""
    return [n for n in (where.name, where.admin3, where.admin2, where.admin1) if n]
