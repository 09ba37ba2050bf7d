"""Laws 4 to 6: fulfilment persists, extensions never hurt, and imprecise evidence is reported as such."""

from __future__ import annotations

from hypothesis import given

from ._cases import Case, Edge
from ._laws import LAWS, extension, imprecise_evidence, persistence


@given(LAWS["persistence"][1])
def test_persistence(case: Case) -> None:
    """With no amendment or end after it, a deadline obligation fulfilled on time stays fulfilled at every later instant."""
    persistence(case)


@given(LAWS["extension"][1])
def test_extension_never_hurts(case: Case) -> None:
    """A later deadline keeps on-time on time and pending pending; an earlier one keeps late late and overdue overdue."""
    extension(case)


@given(LAWS["imprecise_evidence"][1])
def test_imprecise_evidence(edge: Edge) -> None:
    """A fulfilment window straddling the deadline gives uncertain; narrowed to either side, fulfilled or fulfilled late."""
    imprecise_evidence(edge)
