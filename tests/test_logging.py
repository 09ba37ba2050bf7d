"""Log records and progress from inside loading and the dataset converters, not only from the command line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import ceasefire
from ceasefire import _progress, bundled
from ceasefire.adapters import convert_acled, convert_ucdp, load_rules

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT / "tests" / "data" / "cli" / "good-events.yaml"
ACLED = ROOT / "tests" / "data" / "acled"
RULES = ROOT / "src" / "ceasefire" / "data" / "rules" / "nk-2020-acled.yaml"


def _messages(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "ceasefire" and r.levelno == level]


def test_loading_a_file_logs_what_it_read(caplog: pytest.LogCaptureFixture) -> None:
    """load_events logs the file parsed (DEBUG) and what it held (INFO) under the ceasefire logger."""
    with caplog.at_level(logging.DEBUG, logger="ceasefire"):
        log = ceasefire.load_events(EVENTS)
    assert f"events from {EVENTS}: {len(log.events)} events, {len(log.sources)} sources, 0 deletions" in _messages(caplog, logging.INFO)
    assert any(m.startswith(f"parsing {EVENTS} (") and m.endswith("as YAML)") for m in _messages(caplog, logging.DEBUG))


def test_loading_an_agreement_logs_its_id_and_size(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    """load_agreement logs the agreement's id, the file and how many obligations it has."""
    source = ROOT / "docs" / "examples" / "minsk-2015" / "agreement.yaml"
    with caplog.at_level(logging.INFO, logger="ceasefire"):
        agreement = ceasefire.load_agreement(source)
    count = sum(len(p.obligations) for p in agreement.points)
    assert _messages(caplog, logging.INFO) == [f"agreement {agreement.id} from {source}: {count} obligations"]


def test_an_acled_conversion_logs_its_summary_rules_and_refused_rows(caplog: pytest.LogCaptureFixture) -> None:
    """A conversion logs its one-line summary, each mapping rule that linked events, and every refused row with its line."""
    agreement, rules = bundled.agreement(), load_rules(RULES)
    with caplog.at_level(logging.INFO, logger="ceasefire"):
        good = convert_acled(ACLED / "export-2020-11-28.csv", agreement=agreement, rules=rules)
    info = _messages(caplog, logging.INFO)
    assert f"converted {ACLED / 'export-2020-11-28.csv'}: {good.summary()}" in info
    linked = {link.rule for event in good.log.events for link in event.links if link.made_by == "rule"}
    assert linked and all(any(m.startswith(f"rule {rule} linked ") for m in info) for rule in linked)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="ceasefire"):
        bad = convert_acled(ACLED / "malformed.csv", agreement=agreement, rules=rules)
    refused = [m for m in _messages(caplog, logging.INFO) if m.startswith("refused ")]
    assert len(refused) == len(bad.problems) > 0
    assert refused[0] == f"refused {bad.problems[0].where}: received {bad.problems[0].received}; expected {bad.problems[0].expected}"


def test_a_ucdp_conversion_logs_its_summary(caplog: pytest.LogCaptureFixture) -> None:
    """The UCDP converter logs the same summary line as ACLED's, through the shared log builder."""
    path = ROOT / "tests" / "data" / "ucdp" / "ged-test.csv"
    with caplog.at_level(logging.INFO, logger="ceasefire"):
        done = convert_ucdp(path, zone="UTC", released="2021-06-01")
    assert f"converted {path}: {done.summary()}" in _messages(caplog, logging.INFO)


def test_nothing_is_logged_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    """Without logging configured, loading and converting print nothing on stdout or stderr."""
    ceasefire.load_events(EVENTS)
    convert_acled(ACLED / "malformed.csv", zone="UTC")
    assert capsys.readouterr() == ("", "")


def test_tracked_yields_every_item_and_nested_displays_stay_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    """tracked() passes every item through; a progress display inside another one shows nothing, as a terminal holds one at a time."""
    assert list(_progress.tracked([1, 2, 3], "counting")) == [1, 2, 3]
    monkeypatch.setattr(_progress, "shows_progress", lambda: True)
    with _progress.progress("outer", total=1) as outer:
        with _progress.progress("inner", total=1) as inner:
            assert inner is _progress._nothing and outer is not _progress._nothing
        assert list(_progress.tracked(["a", "b"], "inner loop")) == ["a", "b"]
    with _progress.progress("again") as after:  # the outer display ended, so a new one may show
        assert after is not _progress._nothing
