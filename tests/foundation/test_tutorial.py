"""The tutorial's files and claims hold when run."""

from __future__ import annotations

import re
from pathlib import Path

import ceasefire
from ceasefire import Status

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = (ROOT / "docs" / "tutorial.md").read_text(encoding="utf-8")


def _tracker(folder: Path, agreement: str, events: str) -> ceasefire.Tracker:
    (folder / "valley.yaml").write_text(agreement, encoding="utf-8")
    (folder / "events.yaml").write_text(events, encoding="utf-8")
    (folder / "story.txt").write_text("Officials said the valley was handed over on Thursday.\n", encoding="utf-8")
    return ceasefire.Tracker(ceasefire.load_agreement(folder / "valley.yaml"), ceasefire.load_events(folder / "events.yaml"))


def test_tutorial_files_give_the_statuses_it_states(tmp_path: Path) -> None:
    """The tutorial's files give uncertain, then fulfilled late with the exact hour, then fulfilled with the amendment."""
    agreement, events, exact, amendment = re.findall(r"```yaml\n(.*?)```", TUTORIAL, re.S)
    first = _tracker(tmp_path, agreement, events).status_on("2021-03-12")["2.valley"]
    assert first.status is Status.UNCERTAIN and "straddles" in first.explain()
    events = events.replace("    occurred: 2021-03-11         # the whole of 11 March in Asia/Baku\n", exact)
    assert exact in events
    status = _tracker(tmp_path, agreement, events).status_on("2021-03-12")["2.valley"]
    assert status.status is Status.FULFILLED_LATE
    amended = _tracker(tmp_path, agreement + amendment, events).status_on("2021-03-12")["2.valley"]
    assert amended.status is Status.FULFILLED
    assert "valley-delay" in amended.explain()


def test_tutorial_python_steps_run() -> None:
    """The tutorial's Python snippets about the bundled statement run and say what the text claims."""
    blocks = re.findall(r"```python\n(.*?)```", TUTORIAL, re.S)
    namespace: dict[str, object] = {}
    for block in blocks[:4]:
        exec(compile(block, "tutorial.md", "exec"), namespace)
    kalbajar = namespace["late"]["6.kalbajar"]  # type: ignore[index]
    assert kalbajar.status is Status.UNMONITORED and kalbajar.horizon.last_known is Status.PENDING
    assert kalbajar.deadline.latest.date().isoformat() == "2020-11-15"
