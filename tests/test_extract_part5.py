"""Extraction, issue 18 part 5: the learned second reader, and the fifth real batch.

Every text in the behaviour tests is written for the test; none is copied from a real set.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from _extraction import assert_scores_at_least, documented_and_scored, extract_text, local_days, of
from ceasefire.extract import extract_events, learned
from ceasefire.extract.evaluation import load_set

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "extract"
# A sentence no rule reads (no blast word, no clash word the rules know), which the learned weights read as a mine explosion.
UNREAD = "A mine was blown up and a colonel was killed near the village on Tuesday."


# ------------------------------------------------------------------ the learned second reader


def test_a_sentence_the_rules_read_nothing_in_gets_the_kind_the_weights_find() -> None:
    """Where no rule fires, the learned weights propose their most likely kind, dated by the sentence."""
    with learned.using(None):
        assert extract_text(UNREAD, "2021-10-15") == []
    result = extract_events(UNREAD, published="2021-10-15", source="t")
    (mention,) = result.mentions
    assert mention.kind == "mine-explosion" and mention.learned
    (event,) = of(list(result.events), "mine-explosion")
    assert local_days(event) == (dt.date(2021, 10, 12), dt.date(2021, 10, 12))


@pytest.mark.parametrize(
    "text",
    [
        "A mine was blown up and a colonel was not killed near the village on Tuesday.",
        "Officials said a mine is to be blown up and a colonel is to be killed near the village.",
    ],
)
def test_the_rules_still_judge_the_word_the_weights_point_to(text: str) -> None:
    """A learned proposal is dropped when the rules find its word negated or planned."""
    assert learned.current() is not None and max(learned.current().scores(text).values()) >= learned.current().add  # type: ignore[union-attr]
    assert extract_text(text, "2021-10-15") == []


def test_the_weights_do_not_speak_for_a_kind_the_rules_read_in_the_report() -> None:
    """A report where the rules read a mine explosion on the same day keeps only the rules' reading of that kind."""
    text = "In a mine blast near Shusha on Tuesday a soldier was wounded. " + UNREAD
    result = extract_events(text, published="2021-10-15", source="t")
    assert [m.learned for m in result.mentions] == [False]


def test_a_sentence_the_rules_read_is_left_to_the_rules() -> None:
    """The learned weights add nothing to a sentence in which a rule fires."""
    text = "Troops fired at a tractor near the village on Tuesday and a colonel was killed."
    assert all(not m.learned for m in extract_events(text, published="2021-10-15", source="t").mentions)


def test_extraction_never_imports_scikit_learn() -> None:
    """Importing ceasefire and extracting with the shipped weights leaves scikit-learn unimported."""
    code = f"import sys, ceasefire.extract as x; x.extract_events({UNREAD!r}, published='2021-10-15', source='t'); print('sklearn' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_the_weights_are_trained_on_development_data_only() -> None:
    """The shipped weights name the sets they were trained on, and the sixth batch (held out in part 6) is not among them."""
    model = learned.bundled()
    assert model is not None
    assert model.trained_on == (*learned.TRAINING_SETS, *learned.TRAINING_FILES)
    assert not any("real-batch-6" in name for name in model.trained_on)


def test_the_shipped_weights_are_what_training_gives() -> None:
    """Retraining on the committed development data gives the weights in learned.json (to rounding)."""
    pytest.importorskip("sklearn")
    model = learned.train([ROOT / p for p in learned.TRAINING_SETS], learned.ADD, {k for k in learned.bundled().kinds}, [f if f == "seeds" else ROOT / f for f in learned.TRAINING_FILES])  # type: ignore[union-attr]
    shipped = json.loads(learned.MODEL_FILE.read_text(encoding="utf-8"))
    assert sorted(model.kinds) == sorted(shipped["kinds"]) and shipped["add"] == learned.ADD
    for kind, weights in model.kinds.items():
        stored = shipped["kinds"][kind]
        assert abs(weights.bias - stored["bias"]) < 1e-3
        common = set(weights.weights) & set(stored["weights"])
        assert all(abs(weights.weights[f] - stored["weights"][f]) < 1e-3 for f in common)
        # a weight may cross the pruning threshold by rounding on another machine, nothing more
        assert all(abs(w) < learned.PRUNE + 1e-3 for f, w in weights.weights.items() if f not in common)
        assert all(abs(w) < learned.PRUNE + 1e-3 for f, w in stored["weights"].items() if f not in common)


# ------------------------------------------------------------------ the fifth real batch


def test_the_fifth_batch_is_new_copy_from_many_publishers_and_years() -> None:
    """The part-5 held-out set has at least 12 articles from 12 publishers over 2020-2024, none of them an article of the earlier sets."""
    fifth = load_set(DATA / "real-batch-5")
    earlier = {a.url for folder in ("real", "real-batch-2", "real-batch-3", "real-batch-4") for a in load_set(DATA / folder)}
    assert len(fifth) >= 12 and len({a.publisher for a in fifth}) >= 12
    assert {a.published[:4] for a in fifth} == {"2020", "2021", "2022", "2023", "2024"}
    assert not {a.url for a in fifth} & earlier


def test_the_fifth_batch_scores_at_least_what_was_measured_once() -> None:
    """On the part-5 held-out set, events found, precision and events dated inside the true window stay at or above the one measurement after the change, with no more dated wrongly."""
    assert_scores_at_least("real-batch-5", 40, FIFTH_RIGHT, FIFTH_GIVEN, FIFTH_INSIDE, FIFTH_WRONG)


def test_the_documented_fifth_batch_table_is_what_the_code_gives() -> None:
    """docs/extraction.md shows the fifth batch's score table exactly as the scorer prints it."""
    documented, scored = documented_and_scored("real-batch-5")
    assert documented == scored


# The one measurement of the fifth batch after the part-5 change (commit 47e2d78; see docs/extraction.md).
FIFTH_RIGHT, FIFTH_GIVEN, FIFTH_INSIDE, FIFTH_WRONG = 23, 27, 14, 3
