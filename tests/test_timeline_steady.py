"""A timeline skips the rules only where they cannot move: one busy obligation, many events, checked against status_on.

A timeline does not run the rules again at an event its last run declared
steady (a second completion, a progress report once progress is known, a
report of compliance with a standing obligation), nor, for a standing
obligation, at a single breach timed exactly to an instant (breached there,
as before it just after). These tests give one obligation of each kind many
reports of every role, including windows that straddle the deadline,
breaches by exempted actors, lasting happenings, figures that go down as
well as up and a knowledge cut-off, and ask ``status_on`` at every edge of
the timeline, at every end of every window and one microsecond either side.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire import Tracker
from ceasefire.engine.timeline import Timeline
from ceasefire.loading import parse_agreement, parse_events
from ceasefire.results import Status

BASE = dt.datetime(2024, 3, 1, tzinfo=dt.timezone.utc)
TICK = dt.timedelta(microseconds=1)


def _iso(hours: float) -> str:
    return (BASE + dt.timedelta(hours=hours)).isoformat()


def _tracker(obligation: dict, events: list[dict], amendments: list[dict] | None = None, watched: int = 24 * 200) -> Tracker:
    """A tracker over one obligation and its events, from a log that watches from thirty days before the base to ``watched`` hours after it."""
    agreement = parse_agreement({
        "id": "steady", "title": "One busy obligation", "zone": "Asia/Baku", "announced": BASE.isoformat(), "effective": BASE.isoformat(),
        "parties": [{"id": "A", "name": "Party A", "roles": ["party"]}], "sources": [{"id": "text", "title": "The text"}],
        "points": [{"number": 1, "summary": "everything", "obligations": [obligation]}], "amendments": amendments or [],
    })
    log = parse_events({"zone": "UTC", "covers": [{"start": _iso(-24 * 30), "end": _iso(watched)}],
                        "sources": [{"id": "wire", "title": "Wire", "published": _iso(-24 * 30)}], "events": events})
    return Tracker(agreement, log)


def _moments(tracker: Tracker, line: Timeline) -> list[dt.datetime]:
    """Every interval edge, every end and the middle of every event window (and of every ``until``), each one microsecond either side, inside the range."""
    found: set[dt.datetime] = set()
    for interval in line.intervals:
        found |= {interval.start, interval.end}
    for event in tracker.events:
        for window in (event.occurred, event.until):
            if window is not None:
                low, high = window.earliest, window.latest
                found |= {low, high, low + (high - low) / 2}
    near = {t + d for t in found for d in (-TICK, dt.timedelta(0), TICK)}
    return sorted(t for t in near if line.start <= t <= line.end)


def _agrees(tracker: Tracker, line: Timeline) -> None:
    for when in _moments(tracker, line):
        item = tracker.obligation_on("o", when, known_on=line.known_on)
        interval = next(i for i in line.for_obligation("o") if i.contains(when))
        assert (interval.status, interval.deadline) == (item.status, item.deadline), when.isoformat()


@st.composite
def _window(draw: st.DrawFn, around: int | None = None) -> object:
    """An exact instant or a window; with ``around`` (hours from the base), mostly within a few days of it, where a deadline falls."""
    if around is not None and draw(st.booleans()):
        hours = around + draw(st.integers(min_value=-24 * 4, max_value=24 * 4))
    else:
        hours = draw(st.integers(min_value=-24, max_value=24 * 45))
    if draw(st.booleans()):
        return _iso(hours)
    return {"earliest": _iso(hours), "latest": _iso(hours + draw(st.integers(min_value=1, max_value=24 * 10)))}


def _pause(number: int, kind: str, hours: int) -> dict:
    """A suspension or resumption of the obligation, agreed at ``hours`` from the base."""
    return {"id": f"a{number}", "kind": kind, "summary": f"{kind} it", "obligation": "o", "sources": [{"source": "text"}], "agreed": _iso(hours), "announced": _iso(hours)}


@st.composite
def _busy(draw: st.DrawFn) -> tuple[dict, list[dict], dt.date | None, list[dict], int]:
    """One obligation of a drawn kind and up to a dozen events bearing on it."""
    kind = draw(st.sampled_from(("deadline", "progress", "standing", "term")))
    obligation: dict = {"id": "o", "kind": kind, "bearers": ["A"], "summary": "the obligation"}
    around = None
    if kind == "deadline":
        days = draw(st.integers(min_value=10, max_value=30))
        obligation["due"] = {"by": (BASE + dt.timedelta(days=days)).date().isoformat()}
        around = 24 * days + 20  # the end of that day in Baku, in hours from the base
    elif kind == "progress":
        obligation["kept"] = draw(st.booleans())
        if draw(st.booleans()):
            obligation["targets"] = [{"name": "troops", "value": 100}]
    elif kind == "term":
        obligation |= {"period": "P1M", "renewal": "P1M", "notice": "P3D"}
    if draw(st.booleans()):
        obligation["exemptions"] = [{"actors": ["X"]}]
    roles = {"deadline": ["fulfils", "fulfils", "fulfils", "advances", "breaches", "setback"], "progress": ["fulfils", "advances", "advances", "breaches", "breaches", "setback"],
             "standing": ["breaches", "breaches", "breaches", "fulfils", "advances", "setback"], "term": ["notice", "advances", "breaches", "fulfils", "setback"]}[kind]
    events = []
    for number in range(draw(st.integers(min_value=2, max_value=12))):
        event: dict = {"id": f"e{number}", "kind": "report", "summary": f"event {number}", "occurred": draw(_window(around)), "sources": [{"source": "wire"}],
                       "links": [{"obligation": "o", "role": draw(st.sampled_from(roles))}]}
        if draw(st.integers(min_value=0, max_value=5)) == 0:
            event["until"] = draw(_window()) if draw(st.booleans()) else None
            if event["until"] is None:
                del event["until"]
                event["ongoing"] = True
            else:
                start, end = event["occurred"], event["until"]
                first = start if isinstance(start, str) else start["earliest"]
                last = end if isinstance(end, str) else end["earliest"]
                if last < first:
                    event["occurred"], event["until"] = end, start
        if draw(st.booleans()):
            event["quantities"] = [{"name": "troops", "value": draw(st.sampled_from((40, 60, 100, 150))), "counts": draw(st.sampled_from(("total", "increment")))}]
        if draw(st.integers(min_value=0, max_value=3)) == 0:
            event["actors"] = ["X"]
        if draw(st.integers(min_value=0, max_value=3)) == 0:
            event["reported"] = draw(_window())
        events.append(event)
    known = draw(st.none() | st.integers(min_value=0, max_value=60).map(lambda d: (BASE + dt.timedelta(days=d)).date()))
    pauses = []
    if draw(st.integers(min_value=0, max_value=3)) == 0:
        begin = draw(st.integers(min_value=0, max_value=24 * 30))
        pauses.append(_pause(0, "suspend", begin))
        if draw(st.booleans()):
            pauses.append(_pause(1, "resume", begin + draw(st.integers(min_value=1, max_value=24 * 10))))
    watched = draw(st.sampled_from((24 * 200, 24 * 15, 24 * 35)))  # past the end of the evidence, what rests on silence is unmonitored
    return obligation, events, known, pauses, watched


def _valid(obligation: dict, events: list[dict], amendments: list[dict], watched: int) -> Tracker | None:
    """The tracker, or None where the drawn events are not a valid log (e.g. an end before a start)."""
    from ceasefire.errors import CeasefireError

    try:
        return _tracker(obligation, events, amendments, watched)
    except CeasefireError:
        return None


@settings(deadline=None, max_examples=max(300, settings.default.max_examples), suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=_busy())
def test_busy_obligation_timeline_matches_status_on(case):
    """Whatever the reports, the timeline's status and deadline equal status_on's at every edge and every end of every window."""
    obligation, events, known, amendments, watched = case
    tracker = _valid(obligation, events, amendments, watched)
    if tracker is None:
        return
    line = tracker.timeline(_iso(-48), _iso(24 * 70), known_on=known)
    _agrees(tracker, line)


def _statuses(tracker: Tracker, line: Timeline) -> list[Status]:
    return [i.status for i in line.for_obligation("o")]


def test_a_completion_whose_window_reaches_back_before_the_deadline_makes_a_late_fulfilment_uncertain():
    """A second completion is not steady when the first was late: a window that opens before the deadline leaves it open."""
    obligation = {"id": "o", "kind": "deadline", "bearers": ["A"], "summary": "withdraw", "due": {"by": "2024-03-10"}}
    late = {"id": "late", "kind": "report", "summary": "done, late", "occurred": _iso(24 * 15), "sources": [{"source": "wire"}], "links": [{"obligation": "o", "role": "fulfils"}]}
    open_ = {"id": "open", "kind": "report", "summary": "done, some time", "occurred": {"earliest": _iso(24 * 5), "latest": _iso(24 * 20)},
             "sources": [{"source": "wire"}], "links": [{"obligation": "o", "role": "fulfils"}]}
    tracker = _tracker(obligation, [late, open_])
    line = tracker.timeline(_iso(0), _iso(24 * 30))
    assert _statuses(tracker, line)[-2:] == [Status.FULFILLED_LATE, Status.UNCERTAIN]
    _agrees(tracker, line)


def test_a_breach_after_completion_undoes_work_that_must_stay_done():
    """For kept work a breach is not steady after the completion; for other work it is."""
    for kept, last in ((True, Status.FULFILLED), (False, Status.FULFILLED)):
        obligation = {"id": "o", "kind": "progress", "bearers": ["A"], "summary": "hand over", "kept": kept}
        events = [
            {"id": "done", "kind": "report", "summary": "handed over", "occurred": _iso(24), "sources": [{"source": "wire"}], "links": [{"obligation": "o", "role": "fulfils"}]},
            {"id": "again", "kind": "report", "summary": "handed over again", "occurred": _iso(48), "sources": [{"source": "wire"}], "links": [{"obligation": "o", "role": "fulfils"}]},
            {"id": "broken", "kind": "report", "summary": "taken back", "occurred": _iso(72), "sources": [{"source": "wire"}], "links": [{"obligation": "o", "role": "breaches"}]},
        ]
        tracker = _tracker(obligation, events)
        line = tracker.timeline(_iso(0), _iso(24 * 10))
        statuses = _statuses(tracker, line)
        assert (Status.BREACHED in statuses) is kept and statuses[-1] is last
        _agrees(tracker, line)


def test_figures_that_fall_below_the_target_again_are_not_steady():
    """With targets, a progress report can reach a target and a later total can fall short of it again."""
    obligation = {"id": "o", "kind": "progress", "bearers": ["A"], "summary": "release", "targets": [{"name": "troops", "value": 100}]}
    events = [
        {"id": f"s{n}", "kind": "report", "summary": "released", "occurred": _iso(24 * (n + 1)), "sources": [{"source": "wire"}], "links": [{"obligation": "o", "role": "advances"}],
         "quantities": [{"name": "troops", "value": value, "counts": "total"}]}
        for n, value in enumerate((50, 100, 60))
    ]
    tracker = _tracker(obligation, events)
    line = tracker.timeline(_iso(0), _iso(24 * 10))
    assert _statuses(tracker, line) == [Status.PENDING, Status.IN_PROGRESS, Status.FULFILLED, Status.IN_PROGRESS]
    _agrees(tracker, line)


def test_single_breaches_of_a_standing_obligation_each_hold_one_instant():
    """An exact breach is breached at its instant and holding after it; one by an exempted actor, or unknown under the cut-off, changes nothing."""
    obligation = {"id": "o", "kind": "standing", "bearers": ["A"], "summary": "no shelling", "exemptions": [{"actors": ["X"]}]}
    events = [
        {"id": "b1", "kind": "report", "summary": "shelling", "occurred": _iso(24), "sources": [{"source": "wire"}], "links": [{"obligation": "o", "role": "breaches"}]},
        {"id": "bx", "kind": "report", "summary": "shelling by X", "occurred": _iso(36), "actors": ["X"], "sources": [{"source": "wire"}], "links": [{"obligation": "o", "role": "breaches"}]},
        {"id": "b2", "kind": "report", "summary": "shelling", "occurred": _iso(48), "sources": [{"source": "wire"}], "links": [{"obligation": "o", "role": "breaches"}]},
        {"id": "b3", "kind": "report", "summary": "shelling, reported late", "occurred": _iso(60), "reported": _iso(24 * 20), "sources": [{"source": "wire"}],
         "links": [{"obligation": "o", "role": "breaches"}]},
    ]
    tracker = _tracker(obligation, events)
    line = tracker.timeline(_iso(0), _iso(24 * 10))
    assert _statuses(tracker, line) == [Status.COMPLIED, Status.BREACHED, Status.HOLDING, Status.BREACHED, Status.HOLDING, Status.BREACHED, Status.HOLDING]
    _agrees(tracker, line)
    known = tracker.timeline(_iso(0), _iso(24 * 10), known_on=(BASE + dt.timedelta(days=10)).date())
    assert _statuses(tracker, known) == [Status.COMPLIED, Status.BREACHED, Status.HOLDING, Status.BREACHED, Status.HOLDING]
    _agrees(tracker, known)


def test_a_steady_report_one_microsecond_after_a_breach_is_asked_about_afresh():
    """Just after a single breach the status moves on; a report one microsecond later must not inherit the breach's instant."""
    obligation = {"id": "o", "kind": "standing", "bearers": ["A"], "summary": "no shelling"}
    events = [
        {"id": "b", "kind": "report", "summary": "shelling", "occurred": _iso(24), "sources": [{"source": "wire"}], "links": [{"obligation": "o", "role": "breaches"}]},
        {"id": "calm", "kind": "report", "summary": "calm", "occurred": (BASE + dt.timedelta(hours=24, microseconds=1)).isoformat(), "sources": [{"source": "wire"}],
         "links": [{"obligation": "o", "role": "fulfils"}]},
    ]
    tracker = _tracker(obligation, events)
    line = tracker.timeline(_iso(0), _iso(24 * 10))
    assert _statuses(tracker, line) == [Status.COMPLIED, Status.BREACHED, Status.HOLDING]
    _agrees(tracker, line)


def test_two_single_breaches_one_microsecond_apart():
    """The second of two breaches a microsecond apart follows a breached instant, not a stretch: the rules are asked there, and just after it the obligation holds."""
    obligation = {"id": "o", "kind": "standing", "bearers": ["A"], "summary": "no shelling"}
    events = [
        {"id": f"b{n}", "kind": "report", "summary": "shelling", "occurred": (BASE + dt.timedelta(hours=24, microseconds=n)).isoformat(), "sources": [{"source": "wire"}],
         "links": [{"obligation": "o", "role": "breaches"}]}
        for n in range(2)
    ]
    tracker = _tracker(obligation, events)
    line = tracker.timeline(_iso(0), _iso(24 * 10))
    assert _statuses(tracker, line) == [Status.COMPLIED, Status.BREACHED, Status.HOLDING]
    _agrees(tracker, line)


def test_a_breach_while_suspended_leaves_the_suspension():
    """Where a suspension, not the standing rule, decides, a single breach does not make the instant breached."""
    obligation = {"id": "o", "kind": "standing", "bearers": ["A"], "summary": "no shelling"}
    events = [{"id": "b", "kind": "report", "summary": "shelling", "occurred": _iso(24 * 3), "sources": [{"source": "wire"}], "links": [{"obligation": "o", "role": "breaches"}]}]
    tracker = _tracker(obligation, events, [_pause(0, "suspend", 24), _pause(1, "resume", 24 * 5)])
    line = tracker.timeline(_iso(0), _iso(24 * 10))
    assert _statuses(tracker, line) == [Status.COMPLIED, Status.SUSPENDED, Status.HOLDING]
    _agrees(tracker, line)


def _breach(name: str, occurred: object, **more: object) -> dict:
    return {"id": name, "kind": "report", "summary": f"shelling ({name})", "occurred": occurred, "sources": [{"source": "wire"}],
            "links": [{"obligation": "o", "role": "breaches"}], **more}


def test_a_breach_known_to_a_window_makes_the_window_uncertain():
    """A breach known only to fall within a window leaves every instant of it uncertain, and holding after it; an exact one inside it is breached at its instant."""
    obligation = {"id": "o", "kind": "standing", "bearers": ["A"], "summary": "no shelling"}
    events = [_breach("w", {"earliest": _iso(24), "latest": _iso(48)}), _breach("x", _iso(36))]
    tracker = _tracker(obligation, events)
    line = tracker.timeline(_iso(0), _iso(24 * 10))
    assert _statuses(tracker, line) == [Status.COMPLIED, Status.UNCERTAIN, Status.BREACHED, Status.UNCERTAIN, Status.HOLDING]
    _agrees(tracker, line)


def test_past_the_evidence_a_window_opening_makes_silence_uncertain_but_not_an_ongoing_breach():
    """Past the end of the evidence, "no breach" is unmonitored and a breach window opening makes it uncertain; a lasting breach under way only for want of a report ending it stays unmonitored."""
    obligation = {"id": "o", "kind": "standing", "bearers": ["A"], "summary": "no shelling"}
    window = _breach("w", {"earliest": _iso(24 * 12), "latest": _iso(24 * 14)})
    quiet = _tracker(obligation, [window], watched=24 * 10)
    line = quiet.timeline(_iso(0), _iso(24 * 20))
    assert _statuses(quiet, line) == [Status.COMPLIED, Status.UNMONITORED, Status.UNCERTAIN, Status.UNMONITORED]
    _agrees(quiet, line)
    under_way = _tracker(obligation, [_breach("siege", _iso(24 * 2), ongoing=True), window], watched=24 * 10)
    line = under_way.timeline(_iso(0), _iso(24 * 20))
    assert _statuses(under_way, line) == [Status.COMPLIED, Status.BREACHED, Status.UNMONITORED]
    _agrees(under_way, line)


def test_a_breach_and_an_end_at_one_instant():
    """An event that ends the obligation at the instant of a breach is not a breach: the rules decide there, and it has ended."""
    obligation = {"id": "o", "kind": "standing", "bearers": ["A"], "summary": "no shelling"}
    end = {"id": "end", "kind": "report", "summary": "the ceasefire is over", "occurred": _iso(48), "sources": [{"source": "wire"}], "links": [{"obligation": "o", "role": "ends"}]}
    tracker = _tracker(obligation, [_breach("b", _iso(24)), _breach("c", _iso(48)), end])
    line = tracker.timeline(_iso(0), _iso(24 * 10))
    assert _statuses(tracker, line) == [Status.COMPLIED, Status.BREACHED, Status.HOLDING, Status.ENDED]
    _agrees(tracker, line)
