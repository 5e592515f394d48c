"""The monkey test: on the demo firm, every tab's buttons, every menu action, every dialog and wizard page they
open, with the standard dialogs answered. Fails on any exception that reaches sys.excepthook (pytest-qt) and
on any crash dialog."""
from __future__ import annotations

from PySide6.QtCore import QThread

from churnguard_gui.ui.operations import operations
from tests.ui.monkey import Monkey

DIALOGS = {"StaffDialog", "ClientDialog", "HandoverWizard", "AgreementWizard", "ScreeningWizard", "ReportPreview",
           "SettingsDialog", "ImportDialog", "ScreeningListDialog", "CompensationDialog"}


def test_monkey_presses_every_button_and_action_on_the_demo_firm(window, qtbot, monkeypatch, tmp_path, samples):
    out = tmp_path / "out"
    out.mkdir()
    monkey = Monkey(qtbot, monkeypatch, out, samples / "clients_excel_utf8bom.csv")
    monkey.patch()
    monkey.press_all(window)
    monkey.trigger_menus(window, skip=(window.tr("&Quit"),))
    qtbot.waitUntil(lambda: not operations().busy() and not any(w.isRunning() for w in window.findChildren(QThread)),
                    timeout=20000)
    assert monkey.crash_dialogs == []
    assert monkey.dialogs >= DIALOGS, sorted(DIALOGS - monkey.dialogs)
    print(f"{monkey.presses} presses; dialogs: {sorted(monkey.dialogs)}; wizard pages: {monkey.wizard_pages}; "
          f"finished: {sorted(monkey.wizards_finished)}")
    wizards = {name for name in monkey.dialogs if name.endswith("Wizard")}
    assert wizards == monkey.wizards_at_last_page, f"stuck before the last page: {wizards - monkey.wizards_at_last_page}"
    assert monkey.too_big == {}, f"windows that cannot shrink to a 1366×768 screen: {monkey.too_big}"
    assert monkey.silent == [], f"buttons promising a dialog (…) that opened nothing: {monkey.silent}"
    unwritten = [p.name for p in monkey.answered_saves if not p.exists()]
    assert monkey.answered_saves and not unwritten, f"a save dialog was answered but nothing was written: {unwritten}"
    printed = sorted(p.name for p in out.glob("printed-*.pdf"))
    assert printed, "no print reached a PDF"
