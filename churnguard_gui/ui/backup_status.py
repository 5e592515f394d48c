"""The status bar's backup line: when the last verified backup was made, in red when older than a week."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from churnguard_gui.i18n import ntr
from churnguard_gui.store.backup import is_stale
from churnguard_gui.ui.context import AppContext


class BackupStatus(QLabel):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backup_status")
        self._context = context
        context.backups_changed.connect(self.update_text)
        context.database_changed.connect(self.update_text)
        self._timer = QTimer(self)
        self._timer.setInterval(3_600_000)  # the age goes up while the app stays open
        self._timer.timeout.connect(self.update_text)
        self._timer.start()
        self.update_text()

    def update_text(self, now: dt.datetime | None = None) -> None:
        now = now or dt.datetime.now()
        try:
            made = self._context.last_backup()
        except OSError:
            made = None
        self.stale = is_stale(made, now)
        if made is None:
            text = self.tr("No backup yet — File → Back up now")
        elif made.date() == now.date():
            text = self.tr("Last backup: today {time}").format(time=f"{made:%H:%M}")
        elif self.stale:
            text = ntr("Last backup {n} day ago — File → Back up now", "Last backup {n} days ago — File → Back up now",
                       (now - made).days)
        else:
            text = self.tr("Last backup: {when}").format(when=f"{made:%Y-%m-%d %H:%M}")
        self.setText(text)
        separator = "border-left: 1px solid #b0b0b0; padding-left: 8px; margin-left: 6px;"
        self.setStyleSheet(separator + (" color: #b3261e; font-weight: bold;" if self.stale else ""))
        self.setToolTip(self.tr("Backups are kept in {folder}").format(folder=self._context.backup_folder()))
