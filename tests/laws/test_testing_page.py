"""The cookbook on the "Testing your own agreement" page runs, passes, and fails with a pasteable example when it should."""

from __future__ import annotations

import datetime
import os
import re
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

from ceasefire import EventLog, parse_events

PAGE = Path(__file__).resolve().parents[2] / "docs" / "testing.md"
THOROUGH_EXAMPLES = 500
"""Examples per cookbook property under the ``thorough`` profile (the page promises this many)."""


def _example(edit: tuple[str, str] | None = None) -> dict[str, object]:
    """The page's Python block, run as a module would be, with one text ``edit`` if given."""
    blocks = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, "the page has exactly one Python example"
    code = blocks[0]
    if edit is not None:
        assert edit[0] in code
        code = code.replace(*edit)
    namespace: dict[str, object] = {"__name__": "testing_page_example"}
    exec(compile(code, str(PAGE), "exec"), namespace)
    return namespace


EXAMPLE = _example()
TESTS = sorted(name for name in EXAMPLE if name.startswith("test_"))


def test_the_page_has_its_ten_properties() -> None:
    """The page's cookbook holds the ten properties its text lists."""
    assert TESTS == [
        "test_a_date_means_its_last_instant",
        "test_a_later_deadline_never_makes_fulfilment_late",
        "test_events_about_other_clauses_change_nothing",
        "test_every_generated_agreement_is_accepted",
        "test_feed_order_never_matters",
        "test_fulfilment_never_comes_before_its_event",
        "test_other_zones_give_the_same_answers",
        "test_reports_after_the_cutoff_are_not_known_at_it",
        "test_the_term_renews_every_five_years_without_notice",
        "test_the_timeline_agrees_with_status_on",
    ]


def test_page_cookbook_passes() -> None:
    """Every property of the cookbook passes under the current profile (500 examples each under ``thorough``), within a minute under ``ci``."""
    thorough = os.environ.get("CEASEFIRE_HYPOTHESIS_PROFILE") == "thorough"
    example = EXAMPLE
    if thorough:  # settings are fixed when a test is defined: define the page's tests again under a 500-example profile
        settings.register_profile("cookbook-thorough", parent=settings.get_profile("thorough"), max_examples=THOROUGH_EXAMPLES)
        settings.load_profile("cookbook-thorough")
        try:
            example = _example()
        finally:
            settings.load_profile("thorough")
    started = time.process_time()
    for name in TESTS:
        example[name]()  # type: ignore[operator]
    took = time.process_time() - started  # processor time: other work on a shared machine does not count
    if not thorough:
        assert took < 60, f"the cookbook took {took:.1f} s of processor time under the ci profile"


def _failure(edit: tuple[str, str], name: str) -> AssertionError:
    """The AssertionError one cookbook property raises once ``edit`` breaks it."""
    broken = _example(edit)
    with pytest.raises(AssertionError) as caught:
        settings(database=None)(broken[name])()  # type: ignore[arg-type, operator]
    return caught.value


def test_a_wrong_rule_fails_with_a_pasteable_instant() -> None:
    """Were terms five years but counted as four, property 7 fails and prints the instant as a datetime built from an ISO string."""
    error = _failure(("start.year + 5 * (", "start.year + 4 * ("), "test_the_term_renews_every_five_years_without_notice")
    printed = "\n".join(getattr(error, "__notes__", []))
    found = re.search(r"when=(datetime\.datetime\.fromisoformat\('[^']+'\))", printed)
    assert found, printed
    assert isinstance(eval(found[1], {"datetime": datetime}), datetime.datetime)


def test_a_wrong_rule_fails_with_a_pasteable_log() -> None:
    """Were the handover's own events called unrelated, property 8 fails and prints the feed as YAML that reads back into a log."""
    error = _failure(('obligations=["1.truce"]', 'obligations=["2.valley"]'), "test_events_about_other_clauses_change_nothing")
    printed = "\n".join(getattr(error, "__notes__", []))
    found = re.search(r"log=(parse_events\(yaml\.safe_load\('''.*?'''\)\))", printed, re.S)
    assert found, printed
    log = eval(found[1], {"yaml": yaml, "parse_events": parse_events})
    assert isinstance(log, EventLog) and any(link.obligation == "2.valley" for e in log.events for link in e.links)
