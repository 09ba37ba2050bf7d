"""One event id and version with other content in two logs is refused, even when both logs were parsed from data and share the name '<events>'."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ceasefire import Tracker, bundled, parse_events
from ceasefire.errors import DuplicateIdError
from ceasefire.validation import Origin


def _documents() -> tuple[dict[str, Any], dict[str, Any]]:
    base = bundled.seed_events().model_dump(mode="json", exclude_defaults=True)
    first = dict(base["events"][0], id="dup-1", version="2021-01-02T00:00:00+04:00")
    second = dict(first, summary="Another account of the same version.")
    return dict(base, events=[first]), dict(base, events=[second])


def test_two_parsed_logs_clash() -> None:
    one, other = _documents()
    with pytest.raises(DuplicateIdError, match=r"event id 'dup-1' with version 2021-01-02T00:00:00\+04:00, also in log 1 of 2 \(also named <events>\) with other content"):
        Tracker(bundled.agreement(), parse_events(copy.deepcopy(one)), parse_events(copy.deepcopy(other)))


def test_the_same_record_twice_is_no_clash() -> None:
    one, _ = _documents()
    tracker = Tracker(bundled.agreement(), parse_events(copy.deepcopy(one)), parse_events(copy.deepcopy(one)))
    assert len(tracker.history("dup-1")) == 2


def test_named_logs_still_name_each_other() -> None:
    one, other = _documents()
    first = parse_events(copy.deepcopy(one), origin=Origin("first.json"))
    second = parse_events(copy.deepcopy(other), origin=Origin("second.json"))
    with pytest.raises(DuplicateIdError, match=r"also in first\.json with other content"):
        Tracker(bundled.agreement(), first, second)
