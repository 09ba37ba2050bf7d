"""Progress on a terminal and the ``ceasefire`` logger.

:func:`progress` shows rich's progress display on stderr while long work runs
(reading files, building a tracker, writing a workbook), but only when stderr
is a terminal and the command line was not given ``--quiet``: in a pipe, a
file, a notebook or a test it does nothing at all.

Everything worth tracing (files read and what they held, rows a converter
refused, the mapping rules that linked events, files written) goes to
the standard :mod:`logging` logger named ``ceasefire``. The library never
configures logging: it is silent until the application turns it on, e.g.
``logging.basicConfig(level=logging.INFO)``, or ``ceasefire --verbose ...``
on the command line.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

logger = logging.getLogger("ceasefire")

T = TypeVar("T")

_state: dict[str, object] = {"quiet": False, "handler": None, "level": logging.NOTSET, "showing": False}


def set_quiet(quiet: bool) -> None:
    """Turn the progress display off (``--quiet``) or back on."""
    _state["quiet"] = quiet


def is_quiet() -> bool:
    """True after ``--quiet``: no progress display and no hints."""
    return bool(_state["quiet"])


def shows_progress() -> bool:
    """True when a progress display would be seen: stderr is a terminal, not quieted, not turned off by CEASEFIRE_PROGRESS=0."""
    if bool(_state["quiet"]) or os.environ.get("CEASEFIRE_PROGRESS", "1") == "0":
        return False
    return sys.stderr.isatty()


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A progress display for one piece of work; yields a function to call with the number of steps done.

    With ``total=None`` the display is a spinner with the time taken. The
    display is cleared when the work ends. Inside another display (a converter
    called by a command that already shows one) it shows nothing, since a
    terminal holds one live display at a time.
    """
    if not shows_progress() or _state.get("showing"):
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()] if total else [SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn()]
    _state["showing"] = True
    try:
        with Progress(*columns, console=Console(file=sys.stderr), transient=True) as display:
            task = display.add_task(description, total=total)

            def advance(steps: int = 1) -> None:
                display.advance(task, steps)

            yield advance
    finally:
        _state["showing"] = False


def tracked(items: Sequence[T], description: str) -> Iterator[T]:
    """Each of ``items`` in turn, advancing a progress bar (when one is shown) as the loop goes."""
    with progress(description, total=len(items)) as advance:
        for item in items:
            yield item
            advance(1)


def _nothing(steps: int = 1) -> None:
    """Stand-in for the progress callback when nothing is shown."""


def configure_cli_logging(verbose: int, quiet: bool) -> None:
    """Logging for the command line: off by default, INFO with ``-v``, DEBUG with ``-vv``; ``--quiet`` keeps errors only.

    Each call replaces what the previous one set, so commands run one after
    another in the same process (tests, notebooks) do not pile up handlers.
    """
    set_quiet(quiet)
    previous = _state.get("handler")
    if isinstance(previous, logging.Handler):
        logger.removeHandler(previous)
        logger.setLevel(int(str(_state["level"])))
        _state["handler"] = None
    if not quiet and not verbose:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    _state["handler"], _state["level"] = handler, logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.ERROR if quiet else logging.DEBUG if verbose > 1 else logging.INFO)
