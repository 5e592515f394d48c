"""The Agreements tab: every agreement with a status filter, overdue compensation alerts, and who has signed nothing."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlite_utils import Database

from churnguard_gui.core.fields import AGREEMENT_STATUS_LABELS
from churnguard_gui.store.agreements import needing_supplement, obligations, staff_without_confidentiality
from churnguard_gui.ui.agreement_dialogs import alert_text
from churnguard_gui.ui.list_tab import ListTab
from churnguard_gui.ui.table_models import agreement_model


class AgreementsPanel(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.list = ListTab("agreements", agreement_model(db, self, load=False),
                            self.tr("Search by document, staff or competitor"), sort_column=0)
        self.counts_changed = self.list.counts_changed  # the shell's status bar listens to this
        self.list.add_button.setText(self.tr("&New agreement…"))
        self.list.edit_button.setText(self.tr("&Open / print…"))
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), None)
        for code, label in AGREEMENT_STATUS_LABELS.items():
            self.status.addItem(self.tr(label), code)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.list.insert_widget(1, self.status)
        self.sign_button = QPushButton(self.tr("Record &signing…"))
        self.release_button = QPushButton(self.tr("Release ear&ly…"))
        self.pay_button = QPushButton(self.tr("Com&pensation…"))
        self.supplement_button = QPushButton(self.tr("Supplementary agreement…"))
        self.supplement_button.clicked.connect(self.print_supplement)
        actions = QHBoxLayout()
        for button in (self.sign_button, self.release_button, self.pay_button, self.supplement_button):
            actions.addWidget(button)
        actions.addStretch()
        self.alerts = QLabel()
        self.alerts.setWordWrap(True)
        self.unsigned = QLabel()
        self.unsigned.setWordWrap(True)
        self.old_template = QLabel()
        self.old_template.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 6, 9, 6)
        layout.addWidget(self.alerts)
        layout.addWidget(self.old_template)
        layout.addWidget(self.list)
        layout.addLayout(actions)
        layout.addWidget(self.unsigned)
        self.refresh_notes()

    @property
    def model(self):
        return self.list.model

    @property
    def search(self):
        return self.list.search

    def apply_filter(self) -> None:
        code = self.status.currentData()
        self.list.model.set_filter("status" if code else None, code)
        self.changed.emit()

    def refresh_notes(self, today: dt.date | None = None) -> None:
        alerts = [alert_text(ob) for ob in obligations(self.db, today) if ob.alert.level != "none"]
        self.alerts.setText("<br>".join(alerts))
        self.alerts.setVisible(bool(alerts))
        old = needing_supplement(self.db)
        self.old_template.setText(self.tr(
            "Signed on the 2026.1 template, which lacks the return of compensation, the free waiver at departure and "
            "the dispute clause, and says “three consecutive months”: {documents}. Select one and press "
            "“Supplementary agreement…” to print a 补充协议 on the current terms for both sides to sign.").format(
            documents="、".join(f"{number} {name}" for _, number, name in old)) if old else "")
        self.old_template.setVisible(bool(old))
        self.supplement_button.setVisible(bool(old))
        names = [name for _, name in staff_without_confidentiality(self.db)]
        self.unsigned.setText(self.tr("No signed confidentiality agreement ({count}): {names}").format(
            count=len(names), names="、".join(names)) if names else self.tr("Every current staff member has signed a "
                                                                             "confidentiality agreement."))

    def print_supplement(self) -> None:
        """The 补充协议 for the selected agreement on the old template: Chinese to sign, English attached."""
        from PySide6.QtWidgets import QMessageBox

        from churnguard_gui.core.errors import ChurnError
        from churnguard_gui.i18n import language
        from churnguard_gui.reports.agreement_pdf import build_agreement_pdf
        from churnguard_gui.store.agreements import log_supplement_printed, supplement
        from churnguard_gui.ui.report_preview import ReportPreview

        agreement_id = self.list.current_id()
        if agreement_id is None:
            QMessageBox.information(self, self.tr("Agreements"), self.tr("Select an agreement in the list first."))
            return
        try:
            text, english = supplement(self.db, agreement_id, language())
        except ChurnError as error:
            QMessageBox.information(self, self.tr("Agreements"), str(error))
            return
        ReportPreview(build_agreement_pdf(text, "zh", english), f"{text.document_no} {text.title}.pdf",
                      lambda action, target: log_supplement_printed(self.db, agreement_id, target), self).exec()

    # -- what the main window's shell asks of a tab (ui/tabs.py)
    def status_text(self) -> str:
        return self.list.status_text()

    def refresh(self) -> None:
        self.model.refresh()
        self.refresh_notes()

    def focus_search(self) -> None:
        self.list.focus_search()

    def save_state(self, settings) -> None:
        self.list.save_state(settings)

    def restore_state(self, settings) -> None:
        self.list.restore_state(settings)
