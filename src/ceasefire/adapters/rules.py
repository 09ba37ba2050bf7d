"""Mapping rules: which dataset rows bear on which obligation, written as data.

A rule file names the dataset it reads and a list of rules. Each rule has a
``match`` (every condition given must hold; a list means "any of these") and
the ``link`` it makes. Text is compared without regard to case; actor names
are shell-style patterns (``Military Forces of Azerbaijan*``). Place names
are compared through the agreement's place aliases, so a rule that names
``Kalbajar`` also matches a row that says ``Karvachar``. A row that matches no
rule is still kept, as an event with no links.

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

from ..checks import Found, Origin, origin_of, raise_problems
from ..errors import UnknownObligationError, Problem
from ..loading import _validate, read_document
from ..model import Agreement, Instant, Link, Model, Role
from ..time import Window


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
    interaction: list[str] = Field(default=[], description="ACLED interaction values, as written in the export.")
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
    """What a rule can look at in one row, read the same way from every dataset."""

    event_type: str
    sub_event_type: str
    sides: tuple[tuple[str, ...], tuple[str, ...]]
    interaction: str
    places: tuple[str, ...]
    occurred: Window

    @property
    def actors(self) -> tuple[str, ...]:
        return self.sides[0] + self.sides[1]


def load_rules(path: str | Path) -> RuleSet:
    """Read a rule file (YAML or JSON)."""
    data, origin = read_document(Path(path))
    return _validate(RuleSet, data, origin)


def check_rules(rules: RuleSet, agreement: Agreement) -> None:
    """Raise :class:`~ceasefire.UnknownObligationError` for rules that name obligations the agreement lacks."""
    raise_problems(_unknown_obligations(rules, agreement, origin_of(rules, "<rules>")))


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
        and _one_of(facts.interaction, match.interaction)
        and (not match.actors or _any_actor(facts.actors, match.actors))
        and (match.sides is None or _on_both_sides(facts.sides, match.sides))
        and (not match.places or _in_places(facts.places, match.places, agreement))
        and _in_range(facts.occurred, match.after, match.before)
    )


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
    found = agreement.canonical_place(name) if agreement is not None else None
    return (found or name).strip().casefold()


def _in_range(occurred: Window, after: dt.datetime | None, before: dt.datetime | None) -> bool:
    return (after is None or occurred.earliest >= after) and (before is None or occurred.latest < before)
