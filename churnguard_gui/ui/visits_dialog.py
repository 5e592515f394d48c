"""Manager visits (tactic 4): how often by tier, the key clients due or overdue, planning and logging visits."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from churnguard_gui.core.errors import ChurnError
from churnguard_gui.core.values import format_money
from churnguard_gui.core.visits import VisitDue
from churnguard_gui.i18n import ntr
from churnguard_gui.store.staff import staff_choices
from churnguard_gui.store.visits import (
    log_visit,
    plan_visit,
    set_visit_days,
    sync_handover_visits,
    visit_days,
    visit_schedule,
    visits,
)
from churnguard_gui.ui.errors import show_error
from churnguard_gui.ui.rows_model import RowsModel
from churnguard_gui.ui.tactic_forms import EntryDialog, date_edit, nothing_selected, people_combo, table

SHOW_LIMIT = 5000  # rows listed at once; the count above says how many there are


class VisitsDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, client_id: int | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = dt.date.today()
        self.setWindowTitle(self.tr("Manager visits to key clients"))
        sync_handover_visits(db)
        intervals = visit_days(db)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("A manager visits every")))
        self.days: dict[str, QSpinBox] = {}
        for tier in ("A", "B", "C"):
            spin = QSpinBox()
            spin.setRange(0, 3650)
            spin.setSuffix(self.tr(" days"))
            spin.setSpecialValueText(self.tr("never"))
            spin.setValue(intervals[tier])
            self.days[tier] = spin
            top.addWidget(QLabel(self.tr("tier {tier}:").format(tier=tier)))
            top.addWidget(spin)
        self.save_days_button = QPushButton(self.tr("Save schedule"))
        self.save_days_button.clicked.connect(self.save_days)
        top.addWidget(self.save_days_button)
        top.addStretch()
        self.show_combo = QComboBox()
        self.show_combo.addItem(self.tr("Overdue"), True)
        self.show_combo.addItem(self.tr("All key clients"), False)
        self.show_combo.currentIndexChanged.connect(self.refresh)
        self.count = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Show:")))
        filters.addWidget(self.show_combo)
        filters.addWidget(self.count, 1)
        today = self.today
        self.model = RowsModel([
            (self.tr("Code"), lambda r: r.code), (self.tr("Client"), lambda r: r.name),
            (self.tr("Tier"), lambda r: r.tier),
            (self.tr("Annual value"), lambda r: format_money(r.value)), (self.tr("Owner"), lambda r: r.owner),
            (self.tr("Manager"), lambda r: r.manager),
            (self.tr("Last manager visit"), lambda r: r.last_visit or self.tr("never")),
            (self.tr("Due"), lambda r: self._due_text(r)), (self.tr("Planned"), lambda r: r.planned_on)],
            parent=self, alert=lambda r: r.overdue_days(today) != 0, numeric=(3,))
        self.view = table(self.model, editable=False)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_visits())
        self.view.doubleClicked.connect(lambda *_: self.log())
        self.history = RowsModel([
            (self.tr("Planned"), lambda v: v.planned_on), (self.tr("Visited"), lambda v: v.visited_on),
            (self.tr("Manager"), lambda v: v.manager), (self.tr("Notes"), lambda v: v.notes)], parent=self)
        self.history_view = table(self.history, editable=False)
        self.history_view.setMaximumHeight(150)
        self.history_label = QLabel(self.tr("Visits of the selected client"))
        buttons = QHBoxLayout()
        self.log_button = QPushButton(self.tr("Log a visit…"))
        self.log_button.clicked.connect(self.log)
        self.plan_button = QPushButton(self.tr("Plan a visit…"))
        self.plan_button.clicked.connect(self.plan)
        for button in (self.log_button, self.plan_button):
            buttons.addWidget(button)
        buttons.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history_view)
        layout.addLayout(buttons)
        self.resize(1100, 640)
        self.refresh()
        if client_id is not None:
            self.show_combo.setCurrentIndex(1)
            self.select_client(client_id)

    def _due_text(self, row: VisitDue) -> str:
        days = row.overdue_days(self.today)
        if days < 0:
            return self.tr("now (never visited)")
        if days:
            return ntr("{date} ({n} day overdue)", "{date} ({n} days overdue)", days, date=row.due_on)
        return row.due_on

    def refresh(self) -> None:
        overdue = bool(self.show_combo.currentData())
        rows = visit_schedule(self.db, self.today, overdue_only=overdue, limit=SHOW_LIMIT)
        self.model.set_rows(rows)
        self.count.setText(self.tr("{count} overdue key clients").format(count=len(rows)) if overdue
                           else self.tr("{count} key clients with scheduled visits").format(count=len(rows)))
        if rows:
            self.view.selectRow(0)
        self.show_visits()

    def select_client(self, client_id: int) -> None:
        for row, item in enumerate(self.model.rows()):
            if item.client_id == client_id:
                self.view.selectRow(row)
                return

    def current(self) -> VisitDue | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def show_visits(self) -> None:
        row = self.current()
        self.history.set_rows(visits(self.db, row.client_id) if row else [])

    def save_days(self) -> None:
        try:
            set_visit_days(self.db, {tier: spin.value() for tier, spin in self.days.items()})
        except ChurnError as error:
            show_error(self, error)
        self.refresh()

    def _people(self) -> list[tuple[int, str]]:
        return [(i, n) for i, n, _ in staff_choices(self.db)]

    def _entry(self, title: str, row: VisitDue) -> tuple[EntryDialog, QComboBox, object, object]:
        dialog = EntryDialog(title.format(client=row.name), self)
        people = self._people()
        manager = dialog.add(self.tr("Manager"), people_combo(people))
        index = manager.findText(row.manager)
        manager.setCurrentIndex(max(index, 0))
        date = dialog.add(self.tr("Date"), date_edit())
        notes = dialog.add(self.tr("Notes"), dialog.notes())
        return dialog, manager, date, notes

    def log(self) -> None:
        row = self.current()
        if nothing_selected(self, row):
            return
        planned = next((v for v in visits(self.db, row.client_id, planned_only=True)), None)
        dialog, manager, date, notes = self._entry(self.tr("Log a manager visit to {client}"), row)
        dialog.save = lambda: log_visit(self.db, row.client_id, date.text(), manager.currentData(),
                                        notes.toPlainText(), planned.id if planned else None)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.select_client(row.client_id)

    def plan(self) -> None:
        row = self.current()
        if nothing_selected(self, row):
            return
        dialog, manager, date, notes = self._entry(self.tr("Plan a manager visit to {client}"), row)
        date.setText((self.today + dt.timedelta(days=7)).isoformat())
        dialog.save = lambda: plan_visit(self.db, row.client_id, date.text(), manager.currentData(),
                                         notes.toPlainText())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.select_client(row.client_id)
