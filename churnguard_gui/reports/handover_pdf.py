"""The exit-handover report: who leaves, which clients go to whom, the checklist, and signatures."""
from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from churnguard_gui.core.fields import AGREEMENT_KIND_LABELS, AGREEMENT_STATUS_LABELS
from churnguard_gui.core.files import atomic_write
from churnguard_gui.core.handover import REASON_LABELS, HandoverReport
from churnguard_gui.core.values import format_money
from churnguard_gui.i18n import language, ntr, tr
from churnguard_gui.reports.fonts import register
from churnguard_gui.reports.handover_ack import acknowledgement
from churnguard_gui.reports.pages import canvas_maker
from churnguard_gui.reports.tables import fit_cell, long_table, paragraph

PAGE = landscape(A4)
MARGIN = 14 * mm
HEAD = colors.HexColor("#e8edf3")
GRID = colors.HexColor("#9aa5b1")


def _styles() -> dict[str, ParagraphStyle]:
    font = register()
    base = ParagraphStyle("base", fontName=font, bulletFontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return {
        "base": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "head": ParagraphStyle("head", parent=base, fontSize=8, leading=10,
                               wordWrap="CJK" if language() == "zh" else None),  # never split an English word
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=20, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#444444")),
        "centre": ParagraphStyle("centre", parent=base, alignment=1),
    }


def _grid(header_rows: int = 1) -> list[tuple]:
    return [("FONTNAME", (0, 0), (-1, -1), register()), ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]


def build_pdf(report: HandoverReport) -> bytes:
    """The report as PDF bytes (pure: the same report gives the same pages)."""
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=tr("Exit handover report"), author="ChurnGuard",
                            subject=f"{report.staff_name} {report.document_no}")
    story = _heading(report, styles) + _summary(report, styles) + _clients(report, styles, doc.width)
    story += _checklist(report, styles, doc.width) + _signatures(report, styles)
    story += acknowledgement(report, styles)
    producer = report.produced_by or report.firm or tr("(firm name not set)")
    maker = canvas_maker(f"{report.firm or tr('(firm name not set)')} · {tr('Exit handover report')}",
                         f"{tr('Document')} {report.document_no}",
                         tr("Produced by {firm} with ChurnGuard on {time} · {name}", firm=producer,
                            time=report.generated_at, name=report.staff_name))
    doc.build(story, canvasmaker=maker)
    return buffer.getvalue()


def write_handover_pdf(report: HandoverReport, out: str | Path) -> Path:
    """Write the report to out atomically: the target is the old file or the complete new one."""
    data = build_pdf(report)
    with atomic_write(out, "wb") as handle:
        handle.write(data)
    return Path(out)


def _heading(report: HandoverReport, styles) -> list:
    reason = tr(REASON_LABELS.get(report.reason, report.reason)) if report.reason else ""
    if report.reason_text:
        reason = f"{reason}: {report.reason_text}" if reason else report.reason_text
    rows = [
        [tr("Person leaving"), report.staff_name, tr("Role"), report.role or "—", tr("Department"),
         report.department or "—"],
        [tr("Resignation date"), report.resignation_date or "—", tr("Last working day"), report.last_day or "—",
         tr("Manager"), report.manager_name or "—"],
        [tr("Reason"), paragraph(reason or "—", styles["cell"]), tr("Going to"),
         paragraph(report.destination or tr("not known"), styles["cell"]), tr("Status"),
         tr(STATUS_TEXT.get(report.status, report.status))],
    ]
    table = Table(rows, colWidths=[30 * mm, 60 * mm, 30 * mm, 60 * mm, 25 * mm, None])
    table.setStyle(TableStyle([*_grid(0), ("BACKGROUND", (0, 0), (0, -1), HEAD), ("BACKGROUND", (2, 0), (2, -1), HEAD),
                               ("BACKGROUND", (4, 0), (4, -1), HEAD)]))
    return [paragraph(tr("Exit handover report"), styles["title"]), table]


STATUS_TEXT = {"draft": "draft, not yet handed over", "handed_over": "handed over, on notice",
               "complete": "complete, has left", "none": "no handover started: current clients"}


def _summary(report: HandoverReport, styles) -> list:
    owned = report.owned
    backups = len(report.lines) - len(owned)
    agreements = [_agreement_summary(a) for a in report.agreements] or [
        tr("No confidentiality or non-compete agreement on record.")]
    active = len(report.owned_active)
    others = len(owned) - active
    # The Risk tab's definitions: active clients, the share of the firm's active client value.
    rows = [
        [tr("Active clients owned"), paragraph(str(active) + ("\n" + ntr("(+{n} prospect, dormant or lost)",
                                                                       "(+{n} prospects, dormant or lost)", others)
                                                             if others else ""), styles["cell"]),
         tr("Clients backed up"), str(backups)],
        [tr("Annual value of active clients owned (¥)"), format_money(report.total_value),
         tr("Share of the firm's active client value"), f"{report.share:.1%}"],
        [tr("Single-threaded active clients (nobody else employed on the team)"), str(report.single_threaded),
         tr("Agreements"), paragraph("\n".join(agreements), styles["cell"])],
    ]
    rows = [[paragraph(cell, styles["cell"]) if i in (0, 2) and isinstance(cell, str) else cell
             for i, cell in enumerate(row)] for row in rows]
    table = Table(rows, colWidths=[60 * mm, 40 * mm, 55 * mm, None])
    table.setStyle(TableStyle([*_grid(0), ("BACKGROUND", (0, 0), (0, -1), HEAD), ("BACKGROUND", (2, 0), (2, -1), HEAD),
                               ("ALIGN", (1, 0), (1, -1), "RIGHT")]))
    return [CondPageBreak(30 * mm), paragraph(tr("Summary"), styles["h2"]), table]


def _agreement_summary(a) -> str:
    kind = tr(AGREEMENT_KIND_LABELS.get(a.kind, a.kind))
    if a.kind == "noncompete" and a.release_kind == "waiver":  # not a release: nothing is owed (解释(一) 第37条)
        return tr("{kind}: not required to be performed, by written notice at departure; no compensation owed",
                  kind=kind) + (tr(", signed {date}", date=a.signed_on) if a.signed_on else "")
    return (tr("{kind}: {status}", kind=kind, status=tr(AGREEMENT_STATUS_LABELS.get(a.status, a.status)))
            + (tr(", signed {date}", date=a.signed_on) if a.signed_on else "")
            + (tr(", ends {date}", date=a.ends_on) if a.ends_on else "")
            + (tr(", ¥{amount} a month", amount=format_money(a.monthly_compensation))
               if a.monthly_compensation else ""))


_CLIENT_COLUMNS = ((22, "Code"), (58, "Client"), (42, "Contact and phone"), (10, "Tier"),
                   (24, "Annual value (¥)"), (21, "Last contact"), (21, "Manager visit"), (30, "Successor"),
                   (21, "Notify on"), (0, "Visit planned, by"))


def _visit(line, names: dict[int, str]) -> str:
    """The planned visit and, below it, who makes it ("2026-12-01" then "钱总")."""
    who = names.get(line.visited_by, "") if line.visited_by else ""
    return f"{line.visit_on}\n{who}" if line.visit_on and who else line.visit_on or ""


def _clients(report: HandoverReport, styles, width: float) -> list:
    fixed = sum(w for w, _ in _CLIENT_COLUMNS) * mm
    widths = [w * mm if w else width - fixed for w, _ in _CLIENT_COLUMNS]
    cell = styles["cell"]
    # The header repeats on every page: labels that fit are plain strings, drawn as a Paragraph would draw them
    # (same font, size and first baseline; LEADING below gives the row a Paragraph line's height).
    rows: list[list] = [[fit_cell(tr(label), w, styles["head"]) for w, (_, label) in zip(widths, _CLIENT_COLUMNS,
                                                                                        strict=True)]]
    for line in report.lines:
        successor = report.successor_names.get(line.successor_id, "") if line.successor_id else ""
        if line.role == "backup":
            successor = tr("(backup only)")
        contact = f"{line.contact} {line.contact_phone}".strip()
        values = [line.code, line.name, contact, line.tier, format_money(line.annual_value), line.last_contact,
                  line.last_manager_visit, successor, line.notify_on or "", _visit(line, report.successor_names)]
        rows.append([fit_cell(v, w, cell) for v, w in zip(values, widths, strict=True)])
    if len(rows) == 1:
        rows.append([tr("No clients."), "", "", "", "", "", "", "", "", ""])
    table = long_table(rows, [*_grid(), ("LEADING", (0, 0), (-1, 0), styles["head"].leading),
                              ("ALIGN", (4, 1), (4, -1), "RIGHT"),
                              ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f8fa")])],
                       colWidths=widths, repeatRows=1)
    return [CondPageBreak(30 * mm), paragraph(tr("Clients and successors"), styles["h2"]), table]


def _checklist(report: HandoverReport, styles, width: float) -> list:
    if not report.checklist:
        return []
    cell = styles["cell"]
    rows: list[list] = [["", tr("Task"), tr("Responsible"), tr("Due"), tr("Done (initials, date)")]]
    for item in report.checklist:
        rows.append(["✔" if item.done else "□", paragraph(item.text, cell), paragraph(item.responsible, cell),
                     item.due or "", ""])
    table = Table(rows, colWidths=[8 * mm, width - 148 * mm, 40 * mm, 30 * mm, 70 * mm], repeatRows=1)
    table.setStyle(TableStyle([*_grid(), ("FONTSIZE", (0, 1), (0, -1), 12), ("ALIGN", (0, 0), (0, -1), "CENTER")]))
    return [CondPageBreak(30 * mm), paragraph(tr("Handover checklist"), styles["h2"]), table]


def _signatures(report: HandoverReport, styles) -> list:
    people = [(tr("Person leaving"), report.staff_name)]
    people += [(tr("Successor"), name) for name in sorted(set(report.successor_names.values()))]
    people.append((tr("Manager"), report.manager_name))
    rows = [[tr("Role"), tr("Full name"), tr("Signature"), tr("Date")]]
    rows += [[role, name, "", ""] for role, name in people]
    table = Table(rows, colWidths=[40 * mm, 50 * mm, 90 * mm, 50 * mm], rowHeights=[None] + [12 * mm] * len(people))
    table.setStyle(TableStyle([*_grid(), ("VALIGN", (0, 1), (-1, -1), "BOTTOM")]))
    return [KeepTogether([paragraph(tr("Signatures"), styles["h2"]),
                          Paragraph(tr("By signing, each person confirms the handover above."), styles["small"]),
                          Spacer(1, 4), table])]
