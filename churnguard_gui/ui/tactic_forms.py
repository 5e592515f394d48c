"""Small forms the tactics share: a person picker, a date field, and a dialog for one entry."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from churnguard_gui.ui.widgets import message_label, ok_cancel


def people_combo(people: list[tuple[int, str]], empty: str | None = None) -> QComboBox:
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for staff_id, name in people:
        combo.addItem(name, staff_id)
    return combo


def date_edit(value: str | None = None) -> QLineEdit:
    edit = QLineEdit(value if value is not None else dt.date.today().isoformat())
    edit.setPlaceholderText(QCoreApplication.translate("tactics", "e.g. 2025-01-02"))
    return edit


class EntryDialog(QDialog):
    """Rows of fields and OK/Cancel; save() is called on OK and may raise ChurnError (shown, dialog stays)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error = message_label()
        self.save = None
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))
        self.setMinimumWidth(420)

    def add(self, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(label, widget)
        return widget

    def notes(self) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setFixedHeight(70)
        return edit

    def accept(self) -> None:
        from churnguard_gui.core.errors import ChurnError

        try:
            if self.save is not None:
                self.save()
        except ChurnError as error:
            self.error.setText(str(error))
            return
        super().accept()


class PersonDelegate(QStyledItemDelegate):
    """Choose a person for a table cell from a list; the model's setData receives the staff id."""

    def __init__(self, people: list[tuple[int, str]], parent=None) -> None:
        super().__init__(parent)
        self._people = people

    def createEditor(self, parent, option, index):  # noqa: N802
        return people_combo(self._people)

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        text = index.data(Qt.ItemDataRole.DisplayRole)
        position = editor.findText(text)
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def table(model, editable: bool = False, widest: int = 320):
    """A record table whose columns fit their contents (up to widest pixels) each time the rows change."""
    from churnguard_gui.ui.widgets import record_table

    view = record_table(model, editable=editable)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setResizeContentsPrecision(200)  # fit columns on a sample of rows, not thousands

    def fit() -> None:
        view.resizeColumnsToContents()
        for column in range(model.columnCount() - 1):
            view.setColumnWidth(column, min(view.columnWidth(column), widest))

    model.modelReset.connect(fit)
    return view


def nothing_selected(parent: QWidget, row: object) -> bool:
    """True (after saying so) when no row is selected for a button that acts on one."""
    if row is not None:
        return False
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, parent.windowTitle(), QCoreApplication.translate(
        "tactics", "Select a row in the list first."))
    return True
