"""Starting the app as `python main.py --db FILE` does, and the crash handler a bug ends up in."""
from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QPushButton

from churnguard_gui.core.errors import InputError
from churnguard_gui.ui import app as app_module
from churnguard_gui.ui.errors import install_crash_handler
from churnguard_gui.ui.main_window import MainWindow


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """User settings and logs in tmp_path; the crash handler and translator put back afterwards."""
    from churnguard_gui.ui import i18n as qt_i18n

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    yield tmp_path
    qt_i18n.install("en")
    log = logging.getLogger("churnguard")
    for handler in list(log.handlers):  # the log file the start opened
        log.removeHandler(handler)
        handler.close()


def test_app_starts_on_a_new_database_and_offers_the_demo_firm(qtbot, isolated, monkeypatch):
    seen = {}

    def event_loop(app) -> int:  # instead of QApplication.exec(): look at what the user sees, then quit
        qtbot.waitUntil(lambda: "welcome" in seen, timeout=10000)
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen["windows"] = windows
        seen["count"] = windows[0].count_label.text()
        for window in windows:
            qtbot.addWidget(window)
            window.close()
        return 0

    def answer(box: QMessageBox) -> int:
        seen["welcome"] = box.text()
        box.buttons()[0].click()  # Load demo firm
        return 0

    def other_dialog(dialog: QDialog) -> int:  # e.g. the reminders list shown at start: note it and close it
        seen.setdefault("dialogs", []).append(type(dialog).__name__)
        return 0

    monkeypatch.setattr(QApplication, "exec", event_loop)
    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QDialog, "exec", other_dialog)
    db = isolated / "new.db"
    assert app_module.run(["--db", str(db), "--lang", "en"]) == 0
    assert db.exists() and len(seen["windows"]) == 1
    assert (isolated / "state" / "ChurnGuard" / "log" / "churnguard.log").exists()
    assert "Your database is empty" in seen["welcome"]
    assert seen["count"] == "300 clients"  # the demo firm loaded from the first-start offer


def test_app_refuses_a_file_that_is_not_a_database_with_a_clear_message(qtbot, isolated, monkeypatch):
    from churnguard_gui.ui.restore_dialog import DamagedDialog

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))

    def closed_by_the_owner(dialog):  # the damaged-file dialog: the owner reads it and closes it
        shown.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(DamagedDialog, "exec", closed_by_the_owner)
    monkeypatch.setattr(QApplication, "exec", lambda app: pytest.fail("the app must not start"))
    bad = isolated / "notes.db"
    bad.write_bytes(b"these are my notes, not a database" * 100)
    assert app_module.run(["--db", str(bad), "--lang", "en"]) == 1
    assert shown and "not a" in shown[0] and "database" in shown[0]
    assert bad.read_bytes() == b"these are my notes, not a database" * 100  # left as it was


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_a_slot_is_logged_and_shown_as_a_crash_dialog(qtbot, isolated, monkeypatch, caplog):
    boxes = []

    def record(box: QMessageBox) -> int:
        boxes.append((box.icon(), box.windowTitle() or box.text(), box.text(), box.detailedText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    install_crash_handler()
    button = QPushButton("Go")
    qtbot.addWidget(button)

    def broken() -> None:
        raise RuntimeError("a bug in a slot")

    button.clicked.connect(broken)
    with caplog.at_level(logging.ERROR, logger="churnguard"):
        qtbot.mouseClick(button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
    (icon, _, text, details), = boxes
    assert icon == QMessageBox.Icon.Critical and "Your data is safe" in text
    assert "RuntimeError: a bug in a slot" in details and "broken" in details
    assert "RuntimeError: a bug in a slot" in caplog.text


@pytest.mark.qt_no_exception_capture
def test_a_bug_repeating_while_its_box_is_open_opens_no_second_box(qtbot, isolated, monkeypatch, caplog):
    """An outside tester's script raised in an event filter: every paint opened another crash box inside the
    last one's event loop, hundreds deep, until the process died (SIGSEGV). One box at a time; the rest logged."""
    from PySide6.QtCore import QCoreApplication

    shown = []
    install_crash_handler()
    button = QPushButton("Go")
    qtbot.addWidget(button)

    def again(box: QMessageBox) -> int:  # while the box is open, the same bug fires on the next events
        shown.append(box.text())
        if len(shown) == 1:
            for _ in range(3):
                qtbot.mouseClick(button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
                QCoreApplication.processEvents()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", again)

    def broken() -> None:
        raise RuntimeError("a bug on every event")

    button.clicked.connect(broken)
    with caplog.at_level(logging.ERROR, logger="churnguard"):
        qtbot.mouseClick(button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and caplog.text.count("RuntimeError: a bug on every event") == 4


@pytest.mark.qt_no_exception_capture
def test_an_expected_error_reaching_the_handler_is_a_plain_message_not_a_crash(qtbot, isolated, monkeypatch):
    warnings, crashes = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: crashes.append(box.text()))
    install_crash_handler()
    button = QPushButton("Go")
    qtbot.addWidget(button)

    def refused() -> None:
        raise InputError("file_missing", file="clients.csv")

    button.clicked.connect(refused)
    qtbot.mouseClick(button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
    assert warnings == ["clients.csv: the file does not exist"] and crashes == []
