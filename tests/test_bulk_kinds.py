"""Progress and term obligations on the bulk path: the files, the rules read from the engine, and agreement with the Tracker on hand-made feeds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("polars")
pytest.importorskip("pyarrow")

from ceasefire import Day, InvalidInputError, Status  # noqa: E402
from ceasefire.bulk import EventColumns, build_index, from_tracker, micros, read_events, read_obligations, to_tracker  # noqa: E402
from ceasefire.bulk import build, codes  # noqa: E402
from ceasefire.errors import BulkUnsupportedError, InvalidTimeError, NaiveDatetimeError  # noqa: E402

OBLIGATIONS = [
    {"obligation": "handover", "deadline": "2025-03-01T00:00:00+04:00"},
    {"obligation": "demining", "kind": "progress"},
    {"obligation": "mandate", "kind": "term", "start": "2020-11-10T00:00:00+04:00", "period": "P5Y", "renewal": "P5Y", "notice": "P6M"},
    {"obligation": "pause", "kind": "term", "start": "2025-01-31T12:00:00+04:00", "period": "P1M"},
    {"obligation": "ceasefire", "kind": "standing"},
]
FIELDS = ("obligation", "kind", "deadline", "start", "period", "renewal", "notice")


def write(folder: Path, name: str, records: list[dict[str, Any]], fields: tuple[str, ...], fmt: str) -> Path:
    """Records as NDJSON, or as CSV with the given columns (empty where a record has no value)."""
    path = folder / f"{name}.{fmt}"
    if fmt == "ndjson":
        path.write_text("".join(json.dumps(r) + "\n" for r in records))
    else:
        path.write_text(",".join(fields) + "\n" + "".join(",".join(r.get(f) or "" for f in fields) + "\n" for r in records))
    return path


EVENT_FIELDS = ("obligation", "at", "kind", "reported", "new_deadline")


def event(obligation: str, at: str, kind: str, reported: str | None = None) -> dict[str, Any]:
    return {"obligation": obligation, "at": at, "kind": kind, "reported": reported or at}


EVENTS = [
    event("demining", "2025-01-10T09:00:00+04:00", "advances"),
    event("demining", "2025-02-02T06:00:00+04:00", "breaches"),
    event("demining", "2025-02-02T15:00:00+04:00", "fulfils", "2025-02-04T10:00:00+04:00"),
    event("mandate", "2025-06-01T09:00:00+04:00", "notice", "2025-06-02T09:00:00+04:00"),
    event("mandate", "2025-06-01T09:00:00+04:00", "breaches"),  # a breach of a term changes nothing, as in the Tracker
    event("ceasefire", "2025-02-02T06:00:00+04:00", "breaches"),
]


START = micros("2020-11-10T00:00:00+04:00")
"""When the agreement the feeds belong to takes effect."""


def feed(folder: Path, fmt: str = "ndjson", events: list[dict[str, Any]] | None = None) -> EventColumns:
    """The obligations above and ``events`` (by default :data:`EVENTS`), the store taking effect at :data:`START`.

    The feed is declared watched throughout (``watched_until=None``): these
    tests follow the rules years past its last report.
    """
    obligations = read_obligations(write(folder, "obligations", OBLIGATIONS, FIELDS, fmt), zone="Asia/Baku")
    store = read_events(write(folder, "events", EVENTS if events is None else events, EVENT_FIELDS, fmt), obligations, watched_until=None)
    return attrs.evolve(store, effective=START)


ASKED: list[Any] = [
    "2020-11-09T23:59:59+04:00", "2020-11-10T00:00:00+04:00", "2025-01-10T08:59:59+04:00", "2025-01-10T09:00:00+04:00",
    "2025-01-31T11:59:59.999999+04:00", "2025-01-31T12:00:00+04:00", "2025-02-02T06:00:00+04:00", "2025-02-02T14:59:59+04:00",
    "2025-02-02T15:00:00+04:00", "2025-02-28T11:59:59.999999+04:00", "2025-02-28T12:00:00+04:00", "2025-06-01T09:00:00+04:00",
    "2025-11-09T23:59:59.999999+04:00", "2025-11-10T00:00:00+04:00", "2030-11-09T23:59:59.999999+04:00", "2030-11-10T00:00:00+04:00",
    "2035-11-10T00:00:00+04:00", dt.date(2025, 2, 2), Day(dt.date(2025, 2, 1), "UTC"), "2025-11-09[America/Caracas]", "2025-02-28[Pacific/Kiritimati]",
]


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
def test_progress_and_term_statuses_follow_the_rules_and_the_tracker(tmp_path: Path, fmt: str) -> None:
    """A feed of every kind, read from NDJSON or CSV, answers at each landmark (instants, days in zones) as the Tracker does, and as the rules say."""
    store = feed(tmp_path, fmt)
    assert store.obligation_kind is not None and store.obligation_kind.tolist() == [codes.DEADLINE, codes.PROGRESS, codes.TERM, codes.TERM, codes.STANDING]
    index = build_index(store)
    tracker = to_tracker(store)
    for when in ASKED:
        expected = {o.obligation_id: str(o.status) for o in tracker.status_on(when).obligations}
        assert index.status_at(when) == expected, when
    demining = [label for _, label in index.timeline_of("demining")]
    assert demining == ["pending", "in progress", "breached", "fulfilled"]  # pending from the start; a completion after a breach fulfils it
    # notice on 1 June 2025 came after the due date (six months before 10 November 2025), so the term runs one more period
    assert [(when.isoformat(), label) for when, label in index.timeline_of("mandate")] == [
        ("2020-11-10T00:00:00+04:00", "in force"), ("2030-11-10T00:00:00+04:00", "ended"),
    ]
    # one month from 31 January is the end of February: the term without renewal runs out then
    assert [(when.isoformat(), label) for when, label in index.timeline_of("pause")] == [
        ("2020-11-10T00:00:00+04:00", "not yet in force"), ("2025-01-31T12:00:00+04:00", "in force"), ("2025-02-28T12:00:00+04:00", "ended"),
    ]
    assert index.status_at("2025-01-31T11:00:00+04:00")["pause"] == "not yet in force"
    # the morning's breach and the afternoon's completion: fulfilled that day, while the ceasefire reads breached for the day
    assert {k: v for k, v in index.status_at(dt.date(2025, 2, 2)).items() if k in ("demining", "ceasefire")} == {"demining": "fulfilled", "ceasefire": "breached"}


def test_notice_in_time_ends_the_term_at_the_end_of_its_period(tmp_path: Path) -> None:
    """Notice given before the due date ends the term at the end of the period it falls in; the Tracker agrees."""
    events = [event("mandate", "2025-04-01T09:00:00+04:00", "notice")]
    store = feed(tmp_path, events=events)
    index = build_index(store)
    assert index.status_at("2025-11-09T23:59:59.999999+04:00")["mandate"] == "in force"
    assert index.status_at("2025-11-10T00:00:00+04:00")["mandate"] == "ended"
    tracker = to_tracker(store)
    assert str(tracker.obligation_on("mandate", "2025-11-10T00:00:00+04:00").status) == "ended"
    assert str(tracker.obligation_on("mandate", "2025-11-09T23:59:59.999999+04:00").status) == "in force"


def test_knowledge_cutoff_hides_a_late_notice_and_silence_turns_unmonitored(tmp_path: Path) -> None:
    """Under a cut-off before the notice was reported the term runs on; past the cut-off 'in force' and 'pending' rest on silence, while 'ended' and 'fulfilled' do not."""
    store = feed(tmp_path, events=[event("mandate", "2025-04-01T09:00:00+04:00", "notice", "2025-12-01T00:00:00+04:00"), *EVENTS[:3]])
    cut = micros("2025-06-30T00:00:00+04:00")
    index = build_index(store, known_on=cut)
    tracker = to_tracker(store)
    for when in ("2025-06-01T00:00:00+04:00", "2026-01-01T00:00:00+04:00", "2031-01-01T00:00:00+04:00"):
        expected = {o.obligation_id: str(o.status) for o in tracker.status_on(when, known_on="2025-06-30T00:00:00+04:00").obligations}
        assert index.status_at(when) == expected, when
    assert index.status_at("2026-01-01T00:00:00+04:00")["mandate"] == "unmonitored"
    assert index.status_at("2026-01-01T00:00:00+04:00")["pause"] == "ended"
    assert index.status_at("2026-01-01T00:00:00+04:00")["demining"] == "fulfilled"
    assert build_index(store).status_at("2026-01-01T00:00:00+04:00")["mandate"] == "ended"


def test_plain_vocabulary_folds_progress_into_pending(tmp_path: Path) -> None:
    """In the plain vocabulary a progress obligation in progress reads pending; term statuses are as they are."""
    index = build_index(feed(tmp_path), full=False)
    assert index.status_at("2025-01-20T00:00:00+04:00")["demining"] == "pending"
    assert index.status_at("2025-01-20T00:00:00+04:00")["mandate"] == "in force"
    assert index.status_at("2025-03-20T00:00:00+04:00")["pause"] == "ended"


def test_round_trip_through_the_tracker_keeps_terms_and_progress(tmp_path: Path) -> None:
    """from_tracker(to_tracker(store)) gives back the kinds, the terms' calendars and the same timeline."""
    store = feed(tmp_path)
    again = from_tracker(to_tracker(store))
    assert again.obligation_kind is not None and store.obligation_kind is not None
    assert again.obligation_kind.tolist() == store.obligation_kind.tolist()
    assert {c: (t.effective, str(t.period), str(t.renewal), str(t.notice)) for c, t in again.terms.items()} == {
        c: (t.effective, str(t.period), str(t.renewal), str(t.notice)) for c, t in store.terms.items()
    }
    assert build_index(again).timeline().rows(again.obligation_ids) == build_index(store).timeline().rows(store.obligation_ids)


BAD_OBLIGATIONS = [
    ({"obligation": "a", "kind": "treaty"}, "kind", r"received 'treaty'; expected one of deadline, standing, progress, term"),
    ({"obligation": "a", "kind": "progress", "deadline": "2025-01-01T00:00:00Z"}, "deadline", r"received a deadline for the progress obligation 'a'; expected no deadline on a progress obligation"),
    ({"obligation": "a", "kind": "term", "deadline": "2025-01-01T00:00:00Z", "start": "2025-01-01T00:00:00Z", "period": "P1Y"}, "deadline", r"received a deadline for the term obligation 'a'"),
    ({"obligation": "a", "deadline": "2025-01-01T00:00:00Z", "start": "2025-01-01T00:00:00Z"}, "start", r"received a start for the deadline obligation 'a'; expected no start: start, period, renewal, notice are for term obligations only"),
    ({"obligation": "a", "kind": "standing", "period": "P1Y"}, "period", r"received a period for the standing obligation 'a'"),
    ({"obligation": "a", "kind": "progress", "notice": "P1M"}, "notice", r"received a notice for the progress obligation 'a'"),
    ({"obligation": "a", "kind": "term", "period": "P1Y"}, "start", r"received no value; expected the term's start"),
    ({"obligation": "a", "kind": "term", "start": "2025-01-01T00:00:00Z"}, "period", r"received no value; expected the term's period"),
    ({"obligation": "a", "kind": "term", "start": "2025-01-01T00:00:00Z", "period": "five years"}, "period", r"received str 'five years'; expected an ISO 8601 duration"),
    ({"obligation": "a", "kind": "term", "start": "2025-01-01T00:00:00Z", "period": "P0D"}, "period", r"received the empty duration 'P0D'; expected a length greater than zero"),
    ({"obligation": "a", "kind": "term", "start": "2025-01-01T00:00:00Z", "period": "P1Y", "renewal": "P0Y"}, "renewal", r"received the empty duration 'P0Y'"),
    ({"obligation": "a", "kind": "term", "start": "2025-01-01T00:00:00Z", "period": "P1Y", "notice": "soon"}, "notice", r"received str 'soon'; expected an ISO 8601 duration"),
]


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
@pytest.mark.parametrize(("record", "field", "message"), BAD_OBLIGATIONS)
def test_bad_obligation_fields_are_refused_with_file_line_and_field(tmp_path: Path, fmt: str, record: dict[str, Any], field: str, message: str) -> None:
    """Each bad field of a progress or term obligation is refused with a typed error (a bad duration: InvalidTimeError) naming the file, the line (after a good one) and the field."""
    path = write(tmp_path, "o", [{"obligation": "fine", "kind": "progress"}, record], FIELDS, fmt)
    with pytest.raises(InvalidTimeError if "duration" in message else InvalidInputError, match=rf"o\.{fmt}:{2 if fmt == 'ndjson' else 3}: field '{field}': {message}"):
        read_obligations(path)


def test_a_naive_term_start_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "o", [{"obligation": "a", "kind": "term", "start": "2025-01-01T00:00:00", "period": "P1Y"}], FIELDS, "ndjson")
    with pytest.raises(NaiveDatetimeError, match=r"o\.ndjson:1: field 'start': received the naive instant"):
        read_obligations(path)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (event("demining", "2025-02-01T00:00:00Z", "notice"), r"events\.ndjson:2: field 'kind': received a notice row for the progress obligation 'demining'; expected notice rows for term obligations only"),
        (event("handover", "2025-02-01T00:00:00Z", "notice"), r"events\.ndjson:2: field 'kind': received a notice row for the deadline obligation 'handover'"),
        (
            {**event("mandate", "2025-02-01T00:00:00Z", "move-deadline"), "new_deadline": "2025-03-01T00:00:00Z"},
            r"events\.ndjson:2: field 'kind': received a move-deadline row for the term obligation 'mandate'; expected move-deadline rows for deadline obligations only",
        ),
        ({**event("demining", "2025-02-01T00:00:00Z", "move-deadline"), "new_deadline": "2025-03-01T00:00:00Z"}, r"received a move-deadline row for the progress obligation 'demining'"),
    ],
)
def test_rows_about_the_wrong_kind_are_refused_with_file_and_line(tmp_path: Path, row: dict[str, Any], message: str) -> None:
    """A notice about anything but a term, and a deadline move about anything but a deadline obligation, are refused with the file, line and field."""
    with pytest.raises(InvalidInputError, match=message):
        feed(tmp_path, events=[EVENTS[0], row])


def test_a_notice_row_in_a_feed_of_deadline_obligations_is_refused(tmp_path: Path) -> None:
    """With deadline obligations only, a notice row is still refused with its line."""
    obligations = read_obligations(write(tmp_path, "o", [{"obligation": "a", "deadline": "2025-01-01T00:00:00Z"}], FIELDS, "ndjson"))
    path = write(tmp_path, "events", [event("a", "2024-12-01T00:00:00Z", "advances"), event("a", "2024-12-02T00:00:00Z", "notice")], EVENT_FIELDS, "ndjson")
    with pytest.raises(InvalidInputError, match=r"events\.ndjson:2: field 'kind': received a notice row for the deadline obligation 'a'"):
        read_events(path, obligations)


def test_columns_refuse_what_the_files_refuse() -> None:
    """A store made from arrays refuses a term without its calendar, a notice row about a deadline obligation, and a term starting before the store takes effect."""
    from ceasefire.model import TermObligation

    t = micros("2025-01-01T00:00:00Z")
    term = TermObligation(id="t", bearers=["b"], summary="t", effective="2025-01-01T00:00:00Z", period="P1Y")
    with pytest.raises(InvalidInputError, match="obligation t: received a term obligation without its calendar"):
        EventColumns.from_arrays(["t"], [0], [], [], [], [], [], obligation_kind=[codes.TERM])
    with pytest.raises(InvalidInputError, match="row 0: received a notice row for the deadline obligation 'd'"):
        EventColumns.from_arrays(["d"], [t], [0], [t], [codes.NOTICE], [0], [t])
    with pytest.raises(InvalidInputError, match="row 0: received a notice row for the progress obligation 'p'"):
        EventColumns.from_arrays(["p"], [codes.NEVER], [0], [t], [codes.NOTICE], [0], [t], obligation_kind=[codes.PROGRESS])
    with pytest.raises(InvalidInputError, match="obligation t: received a term starting at 2025-01-01T00:00:00"):
        EventColumns.from_arrays(["t"], [codes.NEVER], [], [], [], [], [], obligation_kind=[codes.TERM], terms={0: term}, effective=t + 1)
    # ids as the files' readers and the per-event loader take them
    from ceasefire.errors import InvalidIdError

    with pytest.raises(InvalidIdError, match=r"obligation_ids\[1\]: received the id 'd ', with a space at its start or end"):
        EventColumns.from_arrays(["c", "d "], [t, t], [], [], [], [], [])
    with pytest.raises(InvalidIdError, match=r"obligation_ids\[0\].*U\+200B"):
        EventColumns.from_arrays(["d\u200b"], [t], [], [], [], [], [])
    with pytest.raises(InvalidInputError, match=r"obligation_ids\[0\]: received 7"):
        EventColumns.from_arrays([7], [t], [], [], [], [], [])  # type: ignore[list-item]


def test_the_bulk_progress_table_is_the_progress_rule(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The bulk progress statuses come from the engine's progress rule: a different rule gives a different table, and a different answer."""
    from ceasefire.engine import progress

    assert build._tabulate_progress().tolist() == build._PROGRESS_RULE.tolist()
    # bits: completion 4, breach 2, progress 1
    assert build._PROGRESS_RULE.tolist() == [codes.PENDING, codes.IN_PROGRESS, codes.BREACHED, codes.BREACHED] + [codes.FULFILLED] * 4
    store = feed(tmp_path)
    assert build_index(store).status_at("2025-03-01T00:00:00+04:00")["demining"] == "fulfilled"
    real = progress.decide
    monkeypatch.setattr(progress, "decide", lambda **facts: Status.BREACHED if facts["breached"] else real(**facts))  # a breach outlasting a completion
    changed = build._tabulate_progress()
    assert changed.tolist() == [codes.PENDING, codes.IN_PROGRESS, codes.BREACHED, codes.BREACHED, codes.FULFILLED, codes.FULFILLED, codes.BREACHED, codes.BREACHED]
    monkeypatch.setattr(build, "_PROGRESS_RULE", changed)
    assert build_index(store).status_at("2025-03-01T00:00:00+04:00")["demining"] == "breached"


def test_the_bulk_term_table_and_calendar_are_the_engines(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The bulk term statuses come from the engine's term rule, and the instants from the engine's term calendar: replacing either changes the bulk answer."""
    from ceasefire.engine import term

    assert build._tabulate_term().tolist() == build._TERM_RULE.tolist() == [codes.IN_FORCE, codes.ENDED, codes.ENDED, codes.ENDED]
    store = feed(tmp_path)
    asked = "2026-01-01T00:00:00+04:00"
    assert build_index(store).status_at(asked)["mandate"] == "in force"
    monkeypatch.setattr(term, "decide", lambda *, ran_out, after_notice: Status.ENDED if ran_out else Status.IN_FORCE)  # notice ignored
    changed = build._tabulate_term()
    assert changed.tolist() == [codes.IN_FORCE, codes.IN_FORCE, codes.ENDED, codes.ENDED]
    monkeypatch.undo()
    real = term.endings
    monkeypatch.setattr(term, "endings", lambda obligation, start, zone, notice: real(obligation, start, zone, notice - dt.timedelta(days=365) if notice else None))
    assert build_index(store).status_at(asked)["mandate"] == "ended"  # notice a year earlier would have been in time for November 2025


def test_a_feed_of_deadline_obligations_builds_no_part_of_the_other_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The benchmark-shaped feed (deadline obligations only) never runs the standing, progress or term parts; a mixed one runs only the kinds it holds."""
    def refuse(*args: object) -> object:
        raise AssertionError("built a part for a kind the store does not hold")

    for name in ("_with_other_kinds", "_standing_changes", "_progress_changes", "_term_changes"):
        monkeypatch.setattr(build, name, refuse)
    t = micros("2025-01-01T00:00:00Z")
    deadline_only = EventColumns.from_arrays(["a", "b"], [t, t], [0, 1], [t - 5, t + 5], [codes.FULFILS, codes.ADVANCES], [0, 0], [t, t])
    assert build_index(deadline_only).status_at(t + 10) == {"a": "fulfilled", "b": "overdue"}
    monkeypatch.undo()
    for name in ("_progress_changes", "_term_changes"):
        monkeypatch.setattr(build, name, refuse)
    with_standing = EventColumns.from_arrays(["a", "s"], [t, codes.NEVER], [0, 1], [t - 5, t + 5], [codes.FULFILS, codes.BREACHES], [0, 0], [t, t], obligation_kind=[codes.DEADLINE, codes.STANDING])
    assert build_index(with_standing).status_at(t + 10) == {"a": "fulfilled", "s": "holding"}


def test_from_tracker_refuses_what_the_columns_cannot_hold() -> None:
    """Targets, kept work, a stall, notice to a progress obligation, and a term starting before the agreement are each refused by name."""
    from ceasefire import Tracker
    from ceasefire.model import Agreement, Coverage, EventLog

    base = {
        "id": "a", "title": "A", "zone": "UTC", "parties": [{"id": "p", "name": "P", "roles": ["party"]}],
        "announced": "2025-01-01T00:00:00Z", "effective": "2025-01-01T00:00:00Z", "sources": [{"id": "s", "title": "S"}],
    }
    watched = Coverage.model_validate({"from": "2025-01-01T00:00:00Z", "to": "8998-12-31T00:00:00Z"})
    progress = {"id": "w", "kind": "progress", "bearers": ["p"], "summary": "work"}
    cases: list[tuple[dict[str, Any], list[dict[str, Any]], str]] = [
        ({**progress, "targets": [{"name": "km", "value": 10}]}, [], r"obligation w: received targets"),
        ({**progress, "kept": True}, [], r"obligation w: received 'kept'"),
        ({**progress, "stale_after": "P1M"}, [], r"obligation w: received 'stale_after'"),
        (progress, [{"id": "n", "kind": "notice", "summary": "n", "occurred": "2025-02-01T00:00:00Z", "reported": "2025-02-01T00:00:00Z", "sources": [{"source": "s"}], "links": [{"obligation": "w", "role": "notice"}]}],
         r"event n: received notice to the progress obligation w"),
        ({"id": "w", "kind": "term", "bearers": ["p"], "summary": "t", "effective": "2024-06-01T00:00:00Z", "period": "P1Y"}, [], r"obligation w: received a term taking effect before the agreement does"),
    ]
    for obligation, events, message in cases:
        agreement = Agreement.model_validate({**base, "points": [{"number": 1, "summary": "p", "obligations": [obligation]}]})
        tracker = Tracker(agreement, EventLog(covers=[watched], events=events))
        with pytest.raises(BulkUnsupportedError, match=message):
            from_tracker(tracker)


def test_term_periods_are_counted_in_the_feeds_zone_across_a_clock_change(tmp_path: Path) -> None:
    """A month from noon on 1 March in New York ends at noon on 1 April there, an hour earlier than a month in UTC would; a weekly term ends a week after notice in time. The Tracker agrees."""
    obligations = [
        {"obligation": "month", "kind": "term", "start": "2025-03-01T12:00:00-05:00", "period": "P1M"},
        {"obligation": "weekly", "kind": "term", "start": "2025-03-01T12:00:00-05:00", "period": "P1W", "renewal": "P1W", "notice": "P1D"},
    ]
    store = read_events(
        write(tmp_path, "events", [event("weekly", "2025-03-12T09:00:00-04:00", "notice")], EVENT_FIELDS, "ndjson"),
        read_obligations(write(tmp_path, "obligations", obligations, FIELDS, "ndjson"), zone="America/New_York"),
    )
    index = build_index(store)
    tracker = to_tracker(store)
    assert index.timeline_of("month")[-1] == (dt.datetime.fromisoformat("2025-04-01T12:00:00-04:00"), "ended")
    # the notice on Wednesday 12 March is before Friday 14 March, a day before the second week ends on Saturday the 15th at noon
    assert index.timeline_of("weekly")[-1] == (dt.datetime.fromisoformat("2025-03-15T12:00:00-04:00"), "ended")
    for when in ("2025-03-15T11:59:59.999999-04:00", "2025-03-15T12:00:00-04:00", "2025-04-01T15:59:59.999999Z", "2025-04-01T16:00:00Z", "2025-04-01T17:00:00Z", dt.date(2025, 3, 31), "2025-04-01[Asia/Tokyo]"):
        assert index.status_at(when) == {o.obligation_id: str(o.status) for o in tracker.status_on(when).obligations}, when


def test_notice_given_before_the_agreement_takes_effect_still_counts() -> None:
    """The Tracker counts notice whenever it was given (it sets aside only fulfilments, progress and breaches over before an obligation binds); from_tracker keeps such a notice as a notice row, so the bulk path ends the term as the Tracker does."""
    from ceasefire import Tracker
    from ceasefire.model import Agreement, Coverage, EventLog

    agreement = Agreement.model_validate({
        "id": "a", "title": "A", "zone": "UTC", "parties": [{"id": "p", "name": "P", "roles": ["party"]}],
        "announced": "2025-01-01T00:00:00Z", "effective": "2025-01-01T00:00:00Z", "sources": [{"id": "s", "title": "S"}],
        "points": [{"number": 1, "summary": "p", "obligations": [{"id": "t", "kind": "term", "bearers": ["p"], "summary": "t", "period": "P1Y", "renewal": "P1Y", "notice": "P1M"}]}],
    })
    early = {"id": "n", "kind": "notice", "summary": "n", "occurred": "2024-12-15T00:00:00Z", "reported": "2024-12-15T00:00:00Z", "sources": [{"source": "s"}], "links": [{"obligation": "t", "role": "notice"}]}
    watched = Coverage.model_validate({"from": "2025-01-01T00:00:00Z", "to": "8998-12-31T00:00:00Z"})
    tracker = Tracker(agreement, EventLog(covers=[watched], events=[early]))
    store = from_tracker(tracker)
    assert store.kind.tolist() == [codes.NOTICE]
    index = build_index(store)
    for when in ("2025-12-31T23:59:59.999999Z", "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z"):
        assert index.status_at(when) == {"t": str(tracker.obligation_on("t", when).status)}, when
    assert index.status_at("2026-06-01T00:00:00Z") == {"t": "ended"}
