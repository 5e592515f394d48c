"""The screening record kept in the personnel file: history, answers, references, risk and decision."""
from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from churnguard_gui.core.messages import TEXTS
from churnguard_gui.core.screening import questionnaire
from churnguard_gui.i18n import language, ntr, tr
from churnguard_gui.reports.fonts import register
from churnguard_gui.reports.pages import canvas_maker
from churnguard_gui.reports.tables import paragraph

LEVEL_COLOURS = {"low": "#1e8449", "medium": "#b9770e", "high": "#c0392b"}
LEVEL_LABELS = {"low": "low", "medium": "medium", "high": "high"}
DECISION_LABELS = {"hire": "hire", "reject": "reject", "hold": "hold"}
REHIRE_LABELS = {"yes": "yes", "no": "no", "unknown": "not asked"}
JOB_HEADERS = ("Employer", "Industry", "Role", "Started", "Ended", "Reason for leaving", "Brought clients")
QUESTION_HEADERS = ("Question", "Answer", "Score")
REFERENCE_HEADERS = ("Full name", "Relation", "Phone", "Called on", "Confirmed", "Would rehire", "Notes")


def _styles() -> dict[str, ParagraphStyle]:
    font = register()
    base = ParagraphStyle("base", fontName=font, bulletFontName=font, fontSize=9.5, leading=13, wordWrap="CJK")
    return {"base": base, "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11),
            "head": ParagraphStyle("head", parent=base, fontSize=8.5, leading=11,
                                   wordWrap="CJK" if language() == "zh" else None),
            "title": ParagraphStyle("title", parent=base, fontSize=16, leading=20, spaceAfter=6),
            "h2": ParagraphStyle("h2", parent=base, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4)}


def _table(rows, widths, header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [("FONTNAME", (0, 0), (-1, -1), register()), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
             ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")))
    table.setStyle(TableStyle(style))
    return table


def _consent_line(sc) -> str:
    """Consent and retention, as the personal data law asks them to be on record."""
    consent = tr("Consent to the screening signed on {date}", date=sc.consent_on) if sc.consent_on else tr(
        "No signed consent on record")
    refs = tr("reference checks agreed") if sc.consent_references else tr("reference checks not agreed")
    keep = ntr("if not hired, kept {n} month after {date}, then anonymised",
               "if not hired, kept {n} months after {date}, then anonymised", sc.retention_months,
               date=sc.screened_on)
    if language() == "zh":  # full-width punctuation in Chinese text
        return f"{consent}；{refs}；{keep}。"
    return f"{consent}; {refs}; {keep}."


def build_screening_pdf(stored, firm: str) -> bytes:
    """stored: a store.screenings.StoredScreening."""
    s = _styles()
    sc = stored.screening
    cell = s["cell"]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=tr("Screening record"), author="ChurnGuard")
    level = tr(LEVEL_LABELS[stored.level])
    points = f"（{stored.points}）" if language() == "zh" else f" ({stored.points})"
    story = [paragraph(tr("Screening record"), s["title"])]
    if language() != "zh":  # the record is the firm's own; what the candidate signed is the Chinese notice
        story.append(paragraph(tr("Internal record of the firm, in English for the reviewer. The candidate's "
                                  "signed consent is the Chinese notice, which is the binding text."), s["base"]))
    story += [
             _table([[tr("Candidate"), stored.name, tr("Position"), sc.position or "—"],
                     [tr("Screened on"), sc.screened_on, tr("Reviewer"), sc.reviewer or "—"],
                     [tr("Risk"), Paragraph(f"<font color='{LEVEL_COLOURS[stored.level]}'>{escape(level)}</font>"
                                            f"{escape(points)}", cell),
                      tr("Decision"), tr(DECISION_LABELS[sc.decision])]], [28 * mm, 58 * mm, 28 * mm, None], False),
             paragraph(tr("Why"), s["h2"])]
    reasons = [f"• {tr(TEXTS[r.code], **r.detail())}" for r in stored.reasons if r.code != "gap"] or [
        tr("No warning signs found.")]  # a gap is never a reason (records stored before this still hold one)
    story += [paragraph("\n".join(reasons), s["base"])]
    if sc.decision_reason:
        story += [Spacer(1, 4), paragraph(tr("Decision reason: {reason}", reason=sc.decision_reason), s["base"])]
    story += [Spacer(1, 4), paragraph(_consent_line(sc), s["base"])]
    story.append(paragraph(tr("Employment history"), s["h2"]))
    rows = [[paragraph(tr(h), s["head"]) for h in JOB_HEADERS]]
    rows += [[paragraph(j.employer, cell), paragraph(j.industry, cell), paragraph(j.role, cell), j.start,
              j.end or tr("now"), paragraph(j.reason, cell), tr("yes") if j.brought_clients else ""] for j in sc.jobs]
    story.append(_table(rows, [44 * mm, 18 * mm, 22 * mm, 15 * mm, 15 * mm, None, 17 * mm]))
    story.append(paragraph(tr("Values and integrity questions"), s["h2"]))
    lang = "zh" if language() == "zh" else "en"
    rows = [[paragraph(tr(h), s["head"]) for h in QUESTION_HEADERS]]
    for question in questionnaire()["questions"]:
        if question["id"] in sc.answers:
            answer = question["answers"][sc.answers[question["id"]]]
            rows.append([paragraph(question[lang], cell), paragraph(answer[lang], cell), str(answer["score"])])
    story.append(_table(rows, [80 * mm, None, 12 * mm]))
    story.append(paragraph(tr("References"), s["h2"]))
    rows = [[paragraph(tr(h), s["head"]) for h in REFERENCE_HEADERS]]
    rows += [[paragraph(r.name, cell), paragraph(r.relation, cell), r.phone, r.called_on or tr("not reached"),
              tr("yes") if r.confirmed else tr("no"), tr(REHIRE_LABELS.get(r.rehire, r.rehire)),
              paragraph(r.notes, cell)] for r in sc.references]
    story.append(_table(rows, [24 * mm, 20 * mm, 25 * mm, 20 * mm, 21 * mm, 20 * mm, None]))  # "Confirmed" unbroken
    story.append(paragraph(tr("Obligations to former employers"), s["h2"]))
    prior = sc.prior
    text = tr("None declared.") if not (prior.under_noncompete or prior.under_confidentiality) else tr(
        "Non-compete: {nc}; confidentiality: {conf}; until {until}; covering: {covering}",
        nc=tr("yes") if prior.under_noncompete else tr("no"), conf=tr("yes") if prior.under_confidentiality
        else tr("no"), until=prior.until or "—", covering=prior.covering or "—")
    story += [paragraph(text, s["base"]), Spacer(1, 24),
              paragraph(tr("Reviewer's signature: ____________________    Date: ____________"), s["base"])]
    maker = canvas_maker(f"{firm or tr('(firm name not set)')} · {tr('Screening record')}",
                         tr("Personal data: keep in the personnel file"), f"{stored.name} · {sc.screened_on}")
    doc.build(story, canvasmaker=maker)
    return buffer.getvalue()
