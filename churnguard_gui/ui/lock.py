"""The screen lock: after idle minutes (Firm settings) or File → Lock (Ctrl+L) every window is covered; the
password (or, for a database without one, a click) uncovers them. Nothing of the records shows while locked."""
from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from churnguard_gui.core.errors import ChurnError
from churnguard_gui.core.security import LOCK_SETTING, lock_minutes
from churnguard_gui.store import crypto
from churnguard_gui.ui.widgets import message_label

if TYPE_CHECKING:
    from churnguard_gui.ui.main_window import MainWindow

ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
            QEvent.Type.TouchBegin}


def _app() -> QCoreApplication:
    """The running application (a lock exists only in a running app)."""
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("no QApplication")
    return app


class LockCover(QWidget):
    """An opaque cover over one window; the one on the window that takes input holds the password field."""

    unlock_requested = Signal(str)

    def __init__(self, host: QWidget, with_entry: bool, encrypted: bool) -> None:
        super().__init__(host)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Window).darker(115))
        self.setPalette(palette)
        box = QFrame(self)
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setAutoFillBackground(True)
        box.setFixedWidth(440)  # a fixed width lets the wrapped notes take their full height
        inner = QVBoxLayout(box)
        title = QLabel("<h2>" + self.tr("ChurnGuard is locked") + "</h2>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner.addWidget(title)
        self.password: QLineEdit | None = None
        self.error = message_label()
        if with_entry:
            if encrypted:
                prompt = QLabel(self.tr("Enter the database password to continue."))
                prompt.setWordWrap(True)
                inner.addWidget(prompt)
                self.password = QLineEdit()
                self.password.setEchoMode(QLineEdit.EchoMode.Password)
                self.password.returnPressed.connect(self._submit)
                inner.addWidget(self.password)
                self.button = QPushButton(self.tr("Unlock"))
            else:
                note = QLabel(self.tr("This database has no password, so anyone at this computer can continue. Set a "
                                      "password in Firm settings to require it here."))
                note.setWordWrap(True)
                inner.addWidget(note)
                self.button = QPushButton(self.tr("Continue"))
            self.button.setDefault(True)
            self.button.clicked.connect(lambda: self._submit())
            inner.addWidget(self.error)
            inner.addWidget(self.button)
        else:
            inner.addWidget(QLabel(self.tr("Unlock in the main window.")))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        box.setMinimumHeight(box.sizeHint().height())
        layout.addStretch(2)
        host.installEventFilter(self)
        self.setGeometry(host.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        host = self.parentWidget()
        if event.type() == QEvent.Type.Resize and host is not None and watched is host:
            self.setGeometry(host.rect())
        return False

    def _submit(self) -> None:
        self.unlock_requested.emit(self.password.text() if self.password is not None else "")

    def refuse(self) -> None:
        self.error.setText(self.tr("Wrong password; try again."))
        if self.password is not None:
            self.password.clear()
            self.password.setFocus()


class LockGuard(QObject):
    """Watches for input anywhere in the app; after the idle minutes, or on demand, covers every window."""

    locked_changed = Signal(bool)

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.action = QAction(self.tr("&Lock"), window)
        self.action.setShortcut(QKeySequence("Ctrl+L"))
        self.action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.action.triggered.connect(lambda: self.lock())
        menu.addAction(self.action)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self._covers: list[LockCover] = []
        self._disabled: list[QWidget | QAction] = []
        self.minutes = 0
        _app().installEventFilter(self)
        self.reload()

    @property
    def locked(self) -> bool:
        return bool(self._covers)

    def reload(self) -> None:
        """Read the idle minutes from the firm's settings (after Firm settings closes) and restart the wait."""
        from churnguard_gui.store.settings import get_setting

        with contextlib.suppress(ChurnError, *crypto.Error):  # a closed or locked database keeps the last value
            self.minutes = lock_minutes(get_setting(self.context.db, LOCK_SETTING, ""))
        self._restart()

    def _restart(self) -> None:
        if self.minutes and not self.locked:
            self.timer.start(self.minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in ACTIVITY and not self.locked and self.timer.isActive() and \
                self.timer.remainingTime() < self.timer.interval() - 1000:
            self.timer.start()  # activity: the idle wait starts again (at most once a second)
        return False

    def lock(self) -> None:
        if self.locked:
            return
        popup = QApplication.activePopupWidget()
        while popup is not None:
            popup.close()
            popup = QApplication.activePopupWidget() if QApplication.activePopupWidget() is not popup else None
        _app().setProperty("churnguardLocked", True)
        modal = QApplication.activeModalWidget()
        entry_host = modal if modal is not None else self.window
        hosts = [w for w in QApplication.topLevelWidgets() if w.isVisible() and not isinstance(w, QMenu)]
        if entry_host not in hosts:
            hosts.append(entry_host)
        encrypted = self.context.encrypted
        for host in hosts:
            for child in host.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
                if child.isEnabled() and not child.isWindow():
                    child.setEnabled(False)
                    self._disabled.append(child)
            for action in host.findChildren(QAction):
                if action is not self.action and action.isEnabled():
                    action.setEnabled(False)
                    self._disabled.append(action)
            cover = LockCover(host, host is entry_host, encrypted)
            cover.unlock_requested.connect(self.try_unlock)
            cover.show()
            cover.raise_()
            self._covers.append(cover)
            if host is entry_host and cover.password is not None:
                cover.password.setFocus()
        self.timer.stop()
        self.locked_changed.emit(True)

    def try_unlock(self, typed: str) -> None:
        if self.context.encrypted and not self.context.password_matches(typed):
            for cover in self._covers:
                if cover.password is not None or hasattr(cover, "button"):
                    cover.refuse()
            return
        self.unlock()

    def unlock(self) -> None:
        for cover in self._covers:
            cover.hide()
            cover.deleteLater()
        self._covers.clear()
        for item in self._disabled:
            item.setEnabled(True)
        self._disabled.clear()
        _app().setProperty("churnguardLocked", False)
        self._restart()
        self.locked_changed.emit(False)
