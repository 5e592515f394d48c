"""The monthly risk report: the Risk tab's figures, chart and lists on dated, numbered A4 pages."""
from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Image, SimpleDocTemplate, Table, TableStyle

from churnguard_gui.core.files import atomic_write
from churnguard_gui.core.risk import WARNING_LABELS, RiskFigures, visit_schedule_text
from churnguard_gui.core.values import format_money
from churnguard_gui.i18n import ntr, tr
from churnguard_gui.reports.fonts import register
from churnguard_gui.reports.pages import canvas_maker
from churnguard_gui.reports.risk_chart import concentration_figure, figure_png
from churnguard_gui.reports.tables import fit_cell, paragraph

MARGIN = 16 * mm
HEAD = colors.HexColor("#e8edf3")
GRID = colors.HexColor("#9aa5b1")
ALERT = colors.HexColor("#fbe3e0")
HANDOVER_LABELS = {"none": "not started", "draft": "draft", "handed_over": "clients handed over",
                   "complete": "complete"}
KEY_REASONS = {"secret_access": "access to trade secrets", "share": "holds a large share of client value"}


def _styles() -> dict[str, ParagraphStyle]:
    font = register()
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    return {
        "base": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=20, spaceAfter=2),
        "h2": ParagraphStyle("h2", parent=base, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4,
                             keepWithNext=1),  # a heading never ends a page
        "intro": ParagraphStyle("intro", parent=base, keepWithNext=1),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#444444")),
    }


def _grid() -> list[tuple]:
    return [("FONTNAME", (0, 0), (-1, -1), register()), ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]


def _table(header: list[str], rows: list[list[str]], widths: list[float], styles, right: tuple[int, ...] = (),
           alert_rows: tuple[int, ...] = ()) -> Table:
    """A table of user text: every cell fitted or wrapped (escaped), numbers right-aligned."""
    cell = styles["cell"]
    body = [[fit_cell(str(v), w, cell) for v, w in zip(row, widths, strict=True)] for row in rows]
    if not body:
        body = [[tr("None.")] + [""] * (len(header) - 1)]
    table = Table([header, *body], colWidths=widths, repeatRows=1)
    style = _grid() + [("ALIGN", (c, 1), (c, -1), "RIGHT") for c in right]
    style += [("BACKGROUND", (0, r + 1), (-1, r + 1), ALERT) for r in alert_rows]
    table.setStyle(TableStyle(style))
    return table


def build_risk_pdf(figures: RiskFigures) -> bytes:
    """The report as PDF bytes, in the app's current language (pure: the same figures give the same pages)."""
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=tr("Risk report"), author="ChurnGuard",
                            subject=tr("Risk report") + " " + figures.as_of)
    width = doc.width
    story = [paragraph(tr("Risk report"), styles["title"]),
             paragraph(tr("{firm} · figures as of {date}", firm=figures.firm or tr("(firm name not set)"),
                          date=figures.as_of), styles["small"])]
    story += _summary(figures, styles, width) + _concentration(figures, styles, width)
    story += _single_threaded(figures, styles, width) + _agreements(figures, styles, width)
    story += _notice(figures, styles, width) + _payments(figures, styles, width) + _signs(figures, styles, width)
    maker = canvas_maker(f"{figures.firm or tr('(firm name not set)')} · {tr('Risk report')}",
                         tr("As of {date}", date=figures.as_of),
                         tr("Generated {time}", time=figures.generated_at))
    doc.build(story, canvasmaker=maker)
    return buffer.getvalue()


def write_risk_pdf(figures: RiskFigures, out: str | Path) -> Path:
    """Write the report atomically: the target is the old file or the complete new one."""
    data = build_risk_pdf(figures)
    with atomic_write(out, "wb") as handle:
        handle.write(data)
    return Path(out)


def summary_rows(figures: RiskFigures) -> list[tuple[str, str]]:
    """The headline figures as (label, value): the tiles of the Risk tab, in words."""
    t = figures.thresholds
    return [
        (tr("Active clients"), _clients(figures.clients, figures.value)),
        (tr("Salespeople above {percent}% of client value", percent=t.concentration_percent),
         str(len(figures.flagged))),
        (tr("Single-threaded clients (no backup or manager who still works here)"),
         _clients(figures.single_threaded_count, figures.single_threaded_value)),
        (tr("Staff holding clients without a signed confidentiality agreement"),
         str(len(figures.without_confidentiality))),
        (tr("Key people without a non-compete"), str(len(figures.key_without_noncompete))),
        (tr("People on notice"), str(len(figures.on_notice))),
        (tr("Non-compete compensation overdue"), _payments_text(figures.overdue)),
        (tr("Non-compete compensation due in the next 3 months"),
         _payments_text(tuple(p for p in figures.payments if not p.overdue))),
        (tr("Warning signs recorded in the last {days} days", days=t.sign_days),
         ntr("{n} sign", "{n} signs", len(figures.signs)) + ", "
         + ntr("{n} person", "{n} people", len(figures.signs_by_staff))),
        (tr("Key clients overdue for a manager visit (days between visits by tier: {schedule})",
            schedule=visit_schedule_text(figures.visit_intervals) or tr("none scheduled")),
         _clients(figures.unvisited_count, figures.unvisited_value)),
        *_tactic_rows(figures.tactics),
    ]


def _tactic_rows(tactics: dict[str, dict[str, int]]) -> list[tuple[str, str]]:
    """The tactics' figures (none when the figures were made without them)."""
    # the overdue manager visits are the summary's key clients overdue for a visit (one figure, shown once)
    labels = (("no_firm_contact_12_months", tr("Key clients without firm-level contact for 12 months")),
              ("renewals_due", tr("Contracts ending within 60 days")),
              ("former_clients_at_risk", tr("Former employees' clients at risk (12 months after leaving)")))
    rows = [(label, _clients(tactics[key]["count"], tactics[key]["value"])) for key, label in labels if key in tactics]
    if "single_contact" in tactics:
        one = tactics["single_contact"]
        rows.append((tr("Clients with one contact person on their side"),
                     _clients(one["one_contact_count"], one["one_contact_value"])))
    if "former_clients_at_risk" in tactics:
        went = tactics["former_clients_at_risk"]
        rows.append((tr("Clients that went with a former employee"),
                     _clients(went["went_with_former"], went["went_with_former_value"])))
    return rows


def _clients(count: int, value: int) -> str:
    """'34,392 clients, ¥171,675,754,724': the count with thousands separators, as on the Risk tab."""
    return ntr("{count} client, ¥{value}", "{count} clients, ¥{value}", count, count=f"{count:,}",
               value=format_money(value))


def _payments_text(payments) -> str:
    return ntr("{n} payment, ¥{value}", "{n} payments, ¥{value}", len(payments),
               value=format_money(sum(p.amount for p in payments)))


def _summary(figures: RiskFigures, styles, width: float) -> list:
    rows = summary_rows(figures)
    table = Table([[paragraph(label, styles["cell"]), value] for label, value in rows],
                  colWidths=[width * 0.62, width * 0.38])
    table.setStyle(TableStyle([*_grid(), ("BACKGROUND", (0, 0), (-1, 0), colors.white),
                               ("BACKGROUND", (0, 0), (0, -1), HEAD), ("ALIGN", (1, 0), (1, -1), "RIGHT")]))
    return [paragraph(tr("Summary"), styles["h2"]), table]


def _concentration(figures: RiskFigures, styles, width: float) -> list:
    chart = concentration_figure(figures, width=7.0)
    png = figure_png(chart)
    inches = chart.get_size_inches()
    image = Image(io.BytesIO(png), width=width, height=width * inches[1] / inches[0])
    rows = [[h.staff, str(h.clients), format_money(h.value), f"{h.share:.1%}",
             tr("above threshold") if h.flagged else ""] for h in figures.concentration]
    alerts = tuple(i for i, h in enumerate(figures.concentration) if h.flagged)
    table = _table([tr("Salesperson"), tr("Active clients"), tr("Annual value (¥)"), tr("Share"), ""], rows,
                   [width * 0.34, width * 0.15, width * 0.2, width * 0.13, width * 0.18], styles, (1, 2, 3), alerts)
    return [paragraph(tr("Concentration: each salesperson's share of the client value"), styles["h2"]), image, table]


def _single_threaded(figures: RiskFigures, styles, width: float) -> list:
    rows = [[c.code, c.name, c.owner, format_money(c.value)] for c in figures.single_threaded_top]
    intro = tr("{count} active clients (¥{value}) are known to their owner only. The largest {top}:",
               count=f"{figures.single_threaded_count:,}", value=format_money(figures.single_threaded_value),
               top=len(rows))
    return [paragraph(tr("Single-threaded clients"), styles["h2"]), paragraph(intro, styles["intro"]),
            _table([tr("Code"), tr("Client"), tr("Owner"), tr("Annual value (¥)")], rows,
                   [width * 0.15, width * 0.45, width * 0.2, width * 0.2], styles, (3,))]


def _agreements(figures: RiskFigures, styles, width: float) -> list:
    unsigned = [[p.name, p.detail, format_money(p.value)] for p in figures.without_confidentiality]
    key = [[p.name, "; ".join(tr(KEY_REASONS[r]) for r in p.detail.split(",") if r in KEY_REASONS),
            format_money(p.value)] for p in figures.key_without_noncompete]
    return [paragraph(tr("Staff holding clients without a signed confidentiality agreement"), styles["h2"]),
            _table([tr("Staff"), tr("Active clients"), tr("Annual value (¥)")], unsigned,
                   [width * 0.5, width * 0.2, width * 0.3], styles, (1, 2)),
            paragraph(tr("Key people without a non-compete"), styles["h2"]),
            _table([tr("Staff"), tr("Why key"), tr("Annual value (¥)")], key,
                   [width * 0.3, width * 0.45, width * 0.25], styles, (2,))]


def _notice(figures: RiskFigures, styles, width: float) -> list:
    rows = [[p.name, p.last_day or "—", tr(HANDOVER_LABELS.get(p.handover, p.handover)),
             f"{p.tasks_done}/{p.tasks_total}", str(p.clients_left), format_money(p.value_left)]
            for p in figures.on_notice]
    return [paragraph(tr("People on notice and their handover"), styles["h2"]),
            _table([tr("Staff"), tr("Last day"), tr("Handover"), tr("Tasks done"), tr("Clients still owned"),
                    tr("Value still owned (¥)")], rows,
                   [width * 0.2, width * 0.15, width * 0.2, width * 0.12, width * 0.15, width * 0.18], styles,
                   (3, 4, 5))]


def _payments(figures: RiskFigures, styles, width: float) -> list:
    rows = [[p.staff, p.document_no, str(p.number), p.due_on, format_money(p.amount),
             tr("overdue") if p.overdue else tr("due")] for p in figures.payments]
    alerts = tuple(i for i, p in enumerate(figures.payments) if p.overdue)
    return [paragraph(tr("Non-compete compensation overdue and due in the next 3 months"), styles["h2"]),
            _table([tr("Former employee"), tr("Document"), tr("Month"), tr("Due on"), tr("Amount (¥)"),
                    tr("Status")], rows,
                   [width * 0.2, width * 0.2, width * 0.1, width * 0.15, width * 0.15, width * 0.2], styles,
                   (2, 4), alerts)]


def _signs(figures: RiskFigures, styles, width: float) -> list:
    rows = [[s.noted_on, s.staff, tr(WARNING_LABELS.get(s.kind, s.kind)), s.note] for s in figures.signs]
    return [paragraph(tr("Warning signs recorded in the last {days} days", days=figures.thresholds.sign_days),
                      styles["h2"]),
            _table([tr("Date"), tr("Staff"), tr("Sign"), tr("Note")], rows,
                   [width * 0.14, width * 0.18, width * 0.3, width * 0.38], styles)]
