"""The notice on personal information a candidate reads and signs before the hiring screen (个人信息保护法)."""
from __future__ import annotations

import io
import json
from functools import cache

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, SimpleDocTemplate, Spacer

from churnguard_gui import resources
from churnguard_gui.reports.fonts import register
from churnguard_gui.reports.pages import Furniture, canvas_maker
from churnguard_gui.reports.tables import paragraph

CONSENT_FILE = "templates/consent_v2.json"  # under resources/; v1 stays as it was printed


@cache
def consent_template() -> dict:
    return json.loads(resources.path(CONSENT_FILE).read_text(encoding="utf-8"))


def consent_story(firm: str, address: str, name: str, position: str, months: int, language: str,
                  contact: str = "", signed: bool = True) -> tuple[list, dict]:
    """The notice's flowables and its words (for the page furniture); blanks print as lines to fill in."""
    template = consent_template()
    words = template[language if language in ("zh", "en") else "en"]
    blank = "＿＿＿＿＿＿＿＿" if language == "zh" else "______________"
    values = {"firm": firm or blank, "address": address or blank, "name": name or blank,
              "position": position or blank, "months": months, "contact": contact or blank}
    font = register()
    base = ParagraphStyle("cbase", fontName=font, fontSize=10.5, leading=16, spaceAfter=4,
                          wordWrap="CJK" if language == "zh" else None)  # English wraps at spaces
    title = ParagraphStyle("ctitle", parent=base, fontSize=16, leading=22, alignment=1, spaceAfter=6)
    note = ParagraphStyle("cnote", parent=base, fontSize=9, leading=12, alignment=1,
                          textColor=colors.HexColor("#8a4b00"))
    end = ParagraphStyle("cend", parent=base, alignment=1, spaceBefore=6)
    story = [paragraph(words["title"], title)]
    if words["binding_note"]:
        story.append(paragraph(words["binding_note"], note))
    story += [Spacer(1, 6), paragraph(words["intro"].format(**values), base)]
    story += [paragraph(f"{n}. {item.format(**values)}", base) for n, item in enumerate(words["items"], start=1)]
    line = "_" * 22
    boxes = [paragraph(words["tick_note"], base), paragraph("□ " + words["consent_screening"], base),
             paragraph("□ " + words["consent_references"], base)]
    if signed:
        story.append(KeepTogether([Spacer(1, 6), *boxes, paragraph(words["end_of_text"], end), Spacer(1, 16),
                                   paragraph(f"{words['sign']} {line}        {words['date']} {line}", base)]))
    else:
        story += [Spacer(1, 6), *boxes, paragraph(words["end_of_text"], end)]
    footer = words["footer"].format(firm=firm or "ChurnGuard", version=template["version"])
    return story, {"title": words["title"], "footer": footer, "page": words["page"],
                   "translation_heading": words.get("translation_heading", "")}


def build_consent_pdf(firm: str, address: str, name: str, position: str, months: int, language: str,
                      contact: str = "") -> bytes:
    """The Chinese notice the candidate signs; in English, the English courtesy translation follows it."""
    story, words = consent_story(firm, address, name, position, months, "zh", contact)
    if language != "zh":
        english, en_words = consent_story(firm, address, name, position, months, "en", contact, signed=False)
        story += [PageBreak(), Furniture(header_left=en_words["title"], footer_left=en_words["footer"],
                                         page_label=en_words["page"])]
        if en_words["translation_heading"]:
            story.append(paragraph(en_words["translation_heading"], english[1].style if len(english) > 1
                                   else english[0].style))
        story += english
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=20 * mm,
                            bottomMargin=18 * mm, title=words["title"], author="ChurnGuard")
    doc.build(story, canvasmaker=canvas_maker(words["title"], "", words["footer"], words["page"]))
    return buffer.getvalue()
