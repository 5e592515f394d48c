"""Early warning: the firm's risk figures as frozen dataclasses, the thresholds, and the pure rules behind them.

Definitions (the same for the Risk tab, the risk report and `risks --json`):

- Only *active* clients count (not prospects, dormant or lost ones).
- Concentration: each owner's active clients and their annual value; share = value / the firm's active value.
- Single-threaded: an active client with an owner and nobody else of the firm linked to it (no backup, no
  manager) who is still employed (status active or on notice): staff who have left are nobody's second thread.
- Confidentiality: held by a *signed* agreement of kind confidentiality or "both". A "both" agreement that
  later expired or was released counts too: expiry and early release end the non-compete period only, the
  duty of confidentiality stays (劳动合同法 第23条). A non-compete-only agreement counts from template 2026.3
  (agreement_v3.json), whose every non-compete carries the confidentiality clauses; one printed on an older
  template does not (its text has no confidentiality clause). One SQL definition: store.agreements.CONFIDENTIALITY_HELD.
- Key clients overdue for a manager visit: one definition, the tier schedule of tactic 4 (core/visits.py: an
  active client of a tier with scheduled visits, A every 91 days and B every 182 by default, whose last manager
  visit is older than its tier's interval, or who was never visited). The Risk tab's tile, the risk report and
  `risks --json` ("key_clients_unvisited" and "tactics.overdue_visits", the same numbers) all use it.
- Key people: employed staff with access to trade secrets, or whose active clients are at least
  `key_person_percent` of the firm's active value. Without a non-compete: no signed agreement of kind
  non-compete or "both".
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field, fields

from churnguard_gui.core.agreements import Installment, add_months

WARNING_KINDS = ("falling_results", "asked_about_leaving", "competitor_contact", "key_clients_unvisited", "other")
WARNING_LABELS = {
    "falling_results": "Falling results",
    "asked_about_leaving": "Asked about leaving",
    "competitor_contact": "Contact with a competitor",
    "key_clients_unvisited": "Key clients not visited by a manager for long",
    "other": "Other sign",
}
TOP_SINGLE_THREADED = 20
COMPENSATION_MONTHS = 3  # the horizon of compensation due: the months an unpaid employee may end it after


@dataclass(frozen=True)
class Thresholds:
    """What the owner may change in Firm settings."""

    concentration_percent: int = 25  # one salesperson holding more than this share of the value is flagged
    key_person_percent: int = 10  # holding at least this share makes a salesperson a key person
    sign_days: int = 180  # warning signs recorded within this many days are shown

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str | None) -> Thresholds:
        """Stored thresholds; unknown keys are ignored and bad values fall back to the default."""
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        values = {}
        for f in fields(cls):
            value = data.get(f.name) if isinstance(data, dict) else None
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                values[f.name] = value
        return cls(**values)


THRESHOLD_LABELS = {
    "concentration_percent": "Flag a salesperson holding more than this % of client value",
    "key_person_percent": "A salesperson holding this % of client value is a key person",
    "sign_days": "Days a recorded warning sign stays on the Risk tab",
}
THRESHOLD_RANGES = {"concentration_percent": (1, 100), "key_person_percent": (1, 100), "sign_days": (1, 3650)}


@dataclass(frozen=True)
class Holding:
    """One salesperson's active clients."""

    staff_id: int
    staff: str
    clients: int
    value: int
    share: float
    flagged: bool = False


@dataclass(frozen=True)
class ClientRisk:
    client_id: int
    code: str
    name: str
    owner: str
    value: int


@dataclass(frozen=True)
class PersonNote:
    """A person in a list, with why they are there."""

    staff_id: int
    name: str
    detail: str = ""
    value: int = 0


@dataclass(frozen=True)
class Leaver:
    """Someone on notice and how far their handover is."""

    staff_id: int
    name: str
    last_day: str
    handover: str  # none / draft / handed_over / complete
    tasks_done: int
    tasks_total: int
    clients_left: int  # active clients they still own
    value_left: int

    @property
    def progress(self) -> float:
        """0..1: handed over counts half, the checklist the other half."""
        if self.handover == "complete":
            return 1.0
        stage = 0.5 if self.handover == "handed_over" else 0.0
        tasks = self.tasks_done / self.tasks_total if self.tasks_total else 0.0
        return stage + tasks / 2


@dataclass(frozen=True)
class PaymentDue:
    agreement_id: int
    document_no: str
    staff: str
    number: int
    due_on: str
    amount: int
    overdue: bool


@dataclass(frozen=True)
class WarningSign:
    id: int
    staff_id: int
    staff: str
    kind: str
    noted_on: str
    note: str


@dataclass(frozen=True)
class RiskFigures:
    """Everything the Risk tab, the risk report and `risks` show."""

    as_of: str
    firm: str
    thresholds: Thresholds
    clients: int
    value: int
    concentration: tuple[Holding, ...]
    single_threaded_count: int
    single_threaded_value: int
    single_threaded_top: tuple[ClientRisk, ...]
    without_confidentiality: tuple[PersonNote, ...]
    key_without_noncompete: tuple[PersonNote, ...]
    on_notice: tuple[Leaver, ...]
    payments: tuple[PaymentDue, ...]
    signs: tuple[WarningSign, ...]
    unvisited_count: int  # key clients overdue for a manager visit by the tier schedule (core/visits.py)
    unvisited_value: int
    visit_intervals: dict[str, int] = field(default_factory=dict)  # tier -> days between manager visits (0: none)
    generated_at: str = ""
    # The tactics' figures (store/tactics.py): overdue visits by tier schedule, key clients without firm-level
    # contact for 12 months, renewals due in 60 days, single-contact clients, former employees' clients at risk.
    tactics: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def flagged(self) -> tuple[Holding, ...]:
        return tuple(h for h in self.concentration if h.flagged)

    @property
    def overdue(self) -> tuple[PaymentDue, ...]:
        return tuple(p for p in self.payments if p.overdue)

    @property
    def signs_by_staff(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for sign in self.signs:
            out[sign.staff] = out.get(sign.staff, 0) + 1
        return out

    def as_json(self) -> dict:
        """The figures as plain data (the contract of `risks --json`)."""
        return {
            "as_of": self.as_of,
            "firm": {"name": self.firm, "clients": self.clients, "value": self.value},
            "thresholds": asdict(self.thresholds),
            "concentration": [{"staff": h.staff, "clients": h.clients, "value": h.value, "share": h.share,
                               "flagged": h.flagged} for h in self.concentration],
            "single_threaded": {"count": self.single_threaded_count, "value": self.single_threaded_value,
                                "top": [{"code": c.code, "client": c.name, "owner": c.owner, "value": c.value}
                                        for c in self.single_threaded_top]},
            "staff_without_confidentiality": [p.name for p in self.without_confidentiality],
            "key_without_noncompete": [{"staff": p.name, "why": p.detail} for p in self.key_without_noncompete],
            "on_notice": [p.name for p in self.on_notice],
            "handovers": [{"staff": p.name, "last_day": p.last_day, "handover": p.handover,
                           "tasks_done": p.tasks_done, "tasks_total": p.tasks_total,
                           "clients_still_owned": p.clients_left, "value_still_owned": p.value_left}
                          for p in self.on_notice],
            "compensation": {
                "overdue": {"count": len(self.overdue), "amount": sum(p.amount for p in self.overdue)},
                "due": {"count": len(self.payments) - len(self.overdue),
                        "amount": sum(p.amount for p in self.payments if not p.overdue)},
                "payments": [{"staff": p.staff, "document": p.document_no, "month": p.number, "due_on": p.due_on,
                              "amount": p.amount, "overdue": p.overdue} for p in self.payments],
            },
            "warning_signs": [{"staff": s.staff, "kind": s.kind, "noted_on": s.noted_on, "note": s.note}
                              for s in self.signs],
            "key_clients_unvisited": {"count": self.unvisited_count, "value": self.unvisited_value,
                                      "interval_days": {k: v for k, v in self.visit_intervals.items() if v}},
            "tactics": {name: dict(values) for name, values in self.tactics.items()},
        }


# -- pure rules
def share(value: int, total: int) -> float:
    return value / total if total else 0.0


def holdings(rows: list[tuple[int, str, int, int]], total: int, thresholds: Thresholds) -> tuple[Holding, ...]:
    """(staff id, name, clients, value) rows to holdings, largest first, flagged above the threshold."""
    limit = thresholds.concentration_percent / 100
    out = [Holding(i, name, n, v, share(v, total), share(v, total) > limit) for i, name, n, v in rows]
    return tuple(sorted(out, key=lambda h: (-h.value, h.staff, h.staff_id)))


def concentrated_after(held: dict[int, int], taken: dict[int, int], total: int, thresholds: Thresholds
                       ) -> dict[int, float]:
    """Successors a handover would put above the concentration threshold (the Risk tab's flag): staff id → their
    share of the firm's active value after taking over. held: active value each owns now; taken: active value
    each would take over (the leaver's clients stay in the firm, so the total does not change)."""
    limit = thresholds.concentration_percent / 100
    after = {sid: share(held.get(sid, 0) + value, total) for sid, value in taken.items() if value}
    return {sid: part for sid, part in after.items() if part > limit}


def is_key_person(secret_access: bool, value: int, total: int, thresholds: Thresholds) -> bool:
    return secret_access or (total > 0 and share(value, total) * 100 >= thresholds.key_person_percent)


def payments_due(document_no: str, staff: str, agreement_id: int, installments: tuple[Installment, ...],
                 today: dt.date, months: int = COMPENSATION_MONTHS) -> list[PaymentDue]:
    """Unpaid instalments already overdue, or falling due from today until `months` months ahead."""
    horizon = add_months(today, months).isoformat()
    out = []
    for item in installments:
        if item.paid_on is not None or item.due_on > horizon:
            continue
        out.append(PaymentDue(agreement_id, document_no, staff, item.number, item.due_on, item.amount,
                              item.due_on < today.isoformat()))
    return out


def sign_cutoff(today: dt.date, thresholds: Thresholds) -> str:
    return (today - dt.timedelta(days=thresholds.sign_days)).isoformat()


def visit_schedule_text(intervals: dict[str, int]) -> str:
    """'A 91, B 182' : the tiers with scheduled manager visits and their intervals in days."""
    return ", ".join(f"{tier} {days}" for tier, days in intervals.items() if days)
