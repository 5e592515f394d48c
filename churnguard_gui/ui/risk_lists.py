"""The lists behind the Risk tab's tiles: a read-only table of rows, each row opening its client or staff record."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from churnguard_gui.ui.widgets import record_table

Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


class RowsModel(QAbstractTableModel):
    """Rows of display strings with the id of the record each one stands for; numbers right-aligned."""

    def __init__(self, headers: Sequence[str], rows: Sequence[tuple[int | None, Sequence[str]]],
                 right: Sequence[int] = (), parent=None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows = [(record_id, list(values)) for record_id, values in rows]
        self._right = set(right)

    def set_rows(self, rows: Sequence[tuple[int | None, Sequence[str]]]) -> None:
        self.beginResetModel()
        self._rows = [(record_id, list(values)) for record_id, values in rows]
        self.endResetModel()

    def id_at(self, row: int) -> int | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = _NO_PARENT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][1][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def rows_view(model: RowsModel, open_record: Callable[[int], None] | None) -> QTableView:
    """A read-only table; a click on a row opens its record when open_record is given."""
    view = record_table(model, editable=False)
    view.setObjectName("risk_list")
    view.verticalHeader().setDefaultSectionSize(22)
    if open_record is not None:
        def opened(index: QModelIndex) -> None:
            record_id = model.id_at(index.row())
            if record_id is not None:
                open_record(record_id)
        view.clicked.connect(opened)
    return view


class RiskListDialog(QDialog):
    """The filtered list behind one tile."""

    def __init__(self, title: str, intro: str, headers: Sequence[str],
                 rows: Sequence[tuple[int | None, Sequence[str]]], right: Sequence[int] = (),
                 open_record: Callable[[int], None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.model = RowsModel(headers, rows, right, self)
        self.view = rows_view(self.model, open_record)
        self.view.resizeColumnsToContents()
        label = QLabel(intro)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(760, 520)
