"""Helpers the commands share: building the tracker, hints, and writing a view out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from ..engine import Tracker
from ..errors import CeasefireError
from ..results import StatusReport
from ..engine.timeline import Timeline
from .group import CeasefireUsage, _seeds_only

__all__ = ["emit", "hint", "make_tracker", "write"]


def make_tracker(agreement: Path | None, events: Sequence[Path]) -> Tracker:
    """A tracker over the files given, or over the bundled statement, seed events and record.

    With event files but no ``--agreement``, the events are checked against the
    bundled statement; when that fails, a hint on stderr says to pass one.
    """
    from .. import bundled
    from .._progress import logger, progress
    from ..loading import load_agreement, load_events

    with progress("reading files", total=len(events) + 1) as advance:
        chosen = load_agreement(agreement) if agreement else bundled.agreement()
        if agreement is None:  # a file is logged by load_agreement itself
            logger.info("agreement %s from the bundled statement: %d obligations", chosen.id, sum(len(p.obligations) for p in chosen.points))
        advance(1)
        logs = []
        for path in events:
            logs.append(load_events(path))  # which logs what the file held
            advance(1)
    if not events and agreement is None:
        logs = list(bundled.evidence(record=not _seeds_only()))
        logger.info("events from the bundled files: %s", ", ".join(f"{len(log.events)} events" for log in logs))
    try:
        with progress("linking events to obligations"):
            return Tracker(chosen, *logs)
    except CeasefireError:
        if events and agreement is None:
            hint("the event files were checked against the bundled 2020 statement; if they belong to your own agreement, pass it with --agreement FILE")
        raise


def hint(text: str) -> None:
    """A hint on stderr, unless --quiet."""
    from .._progress import is_quiet

    if not is_quiet():
        click.echo(f"hint: {text}", err=True)


def write(text: str) -> None:
    click.echo(text, nl=False)


def emit(view: StatusReport | Timeline, fmt: str, out: Path | None, name: str) -> None:
    """Write ``view`` in ``fmt`` (json, csv, markdown or xlsx) to stdout or to ``out``."""
    if fmt == "table":
        raise CeasefireUsage(f"the table is printed, not written: with --out choose --format json, csv, markdown or xlsx, e.g. --format xlsx --out {name}.xlsx")
    if fmt == "xlsx":
        if out is None:
            raise CeasefireUsage(f"--format xlsx writes a workbook: add --out FILE, e.g. --out {name}.xlsx")
        try:
            from ..render.excel import to_excel
        except ImportError as exc:  # pragma: no cover - depends on what is installed
            raise CeasefireUsage(f"xlsx needs the 'excel' extra ({exc.name or 'openpyxl'} is not installed): pip install 'ceasefire[excel]'") from None
        try:
            path = to_excel(view, out)
        except ImportError:
            raise CeasefireUsage("xlsx needs the 'excel' extra (openpyxl is not installed): pip install 'ceasefire[excel]'") from None
        except OSError as exc:
            raise CeasefireUsage(f"cannot write {out}: {exc.strerror or exc}") from None
        click.echo(f"wrote {path}")
        return
    from ..render.export import export

    text = export(view, fmt)
    if out is None:
        write(text)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}")
