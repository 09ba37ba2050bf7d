"""The agreement's parties found among a dataset row's actors, through their country codes.

UCDP gives each side's state as a Gleditsch-Ward number (``gwnoa``, ``gwnob``):
a side belongs to the party with that ``gw`` number. ACLED gives no code per
actor, but names a state's own forces in one fixed form, ``Military Forces of
Azerbaijan (2003-)``, ``Police Forces of ...``, ``Government of ...``. An actor
in that form belongs to a party when the country it names is one of the
party's country names: those ISO 3166 gives for the party's ``iso3166`` code
(pycountry's name, official name and common name), the party's own ``name`` and
``aliases``, and every ``country`` an export writes beside that code's number
in its ``iso`` column. Other actors (``Protesters (Armenia)``, ``Former Military
Forces of ...``, militias) belong to no party by code; rules can still name
them by pattern.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..model import Agreement
from .cells import written_number

STATE_FORMS: tuple[str, ...] = ("military forces of ", "police forces of ", "government of ")
"""The beginnings of ACLED's names for a state's own actors, casefolded."""


@functools.cache
def _iso_names() -> dict[int, frozenset[str]]:
    """Country names by ISO 3166-1 numeric code, from pycountry's database (read directly: importing pycountry is slow)."""
    spec = importlib.util.find_spec("pycountry")
    if spec is None or spec.origin is None:  # pragma: no cover - the data extra installs pycountry
        return {}
    rows = json.loads((Path(spec.origin).parent / "databases" / "iso3166-1.json").read_text(encoding="utf-8"))["3166-1"]
    return {int(r["numeric"]): frozenset(r[k] for k in ("name", "official_name", "common_name") if r.get(k)) for r in rows}


def _fold(name: str) -> str:
    text = " ".join(name.split()).casefold()
    return text[4:] if text.startswith("the ") else text


def party_names(agreement: Agreement | None, seen: Mapping[int, Iterable[str]] | None = None) -> dict[str, frozenset[str]]:
    """For each party with an ISO 3166 code or a name, the casefolded country names its state's actors may carry in ACLED.

    ``seen`` maps ACLED's numeric ``iso`` to the ``country`` names an export
    writes beside it.
    """
    out: dict[str, frozenset[str]] = {}
    for party in agreement.parties if agreement is not None else ():
        names = {party.name, *party.aliases}
        if party.iso_numeric:
            names |= _iso_names().get(party.iso_numeric, frozenset()) | set((seen or {}).get(party.iso_numeric, ()))
        out[party.id] = frozenset(_fold(n) for n in names if n.strip())
    return out


def seen_countries(rows: Iterable[Mapping[str, str]]) -> dict[int, set[str]]:
    """ACLED's ``country`` names by numeric ``iso``, as an export pairs them."""
    out: dict[int, set[str]] = {}
    for values in rows:
        code, country = (values.get("iso") or "").strip(), (values.get("country") or "").strip()
        if code.isdigit() and country:
            out.setdefault(int(code), set()).add(country)
    return out


def state_party(actor: str, names: Mapping[str, frozenset[str]]) -> str | None:
    """The party whose state actor ``actor`` is, by ACLED's naming form, or None."""
    text = _fold(actor)
    form = next((f for f in STATE_FORMS if text.startswith(f)), None)
    if form is None:
        return None
    rest = _fold(text[len(form) :])
    for party, countries in names.items():
        if any(rest == c or rest.startswith(c + " ") for c in countries):
            return party
    return None


def acled_side_parties(sides: tuple[tuple[str, ...], tuple[str, ...]], names: Mapping[str, frozenset[str]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The parties on each side of an ACLED row, in the order their actors appear."""
    found = [tuple(dict.fromkeys(p for a in side if (p := state_party(a, names)) is not None)) for side in sides]
    return found[0], found[1]


def gw_parties(cell: str, agreement: Agreement | None) -> tuple[str, ...]:
    """The parties whose Gleditsch-Ward numbers a UCDP ``gwnoa``/``gwnob`` cell holds (several are separated by commas)."""
    numbers = set()
    for part in cell.split(","):
        number = written_number(part.strip())  # '３６９' or '3_69' is no code, as any non-number is not
        try:
            if number is not None:
                numbers.add(int(number))
        except (ValueError, OverflowError):  # an infinite or undefined one ('inf', '1e400', 'nan'): no code
            continue
    return tuple(p.id for p in (agreement.parties if agreement is not None else ()) if p.gw is not None and p.gw in numbers)


def parties_note(side_parties: tuple[tuple[str, ...], tuple[str, ...]], labels: tuple[str, str]) -> str | None:
    """In words, which parties were found on which side, e.g. "parties by code: AZ (actor 1's side); AM (actor 2's side)"."""
    parts = [f"{', '.join(found)} ({label})" for found, label in zip(side_parties, labels, strict=True) if found]
    return "parties by code: " + "; ".join(parts) if parts else None
