"""Import: a loose column guess is shown as a guess to confirm; clients going to a leaver are warned."""
from __future__ import annotations

from PySide6.QtCore import Qt

from churnguard_gui.ui.import_dialog import ImportDialog
from tests.ui.clicking import answer_open_dialog, click
from tests.ui.scripted import button


def test_a_guess_is_marked_and_clients_for_someone_on_notice_are_warned(qtbot, demo_db, db_path, tmp_path,
                                                                        monkeypatch):
    src = tmp_path / "crm.csv"
    src.write_text("公司名称,所属销售,合同金额\n甲公司,孙丽,100000\n乙公司,孙丽,200000\n丙公司,周杰,300000\n",
                   encoding="utf-8")
    dialog = ImportDialog(demo_db, str(db_path))
    qtbot.addWidget(dialog)
    dialog.show()
    answer_open_dialog(monkeypatch, src)
    click(button(dialog, "Choose file…"))
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=10000)
    amount = dialog.combos["合同金额"]
    assert amount.currentData() == "annual_value" and "a guess — check" in amount.currentText()
    assert "a guess — check" in dialog.preview.horizontalHeaderItem(2).text()
    assert "a guess" not in dialog.combos["公司名称"].currentText()
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    report = dialog.report.toPlainText()
    assert "column “合同金额” is read as Annual value (¥) by a guess" in report
    assert "2 clients would go to 孙丽, who is on notice" in report and "周杰" not in report
    # the owner confirms the reading by choosing the field (here with the arrow keys): the mark goes
    amount.setFocus()
    qtbot.keyClick(amount, Qt.Key.Key_Down)
    qtbot.keyClick(amount, Qt.Key.Key_Up)
    assert amount.currentData() == "annual_value"
    assert "guess" not in amount.currentText() and "guess" not in dialog.preview.horizontalHeaderItem(2).text()
