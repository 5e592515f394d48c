"""The hiring screen as an owner runs it."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QWizard

from churnguard_gui.core.screening import Job
from churnguard_gui.store.screenings import screening_list
from churnguard_gui.store.staff import get_staff
from churnguard_gui.ui.screening_wizard import Page, ScreeningWizard
from tests.ui.clicking import back, cancel, finish, next_page

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def wizard(qtbot, demo_db):
    wiz = ScreeningWizard(demo_db, today=TODAY)
    qtbot.addWidget(wiz)
    wiz.show()
    return wiz


def give_consent(wizard: ScreeningWizard) -> None:
    """The candidate signed the notice on personal information, reference checks included."""
    wizard.candidate_page.consent.setChecked(True)
    wizard.candidate_page.consent_references.setChecked(True)


def fill_to_the_end(wizard: ScreeningWizard) -> None:
    wizard.candidate_page.name.setText("张伟")
    give_consent(wizard)
    wizard.candidate_page.position.setText("销售代表")
    next_page(wizard)
    wizard.jobs.add(Job("甲五金", "五金", "销售", "2016-03", "", ""))
    next_page(wizard)
    for group in wizard.values_page.groups.values():
        group.button(0).setChecked(True)
    next_page(wizard)
    for row, (name, on) in enumerate([("王经理", "2026-11-20"), ("李总", "2026/11/21")]):
        wizard.references.setData(wizard.references.index(row, 0), name)
        wizard.references.setData(wizard.references.index(row, 3), on)
    next_page(wizard)
    next_page(wizard)


def test_models_pass_modeltester(qtmodeltester, wizard):
    wizard.jobs.add(Job("甲", start="2020-01"))
    qtmodeltester.check(wizard.jobs)
    qtmodeltester.check(wizard.references)


def test_history_explained_live_and_bad_rows_block(wizard):
    wizard.candidate_page.name.setText("张伟")
    give_consent(wizard)
    next_page(wizard)
    page = wizard.currentPage()
    for job in (Job("甲", "五金", start="2023-10", end="2024-06", brought_clients=True),
                Job("乙", "五金", start="2024-07", end="2025-03"), Job("丙", "五金", start="2025-04")):
        wizard.jobs.add(job)
    text = page.explain.text()
    assert "Jobs in the last 5 years: 3" in text and "ended within 12 months: 2" in text
    assert "brought clients from a previous employer once" in text  # not "1 times"
    wizard.jobs.setData(wizard.jobs.index(0, 3), "2023-13")
    assert not page.isComplete() and "Row 1: check From (YYYY-MM)" in page.explain.text()


def test_values_page_needs_every_answer(wizard):
    wizard.candidate_page.name.setText("张伟")
    give_consent(wizard)
    next_page(wizard)
    next_page(wizard)
    page = wizard.currentPage()
    assert wizard.currentId() == Page.VALUES and not page.isComplete()
    for group in page.groups.values():
        group.button(1).setChecked(True)
    assert page.isComplete()


def test_full_screening_hires_and_stores_everything(wizard, demo_db):
    fill_to_the_end(wizard)
    assert wizard.currentId() == Page.RESULT
    result = wizard.result_page
    assert "low" in result.level.text()
    result.decision.setCurrentIndex(result.decision.findData("hire"))
    result.reviewer.setText("钱建国")
    finish(wizard)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert get_staff(demo_db, wizard.staff_id).status == "active"
    (row,) = screening_list(demo_db)
    assert row[2:] == ("张伟", "销售代表", "low", "hire")


def test_back_and_forth_loses_nothing_and_cancel_writes_nothing(wizard, demo_db):
    staff_before = demo_db.execute("SELECT count(*) FROM staff").fetchone()[0]
    fill_to_the_end(wizard)
    for _ in range(5):
        back(wizard)
    assert wizard.currentId() == Page.CANDIDATE and wizard.candidate_page.name.text() == "张伟"
    next_page(wizard)
    assert wizard.jobs.rows()[0].employer == "甲五金"
    next_page(wizard)
    assert all(group.checkedId() == 0 for group in wizard.values_page.groups.values())
    next_page(wizard)
    assert [r.name for r in wizard.references.rows()] == ["王经理", "李总"]
    cancel(wizard)
    assert demo_db.execute("SELECT count(*) FROM staff").fetchone()[0] == staff_before
    assert screening_list(demo_db) == []


def test_references_not_reached_are_warned(wizard):
    wizard.candidate_page.name.setText("张伟")
    give_consent(wizard)
    for _ in range(3):
        next_page(wizard)
    if wizard.currentId() == Page.VALUES:
        for group in wizard.values_page.groups.values():
            group.button(0).setChecked(True)
        next_page(wizard)
    page = wizard.currentPage()
    wizard.references.setData(wizard.references.index(0, 0), "王经理")
    assert "Not reached yet: 王经理" in page.warning.text()


def test_screening_an_existing_candidate_updates_their_record(qtbot, demo_db):
    from churnguard_gui.core.models import Staff
    from churnguard_gui.store.staff import save_staff

    staff_id = save_staff(demo_db, Staff(name="林娜", role="销售代表", status="candidate"))
    wizard = ScreeningWizard(demo_db, staff_id, today=TODAY)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.candidate_page.name.text() == "林娜" and wizard.candidate_page.name.isReadOnly()
    give_consent(wizard)
    fill_to_the_end(wizard)
    wizard.result_page.decision.setCurrentIndex(wizard.result_page.decision.findData("reject"))
    wizard.result_page.reviewer.setText("钱建国")
    finish(wizard)
    assert wizard.staff_id == staff_id and get_staff(demo_db, staff_id).status == "rejected"


def test_nothing_is_recorded_before_the_candidate_consents(wizard, demo_db):
    wizard.candidate_page.name.setText("张伟")
    next_page(wizard)
    assert wizard.currentId() == Page.CANDIDATE and "notice on personal information" in \
        wizard.candidate_page.error.text()
    wizard.candidate_page.consent.setChecked(True)
    next_page(wizard)
    assert wizard.currentId() == Page.HISTORY
    wizard.jobs.add(Job("甲", "五金", start="2019-01", end="2020-01"))
    wizard.jobs.add(Job("乙", "五金", start="2021-06", end=""))
    assert "妇女权益保障法 第43条" in wizard.history_page.explain.text()  # a gap: no points, no reason asked
    next_page(wizard)
    for group in wizard.values_page.groups.values():
        group.button(0).setChecked(True)
    next_page(wizard)
    wizard.references.setData(wizard.references.index(0, 0), "王经理")
    wizard.references.setData(wizard.references.index(0, 3), "2026-11-20")
    page = wizard.currentPage()
    assert not page.isComplete() and "did not agree to reference checks" in page.warning.text()
    back(wizard)
    back(wizard)
    back(wizard)
    wizard.candidate_page.consent_references.setChecked(True)
    assert page.isComplete()


def test_the_consent_notice_prints_for_the_candidate_with_the_retention_period(wizard, monkeypatch):
    import io

    from pypdf import PdfReader
    from PySide6.QtWidgets import QPushButton

    from churnguard_gui.ui.report_preview import ReportPreview
    from tests.ui.clicking import click

    shown = []
    monkeypatch.setattr(ReportPreview, "exec", lambda preview: shown.append(preview.pdf) or 0)
    wizard.candidate_page.name.setText("张伟")
    wizard.candidate_page.position.setText("销售代表")
    button = next(b for b in wizard.candidate_page.findChildren(QPushButton) if "notice" in b.text())
    click(button)
    assert len(shown) == 1
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(shown[0])).pages)
    assert "张伟" in text and "销售代表" in text and "6 months" in text and "courtesy translation" in text
    assert text.index("应聘人员个人信息处理告知及同意书") < text.index("courtesy translation")  # Chinese signed first


def test_the_consent_notice_names_the_contact_set_in_firm_settings(wizard, monkeypatch):
    import io

    from pypdf import PdfReader
    from PySide6.QtWidgets import QPushButton

    from churnguard_gui.store.settings import set_setting
    from churnguard_gui.ui.report_preview import ReportPreview
    from tests.ui.clicking import click

    set_setting(wizard.db, "privacy_contact", "人事部 赵敏 0755-86001234")
    shown = []
    monkeypatch.setattr(ReportPreview, "exec", lambda preview: shown.append(preview.pdf) or 0)
    button = next(b for b in wizard.candidate_page.findChildren(QPushButton) if "notice" in b.text())
    click(button)
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(shown[0])).pages)
    assert "联系人：人事部赵敏0755-86001234" in text
