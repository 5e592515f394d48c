"""Agreements: the draft the wizard builds, its text from the versioned template, and the compensation schedule."""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache

from churnguard_gui import resources
from churnguard_gui.core.legal import JURISDICTIONS, Terms
from churnguard_gui.core.values import format_money

KINDS = ("confidentiality", "noncompete", "both")
STATUSES = ("draft", "printed", "signed", "expired", "released")
SECRET_ITEMS = ("client_list", "trading_habits", "price_terms", "client_needs", "price_lists", "supplier_terms",
                "plans")  # their words, in each language, are in the template
TEMPLATE_FILE = "templates/agreement_v1.json"  # under resources/


@dataclass(frozen=True)
class AgreementDraft:
    """What the agreement wizard produces."""

    staff_id: int
    kind: str
    category: str
    secret_access: bool
    jurisdiction: str = "cn"
    secrets: tuple[str, ...] = ()  # keys of SECRET_ITEMS, or free text
    competitors: str = ""
    region: str = ""
    months: int = 0
    average_wage: int = 0
    minimum_wage: int = 0
    monthly_compensation: int = 0
    penalty: int = 0
    language: str = "zh"

    def terms(self) -> Terms:
        return Terms(self.kind, self.category, self.secret_access, self.months, self.average_wage,
                     self.minimum_wage, self.monthly_compensation, self.penalty)

    @property
    def has_noncompete(self) -> bool:
        return self.kind in ("noncompete", "both")


@dataclass(frozen=True)
class Parties:
    firm: str
    name: str
    role: str
    department: str


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

    @property
    def fingerprint(self) -> str:
        """A short hash of the whole text: printed on every page so pages cannot be swapped unnoticed."""
        body = "\n".join([self.document_no, self.title, self.party_a, self.party_b, self.preamble,
                          *(f"{n}. {t}\n{x}" for n, t, x in self.clauses), *(f"{k}: {v}" for k, v in self.terms)])
        return hashlib.sha256(body.encode("utf-8")).hexdigest()[:10]

    def plain(self) -> str:
        lines = [self.title, "", self.party_a, self.party_b, "", self.preamble, ""]
        for number, title, text in self.clauses:
            lines += [f"{self.labels['clause_label'].format(number=number)} {title}", text, ""]
        lines += [f"{label}: {value}" for label, value in self.terms]
        return "\n".join(lines)

    def footer_line(self) -> str:
        return self.footer.format(document=self.document_no, fingerprint=self.fingerprint,
                                  version=self.template_version)


@cache
def load_template() -> dict:
    return json.loads(resources.path(TEMPLATE_FILE).read_text(encoding="utf-8"))


def template_words(language: str) -> dict:
    template = load_template()
    return template[language if language in template else "en"]


def secret_texts(secrets: tuple[str, ...], language: str) -> list[str]:
    """The named secrets in the document's language (free entries as typed)."""
    words = template_words(language)["secrets"]
    return [words.get(s, s) for s in secrets]


def render(draft: AgreementDraft, parties: Parties, document_no: str = "") -> AgreementText:
    """The agreement's full text from the versioned template, in the draft's language."""
    template = load_template()
    words = template_words(draft.language)
    law = JURISDICTIONS[draft.jurisdiction]
    values = {
        "firm": parties.firm or "—", "name": parties.name, "role": parties.role or "—",
        "department": parties.department or "—",
        "secrets": "\n".join(f"• {s}" for s in secret_texts(draft.secrets, draft.language)) or "—",
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


@dataclass(frozen=True)
class PaymentAlert:
    level: str  # none / overdue / urgent (two months) / critical (three months: the employee may end it)
    unpaid: int
    amount: int
    oldest_due: str | None = None
    installments: tuple[Installment, ...] = field(default_factory=tuple)


def payment_alert(installments: list[Installment], today: dt.date, unpaid_months_to_end: int = 3) -> PaymentAlert:
    late = tuple(i for i in installments if i.paid_on is None and i.due_on < today.isoformat())
    if not late:
        return PaymentAlert("none", 0, 0)
    level = "critical" if len(late) >= unpaid_months_to_end else "urgent" if len(late) >= 2 else "overdue"
    return PaymentAlert(level, len(late), sum(i.amount for i in late), late[0].due_on, late)


def effective_status(status: str, noncompete_end: str | None, kind: str, today: dt.date) -> str:
    """A signed non-compete whose period is over shows as expired."""
    if status == "signed" and kind == "noncompete" and noncompete_end and noncompete_end < today.isoformat():
        return "expired"
    return status
