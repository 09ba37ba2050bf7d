"""Test-wide settings: the hypothesis profiles.

``ci`` (the default) keeps every property test small enough for the whole
suite to run in a few minutes on two cores, and derandomised, so a run
depends only on the code (a failure found there always reproduces). ``thorough`` runs many more
examples, for a long run before a release; ``dev`` is the quickest, for
editing. Choose one with the environment variable
``CEASEFIRE_HYPOTHESIS_PROFILE``, e.g. ``CEASEFIRE_HYPOTHESIS_PROFILE=thorough python -m pytest tests/laws``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

PROFILE_VARIABLE = "CEASEFIRE_HYPOTHESIS_PROFILE"

settings.register_profile("ci", max_examples=50, deadline=None, print_blob=True, derandomize=True)
settings.register_profile(
    "thorough",
    max_examples=2_000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=15, deadline=None)

_chosen = os.environ.get(PROFILE_VARIABLE, "ci")
if _chosen not in ("ci", "thorough", "dev"):
    raise ValueError(f"{PROFILE_VARIABLE}={_chosen!r}: expected one of 'ci', 'thorough' or 'dev'")
settings.load_profile(_chosen)


@pytest.fixture(scope="module")
def generators() -> Any:
    """The benchmarks' export generators (``benchmarks/datasets.py``): ACLED and GED exports of any size from a seed."""
    folder = str(Path(__file__).resolve().parents[1] / "benchmarks")
    sys.path.insert(0, folder)
    try:
        import datasets
    finally:
        sys.path.remove(folder)
    return datasets
