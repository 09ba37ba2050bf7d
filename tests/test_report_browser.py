"""The HTML report as a reader sees it: opened in headless Chromium, with no network.

Chromium and its driver come from the Debian packages ``chromium`` and
``chromium-driver`` (``.ci/run`` installs them). Outside CI the tests are
skipped, with the reason, when either is missing; in CI (``CI=true``) a
missing browser is a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _browser import headless_chromium

from ceasefire import bundled
from ceasefire.render.report import write_report

ON = "2020-12-01"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Path]]:
    """A headless Chromium, with a fresh profile, showing the report for 1 December 2020."""
    folder = tmp_path_factory.mktemp("browser")
    page = write_report(bundled.tracker(), folder / "report.html", ON)
    driver = headless_chromium(folder / "profile")
    try:
        driver.get(page.resolve().as_uri())
        yield driver, folder
    finally:
        driver.quit()


def test_status_table_is_shown_with_a_row_per_obligation(browser: tuple[Any, Path]) -> None:
    """The status table is visible and has one row per obligation, each with its id and status."""
    from selenium.webdriver.common.by import By

    driver, _ = browser
    table = driver.find_element(By.ID, "status-table")
    assert table.is_displayed()
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    expected = bundled.tracker().status_on(ON)
    assert len(rows) == len(expected)
    first = expected.obligations[0]
    assert first.obligation_id in rows[0].text and str(first.status) in rows[0].text


def test_chart_is_drawn_at_a_readable_size(browser: tuple[Any, Path]) -> None:
    """The inline SVG chart is displayed at least 800 pixels wide, with a bar group per timeline interval."""
    from selenium.webdriver.common.by import By

    driver, _ = browser
    chart = driver.find_element(By.CSS_SELECTOR, "#timeline-chart svg")
    driver.execute_script("arguments[0].scrollIntoView();", chart)
    assert chart.is_displayed()
    assert chart.size["width"] >= 800 and chart.size["height"] >= 400
    bars = driver.execute_script("return document.querySelectorAll('#timeline-chart [id^=\"bar:\"]').length;")
    assert bars > 0 and bars == len(bundled.tracker().timeline(_chart_start(), ON))


def test_kalbajar_evidence_quote_is_shown_verbatim(browser: tuple[Any, Path]) -> None:
    """A verbatim quote behind the Kalbajar handover is on screen in the 6.kalbajar section, with its source."""
    from selenium.webdriver.common.by import By

    driver, _ = browser
    quotes = [c.quote for c in bundled.tracker().status_on(ON)["6.kalbajar"].sources if c.quote and "Kalbajar" in c.quote]
    assert quotes
    section = driver.find_element(By.ID, "ob-6.kalbajar")
    shown = [q.text for q in section.find_elements(By.CSS_SELECTOR, "blockquote.quote")]
    assert quotes[0] in shown
    block = next(q for q in section.find_elements(By.CSS_SELECTOR, "blockquote.quote") if q.text == quotes[0])
    driver.execute_script("arguments[0].scrollIntoView();", block)
    assert block.is_displayed()
    assert "seeds/000_94b7cf4dedc221de.txt" in section.text


def test_page_made_no_network_request(browser: tuple[Any, Path]) -> None:
    """Every resource the browser loaded for the page was local: nothing over http or https."""
    driver, _ = browser
    loaded = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name);")
    assert [name for name in loaded if not name.startswith(("file:", "data:"))] == []


def test_screenshot_is_saved(browser: tuple[Any, Path]) -> None:
    """A screenshot of the top of the page is saved as a PNG with more than a blank screen in it."""
    from PIL import Image

    driver, folder = browser
    driver.execute_script("window.scrollTo(0, 0);")
    path = folder / "report.png"
    assert driver.save_screenshot(str(path))
    assert path.read_bytes()[:8] == PNG_SIGNATURE
    with Image.open(path) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50


def _chart_start() -> object:
    from ceasefire.render.chart import chart_start

    tracker = bundled.tracker()
    return chart_start(tracker, tracker.status_on(ON).at)


def test_pam_table_is_shown_with_a_row_per_obligation_and_point(browser: tuple[Any, Path]) -> None:
    """The PAM-style score table is on screen, with one row per obligation and per point, and a column per year."""
    from selenium.webdriver.common.by import By

    driver, _ = browser
    table = driver.find_element(By.ID, "pam-table")
    driver.execute_script("arguments[0].scrollIntoView();", table)
    assert table.is_displayed()
    report = bundled.tracker().status_on(ON)
    assert len(table.find_elements(By.CSS_SELECTOR, "tbody tr")) == len(report.obligations) + len(report.points)
    assert [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")] == ["Point", "Obligation", "2020"]


def test_badge_text_clears_the_hatched_strip(browser: tuple[Any, Path]) -> None:
    """In every status badge of the page, the text starts at least 4 pixels right of the hatched strip at the badge's left edge (measured in the browser)."""
    from selenium.webdriver.common.by import By

    driver, _ = browser
    driver.find_element(By.CSS_SELECTOR, "span.badge")
    gaps = driver.execute_script(
        """
        const out = [];
        for (const badge of document.querySelectorAll('span.badge')) {
          const range = document.createRange();
          range.selectNodeContents(badge);
          const text = range.getClientRects()[0];
          const strip = 0.5 * parseFloat(getComputedStyle(badge).fontSize);
          const hatched = getComputedStyle(badge).backgroundImage.includes('repeating-linear-gradient');
          out.push([badge.textContent, hatched, text.left - badge.getBoundingClientRect().left - strip]);
        }
        return out;
        """
    )
    hatched = [g for g in gaps if g[1]]
    assert hatched, "the page should show at least one hatched badge (in force, in progress)"
    assert all(gap >= 4 for _, _, gap in hatched), [g for g in hatched if g[2] < 4]
