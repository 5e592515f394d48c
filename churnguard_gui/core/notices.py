"""The notice that ends a non-compete: a waiver at departure (free) or a release during the period (three months)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from churnguard_gui import resources
from churnguard_gui.core.agreements import Parties
from churnguard_gui.core.chinese import cn_date, rmb
from churnguard_gui.core.values import format_money

NOTICE_FILE = "templates/notices_v2.json"  # under resources/; v1 stays as it was printed


@dataclass(frozen=True)
class NoticeText:
    kind: str  # waiver / release
    title: str
    note: str  # courtesy translation
    to: str
    body: str
    basis: str
    labels: dict[str, str]
    footer: str
    end_of_text: str
    page: str
    delivery: str = ""  # "本通知于＿＿年＿＿月＿＿日送达你本人。" (the date filled in once recorded)
    translation_heading: str = ""


@dataclass(frozen=True)
class NoticeFacts:
    """What the notice states, in ISO dates and whole yuan, whatever language it is printed in."""

    kind: str  # waiver / release
    document_no: str
    agreement_kind: str
    signed_on: str | None
    last_day: str
    start: str | None
    on: str
    cost: int  # the release's three months of the amount owed after departure (0 for a waiver)
    monthly: int = 0  # the monthly amount owed after departure
    share: str = ""  # "二分之一" etc. when the floor at departure raised the agreed amount
    clause: int | None = None  # the agreement's waiver-and-release clause
    delivered_on: str | None = None


@cache
def _template() -> dict:
    return json.loads(resources.path(NOTICE_FILE).read_text(encoding="utf-8"))


SHARES = {"1/2": ("二分之一", "one half"), "1/3": ("三分之一", "one third"), "3/10": ("百分之三十", "30%")}


def notice_text(facts: NoticeFacts, parties: Parties, *, china: bool, language: str) -> NoticeText:
    """The notice's words in the document's language; blanks print as lines to fill in by hand."""
    zh = language == "zh"
    words = _template()["zh" if zh else "en"]
    blank = "＿＿＿＿＿＿" if zh else "__________"

    def day(iso: str | None) -> str:
        if zh:
            return cn_date(iso)
        return iso or "____-__-__"

    share = SHARES.get(facts.share, (facts.share, facts.share))[0 if zh else 1] if facts.share else ""
    if facts.clause is None:
        clause = "＿＿条" if zh else "clause __"
    else:
        from churnguard_gui.core.chinese import cn_number

        clause = f"第{cn_number(facts.clause)}条" if zh else f"clause {facts.clause}"
    values = {"name": parties.name, "id_number": parties.id_number or blank, "signed_on": day(facts.signed_on),
              "agreement": words["agreement"].get(facts.agreement_kind, words["agreement"]["noncompete"]),
              "document": facts.document_no, "last_day": day(facts.last_day or None),
              "start": day(facts.start), "on": day(facts.on), "cost": format_money(facts.cost),
              "cost_words": rmb(facts.cost), "monthly": format_money(facts.monthly),
              "monthly_basis": words["monthly_basis"].format(share=share) if share else "",
              "firm": parties.firm or blank, "clause": clause, "delivered": day(facts.delivered_on)}
    title = words["title"][facts.kind]
    labels = {k: words[k].format(**values) for k in ("sign_firm", "representative", "receipt", "sign_b", "date",
                                                     "seal")}
    return NoticeText(facts.kind, title, words["binding_note"], words["to"].format(**values),
                      words["body"][facts.kind].format(**values),
                      words["basis"][facts.kind].format(**values) if china else "", labels,
                      words["footer"].format(document=facts.document_no, title=title,
                                             firm=parties.firm or "ChurnGuard"),
                      words["end_of_text"], words["page"], words["delivery"].format(**values),
                      words.get("translation_heading", ""))
