"""The notice that ends a non-compete: a waiver at departure (free) or a release during the period (three months)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from churnguard_gui import resources
from churnguard_gui.core.agreements import Parties
from churnguard_gui.core.values import format_money

NOTICE_FILE = "templates/notices_v1.json"  # under resources/


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


@cache
def _template() -> dict:
    return json.loads(resources.path(NOTICE_FILE).read_text(encoding="utf-8"))


def notice_text(kind: str, parties: Parties, *, document_no: str, agreement_kind: str, signed_on: str | None,
                last_day: str, start: str | None, on: str, cost: int, china: bool, language: str) -> NoticeText:
    """The notice's words in the document's language; blanks print as lines to fill in by hand."""
    words = _template()[language if language in ("zh", "en") else "en"]
    blank = "＿＿＿＿＿＿" if language == "zh" else "__________"
    values = {"name": parties.name, "id_number": parties.id_number or blank, "signed_on": signed_on or blank,
              "agreement": words["agreement"].get(agreement_kind, words["agreement"]["noncompete"]),
              "document": document_no, "last_day": last_day or blank, "start": start or blank, "on": on,
              "cost": format_money(cost), "firm": parties.firm or blank}
    title = words["title"][kind]
    labels = {k: words[k].format(**values) for k in ("sign_firm", "representative", "receipt", "sign_b", "date",
                                                     "seal")}
    return NoticeText(kind, title, words["binding_note"], words["to"].format(**values),
                      words["body"][kind].format(**values), words["basis"][kind] if china else "", labels,
                      words["footer"].format(document=document_no, title=title, firm=parties.firm or "ChurnGuard"),
                      words["end_of_text"], words["page"])
