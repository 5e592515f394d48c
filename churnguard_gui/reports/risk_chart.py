"""The concentration chart, drawn by matplotlib with the shipped CJK font: the same figure on screen and in the PDF."""
from __future__ import annotations

import io
from functools import cache
from typing import TYPE_CHECKING

from churnguard_gui import resources
from churnguard_gui.core.risk import RiskFigures
from churnguard_gui.i18n import ntr, tr
from churnguard_gui.reports.fonts import FONT_FILE

if TYPE_CHECKING:  # matplotlib is imported where a chart is drawn: the app starts without it
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

MAX_BARS = 12
BLUE, RED = "#4a78a8", "#c0392b"


@cache
def use_shipped_font() -> str:
    """Register WenQuanYi Micro Hei with matplotlib and make it the default family; returns its name."""
    from matplotlib import font_manager, rcParams

    path = str(resources.path(FONT_FILE))
    font_manager.fontManager.addfont(path)
    name = font_manager.FontProperties(fname=path).get_name()
    rcParams["font.family"] = [name, "DejaVu Sans"]
    rcParams["axes.unicode_minus"] = False
    rcParams["svg.fonttype"] = "path"
    return name


def bars(figures: RiskFigures) -> list[tuple[str, float, bool]]:
    """(label, share, flagged) for the largest holders (the others are summed in a note, not a bar: a firm of a
    thousand salespeople would show one long grey bar and twelve invisible ones)."""
    return [(h.staff, h.share, h.flagged) for h in figures.concentration[:MAX_BARS]]


def others_note(figures: RiskFigures) -> str:
    """'+ 988 others: 98.4% of the value together, none above 0.1%' (empty when every holder has a bar)."""
    rest = figures.concentration[MAX_BARS:]
    if not rest:
        return ""
    return ntr("+ {n} other: {share} of the value, {largest} at most",
               "+ {n} others: {share} of the value together, none above {largest}", len(rest),
               share=f"{sum(h.share for h in rest):.1%}", largest=f"{max(h.share for h in rest):.1%}")


def concentration_figure(figures: RiskFigures, width: float = 6.0, height: float | None = None) -> Figure:
    """A new figure of the concentration chart, sized for the number of bars unless height is given."""
    from matplotlib.figure import Figure

    use_shipped_font()
    height = height or max(2.2, 0.32 * (len(bars(figures)) + bool(others_note(figures))) + 1.0)
    figure = Figure(figsize=(width, height))
    draw_concentration(figure, figures)
    return figure


def draw_concentration(figure: Figure, figures: RiskFigures) -> None:
    """Each salesperson's share of the firm's active client value, the threshold as a dashed line.

    Drawn without matplotlib's axis machinery (no ticks: the names and shares are written beside the bars), which
    is most of what a redraw costs; the same drawing goes on screen and into the PDF."""
    use_shipped_font()
    data = bars(figures)
    axes = _empty_axes(figure)
    limit = figures.thresholds.concentration_percent
    if not data:
        axes.text(0.5, 0.5, tr("No active clients yet."), ha="center", va="center", transform=axes.transAxes)
        return
    labels = [label for label, _, _ in data][::-1]
    values = [share * 100 for _, share, _ in data][::-1]
    colours = [RED if flagged else BLUE for _, _, flagged in data][::-1]
    note = others_note(figures)
    rows = range(len(labels))
    axes.barh(rows, values, color=colours, height=0.65)
    top = max([*values, limit]) * 1.18
    axes.set_xlim(0, top)
    axes.set_ylim(-1.2 if note else -0.6, len(labels) - 0.1)
    axes.axvline(0, color="#555555", linewidth=0.8)
    axes.axvline(limit, color=RED, linestyle="--", linewidth=1)
    axes.text(limit, len(labels) - 0.4, " " + tr("threshold {percent}%", percent=limit), color=RED, fontsize=8,
              va="bottom")
    for y, (label, value) in enumerate(zip(labels, values, strict=True)):
        axes.text(-top * 0.012, y, label, ha="right", va="center", fontsize=9)
        axes.text(value + top * 0.01, y, f"{value:.1f}%", va="center", fontsize=8)
    if note:
        axes.text(top * 0.012, -0.8, note, ha="left", va="center", fontsize=8, color="#555555")
    axes.text(0.5, -0.02, tr("Share of the firm's active client value (%)"), ha="center", va="top", fontsize=9,
              transform=axes.transAxes)
    figure.label_inches = max(_text_inches(label, 9) for label in labels) + 0.15  # type: ignore[attr-defined]
    fit_margins(figure)


def _empty_axes(figure: Figure) -> Axes:
    """The figure's one axes with its bars and texts taken away (a figure drawn again keeps its axes: making new
    ones is half of what a drawing costs), or new axes on a cleared figure."""
    if len(figure.axes) == 1 and not figure.texts:
        axes = figure.axes[0]
        for artist in [*axes.patches, *axes.texts, *axes.lines]:
            artist.remove()
        axes.containers.clear()
        return axes
    figure.clear()
    axes = figure.add_subplot()
    axes.set_axis_off()
    return axes


def bar_labels(figure: Figure) -> list[str]:
    """The names written beside the bars, bottom to top (what a reader sees on the left of the chart)."""
    axes = figure.axes[0]
    return [t.get_text() for t in axes.texts if t.get_horizontalalignment() == "right"]


def _text_inches(text: str, points: float) -> float:
    """About how wide text is at this size: CJK characters are square, Latin ones about half as wide."""
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.55 for ch in text) * points / 72


def fit_margins(figure: Figure) -> None:
    """Margins in inches for the labels (measured once when drawn), refitted when the figure is resized. A fixed
    layout instead of matplotlib's constrained layout, which costs a third of the drawing time."""
    width, height = figure.get_size_inches()
    left = getattr(figure, "label_inches", 0.5)
    if width <= 0 or height <= 0:
        return
    figure.subplots_adjust(left=min(0.5, left / width), right=1 - min(0.2, 0.45 / width),
                           bottom=min(0.4, 0.35 / height), top=1 - min(0.2, 0.25 / height))


def figure_png(figure: Figure, dpi: int = 200) -> bytes:
    """The figure as a PNG at print resolution (for the PDF)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    fit_margins(figure)
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
