"""Defects found on the owner's walkthrough of the main window, driven through keys, clicks and actions."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from churnguard_gui.core.models import Staff
from churnguard_gui.store.staff import insert_staff


def staff_names(window) -> set[str]:
    model = window.staff_tab.model
    return {model.index(row, 0).data() for row in range(model.rowCount())}


def test_rejected_and_on_hold_candidates_are_left_out_until_the_filter_shows_them(window):
    db = window.db
    rejected = insert_staff(db, Staff(name="退回者", status="rejected"))
    held = insert_staff(db, Staff(name="待定者", status="candidate"))
    insert_staff(db, Staff(name="新候选人", status="candidate"))  # not screened yet: still to be seen
    db.execute("INSERT INTO screenings (staff_id, screened_on, level, decision) VALUES (?, '2026-11-20', 'low', "
               "'hold')", [held])
    db.conn.commit()
    window.tabs.setCurrentWidget(window.staff_tab)  # a list loads when its tab is shown
    window.refresh()
    names = staff_names(window)
    assert "退回者" not in names and "待定者" not in names and "新候选人" in names and "周杰" in names
    assert rejected
    combo = window.staff_filter
    combo.setCurrentIndex(combo.findText("Everyone, with rejected and on hold"))
    assert {"退回者", "待定者", "新候选人"} <= staff_names(window)
    combo.setCurrentIndex(combo.findText("Only rejected and on hold"))
    assert staff_names(window) == {"退回者", "待定者"}


def test_enter_opens_the_selected_row(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr(window, "edit_client", lambda client_id: opened.append(client_id))
    window.clients_tab.edit_requested.disconnect()
    window.clients_tab.edit_requested.connect(window.edit_client)
    window.tabs.setCurrentWidget(window.clients_tab)  # a list loads when its tab is shown
    view = window.clients_tab.view
    view.setFocus()
    view.selectRow(2)
    view.setCurrentIndex(view.model().index(2, 1))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == [window.clients_tab.model.id_at(2)]
    qtbot.keyClick(view, Qt.Key.Key_Enter)
    assert len(opened) == 2


def test_buttons_have_mnemonics(window):
    tab = window.staff_tab
    for button in (tab.add_button, tab.edit_button, tab.delete_button, window.agreement_button, window.exit_button,
                   window.report_button):
        assert "&" in button.text(), button.text()
    letters = [b.text()[b.text().index("&") + 1].lower() for b in (tab.add_button, tab.edit_button, tab.delete_button,
                                                                   window.agreement_button, window.exit_button,
                                                                   window.report_button)]
    menus = [a.text()[a.text().index("&") + 1].lower() for a in window.menuBar().actions()]
    assert len(set(letters)) == len(letters) and not set(letters) & set(menus)


def test_the_language_menu_ticks_the_language_in_use_and_says_a_restart_is_needed(window, settings, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    actions = {a.text(): a for a in window.language_menu.actions()}
    assert actions["English"].isChecked() and not actions["中文"].isChecked()
    actions["中文"].trigger()
    assert actions["中文"].isChecked() and not actions["English"].isChecked()
    assert settings.value("language") == "zh"
    assert "重新启动" in said[0] and "starts again" in said[0]
