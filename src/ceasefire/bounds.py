"""The range checks for values that are not times: ids, numbers, coordinates and URLs.

Each concept has one function here, and every way in (the models, the
dataset adapters, the command line) calls it; times have theirs in
:mod:`ceasefire.time`. Each returns the value unchanged when it is good, and
raises a typed :class:`~ceasefire.errors.CeasefireError` saying what was
received and what was expected when it is not. Nothing is corrected quietly:

* An id is kept exactly as written. It may not hold control characters
  (NUL, tabs, line breaks), characters that change the direction of text
  (bidi overrides and isolates), or invisible ones (zero-width spaces and
  joiners, the byte-order mark, spaces other than the plain one): exactly the
  characters Python's ``str.isprintable`` refuses; and it must already be in Unicode NFC, so
  that two ids that look the same are the same. An id in another form is
  refused with its NFC form in the message, for the user to write.
* A number must be finite, and within the bounds of what it measures; a
  boolean is not a number here (``true`` would otherwise be read as 1).
* A URL must be ``http`` or ``https`` (anything else, such as ``javascript:``
  or ``data:``, could run or load something in a reader's browser).
"""

from __future__ import annotations

import math
import unicodedata
from typing import Annotated, Any
from urllib.parse import urlsplit

from .errors import InvalidIdError, InvalidInputError, OutOfRangeError, Problem, UnsafeUrlError

MAX_QUANTITY = 1e15
"""The largest figure a quantity may state (more than any count of people, weapons or money a report gives)."""

URL_SCHEMES = ("http", "https")

def identifier(value: str, *, where: str = "id") -> str:
    """``value`` if it is a fair id: no control, direction or invisible characters, no space at either end, and written in NFC."""
    if value.isprintable():  # Python's test: no Unicode "Other" or "Separator" character but the ASCII space
        bad = None
    else:
        bad = next(c for c in value if not c.isprintable())
    if bad is not None:
        raise InvalidIdError(Problem(where, f"the id {value!r}, holding the hidden character U+{ord(bad):04X} ({unicodedata.name(bad, 'a control character')})", "an id of visible characters only, e.g. '6.kalbajar'"))
    if value.startswith(" ") or value.endswith(" "):
        raise InvalidIdError(Problem(where, f"the id {value!r}, with a space at its start or end", f"the id without it, {value.strip(' ')!r}: ids are compared exactly, so with the space it names something else"))
    if not value.isascii() and unicodedata.normalize("NFC", value) != value:
        fixed = unicodedata.normalize("NFC", value)
        raise InvalidIdError(Problem(where, f"the id {value!r} ({ascii(value)}), not written in Unicode NFC", f"the same id in NFC, {fixed!r} ({ascii(fixed)}), so that ids that look alike are alike"))
    return value


def quantity(value: float, *, where: str = "value") -> float:
    """``value`` if it is a finite figure from 0 to :data:`MAX_QUANTITY` (a count of people, weapons, kilometres...)."""
    if not math.isfinite(value) or not 0 <= value <= MAX_QUANTITY:
        raise OutOfRangeError(Problem(where, f"the figure {value!r}", f"a finite number from 0 to {MAX_QUANTITY:.0e}, e.g. 1960"))
    return value


def latitude(value: float, *, where: str = "latitude") -> float:
    """``value`` if it is a latitude in degrees, -90 to 90."""
    if not (math.isfinite(value) and -90 <= value <= 90):
        raise OutOfRangeError(Problem(where, f"the latitude {value!r}", "degrees from -90 to 90, e.g. 40.1"))
    return value


def longitude(value: float, *, where: str = "longitude") -> float:
    """``value`` if it is a longitude in degrees, -180 to 180."""
    if not (math.isfinite(value) and -180 <= value <= 180):
        raise OutOfRangeError(Problem(where, f"the longitude {value!r}", "degrees from -180 to 180, e.g. 46.5"))
    return value


def count(value: int, *, where: str = "value", low: int = 0, high: int = 2**53) -> int:
    """``value`` if it is a whole number from ``low`` to ``high``."""
    if not low <= value <= high:
        raise OutOfRangeError(Problem(where, f"the number {value!r}", f"a whole number from {low} to {high}"))
    return value


def web_url(value: str, *, where: str = "url") -> str:
    """``value`` if it is an ``http`` or ``https`` URL with a host; a typed error otherwise."""
    cleaned = "".join(value.split())  # browsers ignore spaces and line breaks inside a scheme
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in URL_SCHEMES or not parts.netloc or any(unicodedata.category(c) == "Cc" for c in value):
        shown = value if len(value) <= 80 else value[:79] + "…"
        raise UnsafeUrlError(Problem(where, f"the URL {shown!r}", "an http or https address, e.g. 'https://www.example.org/report'; other schemes (javascript:, data:, file:) are refused"))
    return value


def finite(value: Any, *, where: str = "value") -> Any:
    """``value`` unless it is a float that is NaN or infinite."""
    if isinstance(value, float) and not math.isfinite(value):
        raise OutOfRangeError(Problem(where, f"the number {value!r}", "a finite number"))
    return value


def not_boolean(value: Any, *, where: str = "value") -> Any:
    """``value`` unless it is ``True`` or ``False``, which a number field would otherwise read as 1 or 0 without a word."""
    if isinstance(value, bool):
        raise InvalidInputError(Problem(where, f"the boolean {str(value).lower()}", "a number (true and false are not numbers here; YAML reads an unquoted yes, no, on or off as one of them)"))
    return value


def _number() -> Any:
    """A pydantic before-validator that refuses a boolean where a number is expected (see :func:`not_boolean`)."""
    from pydantic import BeforeValidator, ValidationInfo

    def run(value: Any, info: ValidationInfo) -> Any:
        return not_boolean(value, where=info.field_name or "value")

    return BeforeValidator(run)


def _figure() -> Any:
    """One pydantic validator around the figure's own reading: a boolean refused first, :func:`quantity`'s range after."""
    from pydantic import ValidationInfo, ValidatorFunctionWrapHandler, WrapValidator

    def run(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
        where = info.field_name or "value"
        found = handler(not_boolean(value, where=where))
        return found if found is None else quantity(found, where=where)

    return WrapValidator(run)


def _field(check: Any) -> Any:
    """A pydantic after-validator that runs ``check`` with the field's name as the place."""
    from pydantic import AfterValidator, ValidationInfo

    def run(value: Any, info: ValidationInfo) -> Any:
        return value if value is None else check(value, where=info.field_name or "value")

    return AfterValidator(run)


Id = Annotated[str, _field(identifier)]
"""A string id checked by :func:`identifier`."""

VISIBLE = r"\S"
"""What a required text must hold somewhere: one character that is not white space."""

Quantity = Annotated[float, _figure()]
"""A figure checked by :func:`quantity` (never a boolean)."""

Number = _number()
"""Put in ``Annotated[int, Number]`` or ``Annotated[float, Number]``: the field refuses a boolean rather than read it as 1 or 0."""

WebUrl = Annotated[str, _field(web_url)]
"""A URL checked by :func:`web_url`."""


def distinct(names: Any, *, where: str, what: str = "name") -> Any:
    """``names`` if none is given twice; else a :class:`~ceasefire.errors.DuplicateKeyError` naming the repeated one and its places."""
    from .errors import DuplicateKeyError

    seen: dict[Any, int] = {}
    for place, name in enumerate(names, start=1):
        first = seen.setdefault(name, place)
        if first != place:
            raise DuplicateKeyError(Problem(where, f"the {what} {name!r} given twice (positions {first} and {place})", f"each {what} once; the second would hide the first"))
    return names
