"""The Agreements tab: every agreement with a status filter, overdue compensation alerts, and who has signed nothing."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlite_utils import Database

from churnguard_gui.core.fields import AGREEMENT_STATUS_LABELS
from churnguard_gui.store.agreements import obligations, staff_without_confidentiality
from churnguard_gui.store.listing import AGREEMENT_STATUS_SQL
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
        actions = QHBoxLayout()
        for button in (self.sign_button, self.release_button, self.pay_button):
            actions.addWidget(button)
        actions.addStretch()
        self.alerts = QLabel()
        self.alerts.setWordWrap(True)
        self.unsigned = QLabel()
        self.unsigned.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 6, 9, 6)
        layout.addWidget(self.alerts)
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
        self.list.model.set_filter(f"{AGREEMENT_STATUS_SQL} = ?" if code else None, [code] if code else [])
        self.changed.emit()

    def refresh_notes(self, today: dt.date | None = None) -> None:
        alerts = [alert_text(ob) for ob in obligations(self.db, today) if ob.alert.level != "none"]
        self.alerts.setText("<br>".join(alerts))
        self.alerts.setVisible(bool(alerts))
        names = [name for _, name in staff_without_confidentiality(self.db)]
        self.unsigned.setText(self.tr("No signed confidentiality agreement ({count}): {names}").format(
            count=len(names), names="、".join(names)) if names else self.tr("Every current staff member has signed a "
                                                                             "confidentiality agreement."))
