"""A long event file is not kept in memory for its line numbers, yet problems found after loading still name their line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ceasefire import CeasefireError, Tracker, load_events, parse_agreement
from ceasefire._documents import KEEP_TEXT_UP_TO

AGREEMENT = {
    "id": "z",
    "title": "z",
    "zone": "UTC",
    "announced": "2023-01-01",
    "effective": "2023-01-01T00:00:00+00:00",
    "parties": [{"id": "A", "name": "A", "roles": ["party"]}],
    "points": [{"number": 1, "summary": "p", "obligations": [{"id": "s", "kind": "standing", "bearers": ["A"], "summary": "s"}]}],
}


def _write_long_log(path: Path, wrong: int) -> int:
    """A log longer than the kept-text limit, with event ``wrong`` linked to an obligation the agreement lacks; returns that link's line."""
    events = [
        {"id": f"e{i}", "kind": "attack", "summary": "a clash " * 30, "occurred": "2023-02-01T00:00:00+00:00", "reported": "2023-02-02T00:00:00+00:00",
         "links": [{"obligation": "nope" if i == wrong else "s", "role": "breaches"}], "sources": [{"source": "r"}]}
        for i in range(wrong + 50)
    ]
    text = json.dumps({"sources": [{"id": "r", "title": "a report"}], "events": events}, indent=1)
    assert len(text) > KEEP_TEXT_UP_TO
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    return next(n for n, line in enumerate(lines, 1) if '"nope"' in line)


def test_a_problem_found_by_the_tracker_names_its_line_in_a_long_file(tmp_path: Path) -> None:
    """The unknown obligation of one link, in a file over the limit, is reported at the file and line of that link."""
    path = tmp_path / "long.json"
    line = _write_long_log(path, wrong=3000)
    log = load_events(path)
    with pytest.raises(CeasefireError) as caught:
        Tracker(parse_agreement(AGREEMENT), log)
    assert f"{path}:{line}" in str(caught.value)


def test_a_file_changed_since_loading_gives_no_line_rather_than_a_wrong_one(tmp_path: Path) -> None:
    """When the file was rewritten after loading, the message names the file and the field, and no line."""
    path = tmp_path / "long.json"
    line = _write_long_log(path, wrong=3000)
    log = load_events(path)
    path.write_text(path.read_text(encoding="utf-8").replace('"a report"', '"a report, edited"'), encoding="utf-8")
    os.utime(path, ns=(1, 1))
    with pytest.raises(CeasefireError) as caught:
        Tracker(parse_agreement(AGREEMENT), log)
    message = str(caught.value)
    assert f"{path}:{line}" not in message and str(path) in message and "events[3000]" in message
