"""The main window as an owner uses it: tabs, search as you type, counts, remembered layout."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWizard

from churnguard_gui.ui import i18n as qt_i18n
from churnguard_gui.ui.list_tab import ListTab
from churnguard_gui.ui.main_window import MainWindow
from tests.ui.clicking import click, click_row, finish, next_page
from tests.ui.scripted import action


def select(window: MainWindow, tab: ListTab, record_id: int) -> None:
    """Show the tab and click the record's row in its list."""
    window.tabs.setCurrentWidget(tab)
    click_row(tab.view, tab.model.row_of(record_id))
    assert tab.current_id() == record_id


def test_search_filters_as_you_type_and_counts_show(window, qtbot):
    window.tabs.setCurrentWidget(window.clients_tab)  # the app starts on the Risk tab
    assert window.count_label.text() == "300 clients"
    qtbot.keyClicks(window.clients_tab.search, "Chen")  # QTest types ASCII only
    qtbot.waitUntil(lambda: window.clients_tab.model.rowCount() < 300)
    shown = window.clients_tab.model.rowCount()
    assert window.count_label.text() == f"{shown} of 300 clients"
    window.tabs.setCurrentWidget(window.staff_tab)
    assert window.count_label.text() == "12 staff"


def test_layout_is_remembered(window, qtbot, demo_db, db_path, settings):
    window.resize(700, 500)  # within the 800×600 offscreen screen
    window.clients_tab.view.setColumnWidth(1, 333)
    window.close()
    again = MainWindow(demo_db, str(db_path), settings)
    qtbot.addWidget(again)
    assert again.clients_tab.view.columnWidth(1) == 333
    assert (again.size().width(), again.size().height()) == (700, 500)


def test_delete_refused_for_owner_and_names_clients(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    zhou = window.db.execute("SELECT id FROM staff WHERE name = '周杰'").fetchone()[0]
    select(window, window.staff_tab, zhou)
    click(window.staff_tab.delete_button)
    assert "周杰 still owns" in shown[0] and "有限公司" in shown[0]
    assert window.db.execute("SELECT count(*) FROM staff WHERE id = ?", [zhou]).fetchone()[0] == 1


def test_delete_client_asks_first(window, monkeypatch):
    select(window, window.clients_tab, 1)  # the app starts on the Risk tab
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    click(window.clients_tab.delete_button)
    assert window.db.execute("SELECT count(*) FROM clients").fetchone()[0] == 300
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    click(window.clients_tab.delete_button)
    assert window.db.execute("SELECT count(*) FROM clients").fetchone()[0] == 299
    assert window.count_label.text() == "299 clients"


def test_first_start_offers_demo(qtbot, fresh_db, db_path, settings, monkeypatch):
    win = MainWindow(fresh_db, str(db_path), settings)
    qtbot.addWidget(win)
    win.show()

    def choose_demo(box):
        box.clickedButton = lambda: box.buttons()[0]
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_demo)
    assert win.offer_first_start() == "demo"
    win.tabs.setCurrentWidget(win.clients_tab)  # the app starts on the Risk tab
    assert win.count_label.text() == "300 clients"
    assert win.offer_first_start() is None  # not empty any more


def test_export_runs_in_background_and_writes_file(window, qtbot, tmp_path, monkeypatch):
    out = tmp_path / "clients.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    # Entered before the action: the export may finish before a wait started afterwards would listen.
    with qtbot.waitSignal(window.statusBar().messageChanged, timeout=20000,
                          check_params_cb=lambda message: message.startswith("Exported")):
        window.export_clients_action.trigger()
    assert out.exists() and "Exported 300 rows" in window.statusBar().currentMessage()


def test_chinese_interface(qtbot, demo_db, db_path, settings):
    from churnguard_gui.ui import i18n as qt_i18n

    qt_i18n.install("zh")
    try:
        win = MainWindow(demo_db, str(db_path), settings)
        qtbot.addWidget(win)
        win.show()
        assert win.tabs.tabText(0) == "风险" and win.tabs.currentWidget() is win.risk_tab  # the Risk tab first
        assert win.tabs.tabText(1) == "客户"
        win.tabs.setCurrentWidget(win.clients_tab)
        assert win.clients_tab.model.headerData(1, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "名称"
        assert win.count_label.text() == "300 个客户"
    finally:
        qt_i18n.install("en")


def test_start_exit_resumes_a_draft_and_then_opens_the_checklist(window, monkeypatch, qtbot):
    from churnguard_gui.store.staff import find_staff
    from churnguard_gui.ui import handover_dialog, handover_wizard

    staff_id = find_staff(window.db, "马超")
    seen = []

    def save_draft_instead(self):
        seen.append(("wizard", self._draft_id))
        self.show()
        click(self.button(QWizard.WizardButton.CustomButton1))  # Save for later
        return self.result()

    monkeypatch.setattr(handover_wizard.HandoverWizard, "exec", save_draft_instead)
    select(window, window.staff_tab, staff_id)
    click(window.exit_button)
    click(window.exit_button)
    assert seen[0] == ("wizard", None) and seen[1][1] is not None  # the second run resumed the draft

    def run_to_the_end(self):
        self.show()
        for _ in range(4):
            next_page(self)
        finish(self)
        return self.result()

    monkeypatch.setattr(handover_wizard.HandoverWizard, "exec", run_to_the_end)
    monkeypatch.setattr("churnguard_gui.ui.report_preview.ReportPreview.exec", lambda self: seen.append("report"))
    click(window.exit_button)
    qtbot.waitUntil(lambda: seen[-1] == "report", timeout=20000)  # the report is laid out off the GUI thread
    monkeypatch.setattr(handover_dialog.HandoverDialog, "exec", lambda self: seen.append("checklist"))
    click(window.exit_button)
    assert seen[-1] == "checklist"


def test_hiring_offers_the_confidentiality_agreement(window, monkeypatch):
    from churnguard_gui.ui import agreement_wizard, screening_wizard
    from tests.ui.test_screening_wizard import fill_to_the_end

    def run_screen(self):
        self.show()
        fill_to_the_end(self)
        self.result_page.decision.setCurrentIndex(self.result_page.decision.findData("hire"))
        self.result_page.reviewer.setText("钱建国")
        finish(self)
        return self.result()

    offered = []
    monkeypatch.setattr(screening_wizard.ScreeningWizard, "exec", run_screen)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(agreement_wizard.AgreementWizard, "exec",
                        lambda self: offered.append((self.staff.name, self.kind_page.kind.currentData())) or 0)
    action(window, "Screen a candidate…").trigger()
    assert offered == [("张伟", "confidentiality")]


def test_start_loads_only_the_shown_list_once_and_hidden_lists_when_first_shown(qtbot, demo_db, db_path, settings,
                                                                                monkeypatch):
    from churnguard_gui.store import listing

    loads = []
    real = listing.list_ids
    monkeypatch.setattr(listing, "list_ids", lambda db, spec, *a, **k: loads.append(spec) or real(db, spec, *a, **k))
    win = MainWindow(demo_db, str(db_path), settings)
    qtbot.addWidget(win)
    win.show()
    assert loads == []  # the app starts on the Risk tab: no list is shown yet
    win.tabs.setCurrentWidget(win.clients_tab)
    assert loads == [listing.CLIENTS] and win.clients_tab.model.rowCount() == 300
    win.refresh()  # after a save: only the shown list reloads now
    assert loads == [listing.CLIENTS] * 2
    win.tabs.setCurrentWidget(win.staff_tab)
    assert loads[-1] == listing.STAFF and win.staff_tab.model.rowCount() > 0
    assert win.count_label.text().endswith("staff")
    win.tabs.setCurrentWidget(win.clients_tab)
    assert loads.count(listing.CLIENTS) == 2  # nothing changed while it was hidden


def test_start_queries_the_client_list_once_with_its_index(qtbot, demo_db, db_path, settings):
    """Every statement the database runs, traced: at start no list is read (the Risk tab shows first, hidden tabs
    wait); opening the Clients tab reads the client ids once, sorted by name with the name index (no empty-name
    test in ORDER BY, no join), and fetches only the page on screen."""
    import re

    seen: list[str] = []
    demo_db.conn.set_trace_callback(lambda sql: seen.append(" ".join(sql.split())))
    try:
        win = MainWindow(demo_db, str(db_path), settings)
        qtbot.addWidget(win)
        win.show()
        qtbot.wait(20)
        lists = re.compile(r"^SELECT [cs]\.id FROM (clients|staff) ")
        assert [s for s in seen if lists.match(s)] == []
        seen.clear()
        win.tabs.setCurrentWidget(win.clients_tab)
        qtbot.wait(20)
        assert win.clients_tab.model.rowCount() == 300
        client_lists = [s for s in seen if lists.match(s)]
        assert client_lists == ["SELECT c.id FROM clients c ORDER BY c.name ASC, c.id ASC"]
        assert len([s for s in seen if " WHERE c.id IN (" in s]) <= 2  # the rows on screen, not all 300
        plan = demo_db.execute(f"EXPLAIN QUERY PLAN {client_lists[0]}").fetchall()
        assert any("INDEX clients_name" in row[-1] for row in plan), plan
        assert not any("TEMP B-TREE" in row[-1] for row in plan), plan
    finally:
        demo_db.conn.set_trace_callback(None)


def test_the_status_bar_counts_one_in_the_singular(qtbot, fresh_db, db_path, settings):
    from churnguard_gui.core.models import Client, Staff, TeamMember
    from churnguard_gui.store.clients import save_client
    from churnguard_gui.store.staff import insert_staff

    qt_i18n.install("en")
    owner = insert_staff(fresh_db, Staff(name="吴芳"))
    save_client(fresh_db, Client(name="甲公司", team=[TeamMember(owner, "owner")]))
    win = MainWindow(fresh_db, str(db_path), settings)
    qtbot.addWidget(win)
    win.show()
    assert win.count_label.text() == "1 client"  # on the Risk tab: the firm's clients
    win.tabs.setCurrentWidget(win.clients_tab)
    assert win.count_label.text() == "1 client"
    win.tabs.setCurrentWidget(win.staff_tab)
    assert win.count_label.text() == "1 staff member"
    win.tabs.setCurrentWidget(win.agreements_tab)
    assert win.count_label.text() == "0 agreements"
