"""Deliberately broken engines, each made by patching one rule of the real one for the length of a test.

Every variant is a plausible mistake. The engine's own files are never
edited: each function here takes pytest's ``monkeypatch`` and swaps one piece.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import pytest

import attrs

from types import ModuleType

from ceasefire import time
from ceasefire.engine import changepoints, deadline, draft, evidence, progress, revisions, rules, standing, term, tracker
from ceasefire.engine.evidence import Linked, Ordered, View
from ceasefire.results import Status

Patch = Callable[[pytest.MonkeyPatch], None]

ENGINE: tuple[ModuleType, ...] = (changepoints, deadline, draft, evidence, progress, rules, standing, term, tracker)


def _everywhere(monkeypatch: pytest.MonkeyPatch, name: str, value: object) -> None:
    """Swap ``name`` in every engine module that uses it, since each module holds its own reference."""
    for module in ENGINE:
        if hasattr(module, name):
            monkeypatch.setattr(module, name, value)


def deadlines_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """'By a date' means the end of that day in UTC, not in the reference zone."""
    real = time.end_of_day
    _everywhere(monkeypatch, "end_of_day", lambda day, zone: real(day, "UTC"))


def dates_read_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """A date asked about means the end of that day in UTC, not in the reference zone."""
    real = time.end_of_day
    monkeypatch.setattr(time, "end_of_day", lambda day, zone: real(day, "UTC"))


def input_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Events are taken in the order they were given, not in the order they happened."""
    _everywhere(monkeypatch, "surely_by", lambda items, at: [i for i in items if i.event.occurred.latest <= at])

    def known(self: View, obligation_id: str, roles: tuple[str, ...]) -> list[Linked]:
        given = self.index.links.get(obligation_id, ())
        return [i for i in given if i.link.role in roles and self.knows(i.reported) and self.is_current(i.event)]

    monkeypatch.setattr(View, "_known", known)
    monkeypatch.setattr(Ordered, "__new__", lambda cls, items: tuple.__new__(cls, list(items)))


def cutoff_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linked events are seen whatever the knowledge cut-off."""

    def linked(self: View, obligation_id: str, *roles: str) -> Ordered:
        return Ordered(item for item in self.index.links.get(obligation_id, ()) if item.link.role in roles)

    monkeypatch.setattr(View, "linked", linked)


def original_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Moved deadlines are ignored: fulfilment is judged against the deadline first signed."""
    real = View.amendments
    monkeypatch.setattr(View, "amendments", lambda self, oid: [a for a in real(self, oid) if a.kind != "move-deadline"])


def moves_wipe_fulfilment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Moving a deadline forgets every event from before the move took effect."""
    real = View.linked

    def linked(self: View, obligation_id: str, *roles: str) -> Ordered:
        moves = [a for a in self.amendments(obligation_id) if a.kind == "move-deadline"]
        found = real(self, obligation_id, *roles)
        return Ordered(i for i in found if i.event.occurred.earliest >= moves[-1].in_effect_from) if moves else found

    monkeypatch.setattr(View, "linked", linked)


def any_breach_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any breach reported, even one after an on-time fulfilment, makes a deadline obligation breached."""
    real = rules.EVALUATORS["deadline"]

    def judge(entry: evidence.Entry, effective: dt.datetime, view: View, answer: draft.Draft) -> None:
        real(entry, effective, view, answer)
        broken = [i for i in view.linked(entry.obligation.id, "breaches") if i.event.occurred.latest <= view.at]
        if broken and answer.status is not Status.ENDED:
            answer.done(Status.BREACHED, f"breach reported: {broken[0].event.id}")

    monkeypatch.setitem(rules.EVALUATORS, "deadline", judge)


def wall_clock_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Events are ordered by the clock time they were written with, ignoring the zone.

    The engine sorts and bisects links on the keys of their windows
    (``Window.keys``), read as the tracker files each link, so those keys are
    made from the wall clock here, and the sort key function too, for any
    sort that calls it.
    """

    def wall(value: dt.datetime) -> int:
        return time.micros(value.replace(tzinfo=dt.timezone.utc))

    monkeypatch.setattr(time.Window, "keys", lambda self: (wall(self.earliest), wall(self.latest)))
    _everywhere(
        monkeypatch, "order_of", lambda item: (item.event.occurred.latest.replace(tzinfo=None), item.event.occurred.earliest.replace(tzinfo=None), item.event.id)
    )


def chained_renewals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each renewal is counted from the end of the period before, so anniversaries drift after short months."""

    def term_periods(obligation, start, zone, until):  # type: ignore[no-untyped-def]
        index, begin, end = 0, start, obligation.period.after(start, zone)
        while obligation.renewal is not None and end <= until and index < 10_000:
            index, begin, end = index + 1, end, obligation.renewal.after(end, zone)
        return index, begin, end

    _everywhere(monkeypatch, "term_periods", term_periods)


def windows_lose_their_end(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window is written out as exact when both ends fall on the same calendar date, losing its latest end."""
    monkeypatch.setattr(time.Window, "is_exact", property(lambda self: self.earliest.date() == self.latest.date()))


def dates_as_last_instants(monkeypatch: pytest.MonkeyPatch) -> None:
    """A date asked about is only its last instant, not the whole day."""
    monkeypatch.setattr(tracker, "_day_start", lambda when, zone: None)


def first_version_from_its_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every version, the first included, counts only from its version stamp, so a later correction hides it."""

    def histories(logs, reported, *known):  # type: ignore[no-untyped-def]  # what the tracker already knows (counts, records) is not needed here
        found: dict[str, list[revisions.Revision]] = {}
        for log in logs:
            for event in log.events:
                found.setdefault(event.id, []).append(revisions.Revision(event.id, revisions.version_time(event, reported(event)), "version", "log", event=event))
            for gone in log.deletions:
                found.setdefault(gone.event, []).append(revisions.Revision(gone.event, gone.deleted, "deletion", "log", deletion=gone))
        return {k: tuple(sorted(v, key=lambda r: (r.at, r.kind != "version"))) for k, v in found.items() if len(v) > 1 or any(r.kind == "deletion" for r in v)}

    monkeypatch.setattr(tracker, "revised_histories", histories)


def newest_log_coverage_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the last loaded log's coverage counts: adding a later log hides what the earlier one watched."""
    real = View.spans

    def spans(self: View, obligation_id: str) -> list[evidence.Span]:
        index = self.index
        if len(index.coverage) > 1:
            self = View(attrs.evolve(index, coverage=index.coverage[-1:]), self.at, self.known_on, self.start)
        return real(self, obligation_id)

    monkeypatch.setattr(View, "spans", spans)


VARIANTS: dict[str, tuple[Patch, Sequence[str]]] = {
    "dates asked as their last instant": (dates_as_last_instants, ["whole_days"]),
    "first version counts from its stamp": (first_version_from_its_stamp, ["corrections"]),
    "newest log's coverage only": (newest_log_coverage_only, ["horizons"]),
    "deadlines in UTC": (deadlines_in_utc, ["imprecise_evidence"]),
    "dates read in UTC": (dates_read_in_utc, ["dates_are_days"]),
    "events in input order": (input_order, ["order_independence"]),
    "knowledge cut-off ignored": (cutoff_ignored, ["knowledge_cutoff"]),
    "original deadline kept": (original_deadline, ["imprecise_evidence"]),
    "a move forgets earlier fulfilment": (moves_wipe_fulfilment, ["extension"]),
    "any breach wins": (any_breach_wins, ["persistence"]),
    "events ordered by wall clock": (wall_clock_order, ["zone_invariance"]),
    "renewals counted from the last end": (chained_renewals, ["renewal_arithmetic"]),
    "windows lose their end": (windows_lose_their_end, ["round_trip"]),
}
"""Each broken variant and the laws expected to catch it."""
