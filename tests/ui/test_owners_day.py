"""An owner's day, end to end through the widgets: hire someone after a screening, bind them with a printed and
signed confidentiality + non-compete agreement, then handle their resignation to the last step."""
from __future__ import annotations

import datetime as dt

from pypdf import PdfReader
from PySide6.QtCore import Qt, QThread

from churnguard_gui.store.agreements import get_agreement, obligations
from churnguard_gui.store.settings import set_setting
from churnguard_gui.store.staff import find_staff, get_staff
from tests.ui.clicking import answer_message_boxes, answer_open_dialog, answer_print_dialog_to_pdf, answer_save_dialog
from tests.ui.scripted import Scripts, action, button, choose

TODAY = dt.date.today()


def test_an_owners_day_from_hiring_to_the_first_month_of_non_compete_compensation(
        window, qtbot, monkeypatch, tmp_path, demo_db):
    set_setting(demo_db, "minimum_wage", "2,520")
    scripts = Scripts(qtbot).install(monkeypatch)
    boxes = answer_message_boxes(monkeypatch)  # "start the confidentiality agreement now?" → Yes
    out = tmp_path / "out"
    out.mkdir()

    # 1. Screen a candidate and hire her; the app offers the agreement at once.
    def screening(wizard):
        page = wizard.currentPage()
        scripts.type_into(page.name, "周敏")
        scripts.type_into(page.position, "销售经理")
        scripts.click(page.consent)  # she signed the notice on personal information, reference checks included
        scripts.click(page.consent_references)
        scripts.next_page(wizard)
        scripts.click(button(wizard.currentPage(), "Add a job"))
        for column, value in enumerate(["甲五金", "五金", "销售", "2016-03", "", ""]):
            wizard.jobs.setData(wizard.jobs.index(0, column), value)  # what typing into the cell does
        scripts.next_page(wizard)
        for group in wizard.currentPage().groups.values():
            scripts.click(group.button(0))
        scripts.next_page(wizard)
        for row, (name, on) in enumerate([("王经理", "2026-11-20"), ("李总", "2026/11/21")]):
            wizard.references.setData(wizard.references.index(row, 0), name)
            wizard.references.setData(wizard.references.index(row, 3), on)
        scripts.next_page(wizard)
        scripts.next_page(wizard)
        result = wizard.currentPage()
        choose(result.decision, "hire")
        scripts.type_into(result.reviewer, "钱建国")
        scripts.finish(wizard)

    # 2. The agreement: confidentiality + non-compete, saved; then printed from the preview it opens.
    def agreement(wizard):
        kind = wizard.currentPage()
        choose(kind.category, "senior_manager")
        scripts.click(kind.access)  # she will know the client terms and prices
        choose(kind.kind, "both")
        scripts.next_page(wizard)
        wizard.currentPage().free.setPlainText("客户报价表")
        scripts.next_page(wizard)
        terms = wizard.currentPage()
        scripts.type_into(terms.business, "五金工具的批发与销售")
        scripts.type_into(terms.competitors, "深圳市竞争科技有限公司")
        scripts.type_into(terms.region, "广东省")
        scripts.type_into(terms.wage, "20,000")
        terms.months.setValue(12)
        scripts.type_into(terms.compensation, "6,000")
        scripts.type_into(terms.penalty, "60,000")
        scripts.next_page(wizard)
        scripts.finish(wizard)

    pages = []

    def print_preview(preview):
        pages.append(preview.page_count())
        scripts.click(button(preview, "Print…"))
        scripts.click(button(preview, "Close"))

    scripts.expect("ScreeningWizard", screening)
    scripts.expect("AgreementWizard", agreement)
    scripts.expect("ReportPreview", print_preview)
    agreement_pdf = answer_print_dialog_to_pdf(monkeypatch, out / "agreement.pdf")
    action(window, "Screen a candidate…").trigger()
    hire = get_staff(demo_db, find_staff(demo_db, "周敏"))
    assert hire.status == "active"
    assert any("confidentiality agreement" in text for _, _, text in boxes)
    assert len(PdfReader(agreement_pdf).pages) == pages[0] >= 2  # printed pages are pictures of the report's
    agreements = window.agreements_tab.list
    agreement_id = agreements.current_id()
    assert get_agreement(demo_db, agreement_id).status == "printed"

    # 3. The signed copy comes back: record the signing with the scan, from the Agreements tab.
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(b"%PDF-1.4\n% signed copy\n")
    answer_open_dialog(monkeypatch, scan)

    def signing(dialog):
        scripts.click(button(dialog, "Choose…"))
        scripts.type_into(dialog.witness, "钱建国")
        scripts.click(button(dialog, "OK"))

    scripts.expect("SigningDialog", signing)
    scripts.click(button(window.agreements_tab, "Record signing…"))
    stored = get_agreement(demo_db, agreement_id)
    assert (stored.status, stored.signed_on) == ("signed", TODAY.isoformat())

    # 4. She resigns to a competitor: the exit handover, its report saved and printed.
    last_day = TODAY - dt.timedelta(days=40)

    def handover(wizard):
        page = wizard.currentPage()
        scripts.type_into(page.resignation, (last_day - dt.timedelta(days=30)).isoformat())
        scripts.type_into(page.last_day, last_day.isoformat())
        choose(page.reason, "competitor")
        scripts.type_into(page.destination, "深圳市竞争科技有限公司")
        scripts.type_into(page.noncompete.pay, "20,000")  # the 12-month average at departure
        choose(next(iter(page.noncompete.choices.values())), "enforce")
        while wizard.button(wizard.WizardButton.NextButton).isVisible():
            scripts.next_page(wizard)
        scripts.finish(wizard)

    def save_and_print(preview):
        scripts.click(button(preview, "Save as PDF…"))
        scripts.click(button(preview, "Print…"))
        scripts.click(button(preview, "Close"))

    saved = answer_save_dialog(monkeypatch, out / "handover.pdf")
    printed = answer_print_dialog_to_pdf(monkeypatch, out / "handover-printed.pdf")
    scripts.expect("HandoverWizard", handover)
    scripts.expect("ReportPreview", save_and_print)
    window.tabs.setCurrentWidget(window.staff_tab)
    window.staff_tab.select_id(hire.id)
    scripts.click(button(window.staff_tab, "Start exit…"))
    qtbot.waitUntil(lambda: "ReportPreview" in scripts.opened[3:] and not any(
        t.isRunning() for t in window.findChildren(QThread)), timeout=20000)
    report_text = "".join(p.extract_text() for p in PdfReader(saved).pages)
    assert "周敏" in report_text
    assert len(PdfReader(printed).pages) == len(PdfReader(saved).pages)
    assert get_staff(demo_db, hire.id).status == "notice"

    # 5. The notice checklist ticked off, then marked as left.
    def checklist(dialog):
        for row in range(dialog.items.rowCount()):
            dialog.items.item(row, 0).setCheckState(Qt.CheckState.Checked)  # what clicking each box does
        scripts.click(dialog.complete)

    scripts.expect("HandoverDialog", checklist)
    window.staff_tab.select_id(hire.id)
    scripts.click(button(window.staff_tab, "Start exit…"))
    assert get_staff(demo_db, hire.id).status == "left"

    # 6. The non-compete compensation schedule shows her first month, due.
    def compensation(dialog):
        rows = [[dialog.model.item(r, c).text() for c in range(dialog.model.columnCount())]
                for r in range(dialog.model.rowCount()) if dialog.model.item(r, 0).text() == "周敏"]
        assert len(rows) == 12 and rows[0][2] == "1" and rows[0][5] == "6,000"
        first = next(ob for ob in obligations(demo_db, TODAY) if ob.agreement_id == agreement_id).installments[0]
        assert rows[0][4] == first.due_on < TODAY.isoformat() and rows[0][6] == "OVERDUE"
        scripts.click(button(dialog, "Close"))

    scripts.expect("CompensationDialog", compensation)
    window.tabs.setCurrentWidget(window.agreements_tab)
    scripts.click(button(window.agreements_tab, "Compensation…"))
    assert scripts.queue == [] and scripts.opened[-1] == "CompensationDialog"
