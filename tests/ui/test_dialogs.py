"""Staff, client and import dialogs: validation at the field, saving, and the import flow."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from churnguard_gui.store.clients import get_client, ownership_history
from churnguard_gui.ui.client_dialog import ClientDialog
from churnguard_gui.ui.import_dialog import ImportDialog
from churnguard_gui.ui.staff_dialog import StaffDialog
from tests.ui.clicking import answer_open_dialog, cancel_progress, click, press_ok
from tests.ui.scripted import button


def test_staff_dialog_shows_problems_at_fields_and_saves_nothing(qtbot, demo_db):
    dialog = StaffDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.inputs["email"].setText("zhou@")
    dialog.inputs["phone"].setText("call me")
    dialog.inputs["monthly_wage"].setText("-100")
    press_ok(dialog)
    assert dialog.result() == 0 and dialog.saved_id is None
    assert dialog.errors.text("name") == "a value is required"
    assert dialog.errors.text("email") == "not an e-mail address: zhou@"
    assert dialog.errors.text("phone") == "not a phone number: call me"
    assert dialog.errors.text("monthly_wage") == "amount must not be negative: -100"
    assert demo_db.execute("SELECT count(*) FROM staff").fetchone()[0] == 12


def test_staff_dialog_saves_a_new_person(qtbot, demo_db):
    dialog = StaffDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.inputs["name"].setText("陈晨")
    dialog.inputs["monthly_wage"].setText("¥12,000")
    dialog.inputs["hire_date"].setText("2025年3月1日")
    dialog.secret_access.setChecked(True)
    press_ok(dialog)
    assert dialog.saved_id is not None
    row = demo_db.execute("SELECT name, monthly_wage, hire_date, secret_access, status FROM staff WHERE id = ?",
                          [dialog.saved_id]).fetchone()
    assert row == ("陈晨", 12000, "2025-03-01", 1, "active")


def test_client_dialog_refuses_a_code_already_used(qtbot, demo_db):
    dialog = ClientDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.inputs["name"].setText("新客户")
    dialog.inputs["code"].setText("KH00001")
    dialog.owner.setCurrentIndex(1)
    press_ok(dialog)
    assert dialog.saved_id is None
    assert dialog.errors.text("code") == "client code KH00001 is already used by another client"
    assert dialog.tabs.currentIndex() == 0


def test_client_dialog_marks_bad_contact_cells(qtbot, demo_db):
    dialog = ClientDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.inputs["name"].setText("新客户")
    dialog.owner.setCurrentIndex(1)
    dialog.contacts.item(0, 0).setText("刘经理")
    dialog.contacts.item(0, 3).setText("not-an-email")
    press_ok(dialog)
    assert dialog.saved_id is None
    assert dialog.tabs.currentIndex() == 2
    assert "Contact 1, E-mail: not an e-mail address" in dialog.contacts_error.text()


def test_client_dialog_edits_deep_fields_team_and_logs_owner_change(qtbot, demo_db):
    client = get_client(demo_db, 5)
    dialog = ClientDialog(demo_db, 5)
    qtbot.addWidget(dialog)
    assert dialog.inputs["name"].text() == client.name
    dialog.deep["price_terms"].setPlainText("月结90天，返点3%")
    new_owner = next(i for i in range(1, dialog.owner.count()) if dialog.owner.itemData(i) != client.owner_id())
    dialog.owner.setCurrentIndex(new_owner)
    dialog.show()
    tabs = dialog.findChild(QTabWidget)
    tabs.setCurrentWidget(dialog.contacts_view.parentWidget())  # the Contacts tab
    rows = dialog.contacts.rowCount()
    click(button(dialog, "Add contact"))
    for column, value in enumerate(["黄主任", "采购", "139 1234 5678", ""]):
        dialog.contacts.item(rows, column).setText(value)  # what typing into the cells does
    press_ok(dialog)
    assert dialog.saved_id == 5
    saved = get_client(demo_db, 5)
    assert saved.price_terms == "月结90天，返点3%"
    assert saved.owner_id() == dialog.owner.itemData(new_owner)
    assert "黄主任" in [c.name for c in saved.contacts]
    assert ownership_history(demo_db, 5)[-1][3] == "edit"


def open_import_dialog(qtbot, monkeypatch, db, db_path, path) -> ImportDialog:
    """The import dialog on screen, with path chosen through its Choose file… button."""
    dialog = ImportDialog(db, str(db_path))
    qtbot.addWidget(dialog)
    dialog.show()
    answer_open_dialog(monkeypatch, path)
    click(button(dialog, "Choose file…"))
    return dialog


def test_import_dialog_reads_maps_checks_and_imports(qtbot, fresh_db, db_path, samples, monkeypatch):
    dialog = open_import_dialog(qtbot, monkeypatch, fresh_db, db_path, samples / "clients_excel_gbk.csv")
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=10000)
    assert dialog.kind.currentData() == "clients"
    assert dialog.combos["所属销售"].currentData() == "owner"
    assert dialog.combos["合同金额"].currentData() == "annual_value"
    assert dialog.preview.rowCount() == 20 and dialog.preview.item(0, 0).text() == "南诚化工有限公司0"
    click(dialog.check_button)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    assert "60 rows can be imported, 0 rows are refused." in dialog.report.toPlainText()
    click(dialog.import_button)
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=10000)
    assert "Imported 60 clients" in dialog.report.toPlainText()
    assert fresh_db.execute("SELECT count(*) FROM clients").fetchone()[0] == 60


def test_import_dialog_remapping_and_refusal(qtbot, fresh_db, db_path, tmp_path, monkeypatch):
    src = tmp_path / "crm.csv"
    src.write_text("Account,Rep,Deal\n甲,吴芳,abc\n乙,郑浩,200\n", encoding="utf-8")
    dialog = open_import_dialog(qtbot, monkeypatch, fresh_db, db_path, src)
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=10000)
    deal = dialog.combos["Deal"]
    deal.setCurrentIndex(deal.findData("annual_value"))
    click(dialog.check_button)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    assert "crm.csv, row 2, column Deal: not an amount of money: abc" in dialog.report.toPlainText()
    click(dialog.import_button)
    assert "Nothing was imported" in dialog.report.toPlainText()
    assert fresh_db.execute("SELECT count(*) FROM clients").fetchone()[0] == 0
    click(dialog.skip_bad)
    assert dialog.skip_bad.isChecked()
    click(dialog.import_button)
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=10000)
    assert [n for (n,) in fresh_db.execute("SELECT name FROM clients")] == ["乙"]


def test_cancelling_a_running_import_writes_nothing(qtbot, fresh_db, db_path, samples, monkeypatch):
    dialog = open_import_dialog(qtbot, monkeypatch, fresh_db, db_path, samples / "clients.xlsx")
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=10000)
    click(dialog.check_button)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    click(dialog.import_button)
    cancel_progress(dialog)
    qtbot.waitUntil(lambda: "cancelled" in dialog.report.toPlainText(), timeout=10000)
    assert dialog.import_result is None
    assert fresh_db.execute("SELECT count(*) FROM clients").fetchone()[0] == 0
    assert fresh_db.execute("SELECT count(*) FROM staff").fetchone()[0] == 0
