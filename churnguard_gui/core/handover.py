"""The exit handover: who takes each client, which clients get a visit, and the checklist."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace

from churnguard_gui.core.errors import FieldProblem

REASONS = ("better_pay", "competitor", "career", "personal", "relocation", "dismissed", "other")
REASON_LABELS = {
    "better_pay": "better pay elsewhere",
    "competitor": "joining a competitor",
    "career": "career change",
    "personal": "personal or family reasons",
    "relocation": "moving away",
    "dismissed": "dismissed by the firm",
    "other": "other",
}
KEY_SHARE = 0.2  # the top 20% of clients by value are key clients, with every tier A client


@dataclass(frozen=True)
class Departure:
    resignation_date: str
    last_day: str
    reason: str = "other"
    reason_text: str = ""
    destination: str = ""
    to_competitor: bool = False
    secret_access: bool = False


@dataclass(frozen=True)
class ClientLine:
    """One client the leaver is linked to, as the wizard and the report show it."""

    client_id: int
    code: str
    name: str
    tier: str
    annual_value: int
    contact: str
    contact_phone: str
    last_contact: str
    last_manager_visit: str
    role: str  # owner / backup
    backups: tuple[int, ...] = ()  # other staff linked as backup
    others_linked: int = 0  # other staff linked in any role
    successor_id: int | None = None
    notify_on: str | None = None
    visit_on: str | None = None


@dataclass(frozen=True)
class Candidate:
    staff_id: int
    name: str
    department: str
    load: int  # annual value already owned


@dataclass(frozen=True)
class ChecklistItem:
    text: str
    responsible: str = ""
    due: str | None = None
    done: bool = False


@dataclass(frozen=True)
class HandoverPlan:
    """What the wizard produces: the departure, every client line, and the checklist."""

    staff_id: int
    departure: Departure
    lines: tuple[ClientLine, ...]
    checklist: tuple[ChecklistItem, ...] = ()
    handover_id: int | None = None
    average_pay: int | None = None  # 12-month average with commission and bonuses, at departure
    noncompete_decisions: tuple[tuple[int, str], ...] = ()  # (agreement id, enforce / waive)


def propose_successors(lines: list[ClientLine], candidates: list[Candidate], department: str,
                       leaver_id: int) -> dict[int, int | None]:
    """For each owned client: an active backup on its team first, else the active salesperson of the same
    department carrying the least client value, counting what this handover already gave them."""
    active = {c.staff_id: c for c in candidates if c.staff_id != leaver_id}
    pool = [c for c in active.values() if c.department == department] or list(active.values())
    load = {c.staff_id: c.load for c in active.values()}
    proposal: dict[int, int | None] = {}
    for line in sorted((ln for ln in lines if ln.role == "owner"), key=lambda ln: (-ln.annual_value, ln.client_id)):
        backup = next((b for b in line.backups if b in active), None)
        if backup is None and pool:
            backup = min(pool, key=lambda c: (load[c.staff_id], c.name)).staff_id
        proposal[line.client_id] = backup
        if backup is not None:
            load[backup] += line.annual_value
    return proposal


def key_client_ids(lines: list[ClientLine]) -> set[int]:
    """Tier A clients, and the top 20% of the leaver's owned clients by annual value."""
    owned = sorted((ln for ln in lines if ln.role == "owner"), key=lambda ln: (-ln.annual_value, ln.client_id))
    top = owned[: math.ceil(len(owned) * KEY_SHARE)]
    return {ln.client_id for ln in owned if ln.tier == "A"} | {ln.client_id for ln in top if ln.annual_value > 0}


def successor_loads(lines: list[ClientLine]) -> dict[int, tuple[int, int]]:
    """successor id -> (clients taken on, annual value taken on)."""
    loads: dict[int, tuple[int, int]] = {}
    for line in lines:
        if line.role == "owner" and line.successor_id is not None:
            count, value = loads.get(line.successor_id, (0, 0))
            loads[line.successor_id] = (count + 1, value + line.annual_value)
    return loads


def plan_problems(plan: HandoverPlan) -> dict[str, FieldProblem]:
    """What stops the handover from being finished."""
    problems: dict[str, FieldProblem] = {}
    dep = plan.departure
    if not dep.resignation_date:
        problems["resignation_date"] = FieldProblem("required")
    if not dep.last_day:
        problems["last_day"] = FieldProblem("required")
    elif dep.resignation_date and dep.last_day < dep.resignation_date:
        problems["last_day"] = FieldProblem("last_day_before_resignation", value=dep.last_day)
    missing = [ln.name for ln in plan.lines if ln.role == "owner" and ln.successor_id is None]
    if missing:
        problems["successors"] = FieldProblem("no_successor", count=len(missing), names="、".join(missing[:5]))
    if any(ln.successor_id == plan.staff_id for ln in plan.lines):
        problems["successors"] = FieldProblem("successor_is_leaver")
    for index, item in enumerate(plan.checklist):
        if not item.text.strip():
            problems[f"checklist.{index}"] = FieldProblem("required")
    return problems


def schedule_key_clients(lines: list[ClientLine], resignation_date: str) -> list[ClientLine]:
    """Key clients get a notification within two working days and a manager visit within a week of it."""
    start = dt.date.fromisoformat(resignation_date)
    keys = key_client_ids(lines)
    out = []
    for line in lines:
        if line.client_id in keys:
            line = replace(line, notify_on=line.notify_on or _workdays(start, 2).isoformat(),
                           visit_on=line.visit_on or _workdays(start, 7).isoformat())
        out.append(line)
    return out


def _workdays(start: dt.date, days: int) -> dt.date:
    day = start
    while days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def checklist_from_template(texts: list[tuple[str, str, int]], last_day: str, resignation_date: str
                            ) -> list[ChecklistItem]:
    """Template rows are (text, responsible, days from the last day: 0 on it, negative before it);
    no due date falls before the resignation date."""
    last = dt.date.fromisoformat(last_day)
    start = dt.date.fromisoformat(resignation_date)
    items = []
    for text, responsible, offset in texts:
        due = max(start, last + dt.timedelta(days=offset))
        items.append(ChecklistItem(text, responsible, due.isoformat()))
    return items


def template_from_checklist(items: list[ChecklistItem], last_day: str) -> list[tuple[str, str, int]]:
    """The firm's template from a handover's checklist: due dates become days from the last day."""
    last = dt.date.fromisoformat(last_day)
    return [(i.text, i.responsible, (dt.date.fromisoformat(i.due) - last).days if i.due else 0) for i in items]


@dataclass(frozen=True)
class AgreementLine:
    kind: str  # confidentiality / noncompete
    status: str
    signed_on: str | None = None
    ends_on: str | None = None
    monthly_compensation: int | None = None
    document_no: str = ""
    starts_on: str | None = None
    months: int = 0
    decision: str | None = None  # enforce / waive, decided at departure
    release_kind: str | None = None  # waiver (at departure, free) / release (during the period, three months)
    topped_up_by: str = ""  # the region whose floor raised the agreed amount at departure ("" when it did not)
    business: str = ""  # the non-compete's competing business
    region: str = ""  # and its region


@dataclass(frozen=True)
class HandoverReport:
    """Everything the printed report shows; built by the store, drawn by reports/."""

    firm: str
    document_no: str
    generated_at: str
    staff_name: str
    role: str
    department: str
    resignation_date: str
    last_day: str
    reason: str
    destination: str
    lines: tuple[ClientLine, ...]
    reason_text: str = ""
    successor_names: dict[int, str] = field(default_factory=dict)
    firm_total_value: int = 0
    agreements: tuple[AgreementLine, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()
    manager_name: str = ""
    status: str = "draft"
    produced_by: str = ""  # who produced the document (the firm), printed in the footer

    @property
    def owned(self) -> list[ClientLine]:
        return [ln for ln in self.lines if ln.role == "owner"]

    @property
    def total_value(self) -> int:
        return sum(ln.annual_value for ln in self.owned)

    @property
    def share(self) -> float:
        return self.total_value / self.firm_total_value if self.firm_total_value else 0.0

    @property
    def single_threaded(self) -> int:
        return sum(1 for ln in self.owned if ln.others_linked == 0)
