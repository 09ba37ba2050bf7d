"""Reading one report: which happenings each sentence reports, where, when and by whom.

A sentence gives one report (a :class:`Mention`) per kind, place and date
it names. A mention keeps the sentence as its verbatim quote, with offsets,
or, when the sentence reports one kind several times, its own part of it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import attrs

from ..model import Agreement, Citation, Link, Quantity
from ..time import Window, local_date
from . import learned
from . import links as linking
from .dates import TimeMention, days_window, find_times
from .patterns import KindRule, Patterns
from .quantities import quantities_in
from .text import Found, Sentence, places_in, states_in


@attrs.frozen
class Mention:
    """One report of one happening, from one sentence."""

    kind: str
    place: str | None
    window: Window
    occurred_text: str | None
    actors: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    links: tuple[Link, ...]
    citation: Citation
    speaker: str | None = None
    unique: bool = False
    disputed_by: tuple[str, ...] = ()
    phase: str | None = None
    sentence: tuple[int, int] | None = None
    trigger: tuple[int, int] = (0, 0)
    clock: str | None = None
    once: bool = False
    sort: str | None = None
    learned: bool = False
    roads: tuple[str, ...] = ()
    copy: int = 0  # the n-th of several happenings one phrase counts ("two violations")
    story: bool = False  # told by words for the report's whole happening of its kind ("the fighting", "the clashes")
    opens: bool = False  # the trigger opens such a whole happening ("launched a military operation")


@attrs.frozen
class Reading:
    """What the reader knows about one sentence: its times with their roles, and its places."""

    sentence: Sentence
    times: tuple[tuple[TimeMention, str], ...]
    places: tuple[Found, ...]
    roads: tuple[Found, ...] = ()

    @property
    def sites(self) -> tuple[Found, ...]:
        """The places that can be where a happening is: not a place that only names a road ("the Lachin corridor")."""
        return tuple(p for p in self.places if p not in self.roads)


@attrs.define
class Article:
    """The state of reading one text: the agreement, the rules, and what came before."""

    text: str
    source: str
    published: Window
    ref: tuple[dt.date, dt.date]
    agreement: Agreement
    rules: Patterns
    finder: list[tuple[re.Pattern[str], str]]
    pool: list[linking.Target]
    zone: str
    anchor: dt.date | None = None
    period: tuple[dt.date, dt.date] | None = None
    last_report: TimeMention | None = None
    recent_places: list[list[Found]] = attrs.Factory(list)
    previous_kinds: frozenset[str] = frozenset()

    def read(self, sentence: Sentence) -> Reading:
        """Times (with roles) and places of a sentence; moves the anchor for "N days later"."""
        times = find_times(self.text, sentence.start, sentence.end, self.ref, self.anchor, self.period)
        roles = tuple((t, role_of(t, self.text, sentence, self.rules)) for t in times)
        # "earlier this month" is before the report's day when it dates a happening, but a report made "earlier this
        # month" bounds what it reports only by the report's own day (since part 10)
        roles = tuple((attrs.evolve(t, last=max(self.ref)) if role == "report" and t.rule == "calendar" and t.text.lower().startswith("earlier") else t, role) for t, role in roles)
        for time, role in roles:
            if time.exact and role in ("occurrence", "report"):
                self.anchor = time.first
            if role == "occurrence":
                self.period = (time.first, time.last)
        reports = [t for t, role in roles if role == "report"]
        if reports:
            self.last_report = reports[0]
        elif self.last_report is not None and self.rules.said_before.search(sentence.text):
            roles = (*roles, (self.last_report, "report"))  # "it said": the report date of the sentence before
        places = tuple(places_in(sentence, self.finder))
        roads = tuple(p for p in places if self.rules.road_name.match(self.text, p.end))
        return Reading(sentence, roles, places, roads)

    def context_place(self) -> str | None:
        """The last place named in the three sentences before (none if that sentence named a list of places)."""
        for found in reversed(self.recent_places[-3:]):
            if found:
                return None if listed(self.text, found) else found[-1].value
        return None


# three or more names in a row, with commas and a last "and": "Tartar, Aghdam, Fuzuli, and Zangilan"
_NAME_LIST = re.compile(r"(?-i:[A-Z][\w’'-]+)(?:\s*,\s*(?-i:[A-Z][\w’'-]+)){1,},?\s+(?:and|&)\s+(?-i:[A-Z][\w’'-]+)")


def listed(text: str, places: list[Found] | tuple[Found, ...]) -> bool:
    """A place named inside a list of three or more names ("in Tartar, Aghdam, Fuzuli and Shusha districts"),
    whether or not the alias table knows the other names."""
    if not places:
        return False
    low, high = min(p.start for p in places), max(p.end for p in places)
    for match in _NAME_LIST.finditer(text, max(0, low - 200), min(len(text), high + 200)):
        if any(match.start() <= p.start and p.end <= match.end() for p in places):
            return True
    return False


def role_of(time: TimeMention, text: str, sentence: Sentence, rules: Patterns) -> str:
    """Whether a time is when something happened, a deadline, a plan, the agreement's date or a report's."""
    before = text[sentence.start : time.start]
    after = text[time.end : sentence.end]
    roles = rules.date_roles
    if roles["dateline"].search(before) or (roles["dateline_title"].search(before) and roles["dateline_after"].match(after)):
        return "dateline"
    if roles["agreement"].search(before[-120:]):
        return "agreement"
    if roles["deadline"].search(before[-25:]):
        # (since part 11) "had already left the district by Sunday": after a completed past, "by" bounds a happening
        # told as done; it is no deadline
        clause = _clause(before, rules)
        if _BY_OR_BEFORE.search(before[-25:]) and _DONE.search(clause) and not rules.blockers.search(clause):
            return "bound"
        return "deadline"
    if roles["since"].search(before[-12:]) or time.rule == "duration":
        return "since"
    if roles["report_before"].search(before[-40:]) or roles["report_after"].search(after[:40]):
        return "report"
    clause = _clause(before, rules)
    if roles["plan"].search(clause):
        return "plan"
    return "occurrence"


_BY_OR_BEFORE = re.compile(r"\b(?:by|before)\s+(?:the\s+)?$", re.IGNORECASE)
# a completed past: "had (already) left", "had been cleared", "were already evacuated"
_DONE = re.compile(r"\bhad\s+(?:already\s+|all\s+|largely\s+|mostly\s+)?(?:been\s+)?(?:[a-z]{3,}ed|left|gone|fled|taken|done|withdrawn)\b|\b(?:was|were)\s+already\s+[a-z]{3,}(?:ed|en)\b", re.IGNORECASE)


def _clause(before: str, rules: Patterns) -> str:
    breaks = list(rules.clause_break.finditer(before))
    return before[breaks[-1].end() :] if breaks else before


# Verbs whose "that" opens what they say, report or require (not a relative clause).
_COMPLEMENT = re.compile(
    r"\b(?:said|says|say|announced|reported|reports|stated|confirmed|noted|added|told \w+|explained|insisted|declared|claimed|claims|alleged|"
    r"stipulated|stipulates|provides|provided|demanding|demanded|demands|agreed|envisaged|envisages|requires|required|ensured|ensure|means|"
    r"showed|shows|hoped|hopes|warned|emphasized|emphasised|stressed|believes|knows|indicates?|indicated)(?:\s*,[^,;]{1,80},)?\s*,?\s*$",
    re.IGNORECASE,
)


def scope(text: str, rules: Patterns, lists: str | None = None) -> tuple[str, str, int]:
    """The words that govern what follows ``text``, the word that opened their clause, and where that word starts.

    The clause is extended back over one break when it continues the clause
    before: after "and" without a new subject ("will undergo an examination
    and return"), and after a "that" opening what a verb says or requires
    ("stipulated that Armenia hand over").
    """
    breaks = list(rules.clause_break.finditer(text))
    if not breaks:
        return text, "", 0
    i = len(breaks) - 1
    first = breaks[i]
    opened, where = first.group(0).strip().casefold(), first.start()
    while i >= 0:
        word = breaks[i].group(0).strip().casefold()
        clause = text[breaks[i].end() :]
        verb = _COMPLEMENT.search(text[: breaks[i].start()]) if word == "that" else None
        if verb is not None:
            # what a verb says or requires: the verb's own clause governs it, and no more (from the break before the
            # verb, which may stand apart: "demanded, through the contingent, that the corridor be closed")
            earlier = [b for b in breaks[:i] if b.end() <= verb.start()]
            return text[earlier[-1].end() :] if earlier else text, opened, where
        if word == "that" and i > 0 and breaks[i - 1].group(0).strip().casefold() == "and" and not text[breaks[i - 1].end() : breaks[i].start()].strip():
            # "claims it had withdrawn and that its forces had fired": a second complement of the verb before
            i -= 2
            continue
        if lists is not None and word == "," and _list_item(clause, lists):
            # (since part 10) an item of a list governed by the verb before it: "the deal envisioned a ceasefire, a
            # prisoner swap and the deployment of peacekeepers" (the swap is envisioned too)
            i -= 1
            continue
        if not (word == "and" and not rules.new_subject.match(clause)):
            return clause, opened, where
        i -= 1
    return text, opened, where


def _list_item(clause: str, after: str) -> bool:
    """A short stretch of lower-case words with no verb of its own, followed by more of the list: an item of a list
    ("a ceasefire, prisoner swap and deployment"; not "On May 1, Armenian forces withdrew")."""
    words = clause.split()
    if not 0 < len(words) <= 4 or not words[0][0].islower() or not re.match(r"\s*(?:,|and\b|or\b)", after):
        return False
    return not _has_finite_verb(clause) and not re.search(r"\b[a-z]{3,}ing\b", clause)


def triggers(sentence: Sentence, rules: Patterns) -> list[tuple[KindRule, int, int]]:
    """Every unblocked trigger of every kind the sentence reports, in text order (overlapping ones once).

    A kind that another suppresses ("killed in a mine blast" is no clash) is
    dropped only where it reports the same stretch of the sentence: a word of
    sequence between the two ("launched an operation after officers were
    killed in mine blasts") keeps it.
    """
    found: list[tuple[KindRule, int, int]] = []
    for rule in rules.kinds:
        if rule.requires is not None and not rule.requires.search(sentence.text):
            continue
        if rule.not_with is not None and rule.not_with.search(sentence.text):
            continue
        spans = _spans(sentence.text, rule.triggers, rules, rule)
        if rule.nouns:
            named = [(a, b) for a, b in _spans(sentence.text, rule.nouns, rules, rule) if not any(a < y and x < b for x, y in spans)]
            spans += [(a, b) for a, b in named if _told(sentence.text, a, b)]
        if not spans and rule.weak_triggers:
            spans = _spans(sentence.text, rule.weak_triggers, rules, rule)[:1]
        found += [(rule, sentence.start + a, sentence.start + b) for a, b in sorted(spans)]
    model = learned.current()
    if model is not None:
        found = _learned(sentence, rules, found, model)
    kept = [item for item in found if not _suppressed(item, found, sentence, rules)]
    return sorted(kept, key=lambda item: item[1])


# a word of time or sequence governing the noun ("following a two-day offensive", "since the operation")
_TIME_WORD_BEFORE = re.compile(r"\b(?:after|following|since|before|amid|ahead of|prior to|during|until)\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)
# ...unless a relative clause of its own tells the happening ("the operation of Baku, which began on ...")
_OWN_RELATIVE = re.compile(r"(?:\s+(?:of|by|in|on|against)\s+[\w’'-]+(?:\s+[\w’'-]+)?)?\s*,?\s+(?:which|that)\s+(?:\w+\s+)?(?:[a-z]+ed|began|took|saw|left|led|killed|drove|forced|ended)\b", re.IGNORECASE)


# ...or unless the noun carries a day of its own ("following clashes earlier on Tuesday", "after the capture of
# the village of Parukh on March 24"): then the report
# asserts that it happened, on that day, though it names it only to date what follows
_DAY_NAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b"
_OWN_DAY = re.compile(
    r"(?:\s+of\s+(?:the\s+)?(?-i:[A-Z])[\w’'-]+(?:\s+\((?-i:[A-Z])[\w’'-]+\))?"  # "of the village of Parukh (Farukh)"
    r"|\s+(?:on|against|in|near)\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,2}?)?"  # "on the villages" (since part 10)
    r"\s+(?:(?:earlier|later|late|early)\s+)?(?:on|in the (?:morning|evening|night) of)\s+(?-i:" + _DAY_NAME + r"|\d)",
    re.IGNORECASE,
)


def _told(text: str, at: int, end: int) -> bool:
    """A happening named by a noun is reported unless a word of time or sequence governs the noun and neither
    a relative clause of its own tells it nor a day of its own dates it."""
    return not _TIME_WORD_BEFORE.search(text[:at]) or bool(_OWN_RELATIVE.match(text, end)) or bool(_OWN_DAY.match(text, end))


def _learned(sentence: Sentence, rules: Patterns, found: list[tuple[KindRule, int, int]], model: learned.Model) -> list[tuple[KindRule, int, int]]:
    """The rules' triggers; where they found none, the kind the learned weights find most likely, if it reaches
    the model's ``add``, at its weightiest word, and only if the rules' checks let that word stand."""
    if found:
        return found
    scores = model.scores(sentence.text)
    kind = min(scores, key=lambda k: (-scores[k], k), default=None)
    rule = _base_rule(rules, kind) if kind is not None and scores[kind] >= model.add else None
    cue = model.cue(rule.name, sentence.text) if rule is not None else None
    if rule is None or cue is None:
        return found
    a, b = cue
    text = sentence.text
    if _adjective(text, a, text[a:b], rules) or not _agent_fits(rule, _agent(text, a, b, rules), rules) or _blocked(text, a, b, rules, rule):
        return found
    return [(attrs.evolve(rule, learned=True), sentence.start + a, sentence.start + b)]


def _base_rule(rules: Patterns, kind: str) -> KindRule | None:
    """The rule that reports ``kind`` with no condition of its own (no required words, no required doer)."""
    fitting = [r for r in rules.kinds if r.name == kind]
    plain = [r for r in fitting if r.requires is None and r.agent is None and r.not_with is None]
    return next(iter(plain or fitting), None)


def _suppressed(item: tuple[KindRule, int, int], found: list[tuple[KindRule, int, int]], sentence: Sentence, rules: Patterns) -> bool:
    rule, start, end = item
    for other, a, b in found:
        if rule.name not in other.suppresses:
            continue
        first, second = sorted(((start, end), (a, b)))
        between = sentence.text[max(first[1] - sentence.start, 0) : max(second[0] - sentence.start, 0)]
        if not rules.sequence.search(between):
            return True
    return False


def _agent(text: str, at: int, end: int, rules: Patterns) -> str | None:
    """Who the sentence says did it: "peacekeepers", a state's name, or None.

    The actor named last before the trigger, or the one after a "by" that
    follows it ("the setting up of a checkpoint by Azerbaijan").
    """
    after = re.match(r"^(?:\W+[\w-]+){0,4}?\W+by\s+(?:the\s+)?([\w-]+(?:\s+[\w-]+)?)", text[end:])
    if after:
        named = _actor_in(after.group(1), rules, last=False)
        if named is not None:
            return named
    return _actor_in(text[:at], rules, last=True)


def _actor_in(text: str, rules: Patterns, last: bool) -> str | None:
    hits: list[tuple[int, str]] = [(m.start(), "peacekeepers") for m in rules.peacekeepers.finditer(text)]
    for state, words in rules.states.items():
        for word in words:
            hits += [(m.start(), state) for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?:’s|'s)?(?![\w-])", text)]
    if not hits:
        return None
    hits.sort()
    return hits[-1][1] if last else hits[0][1]


def _agent_fits(rule: KindRule, agent: str | None, rules: Patterns) -> bool:
    """A rule with an agent wants the peacekeepers (or the state that sends them) or another state as the doer."""
    if rule.agent is None:
        return True
    sender = next((state for state, words in rules.states.items() if any(rules.peacekeepers.fullmatch(w) for w in words)), None)
    if rule.agent == "peacekeepers":
        return agent is None or agent in ("peacekeepers", sender)
    return agent is not None and agent not in ("peacekeepers", sender)


def _spans(text: str, patterns: tuple[re.Pattern[str], ...], rules: Patterns, rule: KindRule) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in spans):
                continue
            if _adjective(text, m.start(), m.group(0), rules):
                continue
            if not _agent_fits(rule, _agent(text, m.start(), m.end(), rules), rules):
                continue
            if rule.object_not is not None and rule.object_not.match(text, m.end()):
                continue  # the trigger's object is not what the kind is about ("handed over ... 15 detainees")
            if not _blocked(text, m.start(), m.end(), rules, rule):
                spans.append((m.start(), m.end()))
    return sorted(spans)


_PARTICIPLE = re.compile(r"^[A-Za-z]+(?:ed|en)\b")


def _adjective(text: str, at: int, matched: str, rules: Patterns) -> bool:
    """A trigger that opens with a participle used as an adjective ("the liberated district", "a signed deal"), or
    that opens a reduced relative clause after a noun ("a blast in Aghdam region liberated from occupation"): both
    only say which thing is meant."""
    if not _PARTICIPLE.match(matched):
        return False
    return bool(rules.adjective_before.search(text[:at])) or _reduced_relative(text, at, at + len(matched))


# A noun governed by a preposition, then a past participle with no auxiliary, then a preposition or a time word:
# "in Aghdam region liberated from", "of the lands recaptured by", "on territory vacated in"
_REDUCED_BEFORE = re.compile(
    r"\b(?:in|at|near|of|from|to|into|across|within|on|for|over|around)\s+(?:the\s+)?(?:[\w’'-]+\s+){1,3}$"
    # (since part 10) or a counted noun, the object of the clause's verb: "freed 10 more soldiers captured last month"
    r"|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|hundreds of)\s+(?:more\s+)?(?:[\w’'-]+\s+){1,3}$",
    re.IGNORECASE,
)
_REDUCED_AFTER = re.compile(r"\s+(?:from|by|in|during|after|under|as|since|earlier|back|at|on|last\s+(?:year|month|week|spring|summer|autumn|fall|winter))\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[;:–—]|,(?!\d{3}\b)")
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|did|does|said|says|left|took|came|went|began|saw|made|held|got|gave|kept|met|fled|struck|hit|lost)\b")
_ED_WORD = re.compile(r"\b[a-z]{3,}ed\b")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|this|these|those|its|their|his|her|in|of|from|on)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def _has_finite_verb(clause: str) -> bool:
    """Whether a clause holds a finite verb: an auxiliary or common past form, or a word in -ed that is not an
    adjective after a determiner ("the occupied village")."""
    if _FINITE.search(clause):
        return True
    return any(not _DETERMINER_BEFORE.search(clause[: m.start()]) for m in _ED_WORD.finditer(clause))


_AUXILIARY = re.compile(r"\b(?:was|were|been|is|are|be|had|has|have|being|get|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def _reduced_relative(text: str, at: int, end: int) -> bool:
    """The participle at ``at`` opens a reduced relative clause that modifies the noun before it: the noun is
    governed by a preposition, a preposition (or "last ...") follows the participle, and the clause already has its
    finite verb ("civilians have been killed in a blast in Aghdam region liberated from occupation"), so the
    participle is not that verb ("Hundreds of refugees returned from Yerevan")."""
    before = text[:at]
    if _AUXILIARY.search(before) or not _REDUCED_BEFORE.search(before):
        return False
    breaks = list(_CLAUSE_START.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    if not _has_finite_verb(clause):
        return False
    noun = before.rstrip().rsplit(None, 1)[-1] if before.strip() else ""
    if not noun or noun.casefold() in _NOT_NOUNS:
        return False
    return bool(_REDUCED_AFTER.match(text, _word_end(text, at)))


_NOT_NOUNS = frozenset({"and", "or", "but", "that", "which", "who", "it", "they", "he", "she", "we", "also", "then", "reportedly", "allegedly"})


def _word_end(text: str, at: int) -> int:
    match = re.match(r"[A-Za-z]+", text[at:])
    return at + (match.end() if match else 0)


# ------------------------------------------------------------------ which words belong to which verb

_RELATIVE_OPEN = re.compile(r"(?:,\s*|\s)(?P<word>which|who|whom|whose|where)\b", re.IGNORECASE)
_REDUCED_OPEN = re.compile(r"(?<=\s)(?P<word>[a-z]{3,}ed)\b")
_MODIFIER_END = re.compile(r"[,;–—()]|\s-\s|\s(?:while|whereas|but)\s")  # (the conjunctions since part 10)
_THAT_RELATIVE = re.compile(r"(?<=[a-z])\s(?P<word>that)\s+(?=(?:[a-z]{3,}ed|began|took|saw|left|led|has|had|was|were)\b)")
# a word right before "that" that makes it open a clause of its own rather than describe a noun ("so that", "now that",
# "is that", "such that") or a past verb ("accused Baku of ... that", "showed that")
_THAT_AFTER_VERB = re.compile(r"(?:\b(?:so|now|is|was|are|were|such|given|except|but|and|or|not|fact|news|reports?|claims?|ensure\w*)|[a-z]{3,}ed)\s*$", re.IGNORECASE)


def modifiers(text: str, start: int, end: int) -> list[tuple[int, int, int, bool]]:
    """The clauses of ``text[start:end]`` that only modify a noun: relative clauses ("..., which was liberated in
    2020") and reduced ones ("in Aghdam region liberated from occupation in 2020"). Each is (where it opens, where it
    ends, where its noun ends, whether it is a full relative clause); it ends at the next comma, semicolon, dash or
    bracket, or with the sentence."""
    found: list[tuple[int, int, int, bool]] = []
    for match in _RELATIVE_OPEN.finditer(text, start, end):
        opens = match.start("word")
        close = _MODIFIER_END.search(text, match.end(), end)
        found.append((opens, close.start() if close else end, match.start(), True))
    for match in _THAT_RELATIVE.finditer(text, start, end):
        # "clashes that claimed dozens of lives last week": a "that" after a noun, followed by its verb, opens a
        # relative clause; after a verb of saying or requiring ("said that ...") it opens what is said
        opens = match.start("word")
        if any(a <= opens < b for a, b, _, _ in found) or _COMPLEMENT.search(text[start : match.start()]) or _THAT_AFTER_VERB.search(text[start : match.start()]):
            continue
        close = _MODIFIER_END.search(text, match.end(), end)
        found.append((opens, close.start() if close else end, match.start(), True))
    for match in _REDUCED_OPEN.finditer(text, start, end):
        opens = match.start("word")
        if any(a <= opens < b for a, b, _, _ in found) or not _reduced_relative(text, opens, match.end()):
            continue
        close = _MODIFIER_END.search(text, match.end(), end)
        found.append((opens, close.start() if close else end, opens, False))
    return sorted(found)


# what may stand between an event noun and the relative clause about it: "the operation of Baku, which began"
_ANTECEDENT_TAIL = re.compile(r"\s*(?:(?:of|by|in|on|against|near)\s+(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+)?)?\s*", re.IGNORECASE)


def attached(text: str, time: TimeMention, trigger: tuple[int, int], spans: list[tuple[int, int, int, bool]]) -> bool:
    """Whether a time can date the trigger: a time inside a modifying clause dates that clause's own verb, so it
    dates a trigger in the same clause, or the noun a full relative clause is about when the trigger is that noun
    ("the operation, which began on September 19"), and nothing else."""
    for opens, closes, noun_end, full in spans:
        if opens <= time.start < closes:
            if trigger[0] < closes and opens < trigger[1]:
                return True  # the trigger is in the clause, or reaches into it ("the remains ..., which were returned")
            return full and noun_end >= trigger[1] and bool(_ANTECEDENT_TAIL.fullmatch(text[trigger[1] : noun_end]))
    return True


def _blocked(text: str, at: int, end: int, rules: Patterns, rule: KindRule) -> bool:
    """Negated, alleged or denied, in a relative clause (for kinds that need a main clause), or a plan or duty."""
    clause, opened, where = scope(text[:end], rules)
    before, _, _ = scope(text[:at], rules)
    listed_in, _, _ = scope(text[:end], rules, lists=text[end : end + 12])
    if rules.negation.search(clause):
        return True
    if rule.kind != "statement" and rules.frames.search(clause):
        return True
    if rule.main_clause and (opened in ("which", "who", "where") or (opened == "that" and not _COMPLEMENT.search(text[:where]))):
        return True
    if not rule.blockable:
        return False
    if rules.after_blockers.match(text[end:]):
        return True
    tail = bool(rules.blocker_tail.search(before)) and not rules.aspect.search(before)
    return bool(rules.blockers.search(clause)) or tail or (listed_in != clause and bool(rules.blockers.search(listed_in)))


def mentions_in(article: Article, reading: Reading) -> list[Mention]:
    """Every happening the sentence reports, as mentions: one per trigger, place and date.

    Triggers of one kind that give the same place and date are one mention;
    a sentence that reports the same kind at several places or on several
    days gives several, each cited by its own part of the sentence.
    """
    sentence = reading.sentence
    if _before_agreement(sentence.text, article.rules):
        return []
    found: list[Mention] = []
    found_triggers = triggers(sentence, article.rules)
    if _BACK_REFERENCE.match(sentence.text):
        # "As a result of the incident, a colonel was killed": the sentence goes on with the happening of
        # the sentence before, so what that happening suppresses there it suppresses here (a mine blast's dead are no clash)
        gone = {k for rule in article.rules.kinds if rule.name in article.previous_kinds for k in rule.suppresses}
        found_triggers = [item for item in found_triggers if item[0].name not in gone]
    article.previous_kinds = frozenset(item[0].name for item in found_triggers)
    by_kind: dict[str, list[tuple[KindRule, int, int]]] = {}
    for item in found_triggers:
        by_kind.setdefault(item[0].name, []).append(item)
    for kind_triggers in by_kind.values():
        parts = _parts(article.text, sentence, [(a, b) for _, a, b in kind_triggers], article.rules)
        seen: list[Mention] = []
        several = len(kind_triggers) > 1
        for (rule, start, end), (a, b) in zip(kind_triggers, parts):
            for mention in _mentions(article, reading, rule, start, end, (a, b), several):
                same = next((i for i, m in enumerate(seen) if _one(m, mention, article.text, article.rules)), None)
                if same is None:
                    seen.append(mention)
                    continue
                if mention.story and not seen[same].story:
                    seen[same] = attrs.evolve(seen[same], story=True)  # one part names the whole fighting: so does the happening
                if mention.quantities:
                    # the parts are one happening: it counts what each part counts ("21.8 km cleared, 1,334 objects found")
                    held = seen[same]
                    counts = held.quantities + tuple(q for q in mention.quantities if q not in held.quantities)
                    seen[same] = attrs.evolve(held, quantities=counts)
                if mention.window != seen[same].window:
                    held = seen[same]
                    window = Window(max(held.window.earliest, mention.window.earliest), min(held.window.latest, mention.window.latest))
                    seen[same] = attrs.evolve(held, window=window, occurred_text=mention.occurred_text if mention.window.latest - mention.window.earliest < held.window.latest - held.window.earliest else held.occurred_text)
        if len(seen) == 1:
            whole = Citation(source=article.source, quote=sentence.text, offsets=(sentence.start, sentence.end))
            seen = [attrs.evolve(seen[0], citation=whole)]
        found += [copy for mention in seen for copy in _counted(article, mention)]
    return found


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "twice": 2, "thrice": 3, "two times": 2, "three times": 3}


def _counted(article: Article, mention: Mention) -> list[Mention]:
    """The mention, or as many as its part counts ("two ceasefire violations were registered" is two clashes).

    The copies share the sentence, so they are never merged with each other.
    """
    pattern = article.rules.counted.get(mention.kind)
    start, end = mention.citation.offsets or mention.sentence or (0, 0)
    match = pattern.search(article.text, start, end) if pattern is not None else None
    if match is None:
        return [mention]
    listed = match.groupdict().get("list")
    if listed:
        count = len(re.split(r",\s*(?:and\s+)?|\s+and\s+", listed))
    else:
        word = (match.groupdict().get("number") or match.groupdict().get("adverb") or "").casefold()
        count = int(word) if word.isdigit() else _COUNTS.get(word, 1)
    return [mention] + [attrs.evolve(mention, copy=i) for i in range(1, count)]


# "As a result of the incident", "As a result," or "Consequently," at the head of a sentence: what it tells follows from
# the happening of the sentence before
_BACK_REFERENCE = re.compile(
    r"^\W*(?:(?:as a result of|in|during|after|following|because of|due to)\s+(?:the|this|that)\s+(?:incident|explosion|blast|attack|accident)\b|(?:as a result|consequently)\s*,)",
    re.IGNORECASE,
)


def _one(a: Mention, b: Mention, text: str, rules: Patterns) -> bool:
    """Two parts of one sentence report one happening: the same place, no words of sequence between
    them ("after", "before") unless one part names the whole fighting and the other its opening ("the
    fighting flared up after Azerbaijan launched an operation"), and dates that agree (or one part gives none)."""
    if a.place != b.place or (a.trigger == b.trigger and a.speaker != b.speaker) or (a.phase == "total") != (b.phase == "total") or (a.phase and b.phase and a.phase != b.phase):
        return False
    if a.clock and b.clock and a.clock != b.clock:
        return False
    if a.sort and b.sort and a.sort != b.sort:
        return False
    first, second = sorted((a.trigger, b.trigger))
    if rules.sequence.search(text[first[1] : second[0]]) and not ((a.story and b.opens) or (b.story and a.opens)):
        return False  # "launched an operation after officers were killed": two; "the fighting flared up after Baku launched an operation": one
    if a.window == b.window:
        return True
    dated = [m for m in (a, b) if m.occurred_text is not None and not m.occurred_text.startswith("by the time")]
    return len(dated) < 2 or (a.window.earliest <= b.window.latest and b.window.earliest <= a.window.latest)


def _before_agreement(text: str, rules: Patterns) -> bool:
    """The sentence is about the time before the agreement (and not only a modifier saying so)."""
    for match in rules.before_agreement.finditer(text):
        if not rules.before_agreement_modifier.search(text[: match.start()]):
            return True
    return False


def _parts(text: str, sentence: Sentence, spans: list[tuple[int, int]], rules: Patterns) -> list[tuple[int, int]]:
    """One part of the sentence per trigger: cut at the last clause break before the next trigger."""
    cuts = [sentence.start]
    for (_, end), (nxt, _) in itertools.pairwise(spans):
        between = text[end:nxt]
        breaks = list(rules.clause_break.finditer(between))
        cuts.append(end + breaks[-1].start() if breaks else nxt)
    cuts.append(sentence.end)
    return [_trim(text, a, b) for a, b in itertools.pairwise(cuts)]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
        b -= 1
    return a, b


def _mentions(article: Article, reading: Reading, rule: KindRule, start: int, end: int, part: tuple[int, int], several: bool = False) -> list[Mention]:
    """The mentions one trigger gives: one, or one per place of a coordinated list for kinds that need it.

    In "left Aghdam on Nov. 20 and Kalbajar on Nov. 25" each place takes the
    date that follows it, before the next place.
    """
    places = _coordinated(article, reading, start, part, end) if rule.one_per_place else []
    if len(places) > 1:
        out = []
        for i, found in enumerate(places):
            until = places[i + 1].start if i + 1 < len(places) else part[1]
            mention = _mention(article, reading, rule, start, end, part, place=found.value, date_part=(found.start, until))
            if mention is not None:
                out.append(mention)
        return out
    mention = _mention(article, reading, rule, start, end, part, date_part=part if several else None)
    if mention is not None and rule.by_speaker and _RECIPROCAL.match(article.text, end):
        sides = _sides(article, reading, start)
        if len(sides) == 2:
            return [attrs.evolve(mention, speaker=side) for side in sides]
    return [mention] if mention is not None else []


# "Both sides blamed each other", "The two sides accused one another": one statement by each side
_RECIPROCAL = re.compile(r"\s+(?:each other|one another)\b", re.IGNORECASE)
_BOTH_SIDES = re.compile(r"\b(?:both|the two)\s+(?:sides|parties|countries|states|nations|neighbou?rs|governments|capitals)\b", re.IGNORECASE)


def _sides(article: Article, reading: Reading, at: int) -> list[str]:
    """The two sides a reciprocal statement's subject ("both sides") stands for: the two states the report
    named last before it, if the subject is such a pair and names neither itself."""
    sentence = reading.sentence
    subject = article.text[sentence.start : at]
    if not _BOTH_SIDES.search(subject) or states_in(Sentence(sentence.start, at, subject, sentence.paragraph), article.agreement, article.rules.states):
        return []
    named = states_in(Sentence(0, sentence.start, article.text[: sentence.start], 0), article.agreement, article.rules.states)
    sides: list[str] = []
    for found in reversed(named):
        if found.value not in sides:
            sides.append(found.value)
        if len(sides) == 2:
            break
    return sorted(sides)


_LIST_GLUE = re.compile(r"^(?:\s*(?:,|and|&|as well as|the|regions?|districts?|on|in)\s*)+$", re.IGNORECASE)


def _coordinated(article: Article, reading: Reading, at: int, part: tuple[int, int], end: int | None = None) -> list[Found]:
    """Places of the trigger, within its part, that form one list ("Kalbajar and Aghdam", "Aghdam on Nov. 20 and Kalbajar").

    A passive trigger's subject opens the list when a place without a verb of
    its own follows the trigger: in "Aghdam was ceded on November 20 and
    Kalbajar on November 25" the second handover is told by the first's verb.
    """
    after = [p for p in reading.sites if p.start >= at and part[0] <= p.start and p.end <= part[1]]
    subject = _passive_subject(article, reading, at, part)
    if subject is not None and after and end is not None and _LIST_GLUE.match(_without_times(article, reading, end, after[0].start) or "-"):
        # only a remnant without a verb of its own ("and Kalbajar on November 25", not "and Lachin is to be handed over")
        if re.fullmatch(r"(?:[\s.,;]|\b(?:on|in|at)\b)*", _without_times(article, reading, after[-1].end, part[1])):
            after = [subject, *after]
    if len(after) < 2:
        return []
    chain = [after[0]]
    for nxt in after[1:]:
        between = _without_times(article, reading, chain[-1].end, nxt.start)
        if chain[-1] is subject:
            between = between.replace(article.text[at:end], " ", 1) if end is not None else between
            between = _PASSIVE_AUX.sub(" ", between)
        if _LIST_GLUE.match(between) and nxt.value not in {c.value for c in chain}:
            chain.append(nxt)
        else:
            break
    return chain if len(chain) > 1 else []


_PASSIVE_AUX = re.compile(r"\b(?:was|were|is|are|has been|have been|had been)\b", re.IGNORECASE)


def _passive_subject(article: Article, reading: Reading, at: int, part: tuple[int, int]) -> Found | None:
    """The place right before a passive trigger, as its subject ("Aghdam was ceded"), if there is one."""
    before = [p for p in reading.sites if part[0] <= p.start and p.end <= at]
    if not before:
        return None
    between = article.text[before[-1].end : at]
    return before[-1] if re.fullmatch(r"\s+(?:was|were|has been|have been|had been)\s+(?:[a-z]+ly\s+)?", between) else None


def _without_times(article: Article, reading: Reading, start: int, end: int) -> str:
    """The text between two offsets with the time expressions in it blanked out."""
    between = article.text[start:end]
    for time, _ in reading.times:
        if start <= time.start and time.end <= end:
            between = between.replace(article.text[time.start : time.end], " ")
    return between


_PRONOUN_SUBJECT = re.compile(r"\s*(?:he|she|they|it)\s+(?:[a-z]+ly\s+)?$", re.IGNORECASE)


def _mention(article: Article, reading: Reading, rule: KindRule, start: int, end: int, part: tuple[int, int], place: str | None = None, date_part: tuple[int, int] | None = None) -> Mention | None:
    sentence = reading.sentence
    if place is None:
        place = _place(article, reading, rule, start, part)
    if rule.requires_place and place is None:
        return None
    states = states_in(sentence, article.agreement, article.rules.states)
    speaker = None
    if rule.by_speaker:
        clause, _, _ = scope(article.text[sentence.start : start], article.rules)
        if not clause.strip() and article.text[start:end].casefold().endswith("ing"):
            # a participle opening its clause ("..., accusing the Red Cross of smuggling") has the sentence's subject
            clause = article.text[sentence.start : start]
        begin = start - len(clause)
        before = [f for f in states if f.end <= start and (f.start >= begin or not rule.speaker_before)]
        if rule.speaker_before and not before and _PRONOUN_SUBJECT.match(clause):
            # a pronoun opening the clause stands for the party named earlier in the sentence ("Pashinyan issued
            # a statement in which he accused the peacekeepers")
            before = [f for f in states if f.end <= start]
        if rule.speaker_before and not before and not re.search(r"(?-i:\b[A-Z][a-z]+)", clause):
            return None
        speaker = before[-1].value if before else (states[0].value if states else None)
    since = article.agreement.effective if rule.since == "effective" else article.agreement.announced.earliest
    when = _when(article, reading, rule, start, end, since, date_part or part, strict=date_part is not None)
    if when is None:
        return None
    window, words = when
    actors = tuple(dict.fromkeys(f.value for f in states))
    proposed = linking.propose(rule.links, article.rules.mentions, article.text[part[0] : part[1]], place, article.agreement, article.pool)
    excluded = [(t.start, t.end) for t, _ in reading.times]
    text = article.text[part[0] : part[1]]
    rules = article.rules
    counts = list(quantities_in(article.text, part[0], part[1], excluded))
    total = rules.total.search(sentence.text) or (counts and rules.total_soft.search(text))
    phase = "total" if total else "start" if rules.phase_start.search(text) else "end" if rules.phase_end.search(text) else None
    clock = rules.clock.search(text)
    return Mention(
        kind=rule.name,
        place=place,
        window=window,
        occurred_text=words,
        actors=actors,
        quantities=tuple(counts),
        sentence=(sentence.start, sentence.end),
        trigger=(start, end),
        links=proposed,
        citation=Citation(source=article.source, quote=text, offsets=part),
        speaker=speaker,
        unique=rule.unique,
        phase=phase,
        clock=re.sub(r"\s+", " ", clock.group(0).casefold()) if clock else None,
        once=rule.once,
        sort=next((name for name, pattern in rule.sorts if pattern.search(text)), None),
        learned=rule.learned,
        roads=tuple(dict.fromkeys(r.value for r in reading.roads)),
        story=_story(article.text, start, end, rule),
        opens=bool(rule.story_cause is not None and rule.story_cause.search(article.text, start, end)),
    )


def _story(text: str, start: int, end: int, rule: KindRule) -> bool:
    """The trigger names the report's whole happening of its kind ("fighting erupted", "a series of clashes
    erupted"), or a toll told as part of it ("troops were killed in border clashes"); a death "by a sniper
    in the clashes" is an incident of its own."""
    if rule.story is None:
        return False
    if rule.story.search(text, start, end):
        return True
    # ...or told in them right after: "were killed in the clashes", "have been killed and captured in a flare-up"
    # (since part 10 also "killed and 35 others injured in what Baku called 'anti-terrorism measures'")
    after = rule.story.search(text, end, min(len(text), end + 80))
    return after is not None and _TOLL_IN.fullmatch(text[end : after.start()]) is not None


_TOLL_IN = re.compile(
    r"\s+(?:and\s+(?:\d+\s+|[a-z]+\s+)?(?:others?\s+)?[a-z]+(?:ed|en)\s+)?(?:in|during|amid)\s+(?:what\s+(?:[\w-]+\s+){1,3}?(?:called|calls|described as|termed)\s+\W?)?(?:the\s+)?(?:[\w-]+\s+){0,2}?",
    re.IGNORECASE,
)


_PAIR = re.compile(r"(?-i:[A-Z][\w’'-]+)\s+(?:and|&)\s+(?-i:[A-Z][\w’'-]+)")


def _paired(text: str, places: list[Found], at: int) -> bool:
    """The place nearest the trigger is one of two places joined by "and" ("in Kelbajar and Lachin")."""
    if len(places) < 2:
        return False
    nearest = min(places, key=lambda f: abs(f.start - at))
    for match in _PAIR.finditer(text, max(0, nearest.start - 60), min(len(text), nearest.end + 60)):
        inside = [f for f in places if match.start() <= f.start and f.end <= match.end()]
        if len(inside) >= 2 and nearest in inside and len({f.value for f in inside}) >= 2:
            return True
    return False


def _place(article: Article, reading: Reading, rule: KindRule, at: int, part: tuple[int, int]) -> str | None:
    if not rule.placed:
        return None
    inside = [f for f in reading.sites if part[0] <= f.start and f.end <= part[1]]
    candidates = inside or list(reading.sites)
    if listed(article.text, candidates):
        return None  # "in Tartar, Aghdam, Fuzuli and Shusha districts": a happening over a list of places has no one place
    if not rule.one_per_place and _paired(article.text, candidates, at):
        return None  # (since part 10) "attacked positions in the districts of Kelbajar and Lachin": one attack, over both
    if candidates:
        return min(candidates, key=lambda f: abs(f.start - at)).value
    if rule.local or (rule.anaphor or article.rules.anaphor).search(reading.sentence.text):
        return article.context_place()
    return None


def _when(article: Article, reading: Reading, rule: KindRule, start: int, end: int, since: dt.datetime, part: tuple[int, int], strict: bool = False) -> tuple[Window, str | None] | None:
    """The occurrence window and the words it came from; None if it surely preceded the agreement."""
    latest = article.published.latest
    reports = [t for t, role in reading.times if role == "report"] + [t for t, role in reading.times if role == "dateline"]
    if rule.date == "after-trigger":
        own = [t for t, _ in reading.times if 0 <= t.start - end <= 40]
    elif rule.date == "agreement":
        own = [t for t, role in reading.times if role in ("occurrence", "agreement")]
    else:
        own = [t for t, role in reading.times if role in ("occurrence", "since")]
    spans = modifiers(article.text, reading.sentence.start, reading.sentence.end)
    own = [t for t in own if attached(article.text, t, (start, end), spans)]
    # (since part 10) a trigger governed by a word of sequence ("released them on Sunday following talks between ...")
    # is not dated by a time before that word: the time belongs to the clause the sequence phrase modifies
    governing = [g for g in article.rules.sequence.finditer(article.text, max(reading.sentence.start, start - 40), start)
                 if not re.search(r"[,;:–—]", article.text[g.end() : start])]
    if governing:
        earlier = [t for t in own if t.end <= governing[-1].start()]
        own = [t for t in own if t.end > governing[-1].start()]
        if earlier and not own and governing[-1].group(0).casefold() in ("after", "following"):
            # "the operation began on Tuesday after soldiers were killed": the killing was on Tuesday or before
            main = max(earlier, key=lambda t: t.end).window(article.zone)
            latest = min(latest, main.latest)
    for done_by in (t for t, role in reading.times if role == "bound" and t.start >= start):
        # (since part 11) a happening told as done "by Sunday" was over by the end of Sunday
        latest = min(latest, done_by.window(article.zone).latest)
    inside = [t for t in own if part[0] <= t.start and t.end <= part[1]]
    def distance(t: TimeMention) -> tuple[int, int]:
        # (since part 10) measured from the nearer edge of the trigger's words, and a time on the far side of a word of
        # sequence belongs to the other clause: "announced a truce on Wednesday, hours after it launched an operation on
        # Tuesday" dates the operation on Tuesday
        low, high = (end, t.start) if t.start >= end else (t.end, start)
        return int(bool(article.rules.sequence.search(article.text, low, max(low, high)))), max(0, high - low)

    for time in sorted(inside if strict or inside else own, key=distance):
        window = time.window(article.zone)
        is_since = any(t is time for t, role in reading.times if role == "since")
        if is_since and not rule.onset:
            bound = min(days_window(reports[0].first, reports[0].last, article.zone).latest, latest) if reports else latest
            window = Window(window.earliest, max(bound, window.latest))
        if time.rule == "past_day" and reports and reports[0].exact:
            window = days_window(reports[0].first - dt.timedelta(days=1), reports[0].first, article.zone)
        if window.latest < since:
            return None
        if window.earliest <= latest:
            return Window(max(window.earliest, since), min(window.latest, latest)), time.text
    if rule.unique and article.agreement.announced.latest <= latest:
        # the agreement has one such happening and the model knows when it was announced: an undated report of
        # its signing is of that day ("signed a Russia-brokered ceasefire" in a report of January)
        announced = article.agreement.announced
        first, last = local_date(announced.earliest, article.agreement.zone), local_date(announced.latest, article.agreement.zone)
        return days_window(first, last, article.zone), None
    if reports:
        said = reports[0]
        upper = min(days_window(said.first, said.last, article.zone).latest, latest)
        if upper >= since:
            return Window(since, upper), f"by the time of the report ({said.text})"
    return Window(since, latest), None


def disputing(article: Article, reading: Reading) -> str | None:
    """The party (id, or state name) that rejects a report in this sentence, if any."""
    sentence = reading.sentence
    match = article.rules.disputes.search(sentence.text)
    if match is None:
        return None
    at = sentence.start + match.start()
    named = [f for f in states_in(sentence, article.agreement, article.rules.states) if f.end <= at]
    return named[-1].value if named else None


def with_dispute(mentions: list[Mention], party: str) -> list[Mention]:
    """The mentions, each now disputed by ``party`` (statements excepted: they are the dispute)."""
    return [m if m.kind == "statement" or party in m.disputed_by else attrs.evolve(m, disputed_by=(*m.disputed_by, party)) for m in mentions]
