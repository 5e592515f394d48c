"""The waiver or release notice printed for the leaver to sign for, with the firm's seal line."""
from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, SimpleDocTemplate, Spacer

from churnguard_gui.core.notices import NoticeText
from churnguard_gui.reports.agreement_pdf import SEAL_RED, _table
from churnguard_gui.reports.fonts import register
from churnguard_gui.reports.pages import Furniture, canvas_maker
from churnguard_gui.reports.tables import paragraph


def _styles(cjk: bool = True) -> dict[str, ParagraphStyle]:
    font = register()
    base = ParagraphStyle("base", fontName=font, fontSize=11, leading=18, wordWrap="CJK" if cjk else None,
                          spaceAfter=6)
    return {"base": base,
            "title": ParagraphStyle("title", parent=base, fontSize=17, leading=24, alignment=1, spaceAfter=6),
            "note": ParagraphStyle("note", parent=base, fontSize=9.5, leading=13, alignment=1, textColor=SEAL_RED),
            "centre": ParagraphStyle("centre", parent=base, fontSize=9.5, leading=13, alignment=1),
            "end": ParagraphStyle("end", parent=base, alignment=1, spaceBefore=6)}


def build_notice_pdf(notice: NoticeText, translation: NoticeText | None = None) -> bytes:
    """notice is the binding Chinese text the leaver signs for; translation, when given, follows from a new page
    as a marked attachment without signature lines."""
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=24 * mm, rightMargin=24 * mm, topMargin=22 * mm,
                            bottomMargin=20 * mm, title=notice.title, author="ChurnGuard")
    story = _story(notice, styles, signed=True)
    if translation is not None:
        story += [PageBreak(), Furniture(header_left=translation.title, footer_left=translation.footer,
                                         page_label=translation.page)]
        if translation.translation_heading:
            story.append(paragraph(translation.translation_heading, _styles(cjk=False)["note"]))
        story += _story(translation, _styles(cjk=False), signed=False)
    doc.build(story, canvasmaker=canvas_maker(notice.title, "", notice.footer, notice.page))
    return buffer.getvalue()


def _story(notice: NoticeText, styles: dict[str, ParagraphStyle], signed: bool) -> list:
    base = styles["base"]
    story = [paragraph(notice.title, styles["title"])]
    if notice.note:
        story.append(paragraph(notice.note, styles["note"]))
    story += [Spacer(1, 8), paragraph(notice.to, base), paragraph(notice.body, base)]
    if notice.basis:
        story.append(paragraph(notice.basis, base))
    if not signed:
        if notice.delivery:
            story.append(paragraph(notice.delivery, base))
        return [*story, paragraph(notice.end_of_text, styles["end"])]
    labels = notice.labels
    seal = _table([[paragraph(labels["seal"], styles["centre"])]], [("BOX", (0, 0), (-1, -1), 0.8, SEAL_RED),
                                                                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE")],
                  colWidths=[40 * mm], rowHeights=[40 * mm])
    line = "_" * 18
    block = _table([[paragraph(labels["sign_firm"], base), paragraph(labels["receipt"], base)],
                    [seal, Spacer(1, 40 * mm)],
                    [paragraph(labels["representative"], base), paragraph(labels["sign_b"], base)],
                    [paragraph(line, base), paragraph(line, base)],
                    [paragraph(f"{labels['date']} {line}", base), paragraph(f"{labels['date']} {line}", base)]],
                   [("VALIGN", (0, 0), (-1, -1), "BOTTOM")], colWidths=[81 * mm, 81 * mm])
    tail = [paragraph(notice.delivery, base)] if notice.delivery else []
    story.append(KeepTogether([*tail, paragraph(notice.end_of_text, styles["end"]), Spacer(1, 12), block]))
    return story

