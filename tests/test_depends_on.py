"""Obligations that wait on another (their own start and supplement come first, nothing before they bound counts), and ones only proposed."""

from __future__ import annotations

from typing import Any

from _hourly import HOUR0, hourly_tracker
from _hourly import at as _at

_tracker = hourly_tracker


def _deadline(ident: str, hour: int, **more: Any) -> dict[str, Any]:
    return {"id": ident, "kind": "deadline", "bearers": ["A"], "summary": ident, "due": {"at": _at(hour)}, **more}


def test_before_its_own_start_it_is_not_yet_in_force_whatever_is_watched() -> None:
    """Before its own start an obligation waiting on another is not yet in force, not unmonitored for want of watching the other."""
    standing = {"id": "s1", "kind": "standing", "bearers": ["A"], "summary": "s1", "effective": _at(20), "depends_on": "d0"}
    tracker = _tracker([_deadline("d0", 30), standing], covers_from="2021-03-02T00:00:00+04:00")
    answer = tracker.obligation_on("s1", _at(10))
    assert str(answer.status) == "not yet in force"
    assert any("takes effect" in r for r in answer.reasons)
    under_cut_off = _tracker([_deadline("d0", 30), standing]).obligation_on("s1", _at(10), known_on=_at(5))
    assert str(under_cut_off.status) == "not yet in force"


def test_a_supplement_not_yet_announced_is_the_reason_not_the_wait() -> None:
    """An obligation added by a supplement announced after the cut-off is not yet in force as unknown, not unmonitored for its wait."""
    supplement = {"id": "sup", "kind": "supplement", "summary": "adds xd", "point": 1, "agreed": HOUR0, "announced": _at(5),
                  "obligations": [_deadline("xd", 10, depends_on="d0")], "sources": [{"source": "r"}]}
    tracker = _tracker([_deadline("d0", 10)], amendments=[supplement])
    answer = tracker.obligation_on("xd", _at(3), known_on=_at(2))
    assert str(answer.status) == "not yet in force"
    assert any("after the knowledge cut-off" in r for r in answer.reasons)


def test_a_breach_before_the_duty_bound_does_not_count() -> None:
    """A breach seven hours before the other obligation was fulfilled is set aside, with why, and the duty reads complied."""
    standing = {"id": "s1", "kind": "standing", "bearers": ["A"], "summary": "s1", "depends_on": "d0"}
    events = [
        {"id": "e0", "kind": "attack", "occurred": _at(3), "reported": _at(4), "links": [{"obligation": "s1", "role": "breaches"}]},
        {"id": "e1", "kind": "handover", "occurred": _at(10), "reported": _at(11), "links": [{"obligation": "d0", "role": "fulfils"}]},
    ]
    answer = _tracker([_deadline("d0", 30), standing], events).obligation_on("s1", _at(12))
    assert str(answer.status) == "complied"
    assert any(r.startswith("not counted: e0") and "before the obligation took effect" in r for r in answer.reasons)


def test_a_fulfilment_before_the_duty_bound_does_not_count() -> None:
    """A deadline obligation done before the one it waits on was fulfilled is still pending once it binds."""
    events = [
        {"id": "e0", "kind": "handover", "occurred": _at(3), "reported": _at(4), "links": [{"obligation": "d1", "role": "fulfils"}]},
        {"id": "e1", "kind": "handover", "occurred": _at(10), "reported": _at(11), "links": [{"obligation": "d0", "role": "fulfils"}]},
    ]
    tracker = _tracker([_deadline("d0", 30), _deadline("d1", 20, depends_on="d0")], events)
    assert str(tracker.obligation_on("d1", _at(12)).status) == "pending"
    assert str(tracker.obligation_on("d1", _at(21)).status) == "overdue"


def test_a_breach_after_the_duty_bound_counts() -> None:
    """The same breach after the fulfilment it waited on makes the duty breached at its instant and holding after."""
    standing = {"id": "s1", "kind": "standing", "bearers": ["A"], "summary": "s1", "depends_on": "d0"}
    events = [
        {"id": "e0", "kind": "attack", "occurred": _at(13), "reported": _at(14), "links": [{"obligation": "s1", "role": "breaches"}]},
        {"id": "e1", "kind": "handover", "occurred": _at(10), "reported": _at(11), "links": [{"obligation": "d0", "role": "fulfils"}]},
    ]
    tracker = _tracker([_deadline("d0", 30), standing], events)
    assert str(tracker.obligation_on("s1", _at(13)).status) == "breached"
    assert str(tracker.obligation_on("s1", _at(15)).status) == "holding"


def test_asking_about_an_obligation_only_a_proposed_supplement_adds_says_so() -> None:
    """An obligation that only a never-agreed supplement adds is no obligation of the agreement, and the error says why."""
    import pytest

    from ceasefire.errors import UnknownObligationError

    proposal = {"id": "offer", "kind": "supplement", "status": "proposed", "summary": "adds x", "point": 1, "agreed": HOUR0, "announced": HOUR0,
                "obligations": [_deadline("x", 10)], "sources": [{"source": "r"}]}
    tracker = _tracker([_deadline("d0", 10)], amendments=[proposal])
    with pytest.raises(UnknownObligationError, match="only offer adds, a supplement proposed but never agreed"):
        tracker.obligation_on("x", _at(12))


def test_a_link_to_an_obligation_only_a_proposed_supplement_adds_is_refused() -> None:
    """An event linked to (or a coverage naming) an obligation that only a never-agreed supplement adds is refused with its place, saying why: nothing could ever count towards it."""
    import pytest

    from ceasefire.errors import UnknownObligationError

    proposal = {"id": "offer", "kind": "supplement", "status": "proposed", "summary": "adds x", "point": 1, "agreed": HOUR0, "announced": HOUR0,
                "obligations": [_deadline("x", 10)], "sources": [{"source": "r"}]}
    events = [{"id": "e0", "kind": "handover", "occurred": _at(1), "reported": _at(1), "links": [{"obligation": "x", "role": "fulfils"}]}]
    with pytest.raises(UnknownObligationError, match=r"events\[0\]\.links\[0\]\.obligation\): received obligation id 'x' in event e0, which only offer would add, a supplement proposed but never agreed"):
        _tracker([_deadline("d0", 10)], events, amendments=[proposal])
    agreed = {**proposal, "id": "deal", "status": "agreed"}
    assert str(_tracker([_deadline("d0", 10)], events, amendments=[agreed]).obligation_on("x", _at(2)).status) == "fulfilled"


def test_a_fulfilment_of_an_obligation_that_never_bound_satisfies_no_wait() -> None:
    """d1 waits on d0, which nobody fulfilled: a report fulfilling d1 does not count, so d3, waiting on d1, is not yet in force either."""
    obligations = [_deadline("d0", 0), _deadline("d1", 0, depends_on="d0"), _deadline("d3", 0, depends_on="d1")]
    events = [{"id": "e0", "kind": "handover", "occurred": _at(0), "reported": _at(0), "links": [{"obligation": "d1", "role": "fulfils"}]}]
    tracker = _tracker(obligations, events)
    assert str(tracker.obligation_on("d1", _at(1)).status) == "not yet in force"
    waiting = tracker.obligation_on("d3", _at(1))
    assert str(waiting.status) == "not yet in force" and waiting.waits_on == "d1"
    assert any(r.startswith("not counted: e0") and "waits on d0" in r for r in tracker.obligation_on("d1", _at(1)).reasons)
