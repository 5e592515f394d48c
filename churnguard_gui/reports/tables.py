"""Fast table cells: plain strings where they fit, wrapped Paragraphs only where they do not."""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle
from reportlab.platypus.tables import CellStyle

PADDING = 6  # left + right cell padding in points


def escape(text: str) -> str:
    """&, < and > as a Paragraph's markup needs them (what xml.sax.saxutils.escape does, without the 40 ms of CPU
    its import of urllib, http and ssl costs every report)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CellParagraph(Paragraph):
    """A table cell's Paragraph that keeps its last line breaking: a long table wraps the cells of a row when it
    measures the rest of the table, again when it draws the row, and its header on every page, always at the
    column's width. A Paragraph's lines depend only on the width it is given, so the same width gives the same
    lines; anything that drops them (a split) or a new width breaks them again."""

    _wrapped: tuple[float, tuple[float, float], object] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        kept = self._wrapped
        if kept is not None and kept[0] == availWidth and self.__dict__.get("blPara") is kept[2]:
            self.width, self.height = kept[1]
            return kept[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size, self.__dict__.get("blPara"))
        return size


@lru_cache(maxsize=4096)
def text_width(text: str, font: str, size: float) -> float:
    """The width of a one-line text (dates, tiers and names repeat down a column: each is measured once)."""
    return stringWidth(text, font, size)


def fit_cell(text: str, width: float, style: ParagraphStyle) -> str | Paragraph:
    """The text itself when it fits on one line of the column, else an escaped, wrapping Paragraph."""
    if not text or "\n" not in text and text_width(text, style.fontName, style.fontSize) <= width - PADDING:
        return text
    return CellParagraph(escape(text).replace("\n", "<br/>"), style)


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """User text made safe for a Paragraph (escaped, line breaks kept)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


# The TableStyle commands that set a property of each cell in their range, and the CellStyle attribute each sets.
_CELL_PROPERTIES = {"FONTNAME": "fontname", "FONTSIZE": "fontsize", "LEADING": "leading", "ALIGN": "alignment",
                    "VALIGN": "valign", "LEFTPADDING": "leftPadding", "RIGHTPADDING": "rightPadding",
                    "TOPPADDING": "topPadding", "BOTTOMPADDING": "bottomPadding"}
_TABLE_COMMANDS = ("GRID", "INNERGRID", "BOX", "OUTLINE", "LINEABOVE", "LINEBELOW", "LINEBEFORE", "LINEAFTER",
                   "BACKGROUND", "ROWBACKGROUNDS", "COLBACKGROUNDS")


def _cells(start: int, end: int, count: int) -> range:
    """A command's row or column range as reportlab reads it (negative counts from the end)."""
    return range(max(0, start + count if start < 0 else start), min(count - 1, end + count if end < 0 else end) + 1)


def long_table(rows: list[list], commands: list[tuple], **options) -> Table:
    """A Table of many rows with its style applied, drawn exactly as Table(rows, **options) with setStyle(commands).

    reportlab gives each cell a style object of its own and applies every font, size, alignment and padding command
    to each cell in its range: 20,000 objects and 140,000 assignments for 2,000 clients. Here those commands are
    worked out once per distinct look of a cell, and cells that look alike share one style object; grid lines and
    backgrounds go to setStyle as usual."""
    count, columns = len(rows), len(rows[0])
    per_cell: list[tuple[str, range, range, object]] = []
    table_wide = []
    for command in commands:
        op, (sc, sr), (ec, er), *values = command
        if op in _CELL_PROPERTIES and isinstance(sr, int) and isinstance(er, int):
            per_cell.append((_CELL_PROPERTIES[op], _cells(sr, er, count), _cells(sc, ec, columns), values[0]))
        elif op in _TABLE_COMMANDS:
            table_wide.append(command)
        else:  # a command this does not evaluate would change every cell sharing a style object
            raise ValueError(f"long_table cannot apply {command!r}")
    looks: dict[tuple, CellStyle] = {}
    row_looks: dict[tuple[int, ...], list[CellStyle]] = {}
    styles = []
    for i in range(count):
        applying = tuple(k for k, (_, rows_in, _, _) in enumerate(per_cell) if i in rows_in)
        row = row_looks.get(applying)
        if row is None:
            row = []
            for j in range(columns):
                effect = {name: value for k in applying for name, _, cols, value in [per_cell[k]] if j in cols}
                key = tuple(effect.items())
                if key not in looks:
                    look = looks[key] = CellStyle(repr(key))
                    for name, value in effect.items():
                        setattr(look, name, value)
                row.append(looks[key])
            row_looks[applying] = row
        styles.append(list(row))
    table = Table(rows, cellStyles=styles, **options)
    table.setStyle(TableStyle(table_wide))
    return table
