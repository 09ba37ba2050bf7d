"""``watched=``: an export declares the span it watches, wider than its rows show.

An ACLED download of a date range watched the whole range, though its first
row may fall weeks after the agreement took effect. Without the declaration
a converted export watches from its first row's date to its last, so the
days before read ``unmonitored`` and the bulk path refuses it (it needs a
watch from the agreement's start). With it, both the event log and the
direct store say what the caller declared, and say it in the coverage note.
"""

from __future__ import annotations

import datetime as dt

import pytest

import ceasefire.bulk as bulk
from ceasefire import Tracker
from ceasefire.adapters import acled_columns, convert_acled, convert_ucdp, load_rules
from ceasefire.errors import InvalidInputError, InvalidTimeError, NaiveDatetimeError, WindowOrderError
from ceasefire.time import end_of_day, micros
from _store_routes import ACLED, ACLED_RULES, NK, NK_GW, UCDP, both_acled, both_ucdp, check

LATE = ["api-2020-11-28.json", "api-fields-numeric.json", "monadic.csv", "actors-by-code.csv", "malformed.csv"]
"""The test exports whose first row falls after the 2020 statement took effect."""

RANGE = ("2020-11-10", "2020-12-31")


@pytest.mark.parametrize("name", LATE)
def test_a_late_starting_export_declared_watched_from_the_start_reaches_the_store(name: str) -> None:
    """Refused without the declaration; with it, the direct store equals the Tracker route's, column for column."""
    refused = both_acled(ACLED / name, NK, rules=ACLED_RULES)[1]
    assert isinstance(refused, tuple)
    store = check(*both_acled(ACLED / name, NK, rules=ACLED_RULES, watched=RANGE))
    assert store is not None
    assert store.watched_until == micros(end_of_day(dt.date(2020, 12, 31), "Asia/Baku"))


def test_the_days_before_the_first_row_read_as_watched_only_when_declared() -> None:
    """10 November 2020 (Moscow), before monadic.csv's first row: unmonitored as read from the rows, complied as declared."""
    plain = Tracker(NK, convert_acled(ACLED / "monadic.csv", agreement=NK, rules=ACLED_RULES).log).obligation_on("1.ceasefire", "2020-11-10")
    assert str(plain.status) == "unmonitored"
    log = convert_acled(ACLED / "monadic.csv", agreement=NK, rules=ACLED_RULES, watched=RANGE).log
    declared = Tracker(NK, log).obligation_on("1.ceasefire", "2020-11-10")
    assert str(declared.status) == "complied"
    (cover,) = log.covers
    assert "as the caller declared ('watched')" in (cover.note or "")
    assert cover.start == dt.datetime(2020, 11, 10, tzinfo=dt.timezone(dt.timedelta(hours=4)))  # a date is its whole day in the export's zone (Baku)
    assert cover.end == dt.datetime(2020, 12, 31, 23, 59, 59, 999999, tzinfo=dt.timezone(dt.timedelta(hours=4)))
    index = bulk.build_index(acled_columns(ACLED / "monadic.csv", agreement=NK, rules=ACLED_RULES, watched=RANGE).raise_problems())
    assert index.status_at("2020-11-10[Europe/Moscow]")["1.ceasefire"] == "complied"


def test_the_declared_end_is_where_the_watch_ends() -> None:
    """Declared to end on 20 November (Baku), the export no longer speaks for 15 December, though it does when declared to the year's end."""
    short = Tracker(NK, convert_acled(ACLED / "monadic.csv", agreement=NK, rules=ACLED_RULES, watched=("2020-11-10", "2020-11-20")).log)
    assert [str(short.obligation_on(ob, "2020-12-15").status) for ob in ("1.ceasefire", "2.aghdam")] == ["unmonitored", "unmonitored"]
    assert "watched only to the end of 2020-11-20 (Asia/Baku)" in short.obligation_on("2.aghdam", "2020-12-15").headline
    whole = Tracker(NK, convert_acled(ACLED / "monadic.csv", agreement=NK, rules=ACLED_RULES, watched=RANGE).log)
    assert [str(whole.obligation_on(ob, "2020-12-15").status) for ob in ("1.ceasefire", "2.aghdam")] == ["holding", "overdue"]


def test_a_ged_file_takes_the_same_declaration() -> None:
    """Both GED paths honour it alike, and the log's coverage says it was declared."""
    rules = load_rules(UCDP / "rules.yaml")
    store = check(*both_ucdp(UCDP / "ged-test.csv", NK_GW, rules=rules, watched=RANGE))
    assert store is not None and store.watched_until == micros(end_of_day(dt.date(2020, 12, 31), "Asia/Baku"))
    (cover,) = convert_ucdp(UCDP / "ged-test.csv", agreement=NK_GW, rules=rules, watched=RANGE).log.covers
    assert "as the caller declared ('watched')" in (cover.note or "")


@pytest.mark.parametrize(
    ("given", "error", "said"),
    [
        (("2020-11-10T00:00:00", "2020-12-31"), NaiveDatetimeError, "watched.earliest"),
        (("2020-12-31", "2020-11-10"), WindowOrderError, "watched"),
        (("2020-11-10", "2020-12-01", "2020-12-31"), InvalidInputError, "3 values"),
        (("2020-11-31", "2020-12-31"), InvalidTimeError, "watched"),
    ],
)
@pytest.mark.parametrize("convert", [convert_acled, acled_columns])
def test_a_bad_declaration_is_refused_naming_watched(given: tuple[str, ...], error: type[Exception], said: str, convert: object) -> None:
    with pytest.raises(error) as caught:
        convert(ACLED / "monadic.csv", agreement=NK, rules=ACLED_RULES, watched=given)  # type: ignore[operator]
    assert said in str(caught.value)


def test_the_command_line_takes_watched(tmp_path: object) -> None:
    """``ceasefire convert acled --watched FROM TO`` writes the declared span; a span that runs backwards is a one-line error, no traceback."""
    from pathlib import Path

    from click.testing import CliRunner

    from ceasefire.cli import main

    out = Path(str(tmp_path)) / "events.yaml"
    done = CliRunner().invoke(main, ["convert", "acled", str(ACLED / "monadic.csv"), "--watched", *RANGE, "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert "from: '2020-11-10T00:00:00+04:00'" in out.read_text(encoding="utf-8")
    status = CliRunner().invoke(main, ["status", "2020-11-10", "--events", str(out)])
    assert status.exit_code == 0 and "1.ceasefire" in status.output and "complied (no breach reported)" in status.output
    bad = CliRunner().invoke(main, ["convert", "acled", str(ACLED / "monadic.csv"), "--watched", "2020-12-31", "2020-11-10", "--out", str(out)])
    assert bad.exit_code != 0 and "watched: received earliest" in bad.output and "Traceback" not in bad.output
