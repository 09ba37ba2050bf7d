"""Property tests: the bulk path answers exactly as the per-event Tracker does."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

pytest.importorskip("numpy")
pytest.importorskip("polars")

from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from ceasefire import Day, InvalidInputError
from ceasefire.bulk import EventColumns, build_index, from_tracker, instant, micros, partition, plain, to_tracker
from ceasefire.bulk import codes
from ceasefire.model import TermObligation

BASE = 1_735_689_600_000_000  # 2025-01-01T00:00:00Z in microseconds
SPAN = 60  # a small range of microseconds, so that ties and deadline edges are common
SECOND = 1_000_000

offsets = st.integers(min_value=0, max_value=SPAN) | st.sampled_from([10, 11, 30])  # a few busy instants make ties common
kinds = st.sampled_from([codes.ADVANCES] * 3 + [codes.MOVE_DEADLINE] * 3 + [codes.FULFILS, codes.BREACHES] * 2 + [codes.NOTICE] * 2)
widths = st.just(0) | st.integers(1, 25) | st.sampled_from([1, 40, 60])
"""How many microseconds an event's window spans past its first instant: 0 (an exact instant) about half the time."""
moments = offsets | st.tuples(st.integers(1, 4), st.integers(-2, SPAN + 2)).map(lambda p: p[0] * SECOND + p[1])
"""Offsets from BASE to ask about: among the rows' few dozen microseconds, or as many past the whole seconds where the drawn terms' periods end."""


def obligation_kinds(draw: st.DrawFn, m: int) -> list[int] | None:
    """Kind codes for ``m`` obligations: all deadline obligations (None) a third of the time, else a mix of every kind."""
    if draw(st.integers(0, 2)) == 0:
        return None
    return draw(st.lists(st.sampled_from(codes.OBLIGATION_KINDS).map(codes.OBLIGATION_KINDS.index), min_size=m, max_size=m))


def terms_of(draw: st.DrawFn, kinds_of: list[int] | None) -> dict[int, TermObligation]:
    """A calendar for each term obligation: a start among the rows' microseconds, and periods, renewals and notice of a few seconds.

    The rows fall within the first second, so a notice is given in the
    first period; with a notice of a second and a period of a second it
    comes too late for that period's end, and (if it renews) ends the next.
    """
    found = {}
    for code, kind in enumerate(kinds_of or []):
        if kind == codes.TERM:
            found[code] = TermObligation(
                id=f"ob-{code}", bearers=["bearer"], summary="term", effective=instant(BASE + draw(offsets)),
                period=draw(st.sampled_from(["PT1S", "PT2S", "PT3S", "P1D"])), renewal=draw(st.sampled_from([None, "PT1S", "PT2S"])),
                notice=draw(st.sampled_from([None, "PT0S", "PT1S"])),
            )
    return found


def fitted(kind: int, obligation: int, kinds_of: list[int] | None) -> int:
    """``kind``, unless the obligation cannot bear it: a deadline move of an obligation with no deadline becomes a breach, notice to anything but a term progress.

    Progress reports about a term become notice, so that most terms get notice (and some a second one).
    """
    own = codes.DEADLINE if kinds_of is None else kinds_of[obligation]
    if kind == codes.ADVANCES and own == codes.TERM:
        return codes.NOTICE
    if kind == codes.MOVE_DEADLINE and own != codes.DEADLINE:
        return codes.BREACHES
    if kind == codes.NOTICE and own != codes.TERM:
        return codes.ADVANCES
    return kind


@st.composite
def stores(draw: st.DrawFn) -> EventColumns:
    """Small stores: up to 4 obligations of any kind, up to 16 events, instants packed into a few dozen microseconds.

    A notice may fall a few whole seconds later, so that two notices to one
    term can fall in different periods, or one in time and one too late.
    """
    m = draw(st.integers(min_value=1, max_value=4))
    kinds_of = obligation_kinds(draw, m)
    drawn = draw(st.lists(st.tuples(st.integers(0, m - 1), offsets, kinds, offsets, st.integers(0, 20), st.integers(0, 3), widths), max_size=16))
    rows = []
    for o, a, k, n, lag, later, width in drawn:
        kind = fitted(k, o, kinds_of)
        rows.append((o, a + (later * SECOND if kind == codes.NOTICE else 0), kind, n, lag, 0 if kind == codes.MOVE_DEADLINE else width))
    deadlines = draw(st.lists(offsets, min_size=m, max_size=m))
    windowed = any(r[5] for r in rows)
    return EventColumns.from_arrays(
        [f"ob-{i}" for i in range(m)],
        [BASE + d for d in deadlines],
        [r[0] for r in rows],
        [BASE + r[1] for r in rows],
        [r[2] for r in rows],
        [BASE + r[3] if r[2] == codes.MOVE_DEADLINE else 0 for r in rows],
        [BASE + r[1] + r[4] for r in rows],
        obligation_kind=kinds_of,
        terms=terms_of(draw, kinds_of),
        latest=[BASE + r[1] + r[5] for r in rows] if windowed else None,
    )


@st.composite
def revised_stores(draw: st.DrawFn) -> EventColumns:
    """Small stores of revised events: each event has one to three versions, each linking some obligations (or none), and may be deleted.

    Plain rows (no event id) and deadline moves are mixed in. Version
    stamps, reports and deletions fall among a few dozen microseconds, so a
    version published after the cut-off but reported before it, a deletion
    at the same instant as a version, and a re-publication after a deletion
    all come up.
    """
    m = draw(st.integers(min_value=1, max_value=3))
    kinds_of = obligation_kinds(draw, m)
    roles = st.sampled_from([codes.ADVANCES, codes.FULFILS, codes.BREACHES, codes.CONTEXT, codes.NOTICE])
    rows: list[tuple[int, int, int, int, int, int, int, int]] = []  # obligation, at, kind, new deadline, reported, event, version, latest
    for code in range(draw(st.integers(min_value=0, max_value=4))):
        stamps = draw(st.lists(offsets, min_size=1, max_size=3, unique=True))
        for stamp in stamps:  # each version has a window of its own: a revision may narrow, widen or move it
            at, reported, width = draw(offsets), draw(offsets), draw(widths)
            links = draw(st.dictionaries(st.integers(0, m - 1), roles, max_size=m))
            for obligation, role in (links or {0: codes.CONTEXT}).items():
                rows.append((obligation, BASE + at, fitted(role, obligation, kinds_of), 0, BASE + reported, code, BASE + stamp, BASE + at + width))
        for gone in draw(st.lists(offsets, max_size=2, unique=True)):
            rows.append((draw(st.integers(0, m - 1)), BASE + gone, codes.DELETION, 0, BASE + gone, code, BASE + gone, BASE + gone))
    for obligation, at, kind, new, lag, width in draw(st.lists(st.tuples(st.integers(0, m - 1), offsets, kinds, offsets, st.integers(0, 20), widths), max_size=6)):
        kind = fitted(kind, obligation, kinds_of)
        moved = kind == codes.MOVE_DEADLINE
        rows.append((obligation, BASE + at, kind, BASE + new if moved else 0, BASE + at + lag, -1, BASE + at + lag, BASE + at + (0 if moved else width)))
    rows = draw(st.permutations(rows))
    deadlines = draw(st.lists(offsets, min_size=m, max_size=m))
    columns = list(zip(*rows)) if rows else [[]] * 8
    windowed = any(r[7] != r[1] for r in rows)
    return EventColumns.from_arrays(
        [f"ob-{i}" for i in range(m)], [BASE + d for d in deadlines], *columns[:5], event=columns[5], version=columns[6], obligation_kind=kinds_of,
        terms=terms_of(draw, kinds_of), latest=columns[7] if windowed else None,
    )


@st.composite
def straddled_stores(draw: st.DrawFn) -> EventColumns:
    """Deadline obligations (and a standing one) whose fulfilments are mostly known to windows around the deadline.

    Every deadline is at offset 30; each fulfilment's window opens from 20
    before to 10 after it and spans up to 40, so fulfilments that surely
    came late, that straddle the deadline, and that were surely on time all
    come up in one store, in every order of their closes; breaches,
    progress reports and deadline moves are mixed in.
    """
    m = draw(st.integers(min_value=2, max_value=3))
    kinds_of = None if draw(st.booleans()) else [codes.DEADLINE] * (m - 1) + [codes.STANDING]
    rows = []
    for o, k, opens, width, lag, new in draw(st.lists(st.tuples(
        st.integers(0, m - 1), st.sampled_from([codes.FULFILS] * 4 + [codes.BREACHES, codes.ADVANCES, codes.MOVE_DEADLINE]),
        st.integers(10, 40), st.integers(0, 40), st.integers(0, 50), st.integers(20, 40),
    ), min_size=1, max_size=12)):
        kind = fitted(k, o, kinds_of)
        width = 0 if kind == codes.MOVE_DEADLINE else width
        rows.append((o, BASE + opens, kind, BASE + new if kind == codes.MOVE_DEADLINE else 0, BASE + opens + lag, BASE + opens + width))
    columns = list(zip(*rows))
    return EventColumns.from_arrays([f"ob-{i}" for i in range(m)], [BASE + 30] * m, *columns[:5], obligation_kind=kinds_of, latest=columns[5])


slow = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@slow
@given(stores() | revised_stores() | straddled_stores(), st.lists(moments, min_size=1, max_size=8), st.none() | st.integers(0, SPAN + 20) | moments, st.none() | st.integers(0, SPAN + 20))
def test_bulk_status_equals_tracker_status(store: EventColumns, asked: list[int], cutoff: int | None, watched: int | None) -> None:
    """At every instant, whole day, knowledge cut-off and end of watching, each obligation's bulk status is the Tracker's status: every kind, revisions and deletions included."""
    store = attrs.evolve(store, effective=BASE, watched_until=None if watched is None else BASE + watched)
    tracker = to_tracker(store)
    known_on = None if cutoff is None else BASE + cutoff
    full = build_index(store, known_on=known_on)
    brief = build_index(store, known_on=known_on, full=False)
    days: list[dt.date | Day | str] = [dt.date(2025, 1, 1), Day(dt.date(2025, 1, 1), "America/Caracas"), "2025-01-01[Asia/Tokyo]"]  # the feed's day; one that starts after the feed; one that starts before it
    rows = sorted(set(store.at.tolist()))[:12]  # every instant a row happened at (the first dozen): where a status may change
    ends = sorted({t + d for t in (store.latest if store.latest is not None else store.at).tolist() for d in (-1, 0, 1)})[:24]  # each window's close, either side
    for when in [BASE + offset for offset in asked] + rows + ends + days:
        report = tracker.status_on(instant(when) if isinstance(when, int) else when, known_on=None if known_on is None else instant(known_on))
        expected = {o.obligation_id: str(o.status) for o in report.obligations}
        assert full.status_at(when) == expected, when
        assert brief.status_at(when) == {k: plain(v) for k, v in expected.items()}


@st.composite
def term_stores(draw: st.DrawFn) -> EventColumns:
    """Stores of one to three terms with several notices each, a few seconds apart, and a breach or two (which changes nothing).

    Periods, renewals and notice are a second or two, so the notices fall
    in different periods, some in time for their period's end and some too
    late; every third notice is reported a second late, so a cut-off hides it.
    """
    m = draw(st.integers(min_value=1, max_value=3))
    kinds_of = [codes.TERM] * m
    rows = []
    for o, second, offset, kind, late in draw(st.lists(st.tuples(st.integers(0, m - 1), st.integers(0, 4), offsets, st.sampled_from([codes.NOTICE] * 4 + [codes.BREACHES]), st.booleans()), min_size=1, max_size=8)):
        at = BASE + second * SECOND + offset
        rows.append((o, at, kind, 0, at + (SECOND if late else 0)))
    columns = list(zip(*rows))
    return EventColumns.from_arrays([f"ob-{i}" for i in range(m)], [codes.NEVER] * m, *columns, obligation_kind=kinds_of, terms=terms_of(draw, kinds_of))


@slow
@given(term_stores(), st.lists(moments, min_size=1, max_size=8), st.none() | moments)
def test_terms_answer_as_the_tracker(store: EventColumns, asked: list[int], cutoff: int | None) -> None:
    """Terms with several notices: at random instants, at each row's instant, around each change and each whole second a period may end at, and under a cut-off, the bulk status is the Tracker's."""
    store = attrs.evolve(store, effective=BASE)
    tracker = to_tracker(store)
    known_on = None if cutoff is None else BASE + cutoff
    index = build_index(store, known_on=known_on)
    changes = [t + d for t in index.timeline().at.tolist() for d in (-1, 0)]
    whole = [micros(t.effective) + k * SECOND + d for t in store.terms.values() if t.effective is not None for k in range(1, 7) for d in (-1, 0)]  # where periods may end
    for when in sorted({BASE + offset for offset in asked} | set(store.at.tolist()) | set(changes) | set(whole)):
        report = tracker.status_on(instant(when), known_on=None if known_on is None else instant(known_on))
        assert index.status_at(when) == {o.obligation_id: str(o.status) for o in report.obligations}, when


@slow
@given(stores() | revised_stores() | straddled_stores())
def test_timeline_changes_match_tracker(store: EventColumns) -> None:
    """Just before and at each change in the timeline, the Tracker gives the old and the new status."""
    tracker = to_tracker(store, effective=BASE)
    index = build_index(store)
    for name, at, label in index.timeline().rows(store.obligation_ids):
        assert str(tracker.obligation_on(name, instant(at)).status) == label
        if at > BASE:
            assert str(tracker.obligation_on(name, instant(at - 1)).status) != label


@slow
@given(stores() | revised_stores() | straddled_stores())
def test_round_trip_through_tracker_keeps_every_answer(store: EventColumns) -> None:
    """A store written as a Tracker and read back has the same timeline."""
    again = from_tracker(to_tracker(store, effective=BASE))
    assert again.obligation_ids == store.obligation_ids
    assert build_index(again).timeline().rows(again.obligation_ids) == build_index(store).timeline().rows(store.obligation_ids)


@given(stores() | revised_stores(), st.integers(min_value=1, max_value=5), st.none() | st.integers(0, SPAN + 20))
def test_partitions_give_the_same_timeline(store: EventColumns, parts: int, cutoff: int | None) -> None:
    """Indexing each partition of obligations apart and joining the timelines gives the whole timeline, at any cut-off."""
    known_on = None if cutoff is None else BASE + cutoff
    whole = build_index(store, known_on=known_on).timeline().rows(store.obligation_ids)
    joined = []
    for _, part in partition(store, parts):
        joined += build_index(part, known_on=known_on).timeline().rows(part.obligation_ids)
    assert joined == whole


zones = st.sampled_from(["UTC", "Asia/Baku", "Europe/Moscow", "America/Caracas", "Asia/Kathmandu"])


@slow
@given(stores(), zones, st.sampled_from(["ndjson", "csv"]))
def test_files_read_back_to_the_same_columns(store: EventColumns, zone: str, fmt: str) -> None:
    """A store written as ISO 8601 strings in any zone, to NDJSON or CSV, reads back to the same columns, obligation kinds and term calendars."""
    import json
    import tempfile
    from pathlib import Path

    from ceasefire.bulk import read_events, read_obligations

    def text(value: int) -> str:
        return instant(value, zone).isoformat()

    rows = [
        {
            "obligation": store.obligation_ids[o], "at": text(a), "kind": codes.KINDS[k], "reported": text(r),
            "new_deadline": text(n) if k == codes.MOVE_DEADLINE else None,
        }
        for o, a, k, n, r in zip(store.obligation.tolist(), store.at.tolist(), store.kind.tolist(), store.new_deadline.tolist(), store.reported.tolist())
    ]
    with tempfile.TemporaryDirectory() as folder:
        ob_path, ev_path = Path(folder) / f"obligations.{fmt}", Path(folder) / f"events.{fmt}"
        deadlines = [
            {"obligation": i, "kind": codes.OBLIGATION_KINDS[k], "deadline": text(d) if k == codes.DEADLINE else None, **calendar(store, code, text)}
            for code, (i, d, k) in enumerate(zip(store.obligation_ids, store.deadline.tolist(), (store.obligation_kind if store.obligation_kind is not None else [codes.DEADLINE] * store.obligation_count)))
        ]
        for path, records, fields in ((ob_path, deadlines, ["obligation", "kind", "deadline", "start", "period", "renewal", "notice"]), (ev_path, rows, ["obligation", "at", "kind", "reported", "new_deadline"])):
            if fmt == "ndjson":
                path.write_text("".join(json.dumps(r) + "\n" for r in records))
            else:
                path.write_text(",".join(fields) + "\n" + "".join(",".join(r.get(f) or "" for f in fields) + "\n" for r in records))
        again = read_events(ev_path, read_obligations(ob_path, zone=zone))
    assert again.obligation_ids == store.obligation_ids
    for kind in range(len(codes.OBLIGATION_KINDS)):
        assert again.of_kind(kind).tolist() == store.of_kind(kind).tolist()
    dated = store.of_kind(codes.DEADLINE)
    assert again.deadline[dated].tolist() == store.deadline[dated].tolist()
    assert {c: (micros(t.effective), t.period, t.renewal, t.notice) for c, t in again.terms.items()} == {  # type: ignore[arg-type]
        c: (micros(t.effective), t.period, t.renewal, t.notice) for c, t in store.terms.items()  # type: ignore[arg-type]
    }
    assert all(t.effective is not None and t.effective.utcoffset() == instant(micros(t.effective), zone).utcoffset() for t in again.terms.values())
    for name in ("obligation", "at", "kind", "new_deadline", "reported"):
        assert getattr(again, name).tolist() == getattr(store, name).tolist(), name


def calendar(store: EventColumns, code: int, text: object) -> dict[str, str | None]:
    """The calendar fields of obligation ``code`` as a file writes them (none for a kind other than a term)."""
    term = store.terms.get(code)
    if term is None:
        return {}
    assert term.effective is not None and callable(text)
    return {"start": text(micros(term.effective)), "period": str(term.period), "renewal": term.renewal and str(term.renewal), "notice": term.notice and str(term.notice)}


@st.composite
def watched_trackers(draw: st.DrawFn, kinds: tuple[str, ...], amendment_kinds: tuple[str, ...]) -> object:
    """Trackers over generated agreements and logs (see ceasefire.testing.strategies) whose log declares it watches everything throughout.

    With full coverage, a refusal by ``from_tracker`` can only come from a
    feature of the obligations, events or amendments.
    """
    from ceasefire import Tracker
    from ceasefire.model import Coverage
    from ceasefire.testing.strategies import agreements_with_logs

    agreement, log = draw(agreements_with_logs(kinds=kinds, amendment_kinds=amendment_kinds, max_obligations=3, max_events=6))
    everything = Coverage.model_validate({"from": agreement.effective, "to": "8998-12-31T00:00:00+00:00"})
    try:
        return Tracker(agreement, log.model_copy(update={"covers": [everything]}))
    except InvalidInputError:  # the strategy can draw obligations that wait on each other in a circle, which the Tracker refuses
        assume(False)
        raise


def _refused_or_agrees(tracker: object, asked: list[int]) -> bool:
    """True when from_tracker refused with a typed error naming what it refused, else checks every answer equals the Tracker's; returns whether it refused."""
    from ceasefire import Tracker
    from ceasefire.errors import BulkUnsupportedError
    from ceasefire.testing.strategies import landmarks_of

    assert isinstance(tracker, Tracker)
    try:
        store = from_tracker(tracker)
    except BulkUnsupportedError as error:
        assert "use the Tracker" in str(error) and any(word in str(error) for word in ("obligation ", "event ", "amendment "))
        event(f"refused: {error.problems[0].received.split(',')[0]}")
        return True
    event("answered")
    index = build_index(store)
    marks = landmarks_of(tracker.agreement, *tracker.logs)
    for i in asked:
        when = marks[i % len(marks)]
        report = tracker.status_on(when)
        assert index.status_at(when) == {o.obligation_id: str(o.status) for o in report.obligations}
    return False


@slow
@given(watched_trackers(("deadline",), ("move-deadline",)), st.lists(st.integers(0, 50), min_size=1, max_size=4))
def test_from_tracker_refuses_or_agrees_on_deadline_agreements(tracker: object, asked: list[int]) -> None:
    """For generated deadline agreements, from_tracker either refuses with a typed error naming the id, or answers as the Tracker does."""
    _refused_or_agrees(tracker, asked)


@slow
@given(watched_trackers(("deadline", "standing", "progress", "term"), ("move-deadline", "suspend", "resume", "end", "supplement")), st.lists(st.integers(0, 50), min_size=1, max_size=2))
def test_from_tracker_refuses_or_agrees_on_any_agreement(tracker: object, asked: list[int]) -> None:
    """For generated agreements of every kind, from_tracker refuses up front or answers exactly as the Tracker does: never silently differs."""
    from ceasefire import Tracker

    assert isinstance(tracker, Tracker)
    refused = _refused_or_agrees(tracker, asked)
    if not refused:
        for kind in sorted({entry.obligation.kind for entry in tracker.index.entries.values()}):
            event(f"answered with a {kind} obligation")


@slow
@given(stores() | revised_stores(), st.none() | st.integers(0, SPAN), st.none() | st.integers(0, SPAN + 20))
def test_timeline_of_follows_status_at(store: EventColumns, start: int | None, cutoff: int | None) -> None:
    """Each pair of ``timeline_of`` is the status from that instant on, with the store's effective instant and the cut-off's 'unmonitored' applied."""
    if start is not None:
        store = attrs.evolve(store, effective=BASE + start)
    index = build_index(store, known_on=None if cutoff is None else BASE + cutoff)
    for name in store.obligation_ids:
        pairs = [(micros(when, store.zone), label) for when, label in index.timeline_of(name)]
        if start is not None:
            assert pairs and pairs[0][0] == BASE + start
            assert index.status_at(BASE + start - 1)[name] == "not yet in force"
        for n, (at, label) in enumerate(pairs):
            assert index.status_at(at)[name] == label
            if n:
                assert index.status_at(at - 1)[name] == pairs[n - 1][1] != label
        if pairs:
            assert index.status_at(pairs[-1][0] + 10 * SPAN)[name] == pairs[-1][1]


HOUR = 3_600 * SECOND
DAY = 24 * HOUR
FIRST_DAY = dt.date(2025, 1, 1)
shapes = st.sampled_from(["day", "day", "week", "instant", "instant", "window"])
"""How an event of a dated feed is known: a whole day in the feed's zone (an ACLED row), a week (an ACLED week), an instant, or any window."""


@st.composite
def dated_stores(draw: st.DrawFn) -> EventColumns:
    """Stores of every kind whose events are dated as real feeds date them, in one of several zones, over about a week.

    Deadlines fall at a day's end, at its start or in its middle, so a
    day-dated fulfilment on the deadline's own day straddles it or not; a
    week-long breach or fulfilment straddles several deadlines and days;
    reports come from an hour to a few days after an event's window opens,
    sometimes before it closes. The obligations bind from the first day's
    start, and some events fall the day before: over before then (set aside,
    as the Tracker sets them aside) or, as a week or a window, reaching past it (counted).
    """
    from ceasefire.time import end_of_day, start_of_day

    zone = draw(zones)

    def day_start(k: int) -> int:
        return micros(start_of_day(FIRST_DAY + dt.timedelta(days=k), zone))

    def day_end(k: int) -> int:
        return micros(end_of_day(FIRST_DAY + dt.timedelta(days=k), zone))

    m = draw(st.integers(min_value=1, max_value=4))
    kinds_of = obligation_kinds(draw, m)
    rows = []
    for o, k, day, shape, hour, width, lag, new in draw(st.lists(st.tuples(
        st.integers(0, m - 1), kinds, st.integers(-1, 6), shapes, st.integers(0, 23), st.integers(1, 3 * DAY), st.integers(0, 96), st.integers(0, 7),
    ), max_size=12)):
        kind = fitted(k, o, kinds_of)
        if kind == codes.MOVE_DEADLINE or shape == "instant":
            opens = closes = day_start(day) + hour * HOUR
        elif shape == "day":
            opens, closes = day_start(day), day_end(day)
        elif shape == "week":
            opens, closes = day_start(day), day_end(day + 6)
        else:
            opens = day_start(day) + hour * HOUR
            closes = opens + width
        new_deadline = day_end(new) if kind == codes.MOVE_DEADLINE else 0
        rows.append((o, opens, kind, new_deadline, opens + lag * HOUR, closes))
    deadlines = [draw(st.sampled_from([day_end(k), day_start(k), day_start(k) + 12 * HOUR])) for k in draw(st.lists(st.integers(0, 6), min_size=m, max_size=m))]
    terms = {}
    for code, kind in enumerate(kinds_of or []):
        if kind == codes.TERM:
            terms[code] = TermObligation(
                id=f"ob-{code}", bearers=["bearer"], summary="term", effective=instant(day_start(draw(st.integers(0, 2))), zone),
                period=draw(st.sampled_from(["P1D", "P2D", "P1W"])), renewal=draw(st.sampled_from([None, "P1D", "P2D"])), notice=draw(st.sampled_from([None, "P0D", "P1D"])),
            )
    columns = list(zip(*rows)) if rows else [[]] * 6
    return EventColumns.from_arrays(
        [f"ob-{i}" for i in range(m)], deadlines, *columns[:5], zone=zone, obligation_kind=kinds_of, terms=terms, latest=columns[5],
        effective=day_start(0),
    )


@slow
@given(dated_stores(), st.lists(st.integers(0, 8 * DAY), max_size=4), st.none() | st.integers(0, 10 * DAY), st.none() | st.integers(0, 10 * DAY), st.lists(zones, min_size=1, max_size=3))
def test_dated_feeds_answer_as_the_tracker(store: EventColumns, asked: list[int], cutoff: int | None, watched: int | None, day_zones: list[str]) -> None:
    """Events known to a day, a week or a window, in the feed's zone: the bulk status is the Tracker's, in both vocabularies.

    Asked at every window's ends and a microsecond either side, at every
    deadline, and on whole days in several zones; under a cut-off (which may
    fall inside a window) and an end of watching.
    """
    assert store.effective is not None
    start = store.effective
    store = attrs.evolve(store, watched_until=None if watched is None else start + watched)
    tracker = to_tracker(store)
    known_on = None if cutoff is None else start + cutoff
    full = build_index(store, known_on=known_on)
    brief = build_index(store, known_on=known_on, full=False)
    assert store.latest is not None
    edges = {t + d for t in (*store.at.tolist(), *store.latest.tolist(), *store.deadline[store.deadline < codes.NEVER].tolist()) for d in (-1, 0, 1)}
    instants: list[int | Day] = sorted(t for t in edges | {start + a for a in asked} if t >= start)
    days = [Day(FIRST_DAY + dt.timedelta(days=k), zone) for zone in day_zones for k in range(1, 9)]
    for when in instants + days:
        asked_at = instant(when, store.zone) if isinstance(when, int) else when
        report = tracker.status_on(asked_at, known_on=None if known_on is None else instant(known_on))
        expected = {o.obligation_id: str(o.status) for o in report.obligations}
        assert full.status_at(when) == expected, when
        assert brief.status_at(when) == {k: plain(v) for k, v in expected.items()}, when
    again = from_tracker(tracker)  # and back: the windows survive the round trip
    assert build_index(again, known_on=known_on).timeline().rows(again.obligation_ids) == full.timeline().rows(store.obligation_ids)
