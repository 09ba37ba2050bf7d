"""Scoring extraction article by article, on a set of real excerpts labelled by hand.

A set is a folder of YAML files (see ``tests/data/extract/real/README.md``):
each holds one article's excerpt, its URL, publisher and publication day, and
the events and wrong claims about the agreement a reader labelled in it.

Extraction runs on each excerpt alone, and its events are matched to that
article's labels only, one to one:

* an extracted event and a labelled one *can match* when they have the same
  kind, a citation of the one overlaps a quote of the other (by character
  offsets in the excerpt, not by sharing a sentence), and their obligations
  agree: when both bear on obligations directly (not as context), they name
  at least one in common;
* pairs are then chosen one to one as an assignment: as many pairs as can
  be made, then the largest overlap in all, then the dates that agree best.

Dates of matched pairs fall into one of four classes, comparing local days:
*exact* (the same days), *inside* (narrower than the labelled window, within
it), *containing* (wider, but containing it) and *wrong* (anything else).
Links are right when the labelled event has the same obligation (and, in the
strict row, the same role); context links that a passing mention brings in
(rules ``mention.*``) are left out, since the labels do not record them. Claims about the agreement (extraction's
discrepancies) are scored apart, against the wrong claims labelled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
import yaml

from ..errors import FileFormatError, InvalidInputError, Problem
from ..model import Agreement, Event, Link
from ..time import Window, local_date
from .score import Row
from ..time import window as read_window

PARTS = ("development", "held-out")
_FIELDS = {"url", "publisher", "published", "read", "excerpt", "events", "claims", "notes"}
_EVENT_FIELDS = {"id", "kind", "quotes", "place", "occurred", "links", "actor", "note"}
_CLAIM_FIELDS = {"id", "about", "quote", "note"}
_ROLES = {"fulfils", "advances", "breaches", "ends", "context"}
Span = tuple[int, int]


@attrs.frozen
class Label:
    """One event a reader recorded in an article."""

    id: str
    kind: str
    spans: tuple[Span, ...]
    window: Window
    place: str | None = None
    links: frozenset[tuple[str, str]] = frozenset()
    actor: str | None = None

    @property
    def primary(self) -> frozenset[str]:
        """Obligations the event bears on directly (not as context)."""
        return frozenset(o for o, role in self.links if role != "context")


@attrs.frozen
class ClaimLabel:
    """A statement about the agreement that is wrong against the model."""

    id: str
    about: str
    span: Span


@attrs.frozen
class Article:
    """One excerpt with its metadata and labels."""

    id: str
    path: Path
    url: str
    publisher: str
    published: str
    text: str
    events: tuple[Label, ...]
    claims: tuple[ClaimLabel, ...]
    part: str


def load_set(folder: Path | str, zone: str = "Asia/Baku") -> list[Article]:
    """Every article of a set, in name order, each with its part (every third is held out)."""
    folder = Path(folder)
    root = folder / "articles" if (folder / "articles").is_dir() else folder
    files = sorted(root.glob("*.yaml"))
    if not files:
        raise InvalidInputError(Problem(str(folder), "no article files (*.yaml)", "a folder of article YAML files, e.g. tests/data/extract/real"))
    return [_article(path, PARTS[1] if i % 3 == 2 else PARTS[0], zone) for i, path in enumerate(files)]


def _article(path: Path, part: str, zone: str) -> Article:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise FileFormatError(Problem(str(path), f"a file that cannot be read as YAML ({error})", "a YAML mapping with url, publisher, published, read, excerpt, events")) from error
    if not isinstance(data, dict):
        raise FileFormatError(Problem(str(path), f"a {type(data).__name__}", "a YAML mapping with url, publisher, published, read, excerpt, events"))
    unknown = set(data) - _FIELDS
    missing = {"url", "publisher", "published", "read", "excerpt", "events"} - set(data)
    if unknown or missing:
        raise InvalidInputError(Problem(str(path), f"unknown fields {sorted(unknown)}, missing fields {sorted(missing)}", f"the fields {sorted(_FIELDS)}"))
    text = data["excerpt"]
    if not isinstance(text, str) or not text.strip():
        raise InvalidInputError(Problem(f"{path}: excerpt", repr(text)[:40], "the verbatim text of the excerpt"))
    events = tuple(_label(item, text, f"{path}: events[{i}]", zone) for i, item in enumerate(data["events"] or []))
    claims = tuple(_claim(item, text, f"{path}: claims[{i}]") for i, item in enumerate(data.get("claims") or []))
    ids = [e.id for e in events] + [c.id for c in claims]
    if len(ids) != len(set(ids)):
        raise InvalidInputError(Problem(f"{path}: ids", f"repeated ids {sorted({i for i in ids if ids.count(i) > 1})}", "one id per event or claim"))
    published = str(data["published"])
    _window(published, zone, f"{path}: published")
    return Article(path.stem, path, str(data["url"]), str(data["publisher"]), published, text, events, claims, part)


def _window(value: Any, zone: str, where: str) -> Window:
    text = str(value)
    if ".." in text:
        low, high = text.split("..", 1)
        return read_window({"earliest": low.strip(), "latest": high.strip()}, zone, where=where)
    return read_window(text, zone, where=where)


def _span(text: str, quote: Any, where: str) -> Span:
    if not isinstance(quote, str) or not quote:
        raise InvalidInputError(Problem(where, repr(quote), "a non-empty verbatim quote from the excerpt"))
    at = text.find(quote)
    if at < 0:
        raise InvalidInputError(Problem(where, f"the quote {quote[:60]!r}, which is not in the excerpt", "words copied exactly from the excerpt"))
    return (at, at + len(quote))


def _label(item: Any, text: str, where: str, zone: str) -> Label:
    if not isinstance(item, dict) or set(item) - _EVENT_FIELDS or not {"id", "kind", "quotes", "occurred"} <= set(item):
        raise InvalidInputError(Problem(where, repr(item)[:80], "a mapping with id, kind, quotes, occurred and optionally place, links, actor, note"))
    quotes = item["quotes"]
    if not isinstance(quotes, list) or not quotes:
        raise InvalidInputError(Problem(f"{where}.quotes", repr(quotes)[:60], "a list of verbatim quotes"))
    links = []
    for raw in item.get("links") or []:
        parts = str(raw).split()
        if len(parts) != 2 or parts[1] not in _ROLES:
            raise InvalidInputError(Problem(f"{where}.links", repr(raw), f"'OBLIGATION ROLE' with a role among {sorted(_ROLES)}, e.g. '6.kalbajar fulfils'"))
        links.append((parts[0], parts[1]))
    return Label(
        id=str(item["id"]), kind=str(item["kind"]), spans=tuple(_span(text, q, f"{where}.quotes") for q in quotes),
        window=_window(item["occurred"], zone, f"{where}.occurred"), place=item.get("place"), links=frozenset(links), actor=item.get("actor"),
    )  # fmt: skip


def _claim(item: Any, text: str, where: str) -> ClaimLabel:
    if not isinstance(item, dict) or set(item) - _CLAIM_FIELDS or not {"id", "about", "quote"} <= set(item):
        raise InvalidInputError(Problem(where, repr(item)[:80], "a mapping with id, about, quote and optionally note"))
    return ClaimLabel(str(item["id"]), str(item["about"]), _span(text, item["quote"], f"{where}.quote"))


# ---------------------------------------------------------------- scoring


@attrs.frozen
class Pair:
    """A matched extracted event and label, with how the date compares."""

    extracted: Event
    label: Label
    date: str  # exact, inside, containing, wrong


@attrs.frozen
class ArticleScore:
    """The matching within one article."""

    article: Article
    pairs: tuple[Pair, ...]
    extra: tuple[Event, ...]
    missed: tuple[Label, ...]
    flagged: int
    claims_right: int
    claims_found: int

    @property
    def recall(self) -> float | None:
        return len(self.pairs) / len(self.article.events) if self.article.events else None

    @property
    def precision(self) -> float | None:
        given = len(self.pairs) + len(self.extra)
        return len(self.pairs) / given if given else None


@attrs.frozen
class Report:
    """Scores over a list of articles, overall and per article."""

    articles: tuple[ArticleScore, ...]
    rows: tuple[Row, ...]
    dates: dict[str, int]

    def row(self, name: str) -> Row:
        """The row whose name starts with ``name``."""
        return next(r for r in self.rows if r.name.startswith(name))

    @property
    def inside(self) -> float | None:
        """Share of matched events whose extracted window lies inside the labelled one (exact or narrower)."""
        matched = sum(self.dates.values())
        return (self.dates["exact"] + self.dates["inside"]) / matched if matched else None


def days(window: Window, zone: str) -> tuple[dt.date, dt.date]:
    """The first and last local day of a window."""
    return local_date(window.earliest, zone), local_date(window.latest, zone)


def date_class(extracted: Window, label: Window, zone: str) -> str:
    """exact, inside, containing or wrong, by local days."""
    (a, b), (c, d) = days(extracted, zone), days(label, zone)
    if (a, b) == (c, d):
        return "exact"
    if c <= a and b <= d:
        return "inside"
    if a <= c and d <= b:
        return "containing"
    return "wrong"


def _own(event: Event) -> list[Span]:
    return [c.offsets for c in event.sources if c.offsets is not None]


def _overlap(a: Iterable[Span], b: Iterable[Span]) -> int:
    b = list(b)
    return sum(max(0, min(x[1], y[1]) - max(x[0], y[0])) for x in a for y in b)


def _primary(event: Event) -> frozenset[str]:
    return frozenset(link.obligation for link in event.links if link.role != "context")


_DATE_RANK = {"exact": 3, "inside": 2, "containing": 1, "wrong": 0}


def match(extracted: Sequence[Event], labels: Sequence[Label], zone: str = "Asia/Baku") -> list[tuple[Event, Label]]:
    """One-to-one pairs: same kind, overlapping quotes, obligations that agree, chosen as an assignment.

    Of all ways to pair events with labels one to one, the one chosen pairs
    the most events; among those, the one whose quotes overlap most in all;
    among those, the one whose dates agree best (exact, then inside, then
    containing, then wrong, summed over the pairs); then the one that gives
    statements their labelled speakers. So two events told in the same words
    ("two blasts on the 20th and the 21st") are told apart by their dates,
    not by the order they were found in.
    """
    feasible: dict[tuple[int, int], tuple[int, int, int]] = {}
    for i, e in enumerate(extracted):
        for j, g in enumerate(labels):
            if e.kind != g.kind:
                continue
            mine, theirs = _primary(e), g.primary
            if mine and theirs and not mine & theirs:
                continue
            shared = _overlap(_own(e), g.spans)
            if shared > 0:
                date = _DATE_RANK[date_class(e.occurred, g.window, zone)]
                speaker = int(g.actor is not None and g.actor in e.actors)
                feasible[(i, j)] = (shared, date, speaker)
    if not feasible:
        return []
    most = min(len(extracted), len(labels)) + 1
    # lexicographic weights as one integer: each level's unit exceeds what the levels below can add up to
    date_unit = 2 * most
    overlap_unit = (3 * date_unit + 2) * most
    top = max(shared for shared, _, _ in feasible.values())
    pair_unit = (top * overlap_unit + 3 * date_unit + 2) * most
    weight = {key: pair_unit + shared * overlap_unit + date * date_unit + speaker for key, (shared, date, speaker) in feasible.items()}
    chosen = _assignment(len(extracted), len(labels), weight)
    return [(extracted[i], labels[j]) for i, j in sorted(chosen)]


def _assignment(rows: int, cols: int, weight: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """The pairs (row, column) of largest total weight, each row and column used at most once (pairs absent from
    ``weight`` are not allowed). The Hungarian method on a square matrix padded with zeros."""
    n = max(rows, cols)
    best = max(weight.values())
    cost = [[best - weight.get((i, j), 0) for j in range(n)] for i in range(n)]
    inf = (best + 1) * (n + 1) ** 2 * 4  # larger than any reduced cost; integers keep the sums exact
    u, v = [0] * (n + 1), [0] * (n + 1)
    owner, way = [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        owner[0], column = i, 0
        low, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[column] = True
            row, delta, nxt = owner[column], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    reduced = cost[row - 1][j - 1] - u[row] - v[j]
                    if reduced < low[j]:
                        low[j], way[j] = reduced, column
                    if low[j] < delta:
                        delta, nxt = low[j], j
            for j in range(n + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    low[j] -= delta
            column = nxt
            if owner[column] == 0:
                break
        while column:
            previous = way[column]
            owner[column] = owner[previous]
            column = previous
    return [(owner[j] - 1, j - 1) for j in range(1, n + 1) if owner[j] and (owner[j] - 1, j - 1) in weight]


def score_article(article: Article, extracted: Sequence[Event], discrepancy_spans: Sequence[Span], zone: str) -> ArticleScore:
    """Match one article's extracted events (claims excluded) and flagged claims against its labels."""
    events = [e for e in extracted if e.kind != "claim-about-agreement"]
    pairs = match(events, article.events, zone)
    taken_e = {id(e) for e, _ in pairs}
    taken_g = {g.id for _, g in pairs}
    flagged = list(dict.fromkeys(discrepancy_spans))
    right = sum(1 for span in flagged if any(_overlap([span], [c.span]) for c in article.claims))
    found = sum(1 for c in article.claims if any(_overlap([span], [c.span]) for span in flagged))
    return ArticleScore(
        article=article,
        pairs=tuple(Pair(e, g, date_class(e.occurred, g.window, zone)) for e, g in pairs),
        extra=tuple(e for e in events if id(e) not in taken_e),
        missed=tuple(g for g in article.events if g.id not in taken_g),
        flagged=len(flagged), claims_right=right, claims_found=found,
    )  # fmt: skip


def evaluate(articles: Sequence[Article], agreement: Agreement | None = None) -> Report:
    """Run extraction on each article alone and score it against that article's labels."""
    from . import extract_events

    if agreement is None:
        from .. import bundled

        agreement = bundled.agreement()
    zone = agreement.local_zone or agreement.zone
    scores = []
    for article in articles:
        result = extract_events(article.text, published=article.published, source=article.id, agreement=agreement)
        spans = [d.claims[0].citation.offsets for d in result.discrepancies if d.claims and d.claims[0].citation.offsets]
        scores.append(score_article(article, result.events, spans, zone))
    return report(scores)


def report(scores: Sequence[ArticleScore]) -> Report:
    """Totals over the articles' scores."""
    pairs = [p for s in scores for p in s.pairs]
    extracted = [p.extracted for p in pairs] + [e for s in scores for e in s.extra]
    labels = [g for s in scores for g in s.article.events]
    counts = {name: sum(1 for p in pairs if p.date == name) for name in ("exact", "inside", "containing", "wrong")}
    inside = counts["exact"] + counts["inside"]
    one_day = [p for p in pairs if _one_day(p.label)]
    rows = [
        Row("events", len(pairs), len(extracted), len(pairs), len(labels)),
        Row("events with obligation links", sum(1 for p in pairs if own_links(p.extracted) and p.label.links), sum(1 for e in extracted if own_links(e)),
            sum(1 for p in pairs if p.label.links), sum(1 for g in labels if g.links)),
        Row("dates inside the true window (exact day or narrower)", inside, len(pairs), inside, len(labels)),
        Row("dates on the exact day, of events labelled on one day", sum(1 for p in one_day if p.date == "exact"), len(one_day),
            sum(1 for p in one_day if p.date == "exact"), sum(1 for g in labels if _one_day(g))),
        _links(pairs, extracted, labels, strict=False),
        _links(pairs, extracted, labels, strict=True),
        Row("places", sum(1 for p in pairs if p.extracted.place and p.extracted.place == p.label.place), sum(1 for p in pairs if p.extracted.place),
            sum(1 for p in pairs if p.label.place and p.extracted.place == p.label.place), sum(1 for p in pairs if p.label.place)),
        Row("claims about the agreement flagged as wrong", sum(s.claims_right for s in scores), sum(s.flagged for s in scores),
            sum(s.claims_found for s in scores), sum(len(s.article.claims) for s in scores)),
    ]  # fmt: skip
    return Report(tuple(scores), tuple(rows), counts)


def _one_day(label: Label) -> bool:
    return label.window.latest - label.window.earliest < dt.timedelta(days=1)


def own_links(event: Event) -> list[Link]:
    """The links a kind's own rules propose; context links brought in by a passing mention are not labelled."""
    return [link for link in event.links if not (link.rule or "").startswith("mention.")]


def _links(pairs: Sequence[Pair], extracted: Sequence[Event], labels: Sequence[Label], strict: bool) -> Row:
    def keys_e(event: Event) -> set[tuple[str, str]]:
        return {(link.obligation, link.role if strict else "") for link in own_links(event)}

    def keys_g(label: Label) -> set[tuple[str, str]]:
        return {(o, r if strict else "") for o, r in label.links}

    right = sum(len(keys_e(p.extracted) & keys_g(p.label)) for p in pairs)
    name = "obligation links (obligation and role)" if strict else "obligation links (obligation)"
    return Row(name, right, sum(len(keys_e(e)) for e in extracted), right, sum(len(keys_g(g)) for g in labels))


# ---------------------------------------------------------------- output


def _ratio(value: float | None, right: int, total: int) -> str:
    return "n/a" if value is None else f"{value:.2f} ({right}/{total})"


def table(result: Report) -> str:
    """The totals as a Markdown table, with the date classes below."""
    lines = ["| measure | precision | recall |", "|---|---|---|"]
    for row in result.rows:
        lines.append(f"| {row.name} | {_ratio(row.precision, row.right_given, row.given)} | {_ratio(row.recall, row.right_wanted, row.wanted)} |")
    d = result.dates
    lines.append("")
    lines.append(f"dates of matched events: exact day {d['exact']}, inside the true window {d['inside']}, containing it (wider) {d['containing']}, wrong {d['wrong']}")
    return "\n".join(lines)


def per_article(result: Report) -> str:
    """One line per article: labelled, extracted, matched, recall, precision."""
    lines = ["| article | labelled | extracted | matched | recall | precision |", "|---|---|---|---|---|---|"]
    for s in result.articles:
        given = len(s.pairs) + len(s.extra)
        rec = "n/a" if s.recall is None else f"{s.recall:.2f}"
        pre = "n/a" if s.precision is None else f"{s.precision:.2f}"
        lines.append(f"| {s.article.id} | {len(s.article.events)} | {given} | {len(s.pairs)} | {rec} | {pre} |")
    return "\n".join(lines)


def details(result: Report, zone: str = "Asia/Baku") -> str:
    """Every pair, extra event and miss, for a reviewer."""
    lines = []
    for s in result.articles:
        lines.append(f"{s.article.id}:")
        for p in s.pairs:
            a, b = days(p.extracted.occurred, zone)
            lines.append(f"  matched {p.label.id} <- {p.extracted.id} date {p.date} ({a}..{b})")
        for e in s.extra:
            quote = e.sources[0].quote if e.sources else ""
            lines.append(f"  extra   {e.id}: {quote!r}")
        for g in s.missed:
            lines.append(f"  missed  {g.id} ({g.kind}): {s.article.text[g.spans[0][0] : g.spans[0][1]]!r}")
        if s.flagged or s.article.claims:
            lines.append(f"  claims: flagged {s.flagged}, right {s.claims_right}, labelled {len(s.article.claims)}, found {s.claims_found}")
    return "\n".join(lines)


def main(folder: Path | str, part: str = "all", show_details: bool = False, show_articles: bool = False) -> str:
    """The text ``ceasefire extract-score --real`` prints: one table per part asked for ("whole": every article as one part)."""
    articles = load_set(folder)
    if part not in ("all", "whole", *PARTS):
        raise InvalidInputError(Problem("--part", repr(part), f"one of {['all', 'whole', *PARTS]}"))
    wanted = PARTS if part == "all" else (part,)
    out = []
    for name in wanted:
        chosen = list(articles) if name == "whole" else [a for a in articles if a.part == name]
        result = evaluate(chosen)
        events = sum(len(a.events) for a in chosen)
        out.append(f"## {name} part: {len(chosen)} articles, {events} labelled events\n")
        out.append(table(result))
        if show_articles:
            out.append("")
            out.append(per_article(result))
        if show_details:
            out.append("")
            out.append(details(result))
        out.append("")
    return "\n".join(out)
