"""The ``extract`` and ``extract-score`` commands, added to the ``ceasefire`` command group.

The extraction package is imported inside each command, so the rest of the
command line starts without it.
"""

from __future__ import annotations

import os
from pathlib import Path

import click
from rich.table import Table

from ..render._terminal import console as terminal_console


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--published", help="When the reports appeared: a date, an instant, or EARLIEST..LATEST. By default each file's date line.")
@click.option("--agreement", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Agreement file; by default the bundled 2020 statement.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the candidate events (YAML) to this file; its folder is created if needed.")
def extract(files: tuple[Path, ...], published: str | None, agreement: Path | None, out: Path | None) -> None:
    """Propose candidate events from the report texts in FILES.

    Each file is one report; its id is the file name without extension. The
    same happening in several reports becomes one event with several
    sources. Candidates count as evidence only once accepted.

    Example: ceasefire extract report.txt --published 2020-11-26 --out events.yaml
    """
    from .. import bundled
    from ..extract import combine, extract_events
    from ..loading import load_agreement, read_text
    from ..model import Source

    chosen = load_agreement(agreement) if agreement else bundled.agreement()
    results = []
    for path in files:
        source = Source(id=path.stem, title=path.name, file=_relative(path, out))
        results.append(extract_events(read_text(path), published=published, source=source, agreement=chosen))
    result = combine(*results)
    console = terminal_console()
    console.print(_events_table(result))
    for gap in result.discrepancies:
        console.print(f"discrepancy ({gap.about}): " + " | ".join(f"{c.value} [{c.citation.source}]" for c in gap.claims))
    if out is not None:
        _write(result.to_log(), out)
        console.print(f"wrote {len(result.events)} candidate events to {out}")


@click.command("extract-score")
@click.option("--details", is_flag=True, help="Also list matched pairs, extra events and missed ones.")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="A curated event file to score against; by default the seed events.")
@click.option("--real", "real", type=click.Path(exists=True, file_okay=False, path_type=Path), help="A folder of labelled real excerpts (e.g. tests/data/extract/real): score article by article.")
@click.option("--part", type=click.Choice(["all", "development", "held-out", "whole"]), default="all", show_default=True, help="With --real: which part of the set to score ('all': each part apart; 'whole': every article together).")
@click.option("--articles", is_flag=True, help="With --real: also list recall and precision per article.")
def extract_score(details: bool, gold: Path | None, real: Path | None, part: str, articles: bool) -> None:
    """Score extraction on the seed articles (or the texts of --gold) against curated events.

    With --real DIR, score it instead on a set of labelled real excerpts, each
    article alone, one table per part of the set.

    Example: ceasefire extract-score --real tests/data/extract/real --part development --articles
    """
    if real is not None:
        from ..extract import evaluation

        click.echo(evaluation.main(real, part=part, show_details=details, show_articles=articles))
        return
    from ..extract import score

    score.main((["--details"] if details else []) + (["--gold", str(gold)] if gold else []))


def _events_table(result: object) -> Table:
    table = Table(title="candidate events (status: candidate)")
    for name in ("id", "kind", "place", "occurred", "links", "sources"):
        table.add_column(name, overflow="fold")
    zone = result.agreement.local_zone or result.agreement.zone  # type: ignore[attr-defined]
    for event in result.events:  # type: ignore[attr-defined]
        links = ", ".join(f"{l.obligation} {l.role} ({l.confidence:.1f}, {l.rule})" for l in event.links)
        table.add_row(event.id, event.kind, event.place or "", _days(event.occurred, zone), links, str(len(event.sources)))
    return table


def _days(window: object, zone: str) -> str:
    """A window as the local days it spans: '2020-11-25' or '2020-11-10..2020-11-25'."""
    from ..time import local_date

    first, last = local_date(window.earliest, zone), local_date(window.latest, zone)  # type: ignore[attr-defined]
    return first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"


def _relative(path: Path, out: Path | None) -> str:
    """The report's path as the event file will name it: relative to the folder of ``out``."""
    base = (out.parent if out is not None else Path.cwd()).resolve()
    return Path(os.path.relpath(path.resolve(), base)).as_posix()


def _write(log: object, out: Path) -> None:
    import yaml

    data = log.model_dump(mode="json", exclude_none=True, exclude_defaults=False)  # type: ignore[attr-defined]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
