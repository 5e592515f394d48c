"""Agreements: the draft the wizard builds, its text from the versioned template, and the compensation schedule."""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cache

from churnguard_gui import resources
from churnguard_gui.core.chinese import cn_number, rmb
from churnguard_gui.core.legal import JURISDICTIONS, Terms, region_floor
from churnguard_gui.core.values import format_money

KINDS = ("confidentiality", "noncompete", "both")
SECRET_ITEMS = ("client_list", "trading_habits", "price_terms", "client_needs", "price_lists", "supplier_terms",
                "plans", "technical")  # their words, in each language, are in the template
CURRENT_VERSION = "2026.3"  # agreement_v3.json; agreements keep the version they were printed with
FIRST_FULL_VERSION = "2026.2"  # versions before it lack the clawback, the free waiver and the dispute clause
# From this version every non-compete carries the confidentiality clauses (agreement_v3.json: 保密义务 and 保密期限
# are "always"), so a signed non-compete alone also binds the person to confidentiality.
NONCOMPETE_KEEPS_SECRETS_FROM = "2026.3"


@dataclass(frozen=True)
class AgreementDraft:
    """What the agreement wizard produces."""

    staff_id: int
    kind: str
    category: str
    secret_access: bool
    jurisdiction: str = "cn"
    secrets: tuple[str, ...] = ()  # keys of SECRET_ITEMS, or free text
    competitors: str = ""  # named competitors (optional)
    region: str = ""  # the region where the person may not compete
    months: int = 0
    average_wage: int = 0
    minimum_wage: int = 0
    monthly_compensation: int = 0
    penalty: int = 0
    language: str = "zh"
    business: str = ""  # the competing business: industry, products or services
    floor_region: str = "national"  # the firm's region (Firm settings) when drafted

    def terms(self) -> Terms:
        return Terms(self.kind, self.category, self.secret_access, self.months, self.average_wage,
                     self.minimum_wage, self.monthly_compensation, self.penalty, self.business, self.region,
                     self.competitors, self.floor_region, len(self.secrets), "technical" in self.secrets)

    @property
    def has_noncompete(self) -> bool:
        return self.kind in ("noncompete", "both")


@dataclass(frozen=True)
class Parties:
    """Who signs: the firm as registered and the employee as identified (blank fields print as lines to fill)."""

    firm: str
    name: str
    role: str
    department: str
    credit_code: str = ""
    firm_address: str = ""
    id_number: str = ""
    notice_address: str = ""
    phone: str = ""
    governing_law: str = ""  # for "Other jurisdiction": the law chosen in Firm settings

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Parties:
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in json.loads(text).items() if k in known})


@dataclass(frozen=True)
class AgreementText:
    """The full text as printed: title, parties, numbered clauses, signature labels, and its fingerprint."""

    title: str
    party_a: str
    party_b: str
    preamble: str
    clauses: tuple[tuple[int, str, str], ...]
    labels: dict[str, str]
    terms: tuple[tuple[str, str], ...]  # the non-compete terms as (label, value), empty without one
    footer: str
    template_version: str
    document_no: str = ""
    note: str = ""  # "courtesy translation" on a text that is not the binding one
    end_of_text: str = ""  # "（以下无正文）" after the last clause

    @property
    def fingerprint(self) -> str:
        """A short hash of the whole text: printed on every page so pages cannot be swapped unnoticed."""
        body = "\n".join([self.document_no, self.title, self.party_a, self.party_b, self.preamble,
                          *(f"{n}. {t}\n{x}" for n, t, x in self.clauses), *(f"{k}: {v}" for k, v in self.terms)])
        return hashlib.sha256(body.encode("utf-8")).hexdigest()[:10]

    def plain(self) -> str:
        lines = [self.title, *([self.note] if self.note else []), "", self.party_a, self.party_b, "",
                 self.preamble, ""]
        for number, title, text in self.clauses:
            lines += [f"{self.clause_label(number)} {title}", text, ""]
        if self.end_of_text:
            lines += [self.end_of_text, ""]
        lines += [f"{label}: {value}" for label, value in self.terms]
        return "\n".join(lines)

    def footer_line(self, fingerprint: str | None = None) -> str:
        """The footer; a translation passes the fingerprint of the binding Chinese text it translates."""
        return self.footer.format(document=self.document_no, fingerprint=fingerprint or self.fingerprint,
                                  version=self.template_version)

    def clause_label(self, number: int) -> str:
        """第1条 (2026.2), 第一条 (2026.3 on), 1. in English."""
        return self.labels["clause_label"].format(number=number, number_cn=cn_number(number))

    def clause_number(self, word: str) -> int | None:
        """The number of the first clause whose title contains word (e.g. 放弃: the waiver clause)."""
        return next((n for n, title, _ in self.clauses if word in title), None)


@cache
def templates() -> dict[str, dict]:
    """Every shipped agreement template by its version."""
    out = {}
    for path in sorted(resources.path("templates").glob("agreement_v*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[data["version"]] = data
    return out


def load_template(version: str | None = None) -> dict:
    """The template of that version (the current one when None or unknown to this build)."""
    return templates().get(version or CURRENT_VERSION) or templates()[CURRENT_VERSION]


def template_words(language: str, version: str | None = None) -> dict:
    template = load_template(version)
    return template[language if language in template else "en"]


def secret_texts(secrets: tuple[str, ...], language: str) -> list[str]:
    """The named secrets in the document's language (free entries as typed)."""
    words = template_words(language)["secrets"]
    return [words.get(s, s) for s in secrets]


def render(draft: AgreementDraft, parties: Parties, document_no: str = "", version: str | None = None
           ) -> AgreementText:
    """The agreement's full text from the versioned template, in the draft's language."""
    template = load_template(version)
    if template["version"] != CURRENT_VERSION and "binding_note" not in template.get("zh", {}):
        return _render_v1(draft, parties, document_no, template)
    words = template[draft.language if draft.language in template else "en"]
    law = JURISDICTIONS[draft.jurisdiction]
    blank = words["blank"]
    governing = parties.governing_law.strip() or blank
    secrets = secret_texts(draft.secrets, draft.language)
    values = {
        "firm": parties.firm or blank, "credit_code": parties.credit_code or blank,
        "firm_address": parties.firm_address or blank, "name": parties.name, "id_number": parties.id_number or blank,
        "notice_address": parties.notice_address or blank, "phone": parties.phone or blank,
        "role": parties.role or blank, "department": parties.department or blank,
        "secrets": "\n".join(f"{n}. {s}" for n, s in enumerate(secrets, start=1)) or blank,
        "months": draft.months, "business": draft.business.strip() or blank, "region": draft.region.strip() or blank,
        "competitors": draft.competitors.strip(), "compensation": format_money(draft.monthly_compensation),
        "penalty": format_money(draft.penalty), "governing_law": governing,
        "compensation_words": rmb(draft.monthly_compensation), "penalty_words": rmb(draft.penalty),
    }
    values["competitors_line"] = words["competitors_line"].format(**values) if values["competitors"] else ""
    code = "cn" if law.binding else "other"
    floor = region_floor(draft.floor_region, law).code if law.binding else "other"
    values["basis"] = words["basis"].get(floor, words["basis"]["national"])
    values["law_text"] = words["law_text"][code].format(**values)
    values["jurisdiction"] = words["jurisdiction"][code].format(**values)
    tags = {"always", code}
    if draft.kind in ("confidentiality", "both"):
        tags.add("confidentiality")
    if draft.kind == "confidentiality":
        tags.add("confidentiality_only")
    if draft.has_noncompete:
        tags.add("noncompete")
        if draft.penalty > 0:
            tags.add("penalty")
    clauses = [c for c in words["clauses"] if set(c["when"]) <= tags]
    chinese = draft.language == "zh"
    for n, c in enumerate(clauses, start=1):  # {clause_<id>}: another clause's number, as the text refers to it
        if "id" in c:
            values[f"clause_{c['id']}"] = cn_number(n) if chinese else n
    numbered = tuple((n, c["title"], c["text"].format(**values)) for n, c in enumerate(clauses, start=1))
    labels = {k: words[k] for k in ("sign_a", "sign_b", "representative", "date", "seal", "clause_label")}
    labels["terms_heading"] = words["terms"]["heading"]
    labels["translation_heading"] = words.get("translation_heading", "")
    t = words["terms"]
    terms: tuple[tuple[str, str], ...] = ()
    if draft.has_noncompete:
        rows = [(t["months"], t["months_value"].format(**values)), (t["business"], values["business"]),
                (t["region"], values["region"])]
        if values["competitors"]:
            rows.append((t["competitors"], values["competitors"]))
        rows += [(t["compensation"], values["compensation"]),
                 (t["penalty"], values["penalty"] if draft.penalty else t["penalty_none"])]
        terms = tuple(rows)
    return AgreementText(words["title"][draft.kind], words["party_a"][code].format(**values),
                         words["party_b"].format(**values), words["preamble"][code].format(**values), numbered,
                         labels, terms, words["footer"], template["version"], document_no, words["binding_note"],
                         words["end_of_text"])


def _render_v1(draft: AgreementDraft, parties: Parties, document_no: str, template: dict) -> AgreementText:
    """Version 2026.1 exactly as it was printed (signed agreements refer to it; never change this)."""
    words = template[draft.language if draft.language in template else "en"]
    law = JURISDICTIONS[draft.jurisdiction]
    values = {
        "firm": parties.firm or "—", "name": parties.name, "role": parties.role or "—",
        "department": parties.department or "—",
        "secrets": "\n".join(f"• {s}" for s in [words["secrets"].get(s, s) for s in draft.secrets]) or "—",
        "months": draft.months, "competitors": draft.competitors or "—", "region": draft.region or "—",
        "compensation": format_money(draft.monthly_compensation), "share": law.compensation_share_percent,
        "penalty": format_money(draft.penalty), "jurisdiction": words["jurisdiction"][law.code],
    }
    wanted = {"always"}
    if draft.kind in ("confidentiality", "both"):
        wanted.add("confidentiality")
    if draft.has_noncompete:
        wanted.add("noncompete")
        if draft.penalty > 0:
            wanted.add("penalty")
    clauses = [c for c in words["clauses"] if c["when"] in wanted]
    numbered = tuple((n, c["title"], c["text"].format(**values)) for n, c in enumerate(clauses, start=1))
    labels = {k: words[k] for k in ("sign_a", "sign_b", "representative", "date", "seal", "clause_label")}
    t = words["terms"]
    terms = ((t["months"], t["months_value"].format(**values)), (t["competitors"], values["competitors"]),
             (t["region"], values["region"]), (t["compensation"], values["compensation"]),
             (t["penalty"], values["penalty"] if draft.penalty else "—")) if draft.has_noncompete else ()
    return AgreementText(words["title"][draft.kind], words["party_a"].format(**values),
                         words["party_b"].format(**values), words["preamble"], numbered, labels, terms,
                         words["footer"], template["version"], document_no)


# -- the non-compete clock and its compensation
def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def noncompete_period(last_day: str, months: int) -> tuple[str, str]:
    """From the day after the last working day, for months months."""
    start = dt.date.fromisoformat(last_day) + dt.timedelta(days=1)
    end = add_months(start, months) - dt.timedelta(days=1)
    return start.isoformat(), end.isoformat()


@dataclass(frozen=True)
class Installment:
    number: int
    period_start: str
    period_end: str
    due_on: str  # the last day of the month's period
    amount: int
    paid_on: str | None = None
    months: int = 1  # months of compensation this payment stands for (3 for the release payment)


def schedule(start: str, months: int, amount: int, paid: dict[int, str] | None = None) -> list[Installment]:
    paid = paid or {}
    first = dt.date.fromisoformat(start)
    out = []
    for number in range(1, months + 1):
        period_start = add_months(first, number - 1)
        period_end = add_months(first, number) - dt.timedelta(days=1)
        out.append(Installment(number, period_start.isoformat(), period_end.isoformat(), period_end.isoformat(),
                               amount, paid.get(number)))
    return out


def schedule_after_release(start: str, months: int, amount: int, released_on: str, extra_months: int,
                           paid: dict[int, str] | None = None) -> list[Installment]:
    """The months that began before the release, then the release payment of extra_months months, due on the day
    of the release (解释(一) 第39条). A waiver before the period starts leaves nothing to pay (extra_months 0)."""
    paid = paid or {}
    plan = [i for i in schedule(start, months, amount, paid) if i.period_start <= released_on]
    if extra_months > 0 and released_on >= start:
        number = len(plan) + 1
        plan.append(Installment(number, released_on, released_on, released_on, amount * extra_months,
                                paid.get(number), extra_months))
    return plan


@dataclass(frozen=True)
class PaymentAlert:
    level: str  # none / overdue / urgent (two months) / critical (three months unpaid: the employee may end it)
    unpaid: int
    amount: int
    oldest_due: str | None = None
    installments: tuple[Installment, ...] = field(default_factory=tuple)


def payment_alert(installments: list[Installment], today: dt.date, unpaid_months_to_end: int = 3) -> PaymentAlert:
    """Months unpaid past their due day, counted in total and not only in a row: 解释(一) 第38条 lets the employee
    end the non-compete once three months are unpaid ("三个月未支付") for a reason on the firm's side."""
    late = tuple(i for i in installments if i.paid_on is None and i.due_on < today.isoformat())
    if not late:
        return PaymentAlert("none", 0, 0)
    months = sum(i.months for i in late)
    level = "critical" if months >= unpaid_months_to_end else "urgent" if months >= 2 else "overdue"
    return PaymentAlert(level, months, sum(i.amount for i in late), late[0].due_on, late)


def effective_status(status: str, noncompete_end: str | None, kind: str, today: dt.date) -> str:
    """A signed non-compete whose period is over shows as expired."""
    if status == "signed" and kind == "noncompete" and noncompete_end and noncompete_end < today.isoformat():
        return "expired"
    return status
