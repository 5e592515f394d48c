"""The record of protection measures, printable as evidence that the firm took reasonable measures (反不正当竞争法)."""
from __future__ import annotations

import datetime as dt
import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from churnguard_gui.core.fields import AGREEMENT_KIND_LABELS
from churnguard_gui.i18n import ntr, tr
from churnguard_gui.reports.fonts import register
from churnguard_gui.reports.pages import canvas_maker
from churnguard_gui.reports.tables import paragraph

MEASURE_KIND_LABELS = {"agreement": "Signed agreements", "encryption": "Encryption",
                       "reminder": "Reminder at exit", "access": "Access limited", "backup": "Verified backups",
                       "privacy": "Privacy", "manual": "Entered by hand"}


def measure_text(measure) -> str:
    """One measure in the current language (a manual entry stays in the user's own words)."""
    if measure.kind == "manual":
        return measure.what
    values = dict(measure.values)
    if measure.kind == "backup":
        return ntr("{n} verified backup made, the first on {first}", "{n} verified backups made, the first on {first}",
                   int(values["count"]), first=values["first"])
    if measure.kind == "agreement":
        kind = tr(AGREEMENT_KIND_LABELS.get(str(values["kind"]), str(values["kind"])))
        return ntr("{n} {kind} agreement signed", "{n} {kind} agreements signed", int(values["count"]), kind=kind)
    return tr(measure.what, **values)


def build_measures_pdf(found: list, firm: str, today: dt.date | None = None) -> bytes:
    font = register()
    base = ParagraphStyle("base", fontName=font, fontSize=10, leading=14, wordWrap="CJK", spaceAfter=6)
    title = ParagraphStyle("title", parent=base, fontSize=16, leading=22, alignment=1, spaceAfter=8)
    cell = ParagraphStyle("cell", parent=base, fontSize=9, leading=12, spaceAfter=0)
    heading = tr("Record of measures to keep trade secrets")
    today = today or dt.date.today()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=22 * mm,
                            bottomMargin=20 * mm, title=heading, author="ChurnGuard")
    rows = [[paragraph(tr("Date"), cell), paragraph(tr("Measure"), cell), paragraph(tr("What was done"), cell)]]
    for measure in found:
        rows.append([paragraph(measure.on, cell), paragraph(tr(MEASURE_KIND_LABELS[measure.kind]), cell),
                     paragraph(measure_text(measure), cell)])
    table = Table(rows, colWidths=[24 * mm, 34 * mm, 112 * mm], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [paragraph(heading, title),
             paragraph(tr("{firm} — as recorded by ChurnGuard on {date}. Dates come from the signed agreements and "
                          "the append-only audit log; entries made by hand are marked.", firm=firm or "—",
                          date=today.isoformat()), base),
             Spacer(1, 4), table if found else paragraph(tr("No measure is on record yet."), base),
             Spacer(1, 16),
             paragraph(tr("Confirmed by (name, signature, date, company seal):"), base), Spacer(1, 30),
             paragraph("_" * 40, base)]
    doc.build(story, canvasmaker=canvas_maker(heading, firm, tr("Confidential")))
    return buffer.getvalue()
