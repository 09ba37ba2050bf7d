"""The timeline chart: one row per obligation, coloured by status over time.

Drawn by matplotlib (the ``charts`` extra: ``pip install 'ceasefire[charts]'``),
imported only when a chart is asked for, on the non-interactive Agg canvas.
The bars come from :meth:`Tracker.timeline`, so every colour change on a row is
a change point of the engine, not a sampled day. On top of the bars the chart
marks each deadline in force (and the original one when an amendment moved it),
amendments as they took effect, the events counted, the date of the view and
the knowledge cut-off. Dates on the axis are in the agreement's reference zone.

It is made to be printed: every tick carries its month (and the first tick and
each new year its year), each status has a fill that keeps its place in
greyscale and a hatch where the fill alone could be mistaken (see
:data:`ceasefire.render.display.STATUS_STYLES`), a stretch too short to see at the
chart's scale is widened to a minimum width rather than lost, the view line
stays inside the frame, and a credit line names the agreement, the number of
sources behind the statuses, the knowledge cut-off and the library version.
PNG files are written at 300 dots per inch.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import display
from .display import style_of
from ..errors import InvalidInputError, Problem
from ..results import ObligationStatus, TermState
from ..time import Window, local_date, moment, start_of_day, zone

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..engine import Tracker, When
    from ..engine.timeline import Interval, Timeline

FORMATS = ("png", "svg")
ROW_HEIGHT = 0.62
THIN_HEIGHT = 0.28
"""Height of a ``complied`` bar with no event counted behind it: the status rests on silence, not on a report."""
PRINT_DPI = 300
MIN_SHARE = 1 / 250
"""The narrowest a bar is drawn, as a share of the chart's span (about 1 mm on the printed axis)."""
RIGHT_PAD = 0.012
"""Room after the chart's end, as a share of its span, so a view line at the end stays in the frame."""
MARKERS: dict[str, dict[str, Any]] = {
    "deadline in force": {"marker": "D", "color": "#111111", "markersize": 7, "linestyle": "none"},
    "original deadline (amended)": {"marker": "D", "markerfacecolor": "white", "markeredgecolor": "#111111", "markeredgewidth": 1.4, "markersize": 7, "linestyle": "none"},
    "amendment takes effect": {"marker": "v", "color": "#6a3d9a", "markersize": 8, "linestyle": "none"},
    "event counted": {"marker": "o", "markerfacecolor": "white", "markeredgecolor": "#111111", "markeredgewidth": 1.3, "markersize": 6, "linestyle": "none"},
    "breach reported": {"marker": "X", "color": "#67000d", "markeredgecolor": "white", "markersize": 9, "linestyle": "none"},
    "setback reported": {"marker": "<", "color": "#b35806", "markeredgecolor": "white", "markersize": 9, "linestyle": "none"},
    "term period ends or renews": {"marker": "|", "color": "#111111", "markersize": 15, "markeredgewidth": 2.5, "linestyle": "none"},
    "notice date of a term": {"marker": "^", "markerfacecolor": "white", "markeredgecolor": "#111111", "markeredgewidth": 1.2, "markersize": 7, "linestyle": "none"},
}


def draw(tracker: Tracker, start: When, end: When, *, known_on: When | None = None, at: When | None = None) -> Figure:
    """A matplotlib figure of every obligation's status from ``start`` to ``end``.

    ``start`` and ``end`` are read as by :meth:`Tracker.timeline` (a date as
    ``start`` is the first instant of that day, as ``end`` the last). ``at``
    is the date of the view, marked by a line; by default ``end``.
    """
    line = tracker.timeline(start, end, known_on=known_on)
    view = line.end if at is None else moment(at, line.zone, where="at")
    if not line.start <= view <= line.end:
        raise InvalidInputError(Problem("at", view.isoformat(), f"an instant from {line.start.isoformat()} to {line.end.isoformat()}, inside the chart"))
    final = tracker.status_on(line.end, known_on=known_on)
    seen = final if view == line.end else tracker.status_on(view, known_on=known_on)
    return _Drawing(line, final.obligations, seen.obligations, view, tracker.agreement.title).figure()


def draw_timeline(line: Timeline, *, title: str | None = None) -> Figure:
    """A figure of a timeline already computed, viewed at its end (what a notebook shows for a :class:`Timeline`).

    Without the tracker, the marks come from the state at the start of each
    obligation's last interval: its deadline, amendments, term and the events
    counted by then.
    """
    last = {i.obligation_id: i.state for i in line.intervals}
    return _Drawing(line, tuple(last.values()), tuple(last.values()), line.end, title or line.agreement_id).figure()


def save_chart(tracker: Tracker, out: str | Path, start: When, end: When, *, known_on: When | None = None, at: When | None = None, dpi: int = PRINT_DPI) -> Path:
    """Draw the chart and write it to ``out``; the suffix (``.png`` or ``.svg``) picks the format.

    A PNG is written at ``dpi`` dots per inch (300 by default, for print); an
    SVG is drawn in vectors and scales to any size.
    """
    path = Path(out)
    kind = path.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise InvalidInputError(Problem("out", repr(str(out)), "a file name ending in .png or .svg, e.g. 'timeline.png'"))
    from .._progress import logger

    figure = draw(tracker, start, end, known_on=known_on, at=at)
    _save(figure, path, kind, dpi)
    logger.info("wrote the chart %s (%s, %d rows)", path, kind if kind == "svg" else f"png at {dpi} dpi", len(figure.axes[0].get_yticks()))
    return path


def svg_markup(tracker: Tracker, start: When, end: When, *, known_on: When | None = None, at: When | None = None) -> str:
    """The chart as an ``<svg>`` element, ready to sit inline in an HTML page."""
    buffer = io.StringIO()
    _save(draw(tracker, start, end, known_on=known_on, at=at), buffer, "svg")
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def chart_start(tracker: Tracker, at: dt.datetime) -> dt.datetime:
    """Where a chart up to ``at`` begins: the start of the day the agreement took effect."""
    name = tracker.agreement.zone
    first = start_of_day(local_date(tracker.agreement.effective, name), name)
    return min(first, start_of_day(local_date(at, name), name))


def _x(when: dt.datetime) -> float:
    """Where the instant ``when`` falls on matplotlib's date axis."""
    from matplotlib.dates import date2num

    return float(date2num(when))  # type: ignore[no-untyped-call]  # matplotlib.dates is untyped


def _save(figure: Figure, target: Path | io.BytesIO | io.StringIO, kind: str, dpi: int = PRINT_DPI) -> None:
    """Write ``figure``; the same chart always gives the same bytes (fixed SVG ids, no date)."""
    from matplotlib import rc_context

    with rc_context({"svg.hashsalt": "ceasefire"}):
        figure.savefig(target, format=kind, dpi=dpi, metadata=_metadata(kind))


def png_bytes(figure: Figure, dpi: int = 100) -> bytes:
    """``figure`` as PNG bytes (screen resolution by default), e.g. for a notebook."""
    buffer = io.BytesIO()
    _save(figure, buffer, "png", dpi)
    return buffer.getvalue()


def _library_version() -> str:
    from .. import __version__

    return __version__


def _metadata(kind: str) -> dict[str, Any]:
    """File metadata without a creation date, so that the same chart gives the same file."""
    if kind == "svg":
        return {"Date": None, "Creator": None, "Format": None, "Type": None}
    return {"Software": "ceasefire with matplotlib"}


class _Drawing:
    """One chart being drawn: the timeline, the state at its end (for the marks) and at the view date (for the labels)."""

    def __init__(self, line: Timeline, final: tuple[ObligationStatus, ...], seen: tuple[ObligationStatus, ...], view: dt.datetime, title: str) -> None:
        self.line, self.final, self.seen, self.view, self.title = line, final, seen, view, title
        self.ids = line.obligation_ids
        self.rows = {oid: len(self.ids) - 1 - n for n, oid in enumerate(self.ids)}
        self.zone = line.zone
        self.tz = zone(line.zone)
        self.setbacks = False
        """Whether a setback was marked: the legend names the marker only then."""

    def figure(self) -> Figure:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        figure = Figure(figsize=(12, 1.9 + 0.34 * len(self.ids)), layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        self.bars(axes)
        for item in self.final:
            if item.obligation_id in self.rows:
                self.marks(axes, item)
        self.lines(axes)
        self.frame(axes)
        self.legend(figure, axes)
        axes.annotate(self.credit(), xy=(0, 0), xycoords="axes fraction", xytext=(0, -34), textcoords="offset points", ha="left", va="top", fontsize=7.5, color="#444444", gid="credit")
        return figure

    def bars(self, axes: Axes) -> None:
        """One rectangle per interval, with an id unique in the SVG (``bar:<obligation>:<n>``)."""
        from matplotlib.patches import Rectangle

        counts: dict[str, int] = {}
        for interval in self.line.intervals:
            n = counts[interval.obligation_id] = counts.get(interval.obligation_id, -1) + 1
            left, width = self.extent(interval)
            style = style_of(interval.status)
            height = THIN_HEIGHT if self.on_silence(interval) else ROW_HEIGHT
            y = self.rows[interval.obligation_id] - height / 2
            short = width > _x(interval.end) - _x(interval.start)
            bar = Rectangle((left, y), width, height, facecolor=style.fill, edgecolor="white", linewidth=0.6, zorder=3 if short else 2, gid=f"bar:{interval.obligation_id}:{n}")
            axes.add_patch(bar)
            if style.hatch:
                ink = "#333333" if style.ink == "#000000" else "#ffffff"
                axes.add_patch(Rectangle((left, y), width, height, facecolor="none", edgecolor=ink, linewidth=0, hatch=style.hatch, zorder=bar.get_zorder()))
            if style.fill.lower() in ("#ffffff", "#fafafa"):
                axes.add_patch(Rectangle((left, y), width, height, facecolor="none", edgecolor="#9a9a9a", linewidth=0.5, zorder=bar.get_zorder()))

    def extent(self, interval: Interval) -> tuple[float, float]:
        """Where the bar of ``interval`` starts and how wide it is: never narrower than :data:`MIN_SHARE` of the chart."""
        left, right = _x(interval.start), _x(interval.end)
        low, high = _x(self.line.start), _x(self.line.end)
        least = (high - low) * MIN_SHARE
        if right - left >= least:
            return left, right - left
        start = min(max(low, right - least), max(low, high - least))
        return start, least

    @staticmethod
    def on_silence(interval: Interval) -> bool:
        """True for a ``complied`` stretch with no event counted: nothing reported either way."""
        state = interval.state
        return str(interval.status) == "complied" and not state.evidence and not state.breaches

    def marks(self, axes: Axes, item: ObligationStatus) -> None:
        row = self.rows[item.obligation_id]
        was = item.original_deadline if item.original_deadline != item.deadline else None
        for earlier in (was, *(a.new_deadline for a in item.amendments[:-1])):
            if earlier is not None:
                self.deadline(axes, earlier, row, "original deadline (amended)")
        if item.deadline is not None:
            self.deadline(axes, item.deadline, row, "deadline in force")
            if was is not None and self.inside(was.latest) and self.inside(item.deadline.latest):
                axes.annotate("", xy=(_x(item.deadline.latest), row), xytext=(_x(was.latest), row), arrowprops={"arrowstyle": "->", "color": "#111111", "lw": 1.1, "shrinkA": 5, "shrinkB": 5})
        for applied in item.amendments:
            self.point(axes, applied.in_effect_from, row + ROW_HEIGHT / 2 + 0.02, "amendment takes effect")
        if item.term is not None:
            self.term(axes, item.term, row)
        low = row - ROW_HEIGHT / 2
        for evidence in item.evidence:
            setback = evidence.role == "setback"
            self.setbacks |= setback
            self.point(axes, evidence.occurred.latest, low, "setback reported" if setback else "event counted")
        for breach in item.breaches:
            self.point(axes, breach.occurred.latest, low, "breach reported")

    def term(self, axes: Axes, state: TermState, row: int) -> None:
        if state.period_index > 0:
            self.point(axes, state.period_start, row, "term period ends or renews")
        self.point(axes, state.period_end, row, "term period ends or renews")
        if state.notice_due is not None:
            self.point(axes, state.notice_due, row - ROW_HEIGHT / 2, "notice date of a term")

    def deadline(self, axes: Axes, window: Window, row: int, label: str) -> None:
        if not window.is_exact and self.inside(window.earliest) and self.inside(window.latest):
            axes.plot([_x(window.earliest), _x(window.latest)], [row, row], color="#111111", linewidth=2, solid_capstyle="butt")
        self.point(axes, window.latest, row, label)

    def point(self, axes: Axes, when: dt.datetime, y: float, label: str) -> None:
        if self.inside(when):
            axes.plot([_x(when)], [y], zorder=5, clip_on=False, **MARKERS[label])

    def inside(self, when: dt.datetime) -> bool:
        return self.line.start <= when <= self.line.end

    def lines(self, axes: Axes) -> None:
        axes.axvline(_x(self.view), color="#111111", linewidth=1.6, zorder=6, clip_on=False)
        axes.annotate(f"view: {display.instant(self.view, self.zone)}", xy=(_x(self.view), 1.0), xycoords=("data", "axes fraction"), xytext=(0, 3), textcoords="offset points", ha=self.align(self.view), va="bottom", fontsize=9, fontweight="bold")
        cutoff = self.line.known_on
        if cutoff is not None and self.inside(cutoff):
            axes.axvline(_x(cutoff), color="#6a3d9a", linewidth=1.4, linestyle=(0, (4, 2)), zorder=6, clip_on=False)
            axes.annotate(f"known on: {display.instant(cutoff, self.zone)}", xy=(_x(cutoff), 1.0), xycoords=("data", "axes fraction"), xytext=(0, 15), textcoords="offset points", ha=self.align(cutoff), va="bottom", fontsize=9, color="#6a3d9a")

    def align(self, when: dt.datetime) -> str:
        """How to align a label at ``when`` so that it stays inside the figure near either end."""
        share = (when - self.line.start) / max(self.line.end - self.line.start, dt.timedelta(microseconds=1))
        return "right" if share > 0.85 else "left" if share < 0.15 else "center"

    def frame(self, axes: Axes) -> None:
        from matplotlib.dates import AutoDateLocator

        axes.set_yticks(range(len(self.ids)), list(reversed(self.ids)), fontfamily="monospace", fontsize=9)
        axes.set_ylim(-0.6, len(self.ids) - 0.4)
        low, high = _x(self.line.start), _x(self.line.end)
        axes.set_xlim(low, high + (high - low) * RIGHT_PAD)
        locator = AutoDateLocator(tz=self.tz, minticks=5, maxticks=12)  # type: ignore[no-untyped-call]  # matplotlib.dates is untyped
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(_date_labels(self.tz))
        axes.grid(axis="x", color="#cccccc", linewidth=0.6, zorder=0)
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.set_xlabel(f"dates in {self.zone}", fontsize=9)
        axes.set_title(self.heading(), fontsize=11, loc="left", pad=30 if self.line.known_on is not None else 18)
        axes.tick_params(axis="y", length=0)
        self.end_labels(axes)

    def heading(self) -> str:
        span = f"{display.instant(self.line.start, self.zone)} to {display.instant(self.line.end, self.zone)}"
        cutoff = self.line.known_on
        known = "on all the evidence loaded" if cutoff is None else f"as known on {display.instant(cutoff, self.zone)}"
        return f"{self.title}\nstatus of each obligation, {span} ({self.zone}), {known}"

    def end_labels(self, axes: Axes) -> None:
        """The status at the date of the view, written to the right of each row."""
        for item in self.seen:
            if item.obligation_id not in self.rows:
                continue
            text = str(item.status)
            if item.deadline is not None and item.deadline.latest > self.view:
                text += f" (due {display.deadline(item.deadline, self.zone, item.local_zone)})"
            axes.annotate(text, xy=(1.0, self.rows[item.obligation_id]), xycoords=("axes fraction", "data"), xytext=(6, 0), textcoords="offset points", va="center", fontsize=8.5)

    def legend(self, figure: Figure, axes: Axes) -> None:
        from matplotlib.lines import Line2D

        from .display import STATUS_STYLES

        shown = {str(i.status) for i in self.line.intervals if not self.on_silence(i)}
        labels = [*STATUS_STYLES, *sorted(shown - set(STATUS_STYLES))]  # a status the engine adds later still gets its entry
        handles: list[Any] = [_swatch(_legend_label(label), style_of(label)) for label in labels if label in shown]
        if any(self.on_silence(i) for i in self.line.intervals):
            handles.append(Line2D([], [], color=style_of("complied").fill, linewidth=4, solid_capstyle="butt", label="complied, no event counted (thin bar)"))
        handles += [Line2D([], [], label=label, **style) for label, style in MARKERS.items() if label != "setback reported" or self.setbacks]
        handles.append(Line2D([], [], color="#111111", linewidth=1.6, label="date of the view"))
        handles.append(Line2D([], [], linestyle="none", label="text right of a row: status at the view"))
        if self.line.known_on is not None:
            handles.append(Line2D([], [], color="#6a3d9a", linewidth=1.4, linestyle=(0, (4, 2)), label="knowledge cut-off"))
        figure.legend(handles=handles, loc="outside lower center", ncols=min(5, len(handles)), fontsize=8.5, frameon=False, handleheight=1.4)

    def credit(self) -> str:
        """The credit line: agreement, sources counted, knowledge cut-off and library version."""
        from matplotlib import __version__ as mpl

        sources = {c.source_id for i in self.line.intervals for c in i.state.sources} | {c.source_id for o in self.final for c in o.sources}
        cutoff = self.line.known_on
        known = "all evidence loaded" if cutoff is None else f"as known on {display.instant(cutoff, self.zone)} ({self.zone})"
        return f"Agreement: {self.line.agreement_id}. Statuses rest on {len(sources)} source(s) counted, {known}. Made with ceasefire {_library_version()} (matplotlib {mpl})."


def _legend_label(status: str) -> str:
    """A status as the legend names it; time without evidence says so in words as well as in its hatch."""
    return f"{status}: no evidence watched" if display.is_no_evidence(status) else status


def _swatch(label: str, style: display.StatusStyle) -> Any:
    """A legend patch in a status's fill and hatch."""
    from matplotlib.patches import Patch

    ink = "#333333" if style.ink == "#000000" else "#ffffff"
    edge = "#9a9a9a" if style.fill.lower() in ("#ffffff", "#fafafa") else "white"
    if not style.hatch:
        return Patch(facecolor=style.fill, edgecolor=edge, label=label)
    return Patch(facecolor=style.fill, edgecolor=ink, hatch=style.hatch, linewidth=0, label=label)


def _date_labels(tz: dt.tzinfo) -> Any:
    """A tick formatter that writes the month on every tick and the year on the first and on each new year."""
    from matplotlib.dates import num2date
    from matplotlib.ticker import Formatter

    class DateLabels(Formatter):
        def __call__(self, x: float, pos: int | None = None) -> str:
            return self.format_ticks([x])[0]

        def format_ticks(self, values: Any) -> list[str]:
            moments = [num2date(v, tz=tz) for v in values]  # type: ignore[no-untyped-call]  # matplotlib.dates is untyped
            return _tick_texts(moments)

    return DateLabels()


def _tick_texts(moments: list[dt.datetime]) -> list[str]:
    """Labels for ticks at ``moments`` (local times): months, days or hours, with the year where it is new."""
    midnight = all(m.time() == dt.time(0) for m in moments)
    texts, last_year, last_day = [], None, None
    for m in moments:
        year = f" {m.year}" if m.year != last_year else ""
        if midnight and all(t.day == 1 for t in moments):
            text = f"{m:%b}{year}"
        elif midnight:
            text = f"{m.day} {m:%b}{year}"
        else:
            day = f"{m.day} {m:%b}{year} " if m.date() != last_day else ""
            text = f"{day}{m:%H:%M}"
        texts.append(text)
        last_year, last_day = m.year, m.date()
    return texts

