"""A report built from hostile input, opened in headless Chromium: nothing in it runs or loads.

The event file's texts carry script tags, event handlers and a network
image; the report escapes them, links only http and https URLs, and declares
a Content-Security-Policy that forbids scripts and network loads. The second
test plants script and a remote image into the written page itself, as a
template mistake might, and checks the policy stops both. A loopback server
started by the test counts every request made to it.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from ceasefire import Tracker, bundled, errors
from ceasefire.loading import load_events
from ceasefire.model import Source
from ceasefire.render.report import CONTENT_SECURITY_POLICY, render_report, write_report

from _browser import headless_chromium

ON = "2020-12-01"


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []
    timeout = 5

    def do_GET(self) -> None:  # noqa: N802  (the name http.server calls)
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A loopback HTTP server that records every path asked of it."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    httpd.daemon_threads = True  # a connection the browser opens and never uses must not hold up the shutdown
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _hostile_events(folder: Path, base: str) -> Path:
    """An event file whose every text tries to run script or load from the network."""
    payload = f'<script>window.__ran = 1</script><img src="{base}/from-text" onerror="window.__ran = 2"><svg onload="window.__ran = 3">'
    document = {
        "zone": "Asia/Baku",
        "sources": [{"id": "hostile", "title": "Report " + payload, "publisher": payload, "published": "2020-11-26", "url": f"{base}/source"}],
        "events": [
            {
                "id": "hostile-1",
                "kind": "handover",
                "summary": "Handover " + payload,
                "occurred": "2020-11-25",
                "place": payload,
                "links": [{"obligation": "6.kalbajar", "role": "fulfils", "note": payload}],
                "sources": [{"source": "hostile", "quote": "handed over " + payload, "note": payload}],
            }
        ],
    }
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium with a fresh profile."""
    browser = headless_chromium(tmp_path_factory.mktemp("profile"))
    try:
        yield browser
    finally:
        browser.quit()


def _open(driver: Any, page: Path) -> None:
    driver.get(page.resolve().as_uri())
    driver.execute_script("return document.readyState")


def test_hostile_texts_do_not_run_in_the_report(driver: Any, server: str, tmp_path: Path) -> None:
    """Script tags, handlers and images in every text of an event file stay text in the opened report: no script runs, nothing is fetched."""
    _Counter.hits.clear()
    tracker = Tracker(bundled.agreement(), bundled.seed_events(), load_events(_hostile_events(tmp_path, server)))
    page = write_report(tracker, tmp_path / "report.html", ON, chart=False)
    _open(driver, page)
    assert driver.execute_script("return window.__ran === undefined")
    assert "<script>window.__ran = 1</script>" in driver.find_element("tag name", "body").text
    assert _Counter.hits == []
    hrefs = driver.execute_script("return Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if not h.startswith(("#", "http://", "https://", "file:"))]


def test_the_policy_stops_script_and_loads_planted_in_the_page(driver: Any, server: str, tmp_path: Path) -> None:
    """Script, a handler and a remote image planted into the written page itself neither run nor load: the policy forbids them."""
    _Counter.hits.clear()
    html = render_report(bundled.tracker(), ON, chart=False)
    planted = f'<script>window.__ran = "script"</script><img src="{server}/planted.png" onerror="window.__ran = \'handler\'"><iframe src="{server}/frame"></iframe>'
    page = tmp_path / "planted.html"
    page.write_text(html.replace("</body>", planted + "</body>"), encoding="utf-8")
    _open(driver, page)
    assert driver.execute_script("return window.__ran === undefined")
    assert _Counter.hits == []
    policy = driver.execute_script("return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content")
    assert policy == CONTENT_SECURITY_POLICY and "default-src 'none'" in policy


def test_a_script_url_is_refused_at_load_and_never_linked(tmp_path: Path) -> None:
    """A javascript: URL in an event file is refused when loaded; a source built in code with one gets no link in the report."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - {id: s, title: t, url: 'javascript:alert(1)'}\nevents: []\n", encoding="utf-8")
    with pytest.raises(errors.UnsafeUrlError):
        load_events(bad)
    tracker = bundled.tracker()
    sneaky = Source.model_construct(id="seed-000", title="t", url="javascript:alert(1)", file=None, publisher=None, published=None)
    from ceasefire.render.report import _Context

    context = _Context(tracker, tracker.status_on(ON))
    assert context.href(sneaky.url, None) is None
