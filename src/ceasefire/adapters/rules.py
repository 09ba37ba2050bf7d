"""Mapping rules: which dataset rows bear on which obligation, written as data.

A rule file names the dataset it reads and a list of rules. Each rule has a
``match`` (every condition given must hold; a list means "any of these") and
the ``link`` it makes. Text is compared without regard to case; actor names
and tags are shell-style patterns (``Military Forces of Azerbaijan*``). ACLED's
``inter1``, ``inter2`` and ``interaction`` are compared in both of ACLED's forms,
so ``12`` and ``State forces-Rebel group`` are the same condition whichever form
the export used. ``parties`` and ``between`` name the agreement's parties by id
and find them through their codes (:mod:`ceasefire.adapters.parties`): UCDP's
Gleditsch-Ward numbers, and in ACLED the state actors named after the party's
country. Place names are compared through the agreement's place
aliases, so a rule that names ``Kalbajar`` also matches a row that says
``Karvachar``. A row that matches no rule is still kept, as an event with no
links. A rule whose condition needs a column the export lacks can match no row
of it; the conversion says so in its notes.

When several rules give a link to the same obligation, the first rule in the
file wins and the others are not applied to that row.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import attrs
from pydantic import Field, model_validator

from ..validation import Found, Origin, check_document, origin_of, raise_problems
from ..errors import InvalidInputError, UnknownObligationError, Problem
from ..loading import read_document
from ..model import Agreement, Instant, Link, Model, Role
from ..time import Window
from .cells import written_number


class Match(Model):
    """The conditions a row must meet; an empty list means any value."""

    event_type: list[str] = Field(default=[], description="ACLED event_type, or the UCDP type of violence.")
    sub_event_type: list[str] = Field(default=[], description="ACLED sub_event_type.")
    actors: list[str] = Field(default=[], description="Patterns; some actor of the row must match one of them.")
    sides: list[list[str]] | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="Two lists of patterns: an actor on one side of the row matches the first, one on the other side the second.",
    )
    interaction: list[str | int] = Field(default=[], description="ACLED interaction, as a number (12) or as text (State forces-Rebel group); either form matches both.")
    inter1: list[str | int] = Field(default=[], description="ACLED inter1 (actor 1's type), as a number (1) or text (State forces).")
    inter2: list[str | int] = Field(default=[], description="ACLED inter2 (actor 2's type), as a number or text.")
    disorder_type: list[str] = Field(default=[], description="ACLED disorder_type, e.g. 'Political violence'.")
    civilian_targeting: list[str] = Field(default=[], description="ACLED civilian_targeting, e.g. 'Civilian targeting'; '' matches a blank cell.")
    tags: list[str] = Field(default=[], description="Patterns; some tag of the row (tags are separated by ';') must match one of them.")
    countries: list[str] = Field(
        default=[],
        description="Party ids of the agreement; the row's country must be one of theirs (ACLED 'iso' against the party's "
        "ISO 3166 code, UCDP 'country_id' against its Gleditsch-Ward number).",
    )
    parties: list[str] = Field(
        default=[],
        description="Party ids; some side of the row must be one of theirs: UCDP's gwnoa or gwnob by the party's Gleditsch-Ward "
        "number; in ACLED, an actor that is the party's state ('Military Forces of Azerbaijan (2003-)'), by the names of the "
        "party's ISO 3166 code, its name and aliases.",
    )
    between: list[list[str]] | None = Field(
        default=None,
        min_length=2,
        max_length=2,
        description="Two lists of party ids, found as for 'parties': one side of the row holds one of the first, the other side "
        "one of the second, in either order (ACLED actor 1 and 2, UCDP side a and b).",
    )
    event_clarity: list[int] = Field(
        default=[], description="UCDP event_clarity; empty means 1 only: rows of low clarity (2) match only a rule that lists 2."
    )
    code_status: list[str] = Field(
        default=[], description="UCDP code_status; empty means Clear only: candidate rows ('Check dyad', ...) match only a rule that lists their status."
    )
    places: list[str] = Field(default=[], description="Place names; some admin area or location of the row must be one of them.")
    after: Instant | None = Field(default=None, description="The event surely happened at or after this instant.")
    before: Instant | None = Field(default=None, description="The event surely happened before this instant.")


class RuleLink(Model):
    """The link a rule gives: an obligation and the event's role for it."""

    obligation: str = Field(min_length=1)
    role: Role
    note: str | None = None


class Rule(Model):
    """One mapping rule: conditions on a row, and the link it makes."""

    id: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    match: Match
    link: RuleLink


class RuleSet(Model):
    """A file of mapping rules for one dataset and one agreement."""

    id: str = Field(min_length=1)
    dataset: Literal["ACLED", "UCDP GED"]
    agreement: str | None = Field(default=None, description="The id of the agreement the rules are written for.")
    summary: str | None = None
    rules: list[Rule] = []

    @model_validator(mode="after")
    def _unique_ids(self) -> RuleSet:
        ids = [r.id for r in self.rules]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"each rule id once; {', '.join(twice)} used more than once")
        return self


@attrs.frozen
class Facts:
    """What a rule can look at in one row, read the same way from every dataset.

    ``columns`` names the columns the export has (None: every column a rule
    may ask about), so that a rule needing a missing column can be reported.
    """

    event_type: str
    sub_event_type: str
    sides: tuple[tuple[str, ...], tuple[str, ...]]
    interaction: str
    places: tuple[str, ...]
    occurred: Window
    inter1: str = ""
    inter2: str = ""
    disorder_type: str = ""
    civilian_targeting: str = ""
    tags: tuple[str, ...] = ()
    event_clarity: int | None = None
    code_status: str = ""
    country_code: str = ""
    """ACLED's numeric 'iso' or UCDP's 'country_id' (a Gleditsch-Ward number), as written."""
    country_scheme: Literal["iso", "gw", ""] = ""
    side_codes: tuple[str, ...] = ()
    """UCDP's gwnoa and gwnob numbers (a cell may hold several, separated by commas)."""
    side_parties: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    """The agreement's parties the converter found on each side, by their codes (:mod:`ceasefire.adapters.parties`)."""

    @property
    def actors(self) -> tuple[str, ...]:
        return self.sides[0] + self.sides[1]


def load_rules(path: str | Path) -> RuleSet:
    """Read a rule file (YAML or JSON)."""
    data, origin = read_document(Path(path))
    return check_document(RuleSet, data, origin)


def check_rules(rules: RuleSet, agreement: Agreement) -> None:
    """Raise :class:`~ceasefire.UnknownObligationError` for rules that name obligations the agreement lacks."""
    origin = origin_of(rules, "<rules>")
    raise_problems([*_unknown_obligations(rules, agreement, origin), *_unknown_parties(rules, agreement, origin)])


def place_notes(rules: RuleSet | None, agreement: Agreement | None) -> list[str]:
    """One sentence per place a rule names that is no place of the agreement but is near one (never applied)."""
    from .places import unknown_rule_places

    out = []
    for rule in rules.rules if rules is not None else ():
        for name, near in unknown_rule_places(agreement, rule.match.places):
            if near:  # a name far from every place is simply another place; a near one may be a misspelling
                out.append(f"rule {rule.id} names the place {name!r}, which is no place of the agreement but is near {', '.join(near)}: compared as written, the near match not applied")
    return out


def _unknown_obligations(rules: RuleSet, agreement: Agreement, origin: Origin) -> list[Found]:
    known = {o.id for p in agreement.points for o in p.obligations} | {o.id for a in agreement.amendments for o in a.obligations}
    return [
        (UnknownObligationError, Problem(origin.where(("rules", i, "link", "obligation")), f"obligation id {r.link.obligation!r} in rule {r.id}", f"an obligation of {agreement.id}"))
        for i, r in enumerate(rules.rules)
        if r.link.obligation not in known
    ]


def links_for(facts: Facts, rules: RuleSet | None, agreement: Agreement | None) -> list[Link]:
    """The links every matching rule gives, one per obligation, first rule first."""
    out: dict[str, Link] = {}
    for rule in rules.rules if rules is not None else ():
        if rule.link.obligation not in out and matches(rule.match, facts, agreement):
            out[rule.link.obligation] = Link(obligation=rule.link.obligation, role=rule.link.role, note=rule.link.note or rule.summary, made_by="rule", rule=rule.id)
    return list(out.values())


def matches(match: Match, facts: Facts, agreement: Agreement | None) -> bool:
    """True when ``facts`` meets every condition of ``match``."""
    return (
        _one_of(facts.event_type, match.event_type)
        and _one_of(facts.sub_event_type, match.sub_event_type)
        and _same_code(facts.interaction, match.interaction, INTERACTIONS)
        and _same_code(facts.inter1, match.inter1, ACTOR_TYPES)
        and _same_code(facts.inter2, match.inter2, ACTOR_TYPES)
        and _one_of(facts.disorder_type, match.disorder_type)
        and _one_of(facts.civilian_targeting, match.civilian_targeting)
        and (not match.countries or _in_countries(facts, match.countries, agreement))
        and (not match.parties or _party_side(facts, match.parties, agreement))
        and (match.between is None or _between(facts.side_parties, match.between))
        and (facts.event_clarity in (None, 1) if not match.event_clarity else facts.event_clarity in match.event_clarity)
        and (facts.code_status.casefold() in ("", "clear") if not match.code_status else _one_of(facts.code_status, match.code_status))
        and (not match.tags or any(fnmatch.fnmatchcase(t.casefold(), p.casefold()) for t in facts.tags for p in match.tags))
        and (not match.actors or _any_actor(facts.actors, match.actors))
        and (match.sides is None or _on_both_sides(facts.sides, match.sides))
        and (not match.places or _in_places(facts.places, match.places, agreement))
        and _in_range(facts.occurred, match.after, match.before)
    )


ACTOR_TYPES: dict[int, str] = {
    1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia",
    5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces",
}  # fmt: skip
"""ACLED's actor types: the number in ``inter1``/``inter2`` and the words the API gives by default."""


def _interactions() -> dict[int, str]:
    out: dict[int, str] = {}
    for a, first in ACTOR_TYPES.items():
        out[a * 10] = f"{first} only"
        for b, second in ACTOR_TYPES.items():
            if b >= a:
                out[a * 10 + b] = f"{first}-{second}"
    out[78] = "External/Other forces-Civilians"  # ACLED's own wording puts the external forces first here
    return out


INTERACTIONS: dict[int, str] = _interactions()
"""ACLED's interaction codes and their words: 10 'State forces only', 12 'State forces-Rebel group', ...

The code is ten times the lower actor type plus the higher one; a lone actor
gives ten times its type. The words follow the list of interaction codes of
ACLED's API (the lower type first, except 78, "External/Other forces-Civilians").
"""


def code_forms(value: str | int, table: dict[int, str]) -> frozenset[str]:
    """Both forms of an ACLED actor-type or interaction value, casefolded: ``{'12', 'state forces-rebel group'}``.

    A value in neither table (an unknown code, or words ACLED does not use)
    stands for itself only. Words in the other order (``Rebel group-State
    forces``) are read as the same interaction.
    """
    text = str(value).strip()
    if not text:
        return frozenset()
    number = _as_code(text)
    if number is not None:
        return frozenset({str(number), table[number].casefold()} if number in table else {str(number)})
    folded = text.casefold()
    by_words = {v.casefold(): k for k, v in table.items()}
    if folded not in by_words and table is INTERACTIONS and "-" in folded:
        parts = [p.strip() for p in folded.split("-")]
        types = {v.casefold(): k for k, v in ACTOR_TYPES.items()}
        if len(parts) == 2 and all(p in types for p in parts):
            low, high = sorted(types[p] for p in parts)
            return frozenset({str(low * 10 + high), table[low * 10 + high].casefold(), folded})
    return frozenset({folded, str(by_words[folded])}) if folded in by_words else frozenset({folded})


def _as_code(text: str) -> int | None:
    number = written_number(text)
    return int(number) if number is not None and number.is_integer() else None


def _same_code(value: str, allowed: Sequence[str | int], table: dict[int, str]) -> bool:
    if not allowed:
        return True
    have = code_forms(value, table)
    return any(have & code_forms(a, table) for a in allowed) or (not value.strip() and any(str(a).strip() == "" for a in allowed))


NEEDS: dict[str, tuple[str, ...]] = {
    "event_type": ("event_type",),
    "sub_event_type": ("sub_event_type",),
    "actors": ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"),
    "sides": ("actor1",),
    "interaction": ("interaction",),
    "inter1": ("inter1",),
    "inter2": ("inter2",),
    "disorder_type": ("disorder_type",),
    "civilian_targeting": ("civilian_targeting",),
    "tags": ("tags",),
    "parties": ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"),
    "between": ("actor1",),
    "places": ("admin1", "admin2", "admin3", "location"),
}
"""For each ACLED condition, the columns any one of which it can read."""


def unreadable_rules(rules: RuleSet | None, columns: Sequence[str]) -> list[str]:
    """One sentence per rule that asks about a column the export lacks, and so can match none of its rows."""
    have = set(columns)
    out = []
    for rule in rules.rules if rules is not None else ():
        lacking = [
            name for name, needs in NEEDS.items()
            if getattr(rule.match, name) and not (have & set(needs))
        ]  # fmt: skip
        if lacking:
            cols = ", ".join(c for name in lacking for c in NEEDS[name][:1])
            out.append(f"rule {rule.id} asks about {', '.join(lacking)}, but the export has no column {cols}: it can match none of these rows")
    return out


def _code(text: str) -> int | None:
    number = written_number(text)
    try:
        return None if number is None else int(number)
    except (ValueError, OverflowError):  # not a number, or an infinite one ('inf', '1e400')
        return None


def _party_codes(ids: Sequence[str], agreement: Agreement | None, scheme: str) -> set[int]:
    parties = {p.id: p for p in agreement.parties} if agreement is not None else {}
    codes = (parties[i].iso_numeric if scheme == "iso" else parties[i].gw for i in ids if i in parties)
    return {c for c in codes if c is not None}


def _in_countries(facts: Facts, ids: Sequence[str], agreement: Agreement | None) -> bool:
    code = _code(facts.country_code) if facts.country_code else None
    return code is not None and facts.country_scheme != "" and code in _party_codes(ids, agreement, facts.country_scheme)


def _party_side(facts: Facts, ids: Sequence[str], agreement: Agreement | None) -> bool:
    if any(p in ids for side in facts.side_parties for p in side):
        return True
    wanted = _party_codes(ids, agreement, "gw")
    return any(_code(c) in wanted for c in facts.side_codes)


def _between(sides: tuple[tuple[str, ...], tuple[str, ...]], wanted: list[list[str]]) -> bool:
    first, second = (set(w) for w in wanted)
    one, other = set(sides[0]), set(sides[1])
    return bool((one & first and other & second) or (one & second and other & first))


def _unknown_parties(rules: RuleSet, agreement: Agreement, origin: Origin) -> list[Found]:
    parties = {p.id: p for p in agreement.parties}
    found: list[Found] = []
    for i, rule in enumerate(rules.rules):
        for key in ("countries", "parties", "between"):
            named = getattr(rule.match, key) or []
            for pid in [i for group in named for i in group] if key == "between" else named:
                party = parties.get(pid)
                need = "gw" if rules.dataset == "UCDP GED" else "iso3166"
                if party is None or getattr(party, need) is None:
                    what = f"party id {pid!r} in rule {rule.id}" + ("" if party is None else f", which has no {need}")
                    want = f"a party of {agreement.id} with its {'Gleditsch-Ward number (gw)' if need == 'gw' else 'ISO 3166 code (iso3166)'}"
                    found.append((InvalidInputError, Problem(origin.where(("rules", i, "match", key)), what, want)))
    return found


def _one_of(value: str, allowed: Sequence[str]) -> bool:
    return not allowed or value.casefold() in {a.casefold() for a in allowed}


def _any_actor(actors: Sequence[str], patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(a.casefold(), p.casefold()) for a in actors for p in patterns)


def _on_both_sides(sides: tuple[tuple[str, ...], tuple[str, ...]], wanted: list[list[str]]) -> bool:
    first, second = wanted
    return (_any_actor(sides[0], first) and _any_actor(sides[1], second)) or (
        _any_actor(sides[0], second) and _any_actor(sides[1], first)
    )


def _in_places(names: Sequence[str], wanted: Sequence[str], agreement: Agreement | None) -> bool:
    targets = {_canonical(w, agreement) for w in wanted}
    return any(_canonical(n, agreement) in targets for n in names if n)


def _canonical(name: str, agreement: Agreement | None) -> str:
    from .places import fold, place_of

    return fold(place_of(agreement, name) or name)


def _in_range(occurred: Window, after: dt.datetime | None, before: dt.datetime | None) -> bool:
    return (after is None or occurred.earliest >= after) and (before is None or occurred.latest < before)
