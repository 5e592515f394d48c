"""The evidence pack for a lawyer: a former employee's dates, agreements, signed acknowledgement and clients."""
from __future__ import annotations

import datetime as dt
import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from churnguard_gui.core.after_exit import MEASURE_LABELS, RISK_LABELS, EvidencePack, follow_until, risk_reasons
from churnguard_gui.core.fields import AGREEMENT_KIND_LABELS, AGREEMENT_STATUS_LABELS, CLIENT_STATUS_LABELS
from churnguard_gui.core.values import format_money
from churnguard_gui.i18n import tr
from churnguard_gui.reports.fonts import register
from churnguard_gui.reports.pages import canvas_maker
from churnguard_gui.reports.tables import paragraph

GRID = colors.HexColor("#9aa5b1")
HEAD = colors.HexColor("#e8edf3")


def _styles() -> dict[str, ParagraphStyle]:
    font = register()
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return {"base": base, "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
            "title": ParagraphStyle("title", parent=base, fontSize=16, leading=20, spaceAfter=4),
            "h2": ParagraphStyle("h2", parent=base, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4),
            "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#444"))}


def _table(rows: list[list], widths: list[float], styles) -> Table:
    cell = styles["cell"]
    body = [[c if isinstance(c, Paragraph) else paragraph(str(c), cell) for c in row] for row in rows]
    table = Table(body, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), register()),
                               ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), HEAD), ("TOPPADDING", (0, 0), (-1, -1), 2),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return table


def _none(styles) -> Paragraph:
    return Paragraph(tr("None on file."), styles["small"])


def build_evidence_pdf(pack: EvidencePack, today: dt.date | None = None) -> bytes:
    """The pack as PDF bytes (pure)."""
    today = today or dt.date.fromisoformat(pack.generated_at[:10])
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=tr("Evidence pack"), author="ChurnGuard",
                            subject=pack.staff_name)
    width = doc.width
    story = [paragraph(tr("Evidence pack: {name}", name=pack.staff_name), styles["title"]),
             Paragraph(tr("Dates, agreements, the signed handover acknowledgement and the ownership history of the "
                          "clients this former employee held, taken from the firm's records."), styles["small"])]
    story += _dates(pack, styles, width)
    story += _agreements(pack, styles, width)
    story += _acknowledgement(pack, styles, width)
    story += _clients(pack, styles, width, today)
    story += _history(pack, styles, width)
    story += _measures(pack, styles, width)
    maker = canvas_maker(f"{pack.firm or tr('(firm name not set)')} · {tr('Evidence pack')}", pack.handover_no,
                         tr("Generated {time} · {name}", time=pack.generated_at, name=pack.staff_name))
    doc.build(story, canvasmaker=maker)
    return buffer.getvalue()


def _dates(pack: EvidencePack, styles, width: float) -> list:
    rows = [[tr("Fact"), tr("Date or detail")],
            [tr("Role and department"), f"{pack.role} · {pack.department}"],
            [tr("Hired"), pack.hire_date], [tr("Resignation / notice"), pack.notice_date],
            [tr("Last working day"), pack.last_day],
            [tr("Handover"), f"{pack.handover_no} {pack.handed_over_at[:10]}".strip()],
            [tr("Clients followed until"), follow_until(pack.last_day) if pack.last_day else ""],
            [tr("Going to"), pack.destination + (f" ({tr('a competitor')})" if pack.to_competitor else "")]]
    return [paragraph(tr("Dates"), styles["h2"]), _table(rows, [0.35 * width, 0.65 * width], styles)]


def _agreements(pack: EvidencePack, styles, width: float) -> list:
    out = [paragraph(tr("Agreements"), styles["h2"])]
    if not pack.agreements:
        return [*out, _none(styles)]
    rows = [[tr("Document"), tr("Kind"), tr("Status"), tr("Signed on"), tr("Non-compete ends")]]
    rows += [[no, tr(AGREEMENT_KIND_LABELS.get(kind, kind)), tr(AGREEMENT_STATUS_LABELS.get(status, status)), signed,
              ends] for no, kind, status, signed, ends in pack.agreements]
    return [*out, _table(rows, [w * width for w in (0.2, 0.3, 0.14, 0.18, 0.18)], styles)]


def _acknowledgement(pack: EvidencePack, styles, width: float) -> list:
    out = [paragraph(tr("Signed handover acknowledgement"), styles["h2"])]
    if not pack.acknowledgements:
        return [*out, Paragraph(tr("No signed acknowledgement is on file. Scan the signed handover report and "
                                   "attach it in Former clients."), styles["small"])]
    rows = [[tr("Signed on"), tr("File"), tr("Fingerprint (SHA-256)")]]
    rows += [[on, name, digest] for on, name, digest in pack.acknowledgements]
    out.append(_table(rows, [0.16 * width, 0.24 * width, 0.6 * width], styles))
    for data in pack.ack_images:
        reader = ImageReader(io.BytesIO(data))
        w, h = reader.getSize()
        scale = min(width / w, 110 * mm / h)
        out += [Spacer(1, 4), Image(io.BytesIO(data), width=w * scale, height=h * scale)]
    return out


def _clients(pack: EvidencePack, styles, width: float, today: dt.date) -> list:
    out = [paragraph(tr("Clients held and what became of them"), styles["h2"])]
    if not pack.clients:
        return [*out, _none(styles)]
    rows = [[tr("Code"), tr("Client"), tr("Status"), tr("Annual value"), tr("Owner now"), tr("Last contact"),
             tr("At risk because")]]
    for c in pack.clients:
        reasons = "; ".join(tr(RISK_LABELS[r]) for r in risk_reasons(c, today))
        status = tr(CLIENT_STATUS_LABELS.get(c.status, c.status)) + (f" {c.lost_on}" if c.lost_on else "")
        rows.append([c.code, c.name, status, format_money(c.value), c.owner, c.last_contact, reasons])
    lost = sum(c.value for c in pack.clients if c.went_with_former)
    total = Paragraph(tr("Annual value that went with the former employee: {amount}", amount=format_money(lost)),
                      styles["base"])
    return [*out, _table(rows, [w * width for w in (0.1, 0.24, 0.12, 0.12, 0.1, 0.12, 0.2)], styles), Spacer(1, 3),
            total]


def _history(pack: EvidencePack, styles, width: float) -> list:
    out = [paragraph(tr("Ownership history"), styles["h2"])]
    if not pack.history:
        return [*out, _none(styles)]
    rows = [[tr("Date"), tr("Client"), tr("From"), tr("To"), tr("Reason")]]
    rows += [[on, client, old, new, tr(reason) if reason else ""] for on, client, old, new, reason in pack.history]
    out.append(_table(rows, [w * width for w in (0.14, 0.34, 0.15, 0.15, 0.22)], styles))
    if pack.contacts:
        rows = [[tr("Date"), tr("Client"), tr("Kind"), tr("Summary")]]
        rows += [[on, client, kind, summary] for on, client, kind, summary in pack.contacts]
        out += [paragraph(tr("Contacts with these clients since the exit"), styles["h2"]),
                _table(rows, [w * width for w in (0.14, 0.34, 0.16, 0.36)], styles)]
    return out


def _measures(pack: EvidencePack, styles, width: float) -> list:
    out = [paragraph(tr("Protection measures and steps recorded"), styles["h2"])]
    if not pack.measures:
        return [*out, _none(styles)]
    rows = [[tr("Date"), tr("Step")]]
    rows += [[on, tr(MEASURE_LABELS[action]) if action in MEASURE_LABELS else action] for on, action in pack.measures]
    return [KeepTogether([*out, _table(rows, [0.2 * width, 0.8 * width], styles)])]
