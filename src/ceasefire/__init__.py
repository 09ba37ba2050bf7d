"""ceasefire: where each clause of a ceasefire or peace agreement stood on any date, why, and on whose word.

The public surface is re-exported here; everything else is private to the package.
"""

from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError as _PackageNotFoundError
from importlib.metadata import version as _installed_version

from .engine import Tracker, When
from .errors import (
    CeasefireError,
    DeadlineBeforeEffectError,
    DocumentTooLargeError,
    DuplicateIdError,
    DuplicateKeyError,
    FileFormatError,
    InvalidIdError,
    InvalidInputError,
    InvalidTimeError,
    NaiveDatetimeError,
    OutOfRangeError,
    OutputError,
    Problem,
    QuoteNotFoundError,
    UnknownAmendmentTargetError,
    UnknownEventError,
    UnknownFieldError,
    UnknownObligationError,
    UnknownSourceError,
    UnsafeUrlError,
    WindowOrderError,
)
from .loading import load_agreement, load_events, parse_agreement, parse_events
from .model import (
    Agreement,
    Amendment,
    Citation,
    DeadlineObligation,
    Deletion,
    Due,
    Event,
    EventLog,
    Link,
    Point,
    ProgressObligation,
    Quantity,
    Source,
    StandingObligation,
    TermObligation,
)
from .results import Explanation, ObligationStatus, PointStatus, Status, StatusReport
from .time import Day, Span, Window
from .engine.timeline import Cause, Interval, Timeline

logging.getLogger(__name__).addHandler(logging.NullHandler())  # silent until the application configures logging

try:
    __version__: str = _installed_version("ceasefire")
    """The installed version, read from the package metadata (``pip show ceasefire``)."""
except _PackageNotFoundError:  # pragma: no cover - a bare checkout that was never installed
    __version__ = "0+unknown"


def status_on(when: When, *, known_on: When | None = None, record: bool = True) -> StatusReport:
    """Where every clause of the bundled 2020 statement stood at ``when``, on the bundled evidence.

    The evidence is the seed events and the bundled record of the statement's life (2020-2025);
    ``record=False`` answers from the seed events alone. ``when`` and ``known_on`` take a date
    (its last instant in Moscow time, the statement's reference zone), an aware datetime, or an
    ISO 8601 string. For your own agreement and events, build a :class:`Tracker`.
    """
    from . import bundled

    return bundled.tracker(record=record).status_on(when, known_on=known_on)


__all__ = [
    "Agreement",
    "Amendment",
    "Cause",
    "CeasefireError",
    "Citation",
    "Day",
    "DeadlineBeforeEffectError",
    "DeadlineObligation",
    "Deletion",
    "DocumentTooLargeError",
    "Due",
    "DuplicateIdError",
    "DuplicateKeyError",
    "Event",
    "EventLog",
    "Explanation",
    "FileFormatError",
    "Interval",
    "InvalidIdError",
    "InvalidInputError",
    "InvalidTimeError",
    "Link",
    "NaiveDatetimeError",
    "ObligationStatus",
    "OutOfRangeError",
    "OutputError",
    "Point",
    "PointStatus",
    "Problem",
    "ProgressObligation",
    "Quantity",
    "QuoteNotFoundError",
    "Source",
    "Span",
    "StandingObligation",
    "Status",
    "StatusReport",
    "TermObligation",
    "Timeline",
    "Tracker",
    "UnknownAmendmentTargetError",
    "UnknownEventError",
    "UnknownFieldError",
    "UnknownObligationError",
    "UnknownSourceError",
    "UnsafeUrlError",
    "When",
    "Window",
    "WindowOrderError",
    "load_agreement",
    "load_events",
    "parse_agreement",
    "parse_events",
    "status_on",
]
