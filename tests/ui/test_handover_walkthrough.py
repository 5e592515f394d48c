"""Defects found on the owner's walkthrough of the exit handover, driven through keys and clicks."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QWizard

from churnguard_gui.core.handover import VISITS_PER_DAY
from churnguard_gui.store.handovers import open_handover
from churnguard_gui.store.staff import find_staff
from churnguard_gui.ui.handover_models import HandoverClientsModel
from churnguard_gui.ui.handover_wizard import HandoverWizard, Page

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def wizard(qtbot, demo_db):
    wiz = HandoverWizard(demo_db, find_staff(demo_db, "马超"), today=TODAY)
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitExposed(wiz)
    return wiz


@pytest.fixture(autouse=True)
def answers(monkeypatch):
    """QMessageBox.question answered from a list (then Discard, as when the test closes the window); every
    question asked is recorded."""
    asked: list[str] = []
    replies: list[QMessageBox.StandardButton] = []

    def question(parent, title, text, buttons, default=QMessageBox.StandardButton.NoButton):
        asked.append(text)
        return replies.pop(0) if replies else QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked, replies


def test_esc_with_typed_data_asks_and_cancel_keeps_the_wizard(qtbot, wizard, answers):
    asked, replies = answers
    destination = wizard.departure_page.destination
    destination.setFocus()
    qtbot.keyClicks(destination, "Rival Co")
    replies.append(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(destination, Qt.Key.Key_Escape)
    assert asked and wizard.isVisible() and destination.text() == "Rival Co"
    replies.append(QMessageBox.StandardButton.Discard)
    qtbot.keyClick(destination, Qt.Key.Key_Escape)
    assert not wizard.isVisible() and wizard.result() == QWizard.DialogCode.Rejected


def test_the_close_button_asks_and_save_keeps_a_draft(qtbot, wizard, demo_db, answers):
    asked, replies = answers
    qtbot.keyClicks(wizard.departure_page.destination, "Unknown yet")
    replies.append(QMessageBox.StandardButton.Save)
    # what the title bar's close button does: the window system's close reaches the window, not QWidget.close()
    QCoreApplication.sendEvent(wizard.windowHandle(), QCloseEvent())
    assert len(asked) == 1 and not wizard.isVisible()
    assert open_handover(demo_db, wizard.staff.id).departure.destination == "Unknown yet"


def test_esc_without_typing_closes_without_asking(qtbot, wizard, answers):
    asked, _ = answers
    qtbot.keyClick(wizard.departure_page.destination, Qt.Key.Key_Escape)
    assert not asked and not wizard.isVisible()


def test_going_to_a_competitor_without_agreements_is_said_at_once(qtbot, wizard):
    page = wizard.departure_page
    assert page.exposure.text() == ""
    on_box = QPoint(8, page.to_competitor.height() // 2)  # the tick box itself, not the empty row beside the text
    qtbot.mouseClick(page.to_competitor, Qt.MouseButton.LeftButton, pos=on_box)
    text = page.exposure.text()
    assert "no signed confidentiality agreement" in text and "no signed non-compete" in text
    assert "written reminder" in text and "Offer a non-compete now" in text
    qtbot.mouseClick(page.to_competitor, Qt.MouseButton.LeftButton, pos=on_box)
    assert page.exposure.text() == ""


def test_successors_have_access_are_not_directors_and_the_picker_shows_their_load(qtbot, wizard, demo_db):
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    page = wizard.currentPage()
    proposed = {ln.successor_id for ln in wizard.clients.lines() if ln.role == "owner"}
    rows = {sid: (role, access, status) for sid, role, access, status in
            demo_db.execute("SELECT id, role, secret_access, status FROM staff")}
    assert proposed and all(rows[sid][1] == 1 and rows[sid][2] == "active" for sid in proposed)
    assert not any("总监" in rows[sid][0] or "总经理" in rows[sid][0] for sid in proposed)
    labels = [page.target.itemText(i) for i in range(page.target.count())]
    assert any(label.startswith("吴芳 — ") and "clients, ¥" in label for label in labels)
    assert any("(no access to trade secrets)" in label for label in labels)
    assert not any(label.startswith("孙丽") for label in labels)  # on notice


def _to_key_clients(qtbot, wizard) -> None:
    for _ in range(2):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == Page.KEY_CLIENTS


def test_key_client_visits_spread_with_a_visitor_and_a_late_visit_is_refused(qtbot, wizard, demo_db):
    wizard.departure_page.last_day.setText("2026-12-11")
    _to_key_clients(qtbot, wizard)
    page = wizard.currentPage()
    keys = [ln for ln in wizard.clients.lines() if ln.client_id in wizard.key_ids]
    days = [ln.visit_on for ln in keys]
    assert len(keys) > VISITS_PER_DAY and max(days.count(d) for d in days) <= VISITS_PER_DAY
    manager = demo_db.execute("SELECT manager_id FROM staff WHERE id = ?", [wizard.staff.id]).fetchone()[0]
    assert {ln.visited_by for ln in keys} == {manager}
    assert page.problems.text() == ""
    # the owner types a visit date after the last working day into the first row's cell
    index = page.proxy.index(0, HandoverClientsModel.VISIT)
    page.view.setFocus()
    page.view.setCurrentIndex(index)  # moving onto a cell opens its editor, as in the app
    editor = page.view.indexWidget(index)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "2026-12-20")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "after the last working day" in page.problems.text())  # the delegate commits queued
    for _ in range(2):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert "Cannot finish yet" in wizard.currentPage().text.toPlainText()


def test_a_backup_is_offered_for_single_person_key_clients_and_added_at_finish(qtbot, wizard, demo_db):
    _to_key_clients(qtbot, wizard)
    page = wizard.currentPage()
    offered = [ln for ln in wizard.clients.lines() if ln.new_backup_id is not None]
    assert offered and "a backup is proposed" in page.backups.text()
    assert page.view.isColumnHidden(HandoverClientsModel.NEW_BACKUP) is False
    assert page.view.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
    for _ in range(2):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.handover_id
    for ln in offered:
        team = demo_db.execute("SELECT staff_id, role FROM client_team WHERE client_id = ?", [ln.client_id]).fetchall()
        assert (ln.new_backup_id, "backup") in team and (ln.successor_id, "owner") in team
