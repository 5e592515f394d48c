"""File → Back up now, Restore… and Backup folder…: the main window's backup menu entries and what they do."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from churnguard_gui.core.errors import ChurnError
from churnguard_gui.ui.errors import show_error
from churnguard_gui.ui.operations import operations

if TYPE_CHECKING:
    from churnguard_gui.ui.main_window import MainWindow


class BackupActions(QObject):
    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self.backup_action = QAction(self.tr("&Back up now"), window)
        self.backup_action.triggered.connect(self.backup_now)
        self.restore_action = QAction(self.tr("&Restore…"), window)
        self.restore_action.triggered.connect(self.restore)
        self.folder_action = QAction(self.tr("Backup &folder…"), window)
        self.folder_action.triggered.connect(self.choose_folder)
        for action in (self.backup_action, self.restore_action, self.folder_action):
            menu.addAction(action)

    def backup_now(self) -> None:
        window, context = self._window, self._window.context

        def done(path: object) -> None:
            window.backup_status.update_text()
            window.statusBar().showMessage(self.tr("Backup made and verified: {file}").format(file=path), 10000)

        window.worker = operations().run(window, self.tr("Backing up…"), lambda progress: context.backup_now(), done)

    def restore(self) -> None:
        from churnguard_gui.ui.restore_dialog import RestoreDialog

        window = self._window
        chosen = RestoreDialog.ask(window.context, window)
        if chosen is None:
            return
        try:
            kept = window.context.restore(chosen)  # the windows rebuild on the restored database
        except ChurnError as error:
            show_error(window, error)
            return
        QMessageBox.information(window, self.tr("Restore"), self.tr(
            "Restored {file}. The database as it was before is kept in {kept}.").format(
            file=chosen, kept=kept or self.tr("(there was none)")))

    def choose_folder(self) -> None:
        from churnguard_gui.store.backup import FOLDER_SETTING
        from churnguard_gui.store.settings import set_setting

        window = self._window
        folder = QFileDialog.getExistingDirectory(window, self.tr("Backup folder (a USB stick or a synced folder)"),
                                                  str(window.context.backup_folder()))
        if folder:
            try:
                set_setting(window.db, FOLDER_SETTING, folder)
            except ChurnError as error:
                show_error(window, error)
                return
            window.backup_status.update_text()
