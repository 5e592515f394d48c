"""The import dialog asks who owns a client list without an owner column, and remembers the columns chosen."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from churnguard_gui.store import listing
from churnguard_gui.ui.import_dialog import ImportDialog
from churnguard_gui.ui.table_models import RecordTableModel
from tests.ui.clicking import cancel_progress


def choose_file(qtbot, dialog, monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    browse = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Choose file…")
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=10000)


def test_nobody_yet_imports_and_flags_the_clients(qtbot, demo_db, db_path, tmp_path, monkeypatch):
    src = tmp_path / "crm.csv"
    src.write_text("企业名称,联系地址,客户来源\n新甲公司,深圳,展会\n新乙公司,北京,网站\n", encoding="utf-8")
    dialog = ImportDialog(demo_db, str(db_path))
    qtbot.addWidget(dialog)
    dialog.show()
    choose_file(qtbot, dialog, monkeypatch, src)
    assert dialog.owner_question.isVisible()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "who owns these clients?" in dialog.report.toPlainText() and dialog.plan is None
    dialog.owner_question.nobody.click()  # a radio button: click() is what the mouse does
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    assert '2 clients have no owner: they will be marked "needs an owner"' in dialog.report.toPlainText()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=10000)
    assert "Imported 2 clients" in dialog.report.toPlainText()
    model = RecordTableModel(demo_db, listing.CLIENTS)
    owner = [c.key for c in listing.CLIENTS.columns].index("owner")
    name = [c.key for c in listing.CLIENTS.columns].index("name")
    shown = {model.index(r, name).data(): model.index(r, owner).data() for r in range(model.rowCount())}
    assert shown["新甲公司"] == shown["新乙公司"] == "needs an owner"
    assert sum(value == "needs an owner" for value in shown.values()) == 2  # the demo firm's clients have owners


def test_one_person_owns_them_and_an_owner_column_hides_the_question(qtbot, demo_db, db_path, tmp_path, monkeypatch):
    src = tmp_path / "crm.csv"
    src.write_text("企业名称,备注信息\n新丙公司,老客户\n", encoding="utf-8")
    dialog = ImportDialog(demo_db, str(db_path))
    qtbot.addWidget(dialog)
    dialog.show()
    choose_file(qtbot, dialog, monkeypatch, src)
    dialog.owner_question.person.setCurrentText("吴芳")  # typing a name picks "one person"
    assert dialog.owner_question.one_person.isChecked()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=10000)
    assert demo_db.execute("SELECT s.name FROM clients c JOIN client_team t ON t.client_id = c.id AND t.role = 'owner' "
                           "JOIN staff s ON s.id = t.staff_id WHERE c.name = '新丙公司'").fetchone() == ("吴芳",)
    notes = dialog.combos["备注信息"]
    notes.setCurrentIndex(notes.findData("owner"))  # now a column says who owns them
    assert not dialog.owner_question.isVisible()


def test_the_mapping_chosen_is_remembered_for_the_same_headers(qtbot, fresh_db, db_path, tmp_path, monkeypatch):
    first = tmp_path / "march.csv"
    first.write_text("Account,Rep,Deal,Memo\n甲,吴芳,100,x\n", encoding="utf-8")
    dialog = ImportDialog(fresh_db, str(db_path))
    qtbot.addWidget(dialog)
    dialog.show()
    choose_file(qtbot, dialog, monkeypatch, first)
    dialog.combos["Deal"].setCurrentIndex(dialog.combos["Deal"].findData("annual_value"))
    dialog.combos["Memo"].setCurrentIndex(dialog.combos["Memo"].findData("notes"))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    second = tmp_path / "april.csv"
    second.write_text("Account,Rep,Deal,Memo\n乙,郑浩,200,y\n", encoding="utf-8")
    again = ImportDialog(fresh_db, str(db_path))
    qtbot.addWidget(again)
    again.show()
    choose_file(qtbot, again, monkeypatch, second)
    assert again.combos["Deal"].currentData() == "annual_value" and again.combos["Memo"].currentData() == "notes"
    other = tmp_path / "other.csv"
    other.write_text("Account,Rep,Deal,Memo,Extra\n丙,郑浩,300,z,1\n", encoding="utf-8")
    third = ImportDialog(fresh_db, str(db_path))
    qtbot.addWidget(third)
    third.show()
    choose_file(qtbot, third, monkeypatch, other)
    assert third.combos["Deal"].currentData() is None  # other headers: nothing remembered


def test_cancel_stops_reading_a_big_file_within_a_second(qtbot, fresh_db, db_path, tmp_path, monkeypatch):
    import time

    src = tmp_path / "big.csv"
    src.write_bytes("客户名称,负责销售\n".encode() + "南诚化工有限公司,吴芳\n".encode() * 990_000)  # 30 MB, seconds to read
    dialog = ImportDialog(fresh_db, str(db_path))
    qtbot.addWidget(dialog)
    dialog.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(src), ""))
    browse = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Choose file…")
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    started = time.monotonic()
    cancel_progress(dialog)
    qtbot.waitUntil(lambda: "cancelled" in dialog.report.toPlainText(), timeout=5000)
    assert time.monotonic() - started < 1.0
    assert dialog.table is None
