"""The Risk tab as the owner uses it: tiles with the known figures, each opening its list, one click to a team."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton

from churnguard_gui.store.risk import risk_figures
from churnguard_gui.ui.risk_lists import RiskListDialog
from churnguard_gui.ui.risk_tab import RED, RiskTab
from tests.risk_firm import AS_OF, build
from tests.ui.clicking import press_ok


@pytest.fixture
def firm(fresh_db, tmp_path):
    build(fresh_db, tmp_path)
    return fresh_db


@pytest.fixture
def tab(qtbot, firm):
    widget = RiskTab(firm, today=lambda: AS_OF)
    widget.changed.connect(widget.refresh)
    qtbot.addWidget(widget)
    widget.resize(1366, 720)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(widget.chart_ready)  # the chart is drawn once the numbers are on screen
    return widget


def numbers(tab: RiskTab) -> dict[str, str]:
    import re

    return {name: re.sub(r"<[^>]+>", "", tile.number.text()) for name, tile in tab.tiles.items()}


def test_tiles_show_the_hand_computed_figures(tab):
    assert numbers(tab) == {"concentration": "1", "single_threaded": "4", "confidentiality": "3", "noncompete": "2",
                            "notice": "1", "compensation": "1 / 3", "signs": "1", "unvisited": "5",
                            # the tactics' tiles: no firm-level contact yet with the active A/B clients C01, C02,
                            # C03, C04, C10; no contract dates imported; no contact persons imported, so all 7 active
                            # clients have one or none; 赵磊 owned no client, so no former client is followed
                            "firm_contact": "5", "renewals": "0", "one_contact": "7", "former_clients": "0"}
    assert "Largest: 张伟 64.0%" in tab.tiles["concentration"].detail.text()
    assert "¥2,050,000" in tab.tiles["single_threaded"].detail.text()
    assert tab.tiles["confidentiality"].detail.text() == "刘洋、张伟、王强"
    assert "王强: handover draft, 2/5 tasks, 2 clients still owned" in tab.tiles["notice"].detail.text()
    assert tab.tiles["compensation"].detail.text() == "Overdue ¥5,000 · due ¥15,000"
    assert "7 active clients · ¥3,750,000 a year · as of 2026-04-15" in tab.heading.text()


def test_the_chart_has_a_bar_per_salesperson_and_the_flagged_one_is_red(tab):
    from matplotlib.colors import to_hex

    from churnguard_gui.reports.risk_chart import bar_labels

    (axes,) = tab.figure.axes
    bars = axes.containers[0]
    assert bar_labels(tab.figure) == ["刘洋", "李娜", "王强", "张伟"]
    assert not tab.chart.pixmap().isNull() and tab.chart.pixmap().width() >= tab.chart.width()
    assert [to_hex(b.get_facecolor()) for b in bars][-1] == RED
    assert sum(to_hex(b.get_facecolor()) == RED for b in bars) == 1


@pytest.mark.parametrize(("tile", "rows", "first"), [
    ("concentration", 4, ("张伟", "3", "2,400,000", "64.0%", "above threshold")),
    ("single_threaded", 4, ("C02", "乙公司", "张伟", "800,000")),
    ("confidentiality", 3, ("刘洋", "1", "150,000")),
    ("noncompete", 2, ("李娜", "holds a large share of client value", "500,000")),
    ("notice", 1, ("王强", "2026-05-15", "draft", "2/5", "20%", "2", "700,000")),
    ("compensation", 4, ("赵磊", "AG-2025-00005", "2", "2026-03-31", "5,000", "overdue")),
    ("signs", 2, ("2026-04-01", "李娜", "Asked about leaving", "问过离职流程")),
    ("unvisited", 5, ("C01", "甲公司", "张伟", "1,000,000", "2026-01-10")),
])
def test_every_tile_opens_the_filtered_list_behind_it(tab, qtbot, tile, rows, first):
    qtbot.mouseClick(tab.tiles[tile], Qt.MouseButton.LeftButton)
    (dialog,) = [d for d in tab.findChildren(RiskListDialog) if d.isVisible()]
    model = dialog.model
    assert model.rowCount() == rows
    assert tuple(model.index(0, c).data() for c in range(model.columnCount())) == first
    dialog.close()


def test_list_model_passes_modeltester(tab, qtbot, qtmodeltester):
    qtmodeltester.check(tab.top_model)


def click_row(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_one_click_on_a_top_client_opens_its_team_and_a_backup_updates_the_tab(tab, qtbot, monkeypatch):
    from churnguard_gui.ui.client_dialog import ClientDialog

    seen = []

    def exec_(dialog):
        seen.append((dialog.tabs.currentWidget() is dialog.team_page, dialog.inputs["code"].text()))
        for row in range(dialog.backups.rowCount()):  # tick 刘洋 as a backup, as the owner would
            item = dialog.backups.item(row)
            if item.text() == "刘洋":
                item.setCheckState(Qt.CheckState.Checked)
        press_ok(dialog)
        return dialog.result()

    monkeypatch.setattr(ClientDialog, "exec", exec_)
    assert tab.top_model.index(0, 0).data() == "乙公司"
    click_row(qtbot, tab.top_view, 0)
    assert seen == [(True, "C02")]
    assert numbers(tab)["single_threaded"] == "3"
    assert tab.top_model.index(0, 0).data() == "癸公司"


def test_a_client_in_the_single_threaded_list_opens_on_its_team(tab, qtbot, monkeypatch):
    from churnguard_gui.ui.client_dialog import ClientDialog

    seen = []
    monkeypatch.setattr(ClientDialog, "exec", lambda d: seen.append(
        (d.tabs.currentWidget() is d.team_page, d.inputs["code"].text())) or QDialog.DialogCode.Rejected)
    qtbot.mouseClick(tab.tiles["single_threaded"], Qt.MouseButton.LeftButton)
    (dialog,) = [d for d in tab.findChildren(RiskListDialog) if d.isVisible()]
    click_row(qtbot, dialog.view, 2)
    assert seen == [(True, "C03")]


def test_warning_signs_recorded_on_the_staff_record_reach_the_tab(tab, firm, qtbot, monkeypatch):
    from churnguard_gui.store.staff import find_staff
    from churnguard_gui.ui.staff_dialog import StaffDialog
    from churnguard_gui.ui.warning_signs import WarningSignsDialog

    def record(dialog):
        dialog.date.setText("2026-04-10")
        dialog.kind.setCurrentIndex(dialog.kind.findData("competitor_contact"))
        qtbot.keyClicks(dialog.note, "lunch")
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        dialog.date.setText("2026-13-01")
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        assert "not a date" in dialog.error.text()
        assert dialog.model.rowCount() == 1
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WarningSignsDialog, "exec", record)
    wang = find_staff(firm, "王强")
    dialog = StaffDialog(firm, wang)
    qtbot.addWidget(dialog)
    summary = dialog.findChild(QLabel, "warning_summary")
    assert summary.text() == "Warning signs: none recorded"
    qtbot.mouseClick(dialog.findChild(QPushButton, "warning_signs_button"), Qt.MouseButton.LeftButton)
    assert summary.text() == "Warning signs: 1, latest 2026-04-10 Contact with a competitor"
    tab.refresh()
    assert numbers(tab)["signs"] == "2"
    assert risk_figures(firm, AS_OF).signs_by_staff == {"王强": 1, "李娜": 2}


def test_main_window_opens_on_the_risk_tab_and_prints_the_risk_report(qtbot, fresh_db, db_path, settings,
                                                                       monkeypatch):
    from churnguard_gui.store.demo import load_demo
    from churnguard_gui.ui.main_window import MainWindow

    load_demo(fresh_db, early_warning=True)
    win = MainWindow(fresh_db, str(db_path), settings)
    qtbot.addWidget(win)
    win.show()
    assert win.tabs.currentWidget() is win.risk_tab and win.tabs.tabText(0) == "Risk"
    figures = risk_figures(fresh_db)
    assert numbers(win.risk_tab)["single_threaded"] == f"{figures.single_threaded_count:,}"
    assert all(n not in ("", "0") for n in numbers(win.risk_tab).values())  # the demo shows something everywhere
    seen = []
    monkeypatch.setattr("churnguard_gui.ui.report_preview.ReportPreview.exec",
                        lambda self: seen.append((self.document.__len__(), self._name)))
    win.risk_report_action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=30000)
    assert seen[0][0] >= 2 and seen[0][1] == f"Risk report {figures.as_of}.pdf"


def test_thresholds_in_firm_settings_change_the_tab(qtbot, fresh_db, db_path, settings, monkeypatch):
    from churnguard_gui.store.demo import load_demo
    from churnguard_gui.ui.main_window import MainWindow
    from churnguard_gui.ui.settings_dialog import SettingsDialog

    load_demo(fresh_db, early_warning=True)
    win = MainWindow(fresh_db, str(db_path), settings)
    qtbot.addWidget(win)
    win.show()
    assert numbers(win.risk_tab)["concentration"] == "1"

    def change(dialog):
        dialog.risk["concentration_percent"].setValue(10)
        press_ok(dialog)
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", change)
    settings_action = next(a for a in win.menuBar().actions()[0].menu().actions() if "settings" in a.text())
    settings_action.trigger()
    expected = sum(h.share > 0.10 for h in risk_figures(fresh_db).concentration)
    assert expected > 1 and numbers(win.risk_tab)["concentration"] == str(expected)
    assert "above 10%" in win.risk_tab.tiles["concentration"].caption.text()


def test_a_large_firm_is_computed_off_the_gui_thread(qtbot, firm, db_path, monkeypatch):
    from churnguard_gui.ui import risk_tab

    monkeypatch.setattr(risk_tab, "BACKGROUND_FROM", 0)  # the known firm counts as large
    computed_in = []
    real = risk_tab.risk_figures
    monkeypatch.setattr(risk_tab, "risk_figures", lambda db, today: computed_in.append(db) or real(db, today))
    widget = RiskTab(firm, today=lambda: AS_OF, db_path=str(db_path))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.worker is not None and "Computing…" in widget.heading.text()
    qtbot.waitUntil(lambda: widget.worker is None, timeout=20000)
    assert numbers(widget)["single_threaded"] == "4" and computed_in and computed_in[0] is not firm
    assert widget.refresh_button.isEnabled() and "Computing…" not in widget.heading.text()


@pytest.mark.parametrize(("tile", "dialog"), [("firm_contact", "FirmContactDialog"), ("renewals", "RenewalsDialog"),
                                              ("one_contact", "BackupsDialog"),
                                              ("former_clients", "FormerClientsDialog")])
def test_each_tactic_tile_opens_the_tactic(tab, qtbot, monkeypatch, tile, dialog):
    opened = []

    def run(shown: QDialog) -> int:
        opened.append(type(shown).__name__)
        if tile == "one_contact":
            assert shown.tabs.currentIndex() == 1  # the clients with one contact person
        return 0

    monkeypatch.setattr(QDialog, "exec", run)
    qtbot.mouseClick(tab.tiles[tile], Qt.MouseButton.LeftButton)
    assert opened == [dialog]


def test_a_report_on_a_firm_without_a_name_offers_firm_settings_first(qtbot, fresh_db, db_path, settings,
                                                                      monkeypatch):
    """An owner who imported his own firm printed reports headed "(firm name not set)"; now he is asked first."""
    from pypdf import PdfReader

    from churnguard_gui.store.demo import load_demo
    from churnguard_gui.store.settings import set_setting
    from churnguard_gui.ui.main_window import MainWindow
    from tests.ui.clicking import answer_message_boxes
    from tests.ui.scripted import Scripts, action, button

    load_demo(fresh_db, early_warning=True)
    set_setting(fresh_db, "firm_name", "")
    win = MainWindow(fresh_db, str(db_path), settings)
    qtbot.addWidget(win)
    win.show()
    asked = answer_message_boxes(monkeypatch)
    scripts = Scripts(qtbot).install(monkeypatch)

    def name_the_firm(dialog) -> None:
        scripts.type_into(dialog.firm, "Acme Trading Ltd")
        scripts.click(button(dialog, "OK"))

    printed = []
    scripts.expect("SettingsDialog", name_the_firm)
    scripts.expect("ReportPreview", lambda preview: printed.append(preview.pdf))
    action(win, "Risk report…").trigger()
    qtbot.waitUntil(lambda: bool(printed), timeout=30000)
    assert [kind for kind, _, text in asked if "not set yet" in text] == ["question"]
    first_page = PdfReader(__import__("io").BytesIO(printed[0])).pages[0].extract_text()
    assert "Acme Trading Ltd" in first_page and "firm name not set" not in first_page
