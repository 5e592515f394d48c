"""Choosing a backup to restore (File → Restore…), and the offer made when the database is damaged at start."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from churnguard_gui.core.counts import firm_size
from churnguard_gui.core.errors import ChurnError
from churnguard_gui.store.backup import BackupInfo, list_backups


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(size // 1024, 1)} KB"


class RestoreDialog(QDialog):
    """The backups of the database with date, size and counts; Restore puts the chosen one in place."""

    def __init__(self, db_path: str, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore a backup"))
        self.chosen: Path | None = None
        self._db_path = db_path
        intro = QLabel(self.tr("Choose the backup to put in place of the current database. The current database "
                               "is backed up first, so a restore can be undone.\nBackups in {folder}").format(
            folder=folder))
        intro.setWordWrap(True)
        self.backups = list_backups(db_path, folder)
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Why"), self.tr("Size"), self.tr("Clients"),
                                              self.tr("Staff")])
        for info in self.backups:
            self.model.appendRow(self._row(info))
        self.view = QTableView()
        self.view.setObjectName("backups_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda index: self.accept())
        self.empty = QLabel(self.tr("There are no backups yet. Use File → Back up now, or choose a backup file."))
        self.empty.setVisible(not self.backups)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setObjectName("restore_button")
        self.restore_button.setEnabled(bool(self.backups))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.file_button = QPushButton(self.tr("Choose a file…"))
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.file_button.clicked.connect(self.choose_file)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        if self.backups:
            self.view.selectRow(0)
        self.view.resizeColumnsToContents()
        self.resize(680, 400)

    def _row(self, info: BackupInfo) -> list[QStandardItem]:
        why = {"daily": self.tr("daily"), "manual": self.tr("by hand"), "before-import": self.tr("before an import"),
               "before-upgrade": self.tr("before an upgrade"), "before-restore": self.tr("before a restore"),
               "before-handover": self.tr("before a handover")}.get(info.reason, info.reason)
        cells = [f"{info.made:%Y-%m-%d %H:%M}", why, _size(info.size),
                 f"{info.clients:,}" if info.readable else self.tr("cannot be read"),
                 f"{info.staff:,}" if info.readable else ""]
        items = [QStandardItem(text) for text in cells]
        for item in items[2:]:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return items

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup"), str(Path(self._db_path).parent),
                                              self.tr("ChurnGuard database (*.db);;All files (*)"))
        if path:
            self._confirm(Path(path))

    def accept(self) -> None:
        row = self.view.currentIndex().row()
        if 0 <= row < len(self.backups):
            self._confirm(self.backups[row].path)

    def _confirm(self, path: Path) -> None:
        answer = QMessageBox.question(self, self.tr("Restore"), self.tr(
            "Put the backup {file} in place of the current database? The current one is backed up first.").format(
            file=path.name), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.chosen = path
            super().accept()

    @classmethod
    def ask(cls, context, parent: QWidget | None = None) -> Path | None:
        """The backup chosen (confirmed), or None."""
        try:
            dialog = cls(context.path, context.backup_folder(), parent)
        except (ChurnError, OSError) as error:
            from churnguard_gui.ui.operations import report_error

            report_error(parent, error)
            return None
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None


class DamagedDialog(QDialog):
    """At start: the database cannot be used. Says why in plain words and offers the newest verified backup."""

    def __init__(self, error: ChurnError, db_path: str, newest: BackupInfo | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The database cannot be opened"))
        self.chosen: Path | None = None
        self._db_path = db_path
        self._newest = newest
        where = dataclasses.replace(error, file=None)  # the file is named in the heading
        heading = QLabel(self.tr("ChurnGuard cannot use {file}:").format(file=Path(db_path).name))
        heading.setStyleSheet("font-weight: bold; font-size: 14px;")
        heading.setToolTip(db_path)
        lines = [db_path, str(where)[:1].upper() + str(where)[1:]]
        if newest is not None:
            lines.append(self.tr("The newest verified backup is from {when} ({counts}). Restoring it keeps a copy "
                                 "of the damaged file beside the database.").format(
                when=f"{newest.made:%Y-%m-%d %H:%M}", counts=firm_size(newest.clients or 0, newest.staff or 0)))
        else:
            lines.append(self.tr("No verified backup of this database was found. Choose a backup file, or quit and "
                                 "ask for help; keep the damaged file."))
        text = QLabel("\n\n".join(lines))
        text.setObjectName("damage_text")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(self.tr("Restore the newest backup"))
        self.restore_button.setObjectName("restore_newest")
        self.restore_button.clicked.connect(self.restore_newest)
        self.file_button = QPushButton(self.tr("Choose a backup file…"))
        self.file_button.clicked.connect(self.choose_file)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.clicked.connect(self.reject)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setVisible(newest is not None)  # after addButton, which shows it
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(620, 300)

    def restore_newest(self) -> None:
        if self._newest is not None:
            self.chosen = self._newest.path
            self.accept()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup"), str(Path(self._db_path).parent),
                                              self.tr("ChurnGuard database (*.db);;All files (*)"))
        if path:
            self.chosen = Path(path)
            self.accept()

    @classmethod
    def ask(cls, error: ChurnError, db_path: str, newest: BackupInfo | None) -> Path | None:
        dialog = cls(error, db_path, newest)
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None
