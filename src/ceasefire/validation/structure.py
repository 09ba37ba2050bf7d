"""Structural checks: every field of a document, each problem with its file, line and field path.

The pydantic models say what each field holds; this module runs them and turns
their complaints into ceasefire's typed errors, placed with the document's
:class:`~ceasefire.validation.problems.Origin`: the path a model reports is
stripped of union tags (``kind`` values) so it names the field as written.
A bad ``zone`` is said once, against ``zone``, rather than for every date it spoils.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .. import time as cftime
from ..bounds import VISIBLE
from ..errors import CeasefireError, InvalidInputError, InvalidTimeError, Problem, UnknownFieldError
from .problems import Origin

M = TypeVar("M", bound=BaseModel)
Sharer = Callable[[Any, dict[str, Any]], Any]
"""What :func:`check_fields` may hand a document to before validating it (the document and the context in, the document to validate out)."""


def check_fields(model: type[M], data: Any, origin: Origin, share: Sharer | None = None) -> M:
    """``data`` as a ``model``, or one typed error listing every field that is wrong, each with file, line and field path.

    ``share``, when given, is handed the data and the validation context first
    and returns the data to validate: equal data with repeated parts read once
    (see :func:`ceasefire.model.with_shared_parts`); field paths are unchanged.
    """
    zone = data.get("zone") if isinstance(data, Mapping) else None
    if isinstance(zone, str):  # a bad zone would fail every date read in it: say so once, against 'zone'
        try:
            cftime.zone(zone)
        except InvalidTimeError as exc:  # the place is looked up only now: a clean file never composes its lines
            raise InvalidTimeError([Problem(origin.where(("zone",)), p.received, p.expected) for p in exc.problems]) from None
    try:
        context: dict[str, Any] = {"zone": zone if isinstance(zone, str) else None}
        value = model.model_validate(data if share is None else share(data, context), context=context)
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
        elif error["type"] == "string_pattern_mismatch" and (error.get("ctx") or {}).get("pattern") == VISIBLE:
            found.append((InvalidInputError, Problem(where, f"{error.get('input')!r}, white space alone", "a text with something written in it")))
        elif error["type"] == "string_too_short" and error.get("input") == "":
            found.append((InvalidInputError, Problem(where, "'' (nothing)", "a text with something written in it")))
        elif error["type"] == "missing":
            found.append((InvalidInputError, Problem(where, f"no {path[-1]!r} (the field is missing)", "this required field")))
        elif error["type"] == "string_type" and isinstance(error.get("input"), (bool, int, float)):
            given = error.get("input")
            what = f"the boolean {str(given).lower()}" if isinstance(given, bool) else f"the number {given!r}"
            found.append((InvalidInputError, Problem(where, what, "text (in YAML, quote such a value to keep it as written: unquoted, yes, no, on and off read as booleans, and digits alone as a number)")))
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
