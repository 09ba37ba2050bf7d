"""Griffe extension: show the Sphinx roles of docstrings as code in the API reference.

The docstrings name other objects the Sphinx way (``:func:`~ceasefire.engine.term.endings```,
``:class:`Tracker```), which mkdocstrings would print as written. This extension rewrites each
role to a code span of the name a reader looks for: the last part of the path when it starts
with ``~`` (as Sphinx shows it), the path as written otherwise, with a leading dot of a relative
path dropped.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:py:)?(?:func|meth|class|mod|attr|data|exc|obj|const):`(~?)([^`]+)`")


def plain(text: str) -> str:
    """``text`` with every Sphinx role written as a code span."""

    def name(match: re.Match[str]) -> str:
        short, path = match.group(1), match.group(2).strip()
        shown = path.rsplit(".", 1)[-1] if short else path.lstrip(".")
        return f"`{shown}`"

    return ROLE.sub(name, text)


class SphinxRoles(griffe.Extension):
    """Rewrites the roles of every docstring as it is loaded."""

    def on_instance(self, *, node: Any, obj: griffe.Object, agent: Any, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = plain(obj.docstring.value)
