"""The agreement and evidence that ship with ceasefire: the 2020 statement and the seed events."""

from __future__ import annotations

import functools
from pathlib import Path

from .checks import Origin
from .engine import Tracker
from .loading import parse_agreement, parse_events, read_document
from .model import Agreement, EventLog

DATA = Path(__file__).resolve().parent / "data"
AGREEMENT_FILE = DATA / "nk-2020.yaml"
SEED_EVENTS_FILE = DATA / "seed-events.yaml"


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
def tracker() -> Tracker:
    """A tracker over the bundled agreement and the seed events."""
    return Tracker(agreement(), seed_events())
