"""Adding and editing a client: general data, what the firm knows of them, contacts and team."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from churnguard_gui.core.errors import ChurnError, FieldProblem
from churnguard_gui.core.fields import (
    CLIENT_STATUS_LABELS,
    CLIENT_STATUSES,
    FIELD_LABELS,
    OWNER_CHANGE_REASONS,
    STATUS_LABELS,
    TIERS,
)
from churnguard_gui.core.forms import client_from_form
from churnguard_gui.core.messages import problem_text
from churnguard_gui.core.models import Client, TeamMember
from churnguard_gui.core.values import format_money
from churnguard_gui.i18n import tr
from churnguard_gui.store.clients import get_client, ownership_history, save_client
from churnguard_gui.store.staff import get_staff, staff_choices
from churnguard_gui.ui.form_errors import FormErrors

_GENERAL = ("code", "name", "industry", "annual_value", "address", "contract_start", "contract_end",
            "last_contact", "last_manager_visit")
_DEEP = ("trading_habits", "price_terms", "needs", "notes")
_CONTACT_FIELDS = ("name", "title", "phone", "email")
_DATES = ("contract_start", "contract_end", "last_contact", "last_manager_visit")


class ClientDialog(QDialog):
    def __init__(self, db: Database, client_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._client_id = client_id
        self._version: int | None = None  # the row version read: saving over a newer one is refused
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("New client") if client_id is None else self.tr("Edit client"))
        self.errors = FormErrors()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_tab(), self.tr("General"))
        self.tabs.addTab(self._deep_tab(), self.tr("Client knowledge"))
        self.tabs.addTab(self._contacts_tab(), self.tr("Contacts"))
        self.team_page = self._team_tab()
        self.tabs.addTab(self.team_page, self.tr("Team"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        if client_id is not None:
            self._fill(get_client(db, client_id))
        else:
            self.add_contact()
        self.resize(640, 560)

    # -- building the tabs
    def _row(self, form: QFormLayout, field: str, widget: QWidget) -> None:
        self.errors.add_row(form, self.tr(FIELD_LABELS[field]), field, widget)

    def _general_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.inputs: dict[str, QLineEdit] = {}
        for field in _GENERAL:
            edit = QLineEdit()
            edit.setObjectName(field)
            if field in _DATES:
                edit.setPlaceholderText(self.tr("e.g. 2025-01-02"))
            self.inputs[field] = edit
            self._row(form, field, edit)
            if field == "industry":
                self.tier = QComboBox()
                self.tier.addItem(self.tr("(not set)"), None)
                for tier in TIERS:
                    self.tier.addItem(tier, tier)
                self._row(form, "tier", self.tier)
                self.status = QComboBox()
                for status in CLIENT_STATUSES:
                    self.status.addItem(self.tr(CLIENT_STATUS_LABELS[status]), status)
                self._row(form, "status", self.status)
        self.inputs["name"].setPlaceholderText(self.tr("required"))
        self.inputs["code"].setPlaceholderText(self.tr("the firm's own code, unique (optional)"))
        self.inputs["annual_value"].setPlaceholderText(self.tr("yuan, e.g. 120000 or 12万"))
        return page

    def _deep_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        hint = QLabel(self.tr("A court protects a client list as a trade secret only when it holds more than "
                              "names and phones: record how this client buys, the prices agreed and what they "
                              "plan."))
        hint.setWordWrap(True)
        form.addRow(hint)
        self.deep: dict[str, QPlainTextEdit] = {}
        for field in _DEEP:
            edit = QPlainTextEdit()
            edit.setObjectName(field)
            self.deep[field] = edit
            self._row(form, field, edit)
        return page

    def _contacts_tab(self) -> QWidget:
        page = QWidget()
        self.contacts = QStandardItemModel(0, len(_CONTACT_FIELDS) + 1, page)
        self.contacts.setHorizontalHeaderLabels([self.tr(FIELD_LABELS[f]) for f in _CONTACT_FIELDS]
                                                + [self.tr("Main contact")])
        self.contacts_view = QTableView()
        self.contacts_view.setModel(self.contacts)
        self.contacts_view.horizontalHeader().setStretchLastSection(True)
        self.contacts_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.contacts_error = QLabel()
        self.contacts_error.setStyleSheet("color: #c0392b;")
        add = QPushButton(self.tr("Add contact"))
        add.clicked.connect(lambda: self.add_contact())
        remove = QPushButton(self.tr("Remove contact"))
        remove.clicked.connect(self.remove_contact)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("People on the client's side. Double-click a cell to edit it.")))
        layout.addWidget(self.contacts_view)
        layout.addWidget(self.contacts_error)
        layout.addLayout(buttons)
        return page

    def _team_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        people = staff_choices(self._db)
        self.owner = QComboBox()
        self.owner.addItem(self.tr("(no owner)"), None)
        self.manager = QComboBox()
        self.manager.addItem(self.tr("(none)"), None)
        self.backups = QStandardItemModel(page)
        for staff_id, name, status in people:
            label = name if status == "active" else f"{name} ({self.tr(STATUS_LABELS[status])})"
            self.owner.addItem(label, staff_id)
            self.manager.addItem(label, staff_id)
            item = QStandardItem(label)
            item.setData(staff_id, Qt.ItemDataRole.UserRole)
            item.setCheckable(True)
            item.setEditable(False)
            self.backups.appendRow(item)
        self._row(form, "owner", self.owner)
        form.addRow(self.tr("Manager"), self.manager)
        backups_view = QListView()
        backups_view.setModel(self.backups)
        backups_view.setMaximumHeight(150)
        form.addRow(self.tr("Backups"), backups_view)
        hint = QLabel(self.tr("A client known to only one salesperson leaves with them: add at least one backup."))
        hint.setWordWrap(True)
        form.addRow(hint)
        self.history = QStandardItemModel(0, 4, page)
        self.history.setHorizontalHeaderLabels([self.tr("Date"), self.tr("From"), self.tr("To"), self.tr("Reason")])
        history_view = QTableView()
        history_view.setModel(self.history)
        history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        history_view.horizontalHeader().setStretchLastSection(True)
        form.addRow(self.tr("Ownership history"), history_view)
        return page

    def show_team(self) -> None:
        """Open on the Team tab (from the Risk tab: add a backup to a single-threaded client)."""
        self.tabs.setCurrentWidget(self.team_page)

    # -- filling and reading
    def _fill(self, client: Client) -> None:
        self._version = client.version
        for field, edit in self.inputs.items():
            value = getattr(client, field)
            edit.setText(format_money(value) if field == "annual_value" else (value or ""))
        for field, text_edit in self.deep.items():
            text_edit.setPlainText(getattr(client, field))
        self.tier.setCurrentIndex(max(self.tier.findData(client.tier), 0))
        self.status.setCurrentIndex(max(self.status.findData(client.status), 0))
        for contact in client.contacts:
            self.add_contact([contact.name, contact.title, contact.phone, contact.email], contact.is_primary)
        for member in client.team:
            if member.role == "owner":
                self._select(self.owner, member.staff_id)
            elif member.role == "manager":
                self._select(self.manager, member.staff_id)
        backups = {m.staff_id for m in client.team if m.role == "backup"}
        for row in range(self.backups.rowCount()):
            item = self.backups.item(row)
            if item.data(Qt.ItemDataRole.UserRole) in backups:
                item.setCheckState(Qt.CheckState.Checked)
        for on, old, new, reason in ownership_history(self._db, client.id) if client.id is not None else ():
            # Reasons the app writes itself (edit / import / demo) are codes; the rest is the user's text.
            self.history.appendRow([QStandardItem(v or "") for v in (on, old, new, tr(OWNER_CHANGE_REASONS.get(
                reason, reason)))])

    def _select(self, combo: QComboBox, staff_id: int) -> None:
        index = combo.findData(staff_id)
        if index < 0:  # someone who has left still shows as the current holder
            combo.addItem(f"{get_staff(self._db, staff_id).name} ({self.tr('left')})", staff_id)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def add_contact(self, values: list[str] | None = None, primary: bool = False) -> None:
        values = values or ["", "", "", ""]
        row = [QStandardItem(v) for v in values]
        check = QStandardItem()
        check.setCheckable(True)
        check.setEditable(False)
        check.setCheckState(Qt.CheckState.Checked if primary else Qt.CheckState.Unchecked)
        self.contacts.appendRow([*row, check])

    def remove_contact(self) -> None:
        rows = sorted({i.row() for i in self.contacts_view.selectionModel().selectedIndexes()}, reverse=True)
        for row in rows:
            self.contacts.removeRow(row)

    def contact_rows(self) -> list[dict[str, object]]:
        """The filled contact rows (blank rows are left out), each with its row in the table."""
        rows = []
        for r in range(self.contacts.rowCount()):
            row: dict[str, object] = {f: self.contacts.item(r, c).text() for c, f in enumerate(_CONTACT_FIELDS)}
            if any(str(v).strip() for v in row.values()):
                row["is_primary"] = self.contacts.item(r, len(_CONTACT_FIELDS)).checkState() == Qt.CheckState.Checked
                row["table_row"] = r
                rows.append(row)
        return rows

    def team(self) -> list[TeamMember]:
        team = []
        if self.owner.currentData() is not None:
            team.append(TeamMember(self.owner.currentData(), "owner"))
        if self.manager.currentData() is not None:
            team.append(TeamMember(self.manager.currentData(), "manager"))
        for row in range(self.backups.rowCount()):
            item = self.backups.item(row)
            if item.checkState() == Qt.CheckState.Checked and item.data(Qt.ItemDataRole.UserRole) != \
                    self.owner.currentData():
                team.append(TeamMember(item.data(Qt.ItemDataRole.UserRole), "backup"))
        return team

    def values(self) -> dict[str, object]:
        values: dict[str, object] = {f: e.text() for f, e in self.inputs.items()}
        values.update({f: e.toPlainText() for f, e in self.deep.items()})
        values.update(tier=self.tier.currentData(), status=self.status.currentData())
        return values

    def accept(self) -> None:
        client, problems = client_from_form(self.values(), self.contact_rows(), self.team(), self._client_id)
        if not problems:
            client.version = self._version
            try:
                self.saved_id = save_client(self._db, client)
            except ChurnError as error:
                if not error.field:
                    from churnguard_gui.ui.errors import show_error

                    show_error(self, error)
                    return
                problems = {error.field: FieldProblem(error.code, value=error.value or "", **error.details)}
            else:
                super().accept()
                return
        self._show(problems)

    def _show(self, problems: dict[str, FieldProblem]) -> None:
        self.errors.show(problems)
        contact_problems = {k: v for k, v in problems.items() if k.startswith("contacts.")}
        self._mark_contacts(contact_problems)
        first = next(iter(problems))
        tab = 2 if first.startswith("contacts.") else 1 if first in _DEEP else 3 if first == "owner" else 0
        self.tabs.setCurrentIndex(tab)

    def _mark_contacts(self, problems: dict[str, FieldProblem]) -> None:
        rows = self.contact_rows()
        lines = []
        for r in range(self.contacts.rowCount()):
            for c in range(len(_CONTACT_FIELDS)):
                self.contacts.item(r, c).setBackground(QBrush())
        for key, problem in problems.items():
            _, index, field = key.split(".")
            row = rows[int(index)]["table_row"]
            assert isinstance(row, int)  # contact_rows() puts the row's place in the table there
            if field in _CONTACT_FIELDS:
                self.contacts.item(row, _CONTACT_FIELDS.index(field)).setBackground(QColor("#f5c6c0"))
            lines.append(self.tr("Contact {row}, {field}: {problem}").format(
                row=row + 1, field=self.tr(FIELD_LABELS[field]), problem=problem_text(problem)))
        self.contacts_error.setText("\n".join(lines))

    @classmethod
    def ask(cls, db: Database, client_id: int | None = None, parent: QWidget | None = None) -> int | None:
        dialog = cls(db, client_id, parent)
        return dialog.saved_id if dialog.exec() == QDialog.DialogCode.Accepted else None
