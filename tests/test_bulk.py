"""Unit tests of the bulk path: readers, the status rules on hand-made feeds, and the index."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("polars")
pytest.importorskip("pyarrow")

from ceasefire import InvalidInputError, NaiveDatetimeError, UnknownObligationError  # noqa: E402
from ceasefire.bulk import EventColumns, build_index, by_obligation, micros, read_events, read_obligations  # noqa: E402
from ceasefire.bulk import codes  # noqa: E402
from ceasefire.errors import FileFormatError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
A, M, F, B = codes.ADVANCES, codes.MOVE_DEADLINE, codes.FULFILS, codes.BREACHES
H = 3_600_000_000  # one hour in microseconds


def store(deadline: int, *rows: tuple[int, int, int]) -> EventColumns:
    """One obligation due at ``deadline`` hours, with rows of (hour, kind, new deadline hour), each reported when it happened."""
    return EventColumns.from_arrays(
        ["ob"], [deadline * H], [0] * len(rows), [r[0] * H for r in rows], [r[1] for r in rows],
        [r[2] * H for r in rows], [r[0] * H for r in rows],
    )


def status(s: EventColumns, hours: float, *, full: bool = True, known_on: float | None = None) -> str:
    index = build_index(s, full=full, known_on=None if known_on is None else int(known_on * H))
    return index.status_at(int(hours * H))["ob"]


def test_overdue_only_strictly_after_the_deadline() -> None:
    """At the deadline's own instant an obligation is still pending; one microsecond later it is overdue."""
    s = store(10)
    assert status(s, 10) == "pending"
    assert build_index(s).status_at(10 * H + 1)["ob"] == "overdue"


def test_move_into_the_past_makes_overdue_at_once() -> None:
    """A deadline moved to an earlier instant than the move makes the obligation overdue from the move."""
    s = store(100, (5, M, 2))
    assert status(s, 4.9) == "pending"
    assert status(s, 5) == "overdue"


def test_later_deadline_reopens_an_overdue_obligation() -> None:
    """Moving a passed deadline to a later date makes an overdue obligation pending again, until the new deadline."""
    s = store(10, (1, A, 0), (12, M, 20))
    assert status(s, 11) == "overdue"
    assert status(s, 12) == "in progress"
    assert status(s, 12, full=False) == "pending"
    assert status(s, 21) == "overdue"


def test_first_decisive_event_holds_for_good() -> None:
    """After a breach, a later fulfilment or deadline move changes nothing."""
    s = store(10, (3, B, 0), (4, F, 0), (5, M, 50))
    assert [status(s, h) for h in (2.9, 3, 60)] == ["pending", "breached", "breached"]


def test_fulfilment_and_breach_at_one_instant_count_as_fulfilment() -> None:
    """A fulfilment and a breach reported at the same instant make the obligation fulfilled, as in the per-event engine."""
    assert status(store(10, (3, B, 0), (3, F, 0)), 3) == "fulfilled"


def test_lateness_follows_the_deadline_in_force() -> None:
    """A late fulfilment reads 'fulfilled late' until a later move puts the deadline after it (full vocabulary only)."""
    s = store(10, (12, F, 0), (20, M, 15))
    assert status(s, 13) == "fulfilled late"
    assert status(s, 20) == "fulfilled"
    assert status(s, 13, full=False) == "fulfilled"


def test_knowledge_cutoff_hides_late_reports() -> None:
    """An event reported after the knowledge cut-off does not count, even though it happened earlier."""
    s = EventColumns.from_arrays(["ob"], [10 * H], [0], [5 * H], [F], [0], [30 * H])
    assert status(s, 20) == "fulfilled"
    assert status(s, 20, known_on=29) == "overdue"


def test_several_moves_at_one_instant_last_reported_wins() -> None:
    """Of two moves in force from the same instant, the one reported later sets the deadline."""
    s = EventColumns.from_arrays(["ob"], [10 * H], [0, 0], [5 * H, 5 * H], [M, M], [50 * H, 1 * H], [7 * H, 6 * H])
    assert status(s, 20) == "pending"


def test_timeline_agrees_with_status_at() -> None:
    """Each change in the timeline is the status from its instant on, and differs from the status just before."""
    s = store(10, (1, A, 0), (12, M, 20), (15, M, 11), (30, F, 0))
    index = build_index(s)
    rows = index.timeline().rows(s.obligation_ids)
    assert [r[2] for r in rows] == ["in progress", "overdue", "in progress", "overdue", "fulfilled late"]
    for _, at, label in rows:
        assert index.status_at(at)["ob"] == label != index.status_at(at - 1)["ob"]


def test_columns_are_checked() -> None:
    """A kind code outside the vocabulary is refused with the row it is on."""
    with pytest.raises(InvalidInputError, match="row 0"):
        EventColumns.from_arrays(["ob"], [0], [0], [0], [9], [0], [0])


def test_store_holds_under_100_bytes_per_event() -> None:
    """The event columns take 29 bytes per event: int32 code, int8 kind and three int64 instants."""
    s = store(10, *[(h, A, 0) for h in range(100)])
    assert s.nbytes / len(s) == 29


def test_slices_by_obligation_are_sorted() -> None:
    """Sorting by obligation gives each obligation one slice in time order."""
    s = EventColumns.from_arrays(["a", "b"], [0, 0], [1, 0, 1, 0], [5, 9, 2, 3], [A] * 4, [0] * 4, [0] * 4)
    ordered, offsets = by_obligation(s)
    assert offsets.tolist() == [0, 2, 4]
    assert ordered.at.tolist() == [3, 9, 2, 5]


def test_import_ceasefire_does_not_import_numpy() -> None:
    """The core package stays free of numpy and polars; only ceasefire.bulk needs them."""
    code = "import sys, ceasefire; print('numpy' in sys.modules or 'polars' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


OBLIGATIONS = '{"obligation": "ob-1", "deadline": "2025-03-01T00:00:00+04:00"}\n{"obligation": "ob-2", "deadline": "2025-03-02T00:00:00Z"}\n'
EVENTS = [
    ("ob-1", "2025-02-01T10:00:00.5+03:00", "advances", "2025-02-01T12:00:00+03:00", None),
    ("ob-2", "2025-02-02T10:00:00+00:00", "move-deadline", "2025-02-02T11:00:00+00:00", "2025-01-15T00:00:00+00:00"),
    ("ob-1", "2025-02-03T10:00:00+04:00", "fulfils", "2025-02-03T10:00:00+04:00", None),
]


def write_events(folder: Path, rows: list[tuple], fmt: str) -> Path:
    path = folder / f"events.{fmt}"
    if fmt == "csv":
        lines = ["obligation,at,kind,reported,new_deadline"] + [",".join(v or "" for v in row) for row in rows]
    else:
        names = ("obligation", "at", "kind", "reported", "new_deadline")
        lines = ["{" + ", ".join(f'"{k}": ' + ("null" if v is None else f'"{v}"') for k, v in zip(names, row)) + "}" for row in rows]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def obligations(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "obligations.ndjson"
    path.write_text(OBLIGATIONS)
    return read_obligations(path)


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
def test_reader_turns_offsets_into_utc_microseconds(tmp_path: Path, obligations, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """Instants with any offset are read as the same microseconds since the epoch that ceasefire.time gives."""
    s = read_events(write_events(tmp_path, EVENTS, fmt), obligations)
    assert obligations.deadline.tolist() == [micros("2025-03-01T00:00:00+04:00"), micros("2025-03-02T00:00:00+00:00")]
    assert s.at.tolist() == [micros(row[1]) for row in EVENTS]
    assert s.obligation.tolist() == [0, 1, 0] and s.kind.tolist() == [A, M, F]
    assert s.new_deadline[1] == micros("2025-01-15T00:00:00+00:00")


@pytest.mark.parametrize(("fmt", "line"), [("ndjson", 2), ("csv", 3)])
def test_naive_instant_names_file_and_line(tmp_path: Path, obligations, fmt: str, line: int) -> None:  # type: ignore[no-untyped-def]
    """An instant without an offset raises NaiveDatetimeError naming the file, the line and the field."""
    rows = [EVENTS[0], ("ob-2", "2025-02-02T10:00:00", "advances", "2025-02-02T11:00:00+00:00", None)]
    path = write_events(tmp_path, rows, fmt)
    with pytest.raises(NaiveDatetimeError, match=f"events.{fmt}:{line}: field 'at'"):
        read_events(path, obligations)


def test_naive_instant_line_counts_blank_lines(tmp_path: Path, obligations) -> None:  # type: ignore[no-untyped-def]
    """The line named for a bad NDJSON record is its line in the file, blank lines included."""
    path = tmp_path / "events.ndjson"
    good = write_events(tmp_path, EVENTS[:1], "ndjson").read_text()
    path.write_text(good + "\n" + good.replace("+03:00\", \"kind", "\", \"kind"))
    with pytest.raises(NaiveDatetimeError, match="events.ndjson:3:"):
        read_events(path, obligations)


def test_unknown_obligation_names_the_line(tmp_path: Path, obligations) -> None:  # type: ignore[no-untyped-def]
    """An event about an obligation the obligations file lacks raises UnknownObligationError with its line."""
    path = write_events(tmp_path, [EVENTS[0], ("ob-9", *EVENTS[0][1:])], "csv")
    with pytest.raises(UnknownObligationError, match="events.csv:3: field 'obligation'.*'ob-9'"):
        read_events(path, obligations)


def test_unknown_kind_is_refused(tmp_path: Path, obligations) -> None:  # type: ignore[no-untyped-def]
    """A kind outside advances, move-deadline, fulfils and breaches is refused with its line."""
    path = write_events(tmp_path, [("ob-1", EVENTS[0][1], "progress", EVENTS[0][3], None)], "ndjson")
    with pytest.raises(InvalidInputError, match="events.ndjson:1: field 'kind'"):
        read_events(path, obligations)


def test_move_without_new_deadline_is_refused(tmp_path: Path, obligations) -> None:  # type: ignore[no-untyped-def]
    """A move-deadline row must carry new_deadline, and only such rows may."""
    path = write_events(tmp_path, [EVENTS[1][:4] + (None,)], "csv")
    with pytest.raises(InvalidInputError, match="new_deadline"):
        read_events(path, obligations)


def test_missing_field_is_refused(tmp_path: Path, obligations) -> None:  # type: ignore[no-untyped-def]
    """A CSV without a 'reported' column is refused, naming the field."""
    path = tmp_path / "events.csv"
    path.write_text("obligation,at,kind\nob-1,2025-02-01T10:00:00Z,advances\n")
    with pytest.raises(FileFormatError, match="reported"):
        read_events(path, obligations)


def test_polars_baseline_gives_the_same_answers(tmp_path: Path) -> None:
    """On a small seeded feed, the polars query of the benchmark and the bulk path agree on every question."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
        import tasks
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    folder = generate.write(tmp_path / "feed", 3_000, seed=7)
    store_ = tasks.ours.load(folder, "ndjson")
    ours = tasks.answers("ceasefire", folder, store_, store_.obligation_ids)
    theirs = tasks.answers("polars", folder, tasks.baseline_polars.load(folder, "ndjson"), store_.obligation_ids)
    assert ours == theirs
    assert len(ours["ii"]) > 100


def test_a_leap_second_in_a_feed_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A leap second is refused with its row and field, as the per-event loader refuses it, never rolled into the next minute."""
    import pytest

    from ceasefire.bulk.readers import read_events, read_obligations
    from ceasefire.errors import InvalidTimeError

    obligations = tmp_path / "obligations.csv"
    obligations.write_text("obligation,deadline\no,2017-01-31T00:00:00Z\n", encoding="utf-8")
    feed = tmp_path / "feed.csv"
    feed.write_text("obligation,at,kind,reported,new_deadline\no,2016-12-31T23:59:60Z,fulfils,2017-01-01T00:00:00Z,\n", encoding="utf-8")
    with pytest.raises(InvalidTimeError, match="leap second"):
        read_events(feed, read_obligations(obligations))


def _deleted_fulfilment(folder: Path, *, with_event: bool = True) -> EventColumns:
    """A feed where the one fulfilment, reported on 5 January, is deleted on 20 January; the deadline is 10 January."""
    import json

    (folder / "o.ndjson").write_text(json.dumps({"obligation": "ob", "deadline": "2025-01-10T00:00:00Z"}) + "\n")
    rows = [
        {"obligation": "ob", "at": "2025-01-05T00:00:00Z", "kind": "fulfils", "reported": "2025-01-05T00:00:00Z", "event": "A1"},
        {"obligation": "ob", "at": "2025-01-20T00:00:00Z", "kind": "deletion", "reported": "2025-01-20T00:00:00Z", "event": "A1" if with_event else None},
    ]
    (folder / "e.ndjson").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return read_events(folder / "e.ndjson", read_obligations(folder / "o.ndjson"))


def test_a_deleted_fulfilment_no_longer_counts(tmp_path: Path) -> None:
    """With a fulfilment later deleted, the bulk path says overdue as the Tracker does, and fulfilled as known before the deletion."""
    from ceasefire.bulk import from_tracker, to_tracker

    feed = _deleted_fulfilment(tmp_path)
    asked = "2025-01-15T00:00:00Z"
    tracker = to_tracker(feed)
    assert str(tracker.status_on(asked).obligations[0].status) == "overdue"
    assert build_index(feed).status_at(asked) == {"ob": "overdue"}
    assert build_index(from_tracker(tracker)).status_at(asked) == {"ob": "overdue"}
    before = micros("2025-01-19T00:00:00Z")
    assert build_index(feed, known_on=before).status_at(asked) == {"ob": "fulfilled"}


def test_a_deletion_row_must_name_its_event(tmp_path: Path) -> None:
    """A deletion row without an event id is refused with its file, line and field."""
    with pytest.raises(InvalidInputError, match=r"e\.ndjson:2: field 'event'"):
        _deleted_fulfilment(tmp_path, with_event=False)


def test_from_tracker_refuses_a_progress_obligation_with_targets_by_name() -> None:
    """A tracker holding what the bulk path does not model (the bundled agreement's deployment counts figures against targets) is refused up front, naming the obligation and pointing to the Tracker."""
    from ceasefire.bulk import from_tracker
    from ceasefire.bundled import tracker
    from ceasefire.errors import BulkUnsupportedError

    with pytest.raises(BulkUnsupportedError, match=r"obligation 3\.peacekeepers: received targets \(figures the columns do not hold\), which the bulk path does not model; expected use the Tracker"):
        from_tracker(tracker(record=False))


def test_the_bulk_status_table_is_the_deadline_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bulk path's table of statuses is made from the engine's deadline rule: a different rule gives a different table."""
    from ceasefire import Status
    from ceasefire.bulk import build
    from ceasefire.engine import deadline

    assert build._tabulate().tolist() == build._RULE.tolist()
    monkeypatch.setattr(build, "decide", lambda **facts: Status.BREACHED if facts["progressed"] else deadline.decide(**facts))
    changed = build._tabulate()
    assert [changed[bits] for bits in range(32) if bits & 1] == [codes.BREACHED] * 16
    assert [changed[bits] for bits in range(32) if not bits & 1] == [build._RULE[bits] for bits in range(32) if not bits & 1]


def test_the_deadline_rule_orders_its_facts() -> None:
    """A breach before any fulfilment decides; a fulfilment is on time, late or uncertain by its timing; a deadline passed is overdue unless a report may have been on time."""
    from ceasefire import Status
    from ceasefire.engine.deadline import decide
    from ceasefire.engine.draft import Known

    def rule(**given: Any) -> Status:
        facts: dict[str, Any] = {"breached": False, "fulfilled": False, "late": Known.NO, "past": Known.NO, "progressed": False, "maybe_on_time": False}
        return decide(**{**facts, **given})

    assert rule(breached=True, fulfilled=True) is Status.BREACHED
    assert rule(fulfilled=True, past=Known.YES) is Status.FULFILLED
    assert rule(fulfilled=True, late=Known.YES) is Status.FULFILLED_LATE
    assert rule(fulfilled=True, late=Known.MAYBE) is Status.UNCERTAIN
    assert rule(past=Known.YES, progressed=True) is Status.OVERDUE
    assert rule(past=Known.YES, maybe_on_time=True) is Status.UNCERTAIN
    assert rule(past=Known.MAYBE) is Status.UNCERTAIN
    assert rule(progressed=True) is Status.IN_PROGRESS
    assert rule() is Status.PENDING


CEASEFIRE = '{"obligation": "ceasefire", "kind": "standing"}\n{"obligation": "handover", "deadline": "2025-03-01T00:00:00+04:00"}\n'
BREACHES = [
    ("ceasefire", "2025-02-02T02:00:00+04:00", "breaches", "2025-02-02T08:00:00+04:00", None),
    ("ceasefire", "2025-02-02T02:15:00+04:00", "breaches", "2025-02-02T08:00:00+04:00", None),
    ("handover", "2025-02-10T12:00:00+04:00", "fulfils", "2025-02-10T12:00:00+04:00", None),
]


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
def test_a_standing_obligation_is_breached_on_its_day_and_holding_after(tmp_path: Path, fmt: str) -> None:
    """A feed with a standing ceasefire: complied before its breaches, breached on the whole day they fall in (in the zone asked), holding after; the Tracker agrees."""
    from ceasefire import Day
    from ceasefire.bulk import to_tracker

    ob_path = tmp_path / f"obligations.{fmt}"
    if fmt == "csv":
        ob_path.write_text("obligation,kind,deadline\nceasefire,standing,\nhandover,,2025-03-01T00:00:00+04:00\n")
    else:
        ob_path.write_text(CEASEFIRE)
    obligations = read_obligations(ob_path, zone="Asia/Baku")
    assert obligations.kind is not None and obligations.kind.tolist() == [codes.STANDING, codes.DEADLINE]
    events_path = write_events(tmp_path, BREACHES, fmt)
    feed = read_events(events_path, obligations)
    index = build_index(feed)
    ceasefire = {day: index.status_at(day)["ceasefire"] for day in ("2025-02-01", "2025-02-02", "2025-02-03")}
    assert ceasefire == {"2025-02-01": "complied", "2025-02-02": "breached", "2025-02-03": "holding"}
    # the breaches fell early on the Baku 2nd, which was still the UTC 1st
    assert (index.status_at("2025-02-01[UTC]")["ceasefire"], index.status_at("2025-02-02[UTC]")["ceasefire"]) == ("breached", "holding")
    assert index.status_at("2025-02-02T02:00:00+04:00")["ceasefire"] == "breached"
    assert index.status_at("2025-02-02T02:01:00+04:00")["ceasefire"] == "holding"
    # the feed's last report is of 10 February: past it, silence is not compliance, but a fulfilment stays one
    assert index.status_at("2025-02-11") == {"ceasefire": "unmonitored", "handover": "fulfilled"}
    assert [label for _, label in index.timeline_of("ceasefire")] == ["breached", "holding", "breached", "holding", "unmonitored"]  # complied before the first
    declared = build_index(read_events(events_path, obligations, watched_until="2025-02-28"))
    assert declared.status_at("2025-02-11") == {"ceasefire": "holding", "handover": "fulfilled"}
    assert declared.status_at("2025-03-01")["ceasefire"] == "unmonitored"
    assert build_index(read_events(events_path, obligations, watched_until=None)).status_at("2030-01-01")["ceasefire"] == "holding"  # watched throughout, as declared
    tracker = to_tracker(feed, effective=micros("2025-01-01T00:00:00+04:00"))
    for day in ("2025-02-01", "2025-02-02", "2025-02-03", Day(__import__("datetime").date(2025, 2, 1), "UTC"), "2025-02-02T02:00:00+04:00"):
        assert index.status_at(day) == {o.obligation_id: str(o.status) for o in tracker.status_on(day).obligations}, day
    known = build_index(feed, known_on=micros("2025-02-02T07:00:00+04:00"))
    assert known.status_at("2025-02-02T03:00:00+04:00")["ceasefire"] == "complied"  # nothing reported yet by the cut-off
    assert known.status_at("2025-02-03")["ceasefire"] == "unmonitored"


def test_obligation_kinds_are_checked_with_file_and_line(tmp_path: Path) -> None:
    """An unknown obligation kind, a deadline on a standing obligation, a deadline obligation without one, and a deadline move of a standing obligation are each refused with file, line and field."""
    path = tmp_path / "o.ndjson"
    cases = [
        ('{"obligation": "a", "deadline": "2025-01-01T00:00:00Z"}\n{"obligation": "b", "kind": "treaty"}\n', r"o\.ndjson:2: field 'kind': received 'treaty'; expected one of deadline, standing, progress, term"),
        ('{"obligation": "a", "kind": "standing", "deadline": "2025-01-01T00:00:00Z"}\n', r"o\.ndjson:1: field 'deadline': received a deadline for the standing obligation 'a'"),
        ('{"obligation": "a", "kind": "standing"}\n{"obligation": "b"}\n', r"o\.ndjson:2: field 'deadline': received no value; expected a deadline for a deadline obligation"),
    ]
    for text, message in cases:
        path.write_text(text)
        with pytest.raises(InvalidInputError, match=message):
            read_obligations(path)
    path.write_text('{"obligation": "a", "kind": "standing"}\n')
    moved = [("a", "2025-02-02T10:00:00Z", "move-deadline", "2025-02-02T11:00:00Z", "2025-03-01T00:00:00Z")]
    with pytest.raises(InvalidInputError, match=r"events\.ndjson:1: field 'kind': received a move-deadline row for the standing obligation 'a'; expected move-deadline rows for deadline obligations only"):
        read_events(write_events(tmp_path, moved, "ndjson"), read_obligations(path))


def test_the_bulk_standing_table_is_the_standing_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bulk path's standing statuses are made from the engine's standing rule: a different rule gives a different table."""
    from ceasefire import Status
    from ceasefire.bulk import build
    from ceasefire.engine import standing
    from ceasefire.engine.draft import Known

    assert build._tabulate_standing().tolist() == build._STANDING_RULE.tolist() == [codes.COMPLIED, codes.HOLDING, codes.BREACHED, codes.BREACHED] + [codes.UNCERTAIN] * 2 + [codes.BREACHED] * 2
    monkeypatch.setattr(standing, "decide", lambda *, within, earlier: Status.BREACHED if earlier else Status.COMPLIED)
    assert build._tabulate_standing().tolist() == [codes.COMPLIED, codes.BREACHED] * 4
    assert standing.decide.__name__ == "<lambda>" and Known.MAYBE  # the engine's own rule was the one replaced


def test_breaches_a_microsecond_apart_are_one_change() -> None:
    """Two breaches of a standing obligation on neighbouring microseconds: one 'breached' change, then 'holding' after the second (found by the timeline property in CI)."""
    t = 1_735_689_600_000_000
    s = EventColumns.from_arrays(["ob"], [t], [0, 0], [t, t + 1], [B, B], [0, 0], [t, t + 1], obligation_kind=[codes.STANDING])
    assert build_index(s).timeline().rows(s.obligation_ids) == [("ob", t, "breached"), ("ob", t + 2, "holding")]


def test_breaches_a_microsecond_apart_across_midnight_breach_both_days() -> None:
    """Breaches at the last microsecond of one day and the first of the next are one change, made before the second day starts; the second day still reads breached, as the Tracker says."""
    import datetime as dt

    from ceasefire.bulk import to_tracker

    midnight = micros("2025-01-02T00:00:00Z")
    s = EventColumns.from_arrays(
        ["ob"], [codes.NEVER], [0, 0], [midnight - 1, midnight], [B, B], [0, 0], [midnight - 1, midnight],
        obligation_kind=[codes.STANDING], effective=micros("2025-01-01T00:00:00Z"),
    )
    index = build_index(s)
    assert index.timeline().rows(s.obligation_ids) == [("ob", midnight - 1, "breached"), ("ob", midnight + 1, "holding")]
    tracker = to_tracker(s)
    for day in (dt.date(2025, 1, 1), dt.date(2025, 1, 2), dt.date(2025, 1, 3)):
        assert index.status_at(day) == {o.obligation_id: str(o.status) for o in tracker.status_on(day).obligations}, day
    assert [index.status_at(day)["ob"] for day in ("2025-01-01", "2025-01-02", "2025-01-03")] == ["breached", "breached", "holding"]


def test_a_feed_watches_until_its_last_report_unless_told(tmp_path: Path) -> None:
    """A store read from files ends its watch at its latest report or version; a date, an instant or None may say otherwise, and a naive instant is refused by name."""
    from ceasefire import EventLog, Tracker
    from ceasefire.errors import BulkUnsupportedError
    from ceasefire.model import Coverage
    from ceasefire.bulk import from_tracker, to_tracker

    obligations = read_obligations(_write(tmp_path / "obligations.ndjson", CEASEFIRE), zone="Asia/Baku")
    path = write_events(tmp_path, BREACHES, "ndjson")
    assert read_events(path, obligations).watched_until == micros("2025-02-10T12:00:00+04:00")
    assert read_events(path, obligations, watched_until="2025-02-28").watched_until == micros("2025-02-28T23:59:59.999999+04:00")
    assert read_events(path, obligations, watched_until=None).watched_until is None
    with pytest.raises(NaiveDatetimeError, match="watched_until"):
        read_events(path, obligations, watched_until=__import__("datetime").datetime(2025, 3, 1))
    # the end of watching goes to the Tracker as declared coverage, and comes back from it
    store = read_events(path, obligations)
    tracker = to_tracker(store, effective=micros("2025-01-01T00:00:00+04:00"))
    assert str(tracker.status_on("2025-02-11")["ceasefire"].status) == "unmonitored"
    assert from_tracker(tracker).watched_until == store.watched_until
    assert from_tracker(to_tracker(read_events(path, obligations, watched_until=None), effective=micros("2025-01-01T00:00:00+04:00"))).watched_until is None
    # one store has one end of watching: obligations watched until different days are refused, naming both
    log = tracker.logs[0]
    split = [
        Coverage.model_validate({"from": "2025-01-01T00:00:00+04:00", "to": "2025-02-20T00:00:00+04:00", "obligations": ["ceasefire"]}),
        Coverage.model_validate({"from": "2025-01-01T00:00:00+04:00", "to": "2025-02-25T00:00:00+04:00", "obligations": ["handover"]}),
    ]
    with pytest.raises(BulkUnsupportedError, match="ceasefire and handover.*different instants"):
        from_tracker(Tracker(tracker.agreement, EventLog(covers=split, events=log.events, deletions=log.deletions)))


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_a_time_finer_than_a_microsecond_is_refused_as_the_per_event_loader_refuses_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A seventh digit after the seconds that is not zero is refused with its line and field, never cut away; trailing zeros lose nothing and read as the per-event loader reads them."""
    import pytest

    from ceasefire import time as cftime
    from ceasefire.bulk.readers import read_events, read_obligations
    from ceasefire.errors import InvalidTimeError

    obligations = tmp_path / "obligations.csv"
    obligations.write_text("obligation,deadline\no,2025-03-01T00:00:00Z\n", encoding="utf-8")
    for text in ("2025-02-01T10:00:00.1234567Z", "2025-02-01T13:00:00.12345601+03:00"):
        feed = tmp_path / "feed.csv"
        feed.write_text(f"obligation,at,kind,reported\no,2025-02-01T10:00:00Z,fulfils,2025-02-01T10:00:00Z\no,{text},fulfils,2025-02-02T00:00:00Z\n", encoding="utf-8")
        with pytest.raises(InvalidTimeError, match="finer than a microsecond") as refused:
            read_events(feed, read_obligations(obligations))
        assert "feed.csv:3: field 'at'" in str(refused.value)
        with pytest.raises(InvalidTimeError, match="finer than a microsecond"):
            cftime.instant(text)
    zeros = "2025-02-01T10:00:00.1234560Z"
    feed.write_text(f"obligation,at,kind,reported\no,{zeros},fulfils,2025-02-02T00:00:00Z\n", encoding="utf-8")
    store = read_events(feed, read_obligations(obligations))
    assert int(store.at[0]) == cftime.micros(cftime.instant(zeros)) == cftime.micros(cftime.instant("2025-02-01T10:00:00.123456Z"))


@pytest.mark.parametrize(
    ("where", "value", "error", "said"),
    [
        ("event", "e1 ", "InvalidIdError", "with a space at its start or end"),
        ("event", "e\u200b1", "InvalidIdError", "ZERO WIDTH SPACE"),
        ("event", "cafe\u0301", "InvalidIdError", "not written in Unicode NFC"),
        ("event", "", "InvalidInputError", "'' (nothing)"),
        ("obligation", " o", "InvalidIdError", "with a space at its start or end"),
        ("obligation", "o\u202e", "InvalidIdError", "U+202E"),
    ],
)
def test_ids_the_per_event_loader_refuses_are_refused_with_file_and_line(tmp_path: Path, where: str, value: str, error: str, said: str) -> None:
    """An event or obligation id the per-event loader refuses (hidden characters, a space at an end, not NFC, empty) is refused by the bulk readers too, with the same error, file and line."""
    import json
    import re

    import ceasefire.errors as errors
    from ceasefire import bounds

    obligation = value if where == "obligation" else "o"
    obligations = _write(tmp_path / "obligations.ndjson", json.dumps({"obligation": obligation, "deadline": "2025-03-01T00:00:00Z"}) + "\n")
    good = {"obligation": "o", "at": "2025-02-01T10:00:00Z", "kind": "fulfils", "reported": "2025-02-01T10:00:00Z", "event": "e0", "version": "2025-02-01T10:00:00Z"}
    feed = _write(tmp_path / "feed.ndjson", "\n".join(json.dumps(row) for row in (good, {**good, "event": value})) + "\n")
    with pytest.raises(getattr(errors, error), match=re.escape(said)) as refused:
        read_events(feed, read_obligations(obligations))
    line = 1 if where == "obligation" else 2
    assert f"{tmp_path / (where + 's.ndjson' if where == 'obligation' else 'feed.ndjson')}:{line}: field '{where}'" in str(refused.value)
    if value:  # the per-event loader's own check says the same
        with pytest.raises(getattr(errors, error), match=re.escape(said)):
            bounds.identifier(value)
    # ids outside ASCII that the loader accepts are accepted here too, each distinct one read once
    accepted = _write(tmp_path / "accepted.ndjson", "\n".join(json.dumps({**good, "event": name}) for name in ("Ağdam 1", "Ağdam 1", "Лачин-2")) + "\n")
    assert read_events(accepted, read_obligations(_write(tmp_path / "plain.ndjson", '{"obligation": "o", "deadline": "2025-03-01T00:00:00Z"}\n'))).event.tolist() == [0, 0, 1]


@pytest.mark.parametrize("text", ["2025-0\uff12-01T00:00:00+04:00", "2025-0\uff12-01", "2025-02-01T1\u0660:00:00Z"])
def test_a_time_written_with_other_digits_is_refused_naming_them_as_the_per_event_loader_does(tmp_path: Path, text: str) -> None:
    """A full-width or Arabic-Indic digit in a bulk time is refused with file, line and field, and the message names the character, as the per-event loader's does."""
    import json

    from ceasefire import time as cftime
    from ceasefire.errors import InvalidTimeError

    obligations = _write(tmp_path / "obligations.ndjson", json.dumps({"obligation": "o", "deadline": "2025-03-01T00:00:00Z"}) + "\n")
    good = {"obligation": "o", "at": "2025-02-01T10:00:00Z", "kind": "fulfils", "reported": "2025-02-01T10:00:00Z"}
    feed = _write(tmp_path / "feed.ndjson", "\n".join(json.dumps(row, ensure_ascii=False) for row in (good, {**good, "at": text})) + "\n")
    odd = cftime.first_non_ascii(text)
    assert odd is not None
    with pytest.raises(InvalidTimeError, match="feed.ndjson:2: field 'at': .*which holds " + re.escape(odd)):
        read_events(feed, read_obligations(obligations))
    with pytest.raises(InvalidTimeError, match=re.escape(odd)):
        cftime.moment(text, "UTC")
