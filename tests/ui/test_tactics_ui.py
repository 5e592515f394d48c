"""The tactics as an owner uses them on the demo firm: menu entries and record buttons open each window, and
its buttons log visits and contacts, renew contracts, rotate clients, add backups, record incentives and
losses, print the evidence pack, and list what is due."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from churnguard_gui.store.after_exit import former_clients
from churnguard_gui.store.assignment import single_threaded_count
from churnguard_gui.store.contracts import renewals_due
from churnguard_gui.store.staff import find_staff
from churnguard_gui.store.visits import overdue_visit_count, without_firm_contact
from tests.ui.clicking import answer_message_boxes, answer_open_dialog, answer_save_dialog, press_ok
from tests.ui.scripted import Scripts, action, button

TODAY = dt.date.today()


@pytest.fixture
def demo_db(fresh_db, demo_into):
    demo_into(fresh_db, early_warning=True)
    return fresh_db


@pytest.fixture
def scripts(qtbot, monkeypatch) -> Scripts:
    return Scripts(qtbot).install(monkeypatch)


def select_staff(window, name: str) -> None:
    window.tabs.setCurrentWidget(window.staff_tab)
    window.staff_tab.select_id(find_staff(window.db, name))


def tick(view, row: int) -> None:
    """Click the check box at the start of a row, as a person does."""
    rect = view.visualRect(view.model().index(row, 0))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 10, rect.center().y()))


def test_every_tactic_has_a_menu_entry(window):
    for text in ("Reminders…", "Manager visits…", "Firm-level contact…", "Contract renewals…", "Rotation planner…",
                 "Backups for single-threaded clients…", "Incentives of the selected staff member…",
                 "Former employees' clients…"):
        assert action(window, text).isEnabled()


def test_a_manager_visit_logged_leaves_the_overdue_list(window, scripts):
    db = window.db
    before = overdue_visit_count(db, TODAY)[0]
    seen = {}

    def in_visits(dialog):
        seen["client"] = dialog.current().client_id
        seen["rows"] = dialog.model.rowCount()
        scripts.expect("EntryDialog", press_ok)
        scripts.click(button(dialog, "Log a visit…"))
        seen["after"] = dialog.model.rowCount()
        seen["history"] = [v.visited_on for v in dialog.history.rows()]

    scripts.expect("VisitsDialog", in_visits)
    action(window, "Manager visits…").trigger()
    assert scripts.opened == ["VisitsDialog", "EntryDialog"]
    assert seen["rows"] == before and seen["after"] == before - 1
    assert overdue_visit_count(db, TODAY)[0] == before - 1
    assert db.execute("SELECT last_manager_visit FROM clients WHERE id = ?", [seen["client"]]).fetchone()[0] == \
        TODAY.isoformat()


def test_a_visit_in_the_future_is_refused_at_the_field(window, scripts):
    def future(entry):
        date = entry.findChildren(QLineEdit)[0]
        scripts.type_into(date, (TODAY + dt.timedelta(days=3)).isoformat())
        press_ok(entry)
        assert entry.isVisible() and "in the future" in entry.error.text()

    scripts.expect("VisitsDialog", lambda d: (scripts.expect("EntryDialog", future),
                                              scripts.click(button(d, "Log a visit…"))))
    action(window, "Manager visits…").trigger()
    assert scripts.opened == ["VisitsDialog", "EntryDialog"]


def test_a_greeting_from_the_owner_clears_the_firm_contact_flag(window, scripts):
    flagged = {r[0] for r in without_firm_contact(window.db, TODAY)}
    chosen = {}

    def in_dialog(dialog):
        chosen["client"] = dialog.current()[0]
        scripts.expect("EntryDialog", press_ok)
        scripts.click(button(dialog, "Record a greeting, letter or gift…"))
        chosen["rows"] = dialog.model.rowCount()

    scripts.expect("FirmContactDialog", in_dialog)
    action(window, "Firm-level contact…").trigger()
    assert chosen["rows"] == len(flagged) - 1
    assert chosen["client"] not in {r[0] for r in without_firm_contact(window.db, TODAY)}


def test_a_renewal_recorded_moves_the_contract_end_a_year_on(window, scripts):
    due = renewals_due(window.db, TODAY)
    first = due[0]

    def in_dialog(dialog):
        scripts.expect("EntryDialog", press_ok)
        scripts.click(button(dialog, "Record the renewal…"))
        assert dialog.model.rowCount() == len(due) - 1

    scripts.expect("RenewalsDialog", in_dialog)
    action(window, "Contract renewals…").trigger()
    start, end = window.db.execute("SELECT contract_start, contract_end FROM clients WHERE id = ?",
                                   [first.client_id]).fetchone()
    assert start == (dt.date.fromisoformat(first.contract_end) + dt.timedelta(days=1)).isoformat()
    assert end > first.contract_end


def test_rotation_from_the_staff_record_moves_the_ticked_clients(window, scripts, monkeypatch):
    answer_message_boxes(monkeypatch)
    select_staff(window, "周杰")
    person = find_staff(window.db, "周杰")
    seen = {}

    def in_dialog(dialog):
        assert dialog.person_id() == person
        seen["moves"] = dialog.moves()
        changed = [r for r in dialog.loads.rows() if r[1] != r[0].clients]
        assert changed, "the load preview shows who gains and who loses"
        scripts.click(button(dialog, "Apply rotation"))

    scripts.expect("RotationDialog", in_dialog)
    scripts.click(button(window.staff_tab, "Rotate clients…"))
    moves = seen["moves"]
    assert moves
    rows = window.db.execute("SELECT client_id, from_staff_id, to_staff_id FROM ownership_history "
                             "WHERE reason = 'rotation'").fetchall()
    assert sorted(rows) == sorted((m.client_id, person, m.to_id) for m in moves)


def test_backups_ticked_are_added_together(window, scripts, monkeypatch):
    shown = answer_message_boxes(monkeypatch)
    before = single_threaded_count(window.db)[0]

    def in_dialog(dialog):
        scripts.click(button(dialog, "Untick all"))
        for row in range(3):
            tick(dialog.view, row)
        assert dialog.model.checked_rows() == [0, 1, 2]
        scripts.click(button(dialog, "Add the ticked backups"))

    scripts.expect("BackupsDialog", in_dialog)
    action(window, "Backups for single-threaded clients…").trigger()
    assert single_threaded_count(window.db)[0] == before - 3
    assert shown[-1][2] == "3 clients now have a backup."
    assert window.db.execute("SELECT count(*) FROM ownership_history WHERE reason = 'backup added'").fetchone()[0] == 3


def test_incentives_on_the_staff_record_show_what_leaving_forfeits(window, scripts):
    select_staff(window, "孙丽")
    texts = {}

    def add_entry(entry):
        edits = entry.findChildren(QLineEdit)
        description, amount, _granted, vests = edits[:4]
        scripts.type_into(description, "Q4 bonus")
        scripts.type_into(amount, "12000")
        scripts.type_into(vests, (TODAY + dt.timedelta(days=365)).isoformat())
        press_ok(entry)

    def in_dialog(dialog):
        texts["before"] = dialog.forfeit_label.text()
        scripts.expect("EntryDialog", add_entry)
        scripts.click(button(dialog, "Add…"))
        texts["after"] = dialog.forfeit_label.text()

    scripts.expect("IncentivesDialog", in_dialog)
    scripts.click(button(window.staff_tab, "Incentives…"))
    assert "forfeits 1 unvested incentives: ¥30,000" in texts["before"]
    assert "forfeits 2 unvested incentives: ¥42,000" in texts["after"]


def test_former_client_lost_and_the_evidence_pack_saved(window, scripts, monkeypatch, tmp_path):
    answer_message_boxes(monkeypatch)
    out = answer_save_dialog(monkeypatch, tmp_path / "pack.pdf")
    scan = tmp_path / "signed.png"
    scan.write_bytes(window.db.execute("SELECT data FROM handover_acknowledgements").fetchone()[0])
    answer_open_dialog(monkeypatch, scan)
    target = next(c for c in former_clients(window.db, TODAY) if c.status == "active")

    def in_dialog(dialog):
        dialog.view.selectRow(next(i for i, c in enumerate(dialog.model.rows()) if c.client_id == target.client_id))
        scripts.expect("EntryDialog", press_ok)
        scripts.click(button(dialog, "Record client lost…"))
        scripts.click(button(dialog, "Attach signed acknowledgement…"))
        scripts.expect("ReportPreview", lambda preview: scripts.click(button(preview, "Save as PDF…")))
        scripts.click(button(dialog, "Evidence pack…"))

    scripts.expect("FormerClientsDialog", in_dialog)
    action(window, "Former employees' clients…").trigger()
    assert scripts.opened == ["FormerClientsDialog", "EntryDialog", "ReportPreview"]
    lost = {c.client_id: c for c in former_clients(window.db, TODAY)}[target.client_id]
    assert lost.status == "lost" and lost.went_with_former
    assert window.db.execute("SELECT count(*) FROM handover_acknowledgements").fetchone()[0] == 2
    assert out.read_bytes().startswith(b"%PDF")


def test_reminders_list_opens_the_window_to_deal_with_one(window, scripts):
    def in_list(dialog):
        rows = dialog.model.rows()
        assert {r.kind for r in rows} >= {"visit", "renewal", "vesting", "follow_up"}
        dialog.view.selectRow(next(i for i, r in enumerate(rows) if r.kind == "renewal"))
        scripts.expect("RenewalsDialog", lambda d: None)
        scripts.click(button(dialog, "Open…"))

    scripts.expect("RemindersDialog", in_list)
    action(window, "Reminders…").trigger()
    assert scripts.opened == ["RemindersDialog", "RenewalsDialog"]


def test_on_start_the_reminders_show_and_the_tray_says_what_is_due(window, scripts, monkeypatch):
    from PySide6.QtWidgets import QSystemTrayIcon

    from churnguard_gui.ui.reminders_dialog import ReminderTray

    messages = []
    monkeypatch.setattr(ReminderTray, "available", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda icon: None)
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda icon, title, text, *a: messages.append((title, text)))
    scripts.expect("RemindersDialog", lambda d: None)
    window.tactics.on_start()
    assert scripts.opened == ["RemindersDialog"]
    assert messages and messages[0][0] == "ChurnGuard reminders" and "overdue" in messages[0][1]
    window.settings.setValue("reminders/on_start", False)
    window.tactics.on_start()  # switched off: no list, nothing else opened
    assert scripts.opened == ["RemindersDialog"]


def test_handover_review_flags_contracts_and_forfeited_incentives(window):
    from churnguard_gui.ui.handover_wizard import HandoverWizard

    leaver = find_staff(window.db, "孙丽")
    last_day = window.db.execute("SELECT last_day FROM staff WHERE id = ?", [leaver]).fetchone()[0]
    client = window.db.execute("SELECT client_id FROM client_team WHERE staff_id = ? AND role = 'owner' LIMIT 1",
                               [leaver]).fetchone()[0]
    window.db.execute("UPDATE clients SET contract_end = ? WHERE id = ?", [last_day, client])
    wizard = HandoverWizard(window.db, leaver, window)
    notes = "\n".join(wizard.tactics_notes(wizard.plan()))
    assert "contracts end within 90 days of the last day" in notes
    assert "forfeits ¥30,000" in notes
    wizard.deleteLater()


def test_rows_model_passes_the_model_tester(qtmodeltester, demo_db):
    from churnguard_gui.store.visits import visit_schedule
    from churnguard_gui.ui.rows_model import RowsModel

    model = RowsModel([("Client", lambda r: r.name), ("Value", lambda r: r.value)],
                      visit_schedule(demo_db, TODAY, limit=50), checkable=True, alert=lambda r: r.value > 100_000,
                      numeric=(1,))
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_a_warning_sign_reminder_opens_the_rotation_planner_on_that_person(window, scripts):
    db = window.db
    person = find_staff(db, "郑浩")
    db.execute("INSERT INTO warning_signs (staff_id, kind, noted_on) VALUES (?, 'competitor_contact', ?)",
               [person, TODAY.isoformat()])
    seen = {}

    def in_list(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("rotation"))
        rows = dialog.model.rows()
        assert {r.kind for r in rows} == {"rotation"}
        dialog.view.selectRow(next(i for i, r in enumerate(rows) if r.ref_id == person))
        scripts.expect("RotationDialog", lambda d: seen.update(person=d.person_id(), label=d.person.currentText()))
        scripts.click(button(dialog, "Open…"))

    scripts.expect("RemindersDialog", in_list)
    action(window, "Reminders…").trigger()
    assert seen["person"] == person and seen["label"].endswith("⚠ 1 warning sign")
