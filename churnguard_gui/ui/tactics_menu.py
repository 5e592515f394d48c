"""The Tactics menu and the buttons on the Clients and Staff tabs that open each tactic's window."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QBoxLayout, QDialog, QHBoxLayout, QMessageBox, QPushButton, QWidget

from churnguard_gui.core.reminders import Reminder

if TYPE_CHECKING:
    from churnguard_gui.ui.reminders_dialog import ReminderTray


REMINDERS_BACKGROUND_FROM = 20_000  # clients: from here the reminders at start (about 1 s at 100,000) use a worker


class Tactics(QObject):
    """Owns the tactics' menu entries on the main window; each opens a dialog, then the window refreshes."""

    @property
    def db(self):
        """The window's database, asked each time: a restore swaps it (ui/context.py)."""
        return self.window.db

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.tray: ReminderTray | None = None
        menu = window.menuBar().addMenu(self.tr("&Tactics"))
        language = getattr(window, "language_menu", None)
        if language is not None:  # keep Language last
            window.menuBar().insertMenu(language.menuAction(), menu)
        self.menu = menu
        self.actions: dict[str, QAction] = {}
        for key, text, slot in (
                ("reminders", self.tr("&Reminders…"), self.show_reminders),
                ("visits", self.tr("Manager &visits…"), lambda: self.open_visits(None)),
                ("firm_contact", self.tr("&Firm-level contact…"), lambda: self.open_firm_contact(None)),
                ("renewals", self.tr("Contract &renewals…"), self.open_renewals),
                ("rotation", self.tr("R&otation planner…"), lambda: self.open_rotation(None)),
                ("backups", self.tr("&Backups for single-threaded clients…"), self.open_backups),
                ("incentives", self.tr("&Incentives of the selected staff member…"), self.incentives_selected),
                ("former", self.tr("F&ormer employees' clients…"), lambda: self.open_former(None))):
            action = QAction(text, window)
            action.triggered.connect(slot)
            menu.addAction(action)
            self.actions[key] = action
            if key == "reminders":
                menu.addSeparator()
        staff_tab, clients_tab = window.staff_tab, window.clients_tab
        # A row under each list (the row above is full: the window must still fit a small laptop screen).
        self.incentives_button, self.rotate_button = _button_row(
            staff_tab, self.tr("Incentives…"), self.tr("Rotate clients…"))
        self.incentives_button.clicked.connect(self.incentives_selected)
        self.rotate_button.clicked.connect(lambda: self.open_rotation(staff_tab.current_id()))
        self.visits_button, self.firm_button = _button_row(
            clients_tab, self.tr("Manager visits…"), self.tr("Firm-level contact…"))
        self.visits_button.clicked.connect(lambda: self.open_visits(clients_tab.current_id()))
        self.firm_button.clicked.connect(lambda: self.open_firm_contact(clients_tab.current_id()))

    def _run(self, dialog: QDialog) -> None:
        dialog.exec()
        self.window.refresh()

    def open_visits(self, client_id: int | None) -> None:
        from churnguard_gui.ui.visits_dialog import VisitsDialog

        self._run(VisitsDialog(self.db, self.window, client_id))

    def open_firm_contact(self, client_id: int | None) -> None:
        from churnguard_gui.ui.firm_contact_dialog import FirmContactDialog

        self._run(FirmContactDialog(self.db, self.window, client_id))

    def open_renewals(self) -> None:
        from churnguard_gui.ui.renewals_dialog import RenewalsDialog

        self._run(RenewalsDialog(self.db, self.window))

    def open_rotation(self, staff_id: int | None) -> None:
        from churnguard_gui.ui.rotation_dialog import RotationDialog

        self._run(RotationDialog(self.db, self.window, staff_id))

    def open_backups(self) -> None:
        from churnguard_gui.ui.backups_dialog import BackupsDialog

        self._run(BackupsDialog(self.db, self.window))

    def incentives_selected(self) -> None:
        staff_id = self.window.staff_tab.current_id()
        if staff_id is None:
            QMessageBox.information(self.window, self.tr("Incentives"), self.tr(
                "Select a staff member on the Staff tab first."))
            return
        self.open_incentives(staff_id)

    def open_incentives(self, staff_id: int) -> None:
        from churnguard_gui.ui.incentives_dialog import IncentivesDialog

        self._run(IncentivesDialog(self.db, staff_id, self.window))

    def open_former(self, staff_id: int | None) -> None:
        from churnguard_gui.ui.former_clients_dialog import FormerClientsDialog

        self._run(FormerClientsDialog(self.db, self.window, staff_id))

    # -- reminders
    def show_reminders(self) -> None:
        from churnguard_gui.ui.reminders_dialog import RemindersDialog

        self._run(RemindersDialog(self.db, self.window.settings, self.open_reminder, self.window))

    def open_reminder(self, item: Reminder) -> None:
        """Open the window where the reminder is dealt with."""
        if item.kind == "visit":
            self.open_visits(item.ref_id)
        elif item.kind == "renewal":
            self.open_renewals()
        elif item.kind == "payment":
            self.window.compensation()
        elif item.kind == "vesting" and item.ref_id is not None:
            self.open_incentives(item.ref_id)
        elif item.kind == "follow_up":
            self.open_former(item.ref_id)
        elif item.kind == "rotation":
            self.open_rotation(item.ref_id)
        else:
            QMessageBox.information(self.window, self.tr("Reminders"), item.detail)

    def on_start(self) -> None:
        """At start: the reminders list when something is due (unless switched off), and the tray icon.

        With many clients the reminders take seconds of SQL: they are then worked out on a worker thread with a
        connection of its own, so the window paints first and the list opens when they are ready."""
        from churnguard_gui.store.reminders import reminders
        from churnguard_gui.store.risk import client_count
        from churnguard_gui.ui.reminders_dialog import ON_START_KEY, ReminderTray

        if ReminderTray.available():
            tray = self.tray = ReminderTray(self.db, self.window, self.show_reminders)
            tray.start()
        if not self.window.settings.value(ON_START_KEY, True, type=bool):
            return
        context = self.window.context
        if context.path in ("", ":memory:") or client_count(self.db) < REMINDERS_BACKGROUND_FROM:
            self._offer_reminders(reminders(self.db))
            return
        from churnguard_gui.ui.operations import Worker, operations

        def job(progress):
            db = context.connect()
            try:
                return reminders(db)
            finally:
                db.close()

        worker = Worker(job, self)
        # Offered from the event loop, not from inside whatever delivers the result: when that is the shutdown
        # after the window closed (Operations.shutdown sends the posted events), the window is hidden by then and
        # no modal list opens on the way out.
        worker.succeeded.connect(lambda items: QTimer.singleShot(0, lambda: self._offer_reminders(items)))
        worker.finished.connect(lambda: QTimer.singleShot(0, worker.deleteLater))  # after its other slots ran
        operations().adopt(worker)  # waited for if the app ends first
        worker.start()

    def _offer_reminders(self, items: list[Reminder] | None) -> None:
        from churnguard_gui.ui.reminders_dialog import RemindersDialog

        if items and self.window.isVisible():
            self._run(RemindersDialog(self.db, self.window.settings, self.open_reminder, self.window, items))


def _button_row(tab: QWidget, *texts: str) -> list[QPushButton]:
    row = QHBoxLayout()
    buttons = [QPushButton(text) for text in texts]
    for button in buttons:
        row.addWidget(button)
    row.addStretch()
    layout = tab.layout()
    if not isinstance(layout, QBoxLayout):
        raise TypeError("a tactics tab lays its rows out in a box layout")
    layout.addLayout(row)
    return buttons


def install(window: QWidget) -> Tactics:
    return Tactics(window)

