"""The one validation path: loading, the tracker and ``ceasefire validate`` apply the same rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import ceasefire
from ceasefire import InvalidInputError, Tracker
from ceasefire.cli import main
from ceasefire.loading import parse_agreement, read_document
from ceasefire.model import Agreement
from ceasefire.validation import Origin, check_document, check_fields, validate_paths

MINSK = Path(__file__).resolve().parents[1] / "docs" / "examples" / "minsk-2015" / "agreement.yaml"
NO_DEADLINE = "a standing obligation with no deadline to move"


def _misaimed() -> dict[str, Any]:
    """The Minsk example with its first move-deadline amendment aimed at the standing ceasefire."""
    data, _ = read_document(MINSK)
    assert data["amendments"][0]["kind"] == "move-deadline"
    data["amendments"][0]["obligation"] = "1.ceasefire"
    return dict(data)


def test_loading_refuses_a_move_deadline_aimed_at_a_standing_obligation(tmp_path: Path) -> None:
    """Loading a file whose move-deadline amendment targets a standing obligation fails at that amendment's line."""
    path = tmp_path / "agreement.yaml"
    path.write_text(yaml.safe_dump(_misaimed(), sort_keys=False), encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        ceasefire.load_agreement(path)
    problem = next(p for p in caught.value.problems if "move-deadline" in p.received)
    assert NO_DEADLINE in problem.received
    assert problem.where.startswith(f"{path}:") and problem.where.endswith("(amendments[0].obligation)")


def test_the_tracker_applies_the_same_rule_to_an_agreement_built_in_python() -> None:
    """An agreement whose fields alone were checked (as when built in Python) is refused by the tracker for the same reason."""
    agreement = check_fields(Agreement, _misaimed(), Origin("<python>"))
    with pytest.raises(InvalidInputError, match="no deadline to move"):
        Tracker(agreement)


def test_validate_reports_the_rule_once_with_its_line(tmp_path: Path) -> None:
    """``ceasefire validate`` lists the misaimed amendment once, with file and line, and exits 1."""
    path = tmp_path / "agreement.yaml"
    path.write_text(yaml.safe_dump(_misaimed(), sort_keys=False), encoding="utf-8")
    [result] = validate_paths([path])
    found = [p for p in result.problems if "no deadline to move" in p.received]
    assert len(found) == 1 and found[0].where.startswith(f"{path}:")
    done = CliRunner().invoke(main, ["validate", str(path)])
    assert done.exit_code == 1 and done.output.count("no deadline to move") == 1


def test_check_document_is_what_loading_runs() -> None:
    """Parsing through loading and calling the validation entry point give equal agreements and equal refusals."""
    data, origin = read_document(MINSK)
    assert check_document(Agreement, data, origin) == parse_agreement(data, origin=origin)
    bad = _misaimed()
    messages = []
    for run in (lambda: check_document(Agreement, bad, origin), lambda: parse_agreement(bad, origin=origin)):
        with pytest.raises(InvalidInputError) as caught:
            run()
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
