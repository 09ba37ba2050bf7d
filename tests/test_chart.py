"""The timeline chart: files written, one row per obligation, colours and marks from the timeline."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasefire import InvalidInputError, bundled
from ceasefire.chart import MARKERS, draw, save_chart, svg_markup
from ceasefire.cli import main
from ceasefire.display import STATUS_COLOURS

START, END = "2020-11-09", "2020-12-05"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def figure():  # type: ignore[no-untyped-def]
    """The chart of the seed evidence from 9 November to 5 December 2020, viewed on 1 December."""
    return draw(bundled.tracker(), START, END, at="2020-12-01")


def test_png_file_is_a_real_image(tmp_path: Path) -> None:
    """save_chart to a .png path writes a PNG that Pillow can open, wide enough to read."""
    from PIL import Image

    path = save_chart(bundled.tracker(), tmp_path / "chart.png", START, END)
    assert path.read_bytes()[:8] == PNG_SIGNATURE
    with Image.open(path) as image:
        image.verify()
    with Image.open(path) as image:
        assert image.size[0] >= 1200 and image.size[1] >= 600


def test_svg_file_is_well_formed_with_one_bar_group_per_interval(tmp_path: Path) -> None:
    """save_chart to a .svg path writes well-formed SVG whose bars match the timeline's intervals."""
    path = save_chart(bundled.tracker(), tmp_path / "chart.svg", START, END)
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    bars = [el.get("id") for el in root.iter() if (el.get("id") or "").startswith("bar:")]
    line = bundled.tracker().timeline(START, END)
    assert sorted(bars) == sorted(f"bar:{i.obligation_id}" for i in line.intervals)


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
    drawn = sorted((c.get_gid()[4:], to_hex(c.get_facecolor()[0])) for c in axes.collections if (c.get_gid() or "").startswith("bar:"))
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
    """The legend lists each status that appears on the chart and each kind of mark."""
    figure = draw(bundled.tracker(), START, END)
    legend = {t.get_text() for t in figure.legends[0].get_texts()}
    shown = {str(i.status) for i in bundled.tracker().timeline(START, END).intervals}
    assert shown <= legend
    assert set(MARKERS) <= legend and "date of the view" in legend


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
