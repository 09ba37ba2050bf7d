"""Building a tracker: what its one walk over the events works out once is what each piece would work out on its own.

The walk shares work between the links of one event, between events citing
the same sources, and with the checks (which read the positions it noted
instead of walking every event again). Each test here sets one of those
shortcuts against the plain answer, or against the error a user must get.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from ceasefire import DuplicateIdError, Tracker, parse_agreement, parse_events
from ceasefire.errors import EndingConflictError, UnknownSourceError
from ceasefire.engine.evidence import Linked
from ceasefire.engine.revisions import data_sources
from ceasefire.model import EventLog
from ceasefire.time import micros

START = "2021-03-01T00:00:00+04:00"


def at(hour: int) -> str:
    """``hour`` hours after :data:`START`, as ISO text (negative hours are before it)."""
    moment = dt.datetime.fromisoformat(START) + dt.timedelta(hours=hour)
    return moment.isoformat()


AGREEMENT = parse_agreement({
    "id": "w", "title": "w", "zone": "Asia/Baku", "announced": START, "effective": START,
    "parties": [{"id": "A", "name": "A", "roles": ["party"]}],
    "points": [{"number": 1, "summary": "p", "obligations": [
        {"id": "s", "kind": "standing", "bearers": ["A"], "summary": "hold fire", "exemptions": [{"actors": ["Band X"]}]},
        {"id": "d", "kind": "deadline", "bearers": ["A"], "summary": "hand over", "due": {"at": at(100)}},
    ]}],
    "sources": [{"id": "r", "title": "a report"}],
})


def log(events: list[dict[str, Any]], **more: Any) -> EventLog:
    """One log citing the dated sources ``p1``, ``p2`` and ``day`` (and ``r``, undated, unless ``reported`` is given), no coverage declared."""
    return parse_events({
        "zone": "Asia/Baku",
        "sources": [{"id": "p1", "title": "first paper", "published": at(50)}, {"id": "p2", "title": "second paper", "published": at(60)},
                    {"id": "day", "title": "a paper of one whole day", "published": "2021-03-04"}],
        "events": [{"kind": "report", "summary": e["id"], "sources": [{"source": "p1"}], **e} for e in events],
        **more,
    })


MIXED = [
    {"id": "exact", "occurred": at(5), "links": [{"obligation": "s", "role": "breaches"}, {"obligation": "d", "role": "context"}]},
    {"id": "windowed", "occurred": {"earliest": at(1), "latest": at(9)}, "links": [{"obligation": "s", "role": "breaches"}]},
    {"id": "straddles", "occurred": {"earliest": at(-3), "latest": at(2)}, "links": [{"obligation": "s", "role": "breaches"}]},
    {"id": "before", "occurred": {"earliest": at(-9), "latest": at(-2)}, "links": [{"obligation": "s", "role": "breaches"}]},
    {"id": "exempt", "occurred": at(7), "actors": ["band x"], "links": [{"obligation": "s", "role": "breaches"}]},
    {"id": "mixed-actors", "occurred": at(8), "actors": ["band x", "Unit Y"], "links": [{"obligation": "s", "role": "breaches"}]},
    {"id": "lasting", "occurred": at(-5), "until": at(12), "links": [{"obligation": "s", "role": "breaches"}, {"obligation": "d", "role": "fulfils"}]},
    {"id": "ongoing", "occurred": at(20), "ongoing": True, "links": [{"obligation": "d", "role": "fulfils"}, {"obligation": "s", "role": "breaches"}]},
    {"id": "over-lasting", "occurred": at(-8), "until": at(-1), "links": [{"obligation": "s", "role": "breaches"}]},
    {"id": "second-paper", "occurred": at(30), "sources": [{"source": "p2"}, {"source": "p1"}], "links": [{"obligation": "d", "role": "fulfils"}]},
    {"id": "given", "occurred": at(31), "reported": at(40), "sources": [{"source": "r"}], "links": [{"obligation": "s", "role": "context"}]},
    {"id": "alone", "occurred": at(32)},
    {"id": "daily", "occurred": at(33), "sources": [{"source": "day"}], "links": [{"obligation": "d", "role": "context"}]},
    {"id": "foretold", "occurred": at(38), "reported": at(35), "sources": [{"source": "r"}]},
]


def test_every_link_is_what_it_would_be_if_filed_alone() -> None:
    """Links the walk files with timing shared by the event's links are equal, field for field, to links made one by one."""
    tracker = Tracker(AGREEMENT, log(MIXED))
    seen = 0
    for items in tracker.index.links.values():
        for item in items:
            alone = Linked(item.event, item.link, item.reported)
            assert item == alone
            assert (item.occurred, item.order, item.over) == (alone.occurred, alone.order, alone.over), item.event.id
            again = attrs.evolve(item)
            assert again == item and (again.occurred, again.order, again.over) == (item.occurred, item.order, item.over)
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                item.over = 0  # type: ignore[misc]
            seen += 1
    assert seen == sum(len(e["links"]) for e in MIXED if "links" in e)


def test_what_a_link_keeps_follows_when_its_event_can_have_happened() -> None:
    """The sort key and the end of the happening are the keys of the window's ends; a lasting one ends with its ``until``, an ongoing one never."""
    links = {(i.event.id, i.link.obligation): i for items in Tracker(AGREEMENT, log(MIXED)).index.links.values() for i in items}
    windowed = links["windowed", "s"]
    assert windowed.order == (micros(dt.datetime.fromisoformat(at(9))), micros(dt.datetime.fromisoformat(at(1))), "windowed")
    assert windowed.over == windowed.order[0] and windowed.occurred is windowed.event.occurred
    lasting = links["lasting", "d"]  # a lasting fulfilment takes effect when it is over
    assert lasting.occurred is lasting.event.until and lasting.over == micros(dt.datetime.fromisoformat(at(12)))
    assert links["lasting", "s"].occurred is links["lasting", "s"].event.occurred
    assert links["ongoing", "d"].occurred is None and links["ongoing", "d"].over is None and links["ongoing", "s"].over is None


def test_only_what_was_over_before_the_start_or_done_by_the_exempted_alone_is_set_aside() -> None:
    """A breach whose window reaches past the start counts; one surely over before it, or by exempted actors only, is set aside with why."""
    answer = Tracker(AGREEMENT, log(MIXED)).obligation_on("s", at(90))
    counted = {e.event_id for e in answer.breaches}
    assert {"exact", "windowed", "straddles", "mixed-actors", "lasting", "ongoing"} <= counted
    assert not {"before", "exempt", "over-lasting"} & counted
    reasons = " | ".join(answer.reasons)
    for name, why in (("before", "before the obligation took effect"), ("over-lasting", "before the obligation took effect"), ("exempt", "exempted")):
        assert f"not counted: {name}" in reasons and why in reasons.split(f"not counted: {name}")[1].split(" | ")[0]


def test_events_citing_the_same_papers_share_the_first_report_of_the_earliest() -> None:
    """An event first reported by the earlier of the papers it cites, in whatever order it names them; a given ``reported`` wins."""
    tracker = Tracker(AGREEMENT, log(MIXED))
    reported = {i.event.id: i.reported for items in tracker.index.links.values() for i in items}
    assert reported["second-paper"].latest == dt.datetime.fromisoformat(at(50)) and reported["exact"].latest == dt.datetime.fromisoformat(at(50))
    assert reported["given"].latest == dt.datetime.fromisoformat(at(40))


def test_the_totals_and_any_cut_off_read_alike_from_the_walk_and_from_the_records() -> None:
    """data_sources() with and without a cut-off matches the figures worked out from each record's first report one by one."""
    revised = [{"id": "exact", "occurred": at(5), "version": at(70), "links": [{"obligation": "s", "role": "context"}]},
               {"id": "daily", "occurred": at(33), "sources": [{"source": "day"}], "version": at(200)}]
    events = [dict(e, version=at(55)) if e["id"] == "exact" else dict(e, version=at(150)) if e["id"] == "daily" else e for e in MIXED] + revised
    tracker = Tracker(AGREEMENT, log(events, deletions=[{"event": "alone", "deleted": at(80)}]))
    assert tracker.data_sources()[0].events == len(MIXED) and tracker.data_sources()[0].versions == len(MIXED) + 2
    day_ends = dt.datetime.fromisoformat("2021-03-04T23:59:59.999999+04:00")
    # each record counts from the earlier of its version and the end of its first report
    hours = {"given": 40, "foretold": 35}  # the others cite p1 (hour 50); "exact" is stamped 55 and 70, later than that
    published = [day_ends if e["id"] == "daily" else dt.datetime.fromisoformat(at(hours.get(e["id"], 50))) for e in events]
    for cut in (None, at(34), at(35), at(40), at(50), at(69), at(70), at(81), "2021-03-04T23:59:59+04:00", "2021-03-05"):
        cutoff = None if cut is None else dt.datetime.fromisoformat(cut) if "T" in cut else day_ends
        assert tracker.data_sources(cut) == data_sources(tracker.logs, tracker._reported, cutoff), cut
        assert tracker.data_sources(cut)[0].versions == sum(1 for p in published if cutoff is None or p <= cutoff), cut
    assert [r.kind for r in tracker.history("alone")] == ["version", "deletion"]
    assert [(r.kind, r.at) for r in tracker.history("second-paper")] == [("version", dt.datetime.fromisoformat(at(50)))]
    # a first version stamped after its first report stands at the end of that report, here the end of a whole day
    assert [(r.kind, r.at) for r in tracker.history("daily")] == [("version", day_ends), ("version", dt.datetime.fromisoformat(at(200)))]


def test_inferred_coverage_runs_from_the_earliest_happening_or_report_to_the_last_report_known() -> None:
    """Without a declaration, the span watched at each cut-off is worked out from the events reported by then, as by hand."""
    tracker = Tracker(AGREEMENT, log(MIXED))
    rows = [(i.reported, i.event.occurred) for items in tracker.index.links.values() for i in items]
    rows += [(w, e.occurred) for e, w in tracker.index.unlinked]
    for cut in (at(34), at(35), at(36), at(40), at(45), at(50), at(70), "2021-03-05T00:00:00+04:00"):
        moment = dt.datetime.fromisoformat(cut)
        known = [(r, o) for r, o in rows if r.latest <= moment]
        found = tracker.coverage(known_on=cut)[0]
        if not known:
            assert found.start is None and found.end is None
            continue
        assert found.start == min(min(r.earliest, o.earliest) for r, o in known), cut
        assert found.end == max(r.latest for r, _ in known), cut


def test_one_file_giving_one_id_twice_is_refused_at_the_second() -> None:
    """Two records of one id without versions in one file: refused, naming where the id is given and how often."""
    events = [{"id": "e1", "occurred": at(1)}, {"id": "e2", "occurred": at(2)}, {"id": "e1", "occurred": at(3)}]
    with pytest.raises(DuplicateIdError) as raised:
        Tracker(AGREEMENT, log(events))
    text = str(raised.value)
    assert "events[0].id" in text and "events[2].id" in text and "the event id 'e1' used 2 times" in text and "events[1]" not in text


def test_one_version_given_twice_in_one_file_is_refused_and_two_versions_are_not() -> None:
    """The same id and version twice in one file is refused, written with its version; distinct versions are revisions."""
    twice = [{"id": "e1", "occurred": at(1), "version": at(60)}, {"id": "e1", "occurred": at(1), "version": at(60)}]
    with pytest.raises(DuplicateIdError, match=r"the event id 'e1 \(version 2021-03-03T12:00:00\+04:00\)' used 2 times"):
        Tracker(AGREEMENT, log(twice))
    revised = Tracker(AGREEMENT, log([twice[0], dict(twice[1], version=at(61))]))
    assert [r.kind for r in revised.history("e1")] == ["version", "version"]


def test_an_id_that_reads_like_another_with_its_version_is_still_caught() -> None:
    """Records whose ids and versions differ but are written alike (an id holding '(version ...)') are refused as before."""
    odd = f"e1 (version {at(60)})"
    events = [{"id": odd, "occurred": at(1)}, {"id": odd, "occurred": at(1), "version": at(61)},
              {"id": "e1", "occurred": at(1), "version": at(60)}, {"id": "e1", "occurred": at(1), "version": at(62)}]
    with pytest.raises(DuplicateIdError) as raised:
        Tracker(AGREEMENT, log(events))
    assert f"the event id {odd!r} used 2 times" in str(raised.value)


def test_two_events_ending_the_agreement_in_one_file_are_refused_at_the_second() -> None:
    """A second, different ending is refused where it is given, naming the first."""
    events = [{"id": "e1", "occurred": at(1)}, {"id": "end1", "occurred": at(2), "ends_agreement": {"how": "collapsed"}},
              {"id": "e2", "occurred": at(3)}, {"id": "end2", "occurred": at(4), "ends_agreement": {"how": "terminated"}}]
    with pytest.raises(EndingConflictError, match=r"events\[3\]\.ends_agreement.*event 'end2' \(the first is 'end1' at .*events\[1\]\.ends_agreement\)"):
        Tracker(AGREEMENT, log(events))


def test_an_event_citing_an_unknown_source_is_refused_where_it_cites_it() -> None:
    """A citation of a source nobody declared is refused with its place, not a traceback, beside a dated one or alone."""
    events = [{"id": "e1", "occurred": at(1), "sources": [{"source": "p1"}, {"source": "zz"}]}, {"id": "e2", "occurred": at(2), "reported": at(3), "sources": [{"source": "yy"}]}]
    with pytest.raises(UnknownSourceError) as raised:
        Tracker(AGREEMENT, log(events))
    text = str(raised.value)
    assert "events[0].sources[1].source" in text and "'zz'" in text and "events[1].sources[0].source" in text and "'yy'" in text
