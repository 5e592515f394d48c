"""Importing a CSV or XLSX file: choose it, map its columns with a preview, check, then import."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from churnguard_gui.core.errors import Cancelled, ChurnError
from churnguard_gui.core.fields import FIELD_LABELS
from churnguard_gui.core.headers import fields_for, guess_kind, map_columns
from churnguard_gui.core.import_checks import is_guess, leaving_owners
from churnguard_gui.core.import_summary import import_summary
from churnguard_gui.core.importing import ImportPlan, Owners
from churnguard_gui.core.tabular import Table, read_table
from churnguard_gui.i18n import ntr
from churnguard_gui.store.db import open_db
from churnguard_gui.store.importer import (
    ImportResult,
    plan_table,
    remember_mapping,
    remembered_mapping,
    run_import,
)
from churnguard_gui.store.staff import staff_choices, staff_statuses
from churnguard_gui.ui.errors import show_error
from churnguard_gui.ui.import_owner import OwnerQuestion
from churnguard_gui.ui.workers import Worker, run_with_progress

GUESS_COLOUR = "#fff3c4"  # a pale amber behind a column read by a guess


class ImportDialog(QDialog):
    def __init__(self, db: Database, db_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._db_path = db_path
        self.table: Table | None = None
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | None = None
        self.worker: Worker | None = None
        self.setWindowTitle(self.tr("Import staff or clients"))
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(self.tr("Choose a .csv or .xlsx file exported from Excel or your CRM"))
        browse = QPushButton(self.tr("Choose file…"))
        browse.clicked.connect(self.browse)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Clients"), "clients")
        self.kind.addItem(self.tr("Staff"), "staff")
        self.kind.currentIndexChanged.connect(self._remap)
        self.sheet = QComboBox()
        self.sheet.setToolTip(self.tr("The sheet of the workbook to import"))
        self.sheet.activated.connect(self._sheet_chosen)
        self.sheet_label = QLabel(self.tr("Sheet"))
        top = QHBoxLayout()
        top.addWidget(self.path, 1)
        top.addWidget(browse)
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet)
        top.addWidget(QLabel(self.tr("These rows are")))
        top.addWidget(self.kind)
        self.sheet_label.hide()
        self.sheet.hide()
        self.owner_question = OwnerQuestion([name for _, name, _ in staff_choices(db)])
        self.owner_question.hide()
        self.mapping_box = QGroupBox(self.tr("Columns: what each column of the file holds"))
        self.mapping_form = QFormLayout()
        inner = QWidget()
        inner.setLayout(self.mapping_form)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        QVBoxLayout(self.mapping_box).addWidget(scroll)
        self.combos: dict[str, QComboBox] = {}
        self.guesses: set[str] = set()  # headers read by a loose guess, not yet confirmed
        self.preview = QStandardItemModel(self)
        preview_view = QTableView()
        preview_view.setModel(self.preview)
        preview_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setPlaceholderText(self.tr("Press Check to see what would be imported."))
        self.skip_bad = QCheckBox(self.tr("Import the good rows and leave out the refused ones"))
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.clicked.connect(self.start_import)
        self.import_button.setEnabled(False)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_bad)
        buttons.addStretch()
        for button in (self.check_button, self.import_button, close):
            buttons.addWidget(button)
        middle = QHBoxLayout()
        middle.addWidget(self.mapping_box, 2)
        preview_box = QGroupBox(self.tr("Preview of the first rows"))
        QVBoxLayout(preview_box).addWidget(preview_view)
        middle.addWidget(preview_box, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 3)
        layout.addWidget(self.owner_question)
        layout.addWidget(self.report, 1)
        layout.addLayout(buttons)
        self.resize(1000, 640)

    # -- step 1: the file
    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a file to import"), str(Path.home()),
                                              self.tr("Spreadsheets (*.csv *.xlsx);;All files (*)"))
        if path:
            self.load(path)

    def load(self, path: str, sheet: str | None = None) -> None:
        """Read and check the whole file off the GUI thread (Cancel stops it), then show its columns and first rows."""
        self.path.setText(path)
        self.report.clear()
        self.worker = run_with_progress(self, self.tr("Reading the file…"),
                                        lambda progress: read_table(path, sheet=sheet, progress=progress),
                                        self._loaded, self._failed)

    def _loaded(self, table: Table) -> None:
        self.table = table
        self.sheet.clear()
        self.sheet.addItems(table.sheets)
        self.sheet.setCurrentText(table.sheet)
        self.sheet.setVisible(len(table.sheets) > 1)
        self.sheet_label.setVisible(len(table.sheets) > 1)
        kind = guess_kind(table.headers)
        if remembered_mapping(self._db, "staff", table.headers) is not None:
            kind = "staff"
        elif remembered_mapping(self._db, "clients", table.headers) is not None:
            kind = "clients"
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self._remap()

    def _sheet_chosen(self) -> None:
        if self.table is not None and self.sheet.currentText() != self.table.sheet:
            self.load(self.path.text(), self.sheet.currentText())

    # -- step 2: the columns
    def _remap(self) -> None:
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.combos.clear()
        self.guesses.clear()
        self.plan = None
        self.import_button.setEnabled(False)
        if self.table is None:
            return
        kind = self.kind.currentData()
        columns, _ = map_columns(self.table.headers, kind)
        guessed: dict[str, str | None] = {c.header: c.field for c in columns}
        guessed.update(remembered_mapping(self._db, kind, self.table.headers) or {})  # chosen for these headers before
        for header in self.table.headers:
            if not header:
                continue
            combo = QComboBox()
            combo.addItem(self.tr("(do not import)"), None)
            for field in fields_for(kind):
                combo.addItem(self.tr(FIELD_LABELS[field]), field)
            combo.setCurrentIndex(max(combo.findData(guessed.get(header)), 0))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.combos[header] = combo
            self.mapping_form.addRow(header, combo)
            self._mark_guess(header, combo, guessed.get(header))
        self._fill_preview()
        self._ask_owner()

    def _mark_guess(self, header: str, combo: QComboBox, field: str | None) -> None:
        """A loose reading (合同金额 → annual value) is marked until the owner picks the field themselves."""
        if field is None or not is_guess(header, field):
            return
        self.guesses.add(header)
        combo.setStyleSheet(f"QComboBox {{ background: {GUESS_COLOUR}; }}")
        combo.setToolTip(self.tr("A guess: check that this column really holds this field; if not, choose the "
                                 "right one."))
        combo.setItemText(combo.currentIndex(), self.tr("{field} (a guess — check)").format(
            field=self.tr(FIELD_LABELS[field])))

        def confirmed() -> None:
            self.guesses.discard(header)
            combo.setStyleSheet("")
            combo.setToolTip("")
            index = combo.findData(field)
            combo.setItemText(index, self.tr(FIELD_LABELS[field]))
            self._fill_preview()

        combo.activated.connect(lambda _index: confirmed())

    def _mapping_changed(self) -> None:
        self.plan = None
        self.import_button.setEnabled(False)
        self._fill_preview()
        self._ask_owner()

    def _ask_owner(self) -> None:
        """The owner question shows for a client list whose columns name no owner."""
        mapped = {combo.currentData() for combo in self.combos.values()}
        self.owner_question.setVisible(self.kind.currentData() == "clients" and "owner" not in mapped)

    def owners(self) -> Owners | None:
        if self.owner_question.isHidden():
            return Owners()
        return self.owner_question.owners()

    def overrides(self) -> dict[str, str | None]:
        return {header: combo.currentData() for header, combo in self.combos.items()}

    def _fill_preview(self) -> None:
        assert self.table is not None
        self.preview.clear()
        labels = []
        for header in self.table.headers:
            field = self.combos[header].currentData() if header in self.combos else None
            shown = self.tr(FIELD_LABELS[field]) if field else self.tr("(not imported)")
            if header in self.guesses:
                shown = self.tr("{field} (a guess — check)").format(field=shown)
            labels.append(f"{header}\n→ {shown}")
        self.preview.setHorizontalHeaderLabels(labels)
        for _, values in self.table.preview:
            self.preview.appendRow([QStandardItem("" if v is None else str(v)) for v in values])
        self.preview.setVerticalHeaderLabels([str(n) for n, _ in self.table.preview])

    # -- step 3: check and import
    def check(self) -> None:
        if self.table is None:
            return
        table, kind, overrides, owners = self.table, self.kind.currentData(), self.overrides(), self.owners()
        if owners is None:
            self.report.setPlainText(self.tr("Answer the question below first: who owns these clients?"))
            self.owner_question.setFocus()
            return
        self._checked_with = (table, overrides, owners)  # the import plans again from these, in its transaction

        def job(progress):
            db = open_db(self._db_path)
            try:
                plan = plan_table(db, table, kind, overrides, owners, progress)
                remember_mapping(db, kind, table.headers, overrides)
                return plan
            finally:
                db.close()

        self.worker = run_with_progress(self, self.tr("Checking every row…"), job, self._checked, self._failed)

    def _checked(self, plan: ImportPlan) -> None:
        self.plan = plan
        lines = [self.tr("{good}, {bad}.").format(
            good=ntr("{n} row can be imported", "{n} rows can be imported", plan.total),
            bad=ntr("{n} row is refused", "{n} rows are refused", len(plan.refused_rows)))]
        if plan.new_staff:
            lines.append(self.tr("New staff records will be made for: {names}").format(names=", ".join(plan.new_staff)))
        if plan.unassigned:
            lines.append(ntr("{n} client has no owner: it will be marked \"needs an owner\" on the client list.",
                             "{n} clients have no owner: they will be marked \"needs an owner\" on the client list.",
                             plan.unassigned))
        if plan.unmapped:
            lines.append(self.tr("Columns not imported: {headers}").format(headers=", ".join(plan.unmapped)))
        lines += self.import_warnings(plan)
        if plan.warning_count:
            lines.append(self.tr("Warnings ({count}): these will be imported, but are worth a look:").format(
                count=plan.warning_count))
            lines += [f"  {warning}" for warning in plan.warnings]
        lines += [str(problem) for problem in plan.problems]
        if plan.problem_count > len(plan.problems):
            lines.append(self.tr("… and {count} more problems").format(
                count=plan.problem_count - len(plan.problems)))
        if plan.problems:
            lines.append(self.tr("Correct the file and choose it again, or tick the box below to import only the "
                                 "good rows."))
        self.report.setPlainText("\n".join(lines))
        self.import_button.setEnabled(bool(plan.total))

    def import_warnings(self, plan: ImportPlan) -> list[str]:
        """Guesses still to confirm, and clients that would go to someone on notice or gone."""
        lines = [self.tr("Check: column “{header}” is read as {field} by a guess; if that is wrong, choose the right "
                         "field above.")
                 .format(header=header, field=self.tr(FIELD_LABELS[self.combos[header].currentData()]))
                 for header in sorted(self.guesses) if self.combos[header].currentData()]
        owners = [getattr(record, "owner_name", "") for record in plan.records]
        words = {"notice": self.tr("is on notice"), "left": self.tr("has left")}
        for name, (status, count) in leaving_owners(owners, staff_statuses(self._db)).items():
            lines.append("⚠ " + ntr("{n} client would go to {name}, who {status}: give it another owner in the file.",
                                    "{n} clients would go to {name}, who {status}: give them another owner in the "
                                    "file.", count, name=name, status=words[status]))
        return lines

    def start_import(self) -> None:
        if self.plan is None:
            return
        plan, skip_bad = self.plan, self.skip_bad.isChecked()
        table, overrides, owners = self._checked_with
        if plan.problems and not skip_bad:
            self.report.appendPlainText(ntr(
                "Nothing was imported: {n} row is refused. Tick the box to import only the good rows.",
                "Nothing was imported: {n} rows are refused. Tick the box to import only the good rows.",
                len(plan.refused_rows)))
            return

        def job(progress):
            db = open_db(self._db_path)
            try:
                return run_import(db, plan, skip_bad=skip_bad, progress=progress, table=table, overrides=overrides,
                                  owners=owners)
            finally:
                db.close()

        self.worker = run_with_progress(self, self.tr("Importing…"), job, self._imported, self._failed)

    def _imported(self, result: ImportResult) -> None:
        self.import_result = result
        self.plan = None
        self.import_button.setEnabled(False)
        self.report.setPlainText(import_summary(result))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.report.appendPlainText(self.tr("Import cancelled; nothing was written."))
        elif isinstance(error, ChurnError):
            self.report.appendPlainText(str(error))
            show_error(self, error)
        else:
            raise error

    def reject(self) -> None:
        if self.import_result is not None:
            self.done(QDialog.DialogCode.Accepted)
        else:
            super().reject()

    @classmethod
    def ask(cls, db: Database, db_path: str, parent: QWidget | None = None) -> ImportResult | None:
        dialog = cls(db, db_path, parent)
        dialog.exec()
        return dialog.import_result
