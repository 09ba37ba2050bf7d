"""Loading and tracking hold Python's garbage collector back only while they work, and leave it as the caller had it."""

from __future__ import annotations

import gc
from pathlib import Path

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


def test_a_block_that_leaves_many_objects_freezes_them_and_a_small_one_does_not() -> None:
    """Past FREEZE_AFTER new container objects, the block's end freezes what is tracked; a small block leaves nothing frozen."""
    from ceasefire._collector import FREEZE_AFTER

    gc.collect()
    gc.unfreeze()
    try:
        with collector_paused():
            small = [[i] for i in range(FREEZE_AFTER // 10)]
        assert gc.get_freeze_count() == 0 and small
        with collector_paused():
            kept = [[i] for i in range(FREEZE_AFTER + 1_000)]
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()


def test_a_frozen_tracker_is_still_freed_when_dropped(tmp_path: Path) -> None:
    """Events loaded in bulk are frozen (where the collector no longer looks), yet they and a tracker over them hold no reference cycles, so dropping them frees them."""
    import json
    import weakref

    from ceasefire import Tracker, load_events

    clashes = [
        {"id": f"c{i}", "kind": "clash", "summary": "A clash.", "occurred": "2020-11-12T10:00:00+04:00",
         "reported": "2020-11-13T10:00:00+04:00", "links": [{"obligation": "1.ceasefire", "role": "breaches"}],
         "sources": [{"source": "statement-2020"}]}
        for i in range(8_000)
    ]
    path = tmp_path / "clashes.json"
    path.write_text(json.dumps({"events": clashes}), encoding="utf-8")
    gc.collect()
    gc.unfreeze()
    try:
        log = load_events(path)
        assert gc.get_freeze_count() > 0, "8,000 loaded events should leave enough objects to be frozen"
        tracker = Tracker(bundled.agreement(), log)
        tracker.status_on("2020-11-20")
        gone = weakref.ref(tracker), weakref.ref(log), weakref.ref(log.events[-1])
        del tracker, log
        assert all(ref() is None for ref in gone)
    finally:
        gc.unfreeze()


def test_loading_holds_the_collector_back_from_the_start_of_the_parse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser's output stays alive as the log, so the collector is off while the file is parsed, not only while fields are checked; it is on again after, also when the file is bad."""
    import json

    from ceasefire import loading
    from ceasefire.errors import CeasefireError

    seen: list[bool] = []
    real = loading.read_document

    def watching(path: Path) -> object:
        seen.append(gc.isenabled())
        return real(path)

    monkeypatch.setattr(loading, "read_document", watching)
    good = tmp_path / "events.json"
    good.write_text(json.dumps({"events": []}), encoding="utf-8")
    loading.load_events(good)
    assert seen == [False]
    assert gc.isenabled()
    bad = tmp_path / "bad.json"
    bad.write_text('{"events": [\n  {"id": }\n]}', encoding="utf-8")
    with pytest.raises(CeasefireError) as raised:
        loading.load_events(bad)
    assert "bad.json:2:" in str(raised.value)
    assert seen == [False, False]
    assert gc.isenabled()
