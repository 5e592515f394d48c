"""A confidentiality / non-compete agreement printed for signing, every page carrying its number and fingerprint."""
from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle

from churnguard_gui.core.agreements import AgreementText, template_words
from churnguard_gui.core.files import atomic_write
from churnguard_gui.reports.fonts import register
from churnguard_gui.reports.pages import Furniture, canvas_maker
from churnguard_gui.reports.tables import paragraph

SEAL_RED = colors.HexColor("#b03a2e")


def _styles(cjk: bool = True) -> dict[str, ParagraphStyle]:
    """CJK wrapping for Chinese; English wraps at spaces (CJK wrapping splits words and drops spaces)."""
    font = register()
    base = ParagraphStyle("base", fontName=font, bulletFontName=font, fontSize=10.5, leading=16,
                          wordWrap="CJK" if cjk else None)
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=18, leading=24, alignment=1, spaceAfter=6),
        "note": ParagraphStyle("note", parent=base, fontSize=9.5, leading=13, alignment=1, spaceAfter=8,
                               textColor=colors.HexColor("#8a4b00")),
        "clause": ParagraphStyle("clause", parent=base, fontSize=11, leading=16, spaceBefore=8, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=13),
        "centre": ParagraphStyle("centre", parent=base, fontSize=9.5, leading=13, alignment=1),
        "end": ParagraphStyle("end", parent=base, spaceBefore=10, alignment=1),
    }


def _table(rows, style: list[tuple] = (), **kwargs) -> Table:
    """A table whose every cell uses the embedded font (Table would otherwise name Helvetica)."""
    table = Table(rows, **kwargs)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), register()), ("FONTSIZE", (0, 0), (-1, -1), 9.5),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3), *style]))
    return table


def build_agreement_pdf(text: AgreementText, language: str, translation: AgreementText | None = None) -> bytes:
    """text is the document signed (the binding Chinese text); translation, when given, follows it from a new page
    as a marked attachment without signature lines, its footer naming the fingerprint of the text it translates."""
    styles = _styles(cjk=language == "zh" or any("\u4e00" <= c <= "\u9fff" for c in text.title))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=20 * mm,
                            bottomMargin=18 * mm, title=text.title, author="ChurnGuard", subject=text.document_no)
    story = _story(text, styles, signed=True)
    if translation is not None:
        english = _styles(cjk=False)
        story += [PageBreak(), Furniture(header_left=translation.title,
                                         footer_left=translation.footer_line(text.fingerprint),
                                         page_label=_page_label(translation, "en"))]
        heading = translation.labels.get("translation_heading")
        if heading:
            story.append(paragraph(heading, english["note"]))
        story += _story(translation, english, signed=False)
    maker = canvas_maker(text.title, text.document_no, text.footer_line(),
                         _page_label(text, language))
    doc.build(story, canvasmaker=maker)
    return buffer.getvalue()


def _page_label(text: AgreementText, language: str) -> str:
    return text.labels.get("page") or template_words(language, text.template_version)["page"]


def _story(text: AgreementText, styles, signed: bool) -> list:
    story = [paragraph(text.title, styles["title"])]
    if text.note:
        story.append(paragraph(text.note, styles["note"]))
    story += [paragraph(text.party_a, styles["base"]), Spacer(1, 4), paragraph(text.party_b, styles["base"]),
              Spacer(1, 6), paragraph(text.preamble, styles["base"])]
    if text.terms and text.end_of_text:  # version 2: the key terms up front, the clauses after
        story += _terms(text, styles)
    clauses = list(text.clauses)
    for number, title, body in clauses[:-1]:
        story += _clause(text, number, title, body, styles)
    tail: list = []
    if clauses:
        tail += _clause(text, *clauses[-1], styles)[1:]  # kept together with the signatures: no conditional break
    if text.terms and not text.end_of_text:  # version 2026.1 printed its terms table after the clauses
        tail += _terms(text, styles)
    if text.end_of_text:
        tail.append(paragraph(text.end_of_text, styles["end"]))
    if signed:
        tail += [Spacer(1, 14), _signatures(text, styles)]
    story.append(KeepTogether(tail))  # the signature block never stands alone on a page
    return story


def _clause(text: AgreementText, number: int, title: str, body: str, styles) -> list:
    label = text.clause_label(number)
    # a heading never ends a page: it moves on unless three lines of its clause fit below it
    return [CondPageBreak(24 + 3 * styles["base"].leading), paragraph(f"{label} {title}", styles["clause"]),
            paragraph(body, styles["base"])]


def _terms(text: AgreementText, styles) -> list:
    rows = [[paragraph(label, styles["cell"]), paragraph(value, styles["cell"])] for label, value in text.terms]
    table = _table(rows, [("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#9aa5b1")),
                          ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#e8edf3")),
                          ("VALIGN", (0, 0), (-1, -1), "MIDDLE")], colWidths=[58 * mm, None])
    heading = text.labels.get("terms_heading")
    head = [paragraph(heading, styles["clause"])] if heading else [Spacer(1, 10)]
    return [KeepTogether([*head, table])]


def write_agreement_pdf(text: AgreementText, language: str, out: str | Path,
                        translation: AgreementText | None = None) -> Path:
    data = build_agreement_pdf(text, language, translation)
    with atomic_write(out, "wb") as handle:
        handle.write(data)
    return Path(out)


def _signatures(text: AgreementText, styles) -> Table:
    labels = text.labels
    cell = styles["cell"]
    seal = _table([[paragraph(labels["seal"], styles["centre"])]], [("BOX", (0, 0), (-1, -1), 0.8, SEAL_RED),
                                                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                                        ("ALIGN", (0, 0), (-1, -1), "CENTER")],
                  colWidths=[42 * mm], rowHeights=[42 * mm])
    line = "_" * 20
    colon = "：" if not labels["date"].isascii() else ": "
    dated = f"{labels['date']}{colon}{line}"
    # one table, so each of Party A's lines sits level with Party B's whatever wraps
    block = _table([[paragraph(labels["sign_a"], cell), paragraph(labels["sign_b"], cell)],
                    [seal, Spacer(1, 42 * mm)],
                    [paragraph(labels["representative"], cell), paragraph("\u00a0", cell)],
                    [paragraph(line, cell), paragraph(line, cell)],
                    [paragraph(dated, cell), paragraph(dated, cell)]],
                   [("VALIGN", (0, 0), (-1, -1), "BOTTOM")], colWidths=[83 * mm, 83 * mm])
    return block  # the caller keeps it with the last clause (a nested KeepTogether mis-measures)
