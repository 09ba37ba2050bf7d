"""Place names as datasets spell them: through transliteration and the agreement's aliases, with near matches suggested.

A dataset may write a place in its local alphabet (``Kəlbəcər``, ``Laçın``),
in a plain-ASCII form of it (``Lacin``), or in one of the English forms the
agreement lists. A name matches a place of the agreement when, after
transliteration to ASCII (with ``anyascii`` when it is installed, else by
dropping accents) and ignoring case, it equals the place's name or one of its
aliases. Near matches (``Kalbajr``) are never applied: :func:`near_places`
suggests them, with ``rapidfuzz`` when it is installed, for a note or an error.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Agreement

if TYPE_CHECKING:
    from .lookups import PlainLookups as Lookups


@lru_cache(maxsize=4096)
def fold(name: str) -> str:
    """``name`` in plain lower-case ASCII with single spaces: 'Kəlbəcər' gives 'kelbecer'."""
    try:
        from anyascii import anyascii
    except ImportError:  # pragma: no cover - the data extra installs it
        text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    else:
        text = anyascii(name)
    return " ".join(text.casefold().split())


def _names(agreement: Agreement) -> dict[str, str]:
    """Every folded name and alias of the agreement's places, to the place's own name."""
    out: dict[str, str] = {}
    for place in agreement.places:
        for name in (place.name, *place.aliases):
            out.setdefault(fold(name), place.name)
    return out


def place_of(agreement: Agreement | None, name: str) -> str | None:
    """The agreement's name for the place ``name`` denotes, through its aliases and transliteration; None if none."""
    if agreement is None or not name.strip():
        return None
    found = agreement.canonical_place(name)
    return found or _names(agreement).get(fold(name))


def near_places(agreement: Agreement | None, name: str, *, limit: int = 3, cutoff: float = 80.0) -> list[str]:
    """Places of the agreement whose names or aliases are close to ``name``: suggestions only, never applied."""
    if agreement is None or not name.strip():
        return []
    names = _names(agreement)
    try:
        from rapidfuzz import fuzz, process
    except ImportError:  # pragma: no cover - the data extra installs it
        import difflib

        close = difflib.get_close_matches(fold(name), list(names), n=limit, cutoff=cutoff / 100)
    else:
        close = [hit[0] for hit in process.extract(fold(name), list(names), scorer=fuzz.ratio, limit=limit * 3, score_cutoff=cutoff)]
    return list(dict.fromkeys(names[c] for c in close))[:limit]


def unknown_rule_places(agreement: Agreement | None, places: list[str]) -> list[tuple[str, list[str]]]:
    """The names in a rule that are no place of the agreement, each with near places to suggest."""
    if agreement is None:
        return []
    return [(p, near_places(agreement, p)) for p in places if place_of(agreement, p) is None]


def unmatched_notes(agreement: Agreement | None, located: list[tuple[str, list[str]]], *, most: int = 10, lookups: Lookups | None = None) -> list[str]:
    """Notes for the place names of rows (``where``, names) that match no place of the agreement but are near one.

    ``lookups`` answers the look-ups from the conversion's tables (:class:`~ceasefire.adapters.lookups.Lookups`);
    without it each is made afresh.
    """
    if agreement is None or not agreement.places:
        return []
    if lookups is None:
        from .lookups import PlainLookups

        lookups = PlainLookups(agreement, None)
    out: dict[str, str] = {}
    for where, names in located:
        if any(lookups.place_of(n) for n in names):
            continue
        for name in names:
            if name in out:  # already noted: its near places were found for an earlier row
                continue
            near = lookups.near_places(name)
            if near and name not in out:
                out[name] = f"{where}: the place {name!r} matches no place of the agreement but is near {', '.join(near)}: not applied; add it as an alias if it is the same place"
    notes = list(out.values())
    return notes[:most] + ([f"... and {len(notes) - most} more such places"] if len(notes) > most else [])
