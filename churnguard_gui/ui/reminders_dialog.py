"""Everything due in one list (shown at start), and a tray message while the app runs."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from churnguard_gui.core.reminders import REMINDER_KINDS, REMINDER_LABELS, Reminder, tray_summary
from churnguard_gui.store.reminders import reminders
from churnguard_gui.ui.rows_model import RowsModel
from churnguard_gui.ui.tactic_forms import nothing_selected, table

ON_START_KEY = "reminders/on_start"
TRAY_INTERVAL_MS = 60 * 60 * 1000  # look again every hour


class RemindersDialog(QDialog):
    def __init__(self, db: Database, settings: QSettings, opener: Callable[[Reminder], None],
                 parent: QWidget | None = None, items: list[Reminder] | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.opener = opener
        self.today = dt.date.today()
        self.setWindowTitle(self.tr("Reminders"))
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.currentIndexChanged.connect(lambda _index: self.show_kind())
        self.items: list[Reminder] = []
        today = self.today
        self.model = RowsModel([
            (self.tr("Due"), lambda r: r.due_on), (self.tr("What"), lambda r: self.tr(REMINDER_LABELS[r.kind])),
            (self.tr("Client or person"), lambda r: r.subject), (self.tr("Detail"), lambda r: r.detail)],
            parent=self, alert=lambda r: r.overdue(today))
        self.view = table(self.model, editable=False)
        self.view.doubleClicked.connect(lambda *_: self.open_current())
        self.open_button = QPushButton(self.tr("Open…"))
        self.open_button.clicked.connect(self.open_current)
        self.on_start = QCheckBox(self.tr("Show this list when ChurnGuard starts"))
        self.on_start.setChecked(settings.value(ON_START_KEY, True, type=bool))
        self.on_start.toggled.connect(lambda checked: self.settings.setValue(ON_START_KEY, checked))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.on_start)
        buttons.addStretch()
        buttons.addWidget(close)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(QLabel(self.tr("Show:")))
        top.addWidget(self.kind)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(1000, 560)
        self.refresh(items)

    def refresh(self, items: list[Reminder] | None = None) -> None:
        self.items = reminders(self.db, self.today) if items is None else items
        overdue = sum(1 for r in self.items if r.overdue(self.today))
        self.heading.setText(self.tr("{count} things due, {overdue} of them overdue (red). Select one and press "
                                     "Open to deal with it.").format(count=len(self.items), overdue=overdue)
                             if self.items else self.tr("Nothing is due. Well done."))
        chosen = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(self.tr("Everything ({count})").format(count=len(self.items)), None)
        for kind in REMINDER_KINDS:
            count = sum(1 for r in self.items if r.kind == kind)
            if count:
                self.kind.addItem(f"{self.tr(REMINDER_LABELS[kind])} ({count})", kind)
        self.kind.setCurrentIndex(max(self.kind.findData(chosen), 0))
        self.kind.blockSignals(False)
        self.show_kind()

    def show_kind(self) -> None:
        kind = self.kind.currentData()
        rows = [r for r in self.items if kind is None or r.kind == kind]
        self.model.set_rows(rows)
        if rows:
            self.view.selectRow(0)

    def open_current(self) -> None:
        index = self.view.currentIndex()
        item = self.model.row_at(index.row()) if index.isValid() else None
        if not nothing_selected(self, item):
            self.opener(item)
            self.refresh()


def tray_text(items: list[Reminder], today: dt.date) -> str:
    from churnguard_gui.i18n import ntr

    counts = tray_summary(items, today)
    parts = [ntr("{n} reminder", "{n} reminders", len(items)), ntr("{n} overdue", "{n} overdue", counts["overdue"])]
    return " · ".join(parts)


class ReminderTray(QObject):
    """A tray icon that says what is due when the app starts and every hour after, if the system has a tray."""

    def __init__(self, db: Database, window: QWidget, on_click: Callable[[], None]) -> None:
        super().__init__(window)
        self.db = db
        self.icon = QSystemTrayIcon(window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation), self)
        self.icon.setToolTip("ChurnGuard")
        self.icon.activated.connect(lambda _reason: on_click())
        self.icon.messageClicked.connect(on_click)
        self.timer = QTimer(self)
        self.timer.setInterval(TRAY_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.last_message = ""

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def start(self) -> None:
        self.icon.show()
        self.timer.start()
        self.check()

    def check(self) -> str:
        """Show a message when something is due and it differs from the last one shown."""
        today = dt.date.today()
        items = reminders(self.db, today)
        text = tray_text(items, today) if items else ""
        self.icon.setToolTip("ChurnGuard — " + text if text else "ChurnGuard")
        if text and text != self.last_message:
            self.icon.showMessage(self.tr("ChurnGuard reminders"), text,
                                  QSystemTrayIcon.MessageIcon.Information, 10000)
            self.last_message = text
        return text
