"""What a person reads from the command line: times, date options, unwrapped ids, hints, logging and progress."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasefire import bundled
from ceasefire._progress import progress, shows_progress
from ceasefire.render._terminal import status_table, timeline_table
from ceasefire.cli import main

GOOD_EVENTS = Path(__file__).parent / "data" / "cli" / "good-events.yaml"


def run(*args: str, width: int = 200):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), terminal_width=width)


def test_status_table_writes_times_for_people() -> None:
    """The status table's heading says 'end of 2020-11-25', not an ISO instant with microseconds."""
    out = run("status", "2020-11-25", "--known-on", "2020-11-20").stdout
    assert "status at end of 2020-11-25 (Europe/Moscow), as known on end of 2020-11-20" in out
    assert "59.999999" not in out


def test_json_and_csv_keep_iso_instants() -> None:
    """Machine formats keep ISO 8601 instants with their offsets."""
    assert "2020-11-25T23:59:59.999999+03:00" in run("status", "2020-11-25", "--format", "json").stdout
    assert "2020-11-25T23:59:59.999999+03:00" in run("status", "2020-11-25", "--format", "csv").stdout


def test_timeline_table_bounds_are_readable_and_exact() -> None:
    """Timeline bounds read 'end of DATE' or a clock time; the end of a day in the agreement's local zone is named as that day there."""
    out = run("timeline", "--from", "2020-11-10", "--to", "2020-11-30", "--obligation", "6.kalbajar").stdout
    assert "[2020-11-10 00:00" in out and "end of 2020-11-30]" in out
    assert "end of 2020-11-25 (Asia/Baku))" in out and "just before" not in out  # the end of 25 November in Baku, not "just before 23:00" Moscow time


@pytest.mark.parametrize("command", [["status"], ["explain", "6.kalbajar", "--on"], ["chart", "--out", "x.png", "--from", "2020-11-10", "--to"], ["report", "--out", "x.html", "--on"]])
def test_every_date_option_is_a_date(command: list[str]) -> None:
    """Every command's --known-on is shown as DATE in its help and refuses a non-date with one error line."""
    name = command[0]
    assert "--known-on DATE" in " ".join(run(name, "--help").stdout.split())
    result = run(*command, "2020-12-01", "--known-on", "last week")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --known-on: received 'last week'") and "Traceback" not in result.stderr


@pytest.mark.parametrize("table", ["status", "timeline"])
def test_ids_are_never_wrapped_on_a_narrow_terminal(table: str) -> None:
    """On a 60-column terminal every obligation id is still printed whole on one line."""
    from rich.console import Console

    tracker = bundled.tracker()
    rendered = status_table(tracker.status_on("2020-11-26")) if table == "status" else timeline_table(tracker.timeline("2020-11-10", "2020-11-26"))
    console = Console(width=60, record=True, file=io.StringIO())
    console.print(rendered)
    text = console.export_text()
    for oid in ("6.new-route-plan", "5.monitoring-centre", "4.parallel-withdrawal"):
        assert oid in text


def test_events_without_an_agreement_get_a_hint_when_they_do_not_fit(tmp_path: Path) -> None:
    """Event files that link to obligations the bundled statement lacks end with a hint to pass --agreement."""
    mine = tmp_path / "mine.yaml"
    mine.write_text(GOOD_EVENTS.read_text(encoding="utf-8").replace("6.lachin", "2.withdraw"), encoding="utf-8")
    result = run("status", "2020-12-02", "--events", str(mine))
    assert result.exit_code == 2
    assert "hint: " in result.stderr and "--agreement FILE" in result.stderr
    quiet = run("--quiet", "status", "2020-12-02", "--events", str(mine))
    assert "hint:" not in quiet.stderr and quiet.stderr.startswith("error: ")


def test_events_that_fit_the_bundled_statement_get_no_hint() -> None:
    """Event files written for the bundled statement run without a hint."""
    result = run("status", "2020-12-02", "--events", str(GOOD_EVENTS))
    assert result.exit_code == 0 and "hint:" not in result.stderr


def test_verbose_logs_the_files_read_and_default_logs_nothing() -> None:
    """--verbose logs each file read on stderr under the ceasefire logger; without it stderr stays empty."""
    loud = run("--verbose", "status", "2020-12-02", "--events", str(GOOD_EVENTS))
    assert loud.exit_code == 0
    assert "INFO ceasefire: agreement nk-2020 from the bundled statement" in loud.stderr
    assert f"events from {GOOD_EVENTS}: 1 events" in loud.stderr
    assert run("status", "2020-12-02").stderr == ""  # the next run without --verbose removes the handler again
    assert not [h for h in logging.getLogger("ceasefire").handlers if not isinstance(h, logging.NullHandler)]


def test_the_library_logger_is_silent_until_configured(caplog: pytest.LogCaptureFixture) -> None:
    """The ceasefire logger has a NullHandler and no level of its own, so nothing prints unless the application asks."""
    logger = logging.getLogger("ceasefire")
    assert any(isinstance(h, logging.NullHandler) for h in logger.handlers)
    with caplog.at_level(logging.INFO, logger="ceasefire"):
        run("status", "2020-12-02")
    assert any("agreement nk-2020" in r.getMessage() for r in caplog.records)


def test_progress_is_silent_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """In a pipe or a test the progress display shows nothing and its callback does nothing."""
    assert not shows_progress()
    with progress("work", total=3) as advance:
        advance(3)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_progress_draws_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """When stderr is a terminal the display runs the task to its total; --quiet turns it off."""
    import sys

    from ceasefire import _progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    fake = Terminal()
    monkeypatch.setattr(sys, "stderr", fake)
    assert shows_progress()
    with progress("reading", total=2) as advance:
        advance(2)
    _progress.set_quiet(True)
    try:
        assert not shows_progress()
    finally:
        _progress.set_quiet(False)
