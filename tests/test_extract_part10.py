"""Extraction, issue 18 part 10: the largest failure kinds of the eighth and ninth batches fixed in the design, and the tenth real batch.

Every text in the behaviour tests is written for the test; none is copied from a real set.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from _extraction import extract_text, local_days, of
from ceasefire.extract.evaluation import load_set

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "extract"


def test_an_undated_protest_is_not_earlier_than_the_blockade_told_before_it() -> None:
    """A protest told with no date after a closure the report dates on 5 March starts no earlier than 5 March."""
    text = "Activists blocked the road to the town on 5 March. Hundreds of protesters gathered in the capital."
    (protest,) = of(extract_text(text, "2023-03-20"), "protest")
    assert local_days(protest) == (dt.date(2023, 3, 5), dt.date(2023, 3, 20))


def test_an_undated_exodus_is_not_earlier_than_the_offensive_told_before_it() -> None:
    """Residents fleeing, told with no date after an offensive dated 4 May, left no earlier than 4 May."""
    text = "The army launched an offensive on the region on 4 May. Thousands of residents have fled the region since then."
    (departure,) = of(extract_text(text, "2023-05-10"), "civilian-departure")
    assert local_days(departure)[0] == dt.date(2023, 5, 4)


def test_a_reaction_told_before_the_happening_is_not_bounded_by_it() -> None:
    """A protest told before the closure the report dates is left as it was: only what is told before bounds a reaction."""
    text = "Hundreds of protesters gathered in the capital. Activists blocked the road to the town on 5 March."
    (protest,) = of(extract_text(text, "2023-03-20"), "protest")
    assert local_days(protest)[0] < dt.date(2023, 3, 5)
