"""Agreements as an owner drafts, prints and records them in the app."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox, QWizard

from churnguard_gui.store.agreements import get_agreement, mark_printed, obligations, scans
from churnguard_gui.store.settings import get_setting, set_setting
from churnguard_gui.store.staff import find_staff, get_staff, save_staff
from churnguard_gui.ui.agreement_dialogs import ReleaseDialog, SigningDialog
from churnguard_gui.ui.agreement_wizard import AgreementWizard, Page
from churnguard_gui.ui.settings_dialog import SettingsDialog
from tests.ui.clicking import click, click_row, finish, next_page, press_ok
from tests.ui.scripted import Scripts, button


@pytest.fixture
def law(demo_db):
    set_setting(demo_db, "minimum_wage", "2,520")
    return demo_db


def wizard_for(qtbot, db, name: str) -> AgreementWizard:
    wizard = AgreementWizard(db, find_staff(db, name))
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def drafted_confidentiality(qtbot, db, name: str = "刘洋") -> int:
    """A confidentiality-only agreement run through the wizard and saved; its id."""
    wizard = wizard_for(qtbot, db, name)
    next_page(wizard)
    next_page(wizard)
    finish(wizard)
    return wizard.agreement_id


def sign(qtbot, db, agreement_id: int, on: str) -> SigningDialog:
    """Record the signing through the dialog, as the owner does."""
    dialog = SigningDialog(db, agreement_id)
    qtbot.addWidget(dialog)
    dialog.signed_on.setText(on)
    press_ok(dialog)
    return dialog


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_ineligible_role_is_offered_confidentiality_only_and_told_why(qtbot, law):
    wizard = wizard_for(qtbot, law, "刘洋")  # 销售助理, no access to secrets
    kinds = [wizard.kind_page.kind.itemData(i) for i in range(wizard.kind_page.kind.count())]
    assert kinds == ["confidentiality"]
    assert "would not bind 刘洋" in wizard.kind_page.explain.text() and "第24条" in wizard.kind_page.explain.text()
    choose(wizard.kind_page.category, "senior_manager")
    # no access to trade secrets: under China law a non-compete does not take effect, so none is offered
    assert [wizard.kind_page.kind.itemData(i) for i in range(wizard.kind_page.kind.count())] == ["confidentiality"]
    assert "第13条第1款" in wizard.kind_page.explain.text()


def test_terms_refused_above_24_months_and_below_the_floor(qtbot, law):
    wizard = wizard_for(qtbot, law, "李静")  # sales director, wage 26,000
    choose(wizard.kind_page.kind, "both")
    next_page(wizard)
    next_page(wizard)
    page = wizard.currentPage()
    assert wizard.currentId() == Page.TERMS
    assert page.compensation.text() == "7,800"  # 30% of 26,000 proposed
    assert not page.isComplete() and "competing business" in page.findings.text()  # the scope is required
    page.business.setText("办公家具的批发与销售")
    page.region.setText("广东省")
    assert page.isComplete()
    page.months.setValue(25)
    assert not page.isComplete() and "at most 24 months" in page.findings.text()
    page.months.setValue(24)
    page.compensation.setText("7,799")
    assert not page.isComplete() and "below the firm's policy floor of ¥7,800" in page.findings.text()
    page.compensation.setText("7800")
    assert page.isComplete()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_terms_page_fits_a_laptop_screen_with_next_in_view(qtbot, demo_db, language):
    """An outside tester found the non-compete page 1,454 px wide (the floor's rule and source on one line), Next
    off a 1400 px screen."""
    from churnguard_gui.ui import i18n as qt_i18n

    qt_i18n.install(language)
    try:
        wizard = wizard_for(qtbot, demo_db, "李静")
        choose(wizard.kind_page.kind, "both")
        next_page(wizard)
        next_page(wizard)
        assert wizard.currentId() == Page.TERMS
        assert wizard.currentPage().title() == {"en": "Non-compete terms", "zh": "竞业限制条款"}[language]
        assert wizard.width() <= 1366 and wizard.sizeHint().width() <= 1000
        next_button = wizard.button(QWizard.WizardButton.NextButton)
        assert next_button.mapTo(wizard, next_button.rect().bottomRight()).x() <= wizard.width()
    finally:
        qt_i18n.install("en")


def test_confidentiality_only_skips_the_terms_and_saves(qtbot, law):
    wizard = wizard_for(qtbot, law, "刘洋")
    next_page(wizard)
    next_page(wizard)
    assert wizard.currentId() == Page.REVIEW
    assert "违约金" not in wizard.currentPage().text.toPlainText()
    finish(wizard)
    stored = get_agreement(law, wizard.agreement_id)
    assert (stored.status, stored.draft.kind, stored.draft.penalty) == ("draft", "confidentiality", 0)


def test_full_agreement_drafted_printed_and_signed(qtbot, law, tmp_path):
    wizard = wizard_for(qtbot, law, "李静")
    choose(wizard.kind_page.kind, "both")
    next_page(wizard)
    wizard.secrets_page.free.setPlainText("报价系统源代码")
    next_page(wizard)
    wizard.terms_page.business.setText("办公家具的批发与销售")
    wizard.terms_page.competitors.setText("深圳市竞争科技有限公司")
    wizard.terms_page.region.setText("广东省")
    wizard.terms_page.penalty.setText("100,000")
    next_page(wizard)
    text = wizard.currentPage().text.toPlainText()
    assert "报价系统源代码" in text and "深圳市竞争科技有限公司" in text and "100,000" in text
    finish(wizard)
    assert wizard.result() == QWizard.DialogCode.Accepted
    agreement_id = wizard.agreement_id
    mark_printed(law, agreement_id, "printer")  # what the preview does on Print
    scan = tmp_path / "signed.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n scan")
    dialog = SigningDialog(law, agreement_id)
    qtbot.addWidget(dialog)
    dialog.signed_on.setText("2026/11/27")
    dialog.witness.setText("钱建国")
    dialog.scan_path.setText(str(scan))
    press_ok(dialog)
    stored = get_agreement(law, agreement_id)
    assert (stored.status, stored.signed_on, stored.witness) == ("signed", "2026-11-27", "钱建国")
    assert [(n, m) for _, n, m in scans(law, agreement_id)] == [("signed.png", "image/png")]


def test_signing_refuses_a_bad_date_at_the_field(qtbot, law):
    agreement_id = drafted_confidentiality(qtbot, law)
    mark_printed(law, agreement_id)
    dialog = sign(qtbot, law, agreement_id, "yesterday")
    assert "not a date" in dialog.error.text() and get_agreement(law, agreement_id).status == "printed"


def signed_noncompete_for_leaver(qtbot, db, last_day: str) -> int:
    wizard = wizard_for(qtbot, db, "李静")
    choose(wizard.kind_page.kind, "noncompete")
    next_page(wizard)
    next_page(wizard)
    wizard.terms_page.business.setText("办公家具的批发与销售")
    wizard.terms_page.region.setText("广东省")
    next_page(wizard)
    finish(wizard)
    mark_printed(db, wizard.agreement_id)
    sign(qtbot, db, wizard.agreement_id, "2026-01-05")
    staff = get_staff(db, find_staff(db, "李静"))
    staff.status, staff.last_day = "left", last_day
    save_staff(db, staff)
    return wizard.agreement_id


def test_overdue_compensation_alert_for_a_leaver(qtbot, law, db_path, settings, monkeypatch):
    last_day = (dt.date.today() - dt.timedelta(days=75)).isoformat()
    signed_noncompete_for_leaver(qtbot, law, last_day)
    from churnguard_gui.ui.main_window import MainWindow

    window = MainWindow(law, str(db_path), settings)
    qtbot.addWidget(window)
    window.show()
    panel = window.agreements_tab
    window.tabs.setCurrentWidget(panel)
    assert "李静: 2 months of non-compete compensation unpaid" in panel.alerts.text()
    assert "第38条" in panel.alerts.text() and panel.alerts.isVisible()

    def pay_two_months(dialog):
        pay = button(dialog, "Record payment for the selected month")
        click_row(dialog.view, 0)
        click(pay)
        click_row(dialog.view, 1)
        click(pay)

    scripts = Scripts(qtbot).install(monkeypatch)
    scripts.expect("CompensationDialog", pay_two_months)
    click(panel.pay_button)
    assert scripts.opened == ["CompensationDialog"]
    assert obligations(law)[0].alert.level == "none"
    assert panel.alerts.text() == ""


def test_release_shows_the_cost(qtbot, law):
    agreement_id = signed_noncompete_for_leaver(qtbot, law, "2026-10-31")
    dialog = ReleaseDialog(law, agreement_id)
    qtbot.addWidget(dialog)
    assert dialog.cost == 3 * 7800
    press_ok(dialog)
    assert get_agreement(law, agreement_id).status == "released"


def test_agreements_tab_filter_and_unsigned_list(qtbot, law):
    from churnguard_gui.ui.agreements_panel import AgreementsPanel

    drafted_confidentiality(qtbot, law)
    panel = AgreementsPanel(law)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.model.rowCount() == 1
    choose(panel.status, "signed")
    assert panel.model.rowCount() == 0
    choose(panel.status, "draft")
    assert panel.model.rowCount() == 1
    assert "刘洋" in panel.unsigned.text() and "No signed confidentiality agreement (12)" in panel.unsigned.text()


def test_staff_record_shows_its_agreements(qtbot, law):
    from churnguard_gui.ui.staff_dialog import StaffDialog

    drafted_confidentiality(qtbot, law)
    dialog = StaffDialog(law, find_staff(law, "刘洋"))
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel

    assert "confidentiality, draft" in dialog.findChild(QLabel, "agreements").text()


def test_settings_other_jurisdiction_turns_refusals_into_warnings(qtbot, law):
    dialog = SettingsDialog(law)
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog.jurisdiction, "other")
    press_ok(dialog)  # the agreement must name the governing law: refused until it is given
    assert "governing law" in dialog.error.text()
    dialog.governing_law.setText("the laws of Singapore")
    press_ok(dialog)  # work in the mainland: PRC labour law applies whatever is chosen, so refused
    assert dialog.isVisible() and "outside mainland China" in dialog.error.text()
    choose(dialog.place_of_work, "outside")
    press_ok(dialog)
    assert not dialog.isVisible()
    wizard = wizard_for(qtbot, law, "刘洋")
    assert wizard.kind_page.kind.count() == 3  # offered, with a warning
    choose(wizard.kind_page.kind, "noncompete")
    next_page(wizard)
    next_page(wizard)
    wizard.terms_page.months.setValue(36)
    assert wizard.terms_page.isComplete() and "Warning" in wizard.terms_page.findings.text()


def test_a_minimum_wage_typed_in_the_wizard_is_saved_to_firm_settings(qtbot, demo_db, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: pytest.fail(text))  # fails, not hangs
    assert get_setting(demo_db, "minimum_wage", "") == ""
    wizard = wizard_for(qtbot, demo_db, "李静")
    choose(wizard.kind_page.kind, "both")
    next_page(wizard)
    wizard.secrets_page.free.setPlainText("报价系统源代码")
    next_page(wizard)
    wizard.terms_page.business.setText("办公家具的批发与销售")
    wizard.terms_page.competitors.setText("深圳市竞争科技有限公司")
    wizard.terms_page.region.setText("广东省")
    wizard.terms_page.minimum.clear()
    qtbot.keyClicks(wizard.terms_page.minimum, "2520")
    next_page(wizard)
    finish(wizard)
    assert wizard.agreement_id and get_setting(demo_db, "minimum_wage") == "2,520"


def test_notice_delivery_after_the_last_day_turns_the_waiver_into_a_release(qtbot, law, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from churnguard_gui.store.agreements import record_departure
    from churnguard_gui.store.db import writing
    from churnguard_gui.ui.agreement_dialogs import DeliveryDialog

    agreement_id = signed_noncompete_for_leaver(qtbot, law, "2026-10-31")
    with writing(law):
        record_departure(law, find_staff(law, "李静"), 26000, {agreement_id: "waive"}, "2026-10-31")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: warnings.append(text)))
    dialog = DeliveryDialog(law, agreement_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.on.setText("2026-11-03")
    press_ok(dialog)
    assert dialog.result_kind == "release" and not dialog.isVisible()
    assert len(warnings) == 1 and "three more months" in warnings[0] and "¥23,400" in warnings[0]
    stored = get_agreement(law, agreement_id)
    assert (stored.release_kind, stored.released_on) == ("release", "2026-11-03")


def test_supplement_offered_for_agreements_on_template_2026_1(qtbot, law, monkeypatch):
    from churnguard_gui.store.db import writing
    from churnguard_gui.ui.agreements_panel import AgreementsPanel
    from churnguard_gui.ui.report_preview import ReportPreview

    agreement_id = signed_noncompete_for_leaver(qtbot, law, "2026-10-31")
    with writing(law):
        law.execute("UPDATE agreements SET template_version = '2026.1' WHERE id = ?", [agreement_id])
    shown = []
    monkeypatch.setattr(ReportPreview, "exec", lambda preview: shown.append(preview.pdf) or 0)
    panel = AgreementsPanel(law)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.old_template.isVisible() and "补充协议" in panel.old_template.text()
    panel.list.select_id(agreement_id)
    click(panel.supplement_button)
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join("".join(p.extract_text().split()) for p in PdfReader(BytesIO(shown[0])).pages)
    assert "补充协议" in text and "因甲方原因导致三个月未支付" in text
