"""Firm-level contact (tactic 5): greetings, letters and gifts from the owner; key clients without one for a year."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from churnguard_gui.core.values import format_money
from churnguard_gui.core.visits import FIRM_CONTACT_KINDS, FIRM_CONTACT_LABELS, FIRM_CONTACT_MONTHS
from churnguard_gui.i18n import ntr
from churnguard_gui.store.clients import get_client
from churnguard_gui.store.settings import get_setting
from churnguard_gui.store.visits import (
    add_firm_contact,
    firm_contacts,
    without_firm_contact,
    without_firm_contact_count,
)
from churnguard_gui.ui.rows_model import RowsModel
from churnguard_gui.ui.tactic_forms import EntryDialog, date_edit, nothing_selected, table

SHOW_LIMIT = 2000  # listed at once, largest first; the heading gives the full count


class FirmContactDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, client_id: int | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.client_id = client_id
        self.setWindowTitle(self.tr("Firm-level contact"))
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.model = RowsModel([
            (self.tr("Code"), lambda r: r[1]), (self.tr("Client"), lambda r: r[2]),
            (self.tr("Tier"), lambda r: r[3]), (self.tr("Owner"), lambda r: r[4]),
            (self.tr("Last firm-level contact"), lambda r: r[5] or self.tr("never")),
            (self.tr("Annual value"), lambda r: format_money(r[6]))], parent=self, numeric=(5,))
        self.view = table(self.model, editable=False)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_log())
        self.view.doubleClicked.connect(lambda *_: self.record())
        self.log = RowsModel([
            (self.tr("Date"), lambda c: c.happened_on),
            (self.tr("Kind"), lambda c: self.tr(FIRM_CONTACT_LABELS[c.kind])),
            (self.tr("Sent by"), lambda c: c.from_whom), (self.tr("Received by"), lambda c: c.to_person),
            (self.tr("Notes"), lambda c: c.notes)], parent=self)
        self.log_view = table(self.log, editable=False)
        self.log_view.setMaximumHeight(170)
        self.record_button = QPushButton(self.tr("Record a greeting, letter or gift…"))
        self.record_button.clicked.connect(self.record)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(QLabel(self.tr("Firm-level contact with the selected client")))
        layout.addWidget(self.log_view)
        layout.addLayout(buttons)
        self.resize(1000, 600)
        self.refresh()

    def refresh(self) -> None:
        if self.client_id is not None:
            client = get_client(self.db, self.client_id)
            last = firm_contacts(self.db, self.client_id, limit=1)
            rows = [(client.id, client.code or "", client.name, client.tier or "", "",
                     last[0].happened_on if last else "", client.annual_value)]
            self.heading.setText(self.tr("Greetings, letters and gifts from the owner or the firm to {client}.")
                                 .format(client=client.name))
        else:
            rows = without_firm_contact(self.db, dt.date.today(), SHOW_LIMIT)
            total = without_firm_contact_count(self.db, dt.date.today())[0]
            self.heading.setText(ntr(
                "{n} key client (tier A or B) has had no greeting, letter or gift from the owner or the firm "
                "for {months} months. A client who knows the firm, not only its salesperson, stays when the "
                "salesperson goes.",
                "{n} key clients (tier A and B) have had no greeting, letter or gift from the owner or the firm "
                "for {months} months. A client who knows the firm, not only its salesperson, stays when the "
                "salesperson goes.", total, months=FIRM_CONTACT_MONTHS))
        self.model.set_rows(rows)
        if rows:
            self.view.selectRow(0)
        self.show_log()

    def current(self) -> tuple | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def show_log(self) -> None:
        row = self.current()
        self.log.set_rows(firm_contacts(self.db, row[0]) if row else [])

    def record(self) -> None:
        row = self.current()
        if nothing_selected(row, self):
            return
        from PySide6.QtWidgets import QComboBox

        dialog = EntryDialog(self.tr("Firm-level contact with {client}").format(client=row[2]), self)
        kind = dialog.add(self.tr("Kind"), QComboBox())
        for code in FIRM_CONTACT_KINDS:
            kind.addItem(self.tr(FIRM_CONTACT_LABELS[code]), code)
        date = dialog.add(self.tr("Date"), date_edit())
        sender = dialog.add(self.tr("Sent by"), QLineEdit(get_setting(self.db, "firm_name")))
        person = dialog.add(self.tr("To (the client's person)"), QLineEdit())
        client = get_client(self.db, row[0])
        if client.contacts:
            person.setText(client.contacts[-1].name)
        notes = dialog.add(self.tr("Notes"), dialog.notes())
        dialog.save = lambda: add_firm_contact(self.db, row[0], kind.currentData(), date.text(), sender.text(),
                                               person.text(), notes.toPlainText())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
