"""The vocabulary every check shares: where a model came from, and problems found in it.

A check yields :data:`Found` pairs (the error class to raise, and the problem with
its place); :func:`raise_problems` raises them all at once. An :class:`Origin` turns a
path inside a document into ``file:line (field.path)`` for messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import attrs

from ..errors import CeasefireError, Problem

Found = tuple[type[CeasefireError], Problem]


@attrs.frozen
class Origin:
    """Where a model was read from: a name for messages, a way to find lines, and folders for files."""

    name: str
    line_of: Callable[[tuple[str | int, ...]], int | None] = lambda path: None
    roots: tuple[Path, ...] = ()

    def where(self, path: tuple[str | int, ...]) -> str:
        """``file:line (field.path)`` for a path inside the document."""
        dotted = dotted_path(path)
        line = self.line_of(path)
        place = f"{self.name}:{line}" if line is not None else self.name
        return f"{place} ({dotted})" if dotted else place


def dotted_path(path: Iterable[str | int]) -> str:
    """``points[2].obligations[0].due`` from ``('points', 2, 'obligations', 0, 'due')``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def origin_of(model: object, default: str) -> Origin:
    """The origin recorded on a loaded model, or a plain one named ``default``."""
    found = getattr(model, "_origin", None)
    return found if isinstance(found, Origin) else Origin(default)


def raise_problems(found: Iterable[Found]) -> None:
    """Raise the error class of the first problem, listing them all; do nothing if none."""
    items = list(found)
    if items:
        raise items[0][0]([p for _, p in items])
