"""Reading obligation and event files into columns, with polars.

Both files are newline-delimited JSON (``.ndjson``, ``.jsonl``) or CSV with a
header row. Instants are ISO 8601 strings with an offset, e.g.
``2025-03-04T10:11:12.123456+04:00`` (``Z`` is read as UTC); fractions of a
second are optional, to the microsecond (further digits only if they are zeros). An instant without an offset raises
:class:`~ceasefire.NaiveDatetimeError` naming the file, the line and the
field. Fields other than those listed are not read.

Obligations: ``obligation`` (the id), ``kind`` (``deadline``, the default
when the field is absent or empty; ``standing``, a duty that holds
throughout; ``progress``, work with no deadline; or ``term``, a period that
may renew), ``deadline`` (for deadline obligations, and only for them) and,
for term obligations only, ``start`` (an instant), ``period``, ``renewal``
and ``notice`` (ISO 8601 durations such as ``P1Y`` or ``P6M``, as the
model spells a term; ``period`` is required, ``renewal`` and ``notice``
optional).
Events: ``obligation``, ``at``, ``kind`` (``advances``, ``move-deadline``,
``fulfils``, ``breaches``, ``notice``, ``context`` or ``deletion``),
``reported`` and ``new_deadline`` (on ``move-deadline`` rows only; empty or
null elsewhere). An event known only to a window gives ``latest``, the
window's last instant, beside ``at``, its first; or gives ``at`` as a plain
date (``2025-03-04``), the whole of that day in the obligations' zone (the
``zone`` given to :func:`read_obligations`), with no ``latest``. A
``move-deadline`` row is an amendment and takes effect at one instant: it
takes neither a window nor a date. A ``move-deadline`` row is for a deadline obligation and
a ``notice`` row for a term obligation; either about another kind is refused.
A revised feed adds ``event`` (the event's id; rows of one event and one
version, one per obligation it is linked to, share it) and ``version`` (when
that version was published; empty means its ``reported``). A ``deletion``
row withdraws the whole event ``event`` at its ``version`` (else its
``reported``); its ``obligation`` may be any obligation of the file. Versions
and deletions then count as :mod:`ceasefire.revisions` says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from ..bounds import identifier
from ..errors import CeasefireError, FileFormatError, InvalidInputError, InvalidTimeError, Problem, UnknownObligationError
from ..model import TermObligation
from ..time import Span, check_date, end_of_day, start_of_day
from . import codes
from .columns import EventColumns
from .instants import instant, micros
from .timestamps import parse_instants, places, shown, where

OBLIGATION_FIELDS = ("obligation", "deadline", "kind", "start", "period", "renewal", "notice")
TERM_FIELDS = ("start", "period", "renewal", "notice")
"""The fields of a term obligation's calendar, read for term obligations only."""
EVENT_FIELDS = ("obligation", "at", "kind", "reported", "new_deadline", "event", "version", "latest")


@attrs.frozen(eq=False)
class Obligations:
    """Obligation ids, their original deadlines (microseconds since the epoch), their kind codes (None: all deadline obligations) and the term obligations by code."""

    ids: tuple[str, ...]
    deadline: np.ndarray
    zone: str = "UTC"
    kind: np.ndarray | None = None
    terms: Mapping[int, TermObligation] = attrs.field(factory=dict)


def read_obligations(path: str | Path, *, zone: str = "UTC") -> Obligations:
    """The obligations in an NDJSON or CSV file; ``zone`` is the zone dates asked about are read in, and terms' periods counted in."""
    path = Path(path)
    frame = _read(path, OBLIGATION_FIELDS)
    _require(frame, path, ("obligation",))
    _check_ids(frame, path, "obligation")
    ids = frame["obligation"]
    dupes = ids.is_duplicated()
    if dupes.any():
        row = int(dupes.arg_true()[0])
        raise InvalidInputError(Problem(where(path, row, "obligation"), f"the id {ids[row]!r} a second time", "each obligation id once"))
    kind = _obligation_kinds(frame, path)
    undated = np.zeros(frame.height, bool) if kind is None else kind != codes.DEADLINE
    given = frame["deadline"].is_not_null().to_numpy() if "deadline" in frame.columns else np.zeros(frame.height, bool)
    wrong = np.flatnonzero(given == undated)
    if wrong.size:
        row = int(wrong[0])
        if undated[row]:
            assert kind is not None
            name = codes.OBLIGATION_KINDS[kind[row]]
            raise InvalidInputError(Problem(where(path, row, "deadline"), f"a deadline for the {name} obligation {ids[row]!r}", f"no deadline on a {name} obligation ({_WHY_UNDATED[name]}); leave the field empty, or give kind 'deadline'"))
        raise InvalidInputError(Problem(where(path, row, "deadline"), "no value", "a deadline for a deadline obligation, e.g. '2025-03-04T10:11:12+04:00' (or kind 'standing' for a duty with no deadline)"))
    deadline = parse_instants(frame, path, ["deadline"])["deadline"] if "deadline" in frame.columns else np.zeros(frame.height, np.int64)
    deadline = np.where(undated, codes.NEVER, deadline)
    terms = _terms(frame, path, ids.to_list(), kind, zone)
    return Obligations(tuple(ids.to_list()), deadline, zone, kind, terms)


_WHY_UNDATED = {"standing": "it holds throughout", "progress": "work with no deadline", "term": "its periods say when it ends"}


def _terms(frame: Any, path: Path, ids: list[str], kind: np.ndarray | None, zone: str) -> dict[int, TermObligation]:
    """Each term obligation's calendar, by code; a calendar field on another kind, or a term without start or period, is refused."""
    term = np.zeros(frame.height, bool) if kind is None else kind == codes.TERM
    for name in TERM_FIELDS:
        given = frame[name].is_not_null().to_numpy() if name in frame.columns else np.zeros(frame.height, bool)
        wrong = np.flatnonzero(given & ~term)
        if wrong.size:
            row = int(wrong[0])
            own = "deadline" if kind is None else codes.OBLIGATION_KINDS[kind[row]]
            raise InvalidInputError(Problem(where(path, row, name), f"a {name} for the {own} obligation {ids[row]!r}", f"no {name}: {', '.join(TERM_FIELDS)} are for term obligations only (or give kind 'term')"))
        if name in ("start", "period"):
            missing = np.flatnonzero(term & ~given)
            if missing.size:
                example = "an instant with an offset, e.g. '2025-03-04T10:11:12+04:00'" if name == "start" else "an ISO 8601 duration greater than zero, e.g. 'P1Y' or 'P6M'"
                raise InvalidInputError(Problem(where(path, int(missing[0]), name), "no value", f"the term's {name}: {example}"))
    rows = np.flatnonzero(term).tolist()
    if not rows:
        return {}
    start = parse_instants(frame, path, ["start"])["start"]
    found = {}
    place = places(path)
    for row in rows:
        spans = {
            name: Span.parse(frame[name][row], where=place(row, name), positive=name != "notice")
            for name in ("period", "renewal", "notice") if name in frame.columns and frame[name][row] is not None
        }
        found[row] = TermObligation(id=ids[row], bearers=["bearer"], summary=f"term {ids[row]}", effective=instant(int(start[row]), zone), **spans)  # type: ignore[arg-type]
    return found


def _obligation_kinds(frame: Any, path: Path) -> np.ndarray | None:
    """Each obligation's kind code (an empty field is a deadline obligation), or None when all are deadline obligations."""
    import polars as pl

    if "kind" not in frame.columns:
        return None
    coded = frame.select(pl.col("kind").fill_null("deadline").cast(pl.Enum(codes.OBLIGATION_KINDS), strict=False).to_physical().alias("kind"))
    bad = coded["kind"].is_null()
    if bad.any():
        row = int(bad.arg_true()[0])
        raise InvalidInputError(Problem(where(path, row, "kind"), repr(frame["kind"][row]), f"one of {', '.join(codes.OBLIGATION_KINDS)} (or no value: deadline)"))
    found: np.ndarray = coded["kind"].to_numpy().astype(np.int8)
    return found if (found != codes.DEADLINE).any() else None


LAST_REPORT = "last report"
"""The default of ``read_events(watched_until=...)``: the feed watches up to its latest report."""


def read_events(path: str | Path, obligations: Obligations, *, watched_until: Any = LAST_REPORT) -> EventColumns:
    """The events in an NDJSON or CSV file, as columns over ``obligations``.

    ``watched_until`` is the last instant the feed watches: past it, a status
    that rests on silence reads ``unmonitored``. By default it is the latest
    instant any row was reported or versioned, since a feed says nothing of
    what came after it; give an aware datetime, an ISO string with an offset,
    a date (its end in the obligations' zone) or microseconds to declare a
    longer or shorter watch, or None to take the feed as watching throughout.
    """
    import polars as pl

    path = Path(path)
    frame = _read(path, EVENT_FIELDS)
    _require(frame, path, ("obligation", "at", "kind", "reported"))
    coded = frame.select(
        pl.col("obligation").cast(pl.Enum(obligations.ids), strict=False).to_physical().alias("code"),
        pl.col("kind").cast(pl.Enum(codes.KINDS), strict=False).to_physical().alias("kind"),
    )
    code = _codes(frame, coded, path, "code", "obligation", UnknownObligationError, f"an obligation id from the obligations file, e.g. {obligations.ids[0]!r}" if obligations.ids else "an obligation id")
    kind = _codes(frame, coded, path, "kind", "kind", InvalidInputError, f"one of {', '.join(codes.KINDS)}")
    _check_kinds_fit(path, kind, code, obligations)
    dated = _dated(frame)
    instants = parse_instants(frame.with_columns(pl.when(pl.Series(dated)).then(None).otherwise(pl.col("at")).alias("at")) if dated.any() else frame, path, ["at", "reported", "new_deadline", "version", "latest"])
    _check_new_deadlines(frame, path, kind)
    at, latest = _windows(frame, path, kind, dated, instants, obligations.zone)
    event, version = _revisions(frame, path, kind, instants)
    return EventColumns.from_arrays(
        obligations.ids, obligations.deadline, code, at, kind, instants["new_deadline"], instants["reported"],
        zone=obligations.zone, event=event, version=version, obligation_kind=obligations.kind, terms=obligations.terms,
        watched_until=_watched_until(watched_until, instants["reported"], version, obligations.zone), latest=latest,
    )


_DATE = r"^\d{4}-\d{2}-\d{2}$"
"""A plain date, e.g. ``2025-03-04``: the whole day in the obligations' zone."""


def _dated(frame: Any) -> np.ndarray:
    """True for each row whose ``at`` is a plain date.

    Only a string of ten characters can match :data:`_DATE`, so the pattern is
    run on those alone: a feed of exact instants pays for a length, not a search.
    """
    at = frame["at"]
    short = (at.str.len_chars() == 10).fill_null(False)
    if not short.any():
        return np.zeros(frame.height, bool)
    rows = short.arg_true()
    found = np.zeros(frame.height, bool)
    found[rows.to_numpy()] = at.gather(rows).str.contains(_DATE).to_numpy()
    return found


def _windows(frame: Any, path: Path, kind: np.ndarray, dated: np.ndarray, instants: dict[str, np.ndarray], zone: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Each row's first and last instants (None for the last when every row is exact), with the refusals a window can meet.

    A plain date is read, once per distinct date, as the first and last
    microsecond of that day in ``zone``; ``latest`` is refused beside a
    date, before ``at``, and (as a window or a date) on a ``move-deadline`` row.
    """
    at = instants["at"]
    given = frame["latest"].is_not_null().to_numpy() if "latest" in frame.columns else np.zeros(frame.height, bool)
    if not dated.any() and not given.any():
        return at, None
    bad = np.flatnonzero(dated & given)
    if bad.size:
        row = int(bad[0])
        raise InvalidInputError(Problem(
            where(path, row, "latest"), f"{frame['latest'][row]!r} beside the date {frame['at'][row]!r} in 'at'",
            "either a date in 'at' (the whole day) or an instant in 'at' with 'latest' after it, not both",
        ))
    latest = np.where(given, instants["latest"], at)
    if dated.any():
        at, latest = at.copy(), latest.copy()
        rows = np.flatnonzero(dated)
        days, seen, inverse = np.unique(frame["at"].gather(rows).to_numpy().astype(str), return_index=True, return_inverse=True)
        first, last = np.empty(days.shape[0], np.int64), np.empty(days.shape[0], np.int64)
        for n, text in enumerate(days.tolist()):  # once per distinct date: a feed of millions of rows spans a few thousand days
            row = int(rows[seen[n]])  # the date's first row, whose line is found only if the date is refused
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                raise InvalidTimeError(Problem(where(path, row, "at"), shown(text), "a date that exists, e.g. '2025-03-04', or an instant with an offset")) from None
            try:
                check_date(day, where="at")
            except InvalidTimeError:
                check_date(day, where=where(path, row, "at"))
                raise
            first[n], last[n] = micros(start_of_day(day, zone)), micros(end_of_day(day, zone))
        at[rows], latest[rows] = first[inverse], last[inverse]
    bad = np.flatnonzero(latest < at)
    if bad.size:
        row = int(bad[0])
        raise InvalidInputError(Problem(
            where(path, row, "latest"), f"{frame['latest'][row]!r}, before 'at' ({frame['at'][row]!r})",
            "the window's last instant at or after its first ('at')",
        ))
    bad = np.flatnonzero((latest != at) & (kind == codes.MOVE_DEADLINE))
    if bad.size:
        row = int(bad[0])
        field, said = ("at", f"the date {frame['at'][row]!r}") if dated[row] else ("latest", f"a window from {frame['at'][row]!r} to {frame['latest'][row]!r}")
        raise InvalidInputError(Problem(
            where(path, row, field), f"{said} on a move-deadline row",
            "one exact instant in 'at' and no 'latest': a deadline move is an amendment, which takes effect at one instant",
        ))
    return at, latest


def _watched_until(given: Any, reported: np.ndarray, version: np.ndarray | None, zone: str) -> int | None:
    """The feed's last watched instant: the latest report or version by default (an empty feed watches nothing)."""
    if given is None:
        return None
    if isinstance(given, str) and given == LAST_REPORT:
        parts = [a for a in (reported, version) if a is not None and a.size]
        return max(int(a.max()) for a in parts) if parts else codes.SINCE_EVER
    return micros(given, zone, where="watched_until")


def _revisions(frame: Any, path: Path, kind: np.ndarray, instants: dict[str, np.ndarray]) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Event codes (-1 where no id) and version instants, or (None, None) for a feed without event ids."""
    named = frame["event"].is_not_null().to_numpy() if "event" in frame.columns else np.zeros(frame.height, bool)
    stamped = frame["version"].is_not_null().to_numpy() if "version" in frame.columns else np.zeros(frame.height, bool)
    needs = (kind == codes.DELETION) | stamped
    bad = np.flatnonzero(needs & ~named)
    if bad.size:
        raise InvalidInputError(Problem(where(path, int(bad[0]), "event"), "no value", "the id of the event this version or deletion belongs to, e.g. 'ACLED-123'"))
    bad = np.flatnonzero(named & (kind == codes.MOVE_DEADLINE))
    if bad.size:
        raise InvalidInputError(Problem(where(path, int(bad[0]), "event"), "an event id on a move-deadline row", "no event id there: a deadline move is an amendment, not an event"))
    if not named.any():
        return None, None
    _check_ids(frame, path, "event")
    event = frame["event"].rank("dense").fill_null(0).to_numpy().astype(np.int64) - 1
    version = np.where(stamped, instants["version"], instants["reported"])
    return event, version


_ODD_ID = r"^$|^ | $|[^ -~]"
"""Ids worth a closer look: empty, with a space at an end, or holding a character outside printable ASCII."""


def _check_ids(frame: Any, path: Path, name: str) -> None:
    """Refuse, with its file and line, the first id in column ``name`` that the per-event loader refuses (:func:`~ceasefire.bounds.identifier`).

    One pattern over the column finds the few ids that could be refused (in
    Rust, about 28 ms for 1,000,000 ids); only those, each distinct one once, are read in Python.
    """
    column = frame[name]
    odd = column.str.contains(_ODD_ID).fill_null(False)
    if not odd.any():
        return
    for value in column.filter(odd).unique(maintain_order=True).to_list():
        row = int((column == value).arg_true()[0])
        if value == "":
            raise InvalidInputError(Problem(where(path, row, name), "'' (nothing)", "an id, e.g. 'ACLED-123'"))
        try:
            identifier(value, where=name)
        except CeasefireError as exc:
            first = exc.problems[0]
            raise type(exc)(Problem(where(path, row, name), first.received, first.expected)) from None


def _read(path: Path, fields: tuple[str, ...]) -> Any:
    import polars as pl

    try:
        if path.suffix.lower() == ".csv":
            return pl.read_csv(path, infer_schema=False)
        if path.suffix.lower() in (".ndjson", ".jsonl", ".json"):
            return pl.scan_ndjson(path, schema={name: pl.String for name in fields}).collect()
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise FileFormatError(Problem(str(path), f"a file that could not be read ({exc})", "newline-delimited JSON or CSV with a header row")) from None
    raise FileFormatError(Problem(str(path), f"the suffix {path.suffix!r}", "a .ndjson, .jsonl or .csv file"))


def _require(frame: Any, path: Path, fields: tuple[str, ...]) -> None:
    missing = [name for name in fields if name not in frame.columns]
    if missing:
        raise FileFormatError(Problem(str(path), f"no values for {', '.join(missing)}", f"the fields {', '.join(fields)} on every line"))
    for name in fields:
        nulls = frame[name].is_null()
        if nulls.any():
            row = int(nulls.arg_true()[0])
            raise InvalidInputError(Problem(where(path, row, name), "no value", f"a value for {name!r}"))


def _codes(frame: Any, coded: Any, path: Path, column: str, field: str, error: type, expected: str) -> np.ndarray:
    bad = coded[column].is_null()
    if bad.any():
        row = int(bad.arg_true()[0])
        raise error(Problem(where(path, row, field), repr(frame[field][row]), expected))
    found: np.ndarray = coded[column].to_numpy()
    return found


def _check_kinds_fit(path: Path, kind: np.ndarray, code: np.ndarray, obligations: Obligations) -> None:
    """Refuse a ``move-deadline`` row about an obligation other than a deadline one, and a ``notice`` row about one other than a term."""
    if obligations.kind is None:
        if not (kind == codes.NOTICE).any():  # deadline obligations only: one look for a notice row
            return
        kind_of = np.zeros(kind.shape[0], np.int8)
    else:
        kind_of = obligations.kind[code]
    for row_kind, owner, why in ((codes.MOVE_DEADLINE, codes.DEADLINE, "only a deadline obligation has a deadline to move"), (codes.NOTICE, codes.TERM, "notice ends a term")):
        bad = np.flatnonzero((kind == row_kind) & (kind_of != owner))
        if bad.size:
            row = int(bad[0])
            own = codes.OBLIGATION_KINDS[kind_of[row]]
            raise InvalidInputError(Problem(
                where(path, row, "kind"), f"a {codes.KINDS[row_kind]} row for the {own} obligation {obligations.ids[code[row]]!r}",
                f"{codes.KINDS[row_kind]} rows for {codes.OBLIGATION_KINDS[owner]} obligations only: {why}",
            ))


def _check_new_deadlines(frame: Any, path: Path, kind: np.ndarray) -> None:
    given = frame["new_deadline"].is_not_null().to_numpy() if "new_deadline" in frame.columns else np.zeros(frame.height, bool)
    moves = kind == codes.MOVE_DEADLINE
    wrong = np.flatnonzero(given != moves)
    if wrong.size:
        row = int(wrong[0])
        said = "no new_deadline on a move-deadline row" if moves[row] else f"a new_deadline on a {codes.KINDS[kind[row]]!r} row"
        raise InvalidInputError(Problem(where(path, row, "new_deadline"), said, "a new_deadline on move-deadline rows and on no others"))

