"""Loading and tracking hold Python's garbage collector back only while they work, and leave it as the caller had it."""

from __future__ import annotations

import gc

import pytest

from ceasefire import bundled
from ceasefire._collector import collector_paused


def test_paused_inside_and_restored_after() -> None:
    """Inside the block the collector is off; afterwards it is on again, as it was."""
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "an inner block must not switch the collector back on early"
    assert gc.isenabled()


def test_restored_when_the_work_fails() -> None:
    """An error inside the block still gives the collector back."""
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_caller_who_disabled_it_keeps_it_disabled() -> None:
    """Building a tracker and asking it questions leaves a collector the caller switched off switched off."""
    gc.disable()
    try:
        tracker = bundled.tracker()
        tracker.status_on("2020-11-16")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_tracker_work_leaves_the_collector_on() -> None:
    """After building a tracker, a status and a timeline, the collector is on again."""
    tracker = bundled.tracker(record=False)
    tracker.status_on("2020-11-16")
    tracker.timeline("2020-11-10", "2020-11-30")
    assert gc.isenabled()
