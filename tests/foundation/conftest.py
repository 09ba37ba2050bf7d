"""Small agreements and event files written for the foundation tests."""

from __future__ import annotations

from pathlib import Path

import pytest

AGREEMENT = """\
id: test-accord
title: A small test accord
zone: Europe/Moscow
parties:
  - {id: A, name: Party A, roles: [party, signatory]}
  - {id: B, name: Party B, roles: [party, signatory]}
announced: 2021-03-01
effective: "2021-03-01T12:00:00+03:00"
sources:
  - {id: text, title: Text of the accord}
points:
  - number: 1
    summary: Stop fighting.
    obligations:
      - {id: 1.truce, kind: standing, bearers: [A, B], summary: No fire.}
  - number: 2
    summary: Hand over the valley.
    obligations:
      - id: 2.valley
        kind: deadline
        bearers: [A]
        summary: A hands over the valley.
        due: {by: 2021-03-10}
amendments:
  - id: valley-delay
    kind: move-deadline
    obligation: 2.valley
    summary: Five more days.
    due: {by: 2021-03-15}
    agreed: 2021-03-09
    announced: 2021-03-09
    sources: [{source: text}]
"""

EVENTS = """\
zone: Asia/Baku
sources:
  - id: wire
    title: A wire story
    published: 2021-03-12
    file: story.txt
events:
  - id: e1
    kind: handover
    summary: The valley is handed over.
    occurred: 2021-03-11
    links: [{obligation: 2.valley, role: fulfils}]
    sources: [{source: wire, quote: the valley was handed over}]
"""

STORY = "Officials said the valley was handed over on Thursday.\n"


@pytest.fixture
def accord_files(tmp_path: Path) -> Path:
    """A folder holding agreement.yaml, events.yaml and the story the events quote."""
    (tmp_path / "agreement.yaml").write_text(AGREEMENT, encoding="utf-8")
    (tmp_path / "events.yaml").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    return tmp_path
