"""Proposing obligation links: rules pick obligations of the agreement by kind, words and place.

A rule never names an obligation id. It names the obligation's kind, words
of which one must begin a word of the obligation's summary, and whether the
summary must name the event's place. When several obligations fit, the one
whose summary shares most words with the sentence wins; on a tie, the one
that comes first in the agreement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from ..model import Agreement, Link
from .patterns import LinkRule

_STOP = frozenset(
    "a an the of to in on at by for from with and or but is are was were be been has have had its it this that "
    "which who as all any each both their there into over under per than then".split()
)


@attrs.frozen
class Target:
    """An obligation as the link rules see it."""

    id: str
    kind: str
    words: frozenset[str]
    stems: frozenset[str]
    order: int


def stems(text: str) -> frozenset[str]:
    """The content words of ``text``, each cut to its first five letters."""
    return frozenset(w[:5] for w in re.findall(r"[a-z]+", text.casefold()) if w not in _STOP)


def targets(agreement: Agreement) -> list[Target]:
    """Every obligation of the agreement, supplements included, in the agreement's order."""
    found = []
    obligations = [o for p in agreement.points for o in p.obligations]
    obligations += [o for a in agreement.amendments for o in a.obligations]
    for order, obligation in enumerate(obligations):
        words = frozenset(re.findall(r"[a-z]+", obligation.summary.casefold()))
        found.append(Target(obligation.id, obligation.kind, words, stems(obligation.summary), order))
    return found


def place_names(agreement: Agreement, canonical: str) -> set[str]:
    """The canonical name and aliases of a place, folded, one word at a time."""
    names: set[str] = set()
    for place in agreement.places:
        if place.name == canonical:
            for name in (place.name, *place.aliases):
                names.update(re.findall(r"[a-z]+", name.casefold()))
    return names or {canonical.casefold()}


def pick(rule: LinkRule, sentence: str, place: str | None, agreement: Agreement, pool: list[Target], exclude: Iterable[str] = ()) -> Target | None:
    """The obligation a rule points at for this sentence and place, or None."""
    if rule.place and place is None:
        return None
    skip = set(exclude)
    wanted_place = place_names(agreement, place) if rule.place and place else set()
    fitting = [
        t
        for t in pool
        if t.kind == rule.kind
        and t.id not in skip
        and any(w.startswith(r) for w in t.words for r in rule.words)
        and (not wanted_place or wanted_place & t.words)
    ]
    if not fitting:
        return None
    cue = rule.cue.search(sentence) if rule.cue is not None else None
    if rule.cue is not None and cue is not None and cue.group(0):
        # the word that made the rule apply ("corridor") picks, among fitting obligations, those that name it
        named = [t for t in fitting if rule.cue.search(" ".join(sorted(t.words)))]
        fitting = named or fitting
    mine = stems(sentence)
    return max(fitting, key=lambda t: (len(mine & t.stems), -t.order))


def propose(rules: Iterable[LinkRule], mentions: Iterable[LinkRule], sentence: str, place: str | None, agreement: Agreement, pool: list[Target]) -> tuple[Link, ...]:
    """Links from the kind's rules, then context links from the mentions in the sentence."""
    links: list[Link] = []
    for rule in rules:
        if rule.cue is not None and not rule.cue.search(sentence):
            continue
        target = pick(rule, sentence, place, agreement, pool, exclude=[l.obligation for l in links])
        if target is not None:
            links.append(_link(target, rule))
    for rule in mentions:
        if rule.cue is not None and rule.cue.search(sentence):
            target = pick(rule, sentence, place, agreement, pool, exclude=[l.obligation for l in links])
            if target is not None:
                links.append(_link(target, rule))
    return tuple(links)


def _link(target: Target, rule: LinkRule) -> Link:
    return Link(obligation=target.id, role=rule.role, made_by="extraction", rule=rule.id, confidence=rule.confidence)  # type: ignore[arg-type]
