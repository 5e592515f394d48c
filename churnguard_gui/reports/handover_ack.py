"""The leaver's signed acknowledgement on the handover report: what was returned, deleted and revoked, and the
obligations that continue, taken from the person's actual agreements; signature and the firm's seal line.

The signed acknowledgement is always the Chinese text (the binding one); when the report is in English the English
translation follows it, marked as such and without signature lines."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from churnguard_gui.core.chinese import cn_date
from churnguard_gui.core.handover import AgreementLine, HandoverReport
from churnguard_gui.core.values import format_money
from churnguard_gui.i18n import language, tr, translations
from churnguard_gui.reports.fonts import register
from churnguard_gui.reports.tables import paragraph

SEAL_RED = colors.HexColor("#b03a2e")
Tr = Callable[..., str]


def chinese_tr(text: str, **values: object) -> str:
    """tr() into Chinese whatever the app's language (the signed acknowledgement is Chinese); the catalogue is the
    one the app already read when its language is Chinese."""
    translated = translations("zh")[0].gettext(text)
    return translated.format(**values) if values else translated


def _day(iso: str | None, _t: Tr) -> str:
    if not iso:
        return "____"
    return cn_date(iso) if _t is chinese_tr else iso


def confirmations(report: HandoverReport, _t: Tr = tr) -> list[str]:
    after = (dt.date.fromisoformat(report.last_day) + dt.timedelta(days=1)).isoformat() if report.last_day else None
    return [
        _t("I have returned every material, sample, document and device of the firm (laptop, phone, keys, badge, "
          "client files on paper and electronic)."),
        _t("I have deleted every copy of the firm's client data and trade secrets that I held, including on my "
          "personal phone, in WeChat and other messaging apps, in personal e-mail and cloud drives, and I keep no "
          "copy."),
        _t("My accounts (company e-mail, WeChat Work, CRM and other systems) have been handed over and closed."),
        _t("From {date} I have no authority to act for the firm towards clients: I may not quote, sign, take orders "
          "or collect payment on its behalf, and the firm will tell its clients so in writing.",
          date=_day(after, _t)),
    ]


def reminders(report: HandoverReport, _t: Tr = tr) -> list[str]:
    """The obligations that continue, one line per agreement on record."""
    lines = [_reminder(a, _t) for a in report.agreements if a.status not in ("draft", "printed")]
    unsigned = [a.document_no or "?" for a in report.agreements if a.status == "printed"]
    if unsigned:
        lines.append(_t("Printed but not signed, so not binding: {documents}.", documents="、".join(unsigned)))
    if not lines:
        lines.append(_t("No signed confidentiality or non-compete agreement is on record. The law still protects "
                       "the firm's trade secrets after I leave (Anti-Unfair Competition Law)."))
    return lines


def _reminder(a: AgreementLine, _t: Tr) -> str:
    number = a.document_no or "—"
    if a.kind == "confidentiality":
        return _t("Confidentiality ({document}, signed {date}): I keep the firm's trade secrets after I leave, "
                 "until the information becomes public.", document=number, date=_day(a.signed_on, _t))
    if a.release_kind == "waiver" or (a.decision == "waive" and a.release_kind != "release"):
        return _t("Non-compete ({document}): the firm notified me in writing at departure that it does not require "
                 "me to perform it; no compensation is paid. Confidentiality continues.", document=number)
    if a.release_kind == "release":
        return _t("Non-compete ({document}): released by the firm during the period; the firm pays three more "
                 "months of compensation as the release notice states. Confidentiality continues.",
                 document=number)
    if a.decision == "enforce" or a.starts_on:
        basis = ""
        if a.topped_up_by:  # the floor at departure raised the agreed amount: say on what basis
            share = {"shenzhen": _t("one half"), "jiangsu": _t("one third")}.get(a.topped_up_by) or _t("30%")
            basis = _t(" (set at {share} of my average monthly pay in the twelve months before I left)", share=share)
        return _t("Non-compete ({document}): the firm requires me to perform it from {start} to {end} ({months} "
                 "months): I do not work in or run a competing business ({business}) in {region}. The firm pays "
                 "me ¥{amount} a month before tax{basis} into the bank account I designate. I tell the firm in writing "
                 "within ten days each time I join a new employer, and give it a statement of my employment every "
                 "three months.", document=number, start=_day(a.starts_on, _t), end=_day(a.ends_on, _t),
                 months=a.months, amount=format_money(a.monthly_compensation or 0), basis=basis,
                 business=a.business or "＿＿＿＿", region=a.region or "＿＿＿＿")
    return _t("Non-compete ({document}): the firm tells me in writing, on or before my last working day, whether I "
             "must perform it.", document=number)


def acknowledgement(report: HandoverReport, styles) -> list:
    """The acknowledgement the leaver signs, on a page of its own; in English, its translation follows."""
    story = [PageBreak(), KeepTogether(_ack(report, styles, chinese_tr, signed=True))]
    if language() != "zh":
        story += [PageBreak(), paragraph(tr("English translation of the acknowledgement above, for reference only: "
                                            "the Chinese text is the one signed."), styles["small"]),
                  *_ack(report, styles, tr, signed=False)]
    return story


def _ack(report: HandoverReport, styles, _t: Tr, signed: bool) -> list:
    font = register()
    base, small = styles["base"], styles["small"]
    box = [[Paragraph("□", base), paragraph(text, base)] for text in confirmations(report, _t)]
    ticks = Table(box, colWidths=[8 * mm, None])
    ticks.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    reminder = [paragraph(f"{n}. {line}", base) for n, line in enumerate(reminders(report, _t), start=1)]
    story = [paragraph(_t("Leaver's acknowledgement"), styles["h2"]),
             paragraph(_t("I, {name}, confirm on leaving the firm {firm}:", name=report.staff_name,
                         firm=report.firm or "_" * 24), base),  # no name set: a line to write it by hand
             Spacer(1, 3), ticks, Spacer(1, 6),
             paragraph(_t("Obligations that continue after I leave"), styles["h2"]), *reminder]
    if not signed:
        return story
    centre = styles["centre"]
    seal = Table([[paragraph(_t("Firm's seal"), centre)]], colWidths=[36 * mm], rowHeights=[36 * mm])
    seal.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("BOX", (0, 0), (-1, -1), 0.8, SEAL_RED),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    line = "_" * 24
    dated = _t("Date: {line}", line=line)
    signatures = Table([[paragraph(_t("Person leaving (signature)"), base), paragraph(_t("For the firm (seal)"), base)],
                        [Spacer(1, 36 * mm), seal],
                        [paragraph(report.staff_name, base),
                         paragraph(_t("Legal representative or authorised signatory (signature)"), base)],
                        [paragraph(line, base), paragraph(line, base)],
                        [paragraph(dated, base), paragraph(dated, base)]],
                       colWidths=[110 * mm, 110 * mm], hAlign="LEFT")
    signatures.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [*story, Spacer(1, 8), paragraph(_t("I have read this whole acknowledgement and received a copy."), small),
            Spacer(1, 6), signatures]
