"""A tab with a search box over a record table, with add / edit / delete buttons."""
from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from churnguard_gui.core.counts import list_count
from churnguard_gui.ui.table_models import RecordTableModel
from churnguard_gui.ui.widgets import RESIZE_SAMPLE_ROWS


class ListTab(QWidget):
    add_requested = Signal()
    edit_requested = Signal(int)
    delete_requested = Signal(int)
    counts_changed = Signal()

    def __init__(self, name: str, model: RecordTableModel, search_hint: str, sort_column: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.model = model
        self.search = QLineEdit()
        self.search.setObjectName(f"{name}_search")
        self.search.setPlaceholderText(search_hint)
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._debounce.start)
        self.view = QTableView()
        self.view.setObjectName(f"{name}_table")
        self.view.setModel(model)
        self.view.horizontalHeader().setSortIndicator(sort_column, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setResizeContentsPrecision(RESIZE_SAMPLE_ROWS)
        self.view.doubleClicked.connect(lambda index: self._edit(index.row()))
        self.add_button = QPushButton(self.tr("&Add…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self._enter_opens_row()
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(lambda: self._edit(self.view.currentIndex().row()))
        self.delete_button.clicked.connect(self._delete)
        top = QHBoxLayout()
        self._top = top
        top.addWidget(self.search, 1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(top)
        self._layout.addWidget(self.view)
        model.modelReset.connect(self.counts_changed)
        # A refresh (after a save, an import, a search) keeps the selected record selected when it is still listed.
        self._kept_id: int | None = None
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)
        self._sized = False
        self._fitting = False
        model.modelReset.connect(self._size_columns)
        # a width the user sets is theirs to keep, even on a list that was empty at the time
        self.view.horizontalHeader().sectionResized.connect(
            lambda index, *_: setattr(self, "_sized", True)
            if not self._fitting and index != self.model.columnCount() - 1 else None)  # the last one stretches

    # Only a shown list queries the database: a hidden tab loads when it is first shown (and after changes).
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.model.set_active(True)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self.model.set_active(False)


    def _enter_opens_row(self) -> None:
        """Enter or Return on the table opens the selected row, as a double-click does."""
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._edit(self.view.currentIndex().row())
                                       if self.view.currentIndex().isValid() else None)

    def add_below(self, widget: QWidget) -> None:
        """A widget (a filter, say) in a row under the table, so the row of buttons keeps its width."""
        row = QHBoxLayout()
        row.addWidget(widget)
        row.addStretch()
        self._layout.addLayout(row)

    def insert_widget(self, position: int, widget: QWidget) -> None:
        """A widget (a filter, say) in the row beside the search box."""
        self._top.insertWidget(position, widget)

    def extra_button(self, text: str) -> QPushButton:
        """An extra button beside Add / Edit / Delete."""
        button = QPushButton(text)
        self._top.addWidget(button)
        return button

    def status_text(self) -> str:
        """What the status bar shows for this list: "12 of 300 clients" while searching, else "300 clients"."""
        return list_count(self.name, self.model.rowCount(), self.model.total())

    def refresh(self) -> None:
        self.model.refresh()

    def focus_search(self) -> None:
        self.search.setFocus()

    def apply_search(self) -> None:
        self._debounce.stop()
        self.model.set_search(self.search.text())

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_id(self, record_id: int) -> None:
        row = self.model.row_of(record_id)
        if row is not None:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))

    def _remember_selection(self) -> None:
        self._kept_id = self.current_id()

    def _restore_selection(self) -> None:
        if self._kept_id is not None:
            self.select_id(self._kept_id)

    def _edit(self, row: int) -> None:
        record_id = self.model.id_at(row)
        if record_id is not None:
            self.edit_requested.emit(record_id)

    def _delete(self) -> None:
        record_id = self.current_id()
        if record_id is not None:
            self.delete_requested.emit(record_id)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"{self.name}/header", self.view.horizontalHeader().saveState())
        # widths saved while the list was still empty only fit the headers: they must not stop a fit to the rows
        settings.setValue(f"{self.name}/fitted", self._sized)

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value(f"{self.name}/header")
        if state is not None:
            restored = bool(self.view.horizontalHeader().restoreState(state))
            self._sized = restored and str(settings.value(f"{self.name}/fitted", "true")).lower() == "true"
        self._size_columns()

    def _size_columns(self) -> None:
        """Fit the columns to the first rows once there are rows, unless the user's widths were restored; an empty
        list shows every header whole."""
        if self._sized:
            return
        if not self.model.rowCount():
            header = self.view.horizontalHeader()
            self._fitting = True
            for column in range(self.model.columnCount()):
                self.view.setColumnWidth(column, max(header.sectionSizeHint(column), 70))
            self._fitting = False
            return
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.view.setColumnWidth(column, min(max(self.view.columnWidth(column), 70), 260))
        self._sized = True


def add_staff_filter(tab: ListTab) -> QComboBox:
    """Rejected candidates and candidates on hold are out of the Staff list unless the filter shows them."""
    combo = QComboBox()
    combo.setObjectName("staff_filter")
    combo.setToolTip(tab.tr("Rejected candidates and candidates on hold are left out of the list unless you "
                            "choose to show them"))
    combo.addItem(tab.tr("Staff and open candidates"), 0)
    combo.addItem(tab.tr("Everyone, with rejected and on hold"), None)
    combo.addItem(tab.tr("Only rejected and on hold"), 1)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    def apply() -> None:
        value = combo.currentData()
        tab.model.set_filter("set_aside" if value is not None else None, value)
        tab.counts_changed.emit()

    combo.currentIndexChanged.connect(apply)
    label = QLabel(tab.tr("S&how:"))
    label.setBuddy(combo)
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(label)
    layout.addWidget(combo)
    tab.add_below(row)
    apply()
    return combo
