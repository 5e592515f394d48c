"""The list of screenings (personal data: shown only here and on the staff record) and the printable record."""
from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget
from sqlite_utils import Database

from churnguard_gui.reports.screening_pdf import DECISION_LABELS, LEVEL_LABELS, build_screening_pdf
from churnguard_gui.store.screenings import load_screening, log_screening_printed, screening_list
from churnguard_gui.store.settings import get_setting
from churnguard_gui.ui.report_preview import ReportPreview


def open_screening_record(db: Database, screening_id: int, parent: QWidget | None = None) -> None:
    stored = load_screening(db, screening_id)
    pdf = build_screening_pdf(stored, get_setting(db, "firm_name"))
    name = f"{stored.name} {stored.screening.screened_on}.pdf"
    ReportPreview(pdf, name, lambda action, target: log_screening_printed(db, screening_id, target), parent).exec()


class ScreeningListDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Screenings"))
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Candidate"), self.tr("Position"),
                                              self.tr("Risk"), self.tr("Decision")])
        for screening_id, on, name, position, level, decision in screening_list(db):
            row = [QStandardItem(v) for v in (on, name, position, self.tr(LEVEL_LABELS[level]),
                                               self.tr(DECISION_LABELS[decision]))]
            row[0].setData(screening_id)
            self.model.appendRow(row)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda index: self.open_row(index.row()))
        open_button = QPushButton(self.tr("Open record…"))
        open_button.clicked.connect(lambda: self.open_row(self.view.currentIndex().row()))
        open_button.setEnabled(False)  # until a screening is selected
        self.view.selectionModel().selectionChanged.connect(
            lambda: open_button.setEnabled(self.view.selectionModel().hasSelection()))
        self.open_button = open_button
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        bar = QHBoxLayout()
        bar.addWidget(open_button)
        bar.addStretch()
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(bar)
        self.resize(720, 420)

    def open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            open_screening_record(self.db, self.model.item(row, 0).data(), self)
