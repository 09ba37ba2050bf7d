"""Numbers reported in a sentence, with what they count and how exact they are.

"1,960 servicemen" is exact; "some 2,000 peacekeepers" is about 2,000;
"more than 13,000 people" is more than 13,000. Years, ages, ordinals and
numbers inside time expressions are not counts and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..model import Quantity

_NUMBER = re.compile(
    r"(?:(?P<qualifier>about|some|around|approximately|roughly|nearly|almost|more than|over|at least|fewer than|less than|up to|at most)\s+)?"
    r"(?<![\w.,-])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w-]|,\d|\.\d)"
    r"(?P<rest>(?:\s+[A-Za-z][\w’'-]*){0,3})",
    re.IGNORECASE,
)
_QUALIFIERS = {
    "about": "about", "some": "about", "around": "about", "approximately": "about", "roughly": "about",
    "nearly": "about", "almost": "about", "more than": "more than", "over": "more than", "at least": "at least",
    "fewer than": "at most", "less than": "at most", "up to": "at most", "at most": "at most",
}  # fmt: skip
_STOP = frozenset("were was is are have has had who which that from in on at along to of and with by will would said the a an for as after before since into per than or".split())
_TIME_UNITS = re.compile(r"^(?:day|week|month|year|hour|minute|second|centur|decade)", re.IGNORECASE)


def quantities_in(text: str, start: int, end: int, excluded: Iterable[tuple[int, int]] = ()) -> Iterator[Quantity]:
    """Every count in ``text[start:end]`` outside the ``excluded`` spans (time expressions)."""
    spans = list(excluded)
    for match in _NUMBER.finditer(text, start, end):
        a, b = match.start("number"), match.end("number")
        if any(a < y and b > x for x, y in spans):
            continue
        named = _name(match["rest"])
        if named is None:
            continue
        name, length = named
        digits = match["number"].replace(",", "")
        if _TIME_UNITS.match(name) or _is_year(digits, match["number"]):
            continue
        qualifier = _QUALIFIERS.get((match["qualifier"] or "").lower(), "exactly")
        words = text[match.start() : match.start("rest") + length]
        value = float(digits)
        scale = _SCALE.match(name)
        if scale:
            # "1.1 thousand people" counts 1,100 people
            value *= _SCALES[scale.group(1).lower()]
            name = name[scale.end() :] or name
        yield Quantity(name=name, value=value, qualifier=qualifier, text=words)  # type: ignore[arg-type]


_SCALE = re.compile(r"^(thousand|million)\b\s*", re.IGNORECASE)
_SCALES = {"thousand": 1_000.0, "million": 1_000_000.0}


def _name(rest: str) -> tuple[str, int] | None:
    """What the number counts, and how many characters of ``rest`` say it."""
    words, length = [], 0
    for match in re.finditer(r"\S+", rest):
        word = match.group(0)
        if word.strip("’'").lower() in _STOP:
            break
        words.append(word.strip(",.;:"))
        length = match.end() - (len(word) - len(word.rstrip(",.;:")))
        if word.endswith((",", ".", ";", ":")):
            break
    return (" ".join(words), length) if words else None


def _is_year(digits: str, written: str) -> bool:
    return "," not in written and len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100
