"""The extraction scorer and the extract commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from click.testing import CliRunner

from ceasefire import Tracker, bundled, load_events
from ceasefire.cli import main
from ceasefire.extract.score import locate, run, score, seed_inputs, table
from ceasefire.model import Citation, Event


def with_offsets(event: Event, texts: dict) -> Event:
    """A curated event whose citations carry the offsets of their quotes, as extraction's do."""
    cited = []
    for c in event.sources:
        if c.source in texts and c.quote:
            start, end = locate(texts[c.source][1], c.quote)[0]
            cited.append(Citation(source=c.source, quote=c.quote, offsets=(start, end)))
    return event.model_copy(update={"sources": cited or event.sources})


@pytest.fixture(scope="module")
def seeds():  # type: ignore[no-untyped-def]
    return seed_inputs()


def rows(card) -> dict:  # type: ignore[no-untyped-def]
    return {r.name.split(" (")[0] if not r.name.startswith("obligation") else r.name: (r.precision, r.recall) for r in card.rows}


def test_curated_events_score_perfectly_against_themselves(seeds) -> None:  # type: ignore[no-untyped-def]
    """The curated events, given as if extracted, match themselves one to one with every date and link right."""
    _, gold, texts = seeds
    card = score([with_offsets(e, texts) for e in gold.events], gold.events, texts)
    assert all(r.precision == 1.0 and r.recall == 1.0 for r in card.rows if r.name != "places"), table(card)
    assert not card.extra and not card.missed


def test_a_wrong_kind_or_a_duplicate_costs_precision(seeds) -> None:  # type: ignore[no-untyped-def]
    """An event of the wrong kind is unmatched, and a second copy of a matched event is a false positive."""
    _, gold, texts = seeds
    given = [with_offsets(e, texts) for e in gold.events]
    given[0] = given[0].model_copy(update={"kind": "something-else"})
    given.append(given[1].model_copy(update={"id": "copy"}))
    events = score(given, gold.events, texts).rows[0]
    assert (events.right_given, events.given) == (len(gold.events) - 1, len(gold.events) + 1)
    assert (events.right_wanted, events.wanted) == (len(gold.events) - 1, len(gold.events))


def test_seed_extraction_meets_its_targets(seeds) -> None:
    """On the seed articles, recall of linked events is at least 0.9 and event precision at least 0.8."""
    agreement, gold, texts = seeds
    card = score(run(agreement, texts).events, gold.events, texts)
    events, linked = card.rows[0], card.rows[1]
    assert events.precision is not None and events.precision >= 0.8, table(card)
    assert linked.recall is not None and linked.recall >= 0.9, table(card)


def test_seed_extraction_finds_the_buffer_zone_discrepancy(seeds) -> None:
    """Seed 004's 'all security buffer zones ... by 1 December' is reported against the statement's Lachin deadline, with its quote."""
    agreement, _, texts = seeds
    result = run(agreement, texts)
    quotes = {g.claims[0].citation.quote: g for g in result.discrepancies}
    gap = quotes["All security buffer zones currently under Armenian control must also be handed over to Azerbaijan by 1 December."]
    assert "6.lachin" in gap.claims[1].value
    assert len(result.discrepancies) == 1


def test_extract_command_writes_a_loadable_candidate_file(tmp_path: Path) -> None:
    """`ceasefire extract` writes events a Tracker loads; they count only with candidates=True."""
    report = tmp_path / "wire.txt"
    report.write_text("Azerbaijani troops entered Berdzor on Monday.\nA second sentence says nothing.\n", encoding="utf-8")
    out = tmp_path / "events.yaml"
    done = CliRunner().invoke(main, ["extract", str(report), "--published", "2020-12-01", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert "handover" in done.output and "Lachin" in done.output
    log = load_events(out)
    (event,) = log.events
    assert event.status == "candidate" and event.sources[0].offsets == (0, 45)
    assert str(Tracker(bundled.agreement(), log, candidates=True).obligation_on("6.lachin", "2020-12-01").status) == "fulfilled"


def test_extract_command_without_a_date_is_a_clear_error(tmp_path: Path) -> None:
    """A report with no date line and no --published ends with one error line and exit code 2."""
    report = tmp_path / "undated.txt"
    report.write_text("Azerbaijani troops entered Berdzor on Monday.\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["extract", str(report)])
    assert done.exit_code == 2
    assert "published" in done.output and "Traceback" not in done.output


def test_extract_score_command_prints_the_table() -> None:
    """`ceasefire extract-score` prints a Markdown table with the event, date and link rows."""
    done = CliRunner().invoke(main, ["extract-score"])
    assert done.exit_code == 0, done.output
    for name in ("| events |", "| dates", "| obligation links (obligation) |"):
        assert name in done.output


def test_the_documented_seed_table_is_what_the_code_gives(seeds) -> None:  # type: ignore[no-untyped-def]
    """docs/extraction.md shows the seed score table exactly as a run of the scorer prints it."""
    agreement, gold, texts = seeds
    page = (Path(__file__).resolve().parents[1] / "docs" / "extraction.md").read_text(encoding="utf-8")
    documented = page.split("<!-- seed-score:start -->\n", 1)[1].split("<!-- seed-score:end -->", 1)[0].strip()
    assert documented == table(score(run(agreement, texts).events, gold.events, texts))


def test_offsets_that_do_not_give_the_quote_are_refused(tmp_path: Path) -> None:
    """Loading an event file whose citation offsets do not slice to the quote fails, naming the field and the right offsets."""
    from ceasefire import QuoteNotFoundError

    (tmp_path / "r.txt").write_text("First sentence. Azerbaijani troops entered Berdzor on Monday.\n", encoding="utf-8")
    out = tmp_path / "events.yaml"
    assert CliRunner().invoke(main, ["extract", str(tmp_path / "r.txt"), "--published", "2020-12-01", "--out", str(out)]).exit_code == 0
    out.write_text(out.read_text(encoding="utf-8").replace("- 16\n", "- 15\n"), encoding="utf-8")
    with pytest.raises(QuoteNotFoundError, match=r"offsets.*e\.g\. \[16, 61\]"):
        Tracker(bundled.agreement(), load_events(out))


@pytest.mark.parametrize(
    ("marker", "gold"),
    [("heldout-1-score", "heldout-events.yaml"), ("heldout-2-score", "second/events.yaml"), ("heldout-3-score", "third/events.yaml"), ("heldout-4-score", "fourth/events.yaml")],
)
def test_the_documented_held_out_tables_are_what_the_code_gives(marker: str, gold: str) -> None:
    """docs/extraction.md shows each held-out set's current score table exactly as the scorer prints it."""
    from ceasefire.extract.score import file_inputs

    root = Path(__file__).resolve().parents[1]
    agreement, curated, texts = file_inputs(root / "tests" / "data" / "extract" / gold)
    page = (root / "docs" / "extraction.md").read_text(encoding="utf-8")
    documented = page.split(f"<!-- {marker}:start -->\n", 1)[1].split(f"<!-- {marker}:end -->", 1)[0].strip()
    assert documented == table(score(run(agreement, texts).events, curated.events, texts))
