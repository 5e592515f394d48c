"""A confidentiality / non-compete agreement printed for signing, every page carrying its number and fingerprint."""
from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from churnguard_gui.core.agreements import AgreementText, template_words
from churnguard_gui.reports.fonts import register
from churnguard_gui.reports.pages import canvas_maker
from churnguard_gui.reports.tables import paragraph

SEAL_RED = colors.HexColor("#b03a2e")


def _styles() -> dict[str, ParagraphStyle]:
    font = register()
    base = ParagraphStyle("base", fontName=font, bulletFontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=18, leading=24, alignment=1, spaceAfter=10),
        "clause": ParagraphStyle("clause", parent=base, fontSize=11, leading=16, spaceBefore=8, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=13),
    }


def _table(rows, style: Sequence[tuple] = (), **kwargs) -> Table:
    """A table whose every cell uses the embedded font (Table would otherwise name Helvetica)."""
    table = Table(rows, **kwargs)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), register()), ("FONTSIZE", (0, 0), (-1, -1), 9.5),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3), *style]))
    return table


def build_agreement_pdf(text: AgreementText, language: str) -> bytes:
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=20 * mm,
                            bottomMargin=18 * mm, title=text.title, author="ChurnGuard", subject=text.document_no)
    story = [paragraph(text.title, styles["title"]), paragraph(text.party_a, styles["base"]),
             paragraph(text.party_b, styles["base"]), Spacer(1, 6), paragraph(text.preamble, styles["base"])]
    for number, title, body in text.clauses:
        label = text.labels["clause_label"].format(number=number)
        story += [paragraph(f"{label} {title}", styles["clause"]), paragraph(body, styles["base"])]
    if text.terms:
        rows = [[paragraph(label, styles["cell"]), paragraph(value, styles["cell"])] for label, value in text.terms]
        story += [Spacer(1, 10), _table(rows, [("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#9aa5b1")),
                                               ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#e8edf3")),
                                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")], colWidths=[55 * mm, None])]
    story += [Spacer(1, 18), _signatures(text, styles)]
    maker = canvas_maker(text.title, text.document_no, text.footer_line(), template_words(language)["page"])
    doc.build(story, canvasmaker=maker)
    return buffer.getvalue()


def _signatures(text: AgreementText, styles) -> KeepTogether:
    labels = text.labels
    cell = styles["cell"]
    seal = _table([[paragraph(labels["seal"], cell)]], [("BOX", (0, 0), (-1, -1), 0.8, SEAL_RED),
                                                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                                        ("ALIGN", (0, 0), (-1, -1), "CENTER")],
                  colWidths=[42 * mm], rowHeights=[42 * mm])
    line = "_" * 20
    colon = "：" if not labels["date"].isascii() else ": "
    dated = f"{labels['date']}{colon}{line}"
    left = _table([[paragraph(labels["sign_a"], cell)], [seal], [paragraph(labels["representative"], cell)],
                   [paragraph(line, cell)], [paragraph(dated, cell)]])
    right = _table([[paragraph(labels["sign_b"], cell)], [Spacer(1, 42 * mm)], [paragraph("\u00a0", cell)],
                    [paragraph(line, cell)], [paragraph(dated, cell)]])
    block = _table([[left, right]], [("VALIGN", (0, 0), (-1, -1), "TOP")], colWidths=[83 * mm, 83 * mm])
    return KeepTogether([block])
