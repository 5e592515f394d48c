"""Issue 12 point 4 in the wizard: a client whose own manager must take it over is offered a backup on the Key
clients page, and the finished handover leaves it multi-threaded on the Risk tab's count."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWizard

from churnguard_gui.store.risk import risk_figures
from churnguard_gui.ui.handover_models import HandoverClientsModel
from churnguard_gui.ui.handover_wizard import HandoverWizard, Page
from tests.ui.clicking import finish, next_page


def test_the_managers_client_gets_a_backup_and_is_not_left_single_threaded(qtbot, fresh_db):
    db = fresh_db
    db.execute("INSERT INTO staff (id, name, department, role, status, secret_access) VALUES "
               "(1, '王强', '销售部', '销售代表', 'active', 1), (2, '陈经理', '销售部', '销售经理', 'active', 1), "
               "(3, '李总', '销售部', '销售总监', 'active', 1)")
    db.execute("INSERT INTO clients (id, code, name, annual_value, tier) VALUES "
               + ", ".join(f"({i}, 'K{i}', '客户{i}', {1000 * (10 - i)}, 'C')" for i in range(1, 7)))
    db.execute("INSERT INTO client_team (client_id, staff_id, role) VALUES "
               + ", ".join(f"({i}, 1, 'owner')" for i in range(1, 7)) + ", (6, 2, 'manager')")
    db.conn.commit()
    wizard = HandoverWizard(db, 1, today=dt.date(2026, 11, 26))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.departure_page.last_day.setText("2026-12-31")
    next_page(wizard)
    assert wizard.currentId() == Page.CLIENTS
    next_page(wizard)
    assert wizard.currentId() == Page.KEY_CLIENTS
    page = wizard.currentPage()
    shown = {page.proxy.index(r, HandoverClientsModel.COLUMNS.index("name")).data(): page.proxy.index(
        r, HandoverClientsModel.NEW_BACKUP).data() for r in range(page.proxy.rowCount())}
    # K1 and K2 are the key clients (the top fifth); K6, the smallest, is shown because its manager takes it over
    assert set(shown) == {"客户1", "客户2", "客户6"}
    assert shown["客户6"].startswith("李总")
    assert "3 clients would be left with only their new owner" in page.backups.text()
    next_page(wizard)
    next_page(wizard)
    finish(wizard)
    assert wizard.result() == QWizard.DialogCode.Accepted
    singles = {c.name for c in single_threaded(db)}
    assert "客户6" not in singles and singles == {"客户3", "客户4", "客户5"}  # small, nobody else: as they were


def single_threaded(db):
    return risk_figures(db).single_threaded_top
