"""Debian's headless Chromium driven by selenium, for tests that open a page with no network.

Chromium and its driver come from the Debian packages ``chromium`` and
``chromium-driver`` (``.ci/run`` installs them). Outside CI a test that asks
for the browser is skipped, with the reason, when either is missing; in CI
(``CI=true``) a missing browser is a failure. For ``tests/test_report_browser.py``
and ``tests/test_report_hostile.py``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1800",
)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _require(found: object, what: str) -> Any:
    """``found``, or a failure in CI and a skip elsewhere, saying what is missing."""
    if found:
        return found
    message = f"{what} is missing: install the Debian packages chromium and chromium-driver (as .ci/run does)"
    if _in_ci():
        pytest.fail(message)
    pytest.skip(message)


def headless_chromium(profile: Path) -> Any:
    """A selenium driver for Debian's headless Chromium with a fresh profile folder, or a skip (a failure in CI) saying what is missing."""
    chromium = _require(shutil.which("chromium") or shutil.which("chromium-browser"), "the chromium browser")
    chromedriver = _require(shutil.which("chromedriver"), "chromedriver")
    webdriver = _require(_import_selenium(), "the selenium package (in the test extra)")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = chromium
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    os.environ.setdefault("SE_OFFLINE", "true")
    return webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))


def _import_selenium() -> Any:
    try:
        from selenium import webdriver
    except ImportError:
        return None
    return webdriver
