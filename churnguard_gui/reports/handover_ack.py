"""The leaver's signed acknowledgement on the handover report: what was returned, deleted and revoked, and the
obligations that continue, taken from the person's actual agreements; signature and the firm's seal line."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

from churnguard_gui.core.handover import AgreementLine, HandoverReport
from churnguard_gui.core.values import format_money
from churnguard_gui.i18n import tr
from churnguard_gui.reports.fonts import register
from churnguard_gui.reports.tables import paragraph

SEAL_RED = colors.HexColor("#b03a2e")


def confirmations(report: HandoverReport) -> list[str]:
    last = report.last_day or "____"
    return [
        tr("I have returned every material, sample, document and device of the firm (laptop, phone, keys, badge, "
           "client files on paper and electronic)."),
        tr("I have deleted every copy of the firm's client data and trade secrets that I held, including on my "
           "personal phone, in WeChat and other messaging apps, in personal e-mail and cloud drives, and I keep no "
           "copy."),
        tr("My accounts (company e-mail, WeChat Work, CRM and other systems) have been handed over and closed."),
        tr("From {date} I have no authority to act for the firm towards clients: I may not quote, sign, take "
           "orders or collect payment on its behalf, and the firm is telling its clients so.", date=last),
    ]


def reminders(report: HandoverReport) -> list[str]:
    """The obligations that continue, one line per agreement on record."""
    lines = [_reminder(a) for a in report.agreements if a.status not in ("draft", "printed")]
    unsigned = [a.document_no or "?" for a in report.agreements if a.status == "printed"]
    if unsigned:
        lines.append(tr("Printed but not signed, so not binding: {documents}.", documents="、".join(unsigned)))
    if not lines:
        lines.append(tr("No signed confidentiality or non-compete agreement is on record. The law still protects "
                        "the firm's trade secrets after I leave (Anti-Unfair Competition Law)."))
    return lines


def _reminder(a: AgreementLine) -> str:
    number = a.document_no or "—"
    if a.kind == "confidentiality":
        return tr("Confidentiality ({document}, signed {date}): I keep the firm's trade secrets after I leave, "
                  "until the information becomes public.", document=number, date=a.signed_on or "—")
    if a.decision == "waive" or a.status == "released":
        return tr("Non-compete ({document}): the firm does not require me to perform it (written notice at "
                  "departure); no compensation is paid. Confidentiality continues.", document=number)
    if a.decision == "enforce" or a.starts_on:
        return tr("Non-compete ({document}): the firm requires me to perform it from {start} to {end} "
                  "({months} months) and pays me ¥{amount} a month before tax into the bank account I designate. "
                  "I tell the firm in writing within ten days each time I join a new employer.",
                  document=number, start=a.starts_on or "—", end=a.ends_on or "—", months=a.months,
                  amount=format_money(a.monthly_compensation or 0))
    return tr("Non-compete ({document}): the firm tells me in writing, on or before my last working day, "
              "whether I must perform it.", document=number)


def acknowledgement(report: HandoverReport, styles) -> list:
    """The page the leaver signs (kept together with its signature lines)."""
    font = register()
    base, small = styles["base"], styles["small"]
    box = [[Paragraph("□", base), paragraph(text, base)] for text in confirmations(report)]
    ticks = Table(box, colWidths=[8 * mm, None])
    ticks.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    reminder = [paragraph(f"{n}. {line}", base) for n, line in enumerate(reminders(report), start=1)]
    centre = styles["centre"]
    seal = Table([[paragraph(tr("Firm's seal"), centre)]], colWidths=[36 * mm], rowHeights=[36 * mm])
    seal.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("BOX", (0, 0), (-1, -1), 0.8, SEAL_RED),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    line = "_" * 24
    leaver = [[paragraph(tr("Person leaving (signature)"), base)], [Spacer(1, 36 * mm)],
              [paragraph(report.staff_name, base)], [paragraph(line, base)],
              [paragraph(tr("Date: {line}", line=line), base)]]
    firm = [[paragraph(tr("For the firm (seal)"), base)], [seal],
            [paragraph(tr("Legal representative or authorised signatory (signature)"), base)],
            [paragraph(line, base)], [paragraph(tr("Date: {line}", line=line), base)]]
    left, right = Table(leaver), Table(firm)
    for t in (left, right):
        t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    signatures = Table([[left, right]], colWidths=[110 * mm, 110 * mm], hAlign="LEFT")
    signatures.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [CondPageBreak(120 * mm),
            paragraph(tr("Leaver's acknowledgement"), styles["h2"]),
            paragraph(tr("I, {name}, confirm on leaving the firm {firm}:", name=report.staff_name,
                         firm=report.firm or "—"), base),
            Spacer(1, 3), ticks, Spacer(1, 6),
            paragraph(tr("Obligations that continue after I leave"), styles["h2"]), *reminder,
            KeepTogether([Spacer(1, 8), paragraph(tr("I have read this page and received a copy."), small),
                          Spacer(1, 6), signatures])]
