"""The core modules and a file of typical user calls pass mypy in strict mode."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ["time", "model", "errors", "checks", "loading", "evaluate", "engine", "results", "bundled", "__init__"]


def test_core_and_user_calls_type_check() -> None:
    """mypy --strict finds nothing in the core modules or in tests/typing/api.py."""
    if shutil.which("mypy") is None and not _has_module("mypy"):
        pytest.fail("mypy is part of the test extra; install with: python -m pip install -e '.[test]'")
    files = [str(ROOT / "src" / "ceasefire" / f"{name}.py") for name in CORE] + [str(ROOT / "tests" / "typing" / "api.py")]
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-error-summary", *files],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None
