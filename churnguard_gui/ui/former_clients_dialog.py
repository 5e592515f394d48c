"""After the exit: the clients of people who left in the last 12 months, losses, and the lawyer's evidence pack."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from churnguard_gui.core.after_exit import LOSS_LABELS, LOSS_REASONS, RISK_LABELS, FormerClient, risk_reasons
from churnguard_gui.core.errors import ChurnError
from churnguard_gui.core.fields import CLIENT_STATUS_LABELS
from churnguard_gui.core.values import format_money
from churnguard_gui.i18n import ntr
from churnguard_gui.store.after_exit import (
    attach_acknowledgement,
    evidence_pack,
    former_clients,
    former_staff,
    last_handover,
    log_evidence_event,
    record_loss,
)
from churnguard_gui.ui.errors import show_error
from churnguard_gui.ui.rows_model import RowsModel
from churnguard_gui.ui.tactic_forms import EntryDialog, date_edit, table


class FormerClientsDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, staff_id: int | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = dt.date.today()
        self.setWindowTitle(self.tr("Former employees' clients"))
        self.person = QComboBox()
        self.person.addItem(self.tr("Everyone who left in the last 12 months"), None)
        for pid, name, last_day, until in former_staff(db, self.today):
            self.person.addItem(self.tr("{name} — left {date}, followed until {until}").format(
                name=name, date=last_day, until=until), pid)
        if staff_id is not None and self.person.findData(staff_id) < 0:
            from churnguard_gui.store.staff import get_staff

            person = get_staff(db, staff_id)
            self.person.addItem(self.tr("{name} — left {date}").format(name=person.name, date=person.last_day or ""),
                                staff_id)
        self.risky_only = QCheckBox(self.tr("Only clients at risk"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Former employee:")))
        top.addWidget(self.person, 1)
        top.addWidget(self.risky_only)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        today = self.today
        self.model = RowsModel([
            (self.tr("Former employee"), lambda c: c.former), (self.tr("Code"), lambda c: c.code),
            (self.tr("Client"), lambda c: c.name),
            (self.tr("Status"), lambda c: self.tr(CLIENT_STATUS_LABELS.get(c.status, c.status))),
            (self.tr("Annual value"), lambda c: format_money(c.value)), (self.tr("Owner now"), lambda c: c.owner),
            (self.tr("Last contact"), lambda c: c.last_contact),
            (self.tr("At risk because"), lambda c: "; ".join(self.tr(RISK_LABELS[r]) for r in risk_reasons(c, today)))],
            parent=self, alert=lambda c: bool(risk_reasons(c, today)), numeric=(4,))
        self.view = table(self.model, editable=False)
        self.lost_button = QPushButton(self.tr("Record client lost…"))
        self.lost_button.clicked.connect(self.record_lost)
        self.ack_button = QPushButton(self.tr("Attach signed acknowledgement…"))
        self.ack_button.clicked.connect(self.attach)
        self.pack_button = QPushButton(self.tr("Evidence pack…"))
        self.pack_button.clicked.connect(self.open_pack)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.lost_button, self.ack_button, self.pack_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(1150, 600)
        if staff_id is not None:
            self.person.setCurrentIndex(self.person.findData(staff_id))
        self.person.currentIndexChanged.connect(self.refresh)
        self.risky_only.toggled.connect(lambda _checked: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        rows = former_clients(self.db, self.today, self.person.currentData())
        risky = [c for c in rows if risk_reasons(c, self.today)]
        went = [c for c in rows if c.went_with_former]
        self.model.set_rows(risky if self.risky_only.isChecked() else rows)
        self.summary.setText(self.tr(
            "{followed} (¥{value} a year); {risky} at risk; {went} went with the former employee "
            "(¥{went_value}). Call the quiet ones, visit the key ones, and record a loss as soon as you learn of "
            "it.").format(followed=ntr("{n} client followed", "{n} clients followed", len(rows)),
                          value=format_money(sum(c.value for c in rows)), risky=len(risky),
                          went=len(went), went_value=format_money(sum(c.value for c in went))))
        if rows:
            self.view.selectRow(0)

    def current(self) -> FormerClient | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def chosen_person(self) -> int | None:
        row = self.current()
        return self.person.currentData() or (row.former_staff_id if row else None)

    def record_lost(self) -> None:
        row = self.current()
        if row is None:
            QMessageBox.information(self, self.windowTitle(), self.tr("Select a client in the list first."))
            return
        dialog = EntryDialog(self.tr("{client} is lost").format(client=row.name), self)
        reason = dialog.add(self.tr("Why"), QComboBox())
        for code in LOSS_REASONS:
            reason.addItem(self.tr(LOSS_LABELS[code]), code)
        date = dialog.add(self.tr("Lost on"), date_edit())
        notes = dialog.add(self.tr("What you know (who told you, orders moved, …)"), dialog.notes())
        dialog.save = lambda: record_loss(self.db, row.client_id, date.text(), reason.currentData(),
                                          row.former_staff_id, notes.toPlainText())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def attach(self) -> None:
        staff_id = self.chosen_person()
        handover_id = last_handover(self.db, staff_id) if staff_id is not None else None
        if handover_id is None:
            QMessageBox.information(self, self.windowTitle(), self.tr(
                "Choose a former employee whose exit handover is on file first."))
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Scan of the signed handover report"), "",
                                              self.tr("Scans (*.pdf *.png *.jpg *.jpeg)"))
        if not path:
            return
        try:
            attach_acknowledgement(self.db, handover_id, path, dt.date.today().isoformat())
        except ChurnError as error:
            show_error(self, error)
            return
        QMessageBox.information(self, self.windowTitle(), self.tr("The signed acknowledgement is on file."))

    def open_pack(self) -> None:
        staff_id = self.chosen_person()
        if staff_id is None:
            QMessageBox.information(self, self.windowTitle(), self.tr("Choose a former employee first."))
            return
        from churnguard_gui.reports.evidence_pdf import build_evidence_pdf
        from churnguard_gui.ui.report_preview import ReportPreview

        pack = evidence_pack(self.db, staff_id)
        pdf = build_evidence_pdf(pack)
        name = self.tr("Evidence pack {name}.pdf").format(name=pack.staff_name)
        ReportPreview(pdf, name, lambda action, target: log_evidence_event(self.db, action, staff_id, target),
                      self).exec()
