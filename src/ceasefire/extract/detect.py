"""Reading one report: which happenings each sentence reports, where, when and by whom.

Each sentence gives at most one report (a :class:`Mention`) per kind of
happening. A mention keeps the sentence as its verbatim quote, with offsets.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from ..model import Agreement, Citation, Link, Quantity
from ..time import Window
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


@attrs.frozen
class Reading:
    """What the reader knows about one sentence: its times with their roles, and its places."""

    sentence: Sentence
    times: tuple[tuple[TimeMention, str], ...]
    places: tuple[Found, ...]


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
    recent_places: list[list[Found]] = attrs.Factory(list)

    def read(self, sentence: Sentence) -> Reading:
        """Times (with roles) and places of a sentence; moves the anchor for "N days later"."""
        times = find_times(self.text, sentence.start, sentence.end, self.ref, self.anchor)
        roles = tuple((t, role_of(t, self.text, sentence, self.rules)) for t in times)
        for time, role in roles:
            if time.exact and role in ("occurrence", "report"):
                self.anchor = time.first
        return Reading(sentence, roles, tuple(places_in(sentence, self.finder)))

    def context_place(self) -> str | None:
        """The last place named in the three sentences before."""
        for found in reversed(self.recent_places[-3:]):
            if found:
                return found[-1].value
        return None


def role_of(time: TimeMention, text: str, sentence: Sentence, rules: Patterns) -> str:
    """Whether a time is when something happened, a deadline, a plan, the agreement's date or a report's."""
    before = text[sentence.start : time.start]
    after = text[time.end : sentence.end]
    roles = rules.date_roles
    if roles["agreement"].search(before[-60:]):
        return "agreement"
    if roles["deadline"].search(before[-25:]):
        return "deadline"
    if roles["since"].search(before[-12:]):
        return "since"
    if roles["report_before"].search(before[-40:]) or roles["report_after"].search(after[:40]):
        return "report"
    clause = _clause(before, rules)
    if roles["plan"].search(clause):
        return "plan"
    return "occurrence"


def _clause(before: str, rules: Patterns) -> str:
    breaks = list(rules.clause_break.finditer(before))
    return before[breaks[-1].end() :] if breaks else before


def triggers(sentence: Sentence, rules: Patterns) -> list[tuple[KindRule, int, int]]:
    """The kinds the sentence reports, each with the position of its first unblocked trigger."""
    found: list[tuple[KindRule, int, int]] = []
    for rule in rules.kinds:
        if rule.requires is not None and not rule.requires.search(sentence.text):
            continue
        for pattern in rule.triggers:
            match = next((m for m in pattern.finditer(sentence.text) if not _blocked(sentence.text, m.start(), rules, rule.blockable)), None)
            if match is not None:
                found.append((rule, sentence.start + match.start(), sentence.start + match.end()))
                break
    suppressed = {k for rule, _, _ in found for k in rule.suppresses}
    return [item for item in found if item[0].kind not in suppressed]


def _blocked(text: str, at: int, rules: Patterns, blockable: bool) -> bool:
    """Negated, or (for kinds that can be planned) said as a plan or an obligation."""
    clause = _clause(text[:at], rules)
    if rules.negation.search(clause):
        return True
    tail = bool(rules.blocker_tail.search(clause)) and not rules.aspect.search(clause)
    return blockable and (bool(rules.blockers.search(clause)) or tail)


def mentions_in(article: Article, reading: Reading) -> list[Mention]:
    """Every happening the sentence reports, as mentions."""
    sentence = reading.sentence
    if article.rules.before_agreement.search(sentence.text):
        return []
    found = []
    for rule, start, end in triggers(sentence, article.rules):
        mention = _mention(article, reading, rule, start, end)
        if mention is not None:
            found.append(mention)
    return found


def _mention(article: Article, reading: Reading, rule: KindRule, start: int, end: int) -> Mention | None:
    sentence = reading.sentence
    place = _place(article, reading, rule, start)
    if rule.requires_place and place is None:
        return None
    since = article.agreement.effective if rule.since == "effective" else article.agreement.announced.earliest
    when = _when(article, reading, rule, start, end, since)
    if when is None:
        return None
    window, words = when
    actors = tuple(dict.fromkeys(f.value for f in states_in(sentence, article.agreement, article.rules.states)))
    rules = rule.links
    proposed = linking.propose(rules, article.rules.mentions, sentence.text, place, article.agreement, article.pool)
    excluded = [(t.start, t.end) for t, _ in reading.times]
    return Mention(
        kind=rule.kind,
        place=place,
        window=window,
        occurred_text=words,
        actors=actors,
        quantities=tuple(quantities_in(article.text, sentence.start, sentence.end, excluded)),
        links=proposed,
        citation=Citation(source=article.source, quote=sentence.text, offsets=(sentence.start, sentence.end)),
        speaker=actors[0] if rule.by_speaker and actors else None,
        unique=rule.unique,
    )


def _place(article: Article, reading: Reading, rule: KindRule, at: int) -> str | None:
    if not rule.placed:
        return None
    if reading.places:
        return min(reading.places, key=lambda f: abs(f.start - at)).value
    if rule.local or article.rules.anaphor.search(reading.sentence.text):
        return article.context_place()
    return None


def _when(article: Article, reading: Reading, rule: KindRule, start: int, end: int, since: dt.datetime) -> tuple[Window, str | None] | None:
    """The occurrence window and the words it came from; None if it surely preceded the agreement."""
    latest = article.published.latest
    if rule.date == "after-trigger":
        own = [t for t, _ in reading.times if 0 <= t.start - end <= 40]
    else:
        own = [t for t, role in reading.times if role in ("occurrence", "since")]
    for time in sorted(own, key=lambda t: abs(t.start - start)):
        window = time.window(article.zone)
        if any(t is time for t, role in reading.times if role == "since"):
            window = Window(window.earliest, latest)
        if window.latest < since:
            return None
        if window.earliest <= latest:
            return Window(max(window.earliest, since), min(window.latest, latest)), time.text
    reports = [t for t, role in reading.times if role == "report"]
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
