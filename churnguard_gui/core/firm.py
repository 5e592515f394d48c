"""The firm as the agreements name it: full name, 统一社会信用代码, address, region, chosen law, data retention."""
from __future__ import annotations

from dataclasses import dataclass

from churnguard_gui.core.errors import FieldProblem
from churnguard_gui.core.legal import DEFAULT_RETENTION_MONTHS, REGIONS, credit_code_problem, retention_problem


@dataclass(frozen=True)
class Firm:
    name: str = ""  # the full registered name
    credit_code: str = ""  # 统一社会信用代码
    address: str = ""
    region: str = "national"  # keys core.legal.REGIONS: the compensation floor that applies
    jurisdiction: str = "cn"
    governing_law: str = ""  # named in the agreement text under "Other jurisdiction"
    retention_months: int = DEFAULT_RETENTION_MONTHS  # screenings of candidates not hired


def firm_problems(firm: Firm) -> dict[str, FieldProblem]:
    """Field -> what is wrong, for the settings dialog and the store."""
    problems: dict[str, FieldProblem] = {}
    if credit_code_problem(firm.credit_code):
        problems["credit_code"] = FieldProblem("bad_credit_code", value=firm.credit_code)
    if firm.region not in REGIONS:
        problems["region"] = FieldProblem("bad_choice", value=firm.region, choices=", ".join(REGIONS))
    if firm.jurisdiction == "other" and not firm.governing_law.strip():
        problems["governing_law"] = FieldProblem("governing_law_missing")
    code = retention_problem(firm.retention_months)
    if code:
        problems["retention_months"] = FieldProblem(code, value=str(firm.retention_months))
    return problems
