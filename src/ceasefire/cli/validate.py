"""The ``validate`` command: check agreement and event files and list every problem."""

from __future__ import annotations

from pathlib import Path

import click

from .group import EXIT_INVALID_INPUT
from .options import FILE


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@click.option("--agreement", type=FILE, help="Agreement to check event files against; by default one given among FILE, else the bundled one.")
def validate(files: tuple[Path, ...], agreement: Path | None) -> None:
    """Check agreement and event files and report every problem, with file and line.

    A file with 'points' is read as an agreement, one with 'events' as an
    event log. Exits with 1 if any problem is found. Warnings (unused
    sources, repeated place aliases, events counted from before an
    obligation took effect, notes that name a year or day after they are
    first shown) are shown but do not fail a file.

    Example: ceasefire validate my-events.yaml --agreement my-agreement.yaml
    """
    from ..validation import validate_paths

    results = validate_paths(list(files), agreement=agreement)
    for result in results:
        mark = "ok" if result.ok else f"{len(result.problems)} problem(s)"
        mark += f", {len(result.warnings)} warning(s)" if result.warnings else ""
        click.echo(f"{result.path}: {mark}: {result.summary}")
        for problem in result.problems:
            click.echo(f"  - {problem}")
        for warning in result.warnings:
            click.echo(f"  - warning: {warning}")
    bad = [r for r in results if not r.ok]
    if bad:
        count = sum(len(r.problems) for r in bad)
        click.echo(f"error: {count} problem(s) in {len(bad)} of {len(results)} file(s)", err=True)
        raise SystemExit(EXIT_INVALID_INPUT)
