"""The law the agreement wizard enforces, as plain data with the source beside each rule.

Add a jurisdiction by adding a Jurisdiction value, a regional floor by adding a RegionFloor; the wizard and the
checks read only this data. SOURCES says, for every citation, how it was checked against a published text.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

LCL = "劳动合同法"  # Labour Contract Law of the PRC
INTERP_1 = "劳动争议解释(一) 法释〔2020〕26号"  # SPC interpretation (I) on labour disputes
INTERP_2 = "劳动争议解释(二) 法释〔2025〕12号"  # SPC interpretation (II) on labour disputes, in force 2025-09-01
AUCL = "反不正当竞争法（2025年修订）"  # Anti-Unfair Competition Law, revised 2025-06-27, in force 2025-10-15
CIVIL_CODE = "民法典"
WOMEN = "妇女权益保障法"  # Law on the Protection of Women's Rights and Interests (2022 revision)
PIPL = "个人信息保护法"  # Personal Information Protection Law

ELIGIBLE_CATEGORIES = ("senior_manager", "senior_technical", "confidential_duty")
CATEGORIES = (*ELIGIBLE_CATEGORIES, "other")
CATEGORY_LABELS = {
    "senior_manager": "senior manager",
    "senior_technical": "senior technical staff",
    "confidential_duty": "other staff with a confidentiality duty",
    "other": "other staff",
}

# How each citation was checked (kept beside the rules so a reviewer sees what rests on what).
SOURCES = {
    f"{INTERP_2} 第13条": "text of art. 13 (both paragraphs) and art. 15 quoted in law-firm commentary on the "
    "interpretation published 2025-08-01 (dacheng.com, hengtai-law.com); not checked against the SPC's own copy",
    f"{INTERP_1} 第36条": "from the official text as remembered; not re-checked against a published copy here",
    "深圳经济特区企业技术秘密保护条例 第24条": "2019 amended text, art. 24 (one half of the average monthly pay of "
    "the last twelve months) as quoted by a Shenzhen law firm; the official title has 企业 in it",
    "江苏省劳动合同条例 第28条": "NOT verified: rule (one third) and article number from memory only",
    AUCL: "the article number of the trade-secret provision after the 2025 revision could NOT be verified against "
    "the published text, so the law is cited without an article number",
    f"{CIVIL_CODE} 第585条": "from the official text as remembered (courts may reduce excessive liquidated damages)",
    f"{WOMEN} 第43条": "2022 revision, from the official text as remembered",
    f"{LCL} 第50条": "from the official text as remembered",
    f"{INTERP_1} 第37条": "from the official text as remembered: the employer's notice at termination that the "
    "non-compete need not be performed means no compensation is owed (the basis of the free waiver)",
    f"{INTERP_1} 第40条": "from the official text as remembered: paying liquidated damages does not end the duty "
    "to perform the non-compete when the employer asks",
    f"{PIPL} 第23条": "from the official text as remembered: giving personal information to another processor "
    "needs separate consent (reference checks)",
    f"{PIPL} 第24条": "from the official text as remembered: automated decision-making must be transparent and "
    "the person may ask for an explanation (the risk score)",
    "涉外民事关系法律适用法 第4条、第43条": "from the official text as remembered: labour contracts follow the law of "
    "the place of work; mandatory PRC provisions apply directly",
    f"{INTERP_1} 第8条": "the SPC's interpretation (I) on the Law on the Application of Laws to Foreign-Related "
    "Civil Relations, art. 8 (labour protection is a mandatory provision); from memory, not re-checked",
}


@dataclass(frozen=True)
class RegionFloor:
    """A regional rule on non-compete compensation: at least numerator/denominator of the 12-month average pay."""

    code: str
    name: str  # English; translated where shown
    numerator: int
    denominator: int
    source: str
    statutory: bool  # True: a local regulation sets a minimum; False: the national default when nothing was agreed

    def share_text(self) -> str:
        return f"{self.numerator}/{self.denominator}"


# The national 30% is not a legal minimum: 解释(一) 第36条 is what courts apply when NOTHING was agreed. The wizard
# uses it as the firm's policy floor (a courts' reference), so its refusal says "firm policy", not "the law".
NATIONAL_SOURCE = f"本公司标准（参照{INTERP_1} 第36条：未约定补偿时的裁判标准）"
NATIONAL = RegionFloor("national", "Elsewhere in mainland China", 3, 10, NATIONAL_SOURCE, False)
# Shenzhen's one half is in a regulation on TECHNICAL secrets (条例 第2条、第4条): where the agreement names no
# technical secret the owner may choose to stay with the national reference (a warning, not a refusal).
SHENZHEN = RegionFloor("shenzhen", "Shenzhen Special Economic Zone", 1, 2, "深圳经济特区企业技术秘密保护条例 第24条",
                       True)
TECHNICAL_ONLY = frozenset({"shenzhen"})
REGIONS = {r.code: r for r in (
    NATIONAL,
    SHENZHEN,
    RegionFloor("jiangsu", "Jiangsu province", 1, 3, "江苏省劳动合同条例 第28条", True),
)}
REGION_LABELS = {"national": "Elsewhere in mainland China", "shenzhen": "Shenzhen Special Economic Zone",
                 "jiangsu": "Jiangsu province"}  # the names above, as plain literals for the translation catalogue


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    binding: bool  # True: the rules refuse; False: they only warn
    max_noncompete_months: int
    compensation_share_percent: int  # the default share of the 12-month average pay when nothing was agreed
    unpaid_months_to_end: int  # months unpaid (in total, not in a row) after which the employee may end it
    release_extra_months: int  # compensation still owed when the employer releases during the period
    articles: dict[str, str]


CHINA = Jurisdiction(
    code="cn", name="China (PRC)", binding=True, max_noncompete_months=24, compensation_share_percent=30,
    unpaid_months_to_end=3, release_extra_months=3,
    articles={
        "confidentiality": f"{LCL} 第23条",
        "compensation_required": f"{LCL} 第23条",
        "eligible": f"{LCL} 第24条",
        "max_months": f"{LCL} 第24条",
        "scope": f"{LCL} 第24条第1款",
        "no_access": f"{INTERP_2} 第13条第1款",
        "proportion": f"{INTERP_2} 第13条第2款",
        "clawback": f"{INTERP_2} 第15条",
        "penalty": f"{LCL} 第25条",
        "penalty_reduced": f"{CIVIL_CODE} 第585条",
        "damages": f"{LCL} 第90条",
        "compensation_floor": f"{INTERP_1} 第36条",
        "unpaid": f"{INTERP_1} 第38条",
        "release": f"{INTERP_1} 第39条",
        "waiver": f"{INTERP_1} 第37条",
        "penalty_and_perform": f"{INTERP_1} 第40条",
        "references": f"{PIPL} 第23条",
        "automated": f"{PIPL} 第24条",
        "place_of_work": f"涉外民事关系法律适用法 第4条、第43条; {INTERP_1} 第8条",
        "trade_secret": AUCL,  # article number not verified after the 2025 revision: cite the law
        "exit_papers": f"{LCL} 第50条",
        "gaps": f"{WOMEN} 第43条",
        "consent": f"{PIPL} 第13条、第14条、第17条",
        "retention": f"{PIPL} 第19条、第47条",
    },
)
OTHER = Jurisdiction(
    code="other", name="Other jurisdiction (rules only warn)", binding=False, max_noncompete_months=24,
    compensation_share_percent=30, unpaid_months_to_end=3, release_extra_months=3, articles=dict(CHINA.articles),
)
JURISDICTIONS = {j.code: j for j in (CHINA, OTHER)}

# A region this wide needs reasons: where the firm really does business and what the person knew.
WIDE_REGIONS = ("全国", "全中国", "中国", "全球", "全世界", "世界", "境内", "nationwide", "national", "china",
                "worldwide", "global", "world", "anywhere")


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
    business: str = ""  # the competing business: industry, products or services
    territory: str = ""  # the region where the person may not compete
    competitors: str = ""  # named competitors (optional)
    floor_region: str = "national"  # the firm's region (Firm settings), for the compensation floor
    secrets_named: int = 1  # how many kinds of secret the agreement names
    technical_secrets: bool = False  # the agreement names a technical secret (Shenzhen's rule is about those)

    @property
    def has_noncompete(self) -> bool:
        return self.kind in ("noncompete", "both")


def region_floor(code: str, law: Jurisdiction = CHINA) -> RegionFloor:
    """The firm's region's rule; outside China (or unknown) the national default."""
    if not law.binding:
        return NATIONAL
    return REGIONS.get(code, NATIONAL)


def compensation_floor(average_wage: int, minimum_wage: int, law: Jurisdiction = CHINA,
                       region: str = "national") -> int:
    """max(the region's share of the 12-month average pay, local minimum wage), in whole yuan (rounded up).

    Nationally the share is the 30% courts apply when nothing was agreed (解释(一) 第36条); some regions set a
    higher minimum by regulation. The wizard proposes this amount and does not draft less.
    """
    rule = region_floor(region, law)
    share = math.ceil(average_wage * rule.numerator / rule.denominator)
    return max(share, minimum_wage)


def penalty_limit(months: int, monthly_compensation: int, average_wage: int) -> int:
    """A reasoned ceiling for liquidated damages: the total compensation of the whole period, and not more than a
    year's average pay when that is known. Courts reduce amounts far above the loss (民法典 第585条)."""
    total = max(months, 0) * max(monthly_compensation, 0)
    return min(total, 12 * average_wage) if average_wage > 0 else total


def noncompete_eligible(category: str) -> bool:
    return category in ELIGIBLE_CATEGORIES


def region_is_wide(territory: str) -> bool:
    text = territory.strip().lower()
    return any(text == w or text.startswith(w) for w in WIDE_REGIONS)


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
        found.append(Finding("no_secret_access", severity, a["no_access"]))
    if not terms.business.strip():
        found.append(Finding("scope_business_missing", severity, a["scope"]))
    if not terms.territory.strip():
        found.append(Finding("scope_region_missing", severity, a["scope"]))
    elif region_is_wide(terms.territory):
        found.append(Finding("scope_region_wide", "warn", a["proportion"], (("region", terms.territory.strip()),)))
    if terms.secrets_named < 1:
        found.append(Finding("scope_no_secrets", "warn", a["proportion"]))
    if terms.months < 1:
        found.append(Finding("months_missing", severity, a["max_months"]))
    elif terms.months > law.max_noncompete_months:
        found.append(Finding("months_too_long", severity, a["max_months"],
                             (("months", terms.months), ("limit", law.max_noncompete_months))))
    _compensation(terms, law, severity, found)
    if terms.penalty < 0:
        found.append(Finding("penalty_negative", severity, a["penalty"]))
    elif terms.penalty > 0 and terms.monthly_compensation > 0:
        limit = penalty_limit(terms.months, terms.monthly_compensation, terms.average_wage)
        if terms.penalty > limit:
            found.append(Finding("penalty_disproportionate", "warn", a["penalty_reduced"],
                                 (("amount", f"{terms.penalty:,}"), ("suggested", f"{limit:,}"))))
    return sorted(found, key=lambda f: f.severity != "refuse")


def _compensation(terms: Terms, law: Jurisdiction, severity: str, found: list[Finding]) -> None:
    a = law.articles
    rule = region_floor(terms.floor_region, law)
    floor = compensation_floor(terms.average_wage, terms.minimum_wage, law, terms.floor_region)
    if terms.average_wage <= 0:
        found.append(Finding("wage_missing", "warn", rule.source))
    if terms.minimum_wage <= 0:
        found.append(Finding("minimum_wage_missing", severity, a["compensation_floor"]))
    if terms.monthly_compensation <= 0:
        found.append(Finding("compensation_missing", severity, a["compensation_required"]))
    elif terms.monthly_compensation < floor:
        national = compensation_floor(terms.average_wage, terms.minimum_wage, law, "national")
        if rule.statutory and rule.code in TECHNICAL_ONLY and not terms.technical_secrets \
                and terms.monthly_compensation >= national:
            found.append(Finding("compensation_below_region_floor_choice", "warn", rule.source,
                                 (("amount", f"{terms.monthly_compensation:,}"), ("floor", f"{floor:,}"),
                                  ("share", rule.share_text()))))
        elif rule.statutory:
            found.append(Finding("compensation_below_region_floor", severity, rule.source,
                                 (("amount", f"{terms.monthly_compensation:,}"), ("floor", f"{floor:,}"),
                                  ("share", rule.share_text()))))
        else:
            found.append(Finding("compensation_below_floor", severity, rule.source,
                                 (("amount", f"{terms.monthly_compensation:,}"), ("floor", f"{floor:,}"),
                                  ("share", law.compensation_share_percent))))


def refusals(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "refuse"]


def release_cost(monthly_compensation: int, law: Jurisdiction = CHINA) -> int:
    """What releasing a former employee during the non-compete period still costs (three more months of the amount
    owed: pass monthly_owed(...), not the bare agreed amount)."""
    return monthly_compensation * law.release_extra_months


def release_cost_on(monthly_compensation: int, on: str, period_start: str | None,
                    law: Jurisdiction = CHINA) -> int:
    """A written waiver given at departure (before the period starts) costs nothing; a release during the period
    costs three more months (解释(一) 第39条 applies "在竞业限制期限内")."""
    if period_start is None or on < period_start:
        return 0
    return release_cost(monthly_compensation, law)


def monthly_owed(agreed: int, average_pay: int | None, minimum_wage: int, law: Jurisdiction = CHINA,
                 region: str = "national") -> int:
    """The monthly compensation owed after departure: the agreed amount, topped up to the floor recomputed from the
    12-month average pay at departure (the agreement's clause promises the higher of the two; the floor's source
    is the region's rule, see REGIONS). Without a known pay at departure, the agreed amount."""
    if not average_pay or average_pay <= 0:
        return agreed
    return max(agreed, compensation_floor(average_pay, minimum_wage, law, region))


def below_floor_at_departure(monthly_compensation: int, average_pay: int, minimum_wage: int,
                             law: Jurisdiction = CHINA, region: str = "national") -> int:
    """The floor recomputed from the 12-month average pay (with commission and bonuses) at departure, when the
    agreed amount is now below it; else 0."""
    floor = compensation_floor(average_pay, minimum_wage, law, region)
    return floor if monthly_compensation < floor else 0


# -- screening data (个人信息保护法)
DEFAULT_RETENTION_MONTHS = 6
MIN_RETENTION_MONTHS = 1
MAX_RETENTION_MONTHS = 36


def retention_problem(months: int) -> str | None:
    """None when a retention period is acceptable; else an error code."""
    if not MIN_RETENTION_MONTHS <= months <= MAX_RETENTION_MONTHS:
        return "retention_out_of_range"
    return None


def retention_expired(screened_on: str, months: int, today: dt.date) -> bool:
    """True once the screening of a candidate not hired has been kept for the retention period."""
    from churnguard_gui.core.agreements import add_months

    return add_months(dt.date.fromisoformat(screened_on), months) <= today


# -- where the work is done decides whether another law may be chosen (涉外民事关系法律适用法 第43条: labour
# contracts follow the law of the place of work; 第4条 and 解释(一) 第8条: PRC labour protection is mandatory)
PLACES_OF_WORK = ("mainland", "outside")
PLACE_LABELS = {"mainland": "Mainland China", "outside": "Outside mainland China (e.g. Hong Kong, abroad)"}


def jurisdiction_problem(jurisdiction: str, place_of_work: str) -> str | None:
    """None when the law may be chosen; "other_law_mainland" for another law over work done in the mainland."""
    if jurisdiction != "cn" and place_of_work != "outside":
        return "other_law_mainland"
    return None


# -- the firm's 统一社会信用代码 (GB 32100-2015: 18 characters, the last a check character)
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_problem(code: str) -> str | None:
    """None for an empty or valid code; else an error code (wrong length/characters, or a wrong check character)."""
    code = code.strip().upper()
    if not code:
        return None
    if len(code) != 18 or any(c not in CREDIT_CODE_CHARS for c in code):
        return "bad_credit_code"
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(code[:17], _CREDIT_WEIGHTS, strict=True))
    check = (31 - total % 31) % 31
    return None if CREDIT_CODE_CHARS[check] == code[17] else "bad_credit_code"
