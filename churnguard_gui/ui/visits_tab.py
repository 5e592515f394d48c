"""The Visits tab: managers' visits to key clients that are overdue."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from churnguard_gui.i18n import ntr
from churnguard_gui.store.visits import overdue_visit_count  # a store function: the SQL stays in store/

if TYPE_CHECKING:
    from churnguard_gui.ui.main_window import MainWindow


class VisitsTab(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.context = window.context  # the open database is context.db (a restore swaps it)
        self.summary = QLabel()
        QVBoxLayout(self).addWidget(self.summary)
        self.refresh()

    def refresh(self) -> None:
        """Called by the main window after any change to the records."""
        count, _value = overdue_visit_count(self.context.db)
        self.summary.setText(ntr("{n} client is overdue for a manager's visit",
                                 "{n} clients are overdue for a manager's visit", count))

    def status_text(self) -> str:
        """What the status bar shows while this tab is current (optional)."""
        return self.summary.text()
