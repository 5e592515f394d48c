"""The exit-handover wizard's pages: departure, clients and successors, key clients, checklist, review."""
from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

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
    QWizardPage,
)

from churnguard_gui.core.errors import FieldProblem
from churnguard_gui.core.handover import (
    EXPOSURE_ADVICE,
    REASON_LABELS,
    REASONS,
    VISITS_PER_DAY,
    ChecklistItem,
    Departure,
    HandoverPlan,
    exposure,
    key_date_problems,
    nobody_to_propose,
    over_booked_visits,
    plan_problems,
)
from churnguard_gui.core.messages import problem_text
from churnguard_gui.core.values import format_money, parse_date
from churnguard_gui.i18n import ntr
from churnguard_gui.store.agreements import agreement_lines
from churnguard_gui.ui.departure_noncompete import NoncompeteBox
from churnguard_gui.ui.handover_models import HandoverClientsModel
from churnguard_gui.ui.widgets import WARNING_COLOUR, message_label, record_table

if TYPE_CHECKING:
    from churnguard_gui.ui.handover_wizard import HandoverWizard

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
