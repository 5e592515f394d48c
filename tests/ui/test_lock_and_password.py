"""The password at start, the screen lock (on demand and when idle) and setting the password, as a user meets them."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from churnguard_gui.store import crypto
from churnguard_gui.store.db import open_db
from churnguard_gui.store.demo import load_demo
from churnguard_gui.store.password import change_password
from churnguard_gui.store.settings import get_setting
from churnguard_gui.ui import i18n as qt_i18n
from churnguard_gui.ui.lock import LockCover
from churnguard_gui.ui.report_preview import ReportPreview
from tests.ui.clicking import press_ok
from tests.ui.scripted import Scripts, action

PASSWORD = "lock test password"


@pytest.fixture(autouse=True)
def no_remembered_passwords():
    crypto._passwords.clear()
    yield
    crypto._passwords.clear()


@pytest.fixture
def encrypted_path(tmp_path):
    path = tmp_path / "secret.db"
    db = open_db(path)
    load_demo(db)
    db.close()
    change_password(path, PASSWORD)
    crypto.forget(path)
    return path


@pytest.fixture
def encrypted_window(qtbot, encrypted_path, settings):
    from churnguard_gui.ui.main_window import MainWindow

    qt_i18n.install("en")
    db = open_db(encrypted_path, password=PASSWORD)
    win = MainWindow(db, str(encrypted_path), settings)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.context.close()


def cover_of(window) -> LockCover | None:
    covers = [c for c in window.findChildren(LockCover) if c.isVisible()]
    return covers[0] if covers else None


def test_the_start_dialog_refuses_a_wrong_password_then_opens(qtbot, encrypted_path):
    from churnguard_gui.ui.password_dialogs import PasswordDialog

    dialog = PasswordDialog(encrypted_path)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.password, "not the password")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted and "Wrong password" in dialog.error.text()
    assert crypto.password_for(encrypted_path) is None
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert crypto.password_for(encrypted_path) == PASSWORD


def test_file_lock_covers_everything_and_needs_the_password(qtbot, encrypted_window):
    win = encrypted_window
    win.lock.action.trigger()
    cover = cover_of(win)
    assert cover is not None and cover.geometry() == win.rect()
    assert not win.centralWidget().isEnabled() and not win.menuBar().isEnabled()
    assert not win.import_action.isEnabled()  # no shortcut reaches the records while locked
    qtbot.keyClicks(cover.password, "wrong one")
    qtbot.mouseClick(cover.button, Qt.MouseButton.LeftButton)
    assert cover_of(win) is cover and "Wrong password" in cover.error.text()
    qtbot.keyClicks(cover.password, PASSWORD)
    qtbot.keyClick(cover.password, Qt.Key.Key_Return)
    assert cover_of(win) is None
    assert win.centralWidget().isEnabled() and win.import_action.isEnabled()


def unlock_with_the_password(qtbot, win) -> None:
    cover = cover_of(win)
    assert cover is not None and cover.password is not None
    qtbot.keyClicks(cover.password, PASSWORD)
    qtbot.keyClick(cover.password, Qt.Key.Key_Return)
    assert cover_of(win) is None


def set_lock_minutes_in_firm_settings(qtbot, win, monkeypatch, minutes: int) -> None:
    """File → Firm settings…, the idle minutes changed, OK."""
    def change(dialog):
        dialog.lock_minutes.setValue(minutes)
        press_ok(dialog)

    scripts = Scripts(qtbot).install(monkeypatch)
    scripts.expect("SettingsDialog", change)
    action(win, "Firm settings…").trigger()
    assert scripts.opened == ["SettingsDialog"] and get_setting(win.db, "lock_minutes", "") == str(minutes)


def test_ctrl_l_locks_and_idle_minutes_lock_by_themselves(qtbot, encrypted_window, monkeypatch):
    win = encrypted_window
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert cover_of(win) is not None
    unlock_with_the_password(qtbot, win)
    set_lock_minutes_in_firm_settings(qtbot, win, monkeypatch, 1)
    assert win.lock.timer.isActive() and win.lock.timer.interval() == 60_000
    win.lock.timer.setInterval(100)  # a minute made short for the test
    win.lock.timer.start()
    qtbot.waitUntil(lambda: cover_of(win) is not None, timeout=3000)
    unlock_with_the_password(qtbot, win)
    set_lock_minutes_in_firm_settings(qtbot, win, monkeypatch, 0)
    assert not win.lock.timer.isActive()  # 0 = never


def test_without_a_password_the_lock_continues_with_a_click(qtbot, window):
    window.lock.action.trigger()
    cover = cover_of(window)
    assert cover is not None and cover.password is None and cover.button.text() == "Continue"
    qtbot.mouseClick(cover.button, Qt.MouseButton.LeftButton)
    assert cover_of(window) is None


def test_setting_the_password_from_the_dialog_encrypts_and_offers_the_sheet(qtbot, window, monkeypatch):
    from churnguard_gui.ui.password_dialogs import ChangePasswordDialog

    shown = []
    monkeypatch.setattr(ReportPreview, "exec", lambda self: shown.append(self.pdf[:4]) or 0)
    dialog = ChangePasswordDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.new, "short")
    qtbot.keyClicks(dialog.again, "short")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "at least 8" in dialog.error.text() and not window.context.encrypted
    for field in (dialog.new, dialog.again):
        field.clear()
        qtbot.keyClicks(field, PASSWORD)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_action == "password_set", timeout=20_000)
    assert window.context.encrypted and shown == [b"%PDF"]
    assert window.context.db.execute("SELECT count(*) FROM clients").fetchone()[0] > 0


def test_the_measures_dialog_adds_a_measure_by_hand_and_prints_the_record(qtbot, window, monkeypatch):
    from churnguard_gui.ui.measures_dialog import MeasuresDialog

    opened, printed = [], []
    monkeypatch.setattr(MeasuresDialog, "exec", lambda self: opened.append(self) or 0)
    monkeypatch.setattr(ReportPreview, "exec", lambda self: printed.append(self.pdf[:4]) or 0)
    action = next(a for a in window.findChildren(type(window.lock.action)) if a.text() == "Protection &measures…")
    action.trigger()
    dialog = opened[0]
    qtbot.addWidget(dialog)
    rows = dialog.table.rowCount()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() and dialog.table.rowCount() == rows  # nothing typed: refused, said
    qtbot.keyClicks(dialog.what, "Visitors sign the NDA at reception")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == rows + 1
    assert any(dialog.table.item(i, 2).text() == "Visitors sign the NDA at reception" for i in range(rows + 1))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert printed == [b"%PDF"]
