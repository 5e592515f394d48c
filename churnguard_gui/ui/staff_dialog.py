"""Adding and editing one staff member, with validation shown at each field."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from churnguard_gui.core.errors import ChurnError
from churnguard_gui.core.fields import FIELD_LABELS, STAFF_STATUSES, STATUS_LABELS
from churnguard_gui.core.forms import staff_from_form
from churnguard_gui.core.models import Staff
from churnguard_gui.core.values import format_money
from churnguard_gui.store.staff import get_staff, save_staff, staff_choices
from churnguard_gui.ui.form_errors import FormErrors

_TEXT_FIELDS = ("name", "role", "department", "phone", "email", "hire_date", "notice_date", "last_day",
                "monthly_wage", "incentive_terms", "vesting_date")
_DATE_FIELDS = ("hire_date", "notice_date", "last_day", "vesting_date")


class StaffDialog(QDialog):
    def __init__(self, db: Database, staff_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._staff_id = staff_id
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("New staff member") if staff_id is None else self.tr("Edit staff member"))
        self.errors = FormErrors()
        self.inputs: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for field in _TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(field)
            if field in _DATE_FIELDS:
                edit.setPlaceholderText(self.tr("e.g. 2025-01-02"))
            self.inputs[field] = edit
            self._add_row(form, field, edit)
            if field == "department":
                self.status = QComboBox()
                for status in STAFF_STATUSES:
                    self.status.addItem(self.tr(STATUS_LABELS[status]), status)
                self._add_row(form, "status", self.status)
                self.manager = QComboBox()
                self.manager.addItem(self.tr("(none)"), None)
                for other_id, name, _ in staff_choices(db):
                    if other_id != staff_id:
                        self.manager.addItem(name, other_id)
                self._add_row(form, "manager", self.manager)
        self.inputs["name"].setPlaceholderText(self.tr("required"))
        self.secret_access = QCheckBox(self.tr("This person can see trade secrets (client terms, prices)"))
        self._add_row(form, "secret_access", self.secret_access)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        self._add_row(form, "notes", self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if staff_id is not None:
            self._fill(get_staff(db, staff_id))
            layout.insertWidget(1, self._agreements(staff_id))
            layout.insertLayout(2, self._screenings(staff_id))
            layout.insertLayout(3, self._warning_signs(staff_id))
        else:
            self.status.setCurrentIndex(self.status.findData("active"))
        self.resize(460, self.sizeHint().height())

    def _add_row(self, form: QFormLayout, field: str, widget: QWidget) -> None:
        self.errors.add_row(form, self.tr(FIELD_LABELS["staff_name" if field == "name" else field]), field, widget)

    def _agreements(self, staff_id: int) -> QLabel:
        from churnguard_gui.core.fields import AGREEMENT_KIND_LABELS, AGREEMENT_STATUS_LABELS
        from churnguard_gui.store.agreements import staff_agreements

        rows = staff_agreements(self._db, staff_id)
        lines = [self.tr("{document}: {kind}, {status}").format(
            document=doc, kind=self.tr(AGREEMENT_KIND_LABELS[kind]), status=self.tr(AGREEMENT_STATUS_LABELS[status]))
            + (self.tr(", signed {date}").format(date=signed) if signed else "")
            + (self.tr(", non-compete until {date}").format(date=end) if end else "")
            for doc, kind, status, signed, end in rows]
        label = QLabel(self.tr("Agreements: ") + ("\n".join(lines) if lines else self.tr("none on record")))
        label.setObjectName("agreements")
        label.setWordWrap(True)
        return label

    def _screenings(self, staff_id: int) -> QHBoxLayout:
        from churnguard_gui.reports.screening_pdf import DECISION_LABELS, LEVEL_LABELS
        from churnguard_gui.store.screenings import screenings_of
        from churnguard_gui.ui.screening_list import open_screening_record

        row = QHBoxLayout()
        found = screenings_of(self._db, staff_id)
        if not found:
            row.addWidget(QLabel(self.tr("Screening: none on record")))
            return row
        screening_id, on, level, decision = found[0]
        label = QLabel(self.tr("Screening of {date}: risk {level}, decision {decision}").format(
            date=on, level=self.tr(LEVEL_LABELS[level]), decision=self.tr(DECISION_LABELS[decision])))
        label.setObjectName("screening")
        button = QPushButton(self.tr("Screening record…"))
        button.clicked.connect(lambda: open_screening_record(self._db, screening_id, self))
        row.addWidget(label, 1)
        row.addWidget(button)
        return row

    def _warning_signs(self, staff_id: int) -> QHBoxLayout:
        """How many warning signs are on record, and the button to record or review them."""
        from churnguard_gui.core.risk import WARNING_LABELS
        from churnguard_gui.store.risk import warning_signs
        from churnguard_gui.ui.warning_signs import WarningSignsDialog

        row = QHBoxLayout()
        label = QLabel()
        label.setObjectName("warning_summary")
        label.setWordWrap(True)

        def show() -> None:
            signs = warning_signs(self._db, staff_id)
            label.setText(self.tr("Warning signs: {count}, latest {date} {sign}").format(
                count=len(signs), date=signs[0].noted_on, sign=self.tr(WARNING_LABELS[signs[0].kind]))
                if signs else self.tr("Warning signs: none recorded"))

        def open_signs() -> None:
            WarningSignsDialog(self._db, staff_id, self.inputs["name"].text(), self).exec()
            show()

        button = QPushButton(self.tr("Warning signs…"))
        button.setObjectName("warning_signs_button")
        button.clicked.connect(open_signs)
        show()
        row.addWidget(label, 1)
        row.addWidget(button)
        return row

    def _fill(self, staff: Staff) -> None:
        for field, edit in self.inputs.items():
            value = getattr(staff, field)
            edit.setText(format_money(value) if field == "monthly_wage" else (value or ""))
        self.status.setCurrentIndex(max(self.status.findData(staff.status), 0))
        self.manager.setCurrentIndex(max(self.manager.findData(staff.manager_id), 0))
        self.secret_access.setChecked(staff.secret_access)
        self.notes.setPlainText(staff.notes)

    def values(self) -> dict[str, object]:
        values: dict[str, object] = {f: e.text() for f, e in self.inputs.items()}
        values.update(status=self.status.currentData(), manager_id=self.manager.currentData(),
                      secret_access=self.secret_access.isChecked(), notes=self.notes.toPlainText())
        return values

    def accept(self) -> None:
        staff, problems = staff_from_form(self.values(), self._staff_id)
        if self.errors.show(problems) or problems:
            return
        try:
            self.saved_id = save_staff(self._db, staff)
        except ChurnError as error:
            if error.field and not self.errors.show({error.field: _as_problem(error)}):
                return
            from churnguard_gui.ui.errors import show_error

            show_error(self, error)
            return
        super().accept()

    @classmethod
    def ask(cls, db: Database, staff_id: int | None = None, parent: QWidget | None = None) -> int | None:
        """Open the dialog; the saved staff id, or None when cancelled."""
        dialog = cls(db, staff_id, parent)
        return dialog.saved_id if dialog.exec() == QDialog.DialogCode.Accepted else None


def _as_problem(error: ChurnError):
    from churnguard_gui.core.errors import FieldProblem

    return FieldProblem(error.code, value=error.value or "", **error.details)
