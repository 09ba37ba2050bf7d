"""The benchmark questions answered by ceasefire's bulk path."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ceasefire.bulk import ChangeIndex, EventColumns, Timeline, build_index, read_events, read_obligations

NAME = "ceasefire"


def load(folder: Path, fmt: str) -> EventColumns:
    """The columnar store read from the files."""
    obligations = read_obligations(folder / f"obligations.{fmt}")
    return read_events(folder / f"events.{fmt}", obligations)


def build(store: EventColumns, cutoff: int | None = None) -> ChangeIndex:
    """The change-point index in the plain vocabulary the baselines compute."""
    return build_index(store, known_on=cutoff, full=False)


def status_indexed(index: ChangeIndex, t: int) -> np.ndarray:
    """Every obligation's status code at ``t``, from a ready index."""
    return index.codes_at(t)


def status_at(store: EventColumns, t: int) -> np.ndarray:
    """Every obligation's status code at ``t``, the index built first."""
    return build(store).codes_at(t)


def timeline(store: EventColumns, cutoff: int | None = None) -> Timeline:
    """Every status change of every obligation."""
    return build(store, cutoff).timeline()


def timeline_full(store: EventColumns) -> Timeline:
    """Every status change in the per-event engine's full vocabulary (in progress, fulfilled late)."""
    return build_index(store).timeline()
