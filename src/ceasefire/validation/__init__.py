"""Checking input: one path from a file's fields to the rules that need the whole picture.

The checks that loading, the tracker, the adapters and ``ceasefire validate`` share are
imported from here; what ``ceasefire validate`` does with a list of files is in
:mod:`ceasefire.validation.files`, and dataset exports are checked by
:mod:`ceasefire.validation.datasets`.
"""

from __future__ import annotations

from .references import (
    Found,
    Origin,
    check_agreement,
    check_citations,
    check_endings,
    check_log,
    dotted_path,
    origin_of,
    raise_problems,
)

__all__ = ["Found", "Origin", "check_agreement", "check_citations", "check_endings", "check_log", "dotted_path", "origin_of", "raise_problems"]
