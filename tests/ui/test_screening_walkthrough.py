"""Defects found on the owner's walkthrough of the hiring screen, driven through keys and clicks."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton, QScrollArea, QWizard

from churnguard_gui.core.screening import Job
from churnguard_gui.store.screenings import screening_drafts
from churnguard_gui.ui.screening_wizard import Page, ScreeningWizard

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def answers(monkeypatch):
    replies: list[QMessageBox.StandardButton] = []
    asked: list[str] = []

    def question(parent, title, text, buttons, default=QMessageBox.StandardButton.NoButton):
        asked.append(text)
        return replies.pop(0) if replies else QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked, replies


@pytest.fixture
def wizard(qtbot, demo_db):
    wiz = ScreeningWizard(demo_db, today=TODAY)
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitExposed(wiz)
    return wiz


def click(qtbot, wizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def test_esc_asks_and_save_for_later_keeps_a_draft_that_resumes(qtbot, wizard, demo_db, answers):
    asked, replies = answers
    qtbot.keyClicks(wizard.candidate_page.name, "Zhang Wei")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    add = next(b for b in wizard.history_page.findChildren(QPushButton) if b.text() == "Add a job")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    wizard.jobs.setData(wizard.jobs.index(0, 0), "甲五金")
    wizard.jobs.setData(wizard.jobs.index(0, 3), "2019-03")
    replies.append(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(wizard.history_page.view, Qt.Key.Key_Escape)
    assert asked and wizard.isVisible()
    click(qtbot, wizard, QWizard.WizardButton.CustomButton1)  # Save for later
    assert not wizard.isVisible() and wizard.saved_as == "draft"
    drafts = screening_drafts(demo_db)
    assert [name for _, name, _ in drafts] == ["Zhang Wei"]
    again = ScreeningWizard(demo_db, today=TODAY, draft_id=drafts[0][0])
    qtbot.addWidget(again)
    assert again.candidate_page.name.text() == "Zhang Wei"
    assert again.jobs.rows() == [Job("甲五金", start="2019-03")]


def test_resuming_from_the_menu_offers_the_saved_screening(qtbot, window, monkeypatch):
    from churnguard_gui.store.screenings import save_screening_draft

    save_screening_draft(window.db, None, None, "Li Na", {"candidate": {"name": "Li Na", "position": "销售"}})
    offered = []

    def get_item(parent, title, label, items, current=0, editable=True):
        offered.extend(items)
        return items[1], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    opened = []
    monkeypatch.setattr(ScreeningWizard, "exec", lambda self: opened.append(self) or 0)
    action = next(a for a in window.findChildren(type(window.import_action)) if a.text() == "Screen a &candidate…")
    action.trigger()
    assert offered[0] == "A new candidate" and offered[1].startswith("Li Na (saved ")
    assert opened[0].candidate_page.name.text() == "Li Na" and opened[0].candidate_page.position.text() == "销售"


def test_tenure_is_in_years_and_months(qtbot, wizard):
    click_next = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.keyClicks(wizard.candidate_page.name, "Zhang Wei")
    qtbot.mouseClick(click_next, Qt.MouseButton.LeftButton)
    wizard.jobs.add(Job("甲", "五金", "销售", "2021-01", "2023-03"))
    text = wizard.history_page.explain.text()
    assert "median job length: 2 years 3 months" in text and "27 months" not in text


def test_blank_references_are_not_question_marks_and_would_rehire_is_in_words(qtbot, wizard):
    wizard.candidate_page.name.setText("张伟")
    wizard.setStartId(Page.REFERENCES)
    wizard.restart()
    warning = wizard.references_page.warning.text()
    assert "?" not in warning and "Add at least two references." in warning
    cell = wizard.references.index(0, 5)
    assert cell.data() == "not asked" and cell.data(Qt.ItemDataRole.EditRole) == "unknown"
    wizard.references.setData(wizard.references.index(0, 0), "王经理")
    assert "Not reached yet: 王经理." in wizard.references_page.warning.text()


def test_the_risky_answers_are_named_in_the_result(qtbot, wizard):
    wizard.candidate_page.name.setText("张伟")
    wizard.candidate_page.consent.setChecked(True)  # the signed notice on personal information
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == Page.VALUES
    groups = list(wizard.values_page.groups.values())
    def tick(button) -> None:  # on the round box itself: the row is wider than the text
        wizard.values_page.findChild(QScrollArea).ensureWidgetVisible(button)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))

    for group in groups:
        tick(group.button(0))
    tick(groups[0].buttons()[-1])  # the worst answer to question 1
    for _ in range(3):
        click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == Page.RESULT
    text = wizard.result_page.reasons.text()
    assert "Question 1: A long-standing client says" in text and "I won the client, so I take them with me" in text
