"""The public strategies: what they generate is valid, they are registered with hypothesis, and they stay optional."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasefire import Agreement, Amendment, Due, Event, EventLog, Span, Tracker, Window
from ceasefire.model import DeadlineObligation, TermObligation
from ceasefire.testing import strategies as cs

UTC = dt.timezone.utc
LOW, HIGH = dt.datetime(2020, 11, 1, tzinfo=UTC), dt.datetime(2020, 12, 31, tzinfo=UTC)


@given(cs.agreements_with_logs())
def test_generated_agreements_pass_the_checks(pair: tuple[Agreement, EventLog]) -> None:
    """Every generated agreement and log is accepted by a tracker, and every link names one of its obligations."""
    agreement, log = pair
    tracker = Tracker(agreement, log)
    ids = set(cs.obligation_ids(agreement))
    assert {link.obligation for event in tracker.events for link in event.links} <= ids


@given(cs.instants(min_value=LOW, max_value=HIGH))
def test_instants_stay_in_bounds(value: dt.datetime) -> None:
    """Instants are aware and fall between min_value and max_value."""
    assert value.utcoffset() is not None
    assert LOW <= value <= HIGH


@given(cs.windows(min_value=LOW, max_value=HIGH))
def test_windows_stay_in_bounds(value: Window) -> None:
    """Windows are ordered and lie between min_value and max_value."""
    assert LOW <= value.earliest <= value.latest <= HIGH


@given(cs.dues(min_value=LOW, max_value=HIGH, zone="Pacific/Kiritimati", forms=("by", "at")))
def test_dues_are_not_before_min_value(due: Due) -> None:
    """A due date or instant is never before min_value, reading dates in the zone given."""
    from ._compare import end_of_day

    assert (end_of_day(due.by, "Pacific/Kiritimati") if due.by else due.at) >= LOW  # type: ignore[operator]


@pytest.mark.parametrize("kind", [Agreement, EventLog, Window, Span, Due, DeadlineObligation, TermObligation, Amendment, Event])
def test_from_type_is_registered(kind: type) -> None:
    """``st.from_type`` builds each public input type through the strategies registered by the entry point."""

    @settings(max_examples=5)
    @given(st.from_type(kind))
    def check(value: object) -> None:
        assert isinstance(value, kind)

    check()


def test_strategies_refuse_bad_options() -> None:
    """Options that cannot produce a value are refused at once, saying what was expected."""
    with pytest.raises(ValueError, match="min_value"):
        cs.instants(min_value=HIGH, max_value=LOW)
    with pytest.raises(ValueError, match="kinds"):
        cs.obligations(kinds=("treaty",))
    with pytest.raises(ValueError, match="units"):
        cs.spans(units=("fortnights",))


@pytest.mark.parametrize("module", ["ceasefire", "ceasefire.testing"])
def test_importing_does_not_import_hypothesis(module: str) -> None:
    """Importing ceasefire, or its testing package alone, leaves hypothesis unimported."""
    code = f"import sys, {module}; sys.exit('hypothesis' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@dataclasses.dataclass
class _Study:
    agreement: Agreement
    deadline: Due


@settings(max_examples=5)
@given(st.builds(_Study))
def test_builds_infers_ceasefire_fields(study: _Study) -> None:
    """``st.builds`` fills fields annotated with ceasefire types from the registered strategies."""
    assert isinstance(study.agreement, Agreement) and isinstance(study.deadline, Due)


def test_strategies_surface_is_sorted_and_complete() -> None:
    """``__all__`` of the strategies module is sorted and names only what the module defines."""
    assert cs.__all__ == sorted(cs.__all__)
    assert all(hasattr(cs, name) for name in cs.__all__)
