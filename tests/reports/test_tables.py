"""Fast table helpers: long_table styles every cell as reportlab's setStyle would; cell Paragraphs break lines
again when they must."""
from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Table, TableStyle

from churnguard_gui.reports.fonts import register
from churnguard_gui.reports.tables import CellParagraph, fit_cell, long_table

ATTRIBUTES = ("fontname", "fontsize", "leading", "alignment", "valign", "leftPadding", "rightPadding", "topPadding",
              "bottomPadding", "color", "href", "direction", "shaping", "destination")
COMMANDS = [("FONTNAME", (0, 0), (-1, -1), "Courier"), ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("GRID", (0, 0), (-1, -1), 0.4, "grey"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), "lightgrey"), ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (1, 2), (2, -2), 5), ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (-2, 0), (-1, -1), 1), ("LEADING", (0, 0), (-1, 0), 10), ("ALIGN", (2, 1), (2, -1), "RIGHT"),
            ("FONTSIZE", (0, -1), (-1, -1), 12),  # a later command wins over an earlier one on the same cells
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), ["white", "lightblue"])]


def test_every_cell_looks_as_set_style_makes_it():
    rows = [[f"{r}-{c}" for c in range(4)] for r in range(9)]
    plain = Table([list(r) for r in rows], repeatRows=1)
    plain.setStyle(TableStyle(COMMANDS))
    shared = long_table([list(r) for r in rows], COMMANDS, repeatRows=1)
    for i in range(len(rows)):
        for j in range(4):
            for name in ATTRIBUTES:
                assert getattr(shared._cellStyles[i][j], name) == getattr(plain._cellStyles[i][j], name), (i, j, name)
    assert shared._linecmds == plain._linecmds
    assert shared._bkgrndcmds == plain._bkgrndcmds
    assert len({id(s) for row in shared._cellStyles for s in row}) < len(rows) * 4 / 2  # alike cells share one


def test_a_command_it_cannot_evaluate_is_refused():
    with pytest.raises(ValueError, match="TEXTCOLOR"):
        long_table([["a", "b"]], [("TEXTCOLOR", (0, 0), (-1, -1), "red")])


def test_a_cell_paragraph_breaks_its_lines_again_for_another_width_or_after_a_split():
    style = ParagraphStyle("cell", fontName=register(), fontSize=8, leading=10, wordWrap="CJK")
    cell = fit_cell("深圳市南兴电子科技有限公司（华南区域总代理及售后服务中心）", 60, style)
    assert isinstance(cell, CellParagraph)
    narrow = cell.wrap(60, 1000)
    assert cell.wrap(60, 1000) == narrow
    wide = cell.wrap(400, 1000)
    assert wide[1] < narrow[1]
    assert cell.wrap(60, 1000) == narrow
    del cell.blPara  # as Paragraph.split does when it gives up
    assert cell.wrap(60, 1000) == narrow
    assert cell.blPara.lines
    assert fit_cell("短", 60, style) == "短"
