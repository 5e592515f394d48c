"""Dialogs around agreements: record signing with the scan, release early, compensation payments, firm settings."""
from __future__ import annotations

import datetime as dt
import mimetypes
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from churnguard_gui.core.agreement_choices import check_scan_size
from churnguard_gui.core.errors import ChurnError, FieldProblem
from churnguard_gui.core.legal import JURISDICTIONS
from churnguard_gui.core.messages import problem_text
from churnguard_gui.core.values import format_money, parse_date, parse_money
from churnguard_gui.i18n import ntr
from churnguard_gui.store.agreements import (
    get_agreement,
    obligations,
    record_notice_delivery,
    record_payment,
    record_signing,
    release_cost_preview,
    release_early,
)
from churnguard_gui.ui.widgets import fit_to_screen, message_label, ok_cancel, wide_enough


class SigningDialog(QDialog):
    """Date signed, the witness, and the scanned signed copy (PDF or image) kept in the database."""

    def __init__(self, db: Database, agreement_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.agreement_id = agreement_id
        stored = get_agreement(db, agreement_id)
        self.setWindowTitle(self.tr("Record signing — {document}").format(document=stored.document_no))
        self.signed_on = QLineEdit(dt.date.today().isoformat())
        self.witness = QLineEdit()
        self.scan_path = QLineEdit()
        self.scan_path.setReadOnly(True)
        self.scan_path.setPlaceholderText(self.tr("the signed copy, scanned (PDF, JPG or PNG)"))
        wide_enough(self.scan_path, self.scan_path.placeholderText())
        wide_enough(self.witness, chars=24)
        wide_enough(self.signed_on, "2026-12-31", 12)
        browse = QPushButton(self.tr("&Choose…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.scan_path, 1)
        row.addWidget(browse)
        self.error = message_label()
        form = QFormLayout(self)
        form.addRow(self.tr("&Signed on"), self.signed_on)
        form.addRow(self.tr("&Witness"), self.witness)
        form.addRow(self.tr("Scanned copy"), row)
        form.addRow(self.error)
        form.addRow(ok_cancel(self))
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Scanned signed copy"), str(Path.home()),
                                              self.tr("Scans (*.pdf *.jpg *.jpeg *.png)"))
        if path:
            self.scan_path.setText(path)

    def accept(self) -> None:
        scan = None
        if self.scan_path.text():
            path = Path(self.scan_path.text())
            try:
                data = path.read_bytes()
            except OSError as exc:
                self.error.setText(f"{path.name}: {exc.strerror}")
                return
            try:
                check_scan_size(path.name, len(data))
            except ChurnError as error:
                self.error.setText(str(error))
                return
            scan = (path.name, mimetypes.guess_type(path.name)[0] or "application/octet-stream", data)
        try:
            record_signing(self.db, self.agreement_id, self.signed_on.text(), self.witness.text(), scan)
        except ChurnError as error:
            self.error.setText(str(error))
            return
        super().accept()


class ReleaseDialog(QDialog):
    """Releasing a former employee early: shows what it still costs."""

    def __init__(self, db: Database, agreement_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.agreement_id = agreement_id
        stored = get_agreement(db, agreement_id)
        self.law = JURISDICTIONS[stored.draft.jurisdiction]
        self.cost = 0
        self.setWindowTitle(self.tr("Release early — {document}").format(document=stored.document_no))
        self.on = QLineEdit(dt.date.today().isoformat())
        self.error = message_label()
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.explain)
        form.addRow(self.tr("Release on"), self.on)
        self.on.textChanged.connect(self._explain)
        self._explain()
        form.addRow(self.error)
        form.addRow(ok_cancel(self))

    def _explain(self) -> None:
        """A waiver before the period starts costs nothing; a release during it three more months."""
        try:
            on = parse_date(self.on.text()) or dt.date.today().isoformat()
        except FieldProblem:
            return
        self.cost, start = release_cost_preview(self.db, self.agreement_id, on)
        if self.cost:
            text = self.tr("Releasing ends the non-compete, but the firm still owes {months} more months of "
                           "compensation: ¥{cost} ({article}).").format(
                months=self.law.release_extra_months, cost=format_money(self.cost),
                article=self.law.articles["release"])
        else:
            text = self.tr("The non-compete period has not started ({start}): a written waiver now costs nothing.")\
                .format(start=start or self.tr("after the last working day"))
        self.explain.setText(text + "\n" + self.tr("The notice is printed next, for the leaver to sign for."))

    def accept(self) -> None:
        try:
            on = parse_date(self.on.text())
            if not on:
                raise FieldProblem("required")
            release_early(self.db, self.agreement_id, on)
        except FieldProblem as problem:
            self.error.setText(problem_text(problem))
            return
        except ChurnError as error:
            self.error.setText(str(error))
            return
        super().accept()


class DeliveryDialog(QDialog):
    """The day the printed notice reached the leaver: a waiver delivered after the last working day is a release."""

    def __init__(self, db: Database, agreement_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.agreement_id = agreement_id
        stored = get_agreement(db, agreement_id)
        self.result_kind: str | None = None
        self.setWindowTitle(self.tr("Notice delivered — {document}").format(document=stored.document_no))
        self.on = QLineEdit(dt.date.today().isoformat())
        self.error = message_label()
        explain = QLabel(self.tr("On which day was the notice handed to the leaver (or delivered to the address for "
                                 "notices)? A waiver must reach them by the last working day; delivered later, it "
                                 "is a release that costs three more months. Cancel if it has not been delivered "
                                 "yet: you can record it when you print the notice again."))
        explain.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(explain)
        form.addRow(self.tr("Delivered on"), self.on)
        form.addRow(self.error)
        form.addRow(ok_cancel(self))

    def accept(self) -> None:
        try:
            result = record_notice_delivery(self.db, self.agreement_id, self.on.text())
        except ChurnError as error:
            self.error.setText(str(error))
            return
        if result.became_release:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, self.tr("Waiver delivered too late"), self.tr(
                "The waiver reached the leaver after the last working day, inside the non-compete period: it now "
                "counts as a release and the firm owes three more months of compensation, ¥{cost} (解释(一) 第39条). "
                "It has been added to the payment schedule; print the release notice.").format(
                cost=format_money(result.cost)))
        self.result_kind = result.kind
        super().accept()


def ask_delivery(db: Database, agreement_id: int, parent: QWidget | None = None) -> str | None:
    """Ask when the notice was delivered; the notice's kind afterwards, or None when not recorded."""
    dialog = DeliveryDialog(db, agreement_id, parent)
    return dialog.result_kind if dialog.exec() == QDialog.DialogCode.Accepted else None


LEVEL_COLOURS = {"overdue": "#b9770e", "urgent": "#c0392b", "critical": "#922b21"}


class CompensationDialog(QDialog):
    """Everyone under a running non-compete: each month due, the amount, paid or not; record payments."""

    def __init__(self, db: Database, today: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or dt.date.today()
        self.setWindowTitle(self.tr("Non-compete compensation"))
        self.model = QStandardItemModel(0, 7, self)
        self.model.setHorizontalHeaderLabels([self.tr("Former employee"), self.tr("Document"), self.tr("Month"),
                                              self.tr("Period"), self.tr("Due"), self.tr("Amount (¥)"),
                                              self.tr("Paid on")])
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.alerts = QLabel()
        self.alerts.setWordWrap(True)
        self.paid_on = QLineEdit(self.today.isoformat())
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("amount paid"))
        pay = QPushButton(self.tr("&Record payment for the selected month"))
        pay.clicked.connect(self.pay_selected)
        self.error = message_label()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Paid on")))
        bar.addWidget(self.paid_on)
        bar.addWidget(self.amount)
        bar.addWidget(pay)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self._layout = layout = QVBoxLayout(self)
        layout.addWidget(self.alerts)
        layout.addWidget(self.view)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(close)
        wide_enough(self.paid_on, "2026-12-31", 12)
        wide_enough(self.amount, self.amount.placeholderText(), 12)
        self.reload()
        self.fit_content()

    def fit_content(self) -> None:
        """As wide as the columns and as tall as the months need, within the screen: no fixed pixels."""
        view = self.view
        columns = sum(view.columnWidth(c) for c in range(self.model.columnCount())) + 2 * view.frameWidth() + 24
        rows = view.verticalHeader().length() + view.horizontalHeader().height() + 2 * view.frameWidth() + 4
        margins = self._layout.contentsMargins()
        extra = self.sizeHint().height() - view.sizeHint().height()
        fit_to_screen(self, QSize(max(columns, self.sizeHint().width()) + margins.left() + margins.right(),
                                  max(rows, 6 * view.verticalHeader().defaultSectionSize()) + extra))

    def reload(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        alerts = []
        for ob in obligations(self.db, self.today):
            for inst in ob.installments:
                late = inst.paid_on is None and inst.due_on < self.today.isoformat()
                row = [QStandardItem(v) for v in (ob.staff_name, ob.document_no, str(inst.number),
                                                  f"{inst.period_start} – {inst.period_end}", inst.due_on,
                                                  format_money(inst.amount),
                                                  inst.paid_on or (self.tr("OVERDUE") if late else ""))]
                row[0].setData((ob.agreement_id, inst.number, inst.amount))
                for column in (2, 5):  # the month number and the amount read as numbers
                    row[column].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if late:
                    for item in row:
                        item.setForeground(QColor("#c0392b"))
                self.model.appendRow(row)
            if ob.alert.level != "none":
                alerts.append(alert_text(ob))
        self.alerts.setText("<br>".join(alerts))
        self.view.resizeColumnsToContents()

    def pay_selected(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            self.error.setText(self.tr("Select a month in the list first."))
            return
        agreement_id, number, amount = self.model.item(index.row(), 0).data()
        try:
            paid_on = parse_date(self.paid_on.text())
            value = parse_money(self.amount.text()) if self.amount.text().strip() else amount
            if not paid_on:
                raise FieldProblem("required")
        except FieldProblem as problem:
            self.error.setText(problem_text(problem))
            return
        record_payment(self.db, agreement_id, number, value, paid_on)
        self.error.clear()
        self.reload()


def alert_text(ob) -> str:
    """The alert for one former employee's unpaid compensation, as rich text."""
    from PySide6.QtCore import QCoreApplication

    law = JURISDICTIONS["cn"]
    colour = LEVEL_COLOURS[ob.alert.level]
    text = ntr("{name}: {n} month of non-compete compensation unpaid (¥{amount}, due {due}).",
               "{name}: {n} months of non-compete compensation unpaid (¥{amount}, oldest due {due}).",
               ob.alert.unpaid, name=ob.staff_name, amount=format_money(ob.alert.amount), due=ob.alert.oldest_due)
    if ob.alert.level == "urgent":
        text += " " + QCoreApplication.translate("agreements", "Pay now: once three months are unpaid for a reason on "
                                                 "the firm's side, the former employee may end the non-compete "
                                                 "({article}).").format(
            article=law.articles["unpaid"])
    elif ob.alert.level == "critical":
        text += " " + QCoreApplication.translate("agreements", "Three months are unpaid: if that is for a reason on "
                                                 "the firm's side, the former employee may now end the non-compete "
                                                 "({article}).").format(
            article=law.articles["unpaid"])
    weight = "bold" if ob.alert.level != "overdue" else "normal"
    return f"<span style='color:{colour}; font-weight:{weight}'>⚠ {text}</span>"
