"""The firm as the agreements name it: full name, 统一社会信用代码, address, region, chosen law, data retention."""
from __future__ import annotations

from dataclasses import dataclass

from churnguard_gui.core.errors import FieldProblem
from churnguard_gui.core.legal import (
    DEFAULT_RETENTION_MONTHS,
    PLACES_OF_WORK,
    REGIONS,
    credit_code_problem,
    jurisdiction_problem,
    retention_problem,
)


@dataclass(frozen=True)
class Firm:
    name: str = ""  # the full registered name
    credit_code: str = ""  # 统一社会信用代码
    address: str = ""
    region: str = "national"  # keys core.legal.REGIONS: the compensation floor that applies
    jurisdiction: str = "cn"
    governing_law: str = ""  # named in the agreement text under "Other jurisdiction"
    retention_months: int = DEFAULT_RETENTION_MONTHS  # screenings of candidates not hired
    place_of_work: str = "mainland"  # mainland / outside: another law may be chosen only for work outside
    privacy_contact: str = ""  # who candidates contact about their personal information (个人信息保护法 第17条)


def firm_problems(firm: Firm) -> dict[str, FieldProblem]:
    """Field -> what is wrong, for the settings dialog and the store."""
    problems: dict[str, FieldProblem] = {}
    if credit_code_problem(firm.credit_code):
        problems["credit_code"] = FieldProblem("bad_credit_code", value=firm.credit_code)
    if firm.region not in REGIONS:
        problems["region"] = FieldProblem("bad_choice", value=firm.region, choices=", ".join(REGIONS))
    if firm.jurisdiction == "other" and not firm.governing_law.strip():
        problems["governing_law"] = FieldProblem("governing_law_missing")
    if firm.place_of_work not in PLACES_OF_WORK:
        problems["place_of_work"] = FieldProblem("bad_choice", value=firm.place_of_work,
                                                 choices=", ".join(PLACES_OF_WORK))
    elif jurisdiction_problem(firm.jurisdiction, firm.place_of_work):
        problems["jurisdiction"] = FieldProblem("other_law_mainland", value=firm.jurisdiction)
    code = retention_problem(firm.retention_months)
    if code:
        problems["retention_months"] = FieldProblem(code, value=str(firm.retention_months))
    return problems
