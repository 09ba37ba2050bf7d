"""Strategies for the pieces of an agreement: sources, citations, deadlines and obligations.

Each public strategy wraps a ``draw_*`` function; the strategies for whole
agreements call those functions directly, which keeps generation fast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
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
from ._time import DEFAULT_MAX, DEFAULT_MIN, draw_instant, draw_window, drawn, span_text

Obligation = DeadlineObligation | StandingObligation | ProgressObligation | TermObligation

texts = st.text(min_size=1, max_size=12)
"""Short non-empty text for summaries and titles; shrinks toward ``'0'``."""

QUANTITY_NAMES = ("servicemen", "vehicles", "people", "bodies")
QUALIFIERS = ("exactly", "about", "at least", "more than", "at most")
PHRASES = st.sampled_from(["0", "handed over", "withdrew", "fired on", "100 km", "Лачин", "Ağdam", "Քարվաճառ"])
"""A few short fixed phrases, in several scripts: cheap text for the many small fields; shrinks toward ``'0'``."""
MAYBE_PHRASE = st.none() | PHRASES
_FIGURES = st.floats(min_value=0, max_value=20_000, allow_nan=False, allow_infinity=False)
_DEADLINE_SPAN_UNITS = ("days", "weeks", "hours", "months")
_TERM_SPAN_UNITS = ("days", "months", "years")
_OWN_EFFECTIVE = st.sampled_from([False, False, False, True])
"""Whether an obligation takes effect at its own instant: one time in four; shrinks toward not."""


def sources(
    *, ids: str = "s1", min_value: dt.datetime = DEFAULT_MIN, max_value: dt.datetime = DEFAULT_MAX, dated: bool | None = None
) -> st.SearchStrategy[Source]:
    """Sources with a title, and a publication window in ``[min_value, max_value]`` when ``dated`` (either, if None).

    Sources never name a local file, so no quote needs checking. Shrinks
    toward an undated source titled ``'0'`` (when ``dated`` is None).
    """
    return drawn(draw_source, {"ids": ids, "low": min_value, "high": max_value, "dated": dated})


def draw_source(draw: st.DrawFn, *, ids: str, low: dt.datetime, high: dt.datetime, dated: bool | None = None) -> Source:
    """Draw one source; see :func:`sources`."""
    has_date = draw(st.booleans()) if dated is None else dated
    return Source(
        id=ids,
        title=draw(texts),
        publisher=draw(MAYBE_PHRASE),
        published=draw_window(draw, low, high, dt.timedelta(days=1)) if has_date else None,
        url=draw(st.sampled_from([None, "https://example.org/report"])),
        language=draw(st.sampled_from([None, "en", "ru", "az", "hy"])),
    )


def citations(*, sources: Sequence[str] = ("s1",)) -> st.SearchStrategy[Citation]:
    """Citations of one of ``sources``, with or without a short quote; shrinks toward the first source, unquoted."""
    if not sources:
        raise ValueError("citations need at least one source id to cite")
    return drawn(draw_citation, {"sources": tuple(sources)})


def draw_citation(draw: st.DrawFn, *, sources: Sequence[str]) -> Citation:
    """Draw one citation; see :func:`citations`."""
    return Citation(source=draw(st.sampled_from(sources)), quote=draw(MAYBE_PHRASE))


def quantities(*, names: Sequence[str] = QUANTITY_NAMES) -> st.SearchStrategy[Quantity]:
    """Reported or required figures with a qualifier; shrinks toward exactly 0 of the first name."""
    return st.builds(Quantity, name=st.sampled_from(tuple(names)), value=_FIGURES, qualifier=st.sampled_from(QUALIFIERS))


QUANTITIES = quantities()


def spans_drawn(draw: st.DrawFn, units: Sequence[str], max_amount: int) -> cftime.Span:
    """Draw a span from ``units``; see :func:`~ceasefire.testing.strategies.spans`."""
    chosen = draw(st.lists(st.sampled_from(tuple(units)), min_size=1, max_size=2, unique=True))
    return cftime.Span.parse(span_text({u: draw(st.integers(1, max_amount)) for u in chosen}))


def dues(
    *,
    min_value: dt.datetime = DEFAULT_MIN,
    max_value: dt.datetime = DEFAULT_MAX,
    zone: str = "UTC",
    anchors: Sequence[str] = (),
    forms: Sequence[str] = ("by", "at", "within"),
) -> st.SearchStrategy[Due]:
    """Deadlines that fall at or after ``min_value``: ``by`` a date, ``at`` an instant, or ``within`` a span.

    ``by`` dates are days from ``min_value``'s date to ``max_value``'s in the
    reference ``zone``; a ``within`` deadline counts from taking effect, from
    an instant ``after``, or from the fulfilment of one of ``anchors``.
    Shrinks toward ``by`` the day of ``min_value``.
    """
    if not set(forms) & {"by", "at", "within"}:
        raise ValueError(f"forms must name at least one of 'by', 'at', 'within'; received {list(forms)!r}")
    return drawn(draw_due, {"low": min_value, "high": max_value, "zone": zone, "anchors": tuple(anchors), "forms": tuple(forms)})


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
        return Due(within=span, after_fulfilment_of=draw(st.sampled_from(tuple(anchors))))
    return Due(within=span)


def obligations(
    *,
    kinds: Sequence[str] = OBLIGATION_KINDS,
    ids: str = "o1",
    parties: Sequence[str] = ("p1",),
    sources: Sequence[str] = (),
    min_value: dt.datetime = DEFAULT_MIN,
    max_value: dt.datetime = DEFAULT_MAX,
    zone: str = "UTC",
    anchors: Sequence[str] = (),
) -> st.SearchStrategy[Obligation]:
    """Obligations of any of ``kinds`` with the id ``ids``; shrinks toward the first kind, a deadline by default.

    Bearers come from ``parties`` and citations from ``sources``. An
    obligation may carry its own ``effective`` instant in
    ``[min_value, max_value]``; a deadline never falls before the obligation
    takes effect, and a relative one may count from the fulfilment of one of
    ``anchors`` (``zone`` is the reference zone its ``by`` dates are read in).
    """
    unknown = [k for k in kinds if k not in OBLIGATION_KINDS]
    if not kinds or unknown:
        raise ValueError(f"kinds must be drawn from {list(OBLIGATION_KINDS)}; received {list(kinds)!r}")
    return drawn(draw_obligation, {"kinds": tuple(kinds), "ids": ids, "parties": tuple(parties), "sources": tuple(sources),
                                   "low": min_value, "high": max_value, "zone": zone, "anchors": tuple(anchors)})


def deadline_obligations(**options: object) -> st.SearchStrategy[DeadlineObligation]:
    """Deadline obligations; takes the options of :func:`obligations` but ``kinds``. Shrinks toward one due ``by`` its first day."""
    return obligations(kinds=("deadline",), **options)  # type: ignore[arg-type, return-value]


def standing_obligations(**options: object) -> st.SearchStrategy[StandingObligation]:
    """Standing obligations; takes the options of :func:`obligations` but ``kinds``. Shrinks toward one borne by the first party."""
    return obligations(kinds=("standing",), **options)  # type: ignore[arg-type, return-value]


def progress_obligations(**options: object) -> st.SearchStrategy[ProgressObligation]:
    """Progress obligations with up to two targets; takes the options of :func:`obligations` but ``kinds``. Shrinks toward no targets."""
    return obligations(kinds=("progress",), **options)  # type: ignore[arg-type, return-value]


def term_obligations(**options: object) -> st.SearchStrategy[TermObligation]:
    """Renewable terms; takes the options of :func:`obligations` but ``kinds``. Shrinks toward ``P1D`` with no renewal or notice."""
    return obligations(kinds=("term",), **options)  # type: ignore[arg-type, return-value]


def draw_obligation(draw: st.DrawFn, *, kinds: Sequence[str], ids: str, parties: Sequence[str], sources: Sequence[str],
                    low: dt.datetime, high: dt.datetime, zone: str, anchors: Sequence[str] = ()) -> Obligation:
    """Draw one obligation; see :func:`obligations`."""
    kind = draw(st.sampled_from(tuple(kinds)))
    effective = draw_instant(draw, low, high) if draw(_OWN_EFFECTIVE) else None
    base: dict[str, Any] = {
        "id": ids,
        "bearers": draw(st.lists(st.sampled_from(tuple(parties)), min_size=1, max_size=len(parties), unique=True)),
        "summary": draw(texts),
        "effective": effective,
        "sources": [draw_citation(draw, sources=sources) for _ in range(draw(st.integers(0, 2)))] if sources else [],
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
        notice_by=draw(st.lists(st.sampled_from(tuple(parties)), max_size=len(parties), unique=True)),
    )
