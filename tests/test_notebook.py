"""Rich display in notebooks: the report's table and colours, evidence with quotes, the chart inline; the docs notebook runs."""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import attrs
import pytest

from ceasefire import bundled
from ceasefire.render.display import style_of

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "notebooks" / "status.ipynb"
ON = "2020-11-26"


def test_report_shows_the_status_table_with_the_report_colours() -> None:
    """A StatusReport's HTML has one row per obligation, each status in a badge with the HTML report's background."""
    report = bundled.tracker().status_on(ON)
    page = report._repr_html_()
    badges = re.findall(r'data-status="([^"]+)" style="([^"]+)"', page)
    assert [b[0] for b in badges] == [str(o.status) for o in report.obligations]
    for status, css in badges:
        assert html.escape(f"background: {style_of(status).css};", quote=True) in css
    assert "status at end of 2020-11-26 (Europe/Moscow)" in page
    assert "<script" not in page.lower()


def test_report_markdown_is_a_table_with_readable_times() -> None:
    """A StatusReport's Markdown is a pipe table with one row per obligation and 'end of' dates."""
    report = bundled.tracker().status_on(ON)
    text = report._repr_markdown_()
    assert text.count("\n| ") == len(report) + 1
    assert "| 6.kalbajar | fulfilled | end of 2020-11-25 (was end of 2020-11-15) |" in text


def test_the_notebook_table_says_where_the_evidence_ends_and_what_each_status_rests_on() -> None:
    """A bare "complied" or "unmonitored" claims more than the evidence covers: the notebook's table keeps the line on where the evidence ends and each headline's words, as the terminal and the report do."""
    report = bundled.tracker().status_on("2025-08-31")
    page, text = report._repr_html_(), report._repr_markdown_()
    ends = "The loaded evidence ends at end of 2025-08-31 (Asia/Baku), 1 hour before the end of the day asked about (Europe/Moscow)"
    assert ends in html.unescape(page) and ends in text
    watched = report["1.ceasefire"].detail
    assert watched.startswith("by the loaded evidence (watched only to the end of 2020-12-01 (Asia/Baku)")
    assert html.escape(watched, quote=True) in page and watched in text
    quiet = bundled.tracker().status_on("2020-11-16")["1.ceasefire"]
    assert "| 1.ceasefire | complied (no breach reported) |" in bundled.tracker().status_on("2020-11-16")._repr_markdown_()
    assert quiet.detail == "(no breach reported)"


def test_text_from_the_data_is_escaped() -> None:
    """A title or quote holding markup is shown as text, never as HTML."""
    report = bundled.tracker().status_on(ON)
    odd = attrs.evolve(report, title="<img src=x onerror=alert(1)>")
    assert "<img src=x" not in odd._repr_html_() and "&lt;img src=x" in odd._repr_html_()


def test_obligation_shows_reasons_amendment_and_verbatim_quotes() -> None:
    """An ObligationStatus shows its badge, deadline, the amendment that moved it and each evidence quote verbatim."""
    item = bundled.tracker().status_on(ON)["6.kalbajar"]
    page = item._repr_html_()
    assert 'data-status="fulfilled"' in page and "kalbajar-postponement" in page
    assert "end of 2020-11-25" in page and "was end of 2020-11-15" in page
    for cited in item.evidence[0].citations:
        assert html.escape(cited.quote or "", quote=True) in page


def test_evidence_shows_itself_and_an_obligation_lists_all_of_it() -> None:
    """One Evidence renders with its sources; evidence_html lists every counted event of the obligation (seed events alone)."""
    item = bundled.tracker(record=False).status_on(ON)["6.kalbajar"]
    one = item.evidence[0]._repr_html_()
    assert f'data-event="{item.evidence[0].event_id}"' in one and "seeds/" in one
    listed = item.evidence_html()
    assert listed.count('class="ceasefire-evidence"') == len(item.evidence) + len(item.breaches)


def test_only_web_links_become_anchors() -> None:
    """A source URL is an anchor only when it is http or https."""
    from ceasefire.render.notebook import _link

    assert _link("https://example.org/a", "A").startswith('<a href="https://example.org/a"')
    assert _link("javascript:alert(1)", "A") == "A"


def test_timeline_shows_the_chart_and_its_intervals() -> None:
    """A Timeline's HTML holds the chart as an inline PNG and one table row per interval."""
    line = bundled.tracker().timeline("2020-11-09", "2020-12-05")
    page = line._repr_html_()
    match = re.search(r'src="data:image/png;base64,([^"]+)"', page)
    assert match is not None
    assert base64.b64decode(match.group(1))[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.count("<tr>") == len(line) + 1
    assert line._repr_markdown_().count("\n| ") == len(line) + 1


def test_docs_notebook_runs_and_shows_the_table_and_the_chart() -> None:
    """Every cell of docs/notebooks/status.ipynb runs in a fresh kernel; the outputs hold the status table and the chart."""
    nbformat = pytest.importorskip("nbformat", reason="nbformat is in the test extra")
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    shown = [o.data.get("text/html", "") for o in outputs if o.output_type == "execute_result"]
    assert any('class="ceasefire-report"' in s and 'data-status="fulfilled"' in s for s in shown)
    assert any('class="ceasefire-obligation"' in s for s in shown)
    assert any('class="ceasefire-timeline"' in s and "data:image/png;base64," in s for s in shown)
