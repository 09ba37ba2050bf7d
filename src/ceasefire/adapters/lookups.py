"""What a conversion looks up for every row, built once at its start instead of once per row.

A conversion asks the same questions of every row: which of the agreement's
places a name denotes, which party a state actor belongs to, which rules a
row meets. Asked afresh for each row, through the agreement's lists and the
rule file as written, they cost most of a conversion's time. :class:`Lookups`
builds the agreement's place names, the parties' names and the rules (their
patterns compiled, their place names resolved, their codes in both of ACLED's
forms) once, when a conversion starts, and remembers each answer for the rest
of that conversion: the agreement and rules are read when the conversion
begins, and a later change to them applies to the next conversion.

:class:`PlainLookups` answers the same questions the plain way, by the
functions of :mod:`~ceasefire.adapters.places`, :mod:`~ceasefire.adapters.rules`
and :mod:`~ceasefire.adapters.parties`, once per call. It is the reference the
fast answers are tested against, row for row.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TypeVar

from ..model import Agreement, Link, Location
from .cells import Cells
from .parties import acled_side_parties, gw_parties, state_party
from .places import fold, near_places, place_of
from .rules import ACTOR_TYPES, INTERACTIONS, Facts, Match, RuleSet, _code, _party_codes, code_forms, links_for


T = TypeVar("T")


class PlainLookups:
    """The look-ups of one conversion, each answered afresh by the plain functions: the reference for :class:`Lookups`."""

    def __init__(self, agreement: Agreement | None, rules: RuleSet | None, names: Mapping[str, frozenset[str]] | None = None) -> None:
        self.agreement = agreement
        self.rules = rules
        self.names: Mapping[str, frozenset[str]] = names or {}

    def place_of(self, name: str) -> str | None:
        """The agreement's name for the place ``name`` denotes (:func:`~ceasefire.adapters.places.place_of`)."""
        return place_of(self.agreement, name)

    def near_places(self, name: str) -> list[str]:
        """Places of the agreement close to ``name``, as suggestions (:func:`~ceasefire.adapters.places.near_places`)."""
        return near_places(self.agreement, name)

    def links(self, facts: Facts) -> list[Link]:
        """The links the rules give a row (:func:`~ceasefire.adapters.rules.links_for`)."""
        return links_for(facts, self.rules, self.agreement)

    def side_parties(self, sides: tuple[tuple[str, ...], tuple[str, ...]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The parties on each side of an ACLED row, by their state actors' names."""
        return acled_side_parties(sides, self.names)

    def gw_parties(self, cell: str) -> tuple[str, ...]:
        """The parties whose Gleditsch-Ward numbers a UCDP ``gwnoa``/``gwnob`` cell holds."""
        return gw_parties(cell, self.agreement)

    def code_forms(self, value: str, table: dict[int, str]) -> frozenset[str]:
        """Both forms of an ACLED actor-type or interaction value (:func:`~ceasefire.adapters.rules.code_forms`)."""
        return code_forms(value, table)

    def remember(self, kind: str, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``: here made afresh each time; :class:`Lookups` keeps it under ``kind`` and ``key`` for the rest of the conversion.

        Only for what ``key`` decides entirely and no caller changes: a string, a tuple, a frozen record.
        """
        return make()

    def recall(self, kind: str, key: Hashable) -> object | None:
        """What :meth:`keep` kept under ``kind`` and ``key`` in this conversion; here never anything."""
        return None

    def keep(self, kind: str, key: Hashable, value: object) -> None:
        """Keep ``value`` under ``kind`` and ``key`` for the rest of the conversion (:class:`Lookups` only), for a caller that keeps only what succeeded."""

    def location(self, cells: Cells, text: dict[str, str], columns: Sequence[str], read: Callable[[Cells, dict[str, str]], Location]) -> Location:
        """The row's place, read by ``read``; a place written in ``columns`` as an earlier row's was is that row's record, shared (datasets geocode each place once).

        A row of a file that may use decimal commas is always read afresh, since reading it may add a note;
        a record whose reading found a problem is never kept.
        """
        key = tuple(text.get(c, "") for c in columns)
        shared = not cells.row.decimal_comma
        if shared:
            found = self.recall("location", key)
            if found is not None:
                return found  # type: ignore[return-value]
        before = len(cells.problems)
        made = read(cells, text)
        if shared and len(cells.problems) == before:
            self.keep("location", key, made)
        return made


class Lookups(PlainLookups):
    """The look-ups of one conversion, built once from the agreement and rules as they are when it starts, answers remembered.

    Every answer equals :class:`PlainLookups`' for the same agreement, rules
    and names; ``tests/test_datasets_lookups.py`` checks that over generated rows.
    """

    def __init__(self, agreement: Agreement | None, rules: RuleSet | None, names: Mapping[str, frozenset[str]] | None = None) -> None:
        super().__init__(agreement, rules, names)
        canonical: dict[str, str] = {}
        folded: dict[str, str] = {}
        for place in agreement.places if agreement is not None else ():
            for alias in (place.name, *place.aliases):
                canonical.setdefault(alias.casefold(), place.name)  # Agreement.canonical_place: the first place naming it wins
                folded.setdefault(fold(alias), place.name)  # places._names: likewise, after transliteration
        self._canonical, self._folded = canonical, folded
        self._place: dict[str, str | None] = {}
        self._near: dict[str, list[str]] = {}
        self._party: dict[str, str | None] = {}
        self._gw: dict[str, tuple[str, ...]] = {}
        self._forms: dict[tuple[str, int], frozenset[str]] = {}
        self._sides: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._kept: dict[tuple[str, Hashable], object] = {}
        self._rules = [_Rule(rule.match, _shared_link(rule.id, rule.summary, rule.link.obligation, rule.link.role, rule.link.note), self) for rule in rules.rules] if rules is not None else []
        self._candidates: dict[tuple[str, str], list[_Rule]] = {}

    def place_of(self, name: str) -> str | None:
        found = self._place.get(name, _MISSING)
        if found is _MISSING:
            if self.agreement is None or not name.strip():
                found = None
            else:
                found = self._canonical.get(name.strip().casefold()) or self._folded.get(fold(name))
            self._place[name] = found
        return found  # type: ignore[return-value]

    def near_places(self, name: str) -> list[str]:
        if name not in self._near:
            self._near[name] = near_places(self.agreement, name)
        return list(self._near[name])

    def links(self, facts: Facts) -> list[Link]:
        kinds = (facts.event_type, facts.sub_event_type)
        rules = self._candidates.get(kinds)
        if rules is None:  # the rules whose event types admit the row's: the first two conditions of every rule, decided once per pair
            rules = self._candidates[kinds] = [r for r in self._rules if r.admits(*kinds)]
        out: dict[str, Link] = {}
        for rule in rules:
            obligation = rule.link.obligation
            if obligation not in out and rule.matches(facts, self):
                out[obligation] = rule.link
        return list(out.values())

    def side_parties(self, sides: tuple[tuple[str, ...], tuple[str, ...]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        known = self._sides.get(sides)
        if known is None:
            found = [tuple(dict.fromkeys(p for a in side if (p := self._state_party(a)) is not None)) for side in sides]
            known = self._sides[sides] = (found[0], found[1])
        return known

    def _state_party(self, actor: str) -> str | None:
        found = self._party.get(actor, _MISSING)
        if found is _MISSING:
            found = self._party[actor] = state_party(actor, self.names)
        return found  # type: ignore[return-value]

    def gw_parties(self, cell: str) -> tuple[str, ...]:
        found = self._gw.get(cell)
        if found is None:
            found = self._gw[cell] = gw_parties(cell, self.agreement)
        return found

    def code_forms(self, value: str, table: dict[int, str]) -> frozenset[str]:
        key = (value, id(table))  # the tables are the module's two constant dicts
        found = self._forms.get(key)
        if found is None:
            found = self._forms[key] = code_forms(value, table)
        return found

    def remember(self, kind: str, key: Hashable, make: Callable[[], T]) -> T:
        found = self._kept.get((kind, key), _MISSING)
        if found is _MISSING:
            found = self._kept[(kind, key)] = make()
        return found  # type: ignore[return-value]

    def recall(self, kind: str, key: Hashable) -> object | None:
        return self._kept.get((kind, key))

    def keep(self, kind: str, key: Hashable, value: object) -> None:
        self._kept[(kind, key)] = value

    def canonical(self, name: str) -> str:
        """``name`` as rules compare places: the agreement's name for it (else itself), folded (as ``rules._canonical``)."""
        return fold(self.place_of(name) or name)


_MISSING = object()


def _shared_link(rule: str, summary: str, obligation: str, role: str, note: str | None) -> Link:
    """The link a rule gives, built and validated once and shared by every event it links: links are frozen."""
    return Link(obligation=obligation, role=role, note=note or summary, made_by="rule", rule=rule)  # type: ignore[arg-type]


class _Patterns:
    """Shell-style patterns compared without regard to case (as ``fnmatch.fnmatchcase`` on casefolded text), answers remembered by name."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self._compiled = [re.compile(fnmatch.translate(p.casefold())).match for p in patterns]
        self._seen: dict[str, bool] = {}

    def hit(self, name: str) -> bool:
        found = self._seen.get(name)
        if found is None:
            folded = name.casefold()
            found = self._seen[name] = any(m(folded) is not None for m in self._compiled)
        return found

    def any(self, names: Sequence[str]) -> bool:
        return any(self.hit(n) for n in names)


class _Codes:
    """An ACLED code condition (interaction, inter1, inter2), its allowed values in both forms at once."""

    def __init__(self, allowed: Sequence[str | int], table: dict[int, str]) -> None:
        self._forms = frozenset().union(*(code_forms(a, table) for a in allowed))
        self._blank = any(str(a).strip() == "" for a in allowed)
        self._table = table

    def __call__(self, value: str, lookups: Lookups) -> bool:
        return bool(lookups.code_forms(value, self._table) & self._forms) or (self._blank and not value.strip())


def _folded_set(allowed: Sequence[str]) -> frozenset[str] | None:
    return frozenset(a.casefold() for a in allowed) if allowed else None


class _Rule:
    """One rule with its conditions prepared: the same answers as ``rules.matches``, tested in the same order.

    It keeps no reference to the :class:`Lookups` that made it (they are passed to :meth:`matches`), so that
    a conversion's tables are freed as soon as it ends, without waiting for the cyclic garbage collector.
    """

    def __init__(self, match: Match, link: Link, lookups: Lookups) -> None:
        self.link = link
        agreement = lookups.agreement
        self._event_type = _folded_set(match.event_type)
        self._sub_event_type = _folded_set(match.sub_event_type)
        self._interaction = _Codes(match.interaction, INTERACTIONS) if match.interaction else None
        self._inter1 = _Codes(match.inter1, ACTOR_TYPES) if match.inter1 else None
        self._inter2 = _Codes(match.inter2, ACTOR_TYPES) if match.inter2 else None
        self._disorder_type = _folded_set(match.disorder_type)
        self._civilian_targeting = _folded_set(match.civilian_targeting)
        self._countries = {s: _party_codes(match.countries, agreement, s) for s in ("iso", "gw")} if match.countries else None
        self._parties = (frozenset(match.parties), _party_codes(match.parties, agreement, "gw")) if match.parties else None
        self._between = (frozenset(match.between[0]), frozenset(match.between[1])) if match.between is not None else None
        self._clarity = tuple(match.event_clarity)
        self._status = _folded_set(match.code_status)
        self._tags = _Patterns(match.tags) if match.tags else None
        self._actors = _Patterns(match.actors) if match.actors else None
        self._sides = (_Patterns(match.sides[0]), _Patterns(match.sides[1])) if match.sides is not None else None
        self._places = frozenset(lookups.canonical(w) for w in match.places) if match.places else None
        self._after: dt.datetime | None = match.after
        self._before: dt.datetime | None = match.before

    def admits(self, event_type: str, sub_event_type: str) -> bool:
        """True when the rule's first two conditions, on the event type and sub-event type, hold."""
        return (self._event_type is None or event_type.casefold() in self._event_type) and (
            self._sub_event_type is None or sub_event_type.casefold() in self._sub_event_type
        )

    def matches(self, facts: Facts, lookups: Lookups) -> bool:
        """True when ``facts`` meets every condition after the first two (see :meth:`admits`), as :func:`~ceasefire.adapters.rules.matches` decides."""
        if self._interaction is not None and not self._interaction(facts.interaction, lookups):
            return False
        if self._inter1 is not None and not self._inter1(facts.inter1, lookups):
            return False
        if self._inter2 is not None and not self._inter2(facts.inter2, lookups):
            return False
        if self._disorder_type is not None and facts.disorder_type.casefold() not in self._disorder_type:
            return False
        if self._civilian_targeting is not None and facts.civilian_targeting.casefold() not in self._civilian_targeting:
            return False
        if self._countries is not None:
            code = _code(facts.country_code) if facts.country_code else None
            if code is None or facts.country_scheme == "" or code not in self._countries["iso" if facts.country_scheme == "iso" else "gw"]:
                return False
        if self._parties is not None:
            ids, codes = self._parties
            if not any(p in ids for side in facts.side_parties for p in side) and not any(_code(c) in codes for c in facts.side_codes):
                return False
        if self._between is not None:
            first, second = self._between
            one, other = set(facts.side_parties[0]), set(facts.side_parties[1])
            if not ((one & first and other & second) or (one & second and other & first)):
                return False
        if facts.event_clarity not in ((None, 1) if not self._clarity else self._clarity):
            return False
        if (facts.code_status.casefold() not in ("", "clear")) if self._status is None else (facts.code_status.casefold() not in self._status):
            return False
        if self._tags is not None and not self._tags.any(facts.tags):
            return False
        if self._actors is not None and not self._actors.any(facts.actors):
            return False
        if self._sides is not None:
            first_p, second_p = self._sides
            sides = facts.sides
            if not ((first_p.any(sides[0]) and second_p.any(sides[1])) or (second_p.any(sides[0]) and first_p.any(sides[1]))):
                return False
        if self._places is not None and not any(lookups.canonical(n) in self._places for n in facts.places if n):
            return False
        occurred = facts.occurred
        return (self._after is None or occurred.earliest >= self._after) and (self._before is None or occurred.latest < self._before)
