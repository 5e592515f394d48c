"""The exit-handover wizard run the day someone resigns: departure, clients, key clients, checklist, review."""
from __future__ import annotations

import datetime as dt
from enum import IntEnum

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlite_utils import Database

from churnguard_gui.core.errors import ChurnError, FieldProblem
from churnguard_gui.core.handover import (
    EXPOSURE_ADVICE,
    REASON_LABELS,
    REASONS,
    VISITS_PER_DAY,
    ChecklistItem,
    Departure,
    HandoverPlan,
    checklist_from_template,
    default_departure,
    exposure,
    key_client_ids,
    key_date_problems,
    nobody_to_propose,
    over_booked_visits,
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
from churnguard_gui.store.agreements import agreement_lines
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
from churnguard_gui.ui.departure_noncompete import NoncompeteBox
from churnguard_gui.ui.errors import show_error
from churnguard_gui.ui.handover_models import HandoverClientsModel
from churnguard_gui.ui.record_list_model import RecordListModel
from churnguard_gui.ui.widgets import WARNING_COLOUR, install_discard_guard, message_label, record_table

CHECKLIST_COLUMNS = [("text", "Task"), ("responsible", "Responsible"), ("due", "Due")]


class Page(IntEnum):
    DEPARTURE = 0
    CLIENTS = 1
    KEY_CLIENTS = 2
    CHECKLIST = 3
    REVIEW = 4


class SuccessorDelegate(QStyledItemDelegate):
    """Edits a person cell (successor, visitor, backup) with a drop-down of active staff; none_text adds a
    "nobody" choice."""

    def __init__(self, people: list[tuple[int, str]], parent=None, none_text: str = "") -> None:
        super().__init__(parent)
        self._people = people
        self._none_text = none_text

    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        if self._none_text:
            combo.addItem(self._none_text, None)
        for staff_id, name in self._people:
            combo.addItem(name, staff_id)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.UserRole)), 0))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DeparturePage(QWizardPage):
    def __init__(self, wizard: HandoverWizard) -> None:
        super().__init__()
        self.setTitle(self.tr("Departure"))
        self.setSubTitle(self.tr("When {name} resigned, the last working day, and where they are going.")
                         .format(name=wizard.staff.name))
        self.resignation = QLineEdit()
        self.last_day = QLineEdit()
        for edit in (self.resignation, self.last_day):
            edit.setPlaceholderText(self.tr("e.g. 2025-01-02"))
        self.reason = QComboBox()
        for code in REASONS:
            self.reason.addItem(self.tr(REASON_LABELS[code]), code)
        self.reason_text = QLineEdit()
        self.destination = QLineEdit()
        self.destination.setPlaceholderText(self.tr("new employer, if known"))
        self.to_competitor = QCheckBox(self.tr("The new employer is a &competitor"))
        self.secret_access = QCheckBox(self.tr("Had access to trade &secrets (client terms, prices, plans)"))
        self.error = message_label()
        self.exposure = message_label()
        form = QFormLayout(self)
        form.addRow(self.tr("&Resignation date") + " *", self.resignation)
        form.addRow(self.tr("&Last working day") + " *", self.last_day)
        form.addRow(self.tr("Re&ason"), self.reason)
        form.addRow(self.tr("Reason in words"), self.reason_text)
        form.addRow(self.tr("Going &to"), self.destination)
        form.addRow("", self.to_competitor)
        form.addRow("", self.secret_access)
        form.addRow(self.exposure)
        self.noncompete = self._noncompete_box(wizard, form)
        form.addRow(self.error)
        self.registerField("resignation*", self.resignation)
        self.registerField("last_day*", self.last_day)
        self.reason.currentIndexChanged.connect(
            lambda: self.to_competitor.setChecked(self.to_competitor.isChecked()
                                                  or self.reason.currentData() == "competitor"))
        self._agreements = agreement_lines(wizard.db, wizard.staff_id, wizard.today)
        self.to_competitor.toggled.connect(lambda: self.update_exposure())

    def update_exposure(self) -> None:
        """Say at once what a leaver going to a competitor has not signed, and what the owner can still do."""
        missing = exposure(self._agreements, self.to_competitor.isChecked())
        if not missing:
            self.exposure.clear()
            return
        names = {"confidentiality": self.tr("no signed confidentiality agreement"),
                 "noncompete": self.tr("no signed non-compete")}
        head = self.tr("Going to a competitor with {missing}. What you can still do:").format(
            missing=self.tr(" and ").join(names[kind] for kind in missing))
        self.exposure.setText("<b>⚠ " + head + "</b><br>" + "<br>".join(
            "• " + QCoreApplication.translate("handover", advice) for advice in EXPOSURE_ADVICE))

    @staticmethod
    def _noncompete_box(wizard: HandoverWizard, form: QFormLayout) -> NoncompeteBox | None:
        """Pay at departure and enforce-or-waive, when the person has a signed non-compete."""
        box = NoncompeteBox(wizard.db, wizard.staff)
        if not box.agreements:
            box.deleteLater()
            return None
        form.addRow(box)
        return box

    def fill(self, departure: Departure) -> None:
        self.resignation.setText(departure.resignation_date)
        self.last_day.setText(departure.last_day)
        self.reason.setCurrentIndex(max(self.reason.findData(departure.reason), 0))
        self.reason_text.setText(departure.reason_text)
        self.destination.setText(departure.destination)
        self.to_competitor.setChecked(departure.to_competitor)
        self.secret_access.setChecked(departure.secret_access)
        self.update_exposure()

    def departure(self) -> Departure:
        """The departure as typed; dates that cannot be read are kept as typed (validatePage refuses them)."""
        def date(edit: QLineEdit) -> str:
            try:
                return parse_date(edit.text()) or ""
            except FieldProblem:
                return edit.text()
        return Departure(date(self.resignation), date(self.last_day), self.reason.currentData(),
                         self.reason_text.text().strip(), self.destination.text().strip(),
                         self.to_competitor.isChecked(), self.secret_access.isChecked())

    def validatePage(self) -> bool:  # noqa: N802
        for label, edit in ((self.tr("Resignation date"), self.resignation),
                            (self.tr("Last working day"), self.last_day)):
            try:
                parse_date(edit.text())
            except FieldProblem as problem:
                self.error.setText(f"{label}: {problem_text(problem)}")
                edit.setFocus()
                return False
        dep = self.departure()
        problems = plan_problems(HandoverPlan(0, dep, ()))
        if problems:
            self.error.setText(problem_text(next(iter(problems.values()))))
            return False
        if self.noncompete is not None and self.noncompete.undecided():
            self.error.setText(self.tr("Decide whether to enforce or waive: {documents}").format(
                documents=", ".join(self.noncompete.undecided())))
            return False
        self.error.clear()
        return True


class ClientsPage(QWizardPage):
    def __init__(self, wizard: HandoverWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Clients and successors"))
        self.setSubTitle(self.tr("Every client {name} owns or backs up. Each owned client needs a successor: an "
                                 "existing backup is proposed first, then the colleague in the same department "
                                 "with the least client value.").format(name=wizard.staff.name))
        self.view = record_table(wizard.clients)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setItemDelegateForColumn(HandoverClientsModel.SUCCESSOR,
                                           SuccessorDelegate(wizard.picker_labels(), self))
        for column in (HandoverClientsModel.NOTIFY, HandoverClientsModel.VISIT, HandoverClientsModel.VISITED_BY,
                       HandoverClientsModel.NEW_BACKUP):
            self.view.hideColumn(column)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        accept = QPushButton(self.tr("Accept all &proposals"))
        accept.clicked.connect(wizard.accept_proposals)
        self.target = QComboBox()
        for staff_id, label in wizard.picker_labels():
            self.target.addItem(label, staff_id)
        assign = QPushButton(self.tr("A&ssign selected clients to"))
        assign.clicked.connect(self.assign_selected)
        self.loads = QLabel()
        self.loads.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(accept)
        buttons.addStretch()
        buttons.addWidget(assign)
        buttons.addWidget(self.target)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        layout.addWidget(self.loads)
        wizard.clients.changed.connect(self.update_loads)
        wizard.clients.changed.connect(self.completeChanged)
        self.update_loads()

    def initializePage(self) -> None:  # noqa: N802
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(1, min(self.view.columnWidth(1), 260))

    def assign_selected(self) -> None:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedIndexes()})
        self._wizard.clients.assign(rows, self.target.currentData())

    def update_loads(self) -> None:
        names = dict(self._wizard.people)
        parts = [ntr("{name}: {n} client, ¥{value}", "{name}: {n} clients, ¥{value}", count, name=names.get(sid, sid),
                     value=format_money(value))
                 for sid, (count, value) in sorted(self._wizard.clients.loads().items(), key=lambda kv: -kv[1][1])]
        missing = self._wizard.clients.missing()
        text = self.tr("Taking on: ") + ("; ".join(parts) if parts else self.tr("nobody yet"))
        if missing:
            text += "\n" + ntr("{n} owned client still needs a successor.",
                                "{n} owned clients still need a successor.", missing)
            if nobody_to_propose(self._wizard.candidates, self._wizard.staff_id):
                text += " " + self.tr("Nobody could be proposed: successors are proposed only among colleagues "
                                      "at work (not on notice) whose staff record gives them access to trade "
                                      "secrets, and none has it. Tick “This person can see trade secrets” on the "
                                      "records of those who may take clients over, or choose each successor here by "
                                      "hand.")
        for sid, part in self._wizard.concentrated().items():
            text += "\n" + self.tr("{name} would hold {share} of the firm's active client value, above the Risk "
                                   "tab's {percent}%: spread these clients over more colleagues.").format(
                name=names.get(sid, sid), share=f"{part:.1%}", percent=self._wizard.thresholds.concentration_percent)
        self.loads.setText(text)

    def isComplete(self) -> bool:  # noqa: N802 - starts filled, so Qt's own check is not enough
        return self._wizard.clients.missing() == 0


class KeyClientsProxy(QSortFilterProxyModel):
    """The key clients of the handover, and any other client offered a backup (its manager became its owner)."""

    def __init__(self, wizard: HandoverWizard, parent=None) -> None:
        super().__init__(parent)
        self._wizard = wizard

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802
        client_id = self._wizard.clients.line(row).client_id
        return client_id in self._wizard.key_ids or client_id in self._wizard.offered_ids


class KeyClientsPage(QWizardPage):
    def __init__(self, wizard: HandoverWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Key clients"))
        self.setSubTitle(self.tr("Tier A clients and the top 20% by value. Plan when each is told of the change and "
                                 "when the owner or a manager visits, before the leaver can reach them."))
        self.proxy = KeyClientsProxy(wizard, self)
        self.proxy.setSourceModel(wizard.clients)
        self.view = record_table(self.proxy)
        for column in (0, 4, 6, 7):
            self.view.hideColumn(column)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.setItemDelegateForColumn(HandoverClientsModel.SUCCESSOR,
                                           SuccessorDelegate(wizard.picker_labels(), self))
        self.view.setItemDelegateForColumn(HandoverClientsModel.VISITED_BY,
                                           SuccessorDelegate(wizard.visitors, self, self.tr("— nobody —")))
        self.view.setItemDelegateForColumn(HandoverClientsModel.NEW_BACKUP,
                                           SuccessorDelegate(wizard.picker_labels(), self, self.tr("— no backup —")))
        self.problems = message_label()
        self.backups = message_label(WARNING_COLOUR)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(QLabel(self.tr("Double-click a date or a name to change it. Visits must fall after the client "
                                        "is told and no later than the last working day.")))
        layout.addWidget(self.problems)
        layout.addWidget(self.backups)
        wizard.clients.changed.connect(self.update_problems)

    def initializePage(self) -> None:  # noqa: N802
        self._wizard.schedule_keys()
        offered = self._wizard.offer_backups()
        self.proxy.invalidate()
        self.view.resizeColumnsToContents()
        self.backups.setText(ntr(
            "{n} client would be left with only its new owner: a backup is proposed in “Backup added” "
            "(choose “no backup” to decline).",
            "{n} clients would be left with only their new owner: a backup is proposed in “Backup added” "
            "(choose “no backup” to decline).", offered) if offered else "")
        self.update_problems()

    def update_problems(self) -> None:
        """Loudly name every key client whose dates break the rule; Finish refuses them too."""
        dep = self._wizard.departure()
        problems = [problem_text(p) for ln in self._wizard.clients.lines() if ln.client_id in self._wizard.key_ids
                    for p in key_date_problems(ln, dep)]
        crowded = over_booked_visits(self._wizard.clients.lines(), self._wizard.key_ids)
        if crowded:
            problems.insert(0, ntr(
                "{n} visit is planned on a day that already has {per_day}: the notice period is too short for one "
                "visitor. Choose other visitors in “Visited by” to spread them.",
                "{n} visits are planned on days that already have {per_day}: the notice period is too short for one "
                "visitor. Choose other visitors in “Visited by” to spread them.", crowded, per_day=VISITS_PER_DAY))
        self.problems.setText("\n".join(f"⚠ {text}" for text in problems[:8])
                              + ("\n…" if len(problems) > 8 else ""))


class ChecklistPage(QWizardPage):
    def __init__(self, wizard: HandoverWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Checklist"))
        self.setSubTitle(self.tr("What must happen before the last day, who does it and by when. Edit any cell; "
                                 "the list comes from the firm's template."))
        self.view = record_table(wizard.checklist)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        add = QPushButton(self.tr("Add task"))
        add.clicked.connect(lambda: wizard.checklist.add(
            ChecklistItem(self.tr("New task"), "", wizard.departure().last_day)))
        remove = QPushButton(self.tr("Remove task"))
        remove.clicked.connect(lambda: wizard.checklist.remove(
            [i.row() for i in self.view.selectionModel().selectedIndexes()]))
        keep = QPushButton(self.tr("Save as the firm's template"))
        keep.clicked.connect(wizard.save_as_template)
        buttons = QHBoxLayout()
        for button in (add, remove):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(keep)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def initializePage(self) -> None:  # noqa: N802
        self._wizard.fill_checklist()
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(0, min(max(self.view.columnWidth(0), 300), 460))


class ReviewPage(QWizardPage):
    def __init__(self, wizard: HandoverWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Review and finish"))
        self.setSubTitle(self.tr("Finishing gives every owned client to its successor, records why in the ownership "
                                 "history, and stores the checklist. It cannot be undone."))
        self.setCommitPage(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        QVBoxLayout(self).addWidget(self.text)

    def initializePage(self) -> None:  # noqa: N802
        self.text.setPlainText(self._wizard.review_text())


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
        taken: dict[int, int] = {}
        for line in self.clients.lines():
            if line.role == "owner" and line.status == "active" and line.successor_id is not None:
                taken[line.successor_id] = taken.get(line.successor_id, 0) + line.annual_value
        return concentrated_after(self.held, taken, self.firm_value, self.thresholds)

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
