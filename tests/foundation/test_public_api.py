"""The public surface is small, sorted, and what the package actually exports."""

from __future__ import annotations

import subprocess
import sys

import ceasefire


def test_all_is_sorted_and_complete() -> None:
    """__all__ is sorted and names every public attribute the package defines at the top level."""
    assert ceasefire.__all__ == sorted(ceasefire.__all__)
    modules = {"bundled", "checks", "cli", "engine", "errors", "evaluate", "loading", "model", "results", "time"}
    public = {n for n in vars(ceasefire) if not n.startswith("_") and n not in modules and n != "annotations"}
    extra = public - set(ceasefire.__all__) - {n for n in public if type(getattr(ceasefire, n)).__name__ == "module"}
    assert extra == set()
    assert all(hasattr(ceasefire, n) for n in ceasefire.__all__)


def test_every_error_is_also_a_builtin() -> None:
    """Each exported error class can be caught as ValueError or LookupError as well as CeasefireError."""
    errors = [getattr(ceasefire, n) for n in ceasefire.__all__ if n.endswith("Error") and n != "CeasefireError"]
    assert len(errors) >= 12
    for error in errors:
        assert issubclass(error, ceasefire.CeasefireError)
        assert issubclass(error, (ValueError, LookupError)), error


def test_importing_ceasefire_pulls_in_no_test_or_data_frame_tools() -> None:
    """A plain import loads neither hypothesis nor pandas, polars, numpy or matplotlib."""
    code = "import sys, ceasefire; print(sorted(m for m in ('hypothesis', 'pandas', 'polars', 'numpy', 'matplotlib') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
