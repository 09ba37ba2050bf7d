"""Reading agreements and event files from YAML or JSON, with errors that name the line.

A file is parsed, then validated by the models, then checked as a whole. Every
problem found is reported with the file, the line and the field, and nothing
in the file is dropped or altered on the way in.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ._documents import line_finder, parse_json, parse_yaml
from .validation import Origin, check_agreement, check_citations, dotted_path, raise_problems
from . import time as cftime
from .errors import CeasefireError, FileFormatError, InvalidTimeError, InvalidInputError, Problem, UnknownFieldError
from .model import Agreement, EventLog

M = TypeVar("M", bound=BaseModel)
PathLike = str | Path


def load_agreement(path: PathLike) -> Agreement:
    """Read an agreement file (YAML or JSON) and check it whole."""
    data, origin = read_document(Path(path))
    return parse_agreement(data, origin=origin)


def load_events(path: PathLike) -> EventLog:
    """Read an event file (YAML or JSON): its sources and events."""
    data, origin = read_document(Path(path))
    return parse_events(data, origin=origin)


def parse_agreement(data: Any, *, origin: Origin | None = None) -> Agreement:
    """Validate an agreement given as plain data (as read from YAML or JSON)."""
    origin = origin or Origin("<agreement>")
    from .validation.files import check_whole_agreement

    agreement = _validate(Agreement, data, origin)
    raise_problems(check_agreement(agreement, origin))
    raise_problems(check_whole_agreement(agreement, origin))
    return agreement


def parse_events(data: Any, *, origin: Origin | None = None) -> EventLog:
    """Validate an event log given as plain data. Links are checked against an agreement later, by the tracker."""
    origin = origin or Origin("<events>")
    log = _validate(EventLog, data, origin)
    own = {s.id: s for s in log.sources}
    citations = [(("events", i, "sources", k), c) for i, e in enumerate(log.events) for k, c in enumerate(e.sources) if c.source in own]
    raise_problems(check_citations(citations, own, origin))
    return log


def read_document(path: Path) -> tuple[Any, Origin]:
    """Parse a YAML or JSON file; the origin it returns finds field lines only when a message needs one."""
    text = read_text(path)
    name = str(path)
    data = parse_json(text, name) if path.suffix.lower() == ".json" else parse_yaml(text, name)
    if data is None or (isinstance(data, str) and not data.strip()):
        raise FileFormatError(Problem(name, "an empty file", "a mapping of fields, e.g. 'events:' or 'points:'"))
    if not isinstance(data, Mapping):
        raise FileFormatError(Problem(name, f"a document whose top level is {_kind_of(data)}", "a mapping of fields, e.g. 'events:' or 'points:'"))
    return data, Origin(name, line_finder(text), (path.resolve().parent,))


def read_text(path: Path) -> str:
    """The text of ``path`` read as UTF-8 (a byte-order mark is allowed), or a :class:`FileFormatError` saying why not."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FileFormatError(Problem(str(path), f"a file that cannot be read ({exc.strerror or exc})", "a readable UTF-8 YAML or JSON file")) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise FileFormatError(Problem(f"{path}:{line}", f"the bytes {raw[exc.start:exc.start + 4]!r}, which are not UTF-8", "a file saved as UTF-8")) from None


def _kind_of(data: Any) -> str:
    names = {list: "a list", str: "a single piece of text", int: "a number", float: "a number", bool: "a true/false value"}
    return f"{names.get(type(data), type(data).__name__)} ({repr(data)[:40]})"


def _validate(model: type[M], data: Any, origin: Origin) -> M:
    zone = data.get("zone") if isinstance(data, Mapping) else None
    if isinstance(zone, str):  # a bad zone would fail every date read in it: say so once, against 'zone'
        try:
            cftime.zone(zone)
        except InvalidTimeError as exc:  # the place is looked up only now: a clean file never composes its lines
            raise InvalidTimeError([Problem(origin.where(("zone",)), p.received, p.expected) for p in exc.problems]) from None
    try:
        value = model.model_validate(data, context={"zone": zone if isinstance(zone, str) else None})
    except ValidationError as exc:
        raise _translate(exc, model, origin) from None
    except CeasefireError as exc:
        raise type(exc)([Problem(f"{origin.name}: {p.where}", p.received, p.expected) for p in exc.problems]) from None
    value._origin = origin  # type: ignore[attr-defined]
    return value


def _translate(exc: ValidationError, model: type[BaseModel], origin: Origin) -> CeasefireError:
    found: list[tuple[type[CeasefireError], Problem]] = []
    for error in exc.errors():
        path = tuple(error["loc"])
        where = origin.where(_strip_tags(model, path))
        inner = (error.get("ctx") or {}).get("error")
        if isinstance(inner, CeasefireError):
            first = inner.problems[0]
            found.append((type(inner), Problem(where, first.received, first.expected)))
        elif error["type"] == "extra_forbidden":
            allowed = _fields_at(model, path[:-1])
            expected = f"one of the fields {', '.join(allowed)}" if allowed else "only documented fields"
            if isinstance(path[-1], str) and (" " in path[-1].strip() or len(path[-1]) > 40):
                expected += (
                    "; a field name holding spaces usually means that text with a colon followed by a space"
                    " was left unquoted, and YAML read it as a new field: put that text in quotes"
                )
            found.append((UnknownFieldError, Problem(where, f"the unknown field {path[-1]!r}", expected)))
        elif error["type"] == "missing":
            found.append((InvalidInputError, Problem(where, f"no {path[-1]!r} (the field is missing)", "this required field")))
        else:
            received = repr(error.get("input"))
            received = received if len(received) <= 80 else received[:79] + "…"
            found.append((InvalidInputError, Problem(where, received, _expected(error["msg"]))))
    return found[0][0]([p for _, p in found])


def _expected(message: str) -> str:
    """Pydantic's message recast as what was expected ("Input should be a valid integer" -> "a valid integer")."""
    for prefix in ("Value error, ", "Input should be ", "Input should have "):
        message = message.removeprefix(prefix)
    return message


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation can hold, looking through Optional, list and Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, tuple, typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _unwrap(arg)]
    return [annotation] if isinstance(annotation, type) and issubclass(annotation, BaseModel) else []


def _walk(model: type[BaseModel], path: tuple[str | int, ...]) -> tuple[type[BaseModel] | None, tuple[str | int, ...]]:
    """Follow ``path`` through the model classes; return the last class and the path without union tags."""
    current: list[type[BaseModel]] = [model]
    kept: list[str | int] = []
    for part in path:
        if isinstance(part, int):
            kept.append(part)
            continue
        tagged = [m for m in current if _tag(m) == part]
        if len(current) > 1 and tagged:
            current = tagged
            continue
        kept.append(part)
        fields = [m.model_fields[part] for m in current if part in m.model_fields]
        current = [m for f in fields for m in _unwrap(f.annotation)]
    return (current[0] if len(current) == 1 else None), tuple(kept)


def _tag(model: type[BaseModel]) -> str | None:
    field = model.model_fields.get("kind")
    return field.default if field is not None and isinstance(field.default, str) else None


def _strip_tags(model: type[BaseModel], path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    return _walk(model, path)[1]


def _fields_at(model: type[BaseModel], path: tuple[str | int, ...]) -> list[str]:
    found = _walk(model, path)[0]
    return sorted(found.model_fields) if found is not None else []


__all__ = ["dotted_path", "load_agreement", "load_events", "parse_agreement", "parse_events", "read_document"]
