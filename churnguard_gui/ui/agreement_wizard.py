"""The agreement wizard: kind, what is secret, non-compete terms with the law's checks, the text, then print."""
from __future__ import annotations

from dataclasses import replace
from enum import IntEnum
from typing import TypedDict

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from sqlite_utils import Database

from churnguard_gui.core.agreement_choices import guess_category, offered_kinds
from churnguard_gui.core.agreements import SECRET_ITEMS, AgreementDraft, Parties, render, secret_texts
from churnguard_gui.core.errors import ChurnError, FieldProblem
from churnguard_gui.core.fields import AGREEMENT_KIND_LABELS
from churnguard_gui.core.legal import (
    CATEGORIES,
    CATEGORY_LABELS,
    JURISDICTIONS,
    REGION_LABELS,
    Finding,
    check_terms,
    compensation_floor,
    noncompete_eligible,
    refusals,
    region_floor,
)
from churnguard_gui.core.messages import TEXTS
from churnguard_gui.core.values import clean_text, format_money, parse_money
from churnguard_gui.i18n import language, tr
from churnguard_gui.store.agreements import parties, save_agreement
from churnguard_gui.store.settings import get_setting, set_setting
from churnguard_gui.store.staff import get_staff
from churnguard_gui.ui.errors import show_error
from churnguard_gui.ui.widgets import WARNING_COLOUR, install_discard_guard, message_label


class Page(IntEnum):
    KIND = 0
    SECRETS = 1
    TERMS = 2
    REVIEW = 3


def finding_text(finding: Finding) -> str:
    """A legal finding in words, with its article."""
    return f"{tr(TEXTS[finding.code], **finding.detail())} ({finding.article})"


class TermsValues(TypedDict):
    """The non-compete terms as typed on the terms page (AgreementDraft's fields of the same names)."""

    business: str
    competitors: str
    region: str
    months: int
    average_wage: int
    minimum_wage: int
    monthly_compensation: int
    penalty: int


class KindPage(QWizardPage):
    def __init__(self, wizard: AgreementWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Kind of agreement"))
        self.setSubTitle(self.tr("Confidentiality can be agreed with anyone. A non-compete binds only senior managers, "
                                 "senior technical staff and others with a confidentiality duty."))
        self.category = QComboBox()
        for code in CATEGORIES:
            self.category.addItem(self.tr(CATEGORY_LABELS[code]), code)
        self.category.setCurrentIndex(self.category.findData(
            guess_category(wizard.staff.role, wizard.staff.secret_access)))
        self.kind = QComboBox()
        self.explain = message_label(WARNING_COLOUR)
        law = wizard.law
        form = QFormLayout(self)
        form.addRow(self.tr("Staff member"), QLabel(f"{wizard.staff.name} — {wizard.staff.role or '—'}"))
        form.addRow(self.tr("Position for the law"), self.category)
        form.addRow(self.tr("Agreement"), self.kind)
        form.addRow(self.tr("Law applied"), QLabel(self.tr(law.name)))
        self._party_rows(form)
        form.addRow(self.explain)
        self.category.currentIndexChanged.connect(self._offer)
        self._offer()

    def _party_rows(self, form: QFormLayout) -> None:
        """The employee as the agreement identifies them (kept on the staff record); blanks print as lines."""
        people = parties(self._wizard.db, self._wizard.staff_id)
        self.access = QCheckBox(self.tr("Knows or has access to the firm's trade secrets (kept on the staff record)"))
        self.access.setChecked(self._wizard.staff.secret_access)
        self.access.toggled.connect(lambda _checked: self._offer())
        form.addRow("", self.access)
        self.id_number = QLineEdit(people.id_number)
        self.id_number.setPlaceholderText(self.tr("18-character resident ID number"))
        self.notice_address = QLineEdit(people.notice_address)
        self.notice_address.setPlaceholderText(self.tr("where notices (e.g. a waiver) are sent"))
        self.phone = QLineEdit(people.phone)
        form.addRow(self.tr("ID number"), self.id_number)
        form.addRow(self.tr("Address for notices"), self.notice_address)
        form.addRow(self.tr("Phone"), self.phone)

    def _offer(self) -> None:
        """Offer a non-compete as binding only where the law lets it bind."""
        current = self.kind.currentData()
        self.kind.clear()
        eligible = noncompete_eligible(self.category.currentData())
        binding = self._wizard.law.binding
        access = self.access.isChecked()
        for kind in offered_kinds(self.category.currentData(), access, self._wizard.law):
            self.kind.addItem(self.tr(AGREEMENT_KIND_LABELS[kind]), kind)
        self.kind.setCurrentIndex(max(self.kind.findData(current), 0))
        notes = []
        if not eligible:
            notes.append(self.tr("A non-compete would not bind {name}: {law}").format(
                name=self._wizard.staff.name, law=finding_text(Finding(
                    "not_eligible", "refuse", self._wizard.law.articles["eligible"],
                    (("category", self.tr(CATEGORY_LABELS[self.category.currentData()])),)))))
            if binding:
                notes.append(self.tr("Only a confidentiality agreement is offered."))
        if not access:
            notes.append(finding_text(Finding("no_secret_access", "refuse" if binding else "warn",
                                              self._wizard.law.articles["no_access"])))
            if binding and eligible:
                notes.append(self.tr("Only a confidentiality agreement is offered."))
        self.explain.setText("\n".join(notes))

    def nextId(self) -> int:  # noqa: N802
        return Page.SECRETS


class SecretsPage(QWizardPage):
    def __init__(self, wizard: AgreementWizard) -> None:
        super().__init__()
        self.setTitle(self.tr("What is secret"))
        self.setSubTitle(self.tr("A client list with names and phone numbers alone is rarely a trade secret; name "
                                 "what gives the firm its edge: trading habits, prices, needs and plans."))
        self.items = QStandardItemModel(self)
        for key, text in zip(SECRET_ITEMS, secret_texts(SECRET_ITEMS, language()), strict=True):
            item = QStandardItem(text)
            item.setData(key, Qt.ItemDataRole.UserRole)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked)
            self.items.appendRow(item)
        view = QListView()
        view.setModel(self.items)
        self.free = QPlainTextEdit()
        self.free.setPlaceholderText(self.tr("Other secrets, one per line (e.g. the quotation system's source code)"))
        self.free.setMaximumHeight(90)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(QLabel(self.tr("Also name:")))
        layout.addWidget(self.free)

    def secrets(self) -> tuple[str, ...]:
        chosen = [self.items.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.items.rowCount())
                  if self.items.item(r).checkState() == Qt.CheckState.Checked]
        return tuple(chosen + [line.strip() for line in self.free.toPlainText().splitlines() if line.strip()])

    def isComplete(self) -> bool:  # noqa: N802 - the list starts ticked
        return bool(self.secrets())


class TermsPage(QWizardPage):
    def __init__(self, wizard: AgreementWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Non-compete terms"))
        self.setSubTitle(self.tr("Name the competing business and the region: they must match the secrets the person "
                                 "knows. The wizard proposes the compensation floor for the firm's region and "
                                 "refuses less."))
        self.business = QLineEdit()
        self.business.setPlaceholderText(self.tr("industry, products or services, e.g. sale of office furniture"))
        self.competitors = QLineEdit()
        self.competitors.setPlaceholderText(self.tr("optional: named competing firms"))
        self.region = QLineEdit()
        self.region.setPlaceholderText(self.tr("e.g. Guangdong province"))
        self.months = QSpinBox()
        self.months.setRange(0, 120)
        self.months.setValue(12)
        self.months.setSuffix(self.tr(" months"))
        self.wage = QLineEdit(format_money(wizard.staff.monthly_wage or 0))
        self.minimum = QLineEdit(get_setting(wizard.db, "minimum_wage", ""))
        self.minimum.setPlaceholderText(self.tr("local minimum monthly wage, e.g. 2,520"))
        self.floor = QLabel()
        self.floor.setWordWrap(True)  # the rule and its source run to 150 characters: unwrapped, Next went off screen
        self.compensation = QLineEdit()
        use_floor = QPushButton(self.tr("Use the floor"))
        use_floor.clicked.connect(lambda: self.compensation.setText(format_money(self.floor_value())))
        self.penalty = QLineEdit("0")
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Competing business") + " *", self.business)
        form.addRow(self.tr("Region") + " *", self.region)
        form.addRow(self.tr("Named competitors"), self.competitors)
        form.addRow(self.tr("Period after leaving"), self.months)
        form.addRow(self.tr("Average monthly wage, last 12 months (¥)"), self.wage)
        form.addRow(self.tr("Local minimum wage (¥ a month)"), self.minimum)
        form.addRow(self.tr("Compensation floor"), self.floor)
        form.addRow(self.tr("Monthly compensation (¥)"), self.compensation)
        form.addRow("", use_floor)
        form.addRow(self.tr("Penalty for breach (违约金, ¥)"), self.penalty)
        form.addRow(self.findings)
        for edit in (self.wage, self.minimum, self.compensation, self.penalty, self.business, self.region):
            edit.textChanged.connect(self.update_findings)
        self.months.valueChanged.connect(self.update_findings)
        self.wage.textChanged.connect(self._refloor)
        self.minimum.textChanged.connect(self._refloor)

    def initializePage(self) -> None:  # noqa: N802
        self._refloor()
        if not self.compensation.text():
            self.compensation.setText(format_money(self.floor_value()))
        self.update_findings()

    @staticmethod
    def _money(edit: QLineEdit) -> int:
        try:
            return parse_money(edit.text()) if clean_text(edit.text()) else 0
        except FieldProblem:
            return -1

    def floor_value(self) -> int:
        return compensation_floor(max(self._money(self.wage), 0), max(self._money(self.minimum), 0), self._wizard.law,
                                  self._wizard.floor_region)

    def _refloor(self) -> None:
        rule = region_floor(self._wizard.floor_region, self._wizard.law)
        template = self.tr("¥{floor} a month: the higher of {share} of ¥{wage} and the minimum wage ¥{minimum} "
                           "({region}; {source})")
        share = f"{self._wizard.law.compensation_share_percent}%" if not rule.statutory else rule.share_text()
        self.floor.setText(template.format(floor=format_money(self.floor_value()), share=share,
                                           wage=format_money(max(self._money(self.wage), 0)),
                                           minimum=format_money(max(self._money(self.minimum), 0)),
                                           region=self.tr(REGION_LABELS[rule.code]), source=rule.source))

    def values(self) -> TermsValues:
        return TermsValues(business=self.business.text().strip(), competitors=self.competitors.text().strip(),
                           region=self.region.text().strip(), months=self.months.value(),
                           average_wage=max(self._money(self.wage), 0), minimum_wage=max(self._money(self.minimum), 0),
                           monthly_compensation=self._money(self.compensation), penalty=self._money(self.penalty))

    def update_findings(self) -> None:
        findings = check_terms(self._wizard.draft().terms(), self._wizard.law)
        lines = []
        for finding in findings:
            colour = "#c0392b" if finding.severity == "refuse" else "#8a4b00"
            mark = self.tr("Refused") if finding.severity == "refuse" else self.tr("Warning")
            lines.append(f"<span style='color:{colour}'>{mark}: {_html(finding_text(finding))}</span>")
        self.findings.setText("<br>".join(lines))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return not refusals(check_terms(self._wizard.draft().terms(), self._wizard.law))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ReviewPage(QWizardPage):
    def __init__(self, wizard: AgreementWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Read the agreement"))
        self.setSubTitle(self.tr("This is the full text that will be printed. Finish saves it and opens it for "
                                 "printing; the document number is given when it is saved."))
        self.setCommitPage(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.warnings = message_label(WARNING_COLOUR)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.warnings)

    def initializePage(self) -> None:  # noqa: N802
        draft = self._wizard.draft()
        self.text.setPlainText(render(draft, self._wizard.people()).plain())
        found = check_terms(draft.terms(), self._wizard.law)
        self.warnings.setText("\n".join(finding_text(f) for f in found))


class AgreementWizard(QWizard):
    """Produces an AgreementDraft; Finish stores it (status draft) and hands it over for printing."""

    def __init__(self, db: Database, staff_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.staff_id = staff_id
        self.staff = get_staff(db, staff_id)
        self.law = JURISDICTIONS[get_setting(db, "jurisdiction", "cn")]
        self.floor_region = get_setting(db, "firm_region", "national") or "national"
        self.agreement_id: int | None = None
        self.setWindowTitle(self.tr("New agreement: {name}").format(name=self.staff.name))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Save and print…"))
        self.kind_page = KindPage(self)
        self.secrets_page = SecretsPage(self)
        self.terms_page = TermsPage(self)
        self.setPage(Page.KIND, self.kind_page)
        self.setPage(Page.SECRETS, self.secrets_page)
        self.setPage(Page.TERMS, self.terms_page)
        self.setPage(Page.REVIEW, ReviewPage(self))
        self.resize(860, 620)
        self.discard_guard = install_discard_guard(self)

    def nextId(self) -> int:  # noqa: N802 - no terms page for a confidentiality-only agreement
        if self.currentId() == Page.SECRETS and self.kind_page.kind.currentData() == "confidentiality":
            return Page.REVIEW
        return super().nextId()

    def draft(self) -> AgreementDraft:
        """The wizard's result."""
        kind = self.kind_page.kind.currentData() or "confidentiality"
        draft = AgreementDraft(self.staff_id, kind, self.kind_page.category.currentData(),
                               self.kind_page.access.isChecked(), self.law.code, self.secrets_page.secrets(),
                               language=language(), floor_region=self.floor_region)
        return replace(draft, **self.terms_page.values()) if kind != "confidentiality" else draft

    def people(self) -> Parties:
        """The parties as this agreement will print them, with the identification typed on the first page."""
        page = self.kind_page
        return replace(parties(self.db, self.staff_id), id_number=page.id_number.text().strip().upper(),
                       notice_address=page.notice_address.text().strip(), phone=page.phone.text().strip())

    def validateCurrentPage(self) -> bool:  # noqa: N802
        if self.currentId() != Page.REVIEW:
            return super().validateCurrentPage()
        draft = self.draft()
        try:
            self.agreement_id = save_agreement(self.db, draft, people=self.people(), update_staff=True)
        except ChurnError as error:
            show_error(self, error)
            return False
        self.remember_minimum_wage(draft.minimum_wage)
        return True

    def remember_minimum_wage(self, minimum: int) -> None:
        """A minimum wage typed here becomes the firm's setting, so the next agreement starts from it."""
        if minimum > 0 and format_money(minimum) != get_setting(self.db, "minimum_wage", ""):
            set_setting(self.db, "minimum_wage", format_money(minimum))
