"""From report text to candidate evidence.

:func:`extract_events` reads one report and proposes candidate events: each
with the verbatim sentences it rests on (and their character offsets), the
occurrence window resolved against the publication date with the words it
came from, the place through the agreement's alias table, actors, figures,
and proposed obligation links (``made_by: extraction``, with the rule and a
confidence). Claims the report makes about the agreement itself are checked
against the model and returned as discrepancies. :func:`combine` merges the
results of several reports so that one happening is one event with several
sources. Nothing extracted counts until a person accepts it: see
:func:`accept`, or build a :class:`~ceasefire.Tracker` with ``candidates=True``.

The rules are data, in ``patterns.yaml`` beside this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

from ..errors import InvalidInputError, Problem
from ..model import Agreement, Discrepancy, Event, EventLog, Source
from ..time import Window, local_date
from ..time import window as read_window
from . import links as linking
from .anchors import date_by_handover
from .claims import claims_in
from .dates import days_window, reference_days
from .detect import Article, Mention, Reading, disputing, mentions_in, with_dispute
from .merge import after_what_they_react_to, cluster, slug, to_event
from .patterns import load as load_patterns
from .text import dateline, headlines, place_finder, sentences

__all__ = ["ExtractionResult", "accept", "combine", "extract_events"]


@attrs.frozen
class ExtractionResult:
    """Candidate events, discrepancies with the agreement, and the sources they cite."""

    agreement: Agreement
    events: tuple[Event, ...]
    discrepancies: tuple[Discrepancy, ...]
    sources: tuple[Source, ...]
    mentions: tuple[Mention, ...] = attrs.field(repr=False)

    def to_log(self) -> EventLog:
        """An event log of the candidates, ready to save or to give to a Tracker."""
        return EventLog(sources=list(self.sources), events=list(self.events))


def extract_events(text: str, *, published: Any = None, source: str | Source, agreement: Agreement | None = None) -> ExtractionResult:
    """Candidate events reported in ``text``.

    ``published`` is when the report appeared: a date (a whole day in the
    agreement's local zone), an aware datetime, a :class:`~ceasefire.Window`,
    or ``"2020-11-25..2020-11-26"``. Without it, the source's ``published``
    or a date line at the top of the text is used. ``source`` is a source
    id or a :class:`~ceasefire.Source`; ``agreement`` defaults to the bundled
    2020 statement.
    """
    if agreement is None:
        from .. import bundled

        agreement = bundled.agreement()
    declared = source if isinstance(source, Source) else Source(id=source, title=source)
    when = _publication(text, published, declared, agreement)
    declared = declared.model_copy(update={"published": when})
    mentions, found = _read(text, declared.id, when, agreement)
    return _result(agreement, mentions, found, (declared,))


def combine(*results: ExtractionResult) -> ExtractionResult:
    """The results of several reports as one: the same happening becomes one event with several sources."""
    if not results:
        raise InvalidInputError(Problem("combine", "no results", "at least one ExtractionResult"))
    agreement = results[0].agreement
    sources = {s.id: s for r in results for s in r.sources}
    mentions = [m for r in results for m in r.mentions]
    found = [d for r in results for d in r.discrepancies]
    return _result(agreement, mentions, found, tuple(sources.values()))


def accept(events: Iterable[Event], ids: Iterable[str] | None = None) -> tuple[Event, ...]:
    """The events with those ``ids`` (all if None) marked accepted; links keep ``made_by: extraction``."""
    events = tuple(events)
    wanted = None if ids is None else set(ids)
    if wanted is not None:
        unknown = wanted - {e.id for e in events}
        if unknown:
            raise InvalidInputError(Problem("accept(ids=...)", f"unknown event ids {sorted(unknown)}", f"ids of the events given, e.g. {[e.id for e in events[:3]]}"))
    return tuple(e.model_copy(update={"status": "accepted"}) if wanted is None or e.id in wanted else e for e in events)


def _read(text: str, source_id: str, published: Window, agreement: Agreement) -> tuple[list[Mention], list[Discrepancy]]:
    zone = agreement.local_zone or agreement.zone
    article = Article(
        text=text, source=source_id, published=published, ref=reference_days(published, zone), agreement=agreement,
        rules=load_patterns(), finder=place_finder(agreement), pool=linking.targets(agreement), zone=zone,
    )  # fmt: skip
    mentions: list[Mention] = []
    found: list[Discrepancy] = []
    previous: list[Mention] = []
    for sentence in sentences(text):
        reading = article.read(sentence)
        here = mentions_in(article, reading)
        party = disputing(article, reading)
        if party is not None and any(m.kind != "statement" for m in here):
            # the denial disputes the report beside it: it is recorded on that event, not as a statement of its own
            here = with_dispute([m for m in here if m.kind != "statement"], party)
        elif party is not None and previous:
            disputed = with_dispute(previous, party)
            mentions[len(mentions) - len(previous) :] = disputed
        if mentions:
            # (since part 10) "Later on Tuesday, ..." / "Earlier that day, ...": the undated happenings told before were on that day too
            mentions = _same_day_as_next(article, reading, mentions)
            previous = mentions[len(mentions) - len(previous) :] if previous else previous
        if previous and all(m.learned for m in here):
            # a sentence that only reports again the happening before bounds its date
            mentions[len(mentions) - len(previous) :] = _bounded_by_report(article, reading, previous)
        mentions += here
        previous = here
        found += claims_in(article, reading)
        article.recent_places.append(list(reading.sites))
    mentions += _from_headlines(article, text, {m.kind for m in mentions})
    # the learned weights speak only for kinds the rules did not read anywhere in this report: elsewhere a
    # sentence they flag retells a happening the rules already have (or reads one the rules chose not to)
    # sentence they flag retells a happening the rules already have (or reads one the rules chose not to); and
    # they give one happening per kind and report, told where they date it most narrowly (they cannot tell retellings apart)
    # ...unless a sentence they flag is dated, by its own words, on days no other report of the kind in this
    # report touches: that cannot be a retelling ("On November 23, ... a mine was blown up" beside blasts of the 14th)
    ruled = [m for m in mentions if not m.learned]
    best: dict[str, Mention] = {}
    for m in mentions:
        if m.learned and all(r.kind != m.kind for r in ruled) and (m.kind not in best or _width(m) < _width(best[m.kind])):
            best[m.kind] = m
    chosen = {id(m) for m in best.values()}
    for m in mentions:
        if m.learned and id(m) not in chosen and _own_date(m):
            told = [r for r in [*ruled, *(c for c in mentions if id(c) in chosen)] if r.kind == m.kind]
            if not any(r.window.earliest <= m.window.latest and m.window.earliest <= r.window.latest for r in told):
                chosen.add(id(m))
    return [m for m in mentions if not m.learned or id(m) in chosen], found


def _from_headlines(article: Article, text: str, told: set[str]) -> list[Mention]:
    """What the lines without a final stop before the report's first sentence (a headline, summary points) report, for
    kinds the report's sentences tell nowhere (since part 11): where the body tells a kind, the headline announces it
    again; where it does not, the headline is the only report of it ("Azerbaijan sets up first checkpoint on only land
    route")."""
    kept: list[Mention] = []
    for sentence in headlines(text):
        kept += [m for m in mentions_in(article, article.read(sentence)) if not m.learned and m.kind not in told]
    return kept


# A sentence that reports a happening told just before, by a noun for it: "The ministry reported the incident on
# 9 October", "The shooting was first reported yesterday". Its date is when the happening was known, so it bounds it.
_REPORTED = re.compile(r"\b(?:reported|announced|confirmed|disclosed)\b", re.IGNORECASE)
_POINTER = re.compile(
    r"\b(?:the|this|that)\s+(?P<noun>incident|shooting|attack|shelling|killing|explosion|blast|exchange|swap|handover|transfer|closure|blockade)\b",
    re.IGNORECASE,
)
_POINTED = {"shooting": "clash", "attack": "clash", "shelling": "clash", "killing": "clash", "explosion": "mine-explosion", "blast": "mine-explosion",
            "exchange": "exchange", "swap": "exchange", "handover": "handover", "transfer": "handover", "closure": "road-closure", "blockade": "road-closure"}  # fmt: skip


def _bounded_by_report(article: Article, reading: Reading, previous: list[Mention]) -> list[Mention]:
    """The mentions of the sentence before, each no later than the date of a sentence that reports it again."""
    text = reading.sentence.text
    pointer = _POINTER.search(text)
    if pointer is None or not _REPORTED.search(text):
        return previous
    dates = [t for t, role in reading.times if role in ("occurrence", "report", "dateline")]
    if not dates:
        return previous
    upper = days_window(max(t.last for t in dates), max(t.last for t in dates), article.zone).latest
    kind = _POINTED.get(pointer["noun"].casefold())
    out = []
    for m in previous:
        if (kind is None or m.kind == kind) and m.window.earliest <= upper < m.window.latest:
            m = attrs.evolve(m, window=Window(m.window.earliest, upper))
        out.append(m)
    return out


_LATER_ON = re.compile(r"^\W*(?:later|earlier)\s+(?:on\s+|that\s+|in\s+the\s+)?", re.IGNORECASE)


def _same_day_as_next(article: Article, reading: Reading, previous: list[Mention]) -> list[Mention]:
    """The mentions told before, dated on the day a sentence opening "Later on Tuesday" names, when they have no day of their own.

    "Soldiers were killed in a flare-up on the border. ... Later on Tuesday, the two sides agreed a ceasefire": the
    report tells its story in order, so what it told before "later on Tuesday" without a day was on that Tuesday.
    """
    opening = _LATER_ON.match(reading.sentence.text)
    if opening is None:
        return previous
    days = [t for t, role in reading.times if role == "occurrence" and t.exact and t.start - reading.sentence.start <= opening.end() + 2]
    if not days:
        return previous
    day = days_window(days[0].first, days[0].first, article.zone)
    out = []
    for m in previous:
        if not _own_date(m) and m.window.earliest <= day.earliest and day.latest <= m.window.latest:
            m = attrs.evolve(m, window=day, occurred_text=f"{days[0].text} (the next sentence)")
        out.append(m)
    return out


def _own_date(mention: Mention) -> bool:
    """Whether the mention is dated by words of its own sentence (not only bounded by a report's date)."""
    return mention.occurred_text is not None and not mention.occurred_text.startswith("by the time")


def _width(mention: Mention) -> float:
    return (mention.window.latest - mention.window.earliest).total_seconds()


def _result(agreement: Agreement, mentions: list[Mention], found: list[Discrepancy], sources: tuple[Source, ...]) -> ExtractionResult:
    zone = agreement.local_zone or agreement.zone
    groups = cluster(mentions)
    after_what_they_react_to(groups, load_patterns().reacts_to, load_patterns().reactions, zone)
    formed = [to_event(group, f"x.{i}", zone) for i, group in enumerate(groups)]
    events: list[Event] = []
    taken: set[str] = set()
    for event in date_by_handover(formed, load_patterns(), place_finder(agreement)):
        base = f"x.{event.kind}.{slug(event.place)}.{local_date(event.occurred.earliest, zone).isoformat()}"
        event_id, n = base, 1
        while event_id in taken:
            n += 1
            event_id = f"{base}.{n}"
        taken.add(event_id)
        events.append(event.model_copy(update={"id": event_id}))
    published = {s.id: s.published for s in sources}
    events += _claim_events(found, published, taken)
    return ExtractionResult(agreement, tuple(events), tuple(found), sources, tuple(mentions))


def _claim_events(found: list[Discrepancy], published: dict[str, Window | None], taken: set[str]) -> list[Event]:
    """The discrepancies also as unlinked candidate events, one per sentence, so an event file carries them."""
    by_sentence: dict[tuple[str, tuple[int, int] | None], list[Discrepancy]] = {}
    for gap in found:
        cited = gap.claims[0].citation
        by_sentence.setdefault((cited.source, cited.offsets), []).append(gap)
    events: list[Event] = []
    for (source, offsets), gaps in by_sentence.items():
        when = published.get(source)
        event_id = f"x.claim-about-agreement.{slug(source)}.{offsets[0] if offsets else len(events)}"
        if when is None or event_id in taken:  # neither happens: every source has a publication, offsets differ
            continue
        taken.add(event_id)
        about = "; ".join(g.about for g in gaps)
        events.append(
            Event(
                id=event_id,
                kind="claim-about-agreement",
                summary=f"A report's claim about the agreement ({about}) that the model does not contain.",
                occurred=when,
                occurred_text="as stated in the report",
                sources=[gaps[0].claims[0].citation],
                discrepancies=gaps,
                status="candidate",
            )  # fmt: skip
        )
    return events


def _publication(text: str, published: Any, source: Source, agreement: Agreement) -> Window:
    zone = agreement.local_zone or agreement.zone
    where = f"published (source {source.id})"
    if isinstance(published, str) and ".." in published:
        low, high = published.split("..", 1)
        return read_window({"earliest": low.strip(), "latest": high.strip()}, zone, where=where)
    if published is not None:
        return read_window(published, zone, where=where)
    if source.published is not None:
        return source.published
    found = dateline(text)
    if found is not None:
        return read_window(found, zone, where=f"date line of source {source.id}")
    raise InvalidInputError(Problem(where, "no publication date: none given, none on the source, no date line in the text", "a publication date (--published on the command line, published= in Python), e.g. '2020-11-26' or '2020-11-25..2020-11-26'"))
