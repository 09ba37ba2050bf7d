"""A term that ended on notice names the notice as what ended it; one that ran out names nothing, since its own calendar ended it."""

from __future__ import annotations

from _hourly import at, hourly_tracker


def _term(**more: object) -> dict[str, object]:
    return {"id": "t", "kind": "term", "bearers": ["A"], "summary": "t", "period": "PT10H", **more}


def test_a_term_ended_on_notice_names_the_notice() -> None:
    """Notice given at hour 3 for a ten-hour term that renews ends it at hour 10; from then ``ended_by`` is the notice, and the table says so."""
    notice = {"id": "notice-1", "occurred": at(3), "reported": at(3), "links": [{"obligation": "t", "role": "notice"}]}
    tracker = hourly_tracker([_term(renewal="PT10H")], [notice])
    before = tracker.obligation_on("t", at(9))
    assert str(before.status) == "in force" and before.ended_by is None
    after = tracker.obligation_on("t", at(10))
    assert str(after.status) == "ended"
    assert after.ended_by == "notice-1"
    assert after.headline.startswith("ended (by notice-1)")


def test_a_term_that_ran_out_names_nothing() -> None:
    """A term that does not renew ends when its period runs out, notice or none: ``ended_by`` stays empty and the reason says it ran out."""
    notice = {"id": "notice-1", "occurred": at(3), "reported": at(3), "links": [{"obligation": "t", "role": "notice"}]}
    for events in ([], [notice]):
        answer = hourly_tracker([_term()], events).obligation_on("t", at(11))
        assert str(answer.status) == "ended"
        assert answer.ended_by is None
        assert any("ran out" in r for r in answer.reasons)
