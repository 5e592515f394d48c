"""After the handover: tick the checklist during the notice period, reprint, and mark it complete."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget
from sqlite_utils import Database

from churnguard_gui.core.errors import ChurnError
from churnguard_gui.store.handovers import complete_handover, load_handover, set_item_done
from churnguard_gui.store.staff import get_staff
from churnguard_gui.ui.errors import show_error


class HandoverDialog(QDialog):
    def __init__(self, db: Database, handover_id: int, open_report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.handover_id = handover_id
        plan = load_handover(db, handover_id)
        staff = get_staff(db, plan.staff_id)
        self.setWindowTitle(self.tr("Handover of {name}").format(name=staff.name))
        self.items = QStandardItemModel(0, 3, self)
        self.items.setHorizontalHeaderLabels([self.tr("Task"), self.tr("Responsible"), self.tr("Due")])
        for item in plan.checklist:
            task = QStandardItem(item.text)
            task.setCheckable(True)
            task.setEditable(False)
            task.setCheckState(Qt.CheckState.Checked if item.done else Qt.CheckState.Unchecked)
            self.items.appendRow([task, QStandardItem(item.responsible), QStandardItem(item.due or "")])
        for row in range(self.items.rowCount()):
            for column in (1, 2):
                self.items.item(row, column).setEditable(False)
        self.items.itemChanged.connect(self._ticked)
        view = QTableView()
        view.setModel(self.items)
        view.verticalHeader().hide()
        view.resizeColumnsToContents()
        view.horizontalHeader().setStretchLastSection(True)
        self.complete = QPushButton(self.tr("Mark complete: {name} has left").format(name=staff.name))
        self.complete.clicked.connect(self.mark_complete)
        report = QPushButton(self.tr("Report…"))
        report.clicked.connect(lambda: open_report(plan.staff_id))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        bar = QHBoxLayout()
        bar.addWidget(report)
        bar.addStretch()
        bar.addWidget(self.complete)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Clients were handed over on the day of the resignation. Tick each task as "
                                        "it is done; on the last day mark the handover complete.")))
        layout.addWidget(view)
        layout.addLayout(bar)
        self.resize(820, 480)
        self._update()

    def _ticked(self, item: QStandardItem) -> None:
        if item.column() == 0:
            set_item_done(self.db, self.handover_id, item.row(), item.checkState() == Qt.CheckState.Checked)
            self._update()

    def _update(self) -> None:
        done = all(self.items.item(r, 0).checkState() == Qt.CheckState.Checked for r in range(self.items.rowCount()))
        self.complete.setEnabled(done)

    def mark_complete(self) -> None:
        try:
            complete_handover(self.db, self.handover_id)
        except ChurnError as error:
            show_error(self, error)
            return
        self.accept()
