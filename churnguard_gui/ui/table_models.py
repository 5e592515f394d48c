"""One table model per kind of row: ids come from SQL (search and sort there), rows are fetched by page."""
from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from sqlite_utils import Database

from churnguard_gui.core.fields import (
    AGREEMENT_KIND_LABELS,
    AGREEMENT_STATUS_LABELS,
    CLIENT_STATUS_LABELS,
    FIELD_LABELS,
    STATUS_LABELS,
)
from churnguard_gui.core.values import format_money
from churnguard_gui.store import listing

LABELS = {"status": STATUS_LABELS, "client_status": CLIENT_STATUS_LABELS, "agreement_kind": AGREEMENT_KIND_LABELS,
          "agreement_status": AGREEMENT_STATUS_LABELS}
PAGE = 256
MAX_PAGES = 64
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RecordTableModel(QAbstractTableModel):
    """Rows of one ListSpec. Change it only through refresh(), set_search() and sort().

    A model nobody is looking at (set_active(False): its tab is hidden) does not query: a refresh, search or sort
    only marks it stale, and it loads once when it becomes active again.
    """

    def __init__(self, db: Database, spec: listing.ListSpec, parent=None, *, load: bool = True) -> None:
        super().__init__(parent)
        self._db = db
        self._spec = spec
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, tuple]] = OrderedDict()
        self._search = ""
        self._extra: tuple[str, list] | None = None
        self._sort: str | None = None
        self._descending = False
        self._active = load
        self._stale = True
        if load:
            self._load()

    # -- changing the rows
    def set_active(self, active: bool) -> None:
        """Whether someone looks at the rows; becoming active loads them if anything changed meanwhile."""
        self._active = active
        if active and self._stale:
            self.refresh()

    def refresh(self) -> None:
        if not self._active:
            self._stale = True
            return
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def set_search(self, text: str) -> None:
        if text != self._search:
            self._search = text
            self.refresh()

    def set_filter(self, condition: str | None, params: list | None = None) -> None:
        """One more SQL condition on the rows (for example a status), or None for all."""
        self._extra = (condition, params or []) if condition else None
        self.refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._spec.columns):
            return
        self._sort = self._spec.columns[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        if not self._active:
            self._stale = True
            return
        self.layoutAboutToBeChanged.emit()
        old = {row: self._ids[row] for row in range(len(self._ids))}
        persistent = self.persistentIndexList()
        self._load()
        where = {record_id: row for row, record_id in enumerate(self._ids)}
        self.changePersistentIndexList(persistent, [
            self.index(where[old[i.row()]], i.column()) if old.get(i.row()) in where else QModelIndex()
            for i in persistent])
        self.layoutChanged.emit()

    def _load(self) -> None:
        self._ids = listing.list_ids(self._db, self._spec, self._search, self._sort, self._descending, self._extra)
        self._pages.clear()
        self._stale = False

    # -- reading
    def total(self) -> int:
        return listing.count_all(self._db, self._spec)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int | None:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def column_key(self, column: int) -> str:
        return self._spec.columns[column].key

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._spec.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._spec.columns):
            column = self._spec.columns[section]
            key = column.label or column.key
            return QCoreApplication.translate("fields", FIELD_LABELS.get(key, key))
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        column = self._spec.columns[index.column()]
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind in ("money", "int"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column.kind == "owner":
            flagged = self._row(index.row())[index.column()] == listing.NEEDS_OWNER
            return QBrush(QColor("#b00020")) if flagged else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        value = self._row(index.row())[index.column()]
        if value is None:
            return ""
        if column.kind == "owner" and value == listing.NEEDS_OWNER:
            return QCoreApplication.translate("fields", "needs an owner")
        if column.kind == "money":
            return format_money(value)
        if column.kind in LABELS:
            return QCoreApplication.translate("fields", LABELS[column.kind].get(value, value))
        return str(value)

    def _row(self, row: int) -> tuple:
        page_no = row // PAGE
        page = self._pages.get(page_no)
        if page is None:
            ids = self._ids[page_no * PAGE:(page_no + 1) * PAGE]
            page = listing.fetch_rows(self._db, self._spec, ids)
            self._pages[page_no] = page
            if len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._ids[row], (None,) * len(self._spec.columns))


def staff_model(db: Database, parent=None, *, load: bool = True) -> RecordTableModel:
    return RecordTableModel(db, listing.STAFF, parent, load=load)


def agreement_model(db: Database, parent=None, *, load: bool = True) -> RecordTableModel:
    return RecordTableModel(db, listing.AGREEMENTS, parent, load=load)


def client_model(db: Database, parent=None, *, load: bool = True) -> RecordTableModel:
    return RecordTableModel(db, listing.CLIENTS, parent, load=load)
