"""What other agreements say: third-party bearers, successors, 'until', kept work, exemptions, dependencies, monitors, counts and more."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import ceasefire
from ceasefire import Status, Tracker

ZONE = "Europe/Moscow"
WATCHED = {"from": "2021-03-01", "to": "2030-12-31"}
PARTIES = [
    {"id": "A", "name": "Army of A", "roles": ["party", "signatory"], "successors": ["G"], "succeeded": "2021-06-01"},
    {"id": "B", "name": "Army of B", "roles": ["party", "signatory"]},
    {"id": "F", "name": "Foreign forces", "roles": ["third party"]},
    {"id": "ALL", "name": "All armed groups on the frontline", "roles": ["class"]},
    {"id": "M", "name": "Joint military commission", "roles": ["monitor"]},
    {"id": "G", "name": "Unified government", "roles": ["party"]},
]


def accord(*obligations: dict[str, Any], amendments: tuple[dict[str, Any], ...] = (), points: list[dict[str, Any]] | None = None) -> ceasefire.Agreement:
    """A one-point agreement between two armies, in force from 1 March 2021, 00:00 Moscow time."""
    return ceasefire.parse_agreement(
        {
            "id": "t", "title": "test", "zone": ZONE, "parties": PARTIES, "announced": "2021-03-01",
            "effective": "2021-03-01T00:00:00+03:00",
            "sources": [
                {"id": "s", "title": "a wire story", "published": "2021-03-01T00:00:00+03:00", "kind": "media"},
                {"id": "jmc", "title": "commission report", "published": "2021-03-01T00:00:00+03:00", "kind": "monitor"},
                {"id": "claim", "title": "statement of B", "published": "2021-03-01T00:00:00+03:00", "kind": "party", "speaks_for": "B"},
            ],
            "points": points or [{"number": 1, "summary": "p", "obligations": list(obligations)}],
            "amendments": list(amendments),
        }
    )


def event(eid: str, occurred: Any, obligation: str, role: str, **extra: Any) -> dict[str, Any]:
    """An event linked to one obligation, reported when it occurred, citing the wire story unless told otherwise."""
    return {"id": eid, "kind": "report", "summary": eid, "occurred": occurred, "reported": occurred if isinstance(occurred, str) else occurred["latest"],
            "links": [{"obligation": obligation, "role": role}], "sources": [{"source": "s"}], **extra}


def track(agreement: ceasefire.Agreement, *events: dict[str, Any]) -> Tracker:
    """A tracker over ``events`` as one log watched from 2021 to 2030."""
    return Tracker(agreement, ceasefire.parse_events({"zone": ZONE, "covers": WATCHED, "events": list(events)}))


def test_third_parties_and_classes_bear_obligations_a_signatory_answers_for() -> None:
    """Foreign forces and a class of actors can bear an obligation; a signatory can answer for it without bearing it."""
    leave = {"id": "out", "kind": "deadline", "bearers": ["F", "ALL"], "answerable": ["B"], "summary": "foreign forces leave", "due": {"by": "2021-06-01"}}
    result = track(accord(leave)).obligation_on("out", "2021-06-02")
    assert result.bearers == ("F", "ALL") and result.answerable == ("B",)
    assert result.status is Status.OVERDUE


def test_a_bearer_replaced_by_its_successor() -> None:
    """After the day a successor government takes over, the obligation is owed by the successor."""
    hold = {"id": "hold", "kind": "standing", "bearers": ["A", "B"], "summary": "hold fire"}
    tracker = track(accord(hold))
    assert tracker.obligation_on("hold", "2021-05-31").bearers == ("A", "B")
    assert tracker.obligation_on("hold", "2021-06-01").bearers == ("G", "B")


def test_until_another_obligation_is_fulfilled() -> None:
    """A freeze 'until the unified government assumes its functions' ends when that obligation is fulfilled."""
    office = {"id": "office", "kind": "progress", "bearers": ["G"], "summary": "the government takes office"}
    freeze = {"id": "freeze", "kind": "standing", "bearers": ["A", "B"], "summary": "freeze", "until_fulfilment_of": "office"}
    tracker = track(accord(office, freeze), event("sworn", "2021-09-01T12:00:00+03:00", "office", "fulfils"))
    assert tracker.obligation_on("freeze", "2021-08-31").status is Status.COMPLIED
    done = tracker.obligation_on("freeze", "2021-09-02")
    assert done.status is Status.ENDED and done.ended_by == "sworn"


def test_until_a_date() -> None:
    """An obligation that binds until a day ends after that day."""
    freeze = {"id": "freeze", "kind": "standing", "bearers": ["A", "B"], "summary": "freeze", "until": "2021-06-30"}
    tracker = track(accord(freeze))
    assert tracker.obligation_on("freeze", "2021-06-30").status is Status.COMPLIED
    assert tracker.obligation_on("freeze", "2021-07-01").status is Status.ENDED


def test_work_that_must_stay_done_goes_back_while_undone() -> None:
    """A road reopened, then closed for a week, is breached that week and fulfilled again after."""
    road = {"id": "road", "kind": "progress", "bearers": ["A"], "summary": "reopen the road", "kept": True}
    shut = event("shut", "2021-05-01[Europe/Moscow]", "road", "breaches", until="2021-05-07[Europe/Moscow]")
    tracker = track(accord(road), event("open", "2021-04-01T12:00:00+03:00", "road", "fulfils"), shut)
    assert tracker.obligation_on("road", "2021-04-15").status is Status.FULFILLED
    assert tracker.obligation_on("road", "2021-05-03").status is Status.BREACHED
    after = tracker.obligation_on("road", "2021-05-10")
    assert after.status is Status.FULFILLED and any("kept since" in r for r in after.reasons)


def test_exempted_actors_breach_nothing() -> None:
    """A clash involving only a group the ceasefire does not cover is not a breach, and the answer says why."""
    cease = {"id": "cease", "kind": "standing", "bearers": ["A", "B"], "summary": "ceasefire", "exemptions": [{"actors": ["Designated group"], "note": "UN-designated terrorist groups"}]}
    clash = event("raid", "2021-04-01T12:00:00+03:00", "cease", "breaches", actors=["Designated group"])
    result = track(accord(cease), clash).obligation_on("cease", "2021-04-01")
    assert result.status is Status.COMPLIED
    assert any("not counted: raid" in r and "exempted" in r for r in result.reasons)


def test_dependency_of_a_standing_duty_on_another_obligation() -> None:
    """A duty conditional on another binds only from that other's fulfilment."""
    talks = {"id": "talks", "kind": "progress", "bearers": ["A", "B"], "summary": "talks"}
    patrol = {"id": "patrol", "kind": "standing", "bearers": ["A"], "summary": "joint patrols", "depends_on": "talks"}
    tracker = track(accord(talks, patrol), event("deal", "2021-05-01T12:00:00+03:00", "talks", "fulfils"))
    assert tracker.obligation_on("patrol", "2021-04-01").status is Status.NOT_YET_IN_FORCE
    assert tracker.obligation_on("patrol", "2021-05-02").status is Status.COMPLIED


def test_circular_dependencies_are_refused() -> None:
    """Two obligations that wait on each other are an error naming the circle."""
    one = {"id": "one", "kind": "standing", "bearers": ["A"], "summary": "one", "depends_on": "two"}
    two = {"id": "two", "kind": "standing", "bearers": ["A"], "summary": "two", "depends_on": "one"}
    with pytest.raises(ceasefire.errors.InvalidInputError, match="circle: one -> two -> one"):
        track(accord(one, two))


def test_monitor_reports_are_told_from_party_claims() -> None:
    """Each source says who speaks: the explanation marks a monitor's report and a party's claim."""
    cease = {"id": "cease", "kind": "standing", "bearers": ["A", "B"], "summary": "ceasefire"}
    seen = event("shelling", "2021-04-01T12:00:00+03:00", "cease", "breaches", sources=[{"source": "jmc"}, {"source": "claim"}])
    result = track(accord(cease), seen).obligation_on("cease", "2021-04-01")
    voices = {c.source_id: c.voice for c in result.sources}
    assert voices == {"jmc": "monitor", "claim": "claim of B"}
    assert "[monitor]" in result.explain() and "[claim of B]" in result.explain()


def test_partial_progress_past_a_deadline() -> None:
    """An overdue withdrawal with some progress says how far it got."""
    leave = {"id": "out", "kind": "deadline", "bearers": ["F"], "summary": "withdraw", "due": {"by": "2021-06-01"}, "targets": [{"name": "fighters", "value": 20000, "qualifier": "about"}]}
    some = event("first", "2021-05-01T12:00:00+03:00", "out", "advances", quantities=[{"name": "fighters", "value": 300}])
    result = track(accord(leave), some).obligation_on("out", "2021-06-02")
    assert result.status is Status.OVERDUE
    assert result.headline == "overdue, partly done (fighters 300 of 20000)"


def test_increments_add_up_and_totals_replace() -> None:
    """Swaps of 'at least 35' then 15 more make 50 in all, not a drop to 15; a later total replaces the sum."""
    swap = {"id": "swap", "kind": "progress", "bearers": ["A", "B"], "summary": "swap prisoners"}
    first = event("s1", "2021-04-01T12:00:00+03:00", "swap", "advances", quantities=[{"name": "prisoners", "value": 35, "qualifier": "at least", "counts": "increment"}])
    second = event("s2", "2021-05-01T12:00:00+03:00", "swap", "advances", quantities=[{"name": "prisoners", "value": 15, "counts": "increment"}])
    total = event("s3", "2021-06-01T12:00:00+03:00", "swap", "advances", quantities=[{"name": "prisoners", "value": 60, "counts": "total"}])
    tracker = track(accord(swap), first, second, total)
    (may,) = tracker.obligation_on("swap", "2021-05-02").quantities
    assert (may.value, may.qualifier) == (50, "at least")
    (june,) = tracker.obligation_on("swap", "2021-06-02").quantities
    assert june.value == 60


def test_duty_without_a_date_says_when_it_stalled() -> None:
    """Work 'as soon as possible' with no report for longer than its stale_after says so."""
    asap = {"id": "asap", "kind": "progress", "bearers": ["A"], "summary": "demine", "stale_after": "P6M"}
    tracker = track(accord(asap), event("step", "2021-04-01T12:00:00+03:00", "asap", "advances"))
    assert tracker.obligation_on("asap", "2021-09-01").stalled_since is None
    late = tracker.obligation_on("asap", "2022-06-01")
    assert late.status is Status.IN_PROGRESS and late.stalled_since is not None
    assert late.headline == "in progress (no progress reported since 2021-04-01)"


def test_contested_link_confidence_is_shown_not_weighed() -> None:
    """A link's confidence and note appear in the explanation; the status is the same as without it."""
    cease = {"id": "cease", "kind": "standing", "bearers": ["A", "B"], "summary": "ceasefire"}
    doubtful = event("blast", "2021-04-01T12:00:00+03:00", "cease", "breaches")
    doubtful["links"][0].update({"confidence": 0.4, "note": "may have been an old mine"})
    result = track(accord(cease), doubtful).obligation_on("cease", "2021-04-01")
    assert result.status is Status.BREACHED
    assert "link of blast made with confidence 0.4: may have been an old mine" in result.explain()


def test_a_proposed_change_is_listed_never_applied() -> None:
    """An extension announced but never agreed is named in the reasons and leaves the deadline as it was."""
    leave = {"id": "out", "kind": "deadline", "bearers": ["F"], "summary": "withdraw", "due": {"by": "2021-06-01"}}
    offer = {"id": "offer", "kind": "move-deadline", "status": "proposed", "obligation": "out", "due": {"by": "2021-09-01"}, "summary": "B offers three more months",
             "agreed": "2021-05-20T00:00:00+03:00", "announced": "2021-05-20T00:00:00+03:00", "sources": [{"source": "claim"}]}
    result = track(accord(leave, amendments=(offer,))).obligation_on("out", "2021-06-02")
    assert result.status is Status.OVERDUE and result.proposals == ("offer",)
    assert result.deadline is not None and result.deadline.latest.date() == dt.date(2021, 6, 1)


def test_an_event_before_the_agreement_is_not_progress() -> None:
    """Progress reported as happening before the obligation took effect does not count, and the answer says so."""
    swap = {"id": "swap", "kind": "progress", "bearers": ["A", "B"], "summary": "swap prisoners"}
    early = event("early", "2021-02-01T12:00:00+03:00", "swap", "advances")
    result = track(accord(swap), early).obligation_on("swap", "2021-03-10")
    assert result.status is Status.PENDING
    assert any("not counted: early" in r and "before the obligation took effect" in r for r in result.reasons)


def test_a_dispute_of_a_step_is_not_a_dispute_of_the_completion() -> None:
    """A party disputing one advancing report does not make the jointly announced completion disputed."""
    swap = {"id": "swap", "kind": "progress", "bearers": ["A", "B"], "summary": "swap prisoners"}
    step = event("step", "2021-04-01T12:00:00+03:00", "swap", "advances", disputed_by=[{"party": "B"}])
    done = event("done", "2021-05-01T12:00:00+03:00", "swap", "fulfils")
    result = track(accord(swap), step, done).obligation_on("swap", "2021-05-02")
    assert result.status is Status.FULFILLED and result.disputed_by == ()


def test_points_may_be_labelled_instead_of_numbered() -> None:
    """Unnumbered articles take their position as their number and keep their own label."""
    points = [{"label": "Preamble", "summary": "why"}, {"label": "Article on withdrawal", "summary": "who leaves", "obligations": [{"id": "out", "kind": "standing", "bearers": ["F"], "summary": "stay out"}]}]
    report = track(accord(points=points)).status_on("2021-04-01")
    assert [(p.number, p.label) for p in report.points] == [(1, "Preamble"), (2, "Article on withdrawal")]
