"""Firm settings: the name on reports, the law for agreements, the minimum wage, hiring-screen and risk thresholds."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from churnguard_gui.core.errors import ChurnError, FieldProblem
from churnguard_gui.core.firm import Firm
from churnguard_gui.core.legal import (
    JURISDICTIONS,
    MAX_RETENTION_MONTHS,
    MIN_RETENTION_MONTHS,
    PLACE_LABELS,
    REGION_LABELS,
)
from churnguard_gui.core.messages import problem_text
from churnguard_gui.core.risk import THRESHOLD_LABELS, THRESHOLD_RANGES, Thresholds
from churnguard_gui.core.screening import RULE_LABELS, Rules
from churnguard_gui.core.values import parse_money
from churnguard_gui.store.screenings import rules as screening_rules
from churnguard_gui.store.settings import (
    firm_settings,
    get_setting,
    risk_thresholds,
    save_firm_settings,
    set_setting,
)
from churnguard_gui.ui.widgets import message_label, ok_cancel, wide_enough


class SettingsDialog(QDialog):
    """The firm's name on every report, the law the agreement wizard applies, and the local minimum wage."""

    def __init__(self, db: Database, parent: QWidget | None = None, context=None) -> None:
        super().__init__(parent)
        self.db = db
        self.context = context  # ui.context.AppContext: the password and the lock need it
        self.setWindowTitle(self.tr("Firm settings"))
        self.firm = QLineEdit(get_setting(db, "firm_name"))
        self.jurisdiction = QComboBox()
        for code, law in JURISDICTIONS.items():
            self.jurisdiction.addItem(self.tr(law.name), code)
        self.jurisdiction.setCurrentIndex(max(self.jurisdiction.findData(get_setting(db, "jurisdiction", "cn")), 0))
        self.minimum = QLineEdit(get_setting(db, "minimum_wage"))
        self.rules: dict[str, QSpinBox] = {}
        current = screening_rules(db)
        for name, label in RULE_LABELS.items():
            box = QSpinBox()
            box.setRange(0, 120)
            box.setValue(getattr(current, name))
            box.setToolTip(self.tr(label))
            self.rules[name] = box
        self.risk: dict[str, QSpinBox] = {}
        thresholds = risk_thresholds(db)
        for name, label in THRESHOLD_LABELS.items():
            box = QSpinBox()
            box.setObjectName(f"risk_{name}")
            box.setRange(*THRESHOLD_RANGES[name])
            box.setValue(getattr(thresholds, name))
            box.setToolTip(self.tr(label))
            self.risk[name] = box
        self.error = message_label()
        self.pages = QTabWidget()
        form = self._page(self.tr("Firm and law"))
        form.addRow(self.tr("Firm's full registered name"), self.firm)
        self._legal_rows(form)
        form.addRow(self.tr("Place of work"), self.place_of_work)
        form.addRow(self.tr("Law for agreements"), self.jurisdiction)
        form.addRow(self.tr("Governing law (Other jurisdiction)"), self.governing_law)
        form.addRow(self.tr("Local minimum wage (¥ a month)"), self.minimum)
        note = QLabel(self.tr("Only when the place of work is outside mainland China may you choose “Other "
                              "jurisdiction”: the legal checks then warn instead of refusing."))
        note.setWordWrap(True)
        form.addRow(note)
        self._fit_fields(form)
        form = self._page(self.tr("Hiring screen"))
        for name, box in self.rules.items():
            form.addRow(self.tr(RULE_LABELS[name]), box)
        form = self._page(self.tr("Early warning"))
        form.addRow(QLabel(self.tr("Thresholds of the Risk tab and the risk report.")))
        for name, box in self.risk.items():
            form.addRow(self.tr(THRESHOLD_LABELS[name]), box)
        visits = QLabel(self.tr("How often a manager visits key clients, by tier: Tactics → Manager visits…"))
        visits.setWordWrap(True)
        form.addRow(visits)
        self._security_rows(self._page(self.tr("Protection")))
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))

    def _page(self, title: str) -> QFormLayout:
        """One tab of the dialog: a form whose fields grow with the dialog (macOS keeps them at their hint)."""
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.pages.addTab(page, title)
        return form

    def _fit_fields(self, form: QFormLayout) -> None:
        """The firm's full name shows whole (a registered name runs to 20 characters and more)."""
        wide_enough(self.firm, self.firm.text(), 30)
        wide_enough(self.address, self.address.text(), 30)

    def _security_rows(self, form: QFormLayout) -> None:
        """Encryption at rest (the password) and the screen lock after idle minutes."""
        from churnguard_gui.core.security import DEFAULT_LOCK_MINUTES, LOCK_SETTING, MAX_LOCK_MINUTES

        form.addRow(QLabel(self.tr("Protection of trade secrets")))
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(0, MAX_LOCK_MINUTES)
        self.lock_minutes.setSpecialValueText(self.tr("never"))
        self.lock_minutes.setSuffix(self.tr(" minutes"))
        self.lock_minutes.setValue(int(get_setting(self.db, LOCK_SETTING, str(DEFAULT_LOCK_MINUTES)) or 0))
        form.addRow(self.tr("Lock the screen after idle"), self.lock_minutes)
        self.password_button = QPushButton(self.tr("Password…"))
        self.password_button.setEnabled(self.context is not None)
        self.password_button.clicked.connect(lambda: self.change_password())
        form.addRow(self.tr("Encryption of the database"), self.password_button)

    def change_password(self) -> None:
        from churnguard_gui.ui.password_dialogs import ChangePasswordDialog

        ChangePasswordDialog(self.context, self).exec()
        self.db = self.context.db  # the connection was closed and reopened around the re-keying

    def _legal_rows(self, form: QFormLayout) -> None:
        """What the agreements print about the firm, the region whose floor applies, and screening retention."""
        firm = firm_settings(self.db)
        self.credit_code = QLineEdit(firm.credit_code)
        self.credit_code.setPlaceholderText(self.tr("18 characters, e.g. 91350100M000100Y43"))
        self.address = QLineEdit(firm.address)
        self.region = QComboBox()
        for code, label in REGION_LABELS.items():
            self.region.addItem(self.tr(label), code)
        self.region.setCurrentIndex(max(self.region.findData(firm.region), 0))
        self.governing_law = QLineEdit(firm.governing_law)
        self.governing_law.setPlaceholderText(self.tr("e.g. the laws of Singapore"))
        self.place_of_work = QComboBox()
        for code, label in PLACE_LABELS.items():
            self.place_of_work.addItem(self.tr(label), code)
        self.place_of_work.setCurrentIndex(max(self.place_of_work.findData(firm.place_of_work), 0))
        self.privacy_contact = QLineEdit(firm.privacy_contact)
        self.privacy_contact.setPlaceholderText(self.tr("e.g. HR, Zhao Min, 0755-86001234, hr@example.com"))
        self.retention = QSpinBox()
        self.retention.setRange(MIN_RETENTION_MONTHS, MAX_RETENTION_MONTHS)
        self.retention.setValue(firm.retention_months)
        self.retention.setSuffix(self.tr(" months"))
        form.addRow(self.tr("Unified social credit code"), self.credit_code)
        form.addRow(self.tr("Registered address"), self.address)
        form.addRow(self.tr("Region (compensation floor)"), self.region)
        form.addRow(self.tr("Keep screenings of candidates not hired"), self.retention)
        form.addRow(self.tr("Contact for personal information"), self.privacy_contact)

    def _firm(self) -> Firm:
        return Firm(self.firm.text().strip(), self.credit_code.text().strip().upper(), self.address.text().strip(),
                    self.region.currentData(), self.jurisdiction.currentData(), self.governing_law.text().strip(),
                    self.retention.value(), self.place_of_work.currentData(), self.privacy_contact.text().strip())

    def accept(self) -> None:
        try:
            minimum = parse_money(self.minimum.text()) if self.minimum.text().strip() else 0
        except FieldProblem as problem:
            self.error.setText(problem_text(problem))
            return
        try:
            save_firm_settings(self.db, self._firm(), minimum,
                               Rules(**{name: box.value() for name, box in self.rules.items()}),
                               Thresholds(**{name: box.value() for name, box in self.risk.items()}))
        except ChurnError as error:
            self.error.setText(str(error))
            return
        from churnguard_gui.core.security import LOCK_SETTING

        set_setting(self.db, LOCK_SETTING, str(self.lock_minutes.value()))
        super().accept()
