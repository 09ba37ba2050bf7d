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


def track(agreement: ceasefire.Agreement, *events: dict[str, Any]) -> Tracker:
    return Tracker(agreement, ceasefire.parse_events({"zone": ZONE, "events": list(events)}))


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


def test_standing_obligation_breached_over_the_reported_period_only() -> None:
    """A standing obligation is breached while a reported breach lasts and complied otherwise, breaches kept to date."""
    standing = {"id": "c", "kind": "standing", "bearers": ["A", "B"], "summary": "no fire"}
    tracker = track(accord(standing), event("fire", {"earliest": "2021-03-05T01:00:00+03:00", "latest": "2021-03-05T03:00:00+03:00"}, "c", "breaches"))
    assert tracker.obligation_on("c", "2021-03-05T02:00:00+03:00").status is Status.BREACHED
    later = tracker.obligation_on("c", "2021-03-06")
    assert later.status is Status.COMPLIED and [b.event_id for b in later.breaches] == ["fire"]


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
    notice = event("n", "2022-11-01T12:00:00+03:00", "t", "ends")
    tracker = track(accord(term), notice)
    assert tracker.obligation_on("t", "2023-02-28").status is Status.IN_FORCE
    assert tracker.obligation_on("t", "2023-03-01").status is Status.ENDED
    late = track(accord(term), event("n", "2022-12-15T12:00:00+03:00", "t", "ends"))
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
    log = ceasefire.parse_events({"zone": ZONE, "events": [candidate]})
    assert Tracker(agreement, log).obligation_on("d", "2021-03-06").status is Status.PENDING
    assert Tracker(agreement, log, candidates=True).obligation_on("d", "2021-03-06").status is Status.FULFILLED


def test_every_kind_has_an_evaluator() -> None:
    """Each obligation kind the models know is dispatched to an evaluator."""
    from ceasefire.evaluate import EVALUATORS
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
    assert result.status is Status.COMPLIED
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
