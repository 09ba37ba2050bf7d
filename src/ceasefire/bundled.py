"""The agreement and evidence that ship with ceasefire: the 2020 statement, the seed events and the record.

Two bundled event logs, kept apart:

- the *seed events* (``seed-events.yaml``): what five news articles of November 2020, kept in
  ``seeds/``, report, each quote checked against its article;
- the *record* (``record.yaml``): the statement's life from November 2020 to August 2025, curated
  from public reporting, each event with its sources (publisher, address, dates, short quote) and
  its own declared coverage.

By default answers rest on both. ``tracker(record=False)`` (``ceasefire --seeds-only ...`` on the
command line) answers from the seed events alone.
"""

from __future__ import annotations

import functools
from pathlib import Path

from .validation import Origin
from .engine import Tracker
from .loading import parse_agreement, parse_events, read_document
from .model import Agreement, EventLog

DATA = Path(__file__).resolve().parent / "data"
AGREEMENT_FILE = DATA / "nk-2020.yaml"
SEED_EVENTS_FILE = DATA / "seed-events.yaml"
RECORD_FILE = DATA / "record.yaml"


def _roots() -> tuple[Path, ...]:
    """Folders holding ``seeds/``: inside an installed wheel, or the source checkout."""
    return tuple(p for p in (DATA, DATA.parents[2]) if (p / "seeds").is_dir())


def _read(path: Path) -> tuple[object, Origin]:
    data, origin = read_document(path)
    return data, Origin(origin.name, origin.line_of, _roots())


@functools.cache
def _agreement() -> Agreement:
    data, origin = _read(AGREEMENT_FILE)
    return parse_agreement(data, origin=origin)


@functools.cache
def _seed_events() -> EventLog:
    data, origin = _read(SEED_EVENTS_FILE)
    return parse_events(data, origin=origin)


@functools.cache
def _record_log() -> EventLog:
    data, origin = _read(RECORD_FILE)
    return parse_events(data, origin=origin)


def agreement() -> Agreement:
    """The 2020 trilateral statement, with its 15 November amendment and January 2021 supplement.

    The file is read once; each call returns a copy of its own, so a list a caller changes inside
    one answer (its points, its amendments) is never seen by another caller or by :func:`tracker`.
    """
    return _agreement().model_copy(deep=True)


def seed_events() -> EventLog:
    """The events reported in the five seed articles (a copy of its own on each call, as :func:`agreement`)."""
    return _seed_events().model_copy(deep=True)


def record() -> EventLog:
    """The sourced record of the statement's life, November 2020 to August 2025 (a copy of its own on each call, as :func:`agreement`)."""
    return _record_log().model_copy(deep=True)


def evidence(*, record: bool = True) -> tuple[EventLog, ...]:
    """The bundled event logs: the seed events, then the record unless ``record=False`` (copies, as :func:`agreement`)."""
    return (seed_events(), _record()) if record else (seed_events(),)


_record = record


@functools.cache
def tracker(*, record: bool = True) -> Tracker:
    """A tracker over the bundled agreement, the seed events and (unless ``record=False``) the record."""
    return Tracker(_agreement(), *((_seed_events(), _record_log()) if record else (_seed_events(),)))
