"""The waiver or release notice printed for the leaver to sign for, with the firm's seal line."""
from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer

from churnguard_gui.core.files import atomic_write
from churnguard_gui.core.notices import NoticeText
from churnguard_gui.reports.agreement_pdf import SEAL_RED, _table
from churnguard_gui.reports.fonts import register
from churnguard_gui.reports.pages import canvas_maker
from churnguard_gui.reports.tables import paragraph


def build_notice_pdf(notice: NoticeText) -> bytes:
    font = register()
    base = ParagraphStyle("base", fontName=font, fontSize=11, leading=18, wordWrap="CJK", spaceAfter=6)
    title = ParagraphStyle("title", parent=base, fontSize=17, leading=24, alignment=1, spaceAfter=6)
    note = ParagraphStyle("note", parent=base, fontSize=9.5, leading=13, alignment=1, textColor=SEAL_RED)
    centre = ParagraphStyle("centre", parent=base, fontSize=9.5, leading=13, alignment=1)
    end = ParagraphStyle("end", parent=base, alignment=1, spaceBefore=6)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=24 * mm, rightMargin=24 * mm, topMargin=22 * mm,
                            bottomMargin=20 * mm, title=notice.title, author="ChurnGuard")
    story = [paragraph(notice.title, title)]
    if notice.note:
        story.append(paragraph(notice.note, note))
    story += [Spacer(1, 8), paragraph(notice.to, base), paragraph(notice.body, base)]
    if notice.basis:
        story.append(paragraph(notice.basis, base))
    labels = notice.labels
    seal = _table([[paragraph(labels["seal"], centre)]], [("BOX", (0, 0), (-1, -1), 0.8, SEAL_RED),
                                                          ("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
                  colWidths=[40 * mm], rowHeights=[40 * mm])
    line = "_" * 18
    firm = _table([[paragraph(labels["sign_firm"], base)], [seal], [paragraph(labels["representative"], base)],
                   [paragraph(line, base)], [paragraph(f"{labels['date']} {line}", base)]])
    leaver = _table([[paragraph(labels["receipt"], base)], [Spacer(1, 40 * mm)], [paragraph(labels["sign_b"], base)],
                     [paragraph(line, base)], [paragraph(f"{labels['date']} {line}", base)]])
    block = _table([[firm, leaver]], [("VALIGN", (0, 0), (-1, -1), "TOP")], colWidths=[81 * mm, 81 * mm])
    story.append(KeepTogether([paragraph(notice.end_of_text, end), Spacer(1, 12), block]))
    doc.build(story, canvasmaker=canvas_maker(notice.title, "", notice.footer, notice.page))
    return buffer.getvalue()


def write_notice_pdf(notice: NoticeText, out: str | Path) -> Path:
    data = build_notice_pdf(notice)
    with atomic_write(out, "wb") as handle:
        handle.write(data)
    return Path(out)
