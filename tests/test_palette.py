"""The status palette: one style per status, told apart in greyscale and under simulated colour-vision deficiencies."""

from __future__ import annotations

import itertools
import math

import pytest

from ceasefire.render.display import _STYLES_BY_NAME, FALLBACK_STYLE, NO_EVIDENCE_STATUS, STATUS_STYLES, StatusStyle, style_of
from ceasefire.results import Status

# Machado, Oliveira and Fernandes (2009), full severity, applied to linear RGB.
SIMULATIONS = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
SAME_HATCH_MIN_DELTA_E = 15.0
"""Two styles sharing a hatch differ at least this much in CIELAB (CIE76), in colour and in each simulation."""
SAME_HATCH_MIN_DELTA_L = 14.0
"""... and at least this much in lightness alone, which is all a greyscale print keeps."""


def _linear(hex_colour: str) -> tuple[float, float, float]:
    channels = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return r, g, b


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _views(colour: str) -> dict[str, tuple[float, float, float]]:
    rgb = _linear(colour)
    seen = {"normal vision": _lab(rgb)}
    for name, matrix in SIMULATIONS.items():
        simulated = tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in matrix)
        seen[name] = _lab(simulated)  # type: ignore[arg-type]
    return seen


def test_every_status_has_a_style_of_its_own() -> None:
    """Each Status member has a style written for it (not the fallback), and no two statuses share fill and hatch."""
    for status in Status:
        assert style_of(status) is not FALLBACK_STYLE, f"add a style for {status.name} to display._STYLES_BY_NAME"
    pairs = [(s.fill.lower(), s.hatch) for s in _STYLES_BY_NAME.values()]
    assert len(pairs) == len(set(pairs))
    assert list(STATUS_STYLES) == [str(s) for s in Status]


@pytest.mark.parametrize(("a", "b"), [(a, b) for a, b in itertools.combinations(_STYLES_BY_NAME, 2) if _STYLES_BY_NAME[a].hatch == _STYLES_BY_NAME[b].hatch])
def test_statuses_with_the_same_hatch_differ_in_greyscale_and_for_colour_blind_readers(a: str, b: str) -> None:
    """Two statuses drawn with the same hatch (or none) are apart in lightness and in colour under each simulated deficiency."""
    first, second = _views(_STYLES_BY_NAME[a].fill), _views(_STYLES_BY_NAME[b].fill)
    assert abs(first["normal vision"][0] - second["normal vision"][0]) >= SAME_HATCH_MIN_DELTA_L
    for view in first:
        assert math.dist(first[view], second[view]) >= SAME_HATCH_MIN_DELTA_E, view


def test_the_no_evidence_style_is_hatched_and_blank() -> None:
    """Time no loaded evidence covers is drawn as an empty, cross-hatched bar, unlike any status backed by a report."""
    style = _STYLES_BY_NAME["UNMONITORED"]
    assert style.hatch == "xx" and style.fill == "#ffffff"
    if NO_EVIDENCE_STATUS is not None:  # once the engine has the status, it is found by name and gets this style
        assert style_of(NO_EVIDENCE_STATUS) == style


def test_hatched_css_keeps_the_hatch_to_a_strip_left_of_the_text() -> None:
    """A hatched badge's CSS covers all but a left strip with the plain fill, over one layer per hatch direction and the fill."""
    assert StatusStyle("#ffffff").css == "#ffffff"
    crossed = StatusStyle("#ffffff", "xx").css
    assert crossed.startswith("linear-gradient(to right, transparent 0.5em, #ffffff 0.5em)")
    assert crossed.endswith(", #ffffff") and crossed.count("repeating-linear-gradient") == 2
