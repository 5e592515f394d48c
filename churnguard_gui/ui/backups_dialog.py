"""Several people per client (tactic 9): a backup proposed for every single-threaded client, added together;
and the clients with only one contact person on their side."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from churnguard_gui.core.assignment import propose_backups
from churnguard_gui.core.errors import ChurnError
from churnguard_gui.core.values import format_money
from churnguard_gui.i18n import ntr
from churnguard_gui.store.assignment import (
    apply_backups,
    colleagues,
    single_contact_clients,
    single_contact_count,
    single_threaded,
    single_threaded_count,
)
from churnguard_gui.ui.errors import show_error
from churnguard_gui.ui.rows_model import RowsModel
from churnguard_gui.ui.tactic_forms import PersonDelegate, table

SHOW_LIMIT = 2000  # the largest clients first; the note gives the full count


class BackupsDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Backups for single-threaded clients"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.choice: dict[int, int | None] = {}
        self.model = RowsModel([
            (self.tr("Add"), lambda c: c.code), (self.tr("Client"), lambda c: c.name),
            (self.tr("Owner"), lambda c: c.owner), (self.tr("Department"), lambda c: c.department),
            (self.tr("Annual value"), lambda c: format_money(c.value)),
            (self.tr("Contact people"), lambda c: c.contacts),
            (self.tr("Backup"), lambda c: self._name(self.choice.get(c.client_id)))],
            parent=self, checkable=True, alert=lambda c: c.contacts <= 1, numeric=(4, 5))
        self.model.edit_column = 6
        self.model.on_edit = self._rechoose
        self.view = table(self.model, editable=True)
        self.all_button = QPushButton(self.tr("Tick all"))
        self.all_button.clicked.connect(lambda: self.model.set_all_checked(True))
        self.none_button = QPushButton(self.tr("Untick all"))
        self.none_button.clicked.connect(lambda: self.model.set_all_checked(False))
        self.apply_button = QPushButton(self.tr("Add the ticked backups"))
        self.apply_button.clicked.connect(self.apply)
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.addWidget(self.note)
        page_layout.addWidget(self.view)
        row = QHBoxLayout()
        for button in (self.all_button, self.none_button, self.apply_button):
            row.addWidget(button)
        row.addStretch()
        page_layout.addLayout(row)
        self.contacts_note = QLabel()
        self.contacts_note.setWordWrap(True)
        self.contacts = RowsModel([
            (self.tr("Code"), lambda r: r[1]), (self.tr("Client"), lambda r: r[2]), (self.tr("Owner"), lambda r: r[3]),
            (self.tr("Contact people"), lambda r: r[4]), (self.tr("Annual value"), lambda r: format_money(r[5]))],
            parent=self, numeric=(3, 4))
        self.contacts_view = table(self.contacts, editable=False)
        contacts_page = QWidget()
        contacts_layout = QVBoxLayout(contacts_page)
        contacts_layout.addWidget(self.contacts_note)
        contacts_layout.addWidget(self.contacts_view)
        self.tabs = QTabWidget()
        self.tabs.addTab(page, self.tr("One person of the firm"))
        self.tabs.addTab(contacts_page, self.tr("One contact person at the client"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(close)
        self.resize(1050, 640)
        self.refresh()

    def refresh(self) -> None:
        team = colleagues(self.db, linked=True)
        self.names = {c.staff_id: c.name for c in team}
        self.view.setItemDelegateForColumn(6, PersonDelegate(sorted(self.names.items(), key=lambda kv: kv[1]), self))
        clients = single_threaded(self.db, SHOW_LIMIT)
        total, total_value = single_threaded_count(self.db)
        self.choice = propose_backups(clients, team)
        self.model.set_rows(clients, {i for i, c in enumerate(clients) if self.choice.get(c.client_id)})
        self.note.setText(self.tr(
            "{count} active clients (¥{value} a year) are known to one person of the firm only. Each has a "
            "proposed backup from the owner's department with the fewest clients; change any, untick those to "
            "skip, and add them together.").format(count=total, value=format_money(total_value)))
        rows = single_contact_clients(self.db, SHOW_LIMIT)
        self.contacts.set_rows(rows)
        self.contacts_note.setText(self.tr(
            "{count} active clients have only one contact person on their side: when that person changes jobs, "
            "or knows only our salesperson, the client is at risk. Add a second contact (the boss, finance, "
            "the warehouse) on the client's Contacts tab.").format(count=single_contact_count(self.db)[0]))

    def _rechoose(self, row: int, staff_id: object) -> None:
        client = self.model.row_at(row)
        if client is not None and isinstance(staff_id, int) and staff_id != client.owner_id:
            self.choice[client.client_id] = staff_id

    def _name(self, staff_id: int | None) -> str:
        return self.names.get(staff_id, "") if staff_id is not None else ""

    def apply(self) -> None:
        rows = self.model.rows()
        chosen: dict[int, int] = {}
        for i in self.model.checked_rows():
            backup = self.choice.get(rows[i].client_id)
            if backup:
                chosen[rows[i].client_id] = backup
        if not chosen:
            QMessageBox.information(self, self.windowTitle(), self.tr("Tick the clients to give a backup first."))
            return
        try:
            count = apply_backups(self.db, chosen)
        except ChurnError as error:
            show_error(self, error)
            return
        QMessageBox.information(self, self.windowTitle(),
                                ntr("{n} client now has a backup.", "{n} clients now have a backup.", count))
        self.refresh()
