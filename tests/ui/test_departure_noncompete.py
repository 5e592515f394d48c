"""Issue 11 in the handover wizard: the pay at departure, the floor recomputed, and enforce or waive."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWizard

from churnguard_gui.core.agreements import AgreementDraft
from churnguard_gui.store.agreements import get_agreement, mark_printed, record_signing, save_agreement
from churnguard_gui.store.handovers import report_data
from churnguard_gui.store.settings import set_setting
from churnguard_gui.store.staff import find_staff
from churnguard_gui.ui.handover_wizard import HandoverWizard, Page
from tests.ui.clicking import finish, next_page

TODAY = dt.date(2026, 11, 26)


def signed_noncompete(db, name: str = "马超") -> int:
    set_setting(db, "minimum_wage", "2,520")
    draft = AgreementDraft(find_staff(db, name), "both", "senior_manager", True, "cn", ("client_list",), "",
                           "广东省", 12, 10000, 2520, 3000, 0, "zh", "办公家具的销售")
    agreement_id = save_agreement(db, draft, today=TODAY)
    mark_printed(db, agreement_id)
    record_signing(db, agreement_id, "2026-01-05", "")
    return agreement_id


def test_pay_at_departure_warns_below_the_floor_and_a_decision_is_required(qtbot, demo_db):
    agreement_id = signed_noncompete(demo_db)
    wizard = HandoverWizard(demo_db, find_staff(demo_db, "马超"), today=TODAY)
    qtbot.addWidget(wizard)
    wizard.show()
    box = wizard.departure_page.noncompete
    assert box is not None and box.undecided() == ["AG-2026-00001"] and "Decide" in box.warning.text()
    box.pay.setText("10,000")
    assert "below the floor" not in box.warning.text()  # 30% of 10,000 is the agreed 3,000
    box.pay.setText("10,001")  # with commission and bonuses the average is higher now
    assert "below the floor of ¥3,001" in box.warning.text() and "第36条" in box.warning.text()
    wizard.departure_page.last_day.setText("2026-12-31")
    next_page(wizard)
    assert wizard.currentId() == Page.DEPARTURE and "enforce or waive" in wizard.departure_page.error.text()
    combo = box.choices[agreement_id]
    combo.setCurrentIndex(combo.findData("waive"))
    assert "below the floor" not in box.warning.text()
    next_page(wizard)
    assert wizard.currentId() == Page.CLIENTS
    for _ in range(3):
        next_page(wizard)
    finish(wizard)
    assert wizard.result() == QWizard.DialogCode.Accepted
    stored = get_agreement(demo_db, agreement_id)
    assert (stored.status, stored.release_kind, stored.departure_decision, stored.departure_pay) == (
        "released", "waiver", "waive", 10001)
    report = report_data(demo_db, find_staff(demo_db, "马超"))
    assert [(a.kind, a.decision) for a in report.agreements] == [("confidentiality", None), ("noncompete", "waive")]


def test_no_box_without_a_signed_noncompete(qtbot, demo_db):
    wizard = HandoverWizard(demo_db, find_staff(demo_db, "马超"), today=TODAY)
    qtbot.addWidget(wizard)
    assert wizard.departure_page.noncompete is None


def test_release_dialog_before_the_period_is_a_free_waiver(qtbot, demo_db):
    from churnguard_gui.store.staff import get_staff, save_staff
    from churnguard_gui.ui.agreement_dialogs import ReleaseDialog
    from tests.ui.clicking import press_ok

    agreement_id = signed_noncompete(demo_db)
    staff = get_staff(demo_db, find_staff(demo_db, "马超"))
    staff.status, staff.last_day = "notice", "2026-12-31"
    save_staff(demo_db, staff)
    dialog = ReleaseDialog(demo_db, agreement_id)
    qtbot.addWidget(dialog)
    dialog.on.setText("2026-12-31")
    assert dialog.cost == 0 and "costs nothing" in dialog.explain.text() and "2027-01-01" in dialog.explain.text()
    dialog.on.setText("2027-01-01")  # the first day of the period: a release, three more months
    assert dialog.cost == 9000 and "9,000" in dialog.explain.text()
    dialog.on.setText("2026-12-31")
    press_ok(dialog)
    stored = get_agreement(demo_db, agreement_id)
    assert (stored.status, stored.release_kind) == ("released", "waiver")
