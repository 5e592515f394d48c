"""Firm settings: the name on reports, the law for agreements, the minimum wage and the hiring-screen thresholds."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget
from sqlite_utils import Database

from churnguard_gui.core.errors import ChurnError, FieldProblem
from churnguard_gui.core.legal import JURISDICTIONS
from churnguard_gui.core.messages import problem_text
from churnguard_gui.core.screening import RULE_LABELS, Rules
from churnguard_gui.core.values import parse_money
from churnguard_gui.store.screenings import rules as screening_rules
from churnguard_gui.store.settings import get_setting, save_firm_settings
from churnguard_gui.ui.widgets import message_label, ok_cancel


class SettingsDialog(QDialog):
    """The firm's name on every report, the law the agreement wizard applies, and the local minimum wage."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
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
        self.error = message_label()
        form = QFormLayout(self)
        form.addRow(self.tr("Firm name"), self.firm)
        form.addRow(self.tr("Law for agreements"), self.jurisdiction)
        form.addRow(self.tr("Local minimum wage (¥ a month)"), self.minimum)
        form.addRow(QLabel(self.tr("Outside China, choose “Other jurisdiction”: the legal checks then warn instead of "
                                   "refusing.")))
        form.addRow(QLabel("<b>" + self.tr("Hiring screen thresholds") + "</b>"))
        for name, box in self.rules.items():
            form.addRow(self.tr(RULE_LABELS[name]), box)
        form.addRow(self.error)
        form.addRow(ok_cancel(self))

    def accept(self) -> None:
        try:
            minimum = parse_money(self.minimum.text()) if self.minimum.text().strip() else 0
        except FieldProblem as problem:
            self.error.setText(problem_text(problem))
            return
        rules = Rules(**{name: box.value() for name, box in self.rules.items()})
        try:
            save_firm_settings(self.db, self.firm.text(), self.jurisdiction.currentData(), minimum, rules)
        except ChurnError as error:
            self.error.setText(str(error))
            return
        super().accept()
