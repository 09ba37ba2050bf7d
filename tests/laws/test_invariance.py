"""Laws 1 to 3: answers do not depend on how instants are written, on input order, or on what was not yet known."""

from __future__ import annotations

from hypothesis import given

from ._cases import Case
from ._laws import LAWS, knowledge_cutoff, order_independence, zone_invariance


@given(LAWS["zone_invariance"][1])
def test_zone_invariance(case: Case) -> None:
    """Writing every instant of an agreement, its events and the question in other zones changes no answer."""
    zone_invariance(case)


@given(LAWS["order_independence"][1])
def test_order_independence(case: Case) -> None:
    """Shuffling the events and the amendments changes no answer."""
    order_independence(case)


@given(LAWS["knowledge_cutoff"][1])
def test_knowledge_cutoff(case: Case) -> None:
    """Asking with a knowledge cut-off equals asking over only what had been reported or announced by then."""
    knowledge_cutoff(case)
