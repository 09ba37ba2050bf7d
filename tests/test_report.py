"""The self-contained HTML report: table, chart, evidence, escaping, and no network."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import escape

from ceasefire import Tracker, bundled, parse_events
from ceasefire.cli import main
from ceasefire.render.report import render_report, write_report

TRICKY_QUOTE = 'Officials said "the <convoy> & its escort" left at 5 > 4 o\'clock'
TRICKY_EVENTS = {
    "zone": "Asia/Baku",
    "sources": [
        {"id": "wire-1", "title": 'Wire <b>report</b> & "analysis"', "published": "2020-12-01", "url": "https://example.org/a?b=1&c=2"},
        {"id": "wire-2", "title": "Second wire", "published": "2020-12-01"},
    ],
    "events": [
        {
            "id": "test.lachin-handover",
            "kind": "handover",
            "summary": "Units enter the Lachin district <as reported>.",
            "occurred": "2020-12-01",
            "sources": [{"source": "wire-1", "quote": TRICKY_QUOTE}],
            "links": [{"obligation": "6.lachin", "role": "fulfils", "made_by": "rule", "rule": "handover-words", "confidence": 0.75}],
            "discrepancies": [
                {
                    "about": "hour of entry",
                    "claims": [
                        {"value": "dawn", "citation": {"source": "wire-1", "quote": "at dawn"}},
                        {"value": "noon", "citation": {"source": "wire-2", "quote": "at noon"}},
                    ],
                }
            ],
        }
    ],
}


@pytest.fixture(scope="module")
def page() -> str:
    """The report on the bundled statement and seed events at the end of 1 December 2020."""
    return render_report(bundled.tracker(), "2020-12-01")


@pytest.fixture(scope="module")
def tricky_page() -> str:
    """A report over an event whose quote, summary and source title hold HTML's special characters."""
    tracker = Tracker(bundled.agreement(), bundled.seed_events(), parse_events(TRICKY_EVENTS))
    return render_report(tracker, "2020-12-02", chart=False)


def test_table_has_one_row_per_obligation_with_its_status(page: str) -> None:
    """Every obligation has a table row carrying the status status_on gives for the same date."""
    rows = dict(re.findall(r'<tr id="row-[^"]+" data-obligation="([^"]+)" data-status="([^"]+)"', page))
    expected = {o.obligation_id: str(o.status) for o in bundled.tracker().status_on("2020-12-01")}
    assert rows == expected


def test_known_on_changes_the_table_and_is_stated() -> None:
    """With a knowledge cut-off the page says so and the table follows status_on with that cut-off."""
    page = render_report(bundled.tracker(), "2020-11-16", known_on="2020-11-14", chart=False)
    rows = dict(re.findall(r'data-obligation="([^"]+)" data-status="([^"]+)"', page))
    expected = bundled.tracker().status_on("2020-11-16", known_on="2020-11-14")
    assert rows["6.kalbajar"] == str(expected["6.kalbajar"].status) == "unmonitored"
    assert "as known on <strong>end of 2020-11-14</strong>" in page


def test_evidence_quotes_appear_verbatim_with_their_sources(page: str) -> None:
    """Each quote behind 6.kalbajar is on the page word for word, beside its source title and its file or address."""
    item = bundled.tracker().status_on("2020-12-01")["6.kalbajar"]
    assert item.sources, "the Kalbajar status should cite sources"
    for cited in item.sources:
        assert cited.quote is not None
        assert f'<blockquote class="quote">{escape(cited.quote)}</blockquote>' in page
        assert str(escape(cited.title)) in page
        where = cited.file or cited.url
        assert where is not None and str(escape(where)) in page


def test_amendments_and_original_deadline_are_shown(page: str) -> None:
    """The Kalbajar postponement is listed as applied and the table gives the original deadline."""
    section = _section(page, "6.kalbajar")
    assert 'data-amendment="kalbajar-postponement"' in section
    assert "end of 2020-11-25" in section and "end of 2020-11-15" in section
    assert "(amended; was end of 2020-11-15)" in page


def test_term_obligation_shows_its_current_period_and_notice_date(page: str) -> None:
    """The 4.term section names the running period, when it ends and when notice is due."""
    state = bundled.tracker().status_on("2020-12-01")["4.term"].term
    assert state is not None and state.notice_due is not None
    section = _section(page, "4.term")
    assert f"Period {state.period_index + 1} runs from" in section
    assert f"<strong>{state.period_end.date().isoformat()} 00:00</strong>" in section
    assert f"notice to end it is due by {state.notice_due.date().isoformat()}" in section


def test_discrepancies_on_counted_events_are_shown(page: str) -> None:
    """A discrepancy recorded on an event that counts for an obligation appears in that obligation's section."""
    section = _section(page, "3.peacekeepers")
    assert "Sources differ on strength of the peacekeeping contingent." in section
    assert "some 2,000 servicemen" in section


def test_who_linked_each_piece_of_evidence_is_shown(page: str, tricky_page: str) -> None:
    """Evidence says whether a person or a rule linked it, with the rule's name and confidence."""
    assert "linked by person" in _section(page, "6.kalbajar")
    section = _section(tricky_page, "6.lachin")
    assert "linked by rule: handover-words, confidence 0.75" in section


def test_quotes_titles_and_summaries_are_escaped(tricky_page: str) -> None:
    """Quotes, titles and summaries holding <, >, & and quotation marks are escaped, never raw HTML."""
    assert str(escape(TRICKY_QUOTE)) in tricky_page
    assert "<convoy>" not in tricky_page and "<b>report</b>" not in tricky_page and "<as reported>" not in tricky_page
    assert "Wire &lt;b&gt;report&lt;/b&gt; &amp; &#34;analysis&#34;" in tricky_page
    assert 'href="https://example.org/a?b=1&amp;c=2"' in tricky_page
    assert "Sources differ on hour of entry." in tricky_page


def test_page_loads_nothing_from_a_network(page: str) -> None:
    """The page has no scripts, external styles, fonts, frames or images: only inline CSS and inline SVG."""
    lowered = page.lower()
    for forbidden in ("<script", "<link", "<iframe", "<img", "@import", "url(http", "@font-face"):
        assert forbidden not in lowered, forbidden
    assert re.search(r"\ssrc\s*=", lowered) is None
    assert '<figure class="chart" id="timeline-chart">' in page and "<svg" in page


def test_chart_in_the_page_has_a_row_for_every_obligation(page: str) -> None:
    """The inline chart holds bars for every obligation of the agreement."""
    bars = set(re.findall(r'id="bar:([^":]+):\d+"', page))
    assert bars == {o.obligation_id for o in bundled.tracker().status_on("2020-12-01")}


def test_same_inputs_give_the_same_page(page: str) -> None:
    """Rendering the same report twice, chart included, gives byte-identical HTML, so reports can be diffed."""
    assert render_report(bundled.tracker(), "2020-12-01") == page


def test_write_report_and_cli_write_the_same_page(tmp_path: Path) -> None:
    """`ceasefire report` writes the page write_report would write, and says where."""
    by_api = write_report(bundled.tracker(), tmp_path / "api.html", "2020-11-26", chart=False)
    out = tmp_path / "cli.html"
    result = CliRunner().invoke(main, ["report", "--on", "2020-11-26", "--no-chart", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    assert out.read_text(encoding="utf-8") == by_api.read_text(encoding="utf-8")


def test_cli_report_rejects_a_bad_date_without_a_traceback(tmp_path: Path) -> None:
    """A malformed --on date ends with one error line and a non-zero exit code."""
    result = CliRunner().invoke(main, ["report", "--on", "2020-13-45", "--out", str(tmp_path / "x.html")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output and "2020-13-45" in result.output


def test_cli_report_without_matplotlib_says_which_extra_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without matplotlib, `ceasefire report` names the charts extra and the --no-chart way out, exit code 2."""
    monkeypatch.setitem(sys.modules, "matplotlib.backends.backend_agg", None)
    result = CliRunner().invoke(main, ["report", "--on", "2020-12-01", "--out", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "pip install 'ceasefire[charts]'" in result.output and "--no-chart" in result.output
    assert not (tmp_path / "x.html").exists()


def test_cli_report_to_a_missing_folder_is_one_error_line(tmp_path: Path) -> None:
    """Writing into a folder that does not exist ends with one error line naming the file, exit code 2."""
    out = tmp_path / "missing" / "x.html"
    result = CliRunner().invoke(main, ["report", "--on", "2020-12-01", "--no-chart", "--out", str(out)])
    assert result.exit_code == 2
    assert f"error: cannot write {out}" in result.output and "Traceback" not in result.output


def test_cli_report_help_has_an_example() -> None:
    """`ceasefire report --help` shows an example command."""
    result = CliRunner().invoke(main, ["report", "--help"])
    assert result.exit_code == 0 and "Example: ceasefire report --on" in result.output


def _section(page: str, obligation_id: str) -> str:
    start = page.index(f'<section class="obligation" id="ob-{obligation_id}"')
    return page[start : page.index("</section>", start)]


def test_report_lists_background_and_unlinked_events() -> None:
    """The report shows context reports under each obligation and events that bear on none, with their discrepancies."""
    from ceasefire import bundled
    from ceasefire.render.report import render_report

    html = render_report(bundled.tracker(), "2020-11-26", chart=False)
    assert "Background (not counted)" in html and 'data-event="seed.kalbajar-postponement"' in html
    unlinked = html[html.index('id="unlinked"'):]
    assert 'data-event="seed.signing"' in unlinked and "Sources differ on date of the statement" in unlinked


def _pam_cells(html: str) -> dict[tuple[str, str], str]:
    """The PAM table's cells as {(row, year): data-score}, read back from the page."""
    out = {}
    for row, cells in re.findall(r'<tr[^>]*data-pam="([^"]+)">(.*?)</tr>', html, flags=re.S):
        for year, score in re.findall(r'data-year="(\d+)" data-score="(\d?)"', cells):
            out[(row, year)] = score
    return out


def test_report_shows_the_pam_scores_of_each_year_as_pam_scores_gives_them() -> None:
    """The report's PAM table has a cell per obligation, point and year equal to pam_scores on the report's own view, and no score shown as a dash."""
    from ceasefire.pam import pam_scores

    tracker = bundled.tracker()
    html = render_report(tracker, "2022-06-30", chart=False)
    assert '<h2 id="pam">' in html and "on all the evidence loaded" in html
    expected = {(r.obligation or f"point {r.point}", str(r.year)): "" if r.score is None else str(r.score) for r in pam_scores(tracker, "2022-06-30", hindsight=True)}
    assert _pam_cells(html) == expected and {y for _, y in expected} == {"2020", "2021", "2022"}
    assert expected[("4.term", "2020")] == "" and re.search(r'data-year="2020" data-score="" title="[^"]*">–</td>', html)
    assert expected[("2.aghdam", "2020")] in {"1", "2", "3"}
    assert expected[("1.ceasefire", "2020")] == ""  # nothing loaded watches the ceasefire at the end of 2020 (the seeds stop on 1 December)


def test_report_pam_scores_follow_known_on_and_can_be_left_out() -> None:
    """With known_on the scores are as known then (the caption says so); pam=False leaves the section out."""
    from ceasefire.pam import pam_scores

    tracker = bundled.tracker()
    html = render_report(tracker, "2021-12-31", known_on="2020-11-20", chart=False)
    expected = {(r.obligation or f"point {r.point}", str(r.year)): "" if r.score is None else str(r.score) for r in pam_scores(tracker, "2021-12-31", known_on="2020-11-20")}
    assert _pam_cells(html) == expected and "as known on" in html.split('<h2 id="pam">')[1].split("</p>")[0]
    assert 'id="pam"' not in render_report(tracker, "2021-12-31", chart=False, pam=False)


def test_the_foot_of_the_page_does_not_call_a_paraphrase_verbatim() -> None:
    """A quote given as a paraphrase is marked where it stands, and the foot of the page says quotes are verbatim except those so marked."""
    events = {
        "zone": "Asia/Baku",
        "sources": [{"id": "radio-1", "title": "Radio bulletin", "published": "2020-12-01"}],
        "events": [{
            "id": "test.lachin-entry", "kind": "handover", "summary": "Units enter the Lachin district.", "occurred": "2020-12-01",
            "sources": [{"source": "radio-1", "quote": "the army went into Lachin this morning", "paraphrase": True}],
            "links": [{"obligation": "6.lachin", "role": "fulfils"}],
        }],
    }
    html = render_report(Tracker(bundled.agreement(), parse_events(events)), "2020-12-02", chart=False)
    assert '<span class="was">(paraphrase)</span> the army went into Lachin this morning' in html
    foot = html[html.index("<footer>"):]
    assert "verbatim from the sources named, except those marked (paraphrase)" in foot
    assert "the agreement's own text is not counted" in foot


def test_how_a_report_dated_the_event_is_not_put_in_quotation_marks_whole() -> None:
    """The record's 'blocked "on Monday morning" (12 December 2022)' mixes a report's words with ours: the page says "the report says:" as the terminal does, never &ldquo;...&rdquo; around all of it."""
    html = render_report(bundled.tracker(), "2023-01-15", known_on="2023-01-15", chart=False)
    assert "the report says: blocked &#34;on Monday morning&#34; (12 December 2022)" in html
    assert "&ldquo;blocked" not in html
