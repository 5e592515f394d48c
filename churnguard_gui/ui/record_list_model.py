"""An editable table over a list of frozen dataclasses: text cells edit in place, bool cells are check boxes."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal

from churnguard_gui.core.errors import FieldProblem

Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


class RecordListModel(QAbstractTableModel):
    """Rows are dataclass instances; columns are (field, header) pairs. Change it through add/remove/setData."""

    changed = Signal()

    def __init__(self, columns: list[tuple[str, str]], rows: list[Any], factory, parent=None,
                 parsers: dict[str, Callable[[str], object]] | None = None,
                 labels: dict[str, dict[str, str]] | None = None) -> None:
        """parsers read a typed cell (a date, say); one that raises FieldProblem leaves the cell as it was.
        labels show a coded cell in words (the code stays the cell's EditRole value)."""
        super().__init__(parent)
        self._columns = columns
        self._rows = list(rows)
        self._factory = factory
        self._parsers = parsers or {}
        self._labels = labels or {}
        self._bools = {f.name for f in fields(factory) if f.type in ("bool", bool)}

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._columns):
            return QCoreApplication.translate("records", self._columns[section][1])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._columns[index.column()][0] in self._bools:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        name = self._columns[index.column()][0]
        value = getattr(self._rows[index.row()], name)
        if name in self._bools:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DisplayRole and name in self._labels and value in self._labels[name]:
            return QCoreApplication.translate("records", self._labels[name][value])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return "" if value is None else value
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid():
            return False
        name = self._columns[index.column()][0]
        if name in self._bools and role == Qt.ItemDataRole.CheckStateRole:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole or name in self._bools:
            return False
        else:
            value = str(value).strip()
            if name in self._parsers:
                try:
                    value = self._parsers[name](value)
                except FieldProblem:
                    return False
        self._rows[index.row()] = replace(self._rows[index.row()], **{name: value})
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True

    def add(self, row: Any | None = None) -> None:
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(row if row is not None else self._factory(""))
        self.endInsertRows()
        self.changed.emit()

    def remove(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._rows):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        self.changed.emit()
