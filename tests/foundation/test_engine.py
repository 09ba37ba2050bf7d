"""The evaluators, kind by kind, on small agreements written in the test."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import ceasefire
from ceasefire import Status, Tracker

ZONE = "Europe/Moscow"


def accord(*obligations: dict[str, Any], amendments: tuple[dict[str, Any], ...] = ()) -> ceasefire.Agreement:
    """A one-point agreement in force from 1 March 2021, 00:00 Moscow time."""
    return ceasefire.parse_agreement(
        {
            "id": "t",
            "title": "test",
            "zone": ZONE,
            "parties": [{"id": "A", "name": "A", "roles": ["party"]}, {"id": "B", "name": "B", "roles": ["party"]}],
            "announced": "2021-03-01",
            "effective": "2021-03-01T00:00:00+03:00",
            "sources": [{"id": "s", "title": "a source", "published": "2021-03-01T00:00:00+03:00"}],
            "points": [{"number": 1, "summary": "p", "obligations": list(obligations)}],
            "amendments": list(amendments),
        }
    )


def event(eid: str, occurred: Any, obligation: str, role: str, *, reported: str | None = None, **extra: Any) -> dict[str, Any]:
    """An event dict linked to one obligation, reported when it occurred unless told otherwise."""
    return {
        "id": eid,
        "kind": "report",
        "summary": eid,
        "occurred": occurred,
        "reported": reported or (occurred if isinstance(occurred, str) else occurred["latest"]),
        "links": [{"obligation": obligation, "role": role}],
        "sources": [{"source": "s"}],
        **extra,
    }


WATCHED = {"from": "2021-03-01", "to": "2030-12-31"}
"""The coverage of the test logs: watched throughout, so that silence means nothing happened."""


def track(agreement: ceasefire.Agreement, *events: dict[str, Any], covers: Any = WATCHED) -> Tracker:
    """A tracker over ``events``, as one log that declares ``covers`` (none when None)."""
    log: dict[str, Any] = {"zone": ZONE, "events": list(events)}
    if covers is not None:
        log["covers"] = covers
    return Tracker(agreement, ceasefire.parse_events(log))


DEADLINE = {"id": "d", "kind": "deadline", "bearers": ["A"], "summary": "do it", "due": {"by": "2021-03-10"}}


@pytest.mark.parametrize(
    ("occurred", "expected"),
    [
        ("2021-03-10T23:59:59.999999+03:00", Status.FULFILLED),
        ("2021-03-11T00:00:00+03:00", Status.FULFILLED_LATE),
        ({"earliest": "2021-03-10T22:00:00+03:00", "latest": "2021-03-11T02:00:00+03:00"}, Status.UNCERTAIN),
    ],
)
def test_fulfilment_judged_against_the_end_of_the_deadline_day(occurred: Any, expected: Status) -> None:
    """By a date means up to the last instant of that day in the reference zone; a window across it is uncertain."""
    tracker = track(accord(DEADLINE), event("e", occurred, "d", "fulfils"))
    assert tracker.status_on("2021-03-12").obligations[0].status is expected


def test_pending_then_overdue_strictly_after_the_deadline() -> None:
    """With nothing reported, a deadline obligation is pending up to its deadline instant and overdue after it."""
    tracker = track(accord(DEADLINE))
    assert tracker.obligation_on("d", "2021-03-10T23:59:59.999999+03:00").status is Status.PENDING
    assert tracker.obligation_on("d", "2021-03-11T00:00:00+03:00").status is Status.OVERDUE


def test_progress_report_makes_deadline_obligation_in_progress() -> None:
    """A partial report before the deadline turns pending into in progress."""
    tracker = track(accord(DEADLINE), event("p", "2021-03-05T12:00:00+03:00", "d", "advances"))
    assert tracker.obligation_on("d", "2021-03-06").status is Status.IN_PROGRESS


def test_breach_before_fulfilment_is_final() -> None:
    """A reported breach before any fulfilment decides a deadline obligation, even if it is later done."""
    tracker = track(
        accord(DEADLINE),
        event("b", "2021-03-05T12:00:00+03:00", "d", "breaches"),
        event("f", "2021-03-06T12:00:00+03:00", "d", "fulfils"),
    )
    result = tracker.obligation_on("d", "2021-03-07")
    assert result.status is Status.BREACHED and [b.event_id for b in result.breaches] == ["b"]


def test_event_not_yet_surely_happened_is_named_but_not_counted() -> None:
    """An event whose window reaches past the instant asked about is mentioned in the reasons and not counted."""
    window = {"earliest": "2021-03-05T00:00:00+03:00", "latest": "2021-03-08T00:00:00+03:00"}
    result = track(accord(DEADLINE), event("f", window, "d", "fulfils")).obligation_on("d", "2021-03-06")
    assert result.status is Status.PENDING and result.evidence == ()
    assert any("f may already have happened" in r for r in result.reasons)


def test_knowledge_cut_off_hides_later_reports_and_sources() -> None:
    """With a cut-off before an event was reported, the event does not count."""
    tracker = track(accord(DEADLINE), event("f", "2021-03-05T12:00:00+03:00", "d", "fulfils", reported="2021-03-12T09:00:00+03:00"))
    assert tracker.obligation_on("d", "2021-03-11").status is Status.FULFILLED
    assert tracker.obligation_on("d", "2021-03-11", known_on="2021-03-11").status is Status.OVERDUE


def _amendment(kind: str, when: str, **extra: Any) -> dict[str, Any]:
    return {"id": f"{kind}-{when}", "kind": kind, "obligation": "d", "summary": kind, "agreed": when, "announced": when, "sources": [{"source": "s"}], **extra}


def test_suspend_resume_and_end() -> None:
    """Suspension holds from its effect until a resumption; an end is final."""
    tracker = track(
        accord(DEADLINE, amendments=(_amendment("suspend", "2021-03-03"), _amendment("resume", "2021-03-05"), _amendment("end", "2021-03-20"))),
    )
    assert tracker.obligation_on("d", "2021-03-04").status is Status.SUSPENDED
    assert tracker.obligation_on("d", "2021-03-06").status is Status.PENDING
    assert tracker.obligation_on("d", "2021-03-12").status is Status.OVERDUE
    assert tracker.obligation_on("d", "2021-03-21").status is Status.ENDED


def test_moving_deadline_into_the_past_makes_it_overdue_from_the_amendment() -> None:
    """An amendment may move a deadline earlier, even before the instant it takes effect."""
    tracker = track(accord(DEADLINE, amendments=(_amendment("move-deadline", "2021-03-05", due={"by": "2021-03-02"}),)))
    assert tracker.obligation_on("d", "2021-03-04").status is Status.PENDING
    result = tracker.obligation_on("d", "2021-03-05")
    assert result.status is Status.OVERDUE and result.original_deadline != result.deadline


def test_relative_deadline_counts_from_the_anchor_fulfilment() -> None:
    """A deadline 'within P1M after X is fulfilled' waits for X, then counts a calendar month from it."""
    anchor = {"id": "x", "kind": "deadline", "bearers": ["A"], "summary": "meet", "due": {"by": "2021-03-31"}}
    follow = {"id": "y", "kind": "deadline", "bearers": ["A"], "summary": "lists", "due": {"within": "P1M", "after_fulfilment_of": "x"}}
    agreement = accord(anchor, follow)
    assert track(agreement).obligation_on("y", "2021-06-01").status is Status.PENDING
    tracker = track(agreement, event("m", "2021-03-31T10:00:00+03:00", "x", "fulfils"))
    assert tracker.obligation_on("y", "2021-04-30T10:00:00+03:00").status is Status.PENDING
    result = tracker.obligation_on("y", "2021-04-30T10:00:01+03:00")
    assert result.status is Status.OVERDUE
    assert result.deadline == ceasefire.Window.exact(dt.datetime.fromisoformat("2021-04-30T10:00:00+03:00"))


def test_standing_obligation_breach_known_to_a_window_is_uncertain_at_its_instants() -> None:
    """At an instant inside a breach's window the obligation is uncertain; after it, holding with the breach kept."""
    standing = {"id": "c", "kind": "standing", "bearers": ["A", "B"], "summary": "no fire"}
    tracker = track(accord(standing), event("fire", {"earliest": "2021-03-05T01:00:00+03:00", "latest": "2021-03-05T03:00:00+03:00"}, "c", "breaches"))
    assert tracker.obligation_on("c", "2021-03-05T00:59:00+03:00").status is Status.COMPLIED
    assert tracker.obligation_on("c", "2021-03-05T02:00:00+03:00").status is Status.UNCERTAIN
    assert tracker.obligation_on("c", "2021-03-05").status is Status.BREACHED
    later = tracker.obligation_on("c", "2021-03-06")
    assert later.status is Status.HOLDING and [b.event_id for b in later.breaches] == ["fire"]
    assert later.breach_history is not None and later.breach_history.count == 1
    assert later.headline == "holding: no breach reported since 2021-03-05 (1 breach in the loaded evidence)"


def test_exact_breach_is_breached_at_its_instant_only() -> None:
    """A breach timed to the instant makes that instant breached, and the instant before it complied."""
    standing = {"id": "c", "kind": "standing", "bearers": ["A", "B"], "summary": "no fire"}
    tracker = track(accord(standing), event("fire", "2021-03-05T01:00:00+03:00", "c", "breaches"))
    assert tracker.obligation_on("c", "2021-03-05T01:00:00+03:00").status is Status.BREACHED
    assert tracker.obligation_on("c", "2021-03-05T00:59:59.999999+03:00").status is Status.COMPLIED
    assert tracker.obligation_on("c", "2021-03-05T01:00:00.000001+03:00").status is Status.HOLDING


def test_one_day_clash_read_in_baku_is_uncertain_the_day_before_and_breached_on_its_day() -> None:
    """A clash coded for 11 December in Baku: 10 December (Moscow) uncertain, 11th breached, 12th holding with one breach."""
    standing = {"id": "c", "kind": "standing", "bearers": ["A", "B"], "summary": "no fire"}
    tracker = track(accord(standing), event("clash", "2021-12-11[Asia/Baku]", "c", "breaches", reported="2021-12-12[Asia/Baku]"))
    assert tracker.obligation_on("c", "2021-12-10").status is Status.UNCERTAIN
    assert tracker.obligation_on("c", "2021-12-11").status is Status.BREACHED
    after = tracker.obligation_on("c", "2021-12-12")
    assert after.status is Status.HOLDING
    assert after.breach_history is not None and (after.breach_history.count, after.breach_history.latest_id) == (1, "clash")


def test_lasting_breach_is_breached_throughout_and_ongoing_one_until_the_evidence_ends() -> None:
    """A blockade with an end is breached on every day inside it; an ongoing one stays breached up to the coverage's end."""
    standing = {"id": "c", "kind": "standing", "bearers": ["A", "B"], "summary": "keep the road open"}
    ended = event("block", "2022-12-12[Asia/Baku]", "c", "breaches", reported="2022-12-12[Asia/Baku]", until={"earliest": "2023-09-19[Asia/Baku]", "latest": "2023-09-20[Asia/Baku]"})
    tracker = track(accord(standing), ended)
    assert tracker.obligation_on("c", "2023-03-01T12:00:00+03:00").status is Status.BREACHED
    assert tracker.obligation_on("c", "2023-09-19T23:30:00+03:00").status is Status.UNCERTAIN
    assert tracker.obligation_on("c", "2023-09-22").status is Status.HOLDING
    ongoing = event("block", "2022-12-12[Asia/Baku]", "c", "breaches", reported="2022-12-12[Asia/Baku]", ongoing=True)
    watched = track(accord(standing), ongoing, covers={"from": "2021-03-01", "to": "2023-06-30"})
    assert watched.obligation_on("c", "2023-06-30").status is Status.BREACHED
    beyond = watched.obligation_on("c", "2023-07-01")
    assert beyond.status is Status.UNMONITORED
    assert beyond.horizon is not None and beyond.horizon.last_known is Status.BREACHED


def test_a_day_with_a_reported_breach_stays_breached_beside_an_ongoing_one() -> None:
    """A day on which an exact breach was reported reads breached even when an older ongoing breach is also known and the evidence ends within the day."""
    standing = {"id": "c", "kind": "standing", "bearers": ["A", "B"], "summary": "no fire"}
    ongoing = event("block", "2021-03-01T02:00:00+03:00", "c", "breaches", reported="2021-03-01T03:00:00+03:00", ongoing=True)
    clash = event("clash", "2021-03-02T06:00:00+03:00", "c", "breaches", reported="2021-03-02T07:00:00+03:00")
    cutoff = "2021-03-02T08:00:00+03:00"
    for events in ((clash,), (ongoing, clash), (ongoing,)):
        found = track(accord(standing), *events).obligation_on("c", "2021-03-02", known_on=cutoff)
        assert found.status is Status.BREACHED, [e["id"] for e in events]
    # past the end of the evidence, the ongoing breach alone rests on silence
    later = track(accord(standing), ongoing).obligation_on("c", "2021-03-03", known_on=cutoff)
    assert later.status is Status.UNMONITORED


def test_an_ongoing_breach_that_began_in_the_day_asked_about_makes_it_breached_unwatched() -> None:
    """Past the evidence, an ongoing breach rests on silence, except on the day it began: its beginning is a breach reported that day."""
    standing = {"id": "c", "kind": "standing", "bearers": ["A", "B"], "summary": "no fire"}
    offensive = event("offensive", "2021-03-02T06:00:00+03:00", "c", "breaches", reported="2021-03-02T07:00:00+03:00", ongoing=True)
    watched = {"from": "2021-02-01", "to": "2021-02-28"}  # the log watched February only: nothing watched the days asked about
    tracker = track(accord(standing), offensive, covers=watched)
    day = tracker.obligation_on("c", "2021-03-02")
    assert day.status is Status.BREACHED
    assert tracker.obligation_on("c", "2021-03-03").status is Status.UNMONITORED
    # at one instant of the day after it began, only silence says it is still going on
    assert tracker.obligation_on("c", "2021-03-02T20:00:00+03:00").status is Status.UNMONITORED
    # begun the day before, it is on in the day asked about only by silence
    older = event("offensive", "2021-03-01T06:00:00+03:00", "c", "breaches", reported="2021-03-01T07:00:00+03:00", ongoing=True)
    assert track(accord(standing), older, covers=watched).obligation_on("c", "2021-03-02").status is Status.UNMONITORED


def test_a_lasting_breach_begun_before_the_obligation_counts_once_it_binds() -> None:
    """A blockade that began before a duty took effect and goes on after it breaches the duty; one over before it does not count."""
    standing = {"id": "c", "kind": "standing", "bearers": ["A", "B"], "summary": "keep the road open", "effective": "2021-03-01T10:00:00+03:00"}
    for extra in ({"ongoing": True}, {"until": "2021-03-01T15:00:00+03:00"}):
        block = event("block", "2021-03-01T02:00:00+03:00", "c", "breaches", reported="2021-03-01T03:00:00+03:00", **extra)
        found = track(accord(standing), block).obligation_on("c", "2021-03-01T12:00:00+03:00")
        assert found.status is Status.BREACHED, extra
    over = event("block", "2021-03-01T02:00:00+03:00", "c", "breaches", reported="2021-03-01T03:00:00+03:00", until="2021-03-01T08:00:00+03:00")
    found = track(accord(standing), over).obligation_on("c", "2021-03-01T12:00:00+03:00")
    assert found.status is Status.COMPLIED
    assert any("over before the obligation took effect" in reason for reason in found.reasons)


def test_silence_beyond_the_coverage_is_unmonitored_but_facts_stay() -> None:
    """Past the end of the evidence, pending and complied become unmonitored with the last known status; a fulfilment stays."""
    standing = {"id": "c", "kind": "standing", "bearers": ["A", "B"], "summary": "no fire"}
    other = {**DEADLINE, "id": "e"}
    tracker = track(accord(standing, DEADLINE, other), event("done", "2021-03-05T12:00:00+03:00", "d", "fulfils"), covers={"from": "2021-03-01", "to": "2021-03-08"})
    report = tracker.status_on("2021-03-20")
    assert report["d"].status is Status.FULFILLED
    assert report["c"].status is Status.UNMONITORED
    assert report["c"].horizon is not None and report["c"].horizon.last_known is Status.COMPLIED
    assert report["e"].status is Status.UNMONITORED
    assert report["e"].horizon is not None and report["e"].horizon.last_known is Status.PENDING
    assert report["e"].deadline is not None
    assert report.evidence_ends is not None and report.evidence_ends.date() == dt.date(2021, 3, 8)


def test_coverage_limited_to_some_obligations_leaves_the_others_unmonitored() -> None:
    """A log that speaks only to the ceasefire says nothing of a deadline: the deadline is unmonitored."""
    standing = {"id": "c", "kind": "standing", "bearers": ["A", "B"], "summary": "no fire"}
    tracker = track(accord(standing, DEADLINE), covers={"from": "2021-03-01", "to": "2021-12-31", "obligations": ["c"]})
    report = tracker.status_on("2021-03-20")
    assert report["c"].status is Status.COMPLIED
    assert report["d"].status is Status.UNMONITORED


def test_completed_withdrawal_ends_a_term_early() -> None:
    """An event with the role 'ends' ends a renewable term from its instant, distinct from a notice."""
    term = {"id": "t", "kind": "term", "bearers": ["A"], "summary": "stay", "period": "P5Y", "renewal": "P5Y", "notice": "P6M"}
    tracker = track(accord(term), event("gone", "2024-06-12[Asia/Baku]", "t", "ends"))
    assert tracker.obligation_on("t", "2024-06-01").status is Status.IN_FORCE
    done = tracker.obligation_on("t", "2024-06-13")
    assert done.status is Status.ENDED and done.ended_by == "gone"
    assert [e.event_id for e in done.evidence] == ["gone"]


def test_the_whole_agreement_ending_ends_every_obligation() -> None:
    """An event that ends the whole agreement makes every obligation ended from then, with the event as the reason."""
    standing = {"id": "c", "kind": "standing", "bearers": ["A", "B"], "summary": "no fire"}
    end = event("over", "2023-09-20T12:00:00+03:00", "c", "context", ends_agreement={"how": "collapsed", "note": "forces took the area"})
    report = track(accord(standing, DEADLINE), end).status_on("2023-09-21")
    assert {o.status for o in report} == {Status.ENDED}
    assert report.agreement_end == "over"
    assert all(o.ended_by == "over" for o in report)
    assert report.point(1).status is Status.ENDED



def test_an_obligation_that_never_took_effect_is_ended_with_the_agreement() -> None:
    """An obligation due to bind after the whole agreement ended reads ended (never bound), not 'not yet in force'."""
    later = {"id": "late", "kind": "standing", "bearers": ["A"], "summary": "hold later", "effective": "2024-01-01T00:00:00+03:00"}
    end = event("over", "2023-09-20T12:00:00+03:00", "d", "context", ends_agreement={"how": "collapsed"})
    result = track(accord(later, DEADLINE), end).obligation_on("late", "2023-12-01")
    assert result.status is Status.ENDED and result.ended_by == "over"
    assert any("never bound" in r for r in result.reasons)
    before = track(accord(later, DEADLINE), end).obligation_on("late", "2023-09-01")
    assert before.status is Status.NOT_YET_IN_FORCE


def test_a_dependency_never_met_before_the_end_is_ended_too() -> None:
    """An obligation waiting on another's fulfilment that never came reads ended once the whole agreement ended."""
    waits = {"id": "w", "kind": "standing", "bearers": ["A"], "summary": "after d", "depends_on": "d"}
    end = event("over", "2023-09-20T12:00:00+03:00", "d", "context", ends_agreement={"how": "collapsed"})
    result = track(accord(waits, DEADLINE), end).obligation_on("w", "2023-12-01")
    assert result.status is Status.ENDED
    assert any("binds once d is fulfilled" in r for r in result.reasons) and any("never bound" in r for r in result.reasons)

def test_waiting_on_an_unwatched_dependency_is_unmonitored_not_yet_in_force() -> None:
    """An obligation waiting for another's fulfilment reads not yet in force only while the evidence watches that other one; past its coverage it is unmonitored, naming the last status seen, and the timeline changes there too."""
    waits = {"id": "w", "kind": "standing", "bearers": ["A"], "summary": "after d", "depends_on": "d"}
    watched = [{"from": "2021-03-01", "to": "2021-03-20", "obligations": ["d"]}, {"from": "2021-03-01", "to": "2021-06-30", "obligations": ["w"]}]
    tracker = track(accord(waits, DEADLINE), covers=watched)
    inside = tracker.obligation_on("w", "2021-03-15")
    assert inside.status is Status.NOT_YET_IN_FORCE and inside.horizon is None
    beyond = tracker.obligation_on("w", "2021-04-15")
    assert beyond.status is Status.UNMONITORED
    assert beyond.horizon is not None and beyond.horizon.last_known is Status.NOT_YET_IN_FORCE
    assert any("no loaded evidence watches d" in r for r in beyond.reasons)
    line = tracker.timeline("2021-03-01", "2021-05-01").for_obligation("w")
    assert [i.status for i in line] == [Status.NOT_YET_IN_FORCE, Status.UNMONITORED]
    assert line[1].start.date().isoformat() == "2021-03-20" and not line[1].start_inclusive


def test_an_agreement_ended_twice_is_refused() -> None:
    """Two different endings of the whole agreement are an error naming both."""
    one = event("one", "2023-09-20T12:00:00+03:00", "d", "context", ends_agreement={"how": "collapsed"})
    two = event("two", "2023-09-21T12:00:00+03:00", "d", "context", ends_agreement={"how": "superseded"})
    with pytest.raises(ceasefire.errors.EndingConflictError, match="'two'.*'one'"):
        track(accord(DEADLINE), one, two)


def test_breach_history_stays_after_the_obligation_ends() -> None:
    """A standing obligation ended by an amendment keeps its breach history in the answer."""
    standing = {"id": "c", "kind": "standing", "bearers": ["A", "B"], "summary": "no fire"}
    stop = {"id": "stop", "kind": "end", "summary": "ended", "obligation": "c", "agreed": "2021-03-10T00:00:00+03:00", "announced": "2021-03-10T00:00:00+03:00", "sources": [{"source": "s"}]}
    result = track(accord(standing, amendments=(stop,)), event("fire", "2021-03-05T01:00:00+03:00", "c", "breaches")).obligation_on("c", "2021-03-16")
    assert result.status is Status.ENDED
    assert result.breach_history is not None and result.breach_history.count == 1
    assert any("1 breach in the loaded evidence while it bound" in r for r in result.reasons)


def test_quantities_under_a_target_alias_count_towards_it() -> None:
    """A figure reported as 'people returned' counts towards a target named 'people' that declares that alias."""
    work = {"id": "w", "kind": "progress", "bearers": ["A"], "summary": "returns", "targets": [{"name": "people", "value": 100, "aliases": ["people returned", "refugees"]}]}
    step = event("r", "2021-03-05T12:00:00+03:00", "w", "advances", quantities=[{"name": "people returned", "value": 150, "qualifier": "at least"}])
    result = track(accord(work), step).obligation_on("w", "2021-03-06")
    assert [(q.name, q.reported_as) for q in result.quantities] == [("people", "people returned")]
    assert result.status is Status.FULFILLED


def test_term_renewing_often_counts_every_period() -> None:
    """A term renewing every day for decades counts its periods exactly: the period holding 2060 starts in 2060."""
    term = {"id": "t", "kind": "term", "bearers": ["A"], "summary": "stay", "period": "P1D", "renewal": "P1D"}
    state = track(accord(term)).obligation_on("t", "2060-06-15T12:00:00+03:00").term
    assert state is not None and state.period_start.date() == dt.date(2060, 6, 15)
    assert state.period_index == (dt.date(2060, 6, 15) - dt.date(2021, 3, 1)).days


def test_far_future_beyond_the_calendar_is_a_clear_error() -> None:
    """Asking about a renewing term at the end of the calendar raises a typed error, not an overflow."""
    term = {"id": "t", "kind": "term", "bearers": ["A"], "summary": "stay", "period": "P5Y", "renewal": "P5Y"}
    with pytest.raises(ceasefire.errors.InvalidTimeError, match="9999"):
        track(accord(term)).obligation_on("t", "9999-12-31")


def test_progress_fulfilled_when_every_target_is_surely_met() -> None:
    """Progress with targets is fulfilled when firm figures reach them; an approximate figure never does."""
    work = {"id": "w", "kind": "progress", "bearers": ["A"], "summary": "deploy", "targets": [{"name": "troops", "value": 100}]}
    about = event("r1", "2021-03-03T12:00:00+03:00", "w", "advances", quantities=[{"name": "troops", "value": 120, "qualifier": "about"}])
    firm = event("r2", "2021-03-04T12:00:00+03:00", "w", "advances", quantities=[{"name": "troops", "value": 100}])
    assert track(accord(work), about).obligation_on("w", "2021-03-05").status is Status.IN_PROGRESS
    assert track(accord(work), about, firm).obligation_on("w", "2021-03-05").status is Status.FULFILLED


def test_term_renews_and_ends_after_timely_notice() -> None:
    """A term renews by itself; notice given before the notice date ends it at that period's end."""
    term = {"id": "t", "kind": "term", "bearers": ["A"], "summary": "stay", "period": "P1Y", "renewal": "P1Y", "notice": "P3M"}
    quiet = track(accord(term))
    state = quiet.obligation_on("t", "2022-03-02").term
    assert state is not None and state.period_index == 1 and state.period_end.year == 2023
    notice = event("n", "2022-11-01T12:00:00+03:00", "t", "notice")
    tracker = track(accord(term), notice)
    assert tracker.obligation_on("t", "2023-02-28").status is Status.IN_FORCE
    assert tracker.obligation_on("t", "2023-03-01").status is Status.ENDED
    late = track(accord(term), event("n", "2022-12-15T12:00:00+03:00", "t", "notice"))
    assert late.obligation_on("t", "2023-03-01").status is Status.IN_FORCE
    assert late.obligation_on("t", "2024-03-01").status is Status.ENDED


def test_point_rolls_up_to_its_most_severe_obligation() -> None:
    """A point takes the most severe status among its obligations."""
    standing = {"id": "c", "kind": "standing", "bearers": ["A"], "summary": "no fire"}
    report = track(accord(DEADLINE, standing)).status_on("2021-03-12")
    assert report.point(1).status is Status.OVERDUE


def test_disputed_events_are_flagged() -> None:
    """A counted event that a party disputes marks the result as disputed, by whom."""
    disputed = event("f", "2021-03-05T12:00:00+03:00", "d", "fulfils", disputed_by=[{"party": "B", "note": "denies it"}])
    result = track(accord(DEADLINE), disputed).obligation_on("d", "2021-03-06")
    assert result.disputed_by == ("B",) and "disputed by B" in result.explain()


def test_candidate_events_count_only_when_asked() -> None:
    """Events with status candidate are ignored unless the tracker is told to include them."""
    candidate = event("f", "2021-03-05T12:00:00+03:00", "d", "fulfils", status="candidate")
    agreement = accord(DEADLINE)
    log = ceasefire.parse_events({"zone": ZONE, "covers": WATCHED, "events": [candidate]})
    assert Tracker(agreement, log).obligation_on("d", "2021-03-06").status is Status.PENDING
    assert Tracker(agreement, log, candidates=True).obligation_on("d", "2021-03-06").status is Status.FULFILLED


def test_every_kind_has_an_evaluator() -> None:
    """Each obligation kind the models know is dispatched to an evaluator."""
    from ceasefire.engine.rules import EVALUATORS
    from ceasefire.model import OBLIGATION_KINDS

    assert set(EVALUATORS) == set(OBLIGATION_KINDS)


def test_event_place_is_matched_through_aliases() -> None:
    """An event placed under another name of a place is shown with the canonical name as well as its own."""
    agreement = accord(DEADLINE).model_copy(update={"places": [ceasefire.model.Place(name="Kalbajar", aliases=["Karvachar", "Kelbajar"])]})
    result = track(agreement, event("f", "2021-03-05T12:00:00+03:00", "d", "fulfils", place="Karvachar")).obligation_on("d", "2021-03-06")
    (evidence,) = result.evidence
    assert (evidence.place, evidence.canonical_place) == ("Karvachar", "Kalbajar")


def test_sources_include_the_breaches_cited() -> None:
    """The sources behind a status include those of the breaches counted, not only of fulfilments."""
    standing = {"id": "c", "kind": "standing", "bearers": ["A", "B"], "summary": "no fire"}
    fire = event("fire", "2021-03-05T01:00:00+03:00", "c", "breaches")
    result = track(accord(standing), fire).obligation_on("c", "2021-03-06")
    assert result.status is Status.HOLDING
    assert [c.source_id for c in result.sources] == ["s"]


def test_context_reports_are_shown_apart_and_never_counted() -> None:
    """An event linked as context is listed as background and changes no status."""
    background = event("talks", "2021-03-05T12:00:00+03:00", "d", "context")
    result = track(accord(DEADLINE), background).obligation_on("d", "2021-03-06")
    assert result.status is Status.PENDING and result.evidence == ()
    assert [e.event_id for e in result.context] == ["talks"]
    assert "background (not counted): talks" in result.explain()


def test_unlinked_events_are_visible_under_the_same_rules() -> None:
    """Events linked to nothing are listed once surely happened and known, and never otherwise."""
    loose = event("visit", "2021-03-05T12:00:00+03:00", "d", "context", reported="2021-03-08T12:00:00+03:00")
    loose["links"] = []
    tracker = track(accord(DEADLINE), loose)
    assert [e.event_id for e in tracker.view("2021-03-09").unlinked()] == ["visit"]
    assert tracker.view("2021-03-04").unlinked() == []
    assert tracker.view("2021-03-09", known_on="2021-03-07").unlinked() == []


def test_relative_new_deadline_counts_from_the_obligation_effect() -> None:
    """A move to 'within P2D' counts from when the obligation binds, in the status and in the amendment record alike."""
    late_start = {**DEADLINE, "effective": "2021-03-05T00:00:00+03:00", "due": {"by": "2021-03-10"}}
    move = _amendment("move-deadline", "2021-03-06", due={"within": "P2D"})
    result = track(accord(late_start, amendments=(move,))).obligation_on("d", "2021-03-06")
    expected = ceasefire.Window.exact(dt.datetime.fromisoformat("2021-03-07T00:00:00+03:00"))
    assert result.deadline == expected
    assert result.amendments[0].new_deadline == expected


def test_a_late_timeline_of_a_renewing_term_walks_only_its_own_periods() -> None:
    """The change points of a daily-renewing term seen from 8999 are that month's period ends, not every one since 2021."""
    from ceasefire.engine.changepoints import change_points
    from ceasefire.time import end_of_day, start_of_day

    term = {"id": "t", "kind": "term", "bearers": ["A"], "summary": "stay", "period": "P1D", "renewal": "P1D"}
    tracker = track(accord(term))
    entry = tracker.index.entries["t"]
    since, until = start_of_day(dt.date(8999, 1, 1), ZONE), end_of_day(dt.date(8999, 1, 31), ZONE)
    periods = [at for at, causes in change_points(entry, tracker.index, until, since=since).items() if any(c.kind == "term-period" for c in causes)]
    assert 31 <= len(periods) <= 32
    assert len(tracker.timeline("8999-01-01", "8999-01-31").for_obligation("t")) >= 1


def test_a_month_after_a_day_that_clamps_covers_the_whole_last_day() -> None:
    """A relative deadline one month after a day straddling 30 and 31 January (Moscow) is the whole of the month's last day."""
    from ceasefire.time import Span, Window

    day = Window.day(dt.date(2021, 1, 31), "Asia/Baku")
    moved = day.shifted(Span.parse("P1M"), ZONE)
    assert moved.earliest.isoformat().startswith("2021-02-28T00:00:00") and moved.latest.isoformat().startswith("2021-02-28T23:59:59")
