"""Warning signs on a staff record: what the owner noticed (falling results, asked about leaving, …), dated."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
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

from churnguard_gui.core.errors import ChurnError
from churnguard_gui.core.risk import WARNING_KINDS, WARNING_LABELS
from churnguard_gui.store.risk import add_warning_sign, delete_warning_sign, warning_signs
from churnguard_gui.ui.risk_lists import RowsModel, rows_view
from churnguard_gui.ui.widgets import message_label


class WarningSignsDialog(QDialog):
    """The person's signs, newest first; each one added or deleted is written at once (one transaction)."""

    def __init__(self, db: Database, staff_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.staff_id = staff_id
        self.setWindowTitle(self.tr("Warning signs — {name}").format(name=name))
        self.model = RowsModel([self.tr("Date"), self.tr("Sign"), self.tr("Note")], [], (), self)
        self.view = rows_view(self.model, None)
        self.view.setObjectName("warning_signs")
        self.date = QLineEdit(dt.date.today().isoformat())
        self.date.setObjectName("sign_date")
        self.date.setMaximumWidth(110)
        self.kind = QComboBox()
        self.kind.setObjectName("sign_kind")
        for kind in WARNING_KINDS:
            self.kind.addItem(self.tr(WARNING_LABELS[kind]), kind)
        self.note = QLineEdit()
        self.note.setObjectName("sign_note")
        self.note.setPlaceholderText(self.tr("What happened (optional)"))
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton(self.tr("Delete selected"))
        self.delete_button.clicked.connect(self.delete)
        self.error = message_label()
        entry = QHBoxLayout()
        for widget in (self.date, self.kind):
            entry.addWidget(widget)
        entry.addWidget(self.note, 1)
        entry.addWidget(self.add_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        intro = QLabel(self.tr("Signs that this person may leave and take clients: the Risk tab shows them to the "
                               "owner. Rotate territories or add backups before it is too late."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view)
        layout.addLayout(entry)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 380)
        self.reload()

    def reload(self) -> None:
        self.signs = warning_signs(self.db, self.staff_id)
        self.model.set_rows([(s.id, (s.noted_on, self.tr(WARNING_LABELS[s.kind]), s.note)) for s in self.signs])
        self.view.resizeColumnsToContents()

    def add(self) -> None:
        try:
            add_warning_sign(self.db, self.staff_id, self.kind.currentData(), self.date.text(), self.note.text())
        except ChurnError as error:
            self.error.setText(str(error))
            return
        self.error.setText("")
        self.note.clear()
        self.reload()

    def delete(self) -> None:
        index = self.view.currentIndex()
        sign_id = self.model.id_at(index.row()) if index.isValid() else None
        if sign_id is not None:
            delete_warning_sign(self.db, sign_id)
            self.reload()
