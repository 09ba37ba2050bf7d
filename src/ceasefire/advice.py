"""Warnings that ``ceasefire validate`` shows without failing: things that are allowed but probably slips.

Five are looked for, each in a file that is otherwise clean:

- a declared source that nothing cites (in the agreement, or in the event files checked with it);
- a place alias given twice, or one that is also another place's name;
- a term's notice as long as its first period, or longer than its renewal, so that it falls due
  before the period it would end has begun;
- an event first reported before it could have happened (a source that announced it);
- an event counted for an obligation (any role but ``context``) that was surely over before that
  obligation took effect (for a lasting happening, its ``until``; an ``ongoing`` one never is),
  which would otherwise count as progress or breach without a word.

A warning is a :class:`~ceasefire.errors.Problem` like an error, with file, line and field, so it
reads the same; it never changes the exit code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import attrs

from .validation import Origin
from .validation.references import obligations_with_paths
from .errors import CeasefireError, Problem
from .model import Agreement, Citation, Event, EventLog, Source, TermObligation
from .time import utc

if TYPE_CHECKING:
    from .validation import Context, FileResult

COUNTED = frozenset({"fulfils", "advances", "breaches", "ends", "notice"})
"""Link roles that make an event count for an obligation (``context`` does not)."""


def add_warnings(results: Sequence[FileResult], context: Context) -> list[FileResult]:
    """``results`` with the warnings of every clean agreement and event file added."""
    read = [_parsed(result, context) for result in results]
    logs = [model[0] for model in read if model is not None and isinstance(model[0], EventLog)]
    cited_by_logs = {c.source for log in logs for _, c in _log_citations(log)}
    out = []
    for result, model in zip(results, read):
        if model is None:
            out.append(result)
            continue
        parsed, origin = model
        if isinstance(parsed, Agreement):
            found = [
                *duplicate_aliases(parsed, origin), *long_notices(parsed, origin),
                *unused_sources(parsed.sources, _agreement_cited(parsed) | cited_by_logs, origin, "agreement or the event files checked with it"),
            ]
        else:
            reference = context.agreement
            found = [*unused_sources(parsed.sources, {c.source for _, c in _log_citations(parsed)}, origin, "event file")]
            if reference is not None:
                found += events_before_effect(parsed, reference, origin)
            found += reported_before_it_happened(parsed, {s.id: s for s in (*(reference.sources if reference is not None else ()), *parsed.sources)}, origin)
        out.append(attrs.evolve(result, warnings=tuple(found)) if found else result)
    return out


def unused_sources(sources: Iterable[Source], cited: set[str], origin: Origin, scope: str) -> Iterator[Problem]:
    """A warning for each source that no citation in ``scope`` names."""
    for s_i, source in enumerate(sources):
        if source.id not in cited:
            yield Problem(origin.where(("sources", s_i, "id")), f"source {source.id!r}, which nothing cites", f"a citation of it somewhere in the {scope}, or no such source")


def duplicate_aliases(agreement: Agreement, origin: Origin) -> Iterator[Problem]:
    """A warning for each alias that repeats, in the same place or another, or that is another place's name."""
    seen: dict[str, str] = {place.name.casefold(): place.name for place in agreement.places}
    for p_i, place in enumerate(agreement.places):
        for a_i, alias in enumerate(place.aliases):
            key = alias.casefold()
            owner = seen.setdefault(key, place.name)
            if owner != place.name or _named_before(place.aliases, a_i, place.name):
                where = origin.where(("places", p_i, "aliases", a_i))
                yield Problem(where, f"alias {alias!r} of {place.name}, already a name or alias of {owner}", "each name and alias to stand for one place, once")


def long_notices(agreement: Agreement, origin: Origin) -> Iterator[Problem]:
    """A warning for each term whose notice is as long as its first period or longer than its renewal (P6Y written for P6M, say).

    Such a notice falls due at or before the period it would end has begun,
    so notice given during that period takes effect only at the end of the
    next one: a rule the engine applies, but rarely what a text means.
    """
    effective = obligation_effect(agreement)
    zone = agreement.zone
    for path, obligation in obligations_with_paths(agreement):
        if not isinstance(obligation, TermObligation) or obligation.notice is None:
            continue
        start = effective[obligation.id]
        periods = [(1, start, obligation.period)]
        if obligation.renewal is not None:
            periods.append((2, obligation.period.after(start, zone), obligation.period.plus(obligation.renewal)))
        for number, begins, span in periods:
            try:
                due = obligation.notice.before(span.after(start, zone), zone)
            except CeasefireError:
                break  # past the calendar's end, which a question about that period says
            if due < begins or (number == 1 and due == begins):
                yield Problem(
                    origin.where((*path, "notice")),
                    f"the notice {obligation.notice} on {obligation.id}, due at {due.isoformat()}, {'before' if due < begins else 'as'} period {number} begins ({begins.isoformat()})",
                    f"a notice shorter than the period it ends (period {obligation.period}{f', renewal {obligation.renewal}' if obligation.renewal else ''}); "
                    "as written, notice given during that period ends the next one",
                )
                break


def _named_before(aliases: Sequence[str], index: int, name: str) -> bool:
    """Whether aliases[index] repeats the place's own name or an earlier alias of it."""
    key = aliases[index].casefold()
    return key == name.casefold() or key in {a.casefold() for a in aliases[:index]}


def events_before_effect(log: EventLog, agreement: Agreement, origin: Origin) -> Iterator[Problem]:
    """A warning for each counted link from an event that surely ended before its obligation took effect."""
    effective = obligation_effect(agreement)
    for e_i, event in enumerate(log.events):
        for l_i, link in enumerate(event.links):
            start = effective.get(link.obligation)
            over = _surely_over_by(event)
            if start is None or over is None or link.role not in COUNTED or over >= start:
                continue
            yield Problem(
                origin.where(("events", e_i, "links", l_i)),
                f"event {event.id}, which happened by {over.isoformat()}, as '{link.role}' of {link.obligation}, which took effect at {start.isoformat()}",
                "an event from after the obligation took effect, or the role 'context' for background",
            )


def reported_before_it_happened(log: EventLog, sources: dict[str, Source], origin: Origin) -> Iterator[Problem]:
    """A warning for each event whose first report (its ``reported``, else its earliest dated source) surely came before it could have happened.

    Such a source announces the event rather than reports it; counted from
    it, the event would be known under a cut-off at which nobody could yet
    say it had happened.
    """
    for e_i, event in enumerate(log.events):
        if event.reported is not None:
            first, by, where = event.reported.latest, "its 'reported'", ("events", e_i, "reported")
        else:
            dated = [(sources[c.source].published.latest, c.source) for c in event.sources if c.source in sources and sources[c.source].published is not None]  # type: ignore[union-attr]
            if not dated:
                continue
            first, source = min(dated, key=lambda pair: utc(pair[0]))
            by, where = f"source {source}", ("events", e_i, "sources")
        if utc(first) < utc(event.occurred.earliest):
            yield Problem(
                origin.where(where),
                f"event {event.id}, first reported by {by} at {first.isoformat()}, before it could have happened (from {event.occurred.earliest.isoformat()})",
                "a first report from after it happened: give 'reported' (the first report that it had happened), or cite a later source; an earlier one announces it",
            )


def _surely_over_by(event: Event) -> dt.datetime | None:
    """The instant by which the event was surely over: the end of its `until` for a lasting one, None while it is ongoing."""
    if event.ongoing:
        return None
    return event.until.latest if event.until is not None else event.occurred.latest


def obligation_effect(agreement: Agreement) -> dict[str, dt.datetime]:
    """When each obligation binds: its own ``effective``, else its supplement's, else the agreement's."""
    found = {o.id: o.effective or agreement.effective for point in agreement.points for o in point.obligations}
    for amendment in agreement.amendments:
        for o in amendment.obligations:
            found[o.id] = o.effective or max(amendment.in_effect_from, agreement.effective)
    return found


def _agreement_cited(agreement: Agreement) -> set[str]:
    cited = {c.source for point in agreement.points for o in point.obligations for c in o.sources}
    for amendment in agreement.amendments:
        cited |= {c.source for c in amendment.sources}
        cited |= {c.source for o in amendment.obligations for c in o.sources}
    return cited


def _log_citations(log: EventLog) -> Iterator[tuple[tuple[str | int, ...], Citation]]:
    for e_i, event in enumerate(log.events):
        yield from ((("events", e_i, "sources", c_i), c) for c_i, c in enumerate(event.sources))
        for d_i, gap in enumerate(event.discrepancies):
            yield from ((("events", e_i, "discrepancies", d_i, "claims", k), claim.citation) for k, claim in enumerate(gap.claims))


def _parsed(result: FileResult, context: Context) -> tuple[Agreement | EventLog, Origin] | None:
    """The model of a clean agreement or event file, as its check read it (else read again); None for anything else."""
    if not result.ok or result.kind not in ("agreement", "events"):
        return None
    kept = context.models.get(result.path)
    if kept is not None:
        return kept
    from pathlib import Path

    from .loading import parse_agreement, parse_events
    from .validation.files import _read

    try:
        data, origin = _read(Path(result.path))
        return (parse_agreement if result.kind == "agreement" else parse_events)(data, origin=origin), origin
    except CeasefireError:
        return None
