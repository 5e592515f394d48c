"""The main window: a shell of registered tabs (ui/tabs.py: Risk, Clients, Staff, Agreements), menus, status bar."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget, QWizard
from sqlite_utils import Database

from churnguard_gui.core.errors import ChurnError
from churnguard_gui.i18n import LANGUAGES, ntr
from churnguard_gui.store.clients import delete_client, get_client
from churnguard_gui.store.demo import is_empty, load_demo
from churnguard_gui.store.settings import get_setting
from churnguard_gui.store.staff import delete_staff, get_staff, owned_clients
from churnguard_gui.ui import measures_dialog
from churnguard_gui.ui.backup_actions import BackupActions
from churnguard_gui.ui.backup_status import BackupStatus
from churnguard_gui.ui.client_dialog import ClientDialog
from churnguard_gui.ui.context import AppContext
from churnguard_gui.ui.errors import show_error
from churnguard_gui.ui.list_tab import ListTab
from churnguard_gui.ui.lock import LockGuard
from churnguard_gui.ui.operations import operations, report_error
from churnguard_gui.ui.staff_dialog import StaffDialog
from churnguard_gui.ui.tabs import registered_tabs
from churnguard_gui.ui.tactics_menu import install as install_tactics
from churnguard_gui.ui.workers import Worker

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox, QPushButton

    from churnguard_gui.ui.agreements_panel import AgreementsPanel
    from churnguard_gui.ui.risk_tab import RiskTab


class MainWindow(QMainWindow):
    # The built-in tabs set these when they register themselves (ui/builtin_tabs.py).
    risk_tab: RiskTab
    clients_tab: ListTab
    staff_tab: ListTab
    agreements_tab: AgreementsPanel
    staff_filter: QComboBox
    agreement_button: QPushButton
    exit_button: QPushButton
    report_button: QPushButton

    def __init__(self, db: Database | None, db_path: str, settings: QSettings, parent: QWidget | None = None,
                 context: AppContext | None = None) -> None:
        super().__init__(parent)
        self.context = context or AppContext(db_path, settings, db, self)
        self.settings = settings
        self.worker: Worker | None = None
        self.setWindowTitle(self.tr("ChurnGuard — {file}").format(file=Path(db_path).name))
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.backup_status = BackupStatus(self.context, self)
        self.statusBar().addPermanentWidget(self.backup_status)
        self._build_tabs()
        self.context.database_changed.connect(self._database_changed)
        self._menus()
        self.tactics = install_tactics(self)
        self.restore_layout()
        self.update_counts()

    @property
    def db(self) -> Database:
        """The open database, always the context's (a restore swaps it)."""
        return self.context.db

    @property
    def db_path(self) -> str:
        return self.context.path

    # -- the shell: tabs come from the registry (ui/tabs.py)
    def _build_tabs(self) -> None:
        """A new tab widget with every registered tab, built on the context's database, as the central widget."""
        self.tabs = QTabWidget()
        self.tab_widgets: dict[str, QWidget] = {}
        for spec in registered_tabs():
            widget = spec.build(self)
            self.tab_widgets[spec.key] = widget
            self.tabs.addTab(widget, spec.title())
            signal = getattr(widget, "counts_changed", None)
            if signal is not None:
                signal.connect(self.update_counts)
        self.tabs.currentChanged.connect(self.update_counts)
        self.setCentralWidget(self.tabs)  # the old tab widget, if any, is hidden and deleted with its tabs

    def _database_changed(self) -> None:
        """After a restore: every tab is built again on the new database; layout, current tab and selection kept."""
        current = self.tabs.currentIndex()
        selected = {key: w.current_id() for key, w in self.tab_widgets.items() if isinstance(w, ListTab)}
        self._save_tab_states()
        self._build_tabs()
        self._restore_tab_states()
        self.tabs.setCurrentIndex(max(current, 0))
        for key, record_id in selected.items():  # the same records stay selected where they still exist
            widget = self.tab_widgets.get(key)
            if record_id is not None and isinstance(widget, ListTab):
                widget.model.set_active(True)
                widget.select_id(record_id)
                widget.model.set_active(widget.isVisible())
        self.update_counts()

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_action = QAction(self.tr("&Import…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_file)
        self.export_clients_action = QAction(self.tr("Export &clients…"), self)
        self.export_clients_action.triggered.connect(lambda: self.export_file("clients"))
        self.export_staff_action = QAction(self.tr("Export &staff…"), self)
        self.export_staff_action.triggered.connect(lambda: self.export_file("staff"))
        self.demo_action = QAction(self.tr("Load &demo firm"), self)
        self.demo_action.triggered.connect(self.load_demo)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        settings_action = QAction(self.tr("Firm &settings…"), self)
        settings_action.triggered.connect(self.firm_settings)
        for action in (self.import_action, self.export_clients_action, self.export_staff_action, self.demo_action,
                       settings_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.backups = BackupActions(self, file_menu)  # Back up now, Restore…, Backup folder…
        self.lock = LockGuard(self, file_menu)  # Lock (Ctrl+L), and after the idle minutes of Firm settings
        measures_dialog.install(self, file_menu)  # Protection measures… (the record of reasonable measures)
        self.backup_action, self.restore_action = self.backups.backup_action, self.backups.restore_action
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        records = self.menuBar().addMenu(self.tr("&Records"))
        new_client = QAction(self.tr("New &client…"), self)
        new_client.setShortcut(QKeySequence.StandardKey.New)
        new_client.triggered.connect(lambda: self.edit_client(None))
        new_staff = QAction(self.tr("New &staff member…"), self)
        new_staff.triggered.connect(lambda: self.edit_staff(None))
        find = QAction(self.tr("&Find"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.focus_search)
        start_exit = QAction(self.tr("Start &exit for the selected staff member…"), self)
        start_exit.triggered.connect(lambda: self.start_exit(self.staff_tab.current_id()))
        screen = QAction(self.tr("Screen a &candidate…"), self)
        screen.triggered.connect(lambda: self.screen_candidate(None))
        screen_selected = QAction(self.tr("Screen the selected staff member…"), self)
        screen_selected.triggered.connect(self.screen_selected)
        screenings = QAction(self.tr("Screenings…"), self)
        screenings.triggered.connect(self.show_screenings)
        for action in (new_client, new_staff, find, start_exit, screen, screen_selected, screenings):
            records.addAction(action)
        reports = self.menuBar().addMenu(self.tr("Re&ports"))
        self.risk_report_action = QAction(self.tr("&Risk report…"), self)
        self.risk_report_action.triggered.connect(self.risk_report)
        reports.addAction(self.risk_report_action)
        self.language_menu = self.menuBar().addMenu(self.tr("&Language"))
        self._language_actions(self.language_menu)

    def focus_search(self) -> None:
        """Find in the current tab; a tab without a search box (Risk) finds among the clients."""
        focus_search = getattr(self.tabs.currentWidget(), "focus_search", None)
        if focus_search is None:
            self.tabs.setCurrentWidget(self.clients_tab)
            focus_search = self.clients_tab.focus_search
        focus_search()

    # -- layout and counts
    def restore_layout(self) -> None:
        geometry = self.settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 720)
        self._restore_tab_states()

    def _restore_tab_states(self) -> None:
        for widget in self.tab_widgets.values():
            if hasattr(widget, "restore_state"):
                widget.restore_state(self.settings)

    def _save_tab_states(self) -> None:
        for widget in self.tab_widgets.values():
            if hasattr(widget, "save_state"):
                widget.save_state(self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        operations().shutdown()  # background jobs are cancelled and waited for, never cut off
        self.settings.setValue("main/geometry", self.saveGeometry())
        self._save_tab_states()
        self.settings.sync()
        super().closeEvent(event)

    def update_counts(self) -> None:
        """The current tab says what the status bar shows (a tab that is not a table may say nothing)."""
        status = getattr(self.tabs.currentWidget(), "status_text", None)
        self.count_label.setText(status() if status is not None else "")

    def refresh(self) -> None:
        for widget in self.tab_widgets.values():
            if hasattr(widget, "refresh"):
                widget.refresh()
        self.update_counts()

    # -- records
    def edit_staff(self, staff_id: int | None) -> None:
        saved = StaffDialog.ask(self.db, staff_id, self)
        if saved is not None:
            self.refresh()
            self.tabs.setCurrentWidget(self.staff_tab)
            self.staff_tab.select_id(saved)

    def edit_client(self, client_id: int | None) -> None:
        saved = ClientDialog.ask(self.db, client_id, self)
        if saved is not None:
            self.refresh()
            self.tabs.setCurrentWidget(self.clients_tab)
            self.clients_tab.select_id(saved)

    def remove_staff(self, staff_id: int) -> None:
        staff = get_staff(self.db, staff_id)
        owned = owned_clients(self.db, staff_id)
        if owned:
            names = "\n".join(f"• {name}" for _, name in owned[:10]) + ("\n…" if len(owned) > 10 else "")
            QMessageBox.information(self, self.tr("Cannot delete"), ntr(
                "{name} still owns {n} client. Give it a new owner first (or start an exit handover):\n\n{names}",
                "{name} still owns {n} clients. Give each a new owner first (or start an exit handover):\n\n"
                "{names}", len(owned), name=staff.name, names=names))
            return
        if self.confirm(self.tr("Delete staff member {name}? This cannot be undone.").format(name=staff.name)):
            self.attempt(lambda: delete_staff(self.db, staff_id))

    def remove_client(self, client_id: int) -> None:
        client = get_client(self.db, client_id)
        if self.confirm(self.tr("Delete client {name} with its contacts and history? This cannot be undone.")
                        .format(name=client.name)):
            self.attempt(lambda: delete_client(self.db, client_id))

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Please confirm"), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def attempt(self, action) -> None:
        try:
            action()
        except ChurnError as error:
            show_error(self, error)
        self.refresh()

    # -- agreements
    def choose_staff(self) -> int | None:
        from PySide6.QtWidgets import QInputDialog

        from churnguard_gui.store.staff import staff_choices

        people = staff_choices(self.db)
        name, ok = QInputDialog.getItem(self, self.tr("New agreement"), self.tr("With whom?"),
                                        [n for _, n, _ in people], 0, False)
        return next((i for i, n, _ in people if n == name), None) if ok else None

    def new_agreement(self, staff_id: int | None) -> None:
        if staff_id is None:
            return
        from churnguard_gui.ui.agreement_wizard import AgreementWizard

        wizard = AgreementWizard(self.db, staff_id, self)
        if wizard.exec() == QWizard.DialogCode.Accepted and wizard.agreement_id:
            self.refresh()
            self.tabs.setCurrentWidget(self.agreements_tab)
            self.agreements_tab.list.select_id(wizard.agreement_id)
            self.open_agreement(wizard.agreement_id)

    def open_agreement(self, agreement_id: int) -> None:
        from churnguard_gui.i18n import language
        from churnguard_gui.reports.agreement_pdf import build_agreement_pdf
        from churnguard_gui.store.agreements import get_agreement, mark_printed, parties, printable
        from churnguard_gui.ui.report_preview import ReportPreview

        stored = get_agreement(self.db, agreement_id)
        text, translation = printable(self.db, agreement_id, language())  # Chinese signed; English attached
        pdf = build_agreement_pdf(text, "zh", translation)
        name = f"{stored.document_no} {parties(self.db, stored.draft.staff_id).name}.pdf"
        ReportPreview(pdf, name, lambda action, target: mark_printed(self.db, agreement_id, target), self).exec()
        self.refresh()

    def remove_agreement(self, agreement_id: int) -> None:
        from churnguard_gui.store.agreements import delete_draft, get_agreement

        stored = get_agreement(self.db, agreement_id)
        if self.confirm(self.tr("Delete the draft agreement {document}?").format(document=stored.document_no)):
            self.attempt(lambda: delete_draft(self.db, agreement_id))

    def _agreement_dialog(self, name: str) -> None:
        from churnguard_gui.ui import agreement_dialogs

        agreement_id = self.agreements_tab.list.current_id()
        if agreement_id is None:
            QMessageBox.information(self, self.tr("Agreements"), self.tr("Select an agreement in the list first."))
            return
        dialog = getattr(agreement_dialogs, name)(self.db, agreement_id, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and name == "ReleaseDialog":
            self.show_notice(agreement_id)
        self.refresh()

    def show_notice(self, agreement_id: int) -> None:
        """The waiver or release notice, to print and have the leaver sign for (every print audited)."""
        from churnguard_gui.i18n import language
        from churnguard_gui.reports.notice_pdf import build_notice_pdf
        from churnguard_gui.store.agreements import get_agreement, log_notice_printed, notice_for
        from churnguard_gui.ui.agreement_dialogs import ask_delivery
        from churnguard_gui.ui.report_preview import ReportPreview

        stored = get_agreement(self.db, agreement_id)
        notice = notice_for(self.db, agreement_id, "zh")  # the Chinese notice is the one signed for
        english = notice_for(self.db, agreement_id, "en") if language() != "zh" else None
        ReportPreview(build_notice_pdf(notice, english), f"{stored.document_no} {notice.title}.pdf",
                      lambda action, target: log_notice_printed(self.db, agreement_id, target), self).exec()
        ask_delivery(self.db, agreement_id, self)

    def compensation(self) -> None:
        from churnguard_gui.ui.agreement_dialogs import CompensationDialog

        CompensationDialog(self.db, parent=self).exec()
        self.refresh()

    def ask_for_firm_name(self) -> None:
        """Before a report is printed: without the firm's name it reads "(firm name not set)" on every page, and
        the leaver's acknowledgement names no firm. Offer Firm settings (an owner may still go on without)."""
        if get_setting(self.db, "firm_name").strip():
            return
        answer = QMessageBox.question(self, self.tr("Firm's name"), self.tr(
            "The firm's registered name is printed on every page of the report and in what the leaver signs, and it "
            "is not set yet. Set it now in Firm settings?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.firm_settings()

    def firm_settings(self) -> None:
        from churnguard_gui.ui.settings_dialog import SettingsDialog

        if SettingsDialog(self.db, self, context=self.context).exec() == QDialog.DialogCode.Accepted:
            self.risk_tab.refresh()
        self.lock.reload()

    # -- hiring screen
    def screen_candidate(self, staff_id: int | None) -> None:
        from churnguard_gui.ui.screening_wizard import ScreeningWizard, choose_draft

        draft = choose_draft(self.db, staff_id, self)
        if draft is False:
            return
        wizard = ScreeningWizard(self.db, staff_id, self, draft_id=draft)
        if wizard.exec() != QWizard.DialogCode.Accepted or wizard.staff_id is None:
            if wizard.saved_as == "draft":
                self.statusBar().showMessage(self.tr("Screening saved; resume it with Screen a candidate…"), 8000)
            return
        self.refresh()
        self.tabs.setCurrentWidget(self.staff_tab)
        self.staff_tab.select_id(wizard.staff_id)
        if wizard.screening().decision == "hire" and self.confirm(self.tr(
                "{name} is now on the staff. Start the confidentiality agreement now?").format(
                name=wizard.candidate().name)):
            self.new_agreement(wizard.staff_id)

    def screen_selected(self) -> None:
        """Screen an existing record (a candidate entered by hand or imported) from the Staff tab."""
        staff_id = self.staff_tab.current_id()
        if staff_id is None:
            QMessageBox.information(self, self.tr("Screen a candidate"), self.tr(
                "Select a staff member in the list first."))
            return
        self.screen_candidate(staff_id)

    def show_screenings(self) -> None:
        from churnguard_gui.ui.screening_list import ScreeningListDialog

        ScreeningListDialog(self.db, self).exec()

    # -- exit handover
    def start_exit(self, staff_id: int | None) -> None:
        """Resume the person's draft, open a finished handover's checklist, or start the wizard."""
        if staff_id is None:
            QMessageBox.information(self, self.tr("Start exit"), self.tr("Select a staff member in the list first."))
            return
        from churnguard_gui.store.handovers import handover_status, open_handover
        from churnguard_gui.ui.handover_dialog import HandoverDialog
        from churnguard_gui.ui.handover_wizard import HandoverWizard

        current = open_handover(self.db, staff_id)
        if current is not None and current.handover_id is not None \
                and handover_status(self.db, current.handover_id) != "draft":
            HandoverDialog(self.db, current.handover_id, self.open_report, self).exec()
            self.refresh()
            return
        wizard = HandoverWizard(self.db, staff_id, self, draft=current)
        finished = wizard.exec() == QWizard.DialogCode.Accepted
        self.refresh()
        if finished:
            for agreement_id, decision in wizard.plan().noncompete_decisions:
                if decision == "waive":  # the waiver is given in writing at departure, for the leaver to sign
                    self.show_notice(agreement_id)
            self.open_report(staff_id)
        elif wizard.saved_as == "draft":
            self.statusBar().showMessage(self.tr("Handover saved; resume it with Start exit…"), 8000)

    def open_report(self, staff_id: int | None) -> None:
        if staff_id is None:
            return
        from churnguard_gui.reports.handover_pdf import build_pdf
        from churnguard_gui.store.handovers import log_report_event, report_data
        from churnguard_gui.ui.report_preview import ReportPreview

        self.ask_for_firm_name()
        report = report_data(self.db, staff_id)
        name = f"{report.document_no} {report.staff_name}.pdf"

        def show(pdf: bytes) -> None:
            ReportPreview(pdf, name, lambda action, target: log_report_event(
                self.db, action, staff_id, report.document_no, target), self).exec()

        # A person with thousands of clients makes a long report: lay it out off the GUI thread.
        self.worker = operations().run(self, self.tr("Preparing the report…"), lambda progress: build_pdf(report),
                                       show, self.on_error)

    def risk_report(self) -> None:
        """The monthly risk report, laid out off the GUI thread, in the preview to save or print."""
        from churnguard_gui.reports.risk_pdf import build_risk_pdf
        from churnguard_gui.store.risk import log_risk_report, risk_figures
        from churnguard_gui.ui.report_preview import ReportPreview

        self.ask_for_firm_name()
        figures = risk_figures(self.db)
        name = self.tr("Risk report {date}.pdf").format(date=figures.as_of)

        def show(pdf: bytes) -> None:
            ReportPreview(pdf, name, lambda action, target: log_risk_report(self.db, action, figures.as_of, target),
                          self).exec()

        self.worker = operations().run(self, self.tr("Preparing the report…"),
                                       lambda progress: build_risk_pdf(figures), show, self.on_error)

    # -- files
    def import_file(self) -> None:
        from churnguard_gui.ui.import_dialog import ImportDialog

        if ImportDialog.ask(self.db, self.db_path, self) is not None:
            self.refresh()

    def export_file(self, kind: str) -> None:
        default = str(Path.home() / (self.tr("clients") if kind == "clients" else self.tr("staff")))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), default + ".xlsx",
                                              self.tr("Excel workbook (*.xlsx);;CSV UTF-8 (*.csv)"))
        if path:
            self.run_export(kind, path)

    def run_export(self, kind: str, path: str) -> None:
        from churnguard_gui.store.exporter import export_file

        def job(progress):
            db = self.context.open_connection()
            try:
                return export_file(db, kind, path)
            finally:
                db.close()

        self.worker = operations().run(
            self, self.tr("Exporting…"), job,
            lambda count: self.statusBar().showMessage(
                ntr("Exported {n} row to {file}", "Exported {n} rows to {file}", count, file=path), 8000),
            self.on_error)

    def load_demo(self) -> None:
        if not is_empty(self.db):
            QMessageBox.information(self, self.tr("Demo firm"), self.tr(
                "The demo firm goes only into an empty database."))
            return
        self.attempt(lambda: load_demo(self.db, early_warning=True))

    def on_error(self, error: BaseException) -> None:
        report_error(self, error)

    def _language_actions(self, menu) -> None:
        """中文 / English as a choice of one, the language in use ticked."""
        from PySide6.QtGui import QActionGroup

        from churnguard_gui.i18n import language

        group = QActionGroup(self)
        group.setExclusive(True)
        for code, label in LANGUAGES.items():
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(code == language())
            action.setData(code)
            group.addAction(action)
            action.triggered.connect(lambda _=False, c=code: self.choose_language(c))
            menu.addAction(action)

    def choose_language(self, code: str) -> None:
        """Kept for the next start, and said plainly in both languages: the window is not retranslated live."""
        from churnguard_gui.i18n import language

        self.settings.setValue("language", code)
        if code == language():
            return
        QMessageBox.information(self, "ChurnGuard", "\n".join((
            "重新启动 ChurnGuard 后将使用中文界面。" if code == "zh"
            else "ChurnGuard will be in English when it starts again.",
            self.tr("The language changes when ChurnGuard starts again."))))

    def bring_to_front(self) -> None:
        """A second start of the app shows this window instead of opening another."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def offer_first_start(self) -> str | None:
        """On an empty database, offer the demo firm or an import; returns what was chosen."""
        if not is_empty(self.db):
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Welcome to ChurnGuard"), self.tr(
            "Your database is empty. Load a demo firm to look around (12 staff, 300 clients), or import your "
            "own staff and clients from Excel or a CRM export?"), parent=self)
        demo = box.addButton(self.tr("Load demo firm"), QMessageBox.ButtonRole.AcceptRole)
        imp = box.addButton(self.tr("Import my data…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("Start empty"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is demo:
            self.load_demo()
            return "demo"
        if box.clickedButton() is imp:
            self.import_file()
            return "import"
        return "empty"
