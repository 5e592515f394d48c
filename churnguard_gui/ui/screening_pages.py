"""The hiring-screen wizard's pages: candidate, job history, values questions, references, prior obligations, result."""
from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from churnguard_gui.core.errors import FieldProblem
from churnguard_gui.core.messages import TEXTS, problem_text
from churnguard_gui.core.screening import (
    PriorObligation,
    job_problems,
    questionnaire,
    risky_answers,
    stability,
    years_and_months,
)
from churnguard_gui.core.values import parse_date, parse_email, parse_phone
from churnguard_gui.i18n import language, ntr, tr
from churnguard_gui.reports.screening_pdf import DECISION_LABELS, LEVEL_COLOURS, LEVEL_LABELS, REHIRE_LABELS
from churnguard_gui.store.screenings import (
    DECISIONS,
    assessment_of,
)
from churnguard_gui.ui.record_list_model import RecordListModel
from churnguard_gui.ui.widgets import WARNING_COLOUR, message_label, record_table

if TYPE_CHECKING:
    from churnguard_gui.ui.screening_wizard import ScreeningWizard

JOB_COLUMNS = [("employer", "Employer"), ("industry", "Industry"), ("role", "Role"), ("start", "From (YYYY-MM)"),
               ("end", "To (empty = now)"), ("reason", "Reason for leaving"), ("brought_clients", "Brought clients")]
REFERENCE_COLUMNS = [("name", "Full name"), ("relation", "Relation"), ("phone", "Phone"), ("called_on", "Called on"),
                     ("confirmed", "Confirmed dates and role"), ("rehire", "Would rehire"), ("notes", "Notes")]


def tenure_text(months: float) -> str:
    """A job length in years and months ("2 years 3 months", "2年3个月"), never a bare count of months."""
    years, rest = years_and_months(months)
    parts = ([ntr("{n} year", "{n} years", years)] if years else []) + \
        ([ntr("{n} month", "{n} months", rest)] if rest or not years else [])
    return ("" if language() == "zh" else " ").join(parts)


class Page(IntEnum):
    CANDIDATE = 0
    HISTORY = 1
    VALUES = 2
    REFERENCES = 3
    PRIOR = 4
    RESULT = 5


def _add_remove(page: QWizardPage, model: RecordListModel, view: QTableView, add_text: str) -> QHBoxLayout:
    add = QPushButton(add_text)
    add.clicked.connect(lambda: model.add())
    remove = QPushButton(page.tr("Remove selected"))
    remove.clicked.connect(lambda: model.remove([i.row() for i in view.selectionModel().selectedIndexes()]))
    row = QHBoxLayout()
    row.addWidget(add)
    row.addWidget(remove)
    row.addStretch()
    return row


class RehireDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # noqa: N802
        combo = QComboBox(parent)
        for code, label in REHIRE_LABELS.items():
            combo.addItem(tr(label), code)
        return combo

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        model.setData(index, editor.currentData())


class CandidatePage(QWizardPage):
    def __init__(self, wizard: ScreeningWizard) -> None:
        super().__init__()
        self.setTitle(self.tr("Candidate"))
        self.setSubTitle(self.tr("Who is applying, and for which position. The candidate is stored only when the "
                                 "screening is finished."))
        self.name = QLineEdit()
        self.position = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.error = message_label()
        form = QFormLayout(self)
        form.addRow(self.tr("Full name") + " *", self.name)
        form.addRow(self.tr("Position applied for"), self.position)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("E-mail"), self.email)
        self._consent_rows(wizard, form)
        form.addRow(self.error)
        self.registerField("candidate_name*", self.name)
        if wizard.existing is not None:
            self.name.setText(wizard.existing.name)
            self.name.setReadOnly(True)
            self.position.setText(wizard.existing.role)
            self.phone.setText(wizard.existing.phone)
            self.email.setText(wizard.existing.email)

    def _consent_rows(self, wizard: ScreeningWizard, form: QFormLayout) -> None:
        """The candidate's signed consent (个人信息保护法 第13、14、17条) before any of their data is recorded."""
        self._wizard = wizard
        self.consent = QCheckBox(self.tr("The candidate has read and signed the notice on personal information"))
        self.consent_on = QLineEdit(wizard.today.isoformat())
        self.consent_references = QCheckBox(self.tr("The candidate also agreed to reference checks"))
        notice = QPushButton(self.tr("Print the notice to sign…"))
        notice.clicked.connect(lambda: wizard.print_consent_notice())
        retention = QLabel(ntr("If not hired, the screening is kept {n} month and then anonymised (Firm settings).",
                               "If not hired, the screening is kept {n} months and then anonymised (Firm settings).",
                               wizard.retention))
        retention.setWordWrap(True)
        form.addRow(notice)
        form.addRow(self.consent)
        form.addRow(self.tr("Signed on"), self.consent_on)
        form.addRow(self.consent_references)
        form.addRow(retention)

    def consent_date(self) -> str:
        if not self.consent.isChecked():
            return ""
        try:
            return parse_date(self.consent_on.text()) or ""
        except FieldProblem:
            return ""

    def validatePage(self) -> bool:  # noqa: N802
        if not self.consent_date():
            self.error.setText(tr(TEXTS["consent_missing"]))
            return False
        for edit, parser in ((self.phone, parse_phone), (self.email, parse_email)):
            try:
                parser(edit.text())
            except FieldProblem as problem:
                self.error.setText(problem_text(problem))
                edit.setFocus()
                return False
        self.error.clear()
        return True


class HistoryPage(QWizardPage):
    def __init__(self, wizard: ScreeningWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Employment history"))
        self.setSubTitle(self.tr("Past jobs, newest or oldest first. Stability is worked out as you type."))
        self.view = record_table(wizard.jobs)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        for column, width in enumerate((150, 90, 110, 110, 120, 160)):
            self.view.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(_add_remove(self, wizard.jobs, self.view, self.tr("Add a job")))
        layout.addWidget(self.explain)
        wizard.jobs.changed.connect(self.update_explanation)
        self.update_explanation()

    def update_explanation(self) -> None:
        jobs = self._wizard.jobs.rows()
        today = self._wizard.today
        facts = stability(jobs, today, self._wizard.rules)
        lines = [self.tr("Jobs in the last {years} years: {count}; median job length: {median}; ended within "
                         "{limit} months: {short}; moves within the same industry: {moves}.").format(
            count=facts.jobs_in_window, years=self._wizard.rules.window_years,
            median=tenure_text(facts.median_tenure_months), short=facts.short_stints,
            limit=self._wizard.rules.short_stint_months, moves=facts.same_industry_moves)]
        for start, end, months in facts.gaps:
            lines.append(ntr("Gap of {n} month from {start} to {end}.", "Gap of {n} months from {start} to {end}.",
                             months, start=start, end=end))
        if facts.gaps:
            lines.append(self.tr("A gap scores nothing and its reason is not recorded: do not ask about marriage, "
                                 "childbirth, illness or study (妇女权益保障法 第43条)."))
        if facts.brought_clients:
            lines.append(ntr("Says they brought clients from a previous employer once.",
                             "Says they brought clients from a previous employer {n} times.", facts.brought_clients))
        bad = [(n + 1, problems) for n, job in enumerate(jobs) if (problems := job_problems(job, today))]
        for row, problems in bad:
            lines.append(self.tr("Row {row}: check {fields} (months as 2024-03).").format(
                row=row, fields=", ".join(self.tr(dict(JOB_COLUMNS)[p]) for p in problems)))
        self.explain.setText("\n".join(lines))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return not any(job_problems(job, self._wizard.today) for job in self._wizard.jobs.rows())


class ValuesPage(QWizardPage):
    def __init__(self, wizard: ScreeningWizard) -> None:
        super().__init__()
        self.setTitle(self.tr("Values and integrity"))
        self.setSubTitle(self.tr("Read each situation aloud and tick the answer closest to what the candidate says."))
        self.groups: dict[str, QButtonGroup] = {}
        inner = QWidget()
        layout = QVBoxLayout(inner)
        lang = "zh" if language() == "zh" else "en"
        for number, question in enumerate(questionnaire()["questions"], start=1):
            label = QLabel(f"{number}. {question[lang]}")
            label.setWordWrap(True)
            label.setStyleSheet("font-weight: bold;")
            layout.addWidget(label)
            group = QButtonGroup(self)
            for index, answer in enumerate(question["answers"]):
                button = QRadioButton(answer[lang])
                group.addButton(button, index)
                layout.addWidget(button)
            group.idToggled.connect(lambda *_: self.completeChanged.emit())
            self.groups[question["id"]] = group
        layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        QVBoxLayout(self).addWidget(scroll)

    def answers(self) -> dict[str, int]:
        return {qid: group.checkedId() for qid, group in self.groups.items() if group.checkedId() >= 0}

    def isComplete(self) -> bool:  # noqa: N802
        return len(self.answers()) == len(self.groups)


class ReferencesPage(QWizardPage):
    def __init__(self, wizard: ScreeningWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("References"))
        self.setSubTitle(self.tr("Call at least two: a former manager and a client if you can. Record when you "
                                 "reached them and whether they confirmed the dates and role."))
        self.view = record_table(wizard.references)
        self.view.setItemDelegateForColumn(5, RehireDelegate(self))
        for column, width in enumerate((100, 100, 120, 100, 160, 100)):
            self.view.setColumnWidth(column, width)
        self.warning = message_label(WARNING_COLOUR)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(_add_remove(self, wizard.references, self.view, self.tr("Add a reference")))
        layout.addWidget(self.warning)
        wizard.references.changed.connect(self.update_warning)
        self.update_warning()

    def update_warning(self) -> None:
        refs = self._wizard.references.rows()
        reached = [r for r in refs if r.called_on]
        lines = []
        if len([r for r in refs if r.name.strip()]) < 2:
            lines.append(self.tr("Add at least two references."))
        # a row with neither a name nor a date is an empty line to fill in, not a reference to chase
        not_reached = [r.name.strip() for r in refs if r.name.strip() and not r.called_on]
        if not_reached:
            lines.append(self.tr("Not reached yet: {names}. Fill in the date you spoke to them.").format(
                names=", ".join(not_reached)))
        if reached and not self._wizard.candidate_page.consent_references.isChecked():
            lines.append(tr(TEXTS["consent_references_missing"]))
        bad_dates = [r.name.strip() or self.tr("row {row}").format(row=refs.index(r) + 1)
                     for r in reached if _bad_date(r.called_on)]
        if bad_dates:
            lines.append(self.tr("Check the call date of: {names}").format(names=", ".join(bad_dates)))
        self.warning.setText("\n".join(lines))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - the wizard warns; unreadable dates and calls without consent block
        rows = self._wizard.references.rows()
        consent = self._wizard.candidate_page.consent_references.isChecked()
        return not any(_bad_date(r.called_on) or (r.called_on and not consent) for r in rows)


def _bad_date(text: str) -> bool:
    try:
        parse_date(text)
    except FieldProblem:
        return True
    return False


class PriorPage(QWizardPage):
    def __init__(self, wizard: ScreeningWizard) -> None:
        super().__init__()
        self.setTitle(self.tr("Obligations to former employers"))
        self.setSubTitle(self.tr("A candidate still bound by a non-compete can expose the firm to a claim. Ask, and "
                                 "ask to see the agreement."))
        self.noncompete = QCheckBox(self.tr("Under a non-compete with a former employer"))
        self.confidentiality = QCheckBox(self.tr("Under a confidentiality agreement with a former employer"))
        self.until = QLineEdit()
        self.until.setPlaceholderText(self.tr("e.g. 2025-01-02"))
        self.covering = QLineEdit()
        self.covering.setPlaceholderText(self.tr("which products, clients or region"))
        self.error = message_label()
        form = QFormLayout(self)
        form.addRow(self.noncompete)
        form.addRow(self.confidentiality)
        form.addRow(self.tr("Until"), self.until)
        form.addRow(self.tr("Covering"), self.covering)
        form.addRow(self.error)

    def prior(self) -> PriorObligation:
        try:
            until = parse_date(self.until.text()) or ""
        except FieldProblem:
            until = self.until.text()
        return PriorObligation(self.noncompete.isChecked(), self.confidentiality.isChecked(), until,
                               self.covering.text().strip())

    def validatePage(self) -> bool:  # noqa: N802
        try:
            parse_date(self.until.text())
        except FieldProblem as problem:
            self.error.setText(problem_text(problem))
            return False
        return True


class ResultPage(QWizardPage):
    def __init__(self, wizard: ScreeningWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Result and decision"))
        self.setSubTitle(self.tr("The risk and the reasons that produced it. Finishing stores the whole screening."))
        self.setCommitPage(True)
        self.level = QLabel()
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.decision = QComboBox()
        for code in DECISIONS:
            self.decision.addItem(self.tr(DECISION_LABELS[code]), code)
        self.decision.setCurrentIndex(self.decision.findData("hold"))
        self.reason = QLineEdit()
        self.reviewer = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("Risk"), self.level)
        form.addRow(self.tr("Why"), self.reasons)
        form.addRow(self.tr("Decision"), self.decision)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Reviewer"), self.reviewer)
        self.registerField("reviewer*", self.reviewer)

    def initializePage(self) -> None:  # noqa: N802
        result = assessment_of(self._wizard.db, self._wizard.screening())
        colour = LEVEL_COLOURS[result.level]
        self.level.setText(f"<b style='color:{colour}'>{self.tr(LEVEL_LABELS[result.level])}</b> "
                           f"({self.tr('{points} points').format(points=result.points)})")
        lines = [f"• {tr(TEXTS[r.code], **r.detail())}" for r in result.reasons]
        lines += self.risky_lines()
        self.reasons.setText("\n".join(lines) or self.tr("No warning signs found."))

    def risky_lines(self) -> list[str]:
        """Each values question whose answer raised a warning, named with the answer given."""
        lang = "zh" if language() == "zh" else "en"
        questions = {q["id"]: q for q in questionnaire()["questions"]}
        answers = self._wizard.values_page.answers()
        return ["    " + self.tr("Question {number}: {question} — answered: {answer}").format(
            number=number, question=questions[qid][lang], answer=questions[qid]["answers"][answers[qid]][lang])
            for number, qid, _score in risky_answers(answers)]
