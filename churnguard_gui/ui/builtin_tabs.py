"""The Risk, Clients, Staff and Agreements tabs, built for the main window and wired to its record actions."""
from __future__ import annotations

from typing import TYPE_CHECKING

from churnguard_gui.core.counts import list_count
from churnguard_gui.ui.agreements_panel import AgreementsPanel
from churnguard_gui.ui.list_tab import ListTab, add_staff_filter
from churnguard_gui.ui.risk_tab import RiskTab
from churnguard_gui.ui.table_models import client_model, staff_model

if TYPE_CHECKING:
    from churnguard_gui.ui.main_window import MainWindow


class ShellRiskTab(RiskTab):
    """The Risk tab in the main window. Not a list: while it is shown, the status bar counts the firm's clients."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window.db, window, db_path=window.db_path)
        self._window = window

    def status_text(self) -> str:
        total = self._window.clients_tab.model.total()
        return list_count("clients", total, total)


def risk_tab(window: MainWindow) -> RiskTab:
    tab = ShellRiskTab(window)
    tab.changed.connect(window.refresh)
    tab.report_requested.connect(window.risk_report)
    window.risk_tab = tab
    return tab


def clients_tab(window: MainWindow) -> ListTab:
    tab = ListTab("clients", client_model(window.db, window, load=False),
                  window.tr("Search clients by name, code, contact, phone or owner"), sort_column=1)
    tab.add_requested.connect(lambda: window.edit_client(None))
    tab.edit_requested.connect(window.edit_client)
    tab.delete_requested.connect(window.remove_client)
    window.clients_tab = tab
    return tab


def staff_tab(window: MainWindow) -> ListTab:
    tab = ListTab("staff", staff_model(window.db, window, load=False),
                  window.tr("Search staff by name, role, department, phone or e-mail"))
    window.staff_filter = add_staff_filter(tab)  # rejected and on-hold candidates are shown only on request
    window.agreement_button = tab.extra_button(window.tr("New a&greement…"))
    window.agreement_button.clicked.connect(lambda: window.new_agreement(tab.current_id()))
    window.exit_button = tab.extra_button(window.tr("Start e&xit…"))
    window.exit_button.clicked.connect(lambda: window.start_exit(tab.current_id()))
    window.report_button = tab.extra_button(window.tr("Handover rep&ort…"))
    window.report_button.clicked.connect(lambda: window.open_report(tab.current_id()))
    tab.add_requested.connect(lambda: window.edit_staff(None))
    tab.edit_requested.connect(window.edit_staff)
    tab.delete_requested.connect(window.remove_staff)
    window.staff_tab = tab
    return tab


def agreements_tab(window: MainWindow) -> AgreementsPanel:
    panel = AgreementsPanel(window.db, window)
    panel.list.add_requested.connect(lambda: window.new_agreement(window.choose_staff()))
    panel.list.edit_requested.connect(window.open_agreement)
    panel.list.delete_requested.connect(window.remove_agreement)
    panel.sign_button.clicked.connect(lambda: window._agreement_dialog("SigningDialog"))
    panel.release_button.clicked.connect(lambda: window._agreement_dialog("ReleaseDialog"))
    panel.pay_button.clicked.connect(window.compensation)
    panel.changed.connect(window.update_counts)
    window.agreements_tab = panel
    return panel
