"""The law the agreement wizard enforces, as plain data with article numbers beside each rule.

Add a jurisdiction by adding a Jurisdiction value; the wizard and checks read only this data.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

LCL = "劳动合同法"  # Labour Contract Law of the PRC
INTERP_1 = "劳动争议解释(一) 法释〔2020〕26号"  # SPC interpretation (I) on labour disputes
INTERP_2 = "劳动争议解释(二) (2025)"  # SPC interpretation (II) on labour disputes
AUCL = "反不正当竞争法"  # Anti-Unfair Competition Law

ELIGIBLE_CATEGORIES = ("senior_manager", "senior_technical", "confidential_duty")
CATEGORIES = (*ELIGIBLE_CATEGORIES, "other")
CATEGORY_LABELS = {
    "senior_manager": "senior manager",
    "senior_technical": "senior technical staff",
    "confidential_duty": "other staff with a confidentiality duty",
    "other": "other staff",
}


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    binding: bool  # True: the rules refuse; False: they only warn
    max_noncompete_months: int
    compensation_share_percent: int  # of the average monthly wage of the last 12 months
    unpaid_months_to_end: int  # unpaid months after which the employee may end the non-compete
    release_extra_months: int  # compensation still owed when the employer releases early
    articles: dict[str, str]


CHINA = Jurisdiction(
    code="cn", name="China (PRC)", binding=True, max_noncompete_months=24, compensation_share_percent=30,
    unpaid_months_to_end=3, release_extra_months=3,
    articles={
        "confidentiality": f"{LCL} 第23条",
        "compensation_required": f"{LCL} 第23条",
        "eligible": f"{LCL} 第24条",
        "max_months": f"{LCL} 第24条",
        "no_access": f"{INTERP_2} 第13条",
        "penalty": f"{LCL} 第25条",
        "damages": f"{LCL} 第90条",
        "compensation_floor": f"{INTERP_1} 第36条",
        "unpaid": f"{INTERP_1} 第38条",
        "release": f"{INTERP_1} 第39条",
        "trade_secret": AUCL,  # the article number changed with the 2025 revision; cite the law
    },
)
OTHER = Jurisdiction(
    code="other", name="Other jurisdiction (rules only warn)", binding=False, max_noncompete_months=24,
    compensation_share_percent=30, unpaid_months_to_end=3, release_extra_months=3, articles=dict(CHINA.articles),
)
JURISDICTIONS = {j.code: j for j in (CHINA, OTHER)}


@dataclass(frozen=True)
class Finding:
    """One legal check's result: refuse (cannot be drafted) or warn (may not hold)."""

    code: str
    severity: str  # refuse / warn
    article: str
    details: tuple[tuple[str, object], ...] = ()

    def detail(self) -> dict[str, object]:
        return dict(self.details)


@dataclass(frozen=True)
class Terms:
    """What the owner proposes; money in whole yuan."""

    kind: str  # confidentiality / noncompete / both
    category: str
    secret_access: bool
    months: int = 0
    average_wage: int = 0
    minimum_wage: int = 0
    monthly_compensation: int = 0
    penalty: int = 0

    @property
    def has_noncompete(self) -> bool:
        return self.kind in ("noncompete", "both")


def compensation_floor(average_wage: int, minimum_wage: int, law: Jurisdiction = CHINA) -> int:
    """max(30% of the average monthly wage of the last 12 months, local minimum wage), in whole yuan (rounded up)."""
    share = math.ceil(average_wage * law.compensation_share_percent / 100)
    return max(share, minimum_wage)


def noncompete_eligible(category: str) -> bool:
    return category in ELIGIBLE_CATEGORIES


def check_terms(terms: Terms, law: Jurisdiction = CHINA) -> list[Finding]:
    """Every rule the terms break, most serious first; refusals become warnings where the law does not bind."""
    severity = "refuse" if law.binding else "warn"
    a = law.articles
    found: list[Finding] = []
    if not terms.has_noncompete:
        if terms.penalty > 0:
            found.append(Finding("penalty_without_noncompete", severity, a["penalty"]))
        return found
    if not noncompete_eligible(terms.category):
        found.append(Finding("not_eligible", severity, a["eligible"],
                             (("category", CATEGORY_LABELS.get(terms.category, terms.category)),)))
    if not terms.secret_access:
        found.append(Finding("no_secret_access", "warn", a["no_access"]))
    if terms.months < 1:
        found.append(Finding("months_missing", severity, a["max_months"]))
    elif terms.months > law.max_noncompete_months:
        found.append(Finding("months_too_long", severity, a["max_months"],
                             (("months", terms.months), ("limit", law.max_noncompete_months))))
    floor = compensation_floor(terms.average_wage, terms.minimum_wage, law)
    if terms.average_wage <= 0:
        found.append(Finding("wage_missing", "warn", a["compensation_floor"]))
    if terms.minimum_wage <= 0:
        found.append(Finding("minimum_wage_missing", severity, a["compensation_floor"]))
    if terms.monthly_compensation <= 0:
        found.append(Finding("compensation_missing", severity, a["compensation_required"]))
    elif terms.monthly_compensation < floor:
        found.append(Finding("compensation_below_floor", severity, a["compensation_floor"],
                             (("amount", f"{terms.monthly_compensation:,}"), ("floor", f"{floor:,}"),
                              ("share", law.compensation_share_percent))))
    if terms.penalty < 0:
        found.append(Finding("penalty_negative", severity, a["penalty"]))
    return sorted(found, key=lambda f: f.severity != "refuse")


def refusals(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "refuse"]


def release_cost(monthly_compensation: int, law: Jurisdiction = CHINA) -> int:
    """What releasing a former employee early from a non-compete still costs (three more months)."""
    return monthly_compensation * law.release_extra_months
