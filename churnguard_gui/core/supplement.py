"""The 补充协议 offered for a non-compete signed on template 2026.1: it adds the current terms without touching the
signed text (the clawback, the free waiver at departure, the three-month rule as worded in 解释(一) 第38条, the
top-up to the floor, the dispute clause)."""
from __future__ import annotations

import json
from functools import cache

from churnguard_gui import resources
from churnguard_gui.core.agreements import AgreementDraft, AgreementText, Parties
from churnguard_gui.core.chinese import cn_date

SUPPLEMENT_FILE = "templates/supplement_v1.json"  # under resources/


@cache
def supplement_template() -> dict:
    return json.loads(resources.path(SUPPLEMENT_FILE).read_text(encoding="utf-8"))


def render_supplement(draft: AgreementDraft, parties: Parties, document_no: str, signed_on: str | None,
                      language: str) -> AgreementText:
    """The supplementary agreement to the agreement document_no, in language (zh binding, en a translation)."""
    template = supplement_template()
    zh = language == "zh"
    words = template["zh" if zh else "en"]
    blank = "＿＿＿＿＿＿＿＿＿＿＿＿" if zh else "____________________"
    values = {"firm": parties.firm or blank, "credit_code": parties.credit_code or blank,
              "firm_address": parties.firm_address or blank, "name": parties.name,
              "id_number": parties.id_number or blank, "notice_address": parties.notice_address or blank,
              "phone": parties.phone or blank, "document": document_no,
              "signed_on": (cn_date(signed_on) if zh else signed_on) if signed_on else blank,
              "agreement": words["agreement"].get(draft.kind, words["agreement"]["noncompete"]),
              "share": words["shares"].get(draft.floor_region, words["shares"]["national"])}
    clauses = tuple((n, c["title"], c["text"].format(**values)) for n, c in enumerate(words["clauses"], start=1))
    labels = {k: words[k] for k in ("sign_a", "sign_b", "representative", "date", "seal", "clause_label")}
    labels["terms_heading"] = ""
    labels["page"] = words["page"]
    labels["translation_heading"] = words.get("translation_heading", "")
    return AgreementText(words["title"], words["party_a"].format(**values), words["party_b"].format(**values),
                         words["preamble"].format(**values), clauses, labels, (), words["footer"],
                         template["version"], document_no, words["binding_note"], words["end_of_text"])
