"""Property: a timeline agrees with status_on at every instant of its range."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasefire import ObligationStatus, Tracker, bundled
from ceasefire.engine.timeline import Timeline

from ceasefire.loading import parse_agreement, parse_events

BASE = dt.datetime(2021, 3, 1, tzinfo=dt.timezone.utc)
TICK = dt.timedelta(microseconds=1)
UTC = dt.timezone.utc


# A small local generator of agreements with amendments and events. It draws
# every obligation kind, deadlines by date, at an instant, within a span and
# after another obligation's fulfilment, amendments of every kind, events with
# exact and uncertain windows in several zones, and a knowledge cut-off.

ZONES = ("Europe/Moscow", "Asia/Baku", "UTC", "America/New_York", "Europe/London")
ROLES = ("fulfils", "advances", "breaches", "ends", "context")


def _iso(hours: float) -> str:
    return (BASE + dt.timedelta(hours=hours)).isoformat()


@st.composite
def _window(draw: st.DrawFn) -> object:
    form = draw(st.sampled_from(("exact", "day", "range")))
    hours = draw(st.integers(min_value=-48, max_value=24 * 100))
    if form == "exact":
        return _iso(hours)
    if form == "day":
        day = (BASE + dt.timedelta(hours=hours)).date()
        return f"{day.isoformat()}[{draw(st.sampled_from(ZONES))}]"
    return {"earliest": _iso(hours), "latest": _iso(hours + draw(st.integers(min_value=0, max_value=24 * 20)))}


@st.composite
def _due(draw: st.DrawFn, anchors: list[str]) -> dict:
    form = draw(st.sampled_from(("by", "at", "within", "after") if anchors else ("by", "at", "within")))
    days = draw(st.integers(min_value=6, max_value=90))
    if form == "by":
        return {"by": (BASE + dt.timedelta(days=days)).date().isoformat()}
    if form == "at":
        return {"at": _iso(days * 24 + draw(st.integers(min_value=0, max_value=23)))}
    span = draw(st.sampled_from(("P1M", "P10D", "PT36H", "P1Y")))
    if form == "within":
        return {"within": span}
    return {"within": span, "after_fulfilment_of": draw(st.sampled_from(anchors))}


@st.composite
def _obligation(draw: st.DrawFn, number: int, anchors: list[str]) -> dict:
    kind = draw(st.sampled_from(("deadline", "deadline", "standing", "progress", "term")))
    item: dict = {"id": f"o{number}", "kind": kind, "bearers": ["A"], "summary": f"obligation {number}"}
    if draw(st.booleans()) and draw(st.booleans()):
        item["effective"] = _iso(draw(st.integers(min_value=0, max_value=24 * 5)))
    if kind == "deadline":
        item["due"] = draw(_due(anchors))
    elif kind == "progress" and draw(st.booleans()):
        item["targets"] = [{"name": "troops", "value": 100}]
    elif kind == "term":
        item |= {"period": draw(st.sampled_from(("P10D", "P1M"))), "renewal": draw(st.sampled_from((None, "P10D", "P1M")))}
        item = {k: v for k, v in item.items() if v is not None}
        if draw(st.booleans()):
            item["notice"] = "P3D"
    return item


@st.composite
def _amendment(draw: st.DrawFn, number: int, obligations: list[dict]) -> dict:
    target = draw(st.sampled_from(obligations))
    kinds = ["suspend", "resume", "end"] + (["move-deadline"] * 2 if target["kind"] == "deadline" else [])
    kind = draw(st.sampled_from(kinds))
    agreed = draw(_window())
    item = {"id": f"a{number}", "kind": kind, "summary": f"amendment {number}", "obligation": target["id"], "sources": [{"source": "text"}]}
    item |= {"agreed": agreed, "announced": draw(st.sampled_from([agreed, draw(_window())]))}
    if kind == "move-deadline":
        item["due"] = {"by": (BASE + dt.timedelta(days=draw(st.integers(min_value=6, max_value=90)))).date().isoformat()}
    return item


@st.composite
def _event(draw: st.DrawFn, number: int, ids: list[str]) -> dict:
    links = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ROLES)), min_size=1, max_size=2, unique_by=lambda x: x[0]))
    item = {"id": f"e{number}", "kind": "report", "summary": f"event {number}", "occurred": draw(_window()), "sources": [{"source": "wire"}]}
    item["links"] = [{"obligation": o, "role": r} for o, r in links]
    if draw(st.booleans()):
        item["reported"] = draw(_window())
    if draw(st.booleans()) and draw(st.booleans()):
        item["quantities"] = [{"name": "troops", "value": draw(st.sampled_from((50, 100, 150)))}]
    return item


@st.composite
def agreements_with_events(draw: st.DrawFn) -> tuple[Tracker, dt.date | None]:
    """A tracker over a generated agreement and event log, and a knowledge cut-off (or None)."""
    obligations: list[dict] = []
    for number in range(draw(st.integers(min_value=1, max_value=4))):
        anchors = [o["id"] for o in obligations]
        obligations.append(draw(_obligation(number, anchors)))
    points = [{"number": 1, "summary": "everything", "obligations": obligations}]
    amendments = [draw(_amendment(n, obligations)) for n in range(draw(st.integers(min_value=0, max_value=3)))]
    if draw(st.booleans()):
        added = draw(_obligation(9, []))
        amendments.append({"id": "sup", "kind": "supplement", "summary": "more", "point": 1, "obligations": [added],
                           "agreed": draw(_window()), "announced": draw(_window()), "sources": [{"source": "text"}]})
    ids = [o["id"] for o in obligations] + [o["id"] for a in amendments for o in a.get("obligations", [])]
    zone = draw(st.sampled_from(ZONES))
    agreement = parse_agreement({
        "id": "generated", "title": "A generated accord", "zone": zone, "announced": BASE.isoformat(),
        "effective": BASE.isoformat(), "parties": [{"id": "A", "name": "Party A", "roles": ["party"]}],
        "sources": [{"id": "text", "title": "The text"}], "points": points, "amendments": amendments,
    })
    events = [draw(_event(n, ids)) for n in range(draw(st.integers(min_value=0, max_value=5)))]
    log = parse_events({"zone": draw(st.sampled_from(ZONES)), "sources": [{"id": "wire", "title": "Wire", "published": _iso(0)}], "events": events})
    known = draw(st.none() | st.integers(min_value=-2, max_value=100).map(lambda d: (BASE + dt.timedelta(days=d)).date()))
    return Tracker(agreement, log), known


def _edges(line: Timeline) -> list[tuple[str, dt.datetime]]:
    """Each obligation's interval edges and the instants one microsecond either side, inside the range."""
    found = set()
    for interval in line.intervals:
        for edge in (interval.start, interval.end):
            found |= {(interval.obligation_id, edge + d) for d in (-TICK, dt.timedelta(0), TICK)}
    return sorted((o, t) for o, t in found if line.start <= t <= line.end)


def _event_edges(tracker: Tracker, line: Timeline) -> list[dt.datetime]:
    """The ends and middle of every event's window, one microsecond either side, inside the range."""
    found = set()
    for event in tracker.events:
        low, high = event.occurred.earliest, event.occurred.latest
        for t in (low, high, low + (high - low) / 2):
            found |= {t - TICK, t, t + TICK}
    return sorted(t for t in found if line.start <= t <= line.end)


def _same(line: Timeline, item: ObligationStatus, when: dt.datetime) -> None:
    """The timeline gives the status and the deadline in force that the evaluator gives."""
    interval = next(i for i in line.for_obligation(item.obligation_id) if i.contains(when))
    assert (interval.status, interval.deadline) == (item.status, item.deadline), (item.obligation_id, when.isoformat())


def _agrees(tracker: Tracker, line: Timeline, moments: list[dt.datetime]) -> None:
    """status_on agrees with the timeline for every obligation at ``moments``, and for each obligation at its own edges."""
    for when in moments + _event_edges(tracker, line):
        for item in tracker.status_on(when, known_on=line.known_on).obligations:
            _same(line, item, when)
    for obligation_id, when in _edges(line):
        _same(line, tracker.obligation_on(obligation_id, when, known_on=line.known_on), when)


instants = st.builds(
    lambda days, seconds, micros: BASE + dt.timedelta(days=days, seconds=seconds, microseconds=micros),
    st.integers(min_value=-5, max_value=120),
    st.integers(min_value=0, max_value=86_399),
    st.sampled_from((0, 1, 999_999)),
)
spans = st.builds(
    lambda days, seconds: dt.timedelta(days=days, seconds=seconds),
    st.integers(min_value=0, max_value=120),
    st.integers(min_value=0, max_value=86_399),
)


def _grid(line: Timeline, picks: list[int]) -> list[dt.datetime]:
    """Thirty evenly spaced instants across the range, plus the drawn fractions (in millionths) of it."""
    width_us = round((line.end.timestamp() - line.start.timestamp()) * 10**6)
    fractions = [k / 30 for k in range(31)] + [p / 10**6 for p in picks]
    return [line.start + dt.timedelta(microseconds=round(width_us * f)) for f in fractions]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=st.integers(min_value=-30, max_value=400).map(lambda d: dt.datetime(2020, 11, 1, tzinfo=UTC) + dt.timedelta(days=d)),
    length=st.integers(min_value=0, max_value=900),
    known=st.none() | st.integers(min_value=0, max_value=120).map(lambda d: dt.date(2020, 11, 1) + dt.timedelta(days=d)),
    picks=st.lists(st.integers(min_value=0, max_value=10**6), max_size=5),
)
def test_bundled_timeline_matches_status_on(start, length, known, picks):
    """On the bundled statement, the timeline's status equals status_on at random instants and at every edge."""
    tracker = bundled.tracker()
    end = start + dt.timedelta(days=length, microseconds=7)
    line = tracker.timeline(start, end, known_on=known)
    _agrees(tracker, line, _grid(line, picks))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=agreements_with_events(), data=st.data())
def test_generated_timeline_matches_status_on(case, data):
    """On generated agreements and events, the timeline's status equals status_on at random instants and at every edge."""
    tracker, known_on = case
    start = data.draw(instants, label="start")
    end = start + data.draw(spans, label="length")
    line = tracker.timeline(start, end, known_on=known_on)
    picks = data.draw(st.lists(st.integers(min_value=0, max_value=10**6), max_size=5), label="picks")
    _agrees(tracker, line, _grid(line, picks))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_timeline_matches_status_on_for_public_strategies(data):
    """On agreements and logs from ceasefire.testing.strategies, the timeline agrees with status_on, also under a cut-off."""
    from ceasefire.testing import strategies as cst

    agreement, log = data.draw(cst.agreements_with_logs(), label="agreement and log")
    tracker = Tracker(agreement, log)
    around = cst.instants_of_interest(agreement, log)
    start, end = sorted([data.draw(around, label="one end"), data.draw(around, label="other end")])
    end = min(end, start + dt.timedelta(days=400))
    known_on = data.draw(st.none() | around, label="known_on")
    line = tracker.timeline(start, end, known_on=known_on)
    picks = data.draw(st.lists(st.integers(min_value=0, max_value=10**6), max_size=5), label="picks")
    _agrees(tracker, line, _grid(line, picks))
