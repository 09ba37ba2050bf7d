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
def agreement() -> Agreement:
    """The 2020 trilateral statement, with its 15 November amendment and January 2021 supplement."""
    data, origin = _read(AGREEMENT_FILE)
    return parse_agreement(data, origin=origin)


@functools.cache
def seed_events() -> EventLog:
    """The events reported in the five seed articles."""
    data, origin = _read(SEED_EVENTS_FILE)
    return parse_events(data, origin=origin)


@functools.cache
def record() -> EventLog:
    """The sourced record of the statement's life, November 2020 to August 2025."""
    data, origin = _read(RECORD_FILE)
    return parse_events(data, origin=origin)


def evidence(*, record: bool = True) -> tuple[EventLog, ...]:
    """The bundled event logs: the seed events, then the record unless ``record=False``."""
    return (seed_events(), _record()) if record else (seed_events(),)


_record = record


@functools.cache
def tracker(*, record: bool = True) -> Tracker:
    """A tracker over the bundled agreement, the seed events and (unless ``record=False``) the record."""
    return Tracker(agreement(), *evidence(record=record))
