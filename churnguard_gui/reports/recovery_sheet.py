"""The password recovery sheet: where the encrypted file is, that a lost password is lost, a box to write it by hand."""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from churnguard_gui.i18n import tr
from churnguard_gui.reports.fonts import register
from churnguard_gui.reports.pages import canvas_maker
from churnguard_gui.reports.tables import paragraph

WARNING_RED = colors.HexColor("#b03a2e")


@dataclass(frozen=True)
class RecoveryFacts:
    """What the sheet prints: never the password itself."""

    firm: str
    database: str
    backups: str
    encrypted_on: dt.date


def build_recovery_sheet(facts: RecoveryFacts) -> bytes:
    font = register()
    base = ParagraphStyle("base", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK", spaceAfter=6)
    title = ParagraphStyle("title", parent=base, fontSize=17, leading=24, alignment=1, spaceAfter=10)
    warn = ParagraphStyle("warn", parent=base, fontSize=11.5, leading=18, textColor=WARNING_RED)
    cell = ParagraphStyle("cell", parent=base, spaceAfter=0)
    heading = tr("ChurnGuard password recovery sheet")
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=22 * mm,
                            bottomMargin=20 * mm, title=heading, author="ChurnGuard")
    facts_rows = [
        [paragraph(tr("Firm"), cell), paragraph(facts.firm or "—", cell)],
        [paragraph(tr("Encrypted database file"), cell), paragraph(facts.database, cell)],
        [paragraph(tr("Backup folder (backups are encrypted with the same password)"), cell),
         paragraph(facts.backups, cell)],
        [paragraph(tr("Password set on"), cell), paragraph(facts.encrypted_on.isoformat(), cell)],
    ]
    table = Table(facts_rows, colWidths=[58 * mm, 108 * mm])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eef1f5"))]))
    box = Table([[paragraph(tr("Password (write it here by hand; the app never prints it):"), cell)],
                 [""], [""], [paragraph(tr("Written by (name, signature, date):"), cell)], [""]],
                colWidths=[166 * mm], rowHeights=[9 * mm, 16 * mm, 16 * mm, 9 * mm, 16 * mm])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                             ("LINEBELOW", (0, 1), (0, 2), 0.5, colors.grey),
                             ("LINEBELOW", (0, 4), (0, 4), 0.5, colors.grey)]))
    story = [paragraph(heading, title), table, Spacer(1, 10),
             paragraph(tr("A lost password cannot be recovered: not by ChurnGuard, not by its makers, not by anyone. "
                          "Without it the database and every backup stay unreadable for good."), warn),
             paragraph(tr("Keep this sheet locked away (a safe, or a sealed envelope with the firm's legal "
                          "representative), never with the laptop. Anyone holding this sheet and the file can read "
                          "every client's prices and habits."), base),
             paragraph(tr("To change or remove the password: Firm settings → Password…, or the command "
                          "churnguard set-password. Print a new sheet after each change and destroy this one."),
                       base),
             paragraph(tr("The plain file was overwritten before it was removed. On an SSD old blocks may still "
                          "hold plain copies: turn on the system's disk encryption (BitLocker, FileVault) as well."),
                       base),
             Spacer(1, 12), box]
    doc.build(story, canvasmaker=canvas_maker(heading, facts.firm, tr("Confidential — keep locked away")))
    return buffer.getvalue()
