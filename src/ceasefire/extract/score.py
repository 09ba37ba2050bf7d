"""Scoring extraction against the seed events curated by hand.

Run ``python -m ceasefire.extract.score`` (or ``ceasefire extract-score``):
it extracts events from the five seed articles, with the publication windows
the curated file gives them, and prints precision and recall. With
``--gold FILE`` it scores against another curated event file instead, reading
the texts its sources name.

How an extracted event is matched to a curated one:

1. Each curated quote is located in its seed file (every place it occurs).
2. An extracted event and a curated event *can match* when they have the
   same kind and some citation of the one overlaps, in the same file, by at
   least one character, some quote of the other.
3. Pairs are matched one to one, greedily, by the number of overlapping
   characters (largest first). An extracted event left unmatched is a false
   positive, so two extracted events for one curated happening cost
   precision.

Rows: events; events with obligation links; dates (the extracted window lies
inside the curated window), over all events and over those the curator puts
on a single day; links (an extracted link is right when its event
is matched and the curated event links the same obligation, with the same
role for the strict row); places; and quotes (citations overlapping a curated
quote of the same file).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import attrs

from ..model import Agreement, Event, EventLog, Link, Source
from . import ExtractionResult, combine, extract_events

Span = tuple[int, int]


@attrs.frozen
class Row:
    """One measure: right answers over answers given (precision) and over answers wanted (recall)."""

    name: str
    right_given: int
    given: int
    right_wanted: int
    wanted: int

    @property
    def precision(self) -> float | None:
        return self.right_given / self.given if self.given else None

    @property
    def recall(self) -> float | None:
        return self.right_wanted / self.wanted if self.wanted else None


@attrs.frozen
class Scorecard:
    """The rows, the matched pairs and what was left unmatched on either side."""

    rows: tuple[Row, ...]
    pairs: tuple[tuple[Event, Event], ...]
    extra: tuple[Event, ...]
    missed: tuple[Event, ...]


def seed_inputs() -> tuple[Agreement, EventLog, dict[str, tuple[Source, str]]]:
    """The bundled agreement, the curated seed events, and each seed source with its text."""
    from .. import bundled

    agreement, gold = bundled.agreement(), bundled.seed_events()
    roots = [r for r in (bundled.DATA, *bundled.DATA.parents) if (r / "seeds").is_dir()]
    texts = {}
    for source in [*agreement.sources, *gold.sources]:
        if source.file and source.file.startswith("seeds/") and roots:
            texts[source.id] = (source, (roots[0] / source.file).read_text(encoding="utf-8"))
    return agreement, gold, texts


def file_inputs(gold_file: Path) -> tuple[Agreement, EventLog, dict[str, tuple[Source, str]]]:
    """The bundled agreement, a curated event file, and the text of each source it names (relative to it)."""
    from .. import bundled
    from ..loading import load_events

    gold = load_events(gold_file)
    texts = {s.id: (s, (gold_file.parent / s.file).read_text(encoding="utf-8")) for s in gold.sources if s.file}
    return bundled.agreement(), gold, texts


def run(agreement: Agreement, texts: dict[str, tuple[Source, str]]) -> ExtractionResult:
    """Extraction over every text, combined."""
    return combine(*(extract_events(text, source=source, agreement=agreement) for source, text in texts.values()))


def locate(text: str, quote: str) -> list[Span]:
    """Every place ``quote`` occurs in ``text``."""
    spans, at = [], text.find(quote)
    while at >= 0:
        spans.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    return spans


def _gold_spans(event: Event, texts: dict[str, tuple[Source, str]]) -> list[tuple[str, Span]]:
    return [(c.source, span) for c in event.sources if c.quote and c.source in texts for span in locate(texts[c.source][1], c.quote)]


def _own_spans(event: Event) -> list[tuple[str, Span]]:
    return [(c.source, c.offsets) for c in event.sources if c.offsets is not None]


def _overlap(a: list[tuple[str, Span]], b: list[tuple[str, Span]]) -> int:
    return sum(max(0, min(x[1], y[1]) - max(x[0], y[0])) for s, x in a for t, y in b if s == t)


def match(extracted: Sequence[Event], gold: Sequence[Event], texts: dict[str, tuple[Source, str]]) -> list[tuple[Event, Event]]:
    """One-to-one pairs of the same kind with overlapping quotes, most overlap first."""
    golden = {g.id: _gold_spans(g, texts) for g in gold}
    scored = []
    for e in extracted:
        mine = _own_spans(e)
        for g in gold:
            if e.kind == g.kind:
                shared = _overlap(mine, golden[g.id])
                if shared > 0:
                    scored.append((shared, e, g))
    scored.sort(key=lambda item: -item[0])
    pairs, used_e, used_g = [], set(), set()
    for _, e, g in scored:
        if e.id not in used_e and g.id not in used_g:
            pairs.append((e, g))
            used_e.add(e.id)
            used_g.add(g.id)
    return pairs


def score(extracted: Sequence[Event], gold: Sequence[Event], texts: dict[str, tuple[Source, str]]) -> Scorecard:
    """Every row of the score table."""
    pairs = match(extracted, gold, texts)
    matched_e, matched_g = {e.id for e, _ in pairs}, {g.id for _, g in pairs}
    within = sum(1 for e, g in pairs if _inside(e, g))
    one_day = [(e, g) for e, g in pairs if g.occurred.latest - g.occurred.earliest < dt.timedelta(days=1)]
    single = sum(1 for g in gold if g.occurred.latest - g.occurred.earliest < dt.timedelta(days=1))
    rows = [
        Row("events", len(pairs), len(extracted), len(pairs), len(gold)),
        Row("events with obligation links", sum(1 for e, g in pairs if e.links and g.links), sum(1 for e in extracted if e.links),
            sum(1 for g in gold if g.links and g.id in matched_g), sum(1 for g in gold if g.links)),
        Row("dates (extracted window inside the true one)", within, len(pairs), within, len(gold)),
        Row("dates of events the curator puts on one day", sum(1 for e, g in one_day if _inside(e, g)), len(one_day),
            sum(1 for e, g in one_day if _inside(e, g)), single),
        _link_row(pairs, extracted, gold, strict=False),
        _link_row(pairs, extracted, gold, strict=True),
        Row("places", sum(1 for e, g in pairs if e.place and e.place == g.place), sum(1 for e, _ in pairs if e.place),
            sum(1 for e, g in pairs if g.place and e.place == g.place), sum(1 for _, g in pairs if g.place)),
        _quote_row(extracted, gold, texts),
    ]  # fmt: skip
    extra = tuple(e for e in extracted if e.id not in matched_e)
    missed = tuple(g for g in gold if g.id not in matched_g)
    return Scorecard(tuple(rows), tuple(pairs), extra, missed)


def _inside(extracted: Event, curated: Event) -> bool:
    """The extracted occurrence window lies within the curated one."""
    return curated.occurred.earliest <= extracted.occurred.earliest and extracted.occurred.latest <= curated.occurred.latest


def _link_row(pairs: list[tuple[Event, Event]], extracted: Sequence[Event], gold: Sequence[Event], strict: bool) -> Row:
    def key(link: Link) -> tuple[str, str]:
        return (link.obligation, link.role if strict else "")

    right = sum(len({key(l) for l in e.links} & {key(l) for l in g.links}) for e, g in pairs)
    name = "obligation links (obligation and role)" if strict else "obligation links (obligation)"
    return Row(name, right, sum(len({key(l) for l in e.links}) for e in extracted), right, sum(len({key(l) for l in g.links}) for g in gold))


def _quote_row(extracted: Sequence[Event], gold: Sequence[Event], texts: dict[str, tuple[Source, str]]) -> Row:
    """Citations overlapping a curated quote; a curated quote found twice in its file counts once."""
    golden = [[(c.source, span) for span in locate(texts[c.source][1], c.quote)] for g in gold for c in g.sources if c.quote and c.source in texts]
    everywhere = [item for spans in golden for item in spans]
    mine = [item for e in extracted for item in _own_spans(e)]
    right_given = sum(1 for item in mine if _overlap([item], everywhere))
    right_wanted = sum(1 for spans in golden if _overlap(spans, mine))
    return Row("quotes (citations overlapping a curated quote)", right_given, len(mine), right_wanted, len(golden))


def table(card: Scorecard) -> str:
    """The score as a Markdown table."""
    lines = ["| measure | precision | recall |", "|---|---|---|"]
    for row in card.rows:
        lines.append(f"| {row.name} | {_ratio(row.precision, row.right_given, row.given)} | {_ratio(row.recall, row.right_wanted, row.wanted)} |")
    return "\n".join(lines)


def _ratio(value: float | None, right: int, total: int) -> str:
    return "n/a" if value is None else f"{value:.2f} ({right}/{total})"


def details(card: Scorecard) -> str:
    """Matched pairs with their dates, and what was left unmatched, for a reviewer."""
    lines = ["matched (extracted -> curated, date inside?):"]
    for e, g in card.pairs:
        inside = _inside(e, g)
        lines.append(f"  {e.id} -> {g.id}  {'yes' if inside else 'NO'}  extracted {e.occurred}  curated {g.occurred}")
    lines.append("extracted, unmatched:")
    lines += [f"  {e.id}: {e.sources[0].quote!r}" for e in card.extra]
    lines.append("curated, missed:")
    lines += [f"  {g.id} ({g.kind})" for g in card.missed]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the score table; ``--details`` adds the pairs and misses, ``--gold FILE`` scores another curated file."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--gold" in args and args.index("--gold") + 1 < len(args):
        agreement, gold, texts = file_inputs(Path(args[args.index("--gold") + 1]))
    else:
        agreement, gold, texts = seed_inputs()
    result = run(agreement, texts)
    card = score(result.events, gold.events, texts)
    print(table(card))
    if "--details" in args:
        print()
        print(details(card))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
