"""The import dialog's question for a client list without an owner column: who owns these clients?"""
from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QComboBox, QGridLayout, QGroupBox, QLabel, QRadioButton, QWidget

from churnguard_gui.core.importing import Owners


class OwnerQuestion(QGroupBox):
    """One person (picked from the staff, or a new name typed), or nobody yet (imported, marked as needing one)."""

    def __init__(self, staff_names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Who owns these clients?"))
        self.explain = QLabel(self.tr("The file has no column naming each client's owner (salesperson)."))
        self.explain.setWordWrap(True)
        self.one_person = QRadioButton(self.tr("One person owns them all:"))
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.addItems(staff_names)
        self.person.setCurrentIndex(-1)
        self.person.lineEdit().setPlaceholderText(self.tr("choose or type a name"))
        self.nobody = QRadioButton(self.tr("Nobody yet: import them and mark them \"needs an owner\" on the client "
                                           "list"))
        self.group = QButtonGroup(self)
        self.group.addButton(self.one_person)
        self.group.addButton(self.nobody)
        self.person.currentTextChanged.connect(self._typed)
        layout = QGridLayout(self)
        layout.addWidget(self.explain, 0, 0, 1, 3)
        layout.addWidget(self.one_person, 1, 0)
        layout.addWidget(self.person, 1, 1)
        layout.addWidget(self.nobody, 2, 0, 1, 3)
        self.person.setMinimumWidth(220)
        layout.setColumnStretch(2, 1)  # the name box stays name-sized

    def _typed(self, text: str) -> None:
        if text.strip():
            self.one_person.setChecked(True)

    def owners(self) -> Owners | None:
        """The answer, or None while the question is not answered."""
        if self.nobody.isChecked():
            return Owners(unassigned=True)
        name = self.person.currentText().strip()
        if self.one_person.isChecked() and name:
            return Owners(default=name)
        return None
