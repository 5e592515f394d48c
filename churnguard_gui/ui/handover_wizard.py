"""The exit-handover wizard run the day someone resigns: departure, clients, key clients, checklist, review."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QWidget,
    QWizard,
)
from sqlite_utils import Database

from churnguard_gui.core.errors import ChurnError
from churnguard_gui.core.handover import (
    ChecklistItem,
    Departure,
    HandoverPlan,
    active_value_taken,
    checklist_from_template,
    default_departure,
    key_client_ids,
    plan_problems,
    propose_backups,
    propose_successors,
    schedule_key_clients,
    successor_loads,
    template_from_checklist,
)
from churnguard_gui.core.messages import problem_text
from churnguard_gui.core.risk import concentrated_after
from churnguard_gui.core.values import format_money, parse_date
from churnguard_gui.i18n import language, ntr
from churnguard_gui.store.handovers import (
    candidates,
    checklist_template,
    current_lines,
    finish_handover,
    save_draft,
    save_template,
)
from churnguard_gui.store.risk import active_holdings
from churnguard_gui.store.settings import risk_thresholds
from churnguard_gui.store.staff import get_staff
from churnguard_gui.ui.errors import show_error
from churnguard_gui.ui.handover_models import HandoverClientsModel
from churnguard_gui.ui.handover_pages import (
    CHECKLIST_COLUMNS,
    ChecklistPage,
    ClientsPage,
    DeparturePage,
    KeyClientsPage,
    Page,
    ReviewPage,
)
from churnguard_gui.ui.record_list_model import RecordListModel
from churnguard_gui.ui.widgets import install_discard_guard


class HandoverWizard(QWizard):
    """Produces a HandoverPlan; Finish writes it in one transaction, Save for later keeps a draft."""

    def __init__(self, db: Database, staff_id: int, parent: QWidget | None = None,
                 draft: HandoverPlan | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.staff_id = staff_id
        self.staff = get_staff(db, staff_id)
        self.today = today or dt.date.today()
        self.handover_id: int | None = None
        self.saved_as = ""
        self._draft_id = draft.handover_id if draft else None
        pool = candidates(db)
        self.candidates = pool
        self.firm_value, self.held = active_holdings(db)  # to warn when a successor would hold too much
        self.thresholds = risk_thresholds(db)
        self.people = [(c.staff_id, c.name) for c in pool if c.staff_id != staff_id]
        self.visitors = list(self.people)
        self._offered: set[int] = set()
        lines = list(draft.lines) if draft else current_lines(db, staff_id)
        self.key_ids = key_client_ids(lines)
        self.clients = HandoverClientsModel(lines, dict(self.people), self)
        self.checklist = RecordListModel(CHECKLIST_COLUMNS, list(draft.checklist) if draft else [], ChecklistItem,
                                         self, parsers={"due": parse_date})
        self.setWindowTitle(self.tr("Exit handover: {name}").format(name=self.staff.name))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("Save for later"))
        self.customButtonClicked.connect(lambda _button: self.save_for_later())
        self.departure_page = DeparturePage(self)
        self.setPage(Page.DEPARTURE, self.departure_page)
        self.setPage(Page.CLIENTS, ClientsPage(self))
        self.setPage(Page.KEY_CLIENTS, KeyClientsPage(self))
        self.setPage(Page.CHECKLIST, ChecklistPage(self))
        self.setPage(Page.REVIEW, ReviewPage(self))
        if draft:
            self.departure_page.fill(draft.departure)
            if self.departure_page.noncompete is not None:
                self.departure_page.noncompete.fill(draft.average_pay, draft.noncompete_decisions)
        else:
            self.departure_page.fill(default_departure(self.staff.notice_date, self.staff.last_day,
                                                       self.staff.secret_access, self.today))
            self.accept_proposals()
        self.resize(1000, 640)
        self.discard_guard = install_discard_guard(self, self.save_for_later)

    def picker_labels(self) -> list[tuple[int, str]]:
        """Each colleague as the pickers show them: current clients and value, and a warning when the record
        says they have no access to trade secrets."""
        out = []
        for c in self.candidates:
            if c.staff_id == self.staff.id:
                continue
            label = ntr("{name} — {n} client, ¥{value}", "{name} — {n} clients, ¥{value}", c.clients, name=c.name,
                        value=format_money(c.load))
            if not c.secret_access:
                label += " " + self.tr("(no access to trade secrets)")
            out.append((c.staff_id, label))
        return out

    @property
    def offered_ids(self) -> set[int]:
        """The clients a backup was offered for (key clients, and those whose manager became the owner)."""
        return self._offered

    def offer_backups(self) -> int:
        """Propose a backup for each client the handover would leave with one person, by the rule of
        core.handover.propose_backups (once per client); returns how many are proposed now."""
        offers = propose_backups(self.clients.lines(), self.candidates, self.staff.department, self.staff_id)
        fresh = {cid: sid for cid, sid in offers.items() if cid not in self._offered}
        self._offered |= set(offers)
        self.clients.offer_backups(fresh)
        return sum(1 for ln in self.clients.lines() if ln.new_backup_id is not None and ln.client_id in offers)

    # -- building the plan
    def departure(self) -> Departure:
        return self.departure_page.departure()

    def concentrated(self) -> dict[int, float]:
        """Successors this handover would put above the concentration threshold, with their share after it."""
        return concentrated_after(self.held, active_value_taken(self.clients.lines()), self.firm_value,
                                  self.thresholds)

    def accept_proposals(self) -> None:
        lines = self.clients.lines()
        proposal = propose_successors(lines, self.candidates, self.staff.department, self.staff_id)
        self.clients.apply_proposal(proposal)

    def schedule_keys(self) -> None:
        dep = self.departure()
        if dep.resignation_date:
            visitor = self.staff.manager_id if self.staff.manager_id in dict(self.people) else None
            self.clients.set_lines(schedule_key_clients(self.clients.lines(), dep, visitor))

    def fill_checklist(self) -> None:
        if self.checklist.rowCount():
            return
        dep = self.departure()
        for item in checklist_from_template(checklist_template(self.db, language()), dep.last_day,
                                            dep.resignation_date):
            self.checklist.add(item)

    def save_as_template(self) -> None:
        save_template(self.db, template_from_checklist(self.checklist.rows(), self.departure().last_day))

    def plan(self) -> HandoverPlan:
        """The wizard's result."""
        box = self.departure_page.noncompete
        return HandoverPlan(self.staff_id, self.departure(), tuple(self.clients.lines()),
                            tuple(self.checklist.rows()), self._draft_id, box.average_pay() if box else None,
                            box.decisions() if box else ())

    def review_text(self) -> str:
        plan = self.plan()
        owned = [ln for ln in plan.lines if ln.role == "owner"]
        names: dict[int | None, str] = dict(self.people)  # a line nobody visits has visited_by None
        lines = [self.tr("{name} leaves on {date}.").format(name=self.staff.name, date=plan.departure.last_day),
                 ntr("{n} owned client, ¥{value} a year, goes to:", "{n} owned clients, ¥{value} a year, go to:",
                     len(owned), value=format_money(sum(ln.annual_value for ln in owned)))]
        for sid, (count, value) in sorted(successor_loads(list(plan.lines)).items(), key=lambda kv: -kv[1][1]):
            lines.append(f"  • {names.get(sid, sid)}: {count} — ¥{format_money(value)}")
        keys = [ln for ln in plan.lines if ln.client_id in self.key_ids]
        lines.append(ntr("{n} key client gets a call and a manager visit:",
                         "{n} key clients get a call and a manager visit:", len(keys)))
        lines += [f"  • {ln.name}: {ln.notify_on or '—'} / {ln.visit_on or '—'} {names.get(ln.visited_by, '')}"
                  .rstrip() for ln in keys]
        lines.append(self.tr("{count} checklist tasks.").format(count=len(plan.checklist)))
        lines += self.tactics_notes(plan)
        problems = plan_problems(plan)
        if problems:
            lines.append("")
            lines += [self.tr("Cannot finish yet: {problem}").format(problem=problem_text(p))
                      for p in problems.values()]
        return "\n".join(lines)

    def tactics_notes(self, plan: HandoverPlan) -> list[str]:
        """Contracts ending near the last day (renewal at risk) and the incentives the leaver forfeits."""
        from churnguard_gui.core.incentives import INCENTIVE_LABELS
        from churnguard_gui.store.contracts import contracts_near_last_day
        from churnguard_gui.store.incentives import forfeited_by

        last_day = plan.departure.last_day or None
        out = []
        near = contracts_near_last_day(self.db, self.staff_id, last_day)
        if near:
            out.append(self.tr("⚠ {count} contracts end within 90 days of the last day: renew them with the "
                               "successor now:").format(count=len(near)))
            out += [f"  • {name}: {end}" for _, name, end in near]
        lost = forfeited_by(self.db, self.staff_id, last_day)
        if lost:
            out.append(self.tr("Leaving on {date} forfeits ¥{amount} of unvested incentives:").format(
                date=last_day or "—", amount=format_money(sum(i.amount for i in lost))))
            out += [f"  • {self.tr(INCENTIVE_LABELS[i.kind])} {i.description}: ¥{format_money(i.amount)} "
                    f"({i.vests_on})" for i in lost]
        return out

    # -- writing
    def validateCurrentPage(self) -> bool:  # noqa: N802
        if self.currentId() != Page.REVIEW:
            return super().validateCurrentPage()
        try:
            self.handover_id = finish_handover(self.db, self.plan(), self.today.isoformat())
        except ChurnError as error:
            show_error(self, error)
            return False
        return True

    def save_for_later(self) -> None:
        if not self.departure_page.validatePage():
            while self.currentId() not in (Page.DEPARTURE, -1):
                self.back()
            return
        try:
            self.handover_id = save_draft(self.db, self.plan())
        except ChurnError as error:
            show_error(self, error)
            return
        self.saved_as = "draft"
        self.done(QWizard.DialogCode.Rejected)
