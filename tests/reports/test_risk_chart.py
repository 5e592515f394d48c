"""The concentration chart: a bar for each of the 12 largest holders, the rest in one note, no axis machinery."""
from __future__ import annotations

from churnguard_gui.core.risk import RiskFigures, Thresholds, holdings
from churnguard_gui.reports.risk_chart import MAX_BARS, bar_labels, concentration_figure, draw_concentration


def figures(people: int) -> RiskFigures:
    rows = [(i, f"员工{i:02d}", 1, 1000 - i) for i in range(1, people + 1)]
    total = sum(r[3] for r in rows)
    return RiskFigures("2026-04-15", "", Thresholds(), people, total, holdings(rows, total, Thresholds()), 0, 0, (),
                       (), (), (), (), (), 0, 0)


def test_the_largest_twelve_get_bars_and_the_others_a_note():
    chart = concentration_figure(figures(15))
    (axes,) = chart.axes
    assert len(axes.containers[0]) == MAX_BARS
    assert bar_labels(chart) == [f"员工{i:02d}" for i in range(12, 0, -1)]  # the largest at the top
    texts = [t.get_text() for t in axes.texts]
    assert "+ 3 others: 19.9% of the value together, none above 6.6%" in texts
    assert not axes.axison  # no ticks to lay out: the names and shares are written beside the bars


def test_a_chart_drawn_again_reuses_its_axes_and_loses_the_old_bars():
    chart = concentration_figure(figures(15))
    axes = chart.axes[0]
    draw_concentration(chart, figures(3))
    assert chart.axes == [axes] and len(axes.patches) == 3
    assert bar_labels(chart) == ["员工03", "员工02", "员工01"]
    assert not any("others" in t.get_text() for t in axes.texts)
