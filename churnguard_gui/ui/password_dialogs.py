"""The password asked at start for an encrypted database, and setting, changing or removing it (Firm settings)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from churnguard_gui.core.errors import ChurnError, StoreError
from churnguard_gui.store import crypto
from churnguard_gui.ui.context import AppContext
from churnguard_gui.ui.operations import operations
from churnguard_gui.ui.widgets import message_label, ok_cancel


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class PasswordDialog(QDialog):
    """At start: the encrypted file's password; a wrong one is said here and asked again."""

    def __init__(self, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = str(path)
        self.setWindowTitle(self.tr("ChurnGuard — password"))
        intro = QLabel(self.tr("This database is encrypted. Enter its password to open it:\n{file}").format(
            file=self.path))
        intro.setWordWrap(True)
        self.password = password_field()
        self.error = message_label()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.password)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(self.tr("A lost password cannot be recovered; see the recovery sheet you printed.")))
        layout.addWidget(ok_cancel(self))
        self.setMinimumWidth(460)

    def accept(self) -> None:
        try:
            AppContext.unlock(self.path, self.password.text())
        except ChurnError as error:
            self.error.setText(self.tr("Wrong password; try again.") if isinstance(error, StoreError) and
                               error.code == "password_wrong" else str(error))
            self.password.clear()
            self.password.setFocus()
            return
        super().accept()

    @staticmethod
    def ask(path: str | Path) -> bool:
        """True once the right password is held; False when the user cancels (the app then closes)."""
        return PasswordDialog(path).exec() == QDialog.DialogCode.Accepted


class ChangePasswordDialog(QDialog):
    """Set, change or remove the password; the database and its backups are re-keyed off the GUI thread."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.encrypted = context.encrypted
        self.setWindowTitle(self.tr("Database password"))
        self.current = password_field()
        self.new = password_field()
        self.again = password_field()
        self.error = message_label()
        form = QFormLayout(self)
        state = self.tr("The database is encrypted with a password.") if self.encrypted else self.tr(
            "The database has no password: anyone with the file can read it.")
        explain = QLabel(state + " " + self.tr("Setting a password encrypts the database and all its backups; "
                                               "it is asked at every start and to unlock the screen."))
        explain.setWordWrap(True)
        form.addRow(explain)
        if self.encrypted:
            form.addRow(self.tr("Current password"), self.current)
        form.addRow(self.tr("New password (at least {count} characters)").format(count=crypto.MIN_LENGTH),
                    self.new)
        form.addRow(self.tr("New password again"), self.again)
        form.addRow(self.error)
        buttons = ok_cancel(self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Change password") if self.encrypted else self.tr("Set password"))
        self.remove_button = QPushButton(self.tr("Remove password"))
        self.remove_button.setVisible(self.encrypted)
        self.remove_button.clicked.connect(lambda: self._apply(remove=True))
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.sheet_button = QPushButton(self.tr("Recovery sheet…"))
        self.sheet_button.setEnabled(self.encrypted)
        self.sheet_button.clicked.connect(lambda: self.show_sheet())
        buttons.addButton(self.sheet_button, QDialogButtonBox.ButtonRole.ActionRole)
        form.addRow(buttons)
        self.setMinimumWidth(520)
        self.result_action = ""

    def accept(self) -> None:
        self._apply(remove=False)

    def _apply(self, remove: bool) -> None:
        old = self.current.text() if self.encrypted else None
        if self.encrypted and not self.context.password_matches(old or ""):
            self.error.setText(self.tr("The current password is wrong; nothing was changed."))
            return
        new = None
        if not remove:
            new = self.new.text()
            try:
                crypto.check_new_password(new)
                if new != self.again.text():
                    raise StoreError("password_mismatch")
            except ChurnError as error:
                self.error.setText(str(error))
                return
        try:
            self.context.begin_password_change()
        except ChurnError as error:
            self.error.setText(str(error))
            return
        label = self.tr("Removing the password…") if remove else self.tr("Encrypting the database and its backups…")
        operations().run(self, label, lambda progress: self.context.change_password(new, old),
                         self._done, self._failed)

    def _done(self, result) -> None:
        self.context.end_password_change()
        self.result_action = result.action
        if result.action != "password_removed":
            self.show_sheet()
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self.context.end_password_change()  # the old file is untouched when the copy failed
        self.error.setText(str(error) if isinstance(error, ChurnError) else repr(error))

    def show_sheet(self) -> None:
        from churnguard_gui.reports.recovery_sheet import build_recovery_sheet
        from churnguard_gui.store.db import audit, writing
        from churnguard_gui.store.password import recovery_facts
        from churnguard_gui.ui.report_preview import ReportPreview

        db = self.context.db

        def log(action: str, target: str) -> None:
            with writing(db):
                audit(db, action, report="recovery_sheet", file=str(target))

        pdf = build_recovery_sheet(recovery_facts(db, self.context.path))
        ReportPreview(pdf, "ChurnGuard recovery sheet.pdf", log, self).exec()
