"""The exit handover: who takes each client, which clients get a visit, and the checklist."""
from __future__ import annotations

import datetime as dt
import heapq
import math
from dataclasses import dataclass, field, replace

from churnguard_gui.core.errors import FieldProblem
from churnguard_gui.i18n import join_names

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
NOTICE_DAYS = 30  # 劳动合同法 第37条: an employee may leave 30 days after giving written notice
KEY_SHARE = 0.2  # the top 20% of clients by value are key clients, with every tier A client
VISITS_PER_DAY = 2  # a manager visits at most this many key clients on one working day
# Words in a job title that make someone a director or the owner: proposed only when nobody else can take over.
DIRECTOR_WORDS = ("总监", "总经理", "董事", "老板", "总裁", "director", "general manager", "ceo", "chief", "owner",
                  "president")


@dataclass(frozen=True)
class Departure:
    resignation_date: str
    last_day: str
    reason: str = "other"
    reason_text: str = ""
    destination: str = ""
    to_competitor: bool = False
    secret_access: bool = False


def default_departure(notice_date: str | None, last_day: str | None, secret_access: bool,
                      today: dt.date) -> Departure:
    """What the wizard proposes: resigned on the notice date (or today), leaving NOTICE_DAYS later unless known."""
    resigned = notice_date or today.isoformat()
    last = last_day or (dt.date.fromisoformat(resigned) + dt.timedelta(days=NOTICE_DAYS)).isoformat()
    return Departure(resigned, last, secret_access=secret_access)


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
    others_linked: int = 0  # other staff of the firm still employed (active or on notice) linked in any role
    successor_id: int | None = None
    notify_on: str | None = None
    visit_on: str | None = None
    visited_by: int | None = None  # who visits the key client (a manager, usually)
    new_backup_id: int | None = None  # a backup added at the handover so the client is not left with one person
    # Who those others are (backups and the manager, employed); None for a handover stored before it was kept.
    linked: tuple[int, ...] | None = None
    status: str = "active"  # the client's status: only active clients count in the figures (as on the Risk tab)

    def team_after(self, successor: int | None) -> set[int]:
        """The firm's employed people on the client's team once `successor` owns it (the leaver gone)."""
        others = set(self.linked) if self.linked is not None else set(self.backups)
        return others | {p for p in (successor, self.new_backup_id) if p is not None}


@dataclass(frozen=True)
class Candidate:
    staff_id: int
    name: str
    department: str
    load: int  # annual value already owned
    role: str = ""
    secret_access: bool = True  # False: the record says "no access to trade secrets"
    status: str = "active"
    clients: int = 0  # clients already owned

    @property
    def is_director(self) -> bool:
        title = self.role.lower()
        return any(word in title for word in DIRECTOR_WORDS)

    @property
    def can_take_over(self) -> bool:
        """Proposed as a successor or backup at all: working (not on notice) and with access to trade secrets."""
        return self.status == "active" and self.secret_access


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
    """For each owned client, a successor who keeps it multi-threaded where anyone can:

    1. an active backup on its team, one who leaves someone else on the team (another backup, the manager) first;
    2. else the salesperson of the same department carrying the least client value, counting what this handover
       already gave them, and not someone already on the client's team: the client's manager made owner would be
       the only person left (the Risk tab counts that client as single-threaded), so the manager stays the
       second thread and a colleague takes the client;
    3. the client's own manager (or another team member) only when nobody else can take over; propose_backups
       then offers a backup for that client.

    Nobody on notice or recorded as having no access to trade secrets is ever proposed; directors only when no one
    else can take over."""
    active = {c.staff_id: c for c in candidates if c.staff_id != leaver_id and c.can_take_over}
    load = {c.staff_id: c.load for c in active.values()}
    pool = _pool(list(active.values()), department)
    proposal: dict[int, int | None] = {}
    for line in sorted((ln for ln in lines if ln.role == "owner"), key=lambda ln: (-ln.annual_value, ln.client_id)):
        backups = [b for b in line.backups if b in active and not active[b].is_director]
        backup = next((b for b in backups if len(line.team_after(b)) > 1), backups[0] if backups else None)
        if backup is None and pool:
            team = line.team_after(None)
            outside = [c for c in pool if c.staff_id not in team] or pool
            backup = min(outside, key=lambda c: (load[c.staff_id], c.name)).staff_id
        proposal[line.client_id] = backup
        if backup is not None:
            load[backup] += line.annual_value
    return proposal


def nobody_to_propose(candidates: list[Candidate], leaver_id: int) -> bool:
    """True when no colleague may be proposed at all (all on notice, or none recorded with access to trade
    secrets, as after importing a staff list without that column): the owner must be told why."""
    return not any(c.can_take_over for c in candidates if c.staff_id != leaver_id)


def _pool(people: list[Candidate], department: str) -> list[Candidate]:
    """Who takes clients over, best first: sales staff of the department, any sales staff, then directors."""
    staff = [c for c in people if not c.is_director]
    return ([c for c in staff if c.department == department] or staff
            or [c for c in people if c.department == department] or people)


def single_after_handover(line: ClientLine) -> bool:
    """True when only the successor would be left in touch with the client after the handover (a successor who was
    its backup or manager already is one person, not two)."""
    if line.role != "owner":
        return False
    if line.linked is not None or line.new_backup_id is not None:
        return len(line.team_after(line.successor_id)) <= 1
    others = line.others_linked - (1 if line.successor_id in line.backups else 0)
    return others <= 0


def collapses(line: ClientLine) -> bool:
    """The handover itself would leave the client with one person: it had someone besides the leaver, and the
    successor is that someone (its manager or only backup made owner)."""
    return single_after_handover(line) and bool(line.team_after(None))


def propose_backups(lines: list[ClientLine], candidates: list[Candidate], department: str,
                    leaver_id: int) -> dict[int, int | None]:
    """A backup for each client the handover would leave with one person, when it is a key client or when the
    handover itself made it so (its manager or only backup became the owner): a colleague other than the
    successor, chosen as successors are (no one on notice, no one without access, directors last)."""
    active = [c for c in candidates if c.staff_id != leaver_id and c.can_take_over]
    load = {c.staff_id: c.load for c in active}
    keys = key_client_ids(lines)
    # The least-loaded first, kept in heaps: a firm of 1,000 staff handing over 10,000 clients must not scan every
    # colleague for every client (that took minutes on the Key clients page).
    pool = [(c.load, c.name, c.staff_id) for c in _pool(active, department)]
    rest = [(c.load, c.name, c.staff_id) for c in active]
    heapq.heapify(pool)
    heapq.heapify(rest)
    offers: dict[int, int | None] = {}
    for line in sorted(lines, key=lambda ln: (-ln.annual_value, ln.client_id)):
        if not single_after_handover(line) or (line.client_id not in keys and not collapses(line)):
            continue
        choice = _least_loaded(pool, load, line.successor_id)
        if choice is None:
            choice = _least_loaded(rest, load, line.successor_id)
        offers[line.client_id] = choice
        if choice is not None:
            load[choice] += line.annual_value
    return offers


def _least_loaded(heap: list[tuple[int, str, int]], load: dict[int, int], exclude: int | None) -> int | None:
    """The colleague with the least load (then by name) in heap other than exclude; stale entries (their load has
    grown since they were pushed) are pushed again with the current load."""
    skipped = []
    choice = None
    while heap:
        entry = heapq.heappop(heap)
        held, name, staff_id = entry
        if held != load[staff_id]:
            heapq.heappush(heap, (load[staff_id], name, staff_id))
            continue
        if staff_id == exclude:
            skipped.append(entry)
            continue
        choice = staff_id
        skipped.append(entry)  # back in, to be refreshed with its new load when next popped
        break
    for entry in skipped:
        heapq.heappush(heap, entry)
    return choice


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


def active_value_taken(lines: list[ClientLine]) -> dict[int, int]:
    """successor id -> the annual value of the active clients they take over (what the Risk tab counts)."""
    taken: dict[int, int] = {}
    for line in lines:
        if line.role == "owner" and line.status == "active" and line.successor_id is not None:
            taken[line.successor_id] = taken.get(line.successor_id, 0) + line.annual_value
    return taken


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
        problems["successors"] = FieldProblem("no_successor", count=len(missing), names=join_names(missing[:5]))
    if any(ln.successor_id == plan.staff_id for ln in plan.lines):
        problems["successors"] = FieldProblem("successor_is_leaver")
    keys = key_client_ids(list(plan.lines))
    for line in plan.lines:
        if line.client_id in keys:
            for problem in key_date_problems(line, dep):
                problems.setdefault(f"key_dates.{line.client_id}", problem)
    for index, item in enumerate(plan.checklist):
        if not item.text.strip():
            problems[f"checklist.{index}"] = FieldProblem("required")
    return problems


def schedule_key_clients(lines: list[ClientLine], departure: Departure | str,
                         visitor: int | None = None) -> list[ClientLine]:
    """Key clients are told within two working days of the resignation and visited from the next working day,
    at most VISITS_PER_DAY a day per visitor (largest first), so the visits spread over the notice period
    instead of piling up on one day — but never after the last working day: when the notice period is too short
    for them all, the rest are planned on the last day (the leaver must introduce the successor before going).
    Dates already chosen are kept; visitor fills an empty "visited by"."""
    if isinstance(departure, str):  # callers that know only the resignation date
        departure = Departure(departure, "")
    start = dt.date.fromisoformat(departure.resignation_date)
    notify = _workdays(start, 2)
    last = dt.date.fromisoformat(departure.last_day) if departure.last_day else None
    if last is not None and notify > last:
        notify = max(last, start)
    keys = key_client_ids(lines)
    taken: dict[tuple[int | None, str], int] = {}
    for line in lines:
        if line.client_id in keys and line.visit_on:
            slot = (line.visited_by or visitor, line.visit_on)
            taken[slot] = taken.get(slot, 0) + 1
    out = {}
    for line in sorted((ln for ln in lines if ln.client_id in keys), key=lambda ln: (-ln.annual_value, ln.client_id)):
        who = line.visited_by or visitor
        told = line.notify_on or notify.isoformat()
        visit = line.visit_on
        if not visit:
            day = _workdays(dt.date.fromisoformat(told), 1)
            while taken.get((who, day.isoformat()), 0) >= VISITS_PER_DAY and (last is None or day < last):
                day = _workdays(day, 1)
            if last is not None and day > last:
                day = max(last, dt.date.fromisoformat(told))
            visit = day.isoformat()
            taken[(who, visit)] = taken.get((who, visit), 0) + 1
        out[line.client_id] = replace(line, notify_on=told, visit_on=visit, visited_by=who)
    return [out.get(line.client_id, line) for line in lines]


def over_booked_visits(lines: list[ClientLine], keys: set[int]) -> int:
    """How many key-client visits are planned beyond VISITS_PER_DAY for one visitor on one day (the notice period
    was too short to spread them): the Key clients page asks for more visitors."""
    per_day: dict[tuple[int | None, str], int] = {}
    for line in lines:
        if line.client_id in keys and line.visit_on:
            slot = (line.visited_by, line.visit_on)
            per_day[slot] = per_day.get(slot, 0) + 1
    return sum(max(n - VISITS_PER_DAY, 0) for n in per_day.values())


def key_date_problems(line: ClientLine, departure: Departure) -> list[FieldProblem]:
    """What is wrong with a key client's dates: told before the resignation or after the last day, visited
    before being told or after the last working day."""
    problems = []
    first, last = departure.resignation_date, departure.last_day
    if line.notify_on and first and line.notify_on < first:
        problems.append(FieldProblem("notify_before_resignation", value=line.notify_on, client=line.name,
                                     date=first))
    if line.notify_on and last and line.notify_on > last:
        problems.append(FieldProblem("notify_after_last_day", value=line.notify_on, client=line.name, date=last))
    if line.visit_on and line.notify_on and line.visit_on < line.notify_on:
        problems.append(FieldProblem("visit_before_notify", value=line.visit_on, client=line.name,
                                     date=line.notify_on))
    if line.visit_on and last and line.visit_on > last:
        problems.append(FieldProblem("visit_after_last_day", value=line.visit_on, client=line.name, date=last))
    return problems


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
    successor_names: dict[int, str] = field(default_factory=dict)  # staff id → name: successors and visitors
    firm_total_value: int = 0
    agreements: tuple[AgreementLine, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()
    manager_name: str = ""
    status: str = "draft"
    produced_by: str = ""  # who produced the document (the firm), printed in the footer

    # The figures use the Risk tab's definitions (core/risk.py): active clients only, the share of the firm's
    # active client value, single-threaded when nobody else still employed is on the team.
    @property
    def owned(self) -> list[ClientLine]:
        """Every client the person owns, whatever its status (each one is handed over)."""
        return [ln for ln in self.lines if ln.role == "owner"]

    @property
    def owned_active(self) -> list[ClientLine]:
        return [ln for ln in self.owned if ln.status == "active"]

    @property
    def total_value(self) -> int:
        """The annual value of the active clients owned."""
        return sum(ln.annual_value for ln in self.owned_active)

    @property
    def share(self) -> float:
        """Of the firm's active client value (firm_total_value counts active clients only)."""
        return self.total_value / self.firm_total_value if self.firm_total_value else 0.0

    @property
    def single_threaded(self) -> int:
        """Active clients owned with nobody else of the firm still employed on the team."""
        return sum(1 for ln in self.owned_active
                   if (not ln.linked if ln.linked is not None else ln.others_linked == 0))


# What the owner can still do when a leaver going to a competitor signed nothing; each line is a plain literal.
EXPOSURE_ADVICE = (
    "Hand the key clients over now and have them visited before the last working day.",
    "Give a written reminder at exit of the duty to keep the firm's trade secrets (it holds under the "
    "Anti-Unfair Competition Law even without an agreement) and keep the signed receipt.",
    "Offer a non-compete now: it binds only with their consent, and the firm pays monthly compensation after "
    "they leave.",
    "Close their access to client files, e-mail and the CRM on the last working day.",
)


def exposure(agreements: tuple[AgreementLine, ...] | list[AgreementLine], to_competitor: bool) -> list[str]:
    """The kinds of agreement a leaver going to a competitor has not signed ("confidentiality", "noncompete");
    empty when they are not going to a competitor or signed both."""
    if not to_competitor:
        return []
    signed = {a.kind for a in agreements if a.status == "signed"}
    return [kind for kind in ("confidentiality", "noncompete") if kind not in signed]
