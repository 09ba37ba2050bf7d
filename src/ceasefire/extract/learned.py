"""A learned reader of sentences: which kinds of happening a sentence reports, by weights.

The rules of ``patterns.yaml`` say *how* a happening is told (its clause,
its modality, its date, its place); their word lists say *which words* tell
it, and those lists were written while reading the development copy, so new
copy's wording escapes them. This module adds a second reader for the
words: one logistic regression per kind over the sentence's words, their
crude stems and the pairs of neighbouring stems, trained on the sentences of
the labelled real sets (a sentence is a positive example of a kind when a
label of that kind quotes part of it).

The weights are plain numbers in ``learned.json`` beside this module, written
by :func:`train` (scikit-learn's liblinear solver, deterministic) and read
here with nothing but the standard library: importing ceasefire never
imports scikit-learn, and nothing is downloaded. Rebuild them with
``python -m ceasefire.extract.learned``, run from the repository root (it needs the
``train`` extra and reads the sets by their paths there).

How extraction uses the scores: in a sentence where the rules read no
happening at all, the most likely kind is proposed when its probability
reaches ``add``, at the word that weighs most for it (a word that can tell
a happening: a past form, or a participle after an auxiliary or a name), and
only if the rules' own checks let that word stand (not negated, alleged,
planned or a duty, not in a relative clause for kinds that need a main
clause); ``detect.triggers`` does this. Then, per report, such a proposal
stands only for a kind the rules read nowhere in the report, once per kind
(where it is dated most narrowly): ``extract._read`` does that.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

MODEL_FILE = Path(__file__).resolve().parent / "learned.json"
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|\d[\d,.]*\d|\d")
_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")
# words too common to say anything about a kind on their own (they still count inside pairs)
# what a happening is told with: a past form, a participle or a gerund ("closed", "taken", "shelling", "fled")
_VERB_FORM = re.compile(r"(?:ed|en|ing)$")
_IRREGULAR = re.compile(r"^(?:left|fled|shot|fought|met|held|set|took|began|begun|broke|blew|struck|hit|sent|went|came|gave|brought|put|led|laid|cut|shut|won|lost|fell|ran|rose|stood|kept|sought|drove|made|built|told)$")
_PROGRESSIVE = re.compile(r"^(?:was|were|is|are|be|been|began|started|continued|continue|continues)$", re.IGNORECASE)
_AUXILIARY = re.compile(r"^(?:was|were|is|are|be|been|being|has|have|had|got|get|they|it|he|she|we|already|also|then|now|just|later|have|had|not)$", re.IGNORECASE)
_STOP = frozenset("the a an of to in on and or for by at with from as its their his her this that is was were be been has have had it".split())


@attrs.frozen
class Token:
    """A word of a sentence: its stem and where it lies in the sentence."""

    stem: str
    start: int
    end: int


def stem(word: str) -> str:
    """A crude stem: lower case, one common ending removed ("killed", "kills" -> "kill"), numbers as ``#``."""
    word = word.casefold().replace("’", "'")
    if word[0].isdigit():
        return "#"
    word = word.split("'")[0]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
    return word


def tokens(text: str) -> list[Token]:
    """The words of ``text`` with their stems and offsets."""
    return [Token(stem(m.group(0)), m.start(), m.end()) for m in _WORD.finditer(text)]


def features(text: str) -> list[str]:
    """The features of a sentence, sorted: stems (``w:``) and neighbouring pairs of stems (``b:``)."""
    words = tokens(text)
    found = {f"w:{t.stem}" for t in words if t.stem not in _STOP}
    found |= {f"b:{a.stem}_{b.stem}" for a, b in zip(words, words[1:], strict=False)}
    return sorted(found)


@attrs.frozen
class KindModel:
    """The weights of one kind."""

    bias: float
    weights: dict[str, float]

    def logit(self, feats: Iterable[str]) -> float:
        """The log-odds that a sentence with these features reports the kind."""
        return self.bias + sum(self.weights.get(f, 0.0) for f in feats)


@attrs.frozen
class Model:
    """Weights per kind, and the probability from which extraction proposes a kind."""

    kinds: dict[str, KindModel]
    add: float
    trained_on: tuple[str, ...] = ()

    def scores(self, text: str) -> dict[str, float]:
        """The probability, per kind, that the sentence reports a happening of that kind."""
        feats = features(text)
        return {kind: _sigmoid(m.logit(feats)) for kind, m in self.kinds.items()}

    def cue(self, kind: str, text: str) -> tuple[int, int] | None:
        """Where in ``text`` the lower-case word that weighs most for ``kind`` lies (None if none weighs for it)."""
        model = self.kinds[kind]
        words = tokens(text)
        best: tuple[float, int] | None = None
        for i, token in enumerate(words):
            word = text[token.start : token.end]
            if token.stem in _STOP or not word.islower() or not _told(word, words[i - 1] if i else None, text):
                continue  # a name, a month, a number or a sentence's first word is not where a happening is told
            weight = model.weights.get(f"w:{token.stem}", 0.0)
            if i + 1 < len(words):
                weight += model.weights.get(f"b:{token.stem}_{words[i + 1].stem}", 0.0) / 2
            if i > 0:
                weight += model.weights.get(f"b:{words[i - 1].stem}_{token.stem}", 0.0) / 2
            if weight > 0 and (best is None or weight > best[0]):
                best = (weight, i)
        if best is None:
            return None
        token = words[best[1]]
        return token.start, token.end

    def to_data(self) -> dict[str, Any]:
        """Plain data for ``learned.json``."""
        return {
            "add": self.add, "trained_on": list(self.trained_on),
            "kinds": {k: {"bias": m.bias, "weights": dict(sorted(m.weights.items()))} for k, m in sorted(self.kinds.items())},
        }  # fmt: skip


def _told(word: str, before: Token | None, text: str) -> bool:
    """Whether ``word`` can tell a happening: an irregular past form, or a form in -ed, -en or -ing used as a
    verb (after an auxiliary, an adverb, a pronoun or a name: "were withdrawing", "Azerbaijan closed"), not as
    an adjective after a noun ("the contingent deployed in the area", "Russian peacekeeping forces")."""
    if _IRREGULAR.match(word):
        return True
    if not _VERB_FORM.search(word) or before is None:
        return False
    previous = text[before.start : before.end]
    if word.endswith("ing"):
        return bool(_PROGRESSIVE.match(previous))
    return bool(_AUXILIARY.match(previous)) or previous.endswith("ly") or not previous.islower()


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def from_data(data: dict[str, Any]) -> Model:
    """A model from the plain data of ``learned.json``."""
    kinds = {str(k): KindModel(float(v["bias"]), {str(f): float(w) for f, w in v["weights"].items()}) for k, v in data["kinds"].items()}
    return Model(kinds, float(data["add"]), tuple(str(s) for s in data.get("trained_on", ())))


@functools.cache
def bundled() -> Model | None:
    """The shipped model, or None when there is no ``learned.json`` (extraction then uses the rules alone)."""
    if not MODEL_FILE.is_file():
        return None
    return from_data(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


_override: list[Model | None] = []


def current() -> Model | None:
    """The model extraction uses now: the shipped one, unless :func:`using` set another."""
    return _override[-1] if _override else bundled()


class using:  # noqa: N801 - used as a context manager, named like one
    """``with using(model):`` extraction reads with ``model`` (or with the rules alone, for None)."""

    def __init__(self, model: Model | None) -> None:
        self.model = model

    def __enter__(self) -> Model | None:
        _override.append(self.model)
        return self.model

    def __exit__(self, *exc: object) -> None:
        _override.pop()


# ---------------------------------------------------------------- training

# the development sets the shipped weights are trained on: every real batch read so far (the sixth, the
# held-out set of part 6, is not among them)
TRAINING_SETS = ("tests/data/extract/real", "tests/data/extract/real-batch-2", "tests/data/extract/real-batch-3", "tests/data/extract/real-batch-4", "tests/data/extract/real-batch-5")
# curated event files of the invented sets, and the seeds (``"seeds"``), trained on as well
TRAINING_FILES = ("seeds", "tests/data/extract/heldout-events.yaml", "tests/data/extract/second/events.yaml", "tests/data/extract/third/events.yaml", "tests/data/extract/fourth/events.yaml")
MIN_POSITIVES = 3
C = 1.0
# chosen on the one development fold the rules were not tuned on (weights trained without the fourth batch, scored on it)
ADD = 0.5
PRUNE = 0.1


def examples(folders: Sequence[Path | str], files: Sequence[Path | str] = ()) -> tuple[list[list[str]], list[frozenset[str]]]:
    """Each sentence of every text: its features and the kinds labelled in it.

    ``folders`` are real sets (one labelled excerpt per file); ``files`` are
    curated event files whose quotes are found in the texts they cite, or
    ``"seeds"`` for the curated seed events.
    """
    from .evaluation import load_set

    texts: list[tuple[str, list[tuple[str, tuple[int, int]]]]] = []
    for folder in folders:
        for article in load_set(folder):
            texts.append((article.text, [(label.kind, span) for label in article.events for span in label.spans]))
    for file in files:
        texts += _curated(file)
    rows: list[list[str]] = []
    kinds: list[frozenset[str]] = []
    for text, spans in texts:
        for sentence in _sentences(text):
            rows.append(features(sentence.text))
            kinds.append(frozenset(kind for kind, (a, b) in spans if a < sentence.end and sentence.start < b))
    return rows, kinds


def _sentences(text: str) -> list[Any]:
    from .text import sentences

    return list(sentences(text))


def _curated(file: Path | str) -> list[tuple[str, list[tuple[str, tuple[int, int]]]]]:
    """The texts a curated event file cites, each with the kinds and spans of the quotes found in it."""
    from .score import file_inputs, locate, seed_inputs

    _, gold, texts = seed_inputs() if str(file) == "seeds" else file_inputs(Path(file))
    out = []
    for source_id, (_, text) in texts.items():
        spans = [(event.kind, span) for event in gold.events for c in event.sources if c.source == source_id and c.quote for span in locate(text, c.quote)]
        out.append((text, spans))
    return out


def train(folders: Sequence[Path | str], add: float, known: Iterable[str], files: Sequence[Path | str] = (), c: float = C) -> Model:
    """Weights for every kind in ``known`` with at least ``MIN_POSITIVES`` labelled sentences in ``folders`` and ``files``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, labels = examples(folders, files)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(r, 1) for r in rows]).tocsr()
    matrix.indices = matrix.indices.astype("int32")  # liblinear takes 32-bit sparse indices only
    matrix.indptr = matrix.indptr.astype("int32")
    names = vectorizer.get_feature_names_out()
    kinds: dict[str, KindModel] = {}
    for kind in sorted(set(known)):
        y = [1 if kind in here else 0 for here in labels]
        if sum(y) < MIN_POSITIVES:
            continue
        fitted = LogisticRegression(C=c, solver="liblinear", class_weight="balanced", random_state=0, max_iter=1000).fit(matrix, y)
        weights = {str(n): round(float(w), 4) for n, w in zip(names, fitted.coef_[0], strict=True) if abs(w) >= PRUNE}
        kinds[kind] = KindModel(round(float(fitted.intercept_[0]), 4), weights)
    return Model(kinds, add, tuple(str(f) for f in (*folders, *files)))


def main() -> int:  # pragma: no cover - a maintenance command, run by hand
    """Retrain on the development sets and write ``learned.json``."""
    from .patterns import load

    model = train(TRAINING_SETS, ADD, {rule.name for rule in load().kinds}, TRAINING_FILES)
    MODEL_FILE.write_text(json.dumps(model.to_data(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_FILE} ({len(model.kinds)} kinds)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
