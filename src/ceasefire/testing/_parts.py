"""Strategies for the pieces of an agreement: sources, citations, deadlines and obligations.

Each public strategy checks its arguments and hands them to a ``draw_*``
function; the strategies for whole agreements call those functions
directly, which keeps generation fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from .. import time as cftime
from ..model import (
    OBLIGATION_KINDS,
    Citation,
    DeadlineObligation,
    Due,
    ProgressObligation,
    Quantity,
    Source,
    StandingObligation,
    TermObligation,
)
from ._api import (
    check_bounds,
    check_choices,
    check_ids,
    check_prefix,
    check_type,
    check_zone_name,
    defines_strategy,
    draw_id,
    fail,
    pick,
    some,
)
from ._time import DEFAULT_MAX, DEFAULT_MIN, draw_instant, draw_window, span_text

Obligation = DeadlineObligation | StandingObligation | ProgressObligation | TermObligation

texts = st.text(st.characters(codec="utf-8", exclude_characters="\x85\u2028\u2029"), min_size=1, max_size=12).filter(lambda text: not text.isspace())
"""Short text for summaries and titles with something besides white space in it (the models refuse white space alone),
without the characters YAML reads as line breaks; shrinks toward ``'0'``."""

QUANTITY_NAMES = ("servicemen", "vehicles", "people", "bodies")
QUALIFIERS = ("exactly", "about", "at least", "more than", "at most")
PHRASES = st.sampled_from(["0", "handed over", "withdrew", "fired on", "100 km", "Лачин", "Ağdam", "Քարվաճառ"])
"""A few short fixed phrases, in several scripts: cheap text for the many small fields; shrinks toward ``'0'``."""
MAYBE_PHRASE = st.none() | PHRASES
_FIGURES = st.floats(min_value=0, max_value=20_000, allow_nan=False, allow_infinity=False)
_DEADLINE_SPAN_UNITS = ("days", "weeks", "hours", "months")
_TERM_SPAN_UNITS = ("days", "months", "years")
_WORD = re.compile(r"\S+")
_OWN_EFFECTIVE = st.sampled_from([False, False, False, True])
"""Whether an obligation takes effect at its own instant: one time in four; shrinks toward not."""


def _draw_sources(draw: st.DrawFn, *, prefix: str, low: dt.datetime, high: dt.datetime, dated: bool | None) -> Source:
    return draw_source(draw, ids=draw_id(draw, prefix), low=low, high=high, dated=dated)


@defines_strategy(_draw_sources)
def sources(
    *, min_value: dt.datetime = DEFAULT_MIN, max_value: dt.datetime = DEFAULT_MAX, id_prefix: str = "s", dated: bool | None = None
) -> st.SearchStrategy[Source]:
    """Sources with a title, and a publication window in ``[min_value, max_value]`` when ``dated`` (either, if None).

    Ids are ``id_prefix`` and a number, never repeated within one example.
    Sources never name a local file, so no quote needs checking. Shrinks
    toward an undated source titled ``'0'`` (when ``dated`` is None).
    """
    low, high = check_bounds(min_value, max_value)
    if dated is not None:
        check_type(dated, bool, "dated", "True, False or None")
    return {"prefix": check_prefix(id_prefix), "low": low, "high": high, "dated": dated}


def draw_source(draw: st.DrawFn, *, ids: str, low: dt.datetime, high: dt.datetime, dated: bool | None = None) -> Source:
    """Draw one source with the id ``ids``; see :func:`sources`."""
    has_date = draw(st.booleans()) if dated is None else dated
    return Source(
        id=ids,
        title=draw(texts),
        publisher=draw(MAYBE_PHRASE),
        published=draw_window(draw, low, high, dt.timedelta(days=1)) if has_date else None,
        url=draw(st.sampled_from([None, "https://example.org/report"])),
        language=draw(st.sampled_from([None, "en", "ru", "az", "hy"])),
    )


@defines_strategy(lambda draw, sources, texts: draw_citation(draw, sources=sources, texts=texts))
def citations(*, sources: Sequence[str] | Sequence[Source] = ("s1",)) -> st.SearchStrategy[Citation]:
    """Citations of one of ``sources`` (ids, or :class:`~ceasefire.Source` objects), with or without a short quote.

    A source with a local ``file`` is quoted only with words copied from that
    file (read relative to the current folder), or not at all; others get one
    of a few fixed phrases. Shrinks toward the first source, unquoted.
    """
    if isinstance(sources, (str, bytes)) or not isinstance(sources, Sequence) or not sources:
        raise fail("sources", sources, "a non-empty list of source ids or Source objects, e.g. ['s1']")
    if all(isinstance(s, Source) for s in sources):
        texts = source_texts(sources, ())  # type: ignore[arg-type]
        return {"sources": tuple(s.id for s in sources), "texts": texts}  # type: ignore[union-attr]
    return {"sources": check_ids(sources, "sources"), "texts": {}}


def source_texts(sources: Sequence[Source], roots: Sequence[Path]) -> dict[str, str | None]:
    """For each source with a local file, the file's text (None when it cannot be read from ``roots`` or the current folder)."""
    return {s.id: _read(s.file, tuple(roots)) for s in sources if s.file is not None}


@functools.lru_cache(maxsize=64)
def _read(file: str, roots: tuple[Path, ...]) -> str | None:
    for root in roots or (Path.cwd(),):
        candidate = Path(root) / file
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    return None


def draw_citation(draw: st.DrawFn, *, sources: Sequence[str], texts: Mapping[str, str | None] | None = None) -> Citation:
    """Draw one citation; a source in ``texts`` (one with a local file) is quoted verbatim from that text or not at all."""
    source = draw(pick(tuple(sources)))
    texts = texts or {}
    if source not in texts:
        return Citation(source=source, quote=draw(MAYBE_PHRASE))
    text = texts[source]
    if not text or not draw(st.booleans()):
        return Citation(source=source)
    return Citation(source=source, quote=_excerpt(draw, text))


def _excerpt(draw: st.DrawFn, text: str) -> str:
    """A run of up to a dozen whole words copied exactly from one line of ``text``."""
    lines = [line for line in text.splitlines() if line.strip()]
    line = draw(pick(tuple(lines)))
    words = [(m.start(), m.end()) for m in _WORD.finditer(line)]
    first = draw(st.integers(0, len(words) - 1))
    last = min(len(words) - 1, first + draw(st.integers(0, 11)))
    return str(line[words[first][0] : words[last][1]])


def _draw_quantity(draw: st.DrawFn, *, names: tuple[str, ...]) -> Quantity:
    return Quantity(name=draw(st.sampled_from(names)), value=draw(_FIGURES), qualifier=draw(st.sampled_from(QUALIFIERS)))


@defines_strategy(_draw_quantity)
def quantities(*, names: Sequence[str] = QUANTITY_NAMES) -> st.SearchStrategy[Quantity]:
    """Reported or required figures with a qualifier; shrinks toward exactly 0 of the first name."""
    return {"names": check_ids(names, "names")}


QUANTITIES = st.builds(Quantity, name=st.sampled_from(QUANTITY_NAMES), value=_FIGURES, qualifier=st.sampled_from(QUALIFIERS))


def spans_drawn(draw: st.DrawFn, units: Sequence[str], max_amount: int) -> cftime.Span:
    """Draw a span from ``units``; see :func:`~ceasefire.testing.strategies.spans`."""
    chosen = draw(some(tuple(units), 1, 2))
    return cftime.Span.parse(span_text({u: draw(st.integers(1, max_amount)) for u in chosen}))


_FORMS = ("by", "at", "within")


@defines_strategy(lambda draw, **plan: draw_due(draw, **plan))
def dues(
    *,
    min_value: dt.datetime = DEFAULT_MIN,
    max_value: dt.datetime = DEFAULT_MAX,
    zone: str = "UTC",
    anchors: Sequence[str] = (),
    forms: Sequence[str] = _FORMS,
) -> st.SearchStrategy[Due]:
    """Deadlines that fall at or after ``min_value``: ``by`` a date, ``at`` an instant, or ``within`` a span.

    ``by`` dates are days from ``min_value``'s date to ``max_value``'s in the
    reference ``zone``; a ``within`` deadline counts from taking effect, from
    an instant ``after``, or from the fulfilment of one of ``anchors``.
    Shrinks toward ``by`` the day of ``min_value``.
    """
    low, high = check_bounds(min_value, max_value)
    return {"low": low, "high": high, "zone": check_zone_name(zone, "zone"), "anchors": check_ids(anchors, "anchors", empty_ok=True),
            "forms": check_choices(forms, _FORMS, "forms")}


def draw_due(draw: st.DrawFn, *, low: dt.datetime, high: dt.datetime, zone: str, anchors: Sequence[str] = (),
             forms: Sequence[str] = ("by", "at", "within")) -> Due:
    """Draw one deadline; see :func:`dues`."""
    form = draw(st.sampled_from([f for f in ("by", "at", "within") if f in forms]))
    high = max(low, high)
    if form == "by":
        first = cftime.local_date(low, zone)
        last = max(first, cftime.local_date(high, zone))
        return Due(by=draw(st.dates(min_value=first, max_value=last)))
    if form == "at":
        return Due(at=draw_instant(draw, low, high))
    span = spans_drawn(draw, _DEADLINE_SPAN_UNITS, 3)
    start = draw(st.sampled_from(["effective", "after", "anchor"] if anchors else ["effective", "after"]))
    if start == "after":
        return Due(within=span, after=draw_instant(draw, low, high))
    if start == "anchor":
        return Due(within=span, after_fulfilment_of=draw(pick(tuple(anchors))))
    return Due(within=span)


def _obligation_plan(kinds: Sequence[str], id_prefix: str, parties: Sequence[str], sources: Sequence[str], min_value: dt.datetime,
                     max_value: dt.datetime, zone: str, anchors: Sequence[str]) -> dict[str, Any]:
    """The checked options of :func:`obligations` and its one-kind variants."""
    low, high = check_bounds(min_value, max_value)
    return {"kinds": check_choices(kinds, OBLIGATION_KINDS, "kinds"), "prefix": check_prefix(id_prefix),
            "parties": check_ids(parties, "parties"), "sources": check_ids(sources, "sources", empty_ok=True),
            "low": low, "high": high, "zone": check_zone_name(zone, "zone"), "anchors": check_ids(anchors, "anchors", empty_ok=True)}


def _draw_obligations(draw: st.DrawFn, *, prefix: str, **plan: Any) -> Obligation:
    return draw_obligation(draw, ids=draw_id(draw, prefix), **plan)


@defines_strategy(_draw_obligations)
def obligations(
    *,
    min_value: dt.datetime = DEFAULT_MIN,
    max_value: dt.datetime = DEFAULT_MAX,
    kinds: Sequence[str] = OBLIGATION_KINDS,
    id_prefix: str = "o",
    parties: Sequence[str] = ("p1",),
    sources: Sequence[str] = (),
    zone: str = "UTC",
    anchors: Sequence[str] = (),
) -> st.SearchStrategy[Obligation]:
    """Obligations of any of ``kinds``; shrinks toward the first kind, a deadline by default.

    Ids are ``id_prefix`` and a number, never repeated within one example.
    Bearers come from ``parties`` and citations from ``sources``. An
    obligation may carry its own ``effective`` instant in
    ``[min_value, max_value]``; a deadline never falls before the obligation
    takes effect, and a relative one may count from the fulfilment of one of
    ``anchors`` (``zone`` is the reference zone its ``by`` dates are read in).
    """
    return _obligation_plan(kinds, id_prefix, parties, sources, min_value, max_value, zone, anchors)


@defines_strategy(_draw_obligations)
def deadline_obligations(
    *, min_value: dt.datetime = DEFAULT_MIN, max_value: dt.datetime = DEFAULT_MAX, id_prefix: str = "o", parties: Sequence[str] = ("p1",),
    sources: Sequence[str] = (), zone: str = "UTC", anchors: Sequence[str] = (),
) -> st.SearchStrategy[DeadlineObligation]:
    """Deadline obligations; the options of :func:`obligations` but ``kinds``. Shrinks toward one due ``by`` its first day."""
    return _obligation_plan(("deadline",), id_prefix, parties, sources, min_value, max_value, zone, anchors)


@defines_strategy(_draw_obligations)
def standing_obligations(
    *, min_value: dt.datetime = DEFAULT_MIN, max_value: dt.datetime = DEFAULT_MAX, id_prefix: str = "o", parties: Sequence[str] = ("p1",),
    sources: Sequence[str] = (), zone: str = "UTC",
) -> st.SearchStrategy[StandingObligation]:
    """Standing obligations; the options of :func:`obligations` but ``kinds`` and ``anchors``. Shrinks toward one borne by the first party."""
    return _obligation_plan(("standing",), id_prefix, parties, sources, min_value, max_value, zone, ())


@defines_strategy(_draw_obligations)
def progress_obligations(
    *, min_value: dt.datetime = DEFAULT_MIN, max_value: dt.datetime = DEFAULT_MAX, id_prefix: str = "o", parties: Sequence[str] = ("p1",),
    sources: Sequence[str] = (), zone: str = "UTC",
) -> st.SearchStrategy[ProgressObligation]:
    """Progress obligations with up to two targets; the options of :func:`obligations` but ``kinds`` and ``anchors``. Shrinks toward no targets."""
    return _obligation_plan(("progress",), id_prefix, parties, sources, min_value, max_value, zone, ())


@defines_strategy(_draw_obligations)
def term_obligations(
    *, min_value: dt.datetime = DEFAULT_MIN, max_value: dt.datetime = DEFAULT_MAX, id_prefix: str = "o", parties: Sequence[str] = ("p1",),
    sources: Sequence[str] = (), zone: str = "UTC",
) -> st.SearchStrategy[TermObligation]:
    """Renewable terms; the options of :func:`obligations` but ``kinds`` and ``anchors``. Shrinks toward ``P1D`` with no renewal or notice."""
    return _obligation_plan(("term",), id_prefix, parties, sources, min_value, max_value, zone, ())


def draw_obligation(draw: st.DrawFn, *, kinds: Sequence[str], ids: str, parties: Sequence[str], sources: Sequence[str],
                    low: dt.datetime, high: dt.datetime, zone: str, anchors: Sequence[str] = (),
                    quotable: Mapping[str, str | None] | None = None) -> Obligation:
    """Draw one obligation; see :func:`obligations`. Sources in ``quotable`` are quoted only from their files."""
    kind = draw(pick(tuple(kinds)))
    effective = draw_instant(draw, low, high) if draw(_OWN_EFFECTIVE) else None
    base: dict[str, Any] = {
        "id": ids,
        "bearers": draw(some(tuple(parties), 1, len(parties))),
        "summary": draw(texts),
        "effective": effective,
        "sources": [draw_citation(draw, sources=sources, texts=quotable) for _ in range(draw(st.integers(0, 2)))] if sources else [],
    }
    if kind == "deadline":
        start = effective or low
        own = tuple(a for a in anchors if a != ids)
        return DeadlineObligation(**base, due=draw_due(draw, low=start, high=high, zone=zone, anchors=own))
    if kind == "standing":
        return StandingObligation(**base)
    if kind == "progress":
        targets = draw(st.lists(QUANTITIES, max_size=2, unique_by=lambda q: q.name))
        return ProgressObligation(**base, targets=targets, condition=draw(MAYBE_PHRASE))
    maybe = draw(st.lists(st.booleans(), min_size=2, max_size=2))
    return TermObligation(
        **base,
        period=spans_drawn(draw, _TERM_SPAN_UNITS, 6),
        renewal=spans_drawn(draw, _TERM_SPAN_UNITS, 6) if maybe[0] else None,
        notice=spans_drawn(draw, ("days", "months"), 3) if maybe[1] else None,
        notice_by=draw(some(tuple(parties), 0, len(parties))),
    )
