"""The handover wizard's table of the leaver's clients, their successors and key-client dates."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal

from churnguard_gui.core.errors import FieldProblem
from churnguard_gui.core.handover import ClientLine
from churnguard_gui.core.values import format_money, parse_date

Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


def _t(text: str) -> str:
    return QCoreApplication.translate("handover", text)


class HandoverClientsModel(QAbstractTableModel):
    """The leaver's client lines. Successors and key-client dates change only through the typed methods.

    One user action (a cell, a batch of rows, accepting every proposal) emits `changed` once, and the successors'
    loads and the count of owned clients without a successor are kept as lines change, so the wizard stays quick
    with thousands of clients.
    """

    COLUMNS = ("code", "name", "tier", "annual_value", "contact", "last_contact", "last_manager_visit", "role",
               "successor", "notify_on", "visit_on", "visited_by", "new_backup_id")
    HEADERS = ("Code", "Client", "Tier", "Annual value (¥)", "Contact and phone", "Last contact", "Manager visit",
               "Role", "Successor", "Notify on", "Visit planned", "Visited by", "Backup added")
    SUCCESSOR = COLUMNS.index("successor")
    NOTIFY = COLUMNS.index("notify_on")
    VISIT = COLUMNS.index("visit_on")
    VISITED_BY = COLUMNS.index("visited_by")
    NEW_BACKUP = COLUMNS.index("new_backup_id")
    PEOPLE_COLUMNS = (SUCCESSOR, VISITED_BY, NEW_BACKUP)
    changed = Signal()

    def __init__(self, lines: list[ClientLine], names: dict[int, str], parent=None) -> None:
        super().__init__(parent)
        self._names = names
        self._lines: list[ClientLine] = []
        self._loads: dict[int, list[int]] = {}
        self._missing = 0
        self._reset_lines(lines)

    def lines(self) -> list[ClientLine]:
        return list(self._lines)

    def missing(self) -> int:
        """How many owned clients still have no successor."""
        return self._missing

    def loads(self) -> dict[int, tuple[int, int]]:
        """successor id -> (clients taken on, annual value taken on)."""
        return {sid: (count, value) for sid, (count, value) in self._loads.items() if count}

    def line(self, row: int) -> ClientLine:
        return self._lines[row]

    def rowCount(self, parent: Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = _NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return _t(self.HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        line = self._lines[index.row()]
        if line.role == "owner" and index.column() in (*self.PEOPLE_COLUMNS, self.NOTIFY, self.VISIT):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return {"successor": line.successor_id, "visited_by": line.visited_by,
                    "new_backup_id": line.new_backup_id}.get(column, line.client_id)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "annual_value":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column == "successor" and line.role == "owner" \
                and line.successor_id is None:
            from PySide6.QtGui import QColor

            return QColor("#f5c6c0")
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if column == "annual_value":
            return format_money(line.annual_value)
        if column == "contact":
            return f"{line.contact} {line.contact_phone}".strip()
        if column == "role":
            return _t(line.role)
        if column == "successor":
            if line.role != "owner":
                return _t("(stays with the team)")
            return self._names.get(line.successor_id, "") if line.successor_id else _t("— choose —")
        if column in ("visited_by", "new_backup_id"):
            person = getattr(line, column)
            return self._names.get(person, "") if person else ""
        return getattr(line, column) or ""

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() == self.SUCCESSOR:
            return self.assign([index.row()], value)
        if index.column() in (self.VISITED_BY, self.NEW_BACKUP):
            field = "visited_by" if index.column() == self.VISITED_BY else "new_backup_id"
            self._replace(index.row(), **{field: value if value else None})
            return True
        if index.column() in (self.NOTIFY, self.VISIT):
            try:
                date = parse_date(value)
            except FieldProblem:
                return False
            field = "notify_on" if index.column() == self.NOTIFY else "visit_on"
            self._replace(index.row(), **{field: date})
            return True
        return False

    def assign(self, rows: list[int], successor_id: int | None) -> bool:
        """Give the owned clients in rows to successor_id."""
        owned = [row for row in rows if 0 <= row < len(self._lines) and self._lines[row].role == "owner"]
        for row in owned:
            self._set(row, successor_id=successor_id)
        self._announce(owned)
        return bool(owned)

    def apply_proposal(self, proposal: dict[int, int | None]) -> None:
        rows = [row for row, line in enumerate(self._lines) if line.client_id in proposal]
        for row in rows:
            self._set(row, successor_id=proposal[self._lines[row].client_id])
        self._announce(rows)

    def offer_backups(self, offers: dict[int, int | None]) -> None:
        """Fill "Backup added" for the clients offered one (a choice already made is kept)."""
        rows = [row for row, line in enumerate(self._lines)
                if line.client_id in offers and line.new_backup_id is None and offers[line.client_id] is not None]
        for row in rows:
            self._set(row, new_backup_id=offers[self._lines[row].client_id])
        self._announce(rows)  # one signal for the whole offer: each one re-checked every key client's dates

    def set_lines(self, lines: list[ClientLine]) -> None:
        self.beginResetModel()
        self._reset_lines(lines)
        self.endResetModel()
        self.changed.emit()

    def _replace(self, row: int, **changes) -> None:
        self._set(row, **changes)
        self._announce([row])

    def _reset_lines(self, lines: list[ClientLine]) -> None:
        self._lines, self._loads, self._missing = [], {}, 0
        for line in lines:
            self._lines.append(line)
            self._count(line, +1)

    def _count(self, line: ClientLine, sign: int) -> None:
        if line.role != "owner":
            return
        if line.successor_id is None:
            self._missing += sign
        else:
            load = self._loads.setdefault(line.successor_id, [0, 0])
            load[0] += sign
            load[1] += sign * line.annual_value

    def _set(self, row: int, **changes) -> None:
        """Change one line without telling anyone yet (see _announce)."""
        self._count(self._lines[row], -1)
        self._lines[row] = replace(self._lines[row], **changes)
        self._count(self._lines[row], +1)

    def _announce(self, rows: list[int]) -> None:
        """One dataChanged over the rows touched and one `changed` for the whole action."""
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(self.COLUMNS) - 1))
            self.changed.emit()
