"""Hypothesis strategies for ceasefire's input types, for property-testing agreements and event feeds.

Install them with ``pip install 'ceasefire[testing]'``. Everything here
follows hypothesis's own style: plural names, keyword-only options,
``min_value``/``max_value`` first where values are ordered, and a docstring
that says what each strategy shrinks toward.

Time values (:func:`instants`, :func:`windows`) are written in any of
:data:`ZONES`, which include daylight-saving zones in both hemispheres and
odd offsets such as +05:45 and +13:45. Whole agreements from
:func:`agreements` and logs from :func:`event_logs` pass ceasefire's checks,
so ``Tracker(agreement, log)`` accepts every pair from
:func:`agreements_with_logs`. :func:`instants_of_interest` draws the moments
worth asking about: on, just before and just after deadlines and changes.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401  (checked first, to say how to install it)
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "ceasefire.testing.strategies needs hypothesis; install it with: python -m pip install 'ceasefire[testing]'"
    ) from exc

from ._api import instant_text, yaml_text
from ._changes import ALL_AMENDMENT_KINDS, AMENDMENT_KINDS, EVENT_KINDS, NOTICE_ROLE, ROLES, amendments, events, links
from ._landmarks import instants_near, instants_of_interest, landmarks_of
from ._landmarks import landmarks, near  # noqa: F401  (deprecated names, kept out of __all__)
from ._parts import (
    citations,
    deadline_obligations,
    dues,
    obligations,
    progress_obligations,
    quantities,
    sources,
    standing_obligations,
    term_obligations,
)
from ._rezone import rezoned
from ._time import DST_ZONES, ZONES, dates, instants, span_text, spans, windows, zones
from ._whole import HORIZON, agreements, agreements_with_logs, event_logs, obligation_ids

STRATEGIES: tuple[str, ...] = (
    "agreements",
    "agreements_with_logs",
    "amendments",
    "citations",
    "dates",
    "deadline_obligations",
    "dues",
    "event_logs",
    "events",
    "instants",
    "instants_near",
    "instants_of_interest",
    "links",
    "obligations",
    "progress_obligations",
    "quantities",
    "sources",
    "spans",
    "standing_obligations",
    "term_obligations",
    "windows",
    "zones",
)
"""The names of the functions here that return a hypothesis strategy; the others are helpers and constants."""

__all__ = [
    "ALL_AMENDMENT_KINDS",
    "AMENDMENT_KINDS",
    "DST_ZONES",
    "EVENT_KINDS",
    "HORIZON",
    "NOTICE_ROLE",
    "ROLES",
    "STRATEGIES",
    "ZONES",
    "agreements",
    "agreements_with_logs",
    "amendments",
    "citations",
    "dates",
    "deadline_obligations",
    "dues",
    "event_logs",
    "events",
    "instant_text",
    "instants",
    "instants_near",
    "instants_of_interest",
    "landmarks_of",
    "links",
    "obligation_ids",
    "obligations",
    "progress_obligations",
    "quantities",
    "rezoned",
    "sources",
    "span_text",
    "spans",
    "standing_obligations",
    "term_obligations",
    "windows",
    "yaml_text",
    "zones",
]
