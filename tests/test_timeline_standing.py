"""Just after a standing obligation's single breach window closes, a timeline runs the rules again only where the answer could differ.

Where the last run of the rules saw no breach at its instant, and every
breach window opened since closes at this one, the answer just after it is
the answer of that run ("complied" becoming "holding"): a timeline takes it
from :func:`ceasefire.engine.standing.across_single_breaches` without a run.
These tests count the runs saved, and hold every answer to ``status_on`` in
the cases where a skipped run would have said something else: another
window still open across the closing instant, a window that was open at the
last run, the evidence's watch ending or starting inside the window, a
knowledge cut-off, the first breach of all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ceasefire
import ceasefire.engine.timeline as module
from ceasefire import Status

ZONE = "Europe/Moscow"
_START = dt.datetime(2021, 3, 1, tzinfo=dt.timezone(dt.timedelta(hours=3)))
_TICK = dt.timedelta(microseconds=1)


def _iso(hours: float) -> str:
    return (_START + dt.timedelta(hours=hours)).isoformat()


def _agreement() -> Any:
    return ceasefire.parse_agreement(
        {
            "id": "t", "title": "test", "zone": ZONE, "announced": "2021-03-01", "effective": "2021-03-01T00:00:00+03:00",
            "parties": [{"id": "A", "name": "A", "roles": ["party"]}, {"id": "B", "name": "B", "roles": ["party"]}],
            "sources": [{"id": "s", "title": "a source", "published": "2021-03-01T00:00:00+03:00"}],
            "points": [{"number": 1, "summary": "p", "obligations": [{"id": "o", "kind": "standing", "bearers": ["A"], "summary": "no shelling"}]}],
        }
    )


def _breach(event_id: str, opens: float, closes: float | None = None, reported: float | None = None) -> dict[str, Any]:
    """A single breach known to the window from ``opens`` to ``closes`` hours after 1 March (timed exactly without ``closes``)."""
    occurred: Any = _iso(opens) if closes is None else {"earliest": _iso(opens), "latest": _iso(closes)}
    event = {"id": event_id, "kind": "report", "summary": event_id, "occurred": occurred, "links": [{"obligation": "o", "role": "breaches"}], "sources": [{"source": "s"}]}
    if reported is not None:
        event["reported"] = _iso(reported)
    return event


def _tracker(events: list[dict[str, Any]], covers: Any = ((0, 24 * 62),)) -> ceasefire.Tracker:
    spans = [{"start": _iso(a), "end": _iso(b)} for a, b in covers]
    return ceasefire.Tracker(_agreement(), ceasefire.parse_events({"zone": ZONE, "covers": spans, "events": events}))


def _counted(monkeypatch: pytest.MonkeyPatch, tracker: ceasefire.Tracker, **kwargs: Any) -> tuple[int, Any]:
    """How many times the timeline over March and April 2021 ran the rules, and the timeline."""
    count = 0
    real = module.run_rules

    def counted(*args: Any, **kw: Any) -> Any:
        nonlocal count
        count += 1
        return real(*args, **kw)

    monkeypatch.setattr(module, "run_rules", counted)
    try:
        found = tracker.timeline("2021-03-01", "2021-04-30", **kwargs)
    finally:
        monkeypatch.setattr(module, "run_rules", real)
    return count, found


def _instants(found: Any, events: list[dict[str, Any]]) -> Iterator[dt.datetime]:
    """Each interval's ends and each breach window's ends, and the instants one microsecond either side of them."""
    ends: list[dt.datetime] = [when for i in found.for_obligation("o") for when in (i.start, i.end)]
    for event in events:
        occurred = event["occurred"]
        for text in ([occurred] if isinstance(occurred, str) else [occurred["earliest"], occurred["latest"]]):
            ends.append(dt.datetime.fromisoformat(text))
    for when in ends:
        yield from (when - _TICK, when, when + _TICK)


def _agrees_with_status_on(tracker: ceasefire.Tracker, found: Any, events: list[dict[str, Any]], **kwargs: Any) -> None:
    for when in _instants(found, events):
        if found.start <= when <= found.end:
            assert found.status_at("o", when) is tracker.obligation_on("o", when, **kwargs).status, when


def _apart(count: int) -> list[dict[str, Any]]:
    """``count`` breaches, each known to a window of six hours, a day apart."""
    return [_breach(f"b{n}", 24 * (n + 2), 24 * (n + 2) + 6) for n in range(count)]


@pytest.mark.parametrize(
    "first, covers",
    [
        ([], [(0, 24 * 62)]),  # watched throughout
        ([], [(0, 24)]),  # watched on the first day only: the answers are "unmonitored"
        # Before them, a window the watch starts inside, which the rules must be run again after: the windows after it are skipped as before.
        ([_breach("first", 6, 30)], [(0, 12), (18, 24 * 62)]),
    ],
)
def test_windows_that_close_apart_cost_no_rule_runs(monkeypatch, first, covers):
    """Breach windows that open and close one after another add no rule runs; every answer is status_on's."""
    few_events, many_events = first + _apart(2), first + _apart(30)
    few_runs, few = _counted(monkeypatch, _tracker(few_events, covers))
    many_tracker = _tracker(many_events, covers)
    many_runs, many = _counted(monkeypatch, many_tracker)
    assert many_runs == few_runs, (few_runs, many_runs)
    statuses = [i.status for i in many.for_obligation("o")]
    assert statuses.count(Status.UNCERTAIN) == 30 + len(first)
    assert (Status.HOLDING in statuses) is (covers[-1][1] > 24)
    _agrees_with_status_on(many_tracker, many, many_events)


def test_the_status_just_after_a_window_is_the_last_runs_with_complied_become_holding(monkeypatch):
    """Before the first breach nothing was reported (complied); just after its window, one has been (holding); the skipped run would have said so."""
    events = _apart(3)
    tracker = _tracker(events)
    _, found = _counted(monkeypatch, tracker)
    statuses = [i.status for i in found.for_obligation("o")]
    assert statuses == [Status.COMPLIED, Status.UNCERTAIN, Status.HOLDING, Status.UNCERTAIN, Status.HOLDING, Status.UNCERTAIN, Status.HOLDING]
    _agrees_with_status_on(tracker, found, events)


@pytest.mark.parametrize(
    "name, events, covers",
    [
        # Another window opens inside the first and is still open when the first closes: uncertain just after, not holding.
        ("another window still open", [_breach("a", 48, 60), _breach("b", 50, 72)], [(0, 24 * 62)]),
        # The same, the longer window opening first.
        ("a longer window around it", [_breach("a", 48, 72), _breach("b", 50, 60)], [(0, 24 * 62)]),
        # A window that was open at the last run of the rules (forced here by the evidence's watch starting inside it) closes after another one.
        ("open at the last run", [_breach("a", 48, 96), _breach("b", 80, 90)], [(0, 24), (60, 24 * 60)]),
        # The evidence stops watching inside the window: holding before it, unmonitored after it.
        ("watch ends inside", [_breach("a", 48, 60)], [(0, 54)]),
        # The evidence starts watching inside the window: unmonitored before it, holding after it.
        ("watch starts inside", [_breach("a", 48, 60)], [(0, 24), (54, 24 * 60)]),
        # An exact breach inside a window: holding after the window whatever came before.
        ("an exact breach inside", [_breach("a", 48, 60), _breach("x", 50)], [(0, 24 * 62)]),
        # Two windows closing at the same instant, one opened inside the other.
        ("two closing together", [_breach("a", 48, 60), _breach("b", 50, 60)], [(0, 24 * 62)]),
        # A window opening where another closes.
        ("one opens as one closes", [_breach("a", 48, 60), _breach("b", 60, 70)], [(0, 24 * 62)]),
    ],
)
def test_a_skipped_run_is_never_one_whose_answer_differs(monkeypatch, name, events, covers):
    tracker = _tracker(events, covers)
    _, found = _counted(monkeypatch, tracker)
    _agrees_with_status_on(tracker, found, events)


def test_another_window_still_open_is_uncertain_just_after_the_first_closes(monkeypatch):
    """The case a skip must not take: the status just after the first window is the second window's "uncertain", not "holding"."""
    events = [_breach("a", 48, 60), _breach("b", 50, 72)]
    tracker = _tracker(events)
    _, found = _counted(monkeypatch, tracker)
    assert found.status_at("o", dt.datetime.fromisoformat(_iso(60)) + _TICK) is Status.UNCERTAIN
    assert found.status_at("o", dt.datetime.fromisoformat(_iso(72)) + _TICK) is Status.HOLDING


def test_the_watch_ending_inside_a_window_leaves_the_status_after_it_unmonitored(monkeypatch):
    events = [_breach("a", 48, 60)]
    tracker = _tracker(events, [(0, 54)])
    _, found = _counted(monkeypatch, tracker)
    assert found.status_at("o", dt.datetime.fromisoformat(_iso(48)) - _TICK) is Status.COMPLIED
    assert found.status_at("o", dt.datetime.fromisoformat(_iso(60)) + _TICK) is Status.UNMONITORED


@pytest.mark.parametrize("known_on", ["2021-03-04", "2021-03-03T12:00:00+03:00", "2021-03-10"])
def test_under_a_cut_off_the_answers_are_status_ons(monkeypatch, known_on):
    """A cut-off inside a window ends the watch there (the declared coverage is known only up to it), and leaves later-reported breaches unseen."""
    events = [_breach("a", 48, 60), _breach("late", 70, 80, reported=24 * 12), _breach("c", 96, 100), _breach("d", 110, 130, reported=24 * 3)]
    tracker = _tracker(events)
    _, found = _counted(monkeypatch, tracker, known_on=known_on)
    _agrees_with_status_on(tracker, found, events, known_on=known_on)


@st.composite
def _feeds(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[tuple[float, float]], str | None]:
    """A few single breaches, exact or known to windows that may overlap, one perhaps lasting, some reported late; a watch with gaps; perhaps a cut-off."""
    events = []
    for n in range(draw(st.integers(min_value=1, max_value=6))):
        opens = draw(st.integers(min_value=0, max_value=24 * 20))
        width = draw(st.sampled_from((0, 1, 3, 12, 30)))
        reported = draw(st.one_of(st.none(), st.integers(min_value=opens + width, max_value=24 * 25)))
        events.append(_breach(f"b{n}", opens, opens + width if width else None, reported))
    if draw(st.booleans()):
        start = draw(st.integers(min_value=0, max_value=24 * 20))
        lasting = _breach("long", start)
        lasting["until"] = {"earliest": _iso(start + 20), "latest": _iso(start + 30)} if draw(st.booleans()) else None
        if lasting["until"] is None:
            del lasting["until"]
            lasting["ongoing"] = True
        events.append(lasting)
    edges = sorted(draw(st.lists(st.integers(min_value=0, max_value=24 * 25), min_size=2, max_size=6, unique=True)))
    covers = [(edges[i], edges[i + 1]) for i in range(0, len(edges) - 1, 2)]
    cutoff = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=24 * 25).map(_iso)))
    return events, covers, cutoff


@settings(max_examples=150, deadline=None)
@given(_feeds())
def test_a_timeline_of_breach_windows_is_status_ons_everywhere(feed):
    """Every interval end and every breach window end, and a microsecond either side: the timeline says what status_on says."""
    events, covers, cutoff = feed
    tracker = _tracker(events, covers)
    kwargs = {} if cutoff is None else {"known_on": cutoff}
    found = tracker.timeline("2021-03-01", "2021-04-30", **kwargs)
    _agrees_with_status_on(tracker, found, events, **kwargs)


def _horizon_zones(tracker: ceasefire.Tracker, dates: list[str]) -> list[str | None]:
    found = []
    for date in dates:
        horizon = tracker.obligation_on("o", date).horizon
        assert horizon is not None, date
        found.append(horizon.day_zone)
    return found


def test_the_day_an_unmonitored_answer_names_is_worked_out_for_its_own_edge_of_the_evidence():
    """The zone in which the evidence's end is the end of a day is kept per instant: a second edge asked under the same cut-off gets its own."""
    covers = [{"start": "2021-03-01T00:00:00+03:00", "end": "2021-03-05T23:59:59.999999+03:00"},
              {"start": "2021-03-08T00:00:00+03:00", "end": "2021-03-20T12:00:00+03:00"}]

    def fresh() -> ceasefire.Tracker:
        return ceasefire.Tracker(_agreement(), ceasefire.parse_events({"zone": ZONE, "covers": covers, "events": [_breach("a", 24)]}))

    dates = ["2021-03-06", "2021-03-25"]
    assert _horizon_zones(fresh(), dates) == [ZONE, None]
    assert _horizon_zones(fresh(), dates[::-1]) == [None, ZONE]
    assert [_horizon_zones(fresh(), [d])[0] for d in dates] == [ZONE, None]


def test_a_coverage_cause_names_its_own_logs_file(tmp_path):
    """Each log's coverage edges name that log's file (its name alone, not its folder), whichever log was read first."""
    import json

    paths = []
    for folder, name, start, end in (("one", "wire.json", "2021-03-01T00:00:00+03:00", "2021-03-10T00:00:00+03:00"),
                                     ("two", "monitors.json", "2021-03-20T00:00:00+03:00", "2021-04-10T00:00:00+03:00")):
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / name
        path.write_text(json.dumps({"zone": ZONE, "covers": [{"start": start, "end": end}], "events": []}), encoding="utf-8")
        paths.append(path)
    for order in (paths, paths[::-1]):
        tracker = ceasefire.Tracker(_agreement(), *(ceasefire.load_events(p) for p in order))
        refs = {(i.cause.ref, i.cause.edge) for i in tracker.timeline("2021-03-01", "2021-04-30").intervals if i.cause.kind == "coverage"}
        assert refs == {("wire.json", "closes"), ("monitors.json", "opens"), ("monitors.json", "closes")}
