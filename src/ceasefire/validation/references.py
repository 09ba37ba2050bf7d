"""Checks that need the whole picture: ids that must exist, quotes that must be found.

Each check yields ``(error class, Problem)`` pairs; :func:`~ceasefire.validation.problems.raise_problems`
raises the class of the first one with every problem listed, so a user sees
all that is wrong in one go. These rules run on models whose fields are already
valid (see :mod:`ceasefire.validation.structure`): on an agreement, on an event
log alone, on an event log against its agreement, and on all of them together.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from ..errors import (
    DeadlineBeforeEffectError,
    DuplicateIdError,
    EndingConflictError,
    InvalidInputError,
    Problem,
    QuoteNotFoundError,
    UnknownAmendmentTargetError,
    UnknownObligationError,
    UnknownSourceError,
)
from ..model import Agreement, Citation, DeadlineObligation, Due, Event, EventLog, Obligation, Source
from ..time import end_of_day
from .problems import Found, Origin, origin_of

def check_agreement(agreement: Agreement, origin: Origin) -> Iterator[Found]:
    """Everything about an agreement that no single field can check."""
    obligations: dict[str, Obligation] = {}
    paths: list[tuple[str, tuple[str | int, ...]]] = []
    for p_i, point in enumerate(agreement.points):
        for o_i, obligation in enumerate(point.obligations):
            paths.append((obligation.id, ("points", p_i, "obligations", o_i, "id")))
            obligations[obligation.id] = obligation
    for a_i, amendment in enumerate(agreement.amendments):
        for o_i, obligation in enumerate(amendment.obligations):
            paths.append((obligation.id, ("amendments", a_i, "obligations", o_i, "id")))
            obligations[obligation.id] = obligation
    yield from _duplicates("obligation", paths, origin)
    yield from _duplicates("point", [(p.number, ("points", i, "number")) for i, p in enumerate(agreement.points)], origin)
    yield from _duplicates("amendment", [(a.id, ("amendments", i, "id")) for i, a in enumerate(agreement.amendments)], origin)
    yield from _duplicates("party", [(p.id, ("parties", i, "id")) for i, p in enumerate(agreement.parties)], origin)
    yield from _duplicates("source", [(s.id, ("sources", i, "id")) for i, s in enumerate(agreement.sources)], origin)
    points = {p.number for p in agreement.points}
    parties = {p.id for p in agreement.parties}
    for a_i, amendment in enumerate(agreement.amendments):
        here = ("amendments", a_i)
        if amendment.kind == "supplement" and amendment.point not in points:
            yield UnknownAmendmentTargetError, Problem(
                origin.where((*here, "point")), f"point {amendment.point} in {amendment.id}", f"one of the points {sorted(points)}"
            )
        if amendment.obligation is not None and amendment.obligation not in obligations:
            yield UnknownAmendmentTargetError, Problem(
                origin.where((*here, "obligation")),
                f"obligation id {amendment.obligation!r} in amendment {amendment.id}",
                f"an obligation of {agreement.id}, e.g. {_sample(obligations)}",
            )
        target = obligations.get(amendment.obligation or "")
        if amendment.due is not None and target is not None:
            yield from _due_after_effect(amendment.due, target.effective or agreement.effective, target.id, agreement, origin.where((*here, "due")))
        for who in (*amendment.requested_by, *amendment.granted_by):
            if who not in parties:
                yield InvalidInputError, Problem(origin.where(here), f"party {who!r} in {amendment.id}", f"one of the party ids {sorted(parties)}")
    for path, obligation in obligations_with_paths(agreement):
        for who in obligation.bearers:
            if who not in parties:
                yield InvalidInputError, Problem(
                    origin.where((*path, "bearers")), f"bearer {who!r} of {obligation.id}", f"one of the party ids {sorted(parties)}"
                )
        for who in obligation.answerable:
            if who not in parties:
                yield InvalidInputError, Problem(
                    origin.where((*path, "answerable")), f"party {who!r} answering for {obligation.id}", f"one of the party ids {sorted(parties)}"
                )
        for field in ("depends_on", "until_fulfilment_of"):
            other = getattr(obligation, field)
            if other is not None and other not in obligations:
                yield UnknownObligationError, Problem(
                    origin.where((*path, field)), f"obligation id {other!r}", f"an obligation of {agreement.id}, e.g. {_sample(obligations)}"
                )
            if other == obligation.id:
                yield InvalidInputError, Problem(origin.where((*path, field)), f"{obligation.id} naming itself", "another obligation")
        if isinstance(obligation, DeadlineObligation):
            yield from _due_after_effect(obligation.due, obligation.effective or agreement.effective, obligation.id, agreement, origin.where((*path, "due")))
            anchor = obligation.due.after_fulfilment_of
            if anchor is not None and anchor not in obligations:
                yield UnknownObligationError, Problem(
                    origin.where((*path, "due", "after_fulfilment_of")), f"obligation id {anchor!r}", f"an obligation of {agreement.id}"
                )
    for i, party in enumerate(agreement.parties):
        for who in party.successors:
            if who not in parties:
                yield InvalidInputError, Problem(origin.where(("parties", i, "successors")), f"successor {who!r} of {party.id}", f"one of the party ids {sorted(parties)}")
        if party.successors and party.succeeded is None:
            yield InvalidInputError, Problem(origin.where(("parties", i, "succeeded")), f"successors of {party.id} with no day they took over", "'succeeded: YYYY-MM-DD'")
    yield from _dependency_cycles(agreement, origin)
    sources = {s.id: s for s in agreement.sources}
    yield from check_citations(_agreement_citations(agreement), sources, origin)
    yield from _amendments_fit_targets(agreement, obligations, origin)


def _amendments_fit_targets(agreement: Agreement, obligations: Mapping[str, Obligation], origin: Origin) -> Iterator[Found]:
    """A ``move-deadline`` amendment must aim at an obligation that has a deadline."""
    for a_i, amendment in enumerate(agreement.amendments):
        target = obligations.get(amendment.obligation or "")
        if amendment.kind == "move-deadline" and target is not None and target.kind != "deadline":
            yield InvalidInputError, Problem(
                origin.where(("amendments", a_i, "obligation")),
                f"a move-deadline amendment {amendment.id!r} aimed at {amendment.obligation!r}, a {target.kind} obligation with no deadline to move",
                "a move-deadline aimed at a deadline obligation; to change a standing or term obligation use suspend, resume or end",
            )


def _dependency_cycles(agreement: Agreement, origin: Origin) -> Iterator[Found]:
    """Obligations that wait on each other in a circle (through 'depends_on' or a deadline counted from a fulfilment) never bind."""
    waits: dict[str, str] = {}
    paths: dict[str, tuple[str | int, ...]] = {}
    for path, obligation in obligations_with_paths(agreement):
        if obligation.depends_on is not None:
            waits[obligation.id], paths[obligation.id] = obligation.depends_on, (*path, "depends_on")
        elif isinstance(obligation, DeadlineObligation) and obligation.due.after_fulfilment_of is not None:
            waits[obligation.id], paths[obligation.id] = obligation.due.after_fulfilment_of, (*path, "due", "after_fulfilment_of")
    reported: set[str] = set()
    for start in waits:
        seen = [start]
        here = waits.get(start)
        while here is not None and here not in seen:
            seen.append(here)
            here = waits.get(here)
        if here == start and start not in reported:
            reported.update(seen)
            yield InvalidInputError, Problem(
                origin.where(paths[start]), f"obligations that wait on each other in a circle: {' -> '.join([*seen, start])}",
                "a chain of 'depends_on' or 'after_fulfilment_of' that starts from an obligation which waits on none",
            )


def check_own_citations(log: EventLog, origin: Origin) -> Iterator[Found]:
    """What an event file shows alone: every citation of a source it declares finds its quote.

    Citations of sources declared elsewhere (the agreement, another log) wait for
    :func:`check_log`, which sees them.
    """
    own = {s.id: s for s in log.sources}
    if all(s.file is None for s in own.values()):
        return  # a citation of a declared source can only fail against the source's file
    citations = [(("events", i, "sources", k), c) for i, e in enumerate(log.events) for k, c in enumerate(e.sources) if c.source in own]
    yield from check_citations(citations, own, origin)


def _dated(source: Source) -> bool:
    """True when a source places its events in time: a publication date, or a bound for an undated page."""
    return source.published is not None or source.published_not_after is not None


class LogFacts:
    """What :func:`check_log` reads from every event of a log, gathered event by event.

    A caller that walks the events anyway (the tracker) feeds each one to
    :meth:`add` and hands the result to :func:`check_log`, which then does
    not walk them again: on a large log each walk costs its memory reads.
    ``dated`` holds the ids of the sources that place an event in time.
    """

    __slots__ = ("cited", "dated", "endings", "linked", "repeats", "undated", "versions")

    def __init__(self, dated: set[str]) -> None:
        self.dated = dated
        self.linked: set[str] = set()
        """Every obligation id a link names."""
        self.cited: set[str] = set()
        """Every source id a citation names, in the events' sources and their discrepancies."""
        self.undated: list[int] = []
        """Positions of the events with no ``reported`` time and no dated source."""
        self.repeats: list[int] | None = None
        """When the caller knows them: the positions, in order, of every event whose id may be given more than once in the log
        (any superset of those whose id is, e.g. every id given more than once across all logs); None when not gathered."""
        self.versions: list[tuple[str, dt.datetime | None]] | None = None
        """When the caller knows them: the id and ``version`` of each event in :attr:`repeats`, in the same order, so that those
        events need not be read again; None when not gathered."""
        self.endings: list[int] | None = None
        """When the caller knows them: the positions, in order, of every event that ends the agreement; None when not gathered."""

    def add(self, position: int, event: Event) -> bool:
        """Note the event at ``position``; True when it can be placed in time (it has ``reported`` or a dated source).

        The tracker's walk (``engine/tracker.py``, ``_walk``) does the same for
        each event without calling this; what one gathers, the other must too.
        """
        references = event.sources
        for link in event.links:
            self.linked.add(link.obligation)
        for citation in references:
            self.cited.add(citation.source)
        for gap in event.discrepancies:
            self.cited.update(claim.citation.source for claim in gap.claims)
        if event.reported is None and not any(c.source in self.dated for c in references):
            self.undated.append(position)
            return False
        return True


def dated_sources(sources: Mapping[str, Source]) -> set[str]:
    """The ids of the sources that place their events in time: a publication date, or a bound for an undated page."""
    return {key for key, source in sources.items() if _dated(source)}


def check_log(
    log: EventLog, origin: Origin, agreement: Agreement | None, known_sources: dict[str, Source], ids: Sequence[str] | None = None, facts: LogFacts | None = None
) -> Iterator[Found]:
    """Everything about an event file that no single field can check.

    ``ids`` (the log's event ids in order) and ``facts`` (its :class:`LogFacts`
    over ``known_sources`` and the log's own sources), when the caller has
    them, save this check its own walks over the events.
    """
    events = log.events
    maybe: Sequence[int]
    if facts is not None and facts.repeats is not None:  # the caller found which events can share an id: only they are counted
        maybe = facts.repeats
        pairs = facts.versions if facts.versions is not None else [(events[n].id, events[n].version) for n in maybe]
        repeated = {key for key, count in Counter([key for key, _ in pairs]).items() if count > 1}
        # Two records clash when their ids and versions are written alike; that needs equal ids and equal versions, unless
        # an id itself reads like another's id with its version. Without either, nothing can clash and nothing is written out.
        if repeated and len(set(pairs)) == len(pairs) and not any(" (version " in key for key in repeated):
            repeated = set()
    else:
        maybe = range(len(events))
        repeated = {key for key, count in Counter([e.id for e in events] if ids is None else ids).items() if count > 1}
    if repeated:  # only an id given more than once can clash, so only those are written out with their versions
        yield from _duplicates("event", [(_version_key(events[n]), ("events", n, "id")) for n in maybe if events[n].id in repeated], origin)
    yield from _duplicates("source", [(s.id, ("sources", i, "id")) for i, s in enumerate(log.sources)], origin)
    sources = {**known_sources, **{s.id: s for s in log.sources}}
    proposed = _proposed_only(agreement) if agreement is not None else {}
    obligations = {key: o for key, o in _obligation_ids(agreement).items() if key not in proposed} if agreement is not None else None
    if facts is None:
        facts = LogFacts(dated_sources(sources))
        for e_i, event in enumerate(log.events):
            facts.add(e_i, event)
    dated, linked, cited, undated = facts.dated, facts.linked, facts.cited, facts.undated
    # a file's links are checked as one set first: only when one names an unknown obligation are they walked to say where
    unknown = obligations is not None and not linked <= obligations.keys()
    walk = range(len(log.events)) if unknown else undated
    for e_i in walk:
        event = log.events[e_i]
        for l_i, link in enumerate(event.links if unknown else ()):
            if obligations is not None and link.obligation not in obligations:
                yield UnknownObligationError, Problem(
                    origin.where(("events", e_i, "links", l_i, "obligation")),
                    _named(f"obligation id {link.obligation!r} in event {event.id}", link.obligation, proposed),
                    f"an obligation of {agreement.id if agreement else 'the agreement'}, e.g. {_sample(obligations or {})}",
                )
        if event.reported is None and not any(c.source in dated for c in event.sources):
            yield InvalidInputError, Problem(
                origin.where(("events", e_i)),
                f"event {event.id} with no 'reported' time and no dated source",
                "a 'reported' time, or a cited source with 'published' (or 'published_not_after' when it has no date line), so the knowledge cut-off can place it",
            )
    if obligations is not None:
        for c_i, cover in enumerate(log.covers):
            for o_i, obligation_id in enumerate(cover.obligations or ()):
                if obligation_id not in obligations:
                    yield UnknownObligationError, Problem(
                        origin.where(("covers", c_i, "obligations", o_i)),
                        _named(f"obligation id {obligation_id!r} in the log's coverage", obligation_id, proposed),
                        f"an obligation of {agreement.id if agreement else 'the agreement'}, e.g. {_sample(obligations or {})}",
                    )
    if all(key in sources and sources[key].file is None for key in cited):
        return  # every source is known and none has a file to hold quotes against: nothing below can fail
    citations: list[tuple[tuple[str | int, ...], Citation]] = []
    for e_i, event in enumerate(log.events):
        citations += [(("events", e_i, "sources", c_i), c) for c_i, c in enumerate(event.sources)]
        for d_i, gap in enumerate(event.discrepancies):
            citations += [(("events", e_i, "discrepancies", d_i, "claims", k, "citation"), cl.citation) for k, cl in enumerate(gap.claims)]
    # a source the agreement declares is read from the agreement's folders, wherever the log came from
    declared = {s.id for s in agreement.sources} - {s.id for s in log.sources} if agreement is not None else set()
    there = Origin(origin.name, origin.line_of, origin_of(agreement, "<agreement>").roots) if agreement is not None else origin
    yield from check_citations([c for c in citations if c[1].source not in declared], sources, origin)
    yield from check_citations([c for c in citations if c[1].source in declared], sources, there)


def check_endings(agreement: Agreement, logs: Sequence[EventLog], origins: Sequence[Origin], endings: Sequence[Sequence[int] | None] | None = None) -> Iterator[Found]:
    """The whole agreement ends once: two different endings (amendments or events) are refused.

    Versions of one event are one ending; a second, different one is an error
    naming both places, since which ended the agreement is for a person to settle.
    ``endings``, when the caller has them, are the positions of each log's
    events that end the agreement (see :attr:`LogFacts.endings`), so the logs need not be walked again.
    """
    first: tuple[str, str] | None = None
    for a_i, amendment in enumerate(agreement.amendments):
        if amendment.kind == "end-agreement":
            here = origin_of(agreement, "<agreement>").where(("amendments", a_i, "kind"))
            if first is not None and first[0] != amendment.id:
                yield EndingConflictError, Problem(here, f"a second ending of the agreement, {amendment.id!r} (the first is {first[0]!r} at {first[1]})", "one ending per agreement; record other accounts as context or a discrepancy")
            first = first or (amendment.id, here)
    for l_i, (log, origin) in enumerate(zip(logs, origins)):
        known = endings[l_i] if endings is not None else None
        for e_i in range(len(log.events)) if known is None else known:
            event = log.events[e_i]
            if event.ends_agreement is None:
                continue
            here = origin.where(("events", e_i, "ends_agreement"))
            if first is not None and first[0] != event.id:
                yield EndingConflictError, Problem(here, f"a second ending of the agreement, event {event.id!r} (the first is {first[0]!r} at {first[1]})", "one ending per agreement; record other accounts as context or a discrepancy")
            first = first or (event.id, here)


def check_citations(
    citations: Iterable[tuple[tuple[str | int, ...], Citation]], sources: dict[str, Source], origin: Origin
) -> Iterator[Found]:
    """Every citation names a known source, and every quote is in that source's file."""
    texts: dict[str, str | None] = {}
    for path, citation in citations:
        source = sources.get(citation.source)
        if source is None:
            yield UnknownSourceError, Problem(
                origin.where((*path, "source")), f"source id {citation.source!r}", f"a declared source, e.g. {_sample(sources)}"
            )
            continue
        if source.file is None or citation.quote is None or citation.paraphrase:
            continue
        if source.id not in texts:
            texts[source.id] = _read_source(source.file, origin)
        text = texts[source.id]
        if text is None:
            yield QuoteNotFoundError, Problem(
                origin.where((*path, "quote")), f"file {source.file!r} of source {source.id}, which cannot be read",
                f"a readable file under {', '.join(str(r) for r in origin.roots) or 'the current folder'}",
            )
        elif citation.quote not in text:
            yield QuoteNotFoundError, Problem(
                origin.where((*path, "quote")), f"the quote {_clip(citation.quote)!r}", f"words found verbatim in {source.file}"
            )
        elif citation.offsets is not None and text[citation.offsets[0] : citation.offsets[1]] != citation.quote:
            start = text.find(citation.quote)
            yield QuoteNotFoundError, Problem(
                origin.where((*path, "offsets")),
                f"offsets {list(citation.offsets)}, which give {_clip(text[citation.offsets[0] : citation.offsets[1]])!r}",
                f"the offsets of the quote in {source.file}, e.g. [{start}, {start + len(citation.quote)}]",
            )


def _read_source(file: str, origin: Origin) -> str | None:
    for root in origin.roots or (Path.cwd(),):
        candidate = root / file
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    return None


def _version_key(event: Event) -> str:
    """An event's id, with its version when it has one: revisions of one event may share the id."""
    return event.id if event.version is None else f"{event.id} (version {event.version.isoformat()})"


def _duplicates(what: str, items: Sequence[tuple[object, tuple[str | int, ...]]], origin: Origin) -> Iterator[Found]:
    counts = Counter(value for value, _ in items)
    for value, path in items:
        if counts[value] > 1:
            yield DuplicateIdError, Problem(origin.where(path), f"the {what} id {value!r} used {counts[value]} times", f"each {what} id once")


def _due_after_effect(due: Due, effective: dt.datetime, obligation_id: str, agreement: Agreement, where: str) -> Iterator[Found]:
    instant = end_of_day(due.by, agreement.zone) if due.by is not None else due.at
    if instant is not None and instant < effective:
        yield DeadlineBeforeEffectError, Problem(
            where, f"deadline {instant.isoformat()} for {obligation_id}", f"a deadline at or after it takes effect ({effective.isoformat()})"
        )


def obligations_with_paths(agreement: Agreement) -> Iterator[tuple[tuple[str | int, ...], Obligation]]:
    """Every obligation of ``agreement``, its points' and its supplements', with the path to it in the agreement file."""
    for p_i, point in enumerate(agreement.points):
        for o_i, obligation in enumerate(point.obligations):
            yield ("points", p_i, "obligations", o_i), obligation
    for a_i, amendment in enumerate(agreement.amendments):
        for o_i, obligation in enumerate(amendment.obligations):
            yield ("amendments", a_i, "obligations", o_i), obligation


def _obligation_ids(agreement: Agreement) -> dict[str, Obligation]:
    return {o.id: o for _, o in obligations_with_paths(agreement)}


def _proposed_only(agreement: Agreement) -> dict[str, str]:
    """The obligations that only a supplement proposed and never agreed would add, each with that supplement's id."""
    agreed = {o.id for point in agreement.points for o in point.obligations}
    agreed |= {o.id for a in agreement.amendments if a.status == "agreed" for o in a.obligations}
    return {o.id: a.id for a in agreement.amendments if a.status != "agreed" for o in a.obligations if o.id not in agreed}


def _named(received: str, obligation_id: str, proposed: Mapping[str, str]) -> str:
    """``received``, saying so when the id is that of an obligation only a proposed supplement would add."""
    offer = proposed.get(obligation_id)
    return received if offer is None else f"{received}, which only {offer} would add, a supplement proposed but never agreed (nothing can count towards it)"


def _agreement_citations(agreement: Agreement) -> Iterator[tuple[tuple[str | int, ...], Citation]]:
    for path, obligation in obligations_with_paths(agreement):
        for c_i, citation in enumerate(obligation.sources):
            yield (*path, "sources", c_i), citation
    for a_i, amendment in enumerate(agreement.amendments):
        for c_i, citation in enumerate(amendment.sources):
            yield ("amendments", a_i, "sources", c_i), citation


def _sample(ids: Mapping[str, object]) -> str:
    names = sorted(ids)[:3]
    return ", ".join(repr(n) for n in names) if names else "(none declared)"


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
