"""Pages with no date line: a bound on their publication that never hides the events they report."""

from __future__ import annotations

from typing import Any

import pytest

import ceasefire
from ceasefire import Status, Tracker

ZONE = "Europe/Moscow"


def agreement() -> ceasefire.Agreement:
    """A one-obligation agreement in force from 1 March 2021: a road to be reopened."""
    return ceasefire.parse_agreement(
        {
            "id": "t", "title": "test", "zone": ZONE, "announced": "2021-03-01", "effective": "2021-03-01T00:00:00+03:00",
            "parties": [{"id": "A", "name": "Army of A", "roles": ["party", "signatory"]}],
            "points": [{"number": 1, "summary": "road", "obligations": [{"id": "road", "kind": "progress", "bearers": ["A"], "summary": "reopen the road"}]}],
        }
    )


def tracker(source: dict[str, Any], **event: Any) -> Tracker:
    """A tracker over one report of the road reopening on 3 April 2021, citing ``source``."""
    opened = {"id": "open", "kind": "report", "summary": "road reopened", "occurred": "2021-04-03",
              "links": [{"obligation": "road", "role": "fulfils"}], "sources": [{"source": source["id"], "quote": "The road is open."}], **event}
    log = {"zone": ZONE, "covers": {"from": "2021-03-01", "to": "2021-12-31"}, "sources": [source], "events": [opened]}
    return Tracker(agreement(), ceasefire.parse_events(log))


UNDATED = {"id": "page", "title": "an undated page", "url": "https://example.org/road", "read": "2021-05-02", "published_not_after": "2021-04-14"}


def test_undated_event_counts_under_a_cut_off_before_its_bound() -> None:
    """As known on 5 April, a reopening on 3 April reported by a page out by 14 April counts: the bound does not hide it."""
    result = tracker(UNDATED).obligation_on("road", "2021-04-05", known_on="2021-04-05")
    assert result.status is Status.FULFILLED
    assert [e.event_id for e in result.evidence] == ["open"]


def test_answer_shows_the_whole_first_report_window_and_says_what_it_rests_on() -> None:
    """The event's first report is shown as the whole window it can lie in, and the reasons name the undated page."""
    result = tracker(UNDATED).obligation_on("road", "2021-04-05", known_on="2021-04-05")
    (seen,) = result.evidence
    assert (seen.reported.earliest.isoformat(), seen.reported.latest.date().isoformat()) == ("2021-04-03T00:00:00+03:00", "2021-04-14")
    (caveat,) = [r for r in result.reasons if "undated page" in r]
    assert "open rests on an undated page (page)" in caveat and "as known on end of 2021-04-05" in caveat


def test_no_caveat_once_the_bound_has_passed() -> None:
    """As known on 20 April, after the page's bound, the answer no longer depends on its date and says nothing of it."""
    result = tracker(UNDATED).obligation_on("road", "2021-04-20", known_on="2021-04-20")
    assert result.status is Status.FULFILLED
    assert not any("undated page" in r for r in result.reasons)
    assert result.evidence[0].reported.latest.date().isoformat() == "2021-04-14"


def test_not_known_before_the_event_can_have_happened() -> None:
    """As known on 1 April, before the reopening can have happened, nothing is counted: no report can precede it."""
    result = tracker(UNDATED).obligation_on("road", "2021-04-01", known_on="2021-04-01")
    assert result.status is Status.PENDING and result.evidence == ()


def test_a_dated_source_beside_it_tightens_the_window() -> None:
    """When the event also cites a page dated 6 April, its first report lies between 3 and 6 April."""
    dated = {"id": "wire", "title": "a dated wire", "published": "2021-04-06"}
    log = ceasefire.parse_events({
        "zone": ZONE, "covers": {"from": "2021-03-01", "to": "2021-12-31"}, "sources": [UNDATED, dated],
        "events": [{"id": "open", "kind": "report", "summary": "road reopened", "occurred": "2021-04-03",
                    "links": [{"obligation": "road", "role": "fulfils"}], "sources": [{"source": "page"}, {"source": "wire"}]}],
    })
    (seen,) = Tracker(agreement(), log).obligation_on("road", "2021-04-05", known_on="2021-04-05").evidence
    assert seen.reported.latest.date().isoformat() == "2021-04-06"


def test_a_reported_time_wins_over_the_bound() -> None:
    """An event that gives its own 'reported' time counts from it, and nothing is said of the page's date."""
    result = tracker(UNDATED, reported="2021-04-10").obligation_on("road", "2021-04-12", known_on="2021-04-12")
    assert result.status is Status.FULFILLED and not any("undated page" in r for r in result.reasons)
    assert tracker(UNDATED, reported="2021-04-10").obligation_on("road", "2021-04-05", known_on="2021-04-05").status is Status.PENDING


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"published": "2021-04-10"}, "both 'published' and 'published_not_after'"),
        ({"read": "2021-04-01"}, "after the day it was read"),
    ],
)
def test_contradictory_publication_is_refused(extra: dict[str, Any], message: str) -> None:
    """A page both dated and bounded, or bounded after the day it was read, is a typed error saying why."""
    with pytest.raises(ceasefire.errors.CeasefireError, match=message):
        tracker({**UNDATED, **extra})


def test_an_event_on_an_unbounded_undated_page_is_still_refused() -> None:
    """A page with neither 'published' nor 'published_not_after' cannot place its events, and the error names the new field."""
    with pytest.raises(ceasefire.errors.CeasefireError, match="published_not_after"):
        tracker({k: v for k, v in UNDATED.items() if k != "published_not_after"})


def test_a_later_version_on_a_dated_page_is_not_given_the_undated_window() -> None:
    """When a correction of the event cites only a dated page, its evidence keeps that page's date and no caveat."""
    dated = {"id": "wire", "title": "a dated wire", "published": "2021-04-08"}
    first = {"id": "open", "kind": "report", "summary": "road reopened", "occurred": "2021-04-03", "version": "2021-04-03T12:00:00+03:00",
             "links": [{"obligation": "road", "role": "fulfils"}], "sources": [{"source": "page"}]}
    second = {**first, "version": "2021-04-08T12:00:00+03:00", "summary": "road reopened (corrected)", "sources": [{"source": "wire"}]}
    log = ceasefire.parse_events({"zone": ZONE, "covers": {"from": "2021-03-01", "to": "2021-12-31"}, "sources": [UNDATED, dated], "events": [first, second]})
    tracker = Tracker(agreement(), log)
    (early,) = tracker.obligation_on("road", "2021-04-05", known_on="2021-04-05").evidence
    assert early.reported.latest.date().isoformat() == "2021-04-14"
    later = tracker.obligation_on("road", "2021-04-10", known_on="2021-04-10")
    (seen,) = later.evidence
    assert seen.summary == "road reopened (corrected)" and seen.reported.latest.date().isoformat() == "2021-04-08"
    assert not any("undated page" in r for r in later.reasons)


def test_timeline_intervals_carry_the_window_and_the_caveat() -> None:
    """A timeline's interval that starts with the reopening shows the same first-report window and caveat as ``obligation_on``."""
    found = tracker(UNDATED).timeline("2021-03-01", "2021-04-05", known_on="2021-04-05")
    done = [i for i in found.for_obligation("road") if i.status is Status.FULFILLED]
    assert len(done) == 1
    (seen,) = done[0].state.evidence
    assert seen.reported.latest.date().isoformat() == "2021-04-14"
    assert any("open rests on an undated page (page)" in r for r in done[0].state.reasons)
