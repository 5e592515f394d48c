"""Incentives (tactic 10) on the staff record: deferred bonuses and vesting dates, and what leaving now forfeits."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from churnguard_gui.core.errors import FieldProblem, StoreError
from churnguard_gui.core.incentives import INCENTIVE_KINDS, INCENTIVE_LABELS, Incentive, forfeited
from churnguard_gui.core.values import format_money, parse_money
from churnguard_gui.store.incentives import delete_incentive, incentives, save_incentive
from churnguard_gui.store.staff import get_staff
from churnguard_gui.ui.rows_model import RowsModel
from churnguard_gui.ui.tactic_forms import EntryDialog, date_edit, nothing_selected, table


class IncentivesDialog(QDialog):
    def __init__(self, db: Database, staff_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.staff = get_staff(db, staff_id)
        self.setWindowTitle(self.tr("Incentives of {name}").format(name=self.staff.name))
        intro = QLabel(self.tr("Deferred bonuses and long-term targets pay out on their vesting date only to "
                               "someone still employed: they give a reason to stay, and show what leaving costs."))
        intro.setWordWrap(True)
        self.model = RowsModel([
            (self.tr("Kind"), lambda i: self.tr(INCENTIVE_LABELS[i.kind])),
            (self.tr("Description"), lambda i: i.description),
            (self.tr("Amount"), lambda i: format_money(i.amount)), (self.tr("Granted"), lambda i: i.granted_on or ""),
            (self.tr("Vests on"), lambda i: i.vests_on), (self.tr("Paid on"), lambda i: i.paid_on or "")],
            parent=self, alert=lambda i: i in self._forfeit, numeric=(2,))
        self._forfeit: list[Incentive] = []
        self.view = table(self.model, editable=False)
        self.view.doubleClicked.connect(lambda *_: self.edit())
        self.forfeit_label = QLabel()
        self.forfeit_label.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.clicked.connect(lambda: self.open_entry(None))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.forfeit_label)
        layout.addLayout(buttons)
        self.resize(900, 480)
        self.refresh()

    def leaving_on(self) -> str:
        return self.staff.last_day or dt.date.today().isoformat()

    def refresh(self) -> None:
        rows = incentives(self.db, self.staff.id)
        self._forfeit = forfeited(rows, self.leaving_on())
        self.model.set_rows(rows)
        total = sum(i.amount for i in self._forfeit)
        when = self.tr("on the last working day {date}").format(date=self.staff.last_day) if self.staff.last_day \
            else self.tr("today")
        self.forfeit_label.setText(self.tr("Leaving {when} forfeits {count} unvested incentives: ¥{amount} (red).")
                                   .format(when=when, count=len(self._forfeit), amount=format_money(total)))

    def current(self) -> Incentive | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def edit(self) -> None:
        item = self.current()
        if not nothing_selected(self, item):
            self.open_entry(item)

    def open_entry(self, item: Incentive | None) -> None:
        dialog = EntryDialog(self.tr("Incentive"), self)
        kind = dialog.add(self.tr("Kind"), QComboBox())
        for code in INCENTIVE_KINDS:
            kind.addItem(self.tr(INCENTIVE_LABELS[code]), code)
        description = dialog.add(self.tr("Description"), QLineEdit(item.description if item else ""))
        amount = dialog.add(self.tr("Amount (yuan)"), QLineEdit(str(item.amount) if item else ""))
        granted = dialog.add(self.tr("Granted"), date_edit(item.granted_on or "" if item else None))
        vests = dialog.add(self.tr("Vests on"), date_edit(item.vests_on if item else ""))
        paid = dialog.add(self.tr("Paid on"), date_edit(item.paid_on or "" if item else ""))
        if item is not None:
            kind.setCurrentIndex(max(kind.findData(item.kind), 0))

        def save() -> None:
            try:
                value = parse_money(amount.text())
            except FieldProblem as problem:
                raise problem.at("amount", StoreError) from None
            save_incentive(self.db, Incentive(item.id if item else None, self.staff.id, kind.currentData(),
                                              description.text(), value or 0, vests.text(), granted.text() or None,
                                              paid.text() or None))

        dialog.save = save
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def delete(self) -> None:
        item = self.current()
        if nothing_selected(self, item):
            return
        if QMessageBox.question(self, self.windowTitle(), self.tr("Delete this incentive?")) \
                == QMessageBox.StandardButton.Yes:
            delete_incentive(self.db, item.id)
            self.refresh()
