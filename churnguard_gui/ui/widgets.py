"""Small widget helpers every dialog and wizard shares: message lines and editable record tables."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QTableView

ERROR_COLOUR = "#c0392b"
WARNING_COLOUR = "#8a4b00"


def message_label(colour: str = ERROR_COLOUR) -> QLabel:
    """A wrapping line for an error (red) or a warning (amber), empty until something is said."""
    label = QLabel()
    label.setStyleSheet(f"color: {colour};")
    label.setWordWrap(True)
    return label


RESIZE_SAMPLE_ROWS = 150


def record_table(model: QAbstractItemModel, editable: bool = True) -> QTableView:
    """A row-selecting table view over model; cells edit on any trigger when editable."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers if editable
                         else QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    # Fitting columns reads every row by default: with thousands of clients, measure a sample instead.
    view.horizontalHeader().setResizeContentsPrecision(RESIZE_SAMPLE_ROWS)
    return view


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel wired to the dialog's accept and reject."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box
