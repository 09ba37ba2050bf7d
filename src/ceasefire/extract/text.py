"""Sentences with their character offsets, and the places and states they name.

Offsets always index the text exactly as given: ``text[s.start:s.end] ==
s.text`` for every sentence, so a quote can be found again in its source.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from typing import Any

import attrs

from ..model import Agreement

# A date line at the very start of a file, as some archives write it: " date 2020-11-25 ...".
DATELINE = re.compile(r"^\s*(?:date|dated|published)[:\s]\s*(?P<date>\d{4}-\d{2}-\d{2})\s+", re.IGNORECASE)
# a final stop, perhaps followed by an agency's credit in capitals ("... a comprehensive resolution. — NNN-AGENCIES"; since part 10)
_TERMINAL = re.compile(r"[.!?][\"”’')\]]*\s*(?:[—–-]+\s*(?-i:[A-Z][A-Z0-9&./ -]{1,40}))?\s*$")
_LEAD = re.compile(r"[\s•·\-–*]+")


@attrs.frozen
class Sentence:
    """One sentence of a text and where it lies in it."""

    start: int
    end: int
    text: str
    paragraph: int


@attrs.frozen
class Found:
    """A name found in a sentence: where it is, and what it stands for."""

    start: int
    end: int
    value: str


def dateline(text: str) -> str | None:
    """The ISO date of a leading date line, if the text has one."""
    match = DATELINE.match(text)
    return match["date"] if match else None


def _body_start(text: str) -> int:
    """Where the text proper begins: after a leading date line, if there is one."""
    match = DATELINE.match(text)
    return match.end() if match else 0


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``, skipping a leading date line and lines without end punctuation.

    Lines with no final stop (headings, bylines, menu entries) are left out:
    in news text they repeat or announce what the sentences below say.
    """
    found: list[Sentence] = []
    for paragraph, (start, end) in enumerate(_lines(text, _body_start(text))):
        line = text[start:end]
        if not _TERMINAL.search(line):
            continue
        found.extend(_split_line(text, start, end, paragraph))
    return found


def headlines(text: str) -> list[Sentence]:
    """The lines before the first sentence of ``text`` that :func:`sentences` leaves out for want of a final stop
    (a headline, a standfirst's summary points, a byline), each as one sentence (since part 11). Lines without a stop
    further down (captions, links to other stories, menus of a pasted page) are not among them."""
    found: list[Sentence] = []
    for paragraph, (start, end) in enumerate(_lines(text, _body_start(text))):
        if _TERMINAL.search(text[start:end]):
            break
        piece = _trimmed(text, start, end, paragraph)
        if piece is not None:
            found.append(piece)
    return found


# a line that stops on a comma, perhaps inside a closing quotation mark, goes on in the next line: a quotation
# broken by the layout ("“Units ... entered the region on Nov 20,”" then "the ministry said."; since part 11)
_GOES_ON = re.compile(r",[\"”’']?\s*$")


def _lines(text: str, start: int) -> Iterator[tuple[int, int]]:
    spans = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\n]+", text[start:])]
    i = 0
    while i < len(spans):
        first, last = spans[i]
        while i + 1 < len(spans) and _GOES_ON.search(text[first:last]):
            i += 1
            last = spans[i][1]
        yield first, last
        i += 1


def _split_line(text: str, start: int, end: int, paragraph: int) -> Iterator[Sentence]:
    """Sentences of one line, by pysbd, with their offsets in the whole text."""
    for a, b in _segments(text[start:end]):
        for c, d in _glued(text[start + a : start + b]):
            piece = _trimmed(text, start + a + c, start + a + d, paragraph)
            if piece is not None:
                yield piece


@functools.cache
def _segmenter() -> Any:
    try:
        import pysbd  # type: ignore[import-untyped, unused-ignore]
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError("splitting report text into sentences needs pysbd: python -m pip install 'ceasefire[extract]'") from exc
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _segments(line: str) -> list[tuple[int, int]]:
    """pysbd's sentence spans of a line; a line it cannot split is one sentence."""
    spans = [(span.start, span.end) for span in _segmenter().segment(line)]
    return spans or [(0, len(line))]


# Two sentences glued without a space ("peacekeepers.According to"), which pysbd keeps together;
# not a web address ("Gadin.Net") or an initial.
_GLUE = re.compile(r"(?<=[a-z]{3}\.)(?=[A-Z][a-z]+\b)(?!(?:Net|Com|Org|Ru|Az|Am|Info|News)\b)")


def _glued(piece: str) -> list[tuple[int, int]]:
    cuts = sorted({0, *(m.start() for m in _GLUE.finditer(piece)), *_quoted_stops(piece), len(piece)})
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


# A full stop inside a quotation, followed by a capital: pysbd keeps a quoted passage of several
# sentences whole ("“On November 21, ... Armenia. More than 1.1 thousand people returned ...”").
# Not after a short abbreviation ("Maj. Gen. Kanan", "Nov. 25") or an initial ("U.S.").
_QUOTED_STOP = re.compile(r"(?<=[a-z0-9)]{2}[.!?])\s+(?=[A-Z])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Gen|Col|Lt|Maj|Mr|Mrs|Ms|Dr|St|Sgt|Capt|Adm|Gov|Sen|Rep|Prof|Jr|Sr|No|Vol|Inc|Ltd|Co|vs|etc|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)|\b[A-Za-z])[.!?]$"
)
_OPENING = re.compile(r"[“\"]")


def _quoted_stops(piece: str) -> list[int]:
    """Where a sentence ends inside an open quotation (an odd number of quote marks before it)."""
    cuts = []
    for match in _QUOTED_STOP.finditer(piece):
        before = piece[: match.start()]
        opened = before.count("“") - before.count("”") if "“" in before else len(_OPENING.findall(before)) % 2
        if opened > 0 and not _ABBREVIATION.search(before[-8:]):
            cuts.append(match.end())
    return cuts


def _trimmed(text: str, start: int, end: int, paragraph: int) -> Sentence | None:
    lead = _LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 3:
        return None
    return Sentence(start, end, text[start:end], paragraph)


def place_finder(agreement: Agreement) -> list[tuple[re.Pattern[str], str]]:
    """One pattern per place name and alias, longest first, each with its canonical name."""
    names = [(name, place.name) for place in agreement.places for name in (place.name, *place.aliases)]
    names.sort(key=lambda pair: -len(pair[0]))
    return [(re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE), canonical) for name, canonical in names]


def places_in(sentence: Sentence, finder: list[tuple[re.Pattern[str], str]]) -> list[Found]:
    """Every place named in the sentence, in text order, without overlaps."""
    taken: list[Found] = []
    for pattern, canonical in finder:
        for match in pattern.finditer(sentence.text):
            a, b = sentence.start + match.start(), sentence.start + match.end()
            if all(b <= f.start or a >= f.end for f in taken):
                taken.append(Found(a, b, canonical))
    return sorted(taken, key=lambda f: f.start)


def states_in(sentence: Sentence, agreement: Agreement, states: dict[str, tuple[str, ...]]) -> list[Found]:
    """States named in the sentence (by name, people, capital), as party ids where they are parties."""
    found: list[Found] = []
    for state, words in states.items():
        party = next((p.id for p in agreement.parties if state.casefold() in p.name.casefold() or _adjective_of(state, p.name)), None)
        for word in words:
            for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?:’s|'s)?(?![\w-])", sentence.text):
                found.append(Found(sentence.start + match.start(), sentence.start + match.end(), party or state))
    return sorted(found, key=lambda f: f.start)


def _adjective_of(state: str, party_name: str) -> bool:
    """'Russian Federation' is Russia: the party's name starts with the state's stem."""
    stem = state.removesuffix("a")
    return party_name.casefold().startswith(stem.casefold())
