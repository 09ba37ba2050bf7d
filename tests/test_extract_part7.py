"""Extraction, issue 18 part 7: pairing by assignment, time expressions read as a grammar, words attached to
their own verb, and the seventh real batch.

Every text in the behaviour tests is written for the test; none is copied from a real set.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from _extraction import extract_text, local_days, of
from ceasefire.extract.evaluation import Article, Label, match, score_article
from ceasefire.model import Citation, Event
from ceasefire.time import Window, end_of_day, start_of_day

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "extract"
ZONE = "Asia/Baku"


def days(first: str, last: str) -> Window:
    """The local days from ``first`` to ``last`` as a window."""
    return Window(start_of_day(dt.date.fromisoformat(first), ZONE), end_of_day(dt.date.fromisoformat(last), ZONE))


# ------------------------------------------------------------------ pairing by assignment

TWO = "On August 20-21 and 21-22 respectively, two soldiers were hurt by mines."


def _label(id: str, window: Window) -> Label:
    """A label on the whole of TWO."""
    return Label(id, "mine-explosion", ((0, len(TWO)),), window)


def _event(id: str, window: Window) -> Event:
    """An extracted event citing the whole of TWO."""
    return Event(id=id, kind="mine-explosion", summary="s", occurred=window, sources=[Citation(source="a", quote=TWO, offsets=(0, len(TWO)))], status="candidate")


def test_two_events_told_in_the_same_words_are_paired_by_their_dates() -> None:
    """Two blasts with identical quotes pair with the labels whose days they fall in, whatever order they were found in
    (the greedy pairing of parts 3-6 paired them by order, each with the other's label)."""
    first, second = _label("first", days("2022-08-20", "2022-08-21")), _label("second", days("2022-08-21", "2022-08-22"))
    late, early = _event("x-22", days("2022-08-22", "2022-08-22")), _event("x-20", days("2022-08-20", "2022-08-20"))
    assert sorted((e.id, g.id) for e, g in match([late, early], [first, second], ZONE)) == [("x-20", "first"), ("x-22", "second")]
    article = Article("a", Path("a.yaml"), "https://example.org", "X", "2022-08-23", TWO, (first, second), (), "development")
    assert [p.date for p in score_article(article, [late, early], [], ZONE).pairs] == ["inside", "inside"]


def test_the_assignment_still_pairs_as_many_as_can_be_paired_before_weighing_dates() -> None:
    """An event that fits two labels goes to the one no other event fits, even when its date fits the other better."""
    only = Label("only", "mine-explosion", ((0, 10),), days("2022-08-01", "2022-08-31"))
    shared = Label("shared", "mine-explosion", ((0, len(TWO)),), days("2022-08-20", "2022-08-20"))
    wide = _event("wide", days("2022-08-01", "2022-08-31"))
    exact = Event(id="exact", kind="mine-explosion", summary="s", occurred=days("2022-08-20", "2022-08-20"), sources=[Citation(source="a", quote=TWO[20:40], offsets=(20, 40))], status="candidate")
    assert sorted((e.id, g.id) for e, g in match([exact, wide], [shared, only], ZONE)) == [("exact", "shared"), ("wide", "only")]
