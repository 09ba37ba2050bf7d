"""Make the pictures shown in docs/pictures.md: two timeline charts and a screenshot of the report.

Run from the top of the checkout after installing the test extra and Debian's chromium:

    python scripts/make_pictures.py

The charts are drawn by ``ceasefire.chart``; the screenshot is taken by headless Chromium
(with a fresh profile and no network features) from a report written to a temporary folder.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ceasefire import bundled
from ceasefire.chart import save_chart
from ceasefire.report import write_report

IMAGES = Path(__file__).resolve().parents[1] / "docs" / "img"
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
    "--hide-scrollbars",
)


def charts() -> None:
    """The timeline on all the seed evidence, and the same period as known on 14 November 2020."""
    tracker = bundled.tracker()
    save_chart(tracker, IMAGES / "timeline.png", "2020-11-09", "2021-03-05", at="2020-12-01")
    save_chart(tracker, IMAGES / "timeline-known-on.png", "2020-11-09", "2020-12-05", known_on="2020-11-14", at="2020-12-01")


def screenshot() -> None:
    """The top of the report for 1 December 2020, 1280 by 1500 pixels."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("chromium is not installed: apt-get install chromium")
    with tempfile.TemporaryDirectory() as folder:
        page = write_report(bundled.tracker(), Path(folder) / "report.html", "2020-12-01")
        command = [browser, *FLAGS, f"--user-data-dir={folder}/profile", "--window-size=1280,1500", f"--screenshot={IMAGES / 'report.png'}", page.as_uri()]
        subprocess.run(command, check=True, capture_output=True, timeout=120)


if __name__ == "__main__":
    IMAGES.mkdir(parents=True, exist_ok=True)
    charts()
    screenshot()
    for path in sorted(IMAGES.glob("*.png")):
        print(path)
