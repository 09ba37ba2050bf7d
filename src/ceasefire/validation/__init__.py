"""Checking input: one path from a document's fields to the rules that need the whole picture.

Every input goes through the same parts, in this order, and each rule is stated once:

1. :mod:`~ceasefire.validation.structure`: the fields of one document, as the pydantic models
   read them, each problem placed at its file, line and field;
2. :mod:`~ceasefire.validation.references`: the rules no single field can check: ids that must be
   unique or must exist, deadlines before effect, dependency circles, amendments that fit their
   target, quotes found in their source files; first on one document alone, then an event log
   against its agreement, then every log together (one ending per agreement);
3. :mod:`~ceasefire.validation.datasets`: dataset exports (ACLED, UCDP GED) and mapping-rule
   files, whose rows are checked by converting them;
4. :mod:`~ceasefire.validation.files`: what ``ceasefire validate`` does with a list of files: tell
   each file's kind, run the parts above, add the warnings of :mod:`ceasefire.advice`, and list
   every problem rather than stop at the first.

:func:`check_document` is the entry point for one document given as plain data: loading
(:func:`ceasefire.load_agreement`, :func:`ceasefire.load_events`), ``ceasefire validate`` and the
adapters' rule files all call it. The tracker runs the cross-document rules of part 2 when it
is built. :mod:`~ceasefire.validation.problems` holds the vocabulary they share.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from ..model import Agreement, EventLog
from .files import CHECKERS, KINDS, Context, FileResult, validate_path, validate_paths
from .problems import Found, Origin, dotted_path, origin_of, raise_problems
from .references import LogFacts, check_agreement, check_citations, check_endings, check_log, check_own_citations, dated_sources
from .structure import Sharer, check_fields

M = TypeVar("M", bound=BaseModel)


def check_document(model: type[M], data: Any, origin: Origin, share: Sharer | None = None) -> M:
    """``data`` read as a ``model``: its fields, then every rule the document alone can break.

    Raises one typed error listing every problem found at the first stage that finds any;
    for an agreement the second stage is :func:`check_agreement`, for an event log
    :func:`check_own_citations` (its links wait for an agreement, in the tracker).
    ``share`` is passed on to :func:`check_fields`.
    """
    value = check_fields(model, data, origin, share)
    if isinstance(value, Agreement):
        raise_problems(check_agreement(value, origin))
    elif isinstance(value, EventLog):
        raise_problems(check_own_citations(value, origin))
    return value


__all__ = [
    "CHECKERS",
    "KINDS",
    "Context",
    "FileResult",
    "Found",
    "LogFacts",
    "Origin",
    "check_agreement",
    "check_citations",
    "check_document",
    "check_endings",
    "check_fields",
    "check_log",
    "dated_sources",
    "check_own_citations",
    "dotted_path",
    "origin_of",
    "raise_problems",
    "validate_path",
    "validate_paths",
]
