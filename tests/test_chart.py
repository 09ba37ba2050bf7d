"""The timeline chart: files written, one row per obligation, colours and marks from the timeline."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasefire import InvalidInputError, bundled
from ceasefire.render.chart import MARKERS, MIN_SHARE, PRINT_DPI, _tick_texts, draw, save_chart, svg_markup
from ceasefire.cli import main
from ceasefire.render.display import STATUS_COLOURS

START, END = "2020-11-09", "2020-12-05"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def figure():  # type: ignore[no-untyped-def]
    """The chart of the seed evidence from 9 November to 5 December 2020, viewed on 1 December."""
    return draw(bundled.tracker(), START, END, at="2020-12-01")


def test_png_file_is_a_real_image_at_print_resolution(tmp_path: Path) -> None:
    """save_chart to a .png path writes a PNG that Pillow can open, 300 dots per inch over the 12-inch figure."""
    from PIL import Image

    path = save_chart(bundled.tracker(), tmp_path / "chart.png", START, END)
    assert path.read_bytes()[:8] == PNG_SIGNATURE
    with Image.open(path) as image:
        image.verify()
    with Image.open(path) as image:
        assert image.size[0] == 12 * PRINT_DPI and image.size[1] >= 1800
        assert round(image.info["dpi"][0]) == PRINT_DPI


def test_svg_file_is_well_formed_with_one_bar_group_per_interval(tmp_path: Path) -> None:
    """save_chart to a .svg path writes well-formed SVG with one bar per interval, each under an id of its own."""
    path = save_chart(bundled.tracker(), tmp_path / "chart.svg", START, END)
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    bars = [el.get("id") or "" for el in root.iter() if (el.get("id") or "").startswith("bar:")]
    line = bundled.tracker().timeline(START, END)
    assert sorted(b.rsplit(":", 1)[0] for b in bars) == sorted(f"bar:{i.obligation_id}" for i in line.intervals)
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))


def test_rows_are_the_obligations_in_the_agreement_order(figure) -> None:  # type: ignore[no-untyped-def]
    """The y axis lists every obligation id, first obligation on top."""
    axes = figure.axes[0]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    ids = bundled.tracker().timeline(START, END).obligation_ids
    assert list(reversed(labels)) == list(ids)
    assert len(ids) == len(bundled.tracker().status_on(END))


def test_bars_are_coloured_by_the_timeline_status(figure) -> None:  # type: ignore[no-untyped-def]
    """Each interval of the timeline is one bar in its status colour, on its obligation's row."""
    from matplotlib.colors import to_hex

    axes = figure.axes[0]
    drawn = sorted((c.get_gid()[4:].rsplit(":", 1)[0], to_hex(c.get_facecolor())) for c in axes.patches if (c.get_gid() or "").startswith("bar:"))
    line = bundled.tracker().timeline(START, END)
    expected = sorted((i.obligation_id, STATUS_COLOURS[str(i.status)]) for i in line.intervals)
    assert drawn == expected
    assert ("6.kalbajar", STATUS_COLOURS["fulfilled"]) in drawn


def test_amended_deadline_shows_both_the_original_and_the_one_in_force(figure) -> None:  # type: ignore[no-untyped-def]
    """On the Kalbajar row the original 15 November deadline is hollow and the 25 November one filled."""
    from matplotlib.dates import date2num

    item = bundled.tracker().status_on(END)["6.kalbajar"]
    assert item.original_deadline is not None and item.deadline is not None
    row = _row(figure, "6.kalbajar")
    hollow = _marks(figure, MARKERS["original deadline (amended)"], row)
    filled = _marks(figure, MARKERS["deadline in force"], row)
    assert hollow == [pytest.approx(date2num(item.original_deadline.latest))]
    assert filled == [pytest.approx(date2num(item.deadline.latest))]
    amendment = _marks(figure, MARKERS["amendment takes effect"], None)
    assert pytest.approx(date2num(item.amendments[0].in_effect_from)) in amendment


def test_events_counted_are_marked_where_they_surely_happened(figure) -> None:  # type: ignore[no-untyped-def]
    """Each event counted for Aghdam by the end of the range has a mark at the end of its window."""
    from matplotlib.dates import date2num

    item = bundled.tracker().status_on(END)["2.aghdam"]
    assert item.evidence
    xs = _marks(figure, MARKERS["event counted"], None)
    for evidence in item.evidence:
        assert pytest.approx(date2num(evidence.occurred.latest)) in xs


def test_view_date_and_knowledge_cut_off_are_drawn_and_named() -> None:
    """The date of the view and the knowledge cut-off are vertical lines with their dates written."""
    figure = draw(bundled.tracker(), START, END, known_on="2020-11-14", at="2020-12-01")
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert "view: end of 2020-12-01" in texts
    assert "known on: end of 2020-11-14" in texts
    assert "as known on end of 2020-11-14" in figure.axes[0].get_title(loc="left")


def test_legend_names_every_status_shown_and_every_mark() -> None:
    """The legend lists each status that appears on the chart (alone or as its thin variant) and each kind of mark."""
    figure = draw(bundled.tracker(), START, END)
    legend = {t.get_text() for t in figure.legends[0].get_texts()}
    shown = {str(i.status) for i in bundled.tracker().timeline(START, END).intervals}
    assert all(any(entry == s or entry.startswith((f"{s},", f"{s}:")) for entry in legend) for s in shown)
    assert set(MARKERS) - {"setback reported"} <= legend and "date of the view" in legend
    assert "setback reported" not in legend  # no setback falls in these weeks: the legend names only marks that can be on the chart


def test_a_setback_has_its_own_mark_and_legend_entry() -> None:
    """Over 2023 the bundled record's exodus is a setback of the returns clause: drawn with its own mark and named in the legend."""
    figure = draw(bundled.tracker(), "2023-01-01", "2023-12-31")
    assert "setback reported" in {t.get_text() for t in figure.legends[0].get_texts()}
    marker = MARKERS["setback reported"]["marker"]
    assert any(line.get_marker() == marker for line in figure.axes[0].get_lines())


def test_every_tick_names_its_month_and_the_first_its_year(figure) -> None:  # type: ignore[no-untyped-def]
    """The first date on the axis carries month and year, and every other tick its month."""
    figure.canvas.draw()
    labels = [t.get_text() for t in figure.axes[0].get_xticklabels() if t.get_text()]
    months = ("Nov", "Dec", "Jan", "Feb", "Mar")
    assert labels[0].endswith("Nov 2020"), labels
    assert all(any(m in label for m in months) for label in labels), labels


def test_tick_labels_add_the_year_when_it_changes_and_name_the_day_for_hours() -> None:
    """Month ticks show the year on the first tick and at each new year; hour ticks show the date when the day changes."""
    import zoneinfo

    tz = zoneinfo.ZoneInfo("Europe/Moscow")
    months = [dt.datetime(2020, 11, 1, tzinfo=tz), dt.datetime(2020, 12, 1, tzinfo=tz), dt.datetime(2021, 1, 1, tzinfo=tz)]
    assert _tick_texts(months) == ["Nov 2020", "Dec", "Jan 2021"]
    hours = [dt.datetime(2020, 11, 9, 18, tzinfo=tz), dt.datetime(2020, 11, 10, 0, tzinfo=tz), dt.datetime(2020, 11, 10, 6, tzinfo=tz)]
    assert _tick_texts(hours) == ["9 Nov 2020 18:00", "10 Nov 00:00", "06:00"]


def test_view_line_at_the_end_of_the_chart_stays_inside_the_frame() -> None:
    """When the view is the chart's last instant, its line is drawn inside the axes, not on the clipped edge."""
    from matplotlib.dates import date2num

    figure = draw(bundled.tracker(), START, END)
    axes = figure.axes[0]
    end = date2num(bundled.tracker().timeline(START, END).end)
    view = [line for line in axes.lines if line.get_linewidth() == 1.6 and line.get_xdata()[0] == pytest.approx(end)]
    assert len(view) == 1
    assert axes.get_xlim()[1] > end


def test_a_change_one_hour_before_the_view_is_still_drawn() -> None:
    """A status that changed an hour before the chart's end gets a bar at least the minimum width, in its own colour."""
    from matplotlib.colors import to_hex
    from matplotlib.dates import date2num

    tracker = bundled.tracker()
    done = next(i for i in tracker.timeline(START, END).for_obligation("6.kalbajar") if str(i.status) == "fulfilled")
    end = done.start + dt.timedelta(hours=1)
    figure = draw(tracker, START, end)
    line = tracker.timeline(START, end)
    bars = [p for p in figure.axes[0].patches if (p.get_gid() or "").startswith("bar:6.kalbajar:")]
    last = max(bars, key=lambda p: p.get_x())
    assert to_hex(last.get_facecolor()) == STATUS_COLOURS["fulfilled"]
    span = date2num(line.end) - date2num(line.start)
    assert last.get_width() >= span * MIN_SHARE * 0.999
    assert last.get_x() + last.get_width() == pytest.approx(date2num(line.end))


def test_credit_line_names_agreement_sources_cut_off_and_version() -> None:
    """The credit line under the chart names the agreement, the sources counted, the cut-off and the library version."""
    import ceasefire

    figure = draw(bundled.tracker(), START, END, known_on="2020-11-14")
    credit = next(t.get_text() for t in figure.axes[0].texts if t.get_gid() == "credit")
    report = bundled.tracker().status_on(END, known_on="2020-11-14")
    line = bundled.tracker().timeline(START, END, known_on="2020-11-14")
    sources = {c.source_id for o in report for c in o.sources} | {c.source_id for i in line for c in i.state.sources}
    assert "nk-2020" in credit and f"{len(sources)} source(s) counted" in credit
    assert "as known on end of 2020-11-14" in credit and f"ceasefire {ceasefire.__version__}" in credit


def test_complied_on_silence_is_a_thin_bar() -> None:
    """A complied stretch with no event counted is drawn thinner than a status a report backs, and the legend says so."""
    figure = draw(bundled.tracker(), START, END)
    line = bundled.tracker().timeline(START, END)
    silent = next(i for i in line if str(i.status) == "complied" and not i.state.evidence and not i.state.breaches)
    heights = {p.get_height() for p in figure.axes[0].patches if (p.get_gid() or "").startswith(f"bar:{silent.obligation_id}:")}
    assert min(heights) < max(p.get_height() for p in figure.axes[0].patches if (p.get_gid() or "").startswith("bar:2.aghdam:"))
    assert "complied, no event counted (thin bar)" in {t.get_text() for t in figure.legends[0].get_texts()}


def test_svg_markup_is_an_inline_svg_element() -> None:
    """svg_markup returns an <svg> element without an XML prolog or doctype, fit for an HTML page."""
    text = svg_markup(bundled.tracker(), START, END)
    assert text.startswith("<svg") and "<!DOCTYPE" not in text and "<?xml" not in text
    assert text.rstrip().endswith("</svg>")


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    """A file name that is neither .png nor .svg gets an InvalidInputError naming what was received."""
    with pytest.raises(InvalidInputError, match="chart.gif"):
        save_chart(bundled.tracker(), tmp_path / "chart.gif", START, END)


def test_view_date_outside_the_range_is_refused() -> None:
    """A date of the view outside the chart's range gets an InvalidInputError naming the range."""
    with pytest.raises(InvalidInputError, match="inside the chart"):
        draw(bundled.tracker(), START, END, at="2021-01-01")


def test_cli_chart_writes_the_file(tmp_path: Path) -> None:
    """`ceasefire chart` writes the PNG it was asked for and names it."""
    out = tmp_path / "timeline.png"
    result = CliRunner().invoke(main, ["chart", "--from", START, "--to", END, "--known-on", "2020-11-30", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == PNG_SIGNATURE and str(out) in result.output


def test_cli_chart_reports_a_reversed_range_as_one_error_line(tmp_path: Path) -> None:
    """A range that ends before it starts is a user error: one line on stderr, exit code 2, no traceback."""
    result = CliRunner().invoke(main, ["chart", "--from", END, "--to", START, "--out", str(tmp_path / "x.png")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "error:" in result.output


def test_cli_chart_help_has_an_example() -> None:
    """`ceasefire chart --help` shows an example command."""
    result = CliRunner().invoke(main, ["chart", "--help"])
    assert result.exit_code == 0 and "Example: ceasefire chart --from" in result.output


def test_importing_ceasefire_loads_neither_matplotlib_nor_jinja2() -> None:
    """The chart and report libraries are imported only when a chart or report is made."""
    code = "import sys, ceasefire, ceasefire.cli; print(sorted(m for m in ('matplotlib', 'jinja2') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def _row(figure, obligation_id: str) -> int:  # type: ignore[no-untyped-def]
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    return labels.index(obligation_id)


def _marks(figure, style: dict[str, object], row: int | None) -> list[float]:  # type: ignore[no-untyped-def]
    """x positions of the marker lines drawn in ``style``, on ``row`` (any row if None)."""
    from matplotlib.colors import to_hex

    found = []
    for line in figure.axes[0].lines:
        if line.get_marker() != style["marker"] or line.get_linestyle() != "None":
            continue
        face = to_hex(line.get_markerfacecolor())
        want = style.get("markerfacecolor", style.get("color"))
        if want is not None and face != to_hex(str(want)):
            continue
        xs, ys = line.get_xydata().T
        if row is None or abs(ys[0] - row) < 0.01:
            found += [float(x) for x in xs]
    return found


def test_time_without_evidence_is_drawn_empty_and_cross_hatched() -> None:
    """A stretch whose status is 'unmonitored' (looked up by name) is an empty bar under a cross hatch, named in the legend."""
    import attrs
    from matplotlib.colors import to_hex

    from ceasefire.render.chart import draw_timeline

    line = bundled.tracker().timeline(START, END)
    first = line.intervals[0]
    blank = attrs.evolve(line, intervals=(attrs.evolve(first, status="unmonitored"), *line.intervals[1:]))
    figure = draw_timeline(blank)
    patches = figure.axes[0].patches
    bar = next(p for p in patches if p.get_gid() == f"bar:{first.obligation_id}:0")
    assert to_hex(bar.get_facecolor()) == "#ffffff"
    assert any(p.get_hatch() == "xx" and p.get_x() == bar.get_x() and p.get_y() == bar.get_y() for p in patches)
    assert any(t.get_text().startswith("unmonitored") for t in figure.legends[0].get_texts())


def test_report_page_has_no_repeated_ids() -> None:
    """Every id in the HTML report, chart included, appears once."""
    import re

    from ceasefire.render.report import render_report

    ids = re.findall(r'\sid="([^"]+)"', render_report(bundled.tracker(), "2020-12-01"))
    assert ids and len(ids) == len(set(ids))
