"""The record of protection measures: what the firm did and when, a measure added by hand, printed as evidence."""
from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from churnguard_gui.core.errors import ChurnError
from churnguard_gui.i18n import tr
from churnguard_gui.store.measures import add_measure, measures
from churnguard_gui.store.settings import get_setting
from churnguard_gui.ui.widgets import message_label


def install(window, menu: QMenu) -> QAction:
    """File → Protection measures… on the main window (its context's database)."""
    action = QAction(window.tr("Protection &measures…"), window)
    action.triggered.connect(lambda: MeasuresDialog(window.context, window).exec())
    menu.addAction(action)
    return action


class MeasuresDialog(QDialog):
    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Measures taken to keep trade secrets"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Measure"), self.tr("What was done")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.on = QLineEdit(dt.date.today().isoformat())
        self.on.setMaximumWidth(120)
        self.what = QLineEdit()
        self.error = message_label()
        self.add_button = QPushButton(self.tr("&Add"))
        self.add_button.clicked.connect(lambda: self.add())
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.clicked.connect(lambda: self.print_record())
        close = QPushButton(self.tr("&Close"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.on)
        row.addWidget(self.what, 1)
        row.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(QLabel(self.tr("Add a measure taken outside the app (a locked cabinet, a training, access "
                                        "cards):")))
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(820, 460)
        self.fill()

    def fill(self) -> None:
        from churnguard_gui.reports.measures_pdf import MEASURE_KIND_LABELS, measure_text  # reportlab: not at start

        self.found = measures(self.context.db)
        self.table.setRowCount(len(self.found))
        for i, measure in enumerate(self.found):
            for j, text in enumerate((measure.on, tr(MEASURE_KIND_LABELS[measure.kind]), measure_text(measure))):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)

    def add(self) -> None:
        try:
            add_measure(self.context.db, self.on.text(), self.what.text())
        except ChurnError as error:
            self.error.setText(str(error))
            return
        self.error.clear()
        self.what.clear()
        self.fill()

    def print_record(self) -> None:
        from churnguard_gui.reports.measures_pdf import build_measures_pdf
        from churnguard_gui.store.db import audit, writing
        from churnguard_gui.ui.report_preview import ReportPreview

        db = self.context.db

        def log(action: str, target: str) -> None:
            with writing(db):
                audit(db, action, report="measures", file=str(target))

        pdf = build_measures_pdf(self.found, get_setting(db, "firm_name"))
        ReportPreview(pdf, "ChurnGuard measures.pdf", log, self).exec()
