"""Data safety as a user meets it: two windows on one client, Back up now, Restore…, a damaged file at start."""
from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox

from churnguard_gui.store import backup as backups
from churnguard_gui.store.db import open_db, writing
from churnguard_gui.ui.client_dialog import ClientDialog
from churnguard_gui.ui.operations import operations
from churnguard_gui.ui.staff_dialog import StaffDialog


def save_button(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


def test_second_window_saving_the_same_client_is_refused_and_keeps_its_edits(qtbot, demo_db, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    first, second = ClientDialog(demo_db, 1), ClientDialog(demo_db, 1)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    first.deep["notes"].setPlainText("first window")
    second.deep["notes"].setPlainText("second window")
    qtbot.mouseClick(save_button(first), Qt.MouseButton.LeftButton)
    assert first.result() == QDialog.DialogCode.Accepted
    qtbot.mouseClick(save_button(second), Qt.MouseButton.LeftButton)
    assert second.result() != QDialog.DialogCode.Accepted and second.saved_id is None
    assert shown and "changed by someone else since you opened it" in shown[0]
    assert second.deep["notes"].toPlainText() == "second window"  # the user's edits are still there
    assert demo_db.execute("SELECT notes FROM clients WHERE id = 1").fetchone()[0] == "first window"


def test_second_window_saving_the_same_staff_member_is_refused(qtbot, demo_db, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    first, second = StaffDialog(demo_db, 1), StaffDialog(demo_db, 1)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    first.inputs["phone"].setText("13900000001")
    second.inputs["phone"].setText("13900000002")
    qtbot.mouseClick(save_button(first), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(save_button(second), Qt.MouseButton.LeftButton)
    assert shown and "changed by someone else" in shown[0]
    assert second.inputs["phone"].text() == "13900000002"
    assert demo_db.execute("SELECT phone FROM staff WHERE id = 1").fetchone()[0] == "13900000001"


def test_back_up_now_then_restore_reopens_the_window_on_the_restored_database(window, qtbot, monkeypatch):
    assert "No backup yet" in window.backup_status.text() and window.backup_status.stale
    with qtbot.waitSignal(operations().job_finished, timeout=20000):
        window.backup_action.trigger()
    assert "Last backup: today" in window.backup_status.text() and not window.backup_status.stale
    made = backups.list_backups(window.db_path)
    assert len(made) == 1 and made[0].clients == 300
    old_db = window.db
    with writing(old_db):
        old_db.execute("DELETE FROM clients WHERE id > 10")
    window.refresh()
    assert window.count_label.text() == "10 clients"

    def choose_first(dialog):
        assert dialog.model.rowCount() == 1 and dialog.model.item(0, 3).text() == "300"
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    from churnguard_gui.ui.restore_dialog import RestoreDialog

    monkeypatch.setattr(RestoreDialog, "exec", choose_first)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    window.restore_action.trigger()
    assert told and "Restored" in told[0]
    assert window.db is not old_db
    try:
        old_db.execute("SELECT 1")
        raise AssertionError("the old connection is still open")
    except sqlite3.ProgrammingError:
        pass
    window.tabs.setCurrentWidget(window.clients_tab)
    qtbot.waitUntil(lambda: window.count_label.text() == "300 clients", timeout=5000)
    assert window.clients_tab.model.rowCount() == 300
    window.tabs.setCurrentWidget(window.staff_tab)
    qtbot.waitUntil(lambda: window.count_label.text() == "12 staff", timeout=5000)


def test_a_tab_that_is_not_a_table_does_not_break_the_status_bar(qtbot, demo_db, db_path, settings):
    from churnguard_gui.ui import tabs
    from churnguard_gui.ui.main_window import MainWindow

    saved = list(tabs.TABS)
    tabs.register_tab(tabs.TabSpec("notes", lambda: "Notes", lambda window: QLabel("no table here"), order=99))
    try:
        win = MainWindow(demo_db, str(db_path), settings)
        qtbot.addWidget(win)
        win.show()
        assert [win.tabs.tabText(i) for i in range(win.tabs.count())][-1] == "Notes"
        win.tabs.setCurrentIndex(win.tabs.count() - 1)
        assert win.count_label.text() == ""
        win.tabs.setCurrentIndex(0)
        qtbot.waitUntil(lambda: win.count_label.text() == "300 clients", timeout=5000)
    finally:
        tabs.TABS[:] = saved


def test_damaged_file_at_start_offers_the_newest_backup_and_keeps_the_file(qtbot, tmp_path, monkeypatch):
    from churnguard_gui.store.demo import load_demo
    from churnguard_gui.ui import app
    from churnguard_gui.ui.restore_dialog import DamagedDialog

    path = tmp_path / "firm.db"
    db = open_db(path)
    load_demo(db)
    backups.make_backup(db, path)
    db.close()
    path.write_bytes(path.read_bytes()[:4096] + b"\x00" * 8192)  # most pages lost
    damaged = path.read_bytes()
    seen = []

    def press_restore(dialog):
        seen.append(dialog.findChild(QLabel, "damage_text").text())
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(DamagedDialog, "exec", press_restore)
    reopened = app.open_checked(str(path))
    assert reopened is not None
    assert "damaged" in seen[0] and "300 clients" in seen[0] and "left exactly as it is" in seen[0]
    assert reopened.execute("SELECT count(*) FROM clients").fetchone()[0] == 300
    reopened.close()
    assert [p.read_bytes() for p in tmp_path.glob("firm.db.damaged-*/firm.db")] == [damaged]


def test_quitting_the_damaged_file_dialog_writes_nothing(qtbot, tmp_path, monkeypatch):
    from churnguard_gui.ui import app
    from churnguard_gui.ui.restore_dialog import DamagedDialog

    path = tmp_path / "firm.db"
    path.write_bytes(b"not a database at all" * 50)

    def press_quit(dialog):
        dialog.show()
        assert dialog.quit_button.isVisible() and not dialog.restore_button.isVisible()  # no backup to offer
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(DamagedDialog, "exec", press_quit)
    assert app.open_checked(str(path)) is None
    assert path.read_bytes() == b"not a database at all" * 50


def test_a_second_start_on_the_same_database_raises_the_first(qtbot, tmp_path):
    from churnguard_gui.ui.single_instance import SingleInstance

    first, second = SingleInstance(tmp_path / "firm.db"), SingleInstance(tmp_path / "firm.db")
    raised = []
    assert first.acquire()
    first.on_second_start(lambda: raised.append(True))
    assert not second.acquire()
    assert second.notify_first()
    qtbot.waitUntil(lambda: bool(raised), timeout=5000)
    other = SingleInstance(tmp_path / "other.db")
    assert other.acquire()  # another database opens in its own window
    for instance in (first, other):
        instance.release()


def test_closing_the_window_waits_for_a_running_job(window, qtbot):
    import threading

    release = threading.Event()
    done = []
    operations().run(window, "waiting", lambda progress: (release.wait(5), progress(1, 1), done.append(1)))
    threading.Timer(0.3, release.set).start()
    window.close()  # cancels and waits: the job ends before the window is gone
    assert done == [1]


def test_deleting_the_widget_that_started_a_job_mid_job_is_safe(qtbot):
    import threading

    dialog = QDialog()
    release = threading.Event()
    called = []

    class Owner(QLabel):
        def done(self, result):
            called.append(result)

    owner = Owner(dialog)
    with qtbot.waitSignal(operations().job_finished, timeout=10000):
        operations().run(dialog, "waiting", lambda progress: release.wait(5), owner.done)
        dialog.deleteLater()
        qtbot.wait(50)  # the dialog and its child are gone while the job runs
        release.set()
    assert called == []  # the callback of a deleted widget is skipped, nothing crashed
