"""The engine against a plainly written reference evaluator, on generated agreements and feeds.

The reference (``expected`` below) restates, as directly as we can write
them, the rules docs/concepts.md gives for deadline and standing
obligations asked about at an instant: which record of a revised or deleted
event is current under a knowledge cut-off, which events count, deadlines
moved by amendments, breaches, fulfilment on time or late, and where the
evidence stops watching, with events known only to a window of hours as
well as exact ones. It lives in the tests, never in the package, and
shares no code with the engine. Every instant lies on an hourly grid, so
that events, deadlines, cut-offs and questions often fall on the same
instant, where mistakes hide.

``tests/test_oracle_kinds.py`` holds the other kinds, every amendment kind,
lasting happenings, relative deadlines and whole days to a second reference
(``tests/_oracle.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import ceasefire
from ceasefire import Tracker

START = dt.datetime(2021, 3, 1, tzinfo=dt.timezone.utc)
HOURS = 24
SILENT = {"pending", "in progress", "overdue", "complied", "holding"}


def at(hour: int) -> dt.datetime:
    """The instant ``hour`` hours after the agreement takes effect."""
    return START + dt.timedelta(hours=hour)


@dataclass(frozen=True)
class Record:
    """One record of an event: its id, version stamp (hours, or None), when it happened (from ``occurred`` to ``latest``) and was reported, and its one link."""

    id: str
    version: int | None
    occurred: int
    reported: int
    obligation: str
    role: str
    width: int = 0
    """How many hours the window it is known to runs past ``occurred``; 0 for an exact instant."""

    @property
    def latest(self) -> int:
        """The last hour it can have happened."""
        return self.occurred + self.width

    @property
    def order(self) -> tuple[int, int, str]:
        """Earliest-ending first, then earliest-starting, then by id."""
        return (self.latest, self.occurred, self.id)


@dataclass(frozen=True)
class Case:
    """A generated agreement (deadline obligations due at an hour, standing ones), its moves, and its records and deletions."""

    deadlines: dict[str, int]
    standing: tuple[str, ...]
    moves: tuple[tuple[str, str, int, int], ...]
    records: tuple[Record, ...]
    deletions: tuple[tuple[str, int], ...]


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """Up to three deadline and two standing obligations, up to eight events (some revised, some deleted) and up to two moves."""
    hour = st.integers(0, HOURS)
    deadlines = {f"d{i}": draw(hour) for i in range(draw(st.integers(0, 3)))}
    standing = tuple(f"s{i}" for i in range(draw(st.integers(0 if deadlines else 1, 2))))
    obligations = [*deadlines, *standing]
    moves = tuple(
        (f"m{i}", draw(st.sampled_from(sorted(deadlines))), draw(hour), draw(hour))
        for i in range(draw(st.integers(0, 2)) if deadlines else 0)
    )
    records: list[Record] = []
    deletions: list[tuple[str, int]] = []
    for n in range(draw(st.integers(0, 8))):
        versions = draw(st.lists(st.integers(0, HOURS), min_size=1, max_size=3, unique=True)) if draw(st.booleans()) else [None]
        for stamp in versions:
            target = draw(st.sampled_from(obligations))
            roles = ["fulfils", "advances", "breaches", "context"] if target in deadlines else ["breaches", "breaches", "context"]
            occurred = draw(st.integers(-3, HOURS) | st.sampled_from([*deadlines.values(), 0]))
            width = draw(st.sampled_from([0, 0, 0, 1, 3]))
            reported = occurred + width + draw(st.integers(0, 12))
            records.append(Record(f"e{n}", stamp, occurred, reported, target, draw(st.sampled_from(roles)), width))
        if versions != [None] and draw(st.booleans()):
            deletions.append((f"e{n}", draw(hour)))
    return Case(deadlines, standing, moves, tuple(records), tuple(deletions))


def tracker(case: Case) -> Tracker:
    """The case as files would give it: one agreement, one log watching from the start to 2030."""
    obligations: list[dict[str, Any]] = [
        {"id": o, "kind": "deadline", "bearers": ["A"], "summary": o, "due": {"at": at(h).isoformat()}} for o, h in case.deadlines.items()
    ]
    obligations += [{"id": o, "kind": "standing", "bearers": ["A"], "summary": o} for o in case.standing]
    moves = [
        {"id": m, "kind": "move-deadline", "obligation": o, "summary": m, "agreed": at(when).isoformat(), "announced": at(when).isoformat(),
         "due": {"at": at(new).isoformat()}, "sources": [{"source": "s"}]}
        for m, o, when, new in case.moves
    ]
    agreement = ceasefire.parse_agreement({
        "id": "t", "title": "t", "zone": "UTC", "announced": "2021-03-01", "effective": START.isoformat(),
        "parties": [{"id": "A", "name": "A", "roles": ["party"]}],
        "sources": [{"id": "s", "title": "a source", "published": START.isoformat()}],
        "points": [{"number": 1, "summary": "p", "obligations": obligations}], "amendments": moves,
    })
    events = [
        {"id": r.id, "kind": "report", "summary": r.id, "reported": at(r.reported).isoformat(),
         "occurred": at(r.occurred).isoformat() if not r.width else {"earliest": at(r.occurred).isoformat(), "latest": at(r.latest).isoformat()},
         "links": [{"obligation": r.obligation, "role": r.role}], "sources": [{"source": "s"}],
         **({"version": at(r.version).isoformat()} if r.version is not None else {})}
        for r in case.records
    ]
    deletions = [{"event": e, "deleted": at(h).isoformat()} for e, h in case.deletions]
    log = ceasefire.parse_events({"zone": "UTC", "covers": {"from": "2021-03-01", "to": "2030-12-31"}, "events": events, "deletions": deletions})
    return Tracker(agreement, log)


def current(case: Case, record: Record, cutoff: int | None) -> bool:
    """Whether ``record`` is the current record of its event under the cut-off (the newest entry by then, a deletion winning a tie)."""
    mine = [r for r in case.records if r.id == record.id]
    gone = [h for e, h in case.deletions if e == record.id]
    if len(mine) == 1 and not gone:
        return True
    history = [(r.version if r.version is not None else r.reported, 0, r) for r in mine] + [(h, 1, None) for h in gone]
    history.sort(key=lambda item: (item[0], item[1]))
    first = next(n for n, item in enumerate(history) if item[1] == 0)
    first_record = history[first][2]
    assert first_record is not None
    if first_record.reported < history[first][0]:  # the first version counts from its own report
        history[first] = (first_record.reported, 0, first_record)
        history.sort(key=lambda item: (item[0], item[1]))
    newest = None
    for when, _, which in history:
        if cutoff is not None and when > cutoff:
            break
        newest = which
    return newest is record


def known(case: Case, obligation: str, role: str, cutoff: int | None) -> list[Record]:
    """Records in ``role`` for ``obligation`` that were reported by the cut-off, are current then, and count (not over before the start), in order."""
    return sorted(
        (r for r in case.records if r.obligation == obligation and r.role == role and (cutoff is None or r.reported <= cutoff) and current(case, r, cutoff) and r.latest >= 0),
        key=lambda r: r.order,
    )


def seen(case: Case, obligation: str, role: str, t: int, cutoff: int | None) -> list[Record]:
    """The :func:`known` records that surely happened by ``t`` (their window closed by then), in order."""
    return [r for r in known(case, obligation, role, cutoff) if r.latest <= t]


def expected(case: Case, obligation: str, t: int, cutoff: int | None) -> str:
    """The reference answer for ``obligation`` at hour ``t`` as known at hour ``cutoff``."""
    if obligation in case.deadlines:
        deadline = case.deadlines[obligation]
        applied = sorted((when, when, m, new) for m, o, when, new in case.moves if o == obligation and when <= t and (cutoff is None or when <= cutoff))
        if applied:
            deadline = applied[-1][3]
        done = seen(case, obligation, "fulfils", t, cutoff)
        maybe = [r for r in known(case, obligation, "fulfils", cutoff) if r.occurred <= t < r.latest]
        broken = seen(case, obligation, "breaches", t, cutoff)
        if broken and (not done or broken[0].latest < done[0].occurred):
            status = "breached"
        elif done:
            if any(r.latest <= deadline for r in done):
                status = "fulfilled"
            elif all(r.occurred > deadline for r in done):
                status = "fulfilled late"
            else:
                status = "uncertain"
        elif t > deadline:
            status = "uncertain" if any(r.occurred <= deadline for r in maybe) else "overdue"
        else:
            status = "in progress" if seen(case, obligation, "advances", t, cutoff) else "pending"
    else:
        reaching = [r for r in known(case, obligation, "breaches", cutoff) if r.occurred <= t <= r.latest]
        if any(r.width == 0 for r in reaching):
            status = "breached"
        elif reaching:
            status = "uncertain"
        else:
            status = "holding" if seen(case, obligation, "breaches", t, cutoff) else "complied"
    watched = cutoff is None or t <= cutoff
    return status if watched or status not in SILENT else "unmonitored"


def landmarks(case: Case) -> list[int]:
    """Every hour the case names (events, reports, versions, deletions, deadlines, moves) and the hours either side."""
    named = {h for r in case.records for h in (r.occurred, r.latest, r.reported, r.version) if h is not None}
    named |= {h for _, h in case.deletions} | set(case.deadlines.values()) | {h for m in case.moves for h in m[2:]}
    return sorted({max(0, h + d) for h in named | {0} for d in (-1, 0, 1)})


@settings(max_examples=max(200, settings().max_examples))
@given(cases(), st.data())
def test_engine_equals_the_reference(case: Case, data: st.DataObject) -> None:
    """For every obligation and question (an instant, and a cut-off or none), the engine says what the reference says.

    Questions and cut-offs are drawn mostly at the hours the case names and
    next to them, where an off-by-one in the rules would show.
    """
    engine = tracker(case)
    hours = st.sampled_from(landmarks(case)) | st.integers(0, HOURS + 6)
    for t, cutoff in data.draw(st.lists(st.tuples(hours, st.none() | hours), min_size=1, max_size=8), label="questions"):
        known_on = None if cutoff is None else at(cutoff)
        for obligation in [*case.deadlines, *case.standing]:
            got = engine.obligation_on(obligation, at(t), known_on=known_on).status.value
            assert got == expected(case, obligation, t, cutoff), (obligation, t, cutoff)
