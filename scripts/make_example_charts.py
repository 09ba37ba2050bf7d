"""Draw the charts of the two worked examples shown in docs/examples.md.

Run from the top of the checkout after installing the `charts` extra:

    python scripts/make_example_charts.py

Each chart is drawn by ``ceasefire.render.chart`` from the files in docs/examples/<name>/, over the
period and with the date of view that the page discusses.
"""

from __future__ import annotations

from pathlib import Path

from ceasefire import Tracker, load_agreement, load_events
from ceasefire.render.chart import save_chart

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "img"
CHARTS = {
    "minsk-2015": ("2015-02-10", "2015-04-10", "2015-03-20"),
    "pretoria-2022": ("2022-10-30", "2023-04-15", "2023-03-24"),
}
"""For each example: first day, last day, and date of the view."""


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, (start, end, at) in CHARTS.items():
        folder = ROOT / "docs" / "examples" / name
        tracker = Tracker(load_agreement(folder / "agreement.yaml"), load_events(folder / "events.yaml"))
        out = IMAGES / f"example-{name}.png"
        save_chart(tracker, out, start, end, at=at)
        print(out)


if __name__ == "__main__":
    main()
