"""Checking whole files without running anything: what ``ceasefire validate`` does.

A file's kind is told from its content by :data:`KINDS` (an agreement has
``points``, an event log has ``events``), and each kind has one checker in
:data:`CHECKERS`. Dataset exports (ACLED CSV or API JSON, ACLED deletions,
UCDP GED CSV) and mapping-rule files are recognised by their columns or keys
first and checked by :mod:`ceasefire.validation.datasets`. To teach
``validate`` a new kind of file, add a detector to ``KINDS`` and a checker to
``CHECKERS``; nothing else changes.

Every problem is collected, not just the first: each one names the file, the
line and the field, what was found and what was expected.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..errors import CeasefireError, FileFormatError, Problem
from ..model import Agreement, Event, EventLog, Source
from ..time import Window, instant
from .problems import Origin
from .references import check_log


@attrs.define
class Context:
    """What checkers share: the agreement that event files are checked against, and the logs read so far."""

    agreement: Agreement | None = None
    agreement_name: str = "the bundled agreement"
    logs: list[EventLog] = attrs.Factory(list)
    models: dict[str, tuple[Agreement | EventLog, Origin]] = attrs.Factory(dict)
    """The model of each file read without a problem, by its path as given, with its origin: the warnings read it from here rather than parse the file again."""

    def reference(self) -> Agreement:
        """The agreement to check events against: the one given, else the bundled one."""
        if self.agreement is None:
            from .. import bundled

            self.agreement = bundled.agreement()
        return self.agreement


@attrs.frozen
class FileResult:
    """The outcome for one file: its kind, a one-line summary, and every problem found."""

    path: str
    kind: str | None
    summary: str
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()
    """Things allowed but probably slips (see :mod:`ceasefire.advice`); they never make a file fail."""

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems


_NEVER = Window.exact(instant("1970-01-01T00:00:00+00:00"))

Checker = Callable[[Any, Origin, Context], tuple[str, list[Problem]]]


def _is_agreement(data: Mapping[str, Any]) -> bool:
    return "points" in data


def _is_events(data: Mapping[str, Any]) -> bool:
    return "events" in data


KINDS: list[tuple[str, Callable[[Mapping[str, Any]], bool]]] = [("agreement", _is_agreement), ("events", _is_events)]
"""How a file's kind is told from its content, tried in order."""


def check_agreement_file(data: Any, origin: Origin, context: Context) -> tuple[str, list[Problem]]:
    """An agreement file: its fields, then its cross-references."""
    from ..loading import parse_agreement

    try:
        agreement = parse_agreement(data, origin=origin)
    except CeasefireError as exc:
        return "agreement", list(exc.problems)
    context.models[origin.name] = (agreement, origin)
    obligations = sum(len(p.obligations) for p in agreement.points) + sum(len(a.obligations) for a in agreement.amendments)
    return f"agreement {agreement.id}: {len(agreement.points)} points, {obligations} obligations, {len(agreement.amendments)} amendments", []


def check_events_file(data: Any, origin: Origin, context: Context) -> tuple[str, list[Problem]]:
    """An event file: its fields, then its links and citations against the reference agreement."""
    from ..loading import parse_events

    agreement = context.reference()
    known = {s.id: s for s in agreement.sources}
    try:
        log = parse_events(data, origin=origin)
    except CeasefireError as exc:
        partial = _well_formed_part(data)
        more = [p for _, p in check_log(partial, origin, agreement, known)] if partial is not None else []
        return "event log", [*exc.problems, *(p for p in more if p not in exc.problems)]
    problems = [problem for _, problem in check_log(log, origin, agreement, known)]
    if not problems:
        context.logs.append(log)
        context.models[origin.name] = (log, origin)
    distinct = len({e.id for e in log.events})
    records = f"{distinct} events" if distinct == len(log.events) else f"{distinct} events ({len(log.events)} records with their revisions)"
    return f"event log: {records}, {len(log.sources)} sources, checked against {context.agreement_name}", problems


def _well_formed_part(data: Any) -> EventLog | None:
    """The events and sources of a file that are well formed on their own, for checking their links and citations.

    An ill-formed event or source is replaced by an inert stand-in, so every
    other one keeps its place (and so its line) in the file.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("events", []), list) or not isinstance(data.get("sources", []), list):
        return None
    zone = data.get("zone") if isinstance(data.get("zone"), str) else None
    context = {"zone": zone}
    sources = [_valid(Source, raw, context) or Source.model_construct(id=_raw_id(raw, f"<source {i}>"), title="") for i, raw in enumerate(data.get("sources", []))]
    events = [_valid(Event, raw, context) or _stand_in(i) for i, raw in enumerate(data.get("events", []))]
    return EventLog.model_construct(zone=zone, sources=sources, events=events)


def _valid(model: Any, raw: Any, context: dict[str, Any]) -> Any:
    try:
        return model.model_validate(raw, context=context)
    except (ValueError, CeasefireError):
        return None


def _raw_id(raw: Any, default: str) -> str:
    found = raw.get("id") if isinstance(raw, Mapping) else None
    return found if isinstance(found, str) else default


def _stand_in(index: int) -> Event:
    """An event that links to nothing and cites nothing, standing for an ill-formed one."""
    return Event.model_construct(id=f"<ill-formed event {index}>", links=[], sources=[], discrepancies=[], reported=_NEVER, version=None)


CHECKERS: dict[str, Checker] = {"agreement": check_agreement_file, "events": check_events_file}
"""The checker for each kind of file."""


def validate_paths(paths: Sequence[Path], *, agreement: Path | None = None) -> list[FileResult]:
    """Check every file in ``paths``; event files against ``agreement``, an agreement among ``paths``, or the bundled one."""
    from ..loading import parse_agreement

    context = Context()
    reference = agreement or _first_agreement(paths)
    if reference is not None:
        try:
            data, origin = _read(reference)
            context.agreement, context.agreement_name = parse_agreement(data, origin=origin), str(reference)
        except CeasefireError:
            context.agreement_name = f"{reference} (which has problems of its own)"
    results = [validate_path(path, context) for path in paths]
    return _with_warnings(results, context) + _across_files(context)


def _with_warnings(results: list[FileResult], context: Context) -> list[FileResult]:
    """The results, with the warnings of :mod:`ceasefire.advice` on each clean agreement and event file, then those of
    :mod:`ceasefire.validation.notes` (notes that tell of later events) on each clean event file."""
    from ..advice import add_warnings
    from .notes import add_note_warnings

    return add_note_warnings(add_warnings(results, context), context)


def validate_path(path: Path, context: Context) -> FileResult:
    """Check one file, whatever its kind."""
    if not path.is_file():
        return FileResult(str(path), None, "not checked", (Problem(str(path), "no such file", "an agreement or event file (YAML or JSON)"),))
    from .datasets import check_dataset_file

    dataset = check_dataset_file(path, context.agreement)
    if dataset is not None:
        return FileResult(str(path), dataset[0], dataset[1], tuple(dataset[2]))
    try:
        data, origin = _read(path)
    except FileFormatError as exc:
        return FileResult(str(path), None, "not checked", exc.problems)
    kind = next((name for name, detect in KINDS if detect(data)), None)
    if kind is None:
        expected = "a file with " + " or ".join(f"'{k}'" for k in ("points", "events"))
        return FileResult(str(path), None, "not checked", (Problem(str(path), f"a document with the keys {sorted(data)}", expected),))
    summary, problems = CHECKERS[kind](data, origin, context)
    return FileResult(str(path), kind, summary, tuple(sorted(problems, key=_line)))


def _line(problem: Problem) -> int:
    """The line a problem names (``file:LINE ...``), for listing problems in file order; 0 when none."""
    found = re.match(r"^.*?:(\d+)\b", problem.where)
    return int(found.group(1)) if found else 0


def _read(path: Path) -> tuple[Any, Origin]:
    """A file's data and origin; the bundled files find their source texts where the package keeps them."""
    from .. import bundled
    from ..loading import read_document

    data, origin = read_document(path)
    if path.resolve().parent == bundled.DATA:
        origin = Origin(origin.name, origin.line_of, bundled._roots())
    return data, origin


def _first_agreement(paths: Iterable[Path]) -> Path | None:
    from ..loading import read_document

    for path in paths:
        try:
            data, _ = read_document(path)
        except CeasefireError:
            continue
        if _is_agreement(data):
            return path
    return None


def _across_files(context: Context) -> list[FileResult]:
    """Problems no single file shows, such as one event id used in two files."""
    if len(context.logs) < 2:
        return []
    from ..engine import Tracker

    try:
        Tracker(context.reference(), *context.logs)
    except CeasefireError as exc:
        return [FileResult("(across files)", None, "event files checked together", exc.problems)]
    return []
