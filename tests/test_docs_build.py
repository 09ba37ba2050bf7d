"""The documentation site builds with MkDocs in strict mode, with its API reference and pictures."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built by `mkdocs build --strict` into a temporary folder."""
    if importlib.util.find_spec("mkdocs") is None or importlib.util.find_spec("mkdocstrings") is None:
        message = "mkdocs and mkdocstrings are missing: python -m pip install -e '.[docs]' (the test extra has them)"
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(message)
        pytest.skip(message)
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_every_page_is_built(site: Path) -> None:
    """Each Markdown page under docs/ becomes an HTML page of the site."""
    pages = [p.relative_to(ROOT / "docs") for p in (ROOT / "docs").rglob("*.md")]
    assert pages
    for page in pages:
        target = site / ("index.html" if page.name == "index.md" else page.with_suffix("") / "index.html")
        if page.name == "index.md" and page.parent != Path("."):
            target = site / page.parent / "index.html"
        assert target.is_file(), f"{page} was not built"


def test_api_reference_comes_from_the_docstrings(site: Path) -> None:
    """The API page documents the public names with the words of their docstrings."""
    import ceasefire

    text = (site / "reference" / "api" / "index.html").read_text(encoding="utf-8")
    for name in ("Tracker", "status_on", "Window", "StatusReport"):
        assert f'id="ceasefire.{name}"' in text, name
    first_line = (ceasefire.status_on.__doc__ or "").splitlines()[0]
    assert first_line.split("``")[0].strip() in text
    assert 'id="ceasefire.render.chart.draw"' in text and 'id="ceasefire.render.report.render_report"' in text


def test_pictures_page_shows_the_chart_and_the_report_screenshot(site: Path) -> None:
    """The pictures page embeds the timeline charts and the report screenshot, and the images are copied."""
    text = (site / "pictures" / "index.html").read_text(encoding="utf-8")
    for image in ("timeline.png", "timeline-known-on.png", "report.png"):
        assert f'src="../img/{image}"' in text, image
        assert (site / "img" / image).stat().st_size > 10_000


def test_site_asks_no_font_server(site: Path) -> None:
    """The built pages load no web fonts, so the site reads the same offline."""
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")


def test_api_reference_shows_no_sphinx_roles(site: Path) -> None:
    """Docstrings name objects with Sphinx roles; the API page shows each as code, never the raw role."""
    import re

    text = (site / "reference" / "api" / "index.html").read_text(encoding="utf-8")
    raw = re.findall(r":(?:func|meth|class|mod|attr|data|exc):`[^`]+`", text)
    assert not raw, raw[:5]
    assert "<code>endings</code>" in text  # engine/term.py writes :func:`endings`
