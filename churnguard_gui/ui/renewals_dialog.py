"""Contracts (tactic 6): clients whose contract ends within 60 days, and recording the renewal."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlite_utils import Database

from churnguard_gui.core.agreements import add_months
from churnguard_gui.core.contracts import Renewal
from churnguard_gui.core.values import format_money
from churnguard_gui.i18n import ntr
from churnguard_gui.store.contracts import renewals_due, renewals_due_count, set_contract
from churnguard_gui.ui.rows_model import RowsModel
from churnguard_gui.ui.tactic_forms import EntryDialog, date_edit, nothing_selected, table

SHOW_LIMIT = 2000  # listed at once, soonest first; the heading gives the full count


class RenewalsDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = dt.date.today()
        self.setWindowTitle(self.tr("Contract renewals"))
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        today = self.today
        self.model = RowsModel([
            (self.tr("Code"), lambda r: r.code), (self.tr("Client"), lambda r: r.name),
            (self.tr("Owner"), lambda r: r.owner), (self.tr("Contract start"), lambda r: r.contract_start),
            (self.tr("Contract end"), lambda r: r.contract_end),
            (self.tr("Reminder"), lambda r: self._stage_text(r)),
            (self.tr("Annual value"), lambda r: format_money(r.value))],
            parent=self, alert=lambda r: r.stage(today) == 30, numeric=(6,))
        self.view = table(self.model, editable=False)
        self.view.doubleClicked.connect(lambda *_: self.renew())
        self.renew_button = QPushButton(self.tr("Record the renewal…"))
        self.renew_button.clicked.connect(self.renew)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.renew_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(980, 560)
        self.refresh()

    def _stage_text(self, row: Renewal) -> str:
        days = (dt.date.fromisoformat(row.contract_end) - self.today).days
        stage = row.stage(self.today)
        label = self.tr("30-day reminder") if stage == 30 else self.tr("60-day reminder")
        return ntr("{label}: {n} day left", "{label}: {n} days left", days, label=label)

    def refresh(self) -> None:
        rows = renewals_due(self.db, self.today, SHOW_LIMIT)
        total = renewals_due_count(self.db, self.today)[0]
        self.model.set_rows(rows)
        self.heading.setText(self.tr(
            "{count} contracts end within 60 days (red: within 30). Renew them before the end: a client under a "
            "long contract with the firm is harder to take away.").format(count=total))
        if rows:
            self.view.selectRow(0)

    def renew(self) -> None:
        index = self.view.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if nothing_selected(self, row):
            return
        dialog = EntryDialog(self.tr("Renewal of {client}").format(client=row.name), self)
        start_day = dt.date.fromisoformat(row.contract_end) + dt.timedelta(days=1)
        start = dialog.add(self.tr("New contract start"), date_edit(start_day.isoformat()))
        end = dialog.add(self.tr("New contract end"),
                         date_edit((add_months(start_day, 12) - dt.timedelta(days=1)).isoformat()))
        dialog.save = lambda: set_contract(self.db, row.client_id, start.text(), end.text())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
