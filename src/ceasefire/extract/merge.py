"""One event per happening: merging the mentions of several sentences and reports.

Two mentions are the same happening when they have the same kind, the same
place (or one of them names none), the same obligations as primary links
(fulfils, advances, breaches, ends), the same speaker for kinds that need one,
and occurrence windows that overlap. The merged window is the overlap: each
report bounds the time, and all may be right only inside the overlap. For a
kind the agreement has only one of (its signing), reports that disagree on
the day are merged anyway, the window spans their days, and the disagreement
is recorded as a discrepancy with each report's words.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from .. import time as cftime
from ..model import Citation, Claim, Discrepancy, Dispute, Event, Link, Quantity
from ..time import Window
from .detect import Mention


@attrs.define
class Cluster:
    """Mentions found to be one happening."""

    first: Mention
    members: list[Mention] = attrs.Factory(list)
    window: Window | None = None
    place: str | None = None

    def __attrs_post_init__(self) -> None:
        self.members.append(self.first)
        self.window = self.first.window
        self.place = self.first.place

    def fits(self, mention: Mention) -> int:
        """0 if the mention is another happening; else 2 for the same place, 1 for an unknown one."""
        head = self.first
        if mention.kind != head.kind or mention.speaker != head.speaker or primary(mention.links) != primary(head.links):
            return 0
        if mention.place is not None and self.place is not None and mention.place != self.place:
            return 0
        if not head.unique and (
            _phases_differ(self.members, mention)
            or _figures_differ(self.members, mention)
            or _same_sentence(self.members, mention)
            or _clocks_differ(self.members, mention)
            or _unanchored(self.members, mention)
            or _sorts_differ(self.members, mention)
        ):
            return 0
        assert self.window is not None
        if not head.unique and not _overlap(self.window, mention.window):
            return 0
        return 2 if mention.place == self.place else 1

    def add(self, mention: Mention) -> None:
        """Take in one more report of the happening."""
        assert self.window is not None
        self.members.append(mention)
        self.place = self.place or mention.place
        if _overlap(self.window, mention.window):
            self.window = Window(max(self.window.earliest, mention.window.earliest), min(self.window.latest, mention.window.latest))


def _phases_differ(members: list[Mention], mention: Mention) -> bool:
    """A running total is never one day's happening; a beginning is not a completion."""
    for m in members:
        if (m.phase == "total") != (mention.phase == "total"):
            return True
        if m.phase and mention.phase and m.phase != mention.phase:
            return True
    return False


def _figures_differ(members: list[Mention], mention: Mention) -> bool:
    """Two reports that count the same thing with different figures are two happenings."""
    for m in members:
        for q in m.quantities:
            for r in mention.quantities:
                if _counted_noun(q.name) == _counted_noun(r.name) and q.value != r.value and not _near(q.value, r.value):
                    return True
    return False


def _counted_noun(name: str) -> str:
    """The noun a figure counts, singular or plural alike ("one soldier", "six soldiers"; "serviceman", "servicemen")."""
    word = name.casefold().split()[-1]
    return re.sub(r"men$", "man", word) if word.endswith("men") else word.removesuffix("s")


def _sorts_differ(members: list[Mention], mention: Mention) -> bool:
    """Happenings of one kind but of different sorts (an exchange of bodies, one of prisoners) are two."""
    return mention.sort is not None and any(m.sort is not None and m.sort != mention.sort for m in members)


def _dated(mention: Mention) -> bool:
    return mention.occurred_text is not None and not mention.occurred_text.startswith("by the time")


def _unanchored(members: list[Mention], mention: Mention) -> bool:
    """Two sentences of one report that share nothing but a kind are two happenings.

    Within one report, a later sentence that reports the same kind again is
    taken as the same happening only when something ties the two together: the
    same place or the same road, a date in each (the windows must still overlap), the same
    figure (or two within a twentieth of each other), or a kind the report can only mean once (``repeats: once``). "The
    peacekeepers recorded two violations", "the military entered the zone" and
    "they launched four strikes" are three clashes, not one.

    Two sentences that both name the report's whole happening of their kind
    (``story`` in ``patterns.yaml``: "fighting erupted", "the border clashes")
    are tied: a report tells one outbreak of fighting unless a date, a place, a
    time of day or a figure sets two apart (those are checked by
    ``Cluster.fits``), so "49 troops were killed in border clashes" and
    "Fighting erupted overnight" are one. A sentence that tells a single
    incident ("a sniper shot a soldier", "launched an attack on the villages")
    is not tied by this: it still needs a place, a date or a figure in common.
    """
    if mention.once or _refers_back(mention):
        return False
    if _ADDITIVE.match(mention.citation.quote or ""):
        return True  # "At the same time, they launched four strikes": another happening, told beside the one before
    same_report = [m for m in members if m.citation.source == mention.citation.source and m.sentence != mention.sentence]
    if not same_report or len(same_report) < len([m for m in members if m.citation.source == mention.citation.source]):
        return False
    if _told_in_story(same_report, mention):
        return False  # the report's one outbreak of fighting, told again ("fighting erupted overnight"): only a date, place, time or figure sets it apart
    for m in same_report:
        if m.place is not None and m.place == mention.place:
            return False
        if set(m.roads) & set(mention.roads):
            return False  # the same road named in both ("the Lachin corridor")
        if _dated(m) and _dated(mention):
            return False
        if any(_same_figure(a.value, b.value) for a in m.quantities for b in mention.quantities):
            return False
    return True


def _bare(mention: Mention) -> bool:
    """A mention with nothing of its own to tell it apart: no date, no place, no time of day."""
    return not _dated(mention) and mention.place is None and mention.clock is None


def _told_in_story(told: list[Mention], mention: Mention) -> bool:
    """A mention that is the report's one outbreak of fighting told before: it names the fighting as a whole
    and so does the happening told (or that happening has no date, place or time of its own), or it tells a
    part of the fighting with none of its own and the happening told names the fighting as a whole."""
    if mention.story:
        return any(m.story for m in told) or all(_bare(m) for m in told)
    return _bare(mention) and any(m.story for m in told)


def _same_figure(a: float, b: float) -> bool:
    """The same figure, or two within a twentieth of each other: one total told as "more than 42,000" and "some 42,500"."""
    return a == b or (min(a, b) >= 100 and abs(a - b) <= max(a, b) / 20)


# A part of a sentence that points back at a happening already told: a definite noun for it ("the
# offensive", "the mine explosion", "the prisoner exchange deal") or a pronoun for the source ("It said").
_BACK = re.compile(
    r"\b(?:the|this|that|these|those|such)\s+(?:[\w-]+\s+){0,2}?(?:offensive|attack|assault|operations?|advance|explosion|blast|exchange|swap|deal|"
    r"handover|hand-over|transfer|withdrawal|closure|blockade|deployment|incident|shelling|clash(?:es)?|process|start|return|returns|departure|evacuation|exodus|"
    r"violation|attacks|mission|meeting|opening|ceremony|shooting|fire|strikes?|killings?|mine|protests?|protesters|demonstrat(?:ors|ions?)|rall(?:y|ies)|refugees|convoy)\b|^\W*(?:it|they|he|she)\s+(?:said|added|reported|stated)\b",
    re.IGNORECASE,
)


# Words opening a sentence that add another happening to the one before rather than retell it.
_ADDITIVE = re.compile(r"^\W*(?:at the same time|meanwhile|in addition|additionally|besides|separately|also)\b", re.IGNORECASE)


def _refers_back(mention: Mention) -> bool:
    return bool(_BACK.search(mention.citation.quote or ""))


def _clocks_differ(members: list[Mention], mention: Mention) -> bool:
    """Reports that give different times of day ("07:50 GMT", "11:10 GMT") are of different happenings."""
    return mention.clock is not None and any(m.clock is not None and m.clock != mention.clock for m in members)


def _near(a: float, b: float) -> bool:
    """Figures less than five times apart may count parts of one happening (12 captives one way, 44 the other);
    a day's count and a running total are further apart."""
    low, high = sorted((abs(a), abs(b)))
    return high < 5 * max(low, 1)


def _same_sentence(members: list[Mention], mention: Mention) -> bool:
    """A sentence that reports one kind twice means two happenings: its parts are never merged."""
    return mention.sentence is not None and any(m.sentence == mention.sentence and m.citation.source == mention.citation.source for m in members)


def primary(links: tuple[Link, ...]) -> frozenset[str]:
    """The obligations a mention bears on directly, not as context."""
    return frozenset(link.obligation for link in links if link.role != "context")


def _overlap(a: Window, b: Window) -> bool:
    return a.earliest <= b.latest and b.earliest <= a.latest


def cluster(mentions: list[Mention]) -> list[Cluster]:
    """Group mentions into happenings, in the order they were first reported."""
    clusters: list[Cluster] = []
    for mention in mentions:
        scored = [(c.fits(mention), i) for i, c in enumerate(clusters)]
        best = max(scored, default=(0, -1))
        if best[0] > 0:
            clusters[best[1]].add(mention)
        else:
            clusters.append(Cluster(mention))
    for group in clusters:
        if group.first.unique:
            group.window = unique_window(group.members)
    _after_beginnings(clusters)
    return clusters


def _known(group: Cluster, zone: str | None = None, until: dt.datetime | None = None) -> dt.datetime | None:
    """From when a happening is known to have been: its first moment if a report dates it by its own words, else None.

    Since part 11, given the agreement's ``zone`` and the reaction's last
    moment ``until``: a happening with no date of its own that a report bounds
    before ``until`` ("said on Sunday it had set up a checkpoint", "reported
    the incident on 9 October") is known from the start of that report's day.
    """
    assert group.window is not None
    if any(m.occurred_text and not m.occurred_text.startswith("by the time") for m in group.members):
        return group.window.earliest
    if zone is not None and until is not None and group.window.latest < until:
        day = cftime.local_date(group.window.latest, zone)
        return max(group.window.earliest, cftime.start_of_day(day, zone))
    return None


def after_what_they_react_to(clusters: list[Cluster], reacts_to: dict[str, re.Pattern[str]], reactions: dict[str, tuple[str, ...]] | None = None, zone: str | None = None) -> None:
    """An undated reaction is not earlier than the happening it answers, told in the same report.

    "Armenia strongly condemned the shooting" in a report that dates the
    shooting on Saturday: the condemnation came on Saturday or later. Where the
    report tells several happenings of that kind, the earliest of them bounds it.
    Since part 10, a reaction that names nothing (a protest, an exodus, "Armenia
    denied the allegations") is bounded the same way by the earliest happening
    of a kind it can answer (``reactions``) that the report dates and tells
    before it: news tells what happened first and what answered it after.
    Since part 11, given the agreement's ``zone``, a happening the report
    bounds only by the day it was reported (earlier than the reaction's own
    bound) bounds the reaction from that day: a party answers a happening as it
    was reported ("Azerbaijan said on Sunday it had set up a checkpoint ...
    Armenia said the checkpoint was a violation": the Armenian statement is of
    Sunday or later).
    """
    reactions = reactions or {}
    kinds = {"statement"} | set(reactions)
    for index, reaction in enumerate(clusters):
        if reaction.first.kind not in kinds or reaction.window is None:
            continue
        if any(m.occurred_text and not m.occurred_text.startswith("by the time") for m in reaction.members):
            continue
        source = reaction.first.citation.source
        quote = " ".join(m.citation.quote or "" for m in reaction.members)
        bound = None
        if reaction.first.kind == "statement":
            for kind, words in reacts_to.items():
                if not words.search(quote):
                    continue
                named = [c for c in clusters if c.first.kind == kind and c.window is not None and any(m.citation.source == source for m in c.members)]
                known = [k for k in (_known(c, zone, reaction.window.latest) for c in named) if k is not None]
                if known:
                    bound = min(known)
                    break
        if bound is None:
            before = [c for c in clusters[:index] if c.first.kind in reactions.get(reaction.first.kind, ()) and c.window is not None and c.first.citation.source == source]
            known = [k for k in (_known(c, zone, reaction.window.latest) for c in before) if k is not None]
            bound = min(known) if known else None
        if bound is not None and reaction.window.earliest < bound <= reaction.window.latest:
            reaction.window = Window(bound, reaction.window.latest)


def _phase(group: Cluster) -> str | None:
    return next((m.phase for m in group.members if m.phase), None)


def _after_beginnings(clusters: list[Cluster]) -> None:
    """A completion is not earlier than the beginning of the same happening reported beside it.

    "The withdrawal began in mid-April" and "they have finally left" in one
    report: the leaving ended no earlier than mid-April.
    """
    for end in (c for c in clusters if _phase(c) == "end" and c.window is not None):
        for start in (c for c in clusters if _phase(c) == "start" and c.window is not None):
            same = start.first.kind == end.first.kind and primary(start.first.links) == primary(end.first.links)
            if same and (start.place is None or end.place is None or start.place == end.place):
                assert start.window is not None and end.window is not None
                if start.window.earliest <= end.window.latest and start.window.earliest > end.window.earliest:
                    end.window = Window(start.window.earliest, end.window.latest)


def unique_window(members: list[Mention]) -> Window:
    """Narrowest windows first: each is a day some report gives, narrowed by the wider ones that agree.

    The result spans all the days the reports disagree on.
    """
    cores: list[Window] = []
    for window in sorted((m.window for m in members), key=lambda w: w.latest - w.earliest):
        touched = [i for i, core in enumerate(cores) if _overlap(core, window)]
        for i in touched:
            cores[i] = Window(max(cores[i].earliest, window.earliest), min(cores[i].latest, window.latest))
        if not touched:
            cores.append(window)
    return Window(min(c.earliest for c in cores), max(c.latest for c in cores))


def to_event(group: Cluster, event_id: str, zone: str) -> Event:
    """The candidate event for a group of mentions."""
    assert group.window is not None
    members = group.members
    texts = list(dict.fromkeys(m.occurred_text for m in members if m.occurred_text))
    sources = len({m.citation.source for m in members})
    where = f" at {group.place}" if group.place else ""
    return Event(
        id=event_id,
        kind=group.first.kind,
        summary=f"{group.first.kind}{where}, proposed by extraction from {len(members)} sentence(s) in {sources} report(s)",
        occurred=group.window,
        occurred_text=" / ".join(texts) or None,
        actors=list(dict.fromkeys([*(a for m in members for a in m.actors), *(m.speaker for m in members if m.speaker)])),  # a speaker the sentence does not name ("both sides") too
        place=group.place,
        quantities=_quantities(members),
        links=_links(members),
        sources=_citations(members),
        disputed_by=[Dispute(party=p, note="rejects the report, per the quoted source") for p in dict.fromkeys(d for m in members for d in m.disputed_by)],
        discrepancies=_date_disagreement(group, zone),
        status="candidate",
    )


def _links(members: list[Mention]) -> list[Link]:
    best: dict[str, Link] = {}
    for link in (link for m in members for link in m.links):
        held = best.get(link.obligation)
        if held is None or (held.role == "context" and link.role != "context") or (held.role == link.role and (link.confidence or 0) > (held.confidence or 0)):
            best[link.obligation] = link
    return list(best.values())


def _quantities(members: list[Mention]) -> list[Quantity]:
    seen: dict[tuple[str, float, str], Quantity] = {}
    for quantity in (q for m in members for q in m.quantities):
        seen.setdefault((quantity.name.casefold(), quantity.value, quantity.qualifier), quantity)
    return list(seen.values())


def _citations(members: list[Mention]) -> list[Citation]:
    seen: dict[tuple[str, tuple[int, int] | None], Citation] = {}
    for citation in (m.citation for m in members):
        seen.setdefault((citation.source, citation.offsets), citation)
    return list(seen.values())


def _date_disagreement(group: Cluster, zone: str) -> list[Discrepancy]:
    if not group.first.unique:
        return []
    dated = [m for m in group.members if m.occurred_text and m.window.latest - m.window.earliest < _TWO_DAYS]
    days = {_days(m.window, zone): m for m in dated}
    if len(days) < 2 or all(_overlap(a.window, b.window) for a in days.values() for b in days.values()):
        return []
    claims = [Claim(value=f"{day} ({m.occurred_text})", citation=m.citation) for day, m in sorted(days.items())]
    return [Discrepancy(about=f"date of the {group.first.kind}", claims=claims, note="Reports give different days; the event's window spans them.")]


def _days(window: Window, zone: str) -> str:
    first, last = cftime.local_date(window.earliest, zone), cftime.local_date(window.latest, zone)
    return first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"


_TWO_DAYS = dt.timedelta(days=2)


def slug(text: str | None) -> str:
    """A lower-case, dash-separated id part."""
    return re.sub(r"[^a-z0-9]+", "-", (text or "none").casefold()).strip("-") or "none"
