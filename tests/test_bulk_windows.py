"""Events known only to a window, on the bulk path: the file format, each refusal, and worked cases a reader can follow.

The property that the bulk path answers as the Tracker does, windows
included, is in tests/test_bulk_props.py; here each case is small enough to
check by hand, and each is checked against the Tracker too.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

pytest.importorskip("numpy")
pytest.importorskip("polars")

from ceasefire import Day, InvalidInputError, NaiveDatetimeError, Tracker
from ceasefire.bulk import EventColumns, build_index, codes, from_tracker, micros, plain, read_events, read_obligations, to_tracker
from ceasefire.errors import BulkUnsupportedError, InvalidTimeError
from ceasefire.model import Agreement, Coverage, Event, EventLog, Link, Party, Point, Source, StandingObligation
from ceasefire.time import Window, end_of_day, start_of_day

FIELDS = ("obligation", "at", "latest", "kind", "reported", "new_deadline", "event", "version")


def write(folder: Path, name: str, rows: list[dict[str, str]], fmt: str) -> Path:
    """Rows as NDJSON (absent keys left out) or CSV (absent keys empty)."""
    path = folder / f"{name}.{fmt}"
    if fmt == "ndjson":
        path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    else:
        fields = [f for f in ("obligation", "kind", "deadline", *FIELDS) if any(f in row for row in rows)]
        fields = list(dict.fromkeys(fields))
        path.write_text(",".join(fields) + "\n" + "".join(",".join(row.get(f, "") for f in fields) + "\n" for row in rows))
    return path


def feed(folder: Path, obligations: list[dict[str, str]], events: list[dict[str, str]], fmt: str = "ndjson", zone: str = "Asia/Baku") -> EventColumns:
    return read_events(write(folder, "events", events, fmt), read_obligations(write(folder, "obligations", obligations, fmt), zone=zone))


START = "2025-03-01T00:00:00+04:00"


def agree(store: EventColumns, asked: list[object], known_on: int | None = None) -> dict[object, dict[str, str]]:
    """Each asked instant or day's bulk statuses, after checking them against the Tracker's in both vocabularies; the obligations bind from 1 March (Baku)."""
    store = attrs.evolve(store, effective=micros(START))
    tracker = to_tracker(store)
    full, brief = build_index(store, known_on=known_on), build_index(store, known_on=known_on, full=False)
    found = {}
    for when in asked:
        report = tracker.status_on(when, known_on=None if known_on is None else store_instant(known_on, store.zone))  # type: ignore[arg-type]
        expected = {o.obligation_id: str(o.status) for o in report.obligations}
        assert full.status_at(when) == expected, when
        assert brief.status_at(when) == {k: plain(v) for k, v in expected.items()}, when
        found[when] = expected
    return found


def store_instant(value: int, zone: str) -> object:
    from ceasefire.bulk import instant

    return instant(value, zone)


# --- the file format ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
def test_a_date_in_at_is_the_whole_day_in_the_obligations_zone(tmp_path: Path, fmt: str) -> None:
    """'2025-03-04' is the first to the last microsecond of that day in the zone given to read_obligations: a day in Baku is not a day in UTC."""
    obligations = [{"obligation": "a", "deadline": "2025-03-05T00:00:00Z"}]
    events = [{"obligation": "a", "at": "2025-03-04", "kind": "fulfils", "reported": "2025-03-06T00:00:00Z"}]
    import datetime as dt

    day = dt.date(2025, 3, 4)
    for zone in ("Asia/Baku", "UTC", "America/Caracas"):
        store = feed(tmp_path, obligations, events, fmt, zone)
        assert store.latest is not None
        assert (int(store.at[0]), int(store.latest[0])) == (micros(start_of_day(day, zone)), micros(end_of_day(day, zone)))
    baku = feed(tmp_path, obligations, events, fmt, "Asia/Baku")
    assert int(baku.at[0]) == micros("2025-03-03T20:00:00Z") and int(baku.latest[0]) == micros("2025-03-04T19:59:59.999999Z")  # type: ignore[index]


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
def test_latest_gives_the_window_and_exact_rows_keep_their_instant(tmp_path: Path, fmt: str) -> None:
    """'latest' is the window's last instant, with 'at' its first; a row without it is exact (latest equal to at); a feed with no window has no latest column."""
    obligations = [{"obligation": "s", "kind": "standing"}]
    events = [
        {"obligation": "s", "at": "2025-03-03T00:00:00+04:00", "latest": "2025-03-09T23:59:59.999999+04:00", "kind": "breaches", "reported": "2025-03-10T12:00:00+04:00"},
        {"obligation": "s", "at": "2025-03-12T06:00:00+04:00", "kind": "breaches", "reported": "2025-03-12T12:00:00+04:00"},
    ]
    store = feed(tmp_path, obligations, events, fmt)
    assert store.windowed and store.latest is not None
    assert store.at.tolist() == [micros("2025-03-03T00:00:00+04:00"), micros("2025-03-12T06:00:00+04:00")]
    assert store.latest.tolist() == [micros("2025-03-09T23:59:59.999999+04:00"), micros("2025-03-12T06:00:00+04:00")]
    exact = feed(tmp_path, obligations, events[1:], fmt)
    assert exact.latest is None and not exact.windowed


# --- refusals ----------------------------------------------------------------------------------------------------------------------

DEADLINE = [{"obligation": "a", "deadline": "2025-03-05T00:00:00+04:00"}]
GOOD = {"obligation": "a", "at": "2025-03-04T00:00:00+04:00", "kind": "fulfils", "reported": "2025-03-06T00:00:00+04:00"}


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        ({"latest": "2025-03-04T10:00:00"}, NaiveDatetimeError, r"events\.\w+:3: field 'latest': received the naive instant '2025-03-04T10:00:00'"),
        ({"latest": "2025-03-03T23:00:00+04:00"}, InvalidInputError, r"events\.\w+:3: field 'latest': received '2025-03-03T23:00:00\+04:00', before 'at'"),
        ({"at": "2025-03-04", "latest": "2025-03-05T00:00:00+04:00"}, InvalidInputError, r"events\.\w+:3: field 'latest': received '2025-03-05T00:00:00\+04:00' beside the date '2025-03-04' in 'at'"),
        ({"at": "2025-02-30"}, InvalidTimeError, r"events\.\w+:3: field 'at': received '2025-02-30'; expected a date that exists"),
        ({"at": "0999-03-04"}, InvalidTimeError, r"events\.\w+:3: field 'at': received the date 0999-03-04"),
        (
            {"kind": "move-deadline", "new_deadline": "2025-03-09T00:00:00+04:00", "latest": "2025-03-04T12:00:00+04:00"},
            InvalidInputError, r"events\.\w+:3: field 'latest': received a window from '2025-03-04T00:00:00\+04:00' to '2025-03-04T12:00:00\+04:00' on a move-deadline row",
        ),
        (
            {"kind": "move-deadline", "new_deadline": "2025-03-09T00:00:00+04:00", "at": "2025-03-04"},
            InvalidInputError, r"events\.\w+:3: field 'at': received the date '2025-03-04' on a move-deadline row; expected one exact instant",
        ),
    ],
)
def test_each_refusal_names_file_line_and_field(tmp_path: Path, fmt: str, bad: dict[str, str], error: type, message: str) -> None:
    """A bad window is refused on the third data row with the file, its line, the field, what was received and what was expected."""
    rows = [GOOD, GOOD, {**GOOD, **bad}]
    message = message.replace(":3:", ":4:") if fmt == "csv" else message  # CSV counts its header line
    with pytest.raises(error, match=message):
        feed(tmp_path, DEADLINE, rows, fmt)


def test_a_version_keeps_one_window(tmp_path: Path) -> None:
    """Two rows of one event version (linked to two obligations) with different windows are refused; two versions with different windows are not."""
    obligations = [*DEADLINE, {"obligation": "b", "deadline": "2025-03-05T00:00:00+04:00"}]
    one = {"event": "E1", "version": "2025-03-06T00:00:00+04:00", "kind": "fulfils", "reported": "2025-03-06T00:00:00+04:00", "at": "2025-03-04"}
    with pytest.raises(InvalidInputError, match=r"row 1: received a version of event code 0 whose 'at', 'latest' or 'reported' differs"):
        feed(tmp_path, obligations, [{**one, "obligation": "a"}, {**one, "obligation": "b", "at": "2025-03-04T00:00:00+04:00", "latest": "2025-03-04T12:00:00+04:00"}])
    later = {**one, "obligation": "a", "version": "2025-03-07T00:00:00+04:00", "at": "2025-03-04T09:00:00+04:00"}
    store = feed(tmp_path, obligations, [{**one, "obligation": "a"}, later])
    # the revision narrows the day to an instant before the deadline: fulfilled on time once it is known, uncertain before
    index_before, index_after = build_index(store, known_on=micros("2025-03-06T12:00:00+04:00")), build_index(store)
    assert index_before.status_at("2025-03-06T12:00:00+04:00")["a"] == "fulfilled"  # the day ends before the deadline in Baku: on time
    assert index_after.status_at("2025-03-06T12:00:00+04:00")["a"] == "fulfilled"
    agree(store, ["2025-03-04T10:00:00+04:00", "2025-03-05T00:00:00+04:00", "2025-03-07T00:00:00+04:00"], known_on=micros("2025-03-06T12:00:00+04:00"))


def test_a_windowed_move_deadline_in_columns_is_refused() -> None:
    """Columns built by hand cannot give a deadline move a window either: an amendment takes effect at one instant."""
    t = micros("2025-03-04T00:00:00Z")
    with pytest.raises(InvalidInputError, match=r"row 0: received a move-deadline row known only to a window"):
        EventColumns.from_arrays(["a"], [t], [0], [t], [codes.MOVE_DEADLINE], [t + 10], [t], latest=[t + 5])


# --- worked cases ------------------------------------------------------------------------------------------------------------------


def test_a_day_dated_fulfilment_on_the_deadlines_own_day(tmp_path: Path) -> None:
    """An ACLED-style fulfilment dated 4 March (in Baku), against deadlines on that day.

    - Due at noon on 4 March: the day straddles the deadline. Before noon
      nothing is owed yet (pending); after noon the fulfilment may have come
      by noon or after it, and before the day is over it may not have come at
      all (uncertain, not overdue); once the day is over it surely came, but
      whether on time is unknown (uncertain, not fulfilled late).
    - Due at the end of 4 March: the day closes at the deadline itself, so
      once the day is over it was surely on time (fulfilled).
    - Due at the end of 3 March: the day opens after the deadline, so it was
      surely late (overdue, then fulfilled late).
    """
    obligations = [
        {"obligation": "noon", "deadline": "2025-03-04T12:00:00+04:00"},
        {"obligation": "end-of-day", "deadline": "2025-03-04T23:59:59.999999+04:00"},
        {"obligation": "day-before", "deadline": "2025-03-03T23:59:59.999999+04:00"},
    ]
    events = [{"obligation": o["obligation"], "at": "2025-03-04", "kind": "fulfils", "reported": "2025-03-05T09:00:00+04:00"} for o in obligations]
    store = feed(tmp_path, obligations, events)
    found = agree(store, ["2025-03-04T11:00:00+04:00", "2025-03-04T12:00:00.000001+04:00", "2025-03-04T23:59:59.999999+04:00", "2025-03-05T00:00:00+04:00"])
    assert [found[w]["noon"] for w in found] == ["pending", "uncertain", "uncertain", "uncertain"]
    assert [found[w]["end-of-day"] for w in found] == ["pending", "pending", "fulfilled", "fulfilled"]
    assert [found[w]["day-before"] for w in found] == ["overdue", "overdue", "fulfilled late", "fulfilled late"]
    assert build_index(store, full=False).status_at("2025-03-05T00:00:00+04:00") == {"noon": "uncertain", "end-of-day": "fulfilled", "day-before": "fulfilled"}


def test_a_surely_late_fulfilment_then_one_that_may_have_been_on_time(tmp_path: Path) -> None:
    """Due at noon on 4 March (Baku). A fulfilment known to 5 March surely came late: fulfilled late from the end of the 5th.
    A second report, known to 3 to 6 March, may have been the same work done by noon on the 4th: once it too has surely
    happened (the end of the 6th), whether the work was on time is open: uncertain. Another obligation's early fulfilment
    (listed first in the file) must not make the second one's question open sooner."""
    obligations = [{"obligation": "other", "deadline": "2025-03-10T12:00:00+04:00"}, {"obligation": "a", "deadline": "2025-03-04T12:00:00+04:00"}]
    events = [
        {"obligation": "other", "at": "2025-03-02", "kind": "fulfils", "reported": "2025-03-07T00:00:00+04:00"},
        {"obligation": "a", "at": "2025-03-05", "kind": "fulfils", "reported": "2025-03-07T00:00:00+04:00"},
        {"obligation": "a", "at": "2025-03-03T00:00:00+04:00", "latest": "2025-03-06T23:59:59.999999+04:00", "kind": "fulfils", "reported": "2025-03-07T00:00:00+04:00"},
    ]
    store = feed(tmp_path, obligations, events)
    asked = ["2025-03-04T12:00:00+04:00", "2025-03-04T12:00:00.000001+04:00", "2025-03-05T23:59:59.999999+04:00", "2025-03-06T23:59:59.999998+04:00", "2025-03-06T23:59:59.999999+04:00"]
    found = agree(store, asked)
    assert [found[w]["a"] for w in asked] == ["pending", "uncertain", "fulfilled late", "fulfilled late", "uncertain"]
    assert {found[w]["other"] for w in asked} == {"fulfilled"}


def test_a_breach_known_only_to_an_acled_week(tmp_path: Path) -> None:
    """A breach of the ceasefire known only to the week of 3 to 9 March (Baku), reported on 10 March.

    Asked about any instant of the week, it may or may not have happened by
    then: uncertain. Asked about the whole of 9 March, the week closes within
    the day, so the Tracker reads it as a breach reported within the day:
    breached. Asked about 5 March, uncertain. After the week, it surely
    happened and nothing since: holding; but the whole of 10 March runs past
    the feed's last report (noon), so that day rests on silence nobody
    watched: unmonitored. Known as of 9 March (before the report), nothing
    is known: complied.
    """
    import datetime as dt

    obligations = [{"obligation": "ceasefire", "kind": "standing"}]
    events = [{"obligation": "ceasefire", "at": "2025-03-03T00:00:00+04:00", "latest": "2025-03-09T23:59:59.999999+04:00", "kind": "breaches", "reported": "2025-03-10T12:00:00+04:00"}]
    store = feed(tmp_path, obligations, events)
    asked: list[object] = ["2025-03-02T23:59:59.999999+04:00", "2025-03-03T00:00:00+04:00", "2025-03-06T12:00:00+04:00", "2025-03-09T23:59:59.999999+04:00", "2025-03-10T00:00:00+04:00"]
    asked += [dt.date(2025, 3, 5), dt.date(2025, 3, 9), Day(dt.date(2025, 3, 9), "UTC"), dt.date(2025, 3, 10)]
    found = agree(store, asked)
    # 9 March in UTC runs from 04:00 on 9 March to 04:00 on 10 March in Baku, so the week (closing at midnight in Baku) closes within it too
    assert [found[w]["ceasefire"] for w in asked] == ["complied", "uncertain", "uncertain", "uncertain", "holding", "uncertain", "breached", "breached", "unmonitored"]
    assert agree(store, [Day(dt.date(2025, 3, 8), "Asia/Kathmandu")])[Day(dt.date(2025, 3, 8), "Asia/Kathmandu")]["ceasefire"] == "uncertain"
    before = agree(store, ["2025-03-09T12:00:00+04:00"], known_on=micros("2025-03-09T23:59:59.999999+04:00"))
    assert before["2025-03-09T12:00:00+04:00"]["ceasefire"] == "complied"


def test_a_window_reaching_past_the_start_counts_and_one_over_before_it_does_not(tmp_path: Path) -> None:
    """The obligations bind from 1 March (Baku). A breach known to 27 to 28 February was over before then and is set aside, as the Tracker sets it aside;
    one known to 28 February to 2 March may have happened after the start, so it counts: uncertain on 1 March, holding from 3 March."""
    obligations = [{"obligation": "early", "kind": "standing"}, {"obligation": "reaching", "kind": "standing"}]
    events = [
        {"obligation": "early", "at": "2025-02-27T00:00:00+04:00", "latest": "2025-02-28T23:59:59.999999+04:00", "kind": "breaches", "reported": "2025-03-05T00:00:00+04:00"},
        {"obligation": "reaching", "at": "2025-02-28T00:00:00+04:00", "latest": "2025-03-02T23:59:59.999999+04:00", "kind": "breaches", "reported": "2025-03-05T00:00:00+04:00"},
    ]
    store = feed(tmp_path, obligations, events)
    found = agree(store, ["2025-03-01T12:00:00+04:00", "2025-03-03T00:00:00+04:00"])
    assert found == {
        "2025-03-01T12:00:00+04:00": {"early": "complied", "reaching": "uncertain"},
        "2025-03-03T00:00:00+04:00": {"early": "complied", "reaching": "holding"},
    }


# --- the adapters ------------------------------------------------------------------------------------------------------------------


def tracker_with(event: Event) -> Tracker:
    ceasefire = StandingObligation(id="ceasefire", bearers=["p"], summary="no fire")
    start = START
    agreement = Agreement.model_validate({
        "id": "x", "title": "x", "zone": "Asia/Baku", "parties": [Party(id="p", name="P", roles=["party"])],
        "announced": start, "effective": start, "points": [Point(number=1, summary="s", obligations=[ceasefire])], "sources": [Source(id="feed", title="feed")],
    })
    watched = Coverage.model_validate({"from": start, "to": "2025-04-01T00:00:00+04:00"})
    return Tracker(agreement, EventLog(covers=[watched], events=[event]))


def test_from_tracker_carries_a_window_and_refuses_a_lasting_event() -> None:
    """A Tracker event known to a window becomes a row from its first to its last instant; a lasting one is refused by event id, for the Tracker to answer."""
    import datetime as dt

    week = Window.days(dt.date(2025, 3, 3), dt.date(2025, 3, 9), "Asia/Baku")
    said = {"id": "E1", "kind": "breach", "summary": "shelling", "reported": Window.exact(end_of_day(dt.date(2025, 3, 10), "Asia/Baku")), "sources": [{"source": "feed"}]}
    tracker = tracker_with(Event.model_validate({**said, "occurred": week, "links": [Link(obligation="ceasefire", role="breaches")]}))
    store = from_tracker(tracker)
    assert store.latest is not None and (int(store.at[0]), int(store.latest[0])) == (micros(week.earliest), micros(week.latest))
    again = to_tracker(store)
    assert next(iter(again.logs[0].events)).occurred == week
    lasting = {**said, "occurred": Window.exact(week.earliest), "until": week, "links": [Link(obligation="ceasefire", role="breaches")]}
    with pytest.raises(BulkUnsupportedError, match=r"event E1: received a lasting happening \('until' or 'ongoing'\), which the bulk path does not model; expected use the Tracker"):
        from_tracker(tracker_with(Event.model_validate(lasting)))
