"""Make the pictures shown in docs/pictures.md: timeline charts, the palette, the report and the notebook.

Run from the top of the checkout after installing the test extra and Debian's chromium:

    python scripts/make_pictures.py

The charts are drawn by ``ceasefire.render.chart``; the screenshot is taken by headless Chromium
(with a fresh profile and no network features) from a report written to a temporary folder.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ceasefire import bundled
from ceasefire.render.chart import save_chart
from ceasefire.render.report import write_report

DOCS_DPI = 150  # the docs show the charts at screen size; `ceasefire chart` writes 300 dpi for print

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
    from PIL import Image

    tracker = bundled.tracker()
    save_chart(tracker, IMAGES / "timeline.png", "2020-11-09", "2021-03-05", at="2020-12-01", dpi=DOCS_DPI)
    save_chart(tracker, IMAGES / "timeline-known-on.png", "2020-11-09", "2020-12-05", known_on="2020-11-14", at="2020-12-01", dpi=DOCS_DPI)
    with Image.open(IMAGES / "timeline.png") as image:
        image.convert("L").save(IMAGES / "timeline-greyscale.png", optimize=True)


def palette() -> None:
    """Every status style as the chart draws it: in colour, in greyscale, and as simulated for deuteranopia and protanopia."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle
    from PIL import Image

    from ceasefire.render.display import _STYLES_BY_NAME

    names = list(_STYLES_BY_NAME)
    figure = Figure(figsize=(4.2, 0.32 * len(names) + 0.3))
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.42, 0.02, 0.56, 0.96))
    for n, name in enumerate(reversed(names)):
        style = _STYLES_BY_NAME[name]
        axes.add_patch(Rectangle((0, n + 0.2), 1, 0.6, facecolor=style.fill, edgecolor="#9a9a9a", linewidth=0.5))
        if style.hatch:
            axes.add_patch(Rectangle((0, n + 0.2), 1, 0.6, facecolor="none", edgecolor="#333333" if style.ink == "#000000" else "#ffffff", linewidth=0, hatch=style.hatch))
        axes.text(-0.04, n + 0.5, name.lower().replace("_", " "), ha="right", va="center", fontsize=9)
    axes.set_xlim(0, 1)
    axes.set_ylim(0, len(names))
    axes.set_axis_off()
    figure.savefig(IMAGES / "palette-colour.png", dpi=DOCS_DPI)
    rgb = np.asarray(Image.open(IMAGES / "palette-colour.png").convert("RGB"), dtype=float) / 255
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    panels = [rgb, np.repeat((0.2126 * linear[..., :1] + 0.7152 * linear[..., 1:2] + 0.0722 * linear[..., 2:]), 3, axis=2)]
    panels[1] = np.where(panels[1] <= 0.0031308, panels[1] * 12.92, 1.055 * panels[1] ** (1 / 2.4) - 0.055)
    for matrix in (DEUTERANOPIA, PROTANOPIA):
        simulated = np.clip(linear @ np.array(matrix).T, 0, 1)
        panels.append(np.where(simulated <= 0.0031308, simulated * 12.92, 1.055 * simulated ** (1 / 2.4) - 0.055))
    strip = np.concatenate([np.pad(p, ((0, 0), (0, 12), (0, 0)), constant_values=1) for p in panels], axis=1)
    Image.fromarray((strip * 255).round().astype("uint8")).save(IMAGES / "palette.png", optimize=True)
    (IMAGES / "palette-colour.png").unlink()


# Machado, Oliveira and Fernandes (2009), full severity, for linear RGB (as in tests/test_palette.py).
DEUTERANOPIA = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))
PROTANOPIA = ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998))


def notebook() -> None:
    """The docs notebook run in a fresh kernel, its displayed outputs put on one page, photographed by Chromium."""
    import nbformat
    from nbclient import NotebookClient

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("chromium is not installed: apt-get install chromium")
    book = nbformat.read(IMAGES.parent / "notebooks" / "status.ipynb", as_version=4)
    NotebookClient(book, timeout=120, kernel_name="python3").execute()
    shown = [o.data["text/html"] for c in book.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "execute_result" and "text/html" in o.data]
    keep = [shown[0], shown[-1]]  # the status table and the timeline with its chart
    page = '<html><body style="font-family: system-ui, sans-serif; max-width: 1180px; margin: 12px">' + "<hr>".join(keep) + "</body></html>"
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "notebook.html"
        target.write_text(page, encoding="utf-8")
        command = [browser, *FLAGS, f"--user-data-dir={folder}/profile", "--window-size=1200,1780", f"--screenshot={IMAGES / 'notebook.png'}", target.as_uri()]
        subprocess.run(command, check=True, capture_output=True, timeout=120)


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
    palette()
    screenshot()
    notebook()
    for path in sorted(IMAGES.glob("*.png")):
        print(path)
