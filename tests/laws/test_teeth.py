"""The laws have teeth: each catches at least one deliberately broken engine.

Every variant in ``_broken.VARIANTS`` patches one rule of the real engine for
the length of one test. Hypothesis must then find an input on which a law
fails. The unbroken engine passes the very same check: the law tests in this
folder run the same law functions on the same strategies.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import Phase, find, settings
from hypothesis.errors import NoSuchExample

from ._broken import VARIANTS
from ._laws import LAWS

SEARCH = settings(max_examples=1_500, phases=[Phase.generate], database=None, deadline=None)
"""Generation only: the first counterexample is enough, and shrinking it would only cost time."""

PAIRS = [(variant, law) for variant, (_, laws) in VARIANTS.items() for law in laws]


def _breaks(law: Callable[[Any], None]) -> Callable[[Any], bool]:
    def broken(case: Any) -> bool:
        try:
            law(case)
        except AssertionError:
            return True
        return False

    return broken


@pytest.mark.parametrize(("variant", "law"), PAIRS, ids=[f"{v} | {law}" for v, law in PAIRS])
def test_law_catches_broken_engine(variant: str, law: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Hypothesis finds an input on which the law fails for the broken engine."""
    patch, _ = VARIANTS[variant]
    check, cases = LAWS[law]
    patch(monkeypatch)
    try:
        find(cases, _breaks(check), settings=SEARCH)
    except NoSuchExample:
        pytest.fail(f"the law {law} found no counterexample for the broken engine '{variant}'")


def test_every_law_has_teeth() -> None:
    """Every law is expected to catch at least one broken variant."""
    assert {law for _, law in PAIRS} == set(LAWS)
