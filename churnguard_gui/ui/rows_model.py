"""A read-only table over a list of records: each column a header and how to read the cell; optional ticks."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()
ALERT = QColor("#c0392b")


class RowsModel(QAbstractTableModel):
    """Rows are any objects; columns are (header, read) pairs. checkable adds a tick box in column 0;
    alert(row) paints a row's text red; edit_column/on_edit let one column be chosen by an editor."""

    def __init__(self, columns: list[tuple[str, Callable[[Any], object]]], rows: list[Any] | None = None,
                 parent=None, checkable: bool = False, alert: Callable[[Any], bool] | None = None,
                 numeric: tuple[int, ...] = ()) -> None:
        super().__init__(parent)
        self._columns = columns
        self._rows = list(rows or [])
        self._checked: set[int] = set()
        self._checkable = checkable
        self._alert = alert
        self._numeric = numeric
        self.edit_column: int | None = None
        self.on_edit: Callable[[int, object], None] | None = None

    def set_rows(self, rows: list[Any], checked: set[int] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._checked = set(checked or ())
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def checked_rows(self) -> list[int]:
        return sorted(self._checked)

    def rowCount(self, parent: Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._columns):
            return self._columns[section][0]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._checkable and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == self.edit_column:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._columns[index.column()][1](row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable and index.column() == 0:
            return Qt.CheckState.Checked if index.row() in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and self._alert is not None and self._alert(row):
            return QBrush(ALERT)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable and index.column() == 0:
            if Qt.CheckState(value) == Qt.CheckState.Checked:
                self._checked.add(index.row())
            else:
                self._checked.discard(index.row())
            self.dataChanged.emit(index, index)
            return True
        if role == Qt.ItemDataRole.EditRole and index.column() == self.edit_column and self.on_edit is not None:
            self.on_edit(index.row(), value)
            self.dataChanged.emit(index.siblingAtColumn(0), index.siblingAtColumn(self.columnCount() - 1))
            return True
        return False

    def set_all_checked(self, checked: bool) -> None:
        if not self._rows:
            return
        self._checked = set(range(len(self._rows))) if checked else set()
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))
