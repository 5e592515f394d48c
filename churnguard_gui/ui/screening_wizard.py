"""The hiring-screen wizard: candidate, job history, values questions, references, prior obligations, decision."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from PySide6.QtWidgets import (
    QWidget,
    QWizard,
)
from sqlite_utils import Database

from churnguard_gui.core.errors import ChurnError
from churnguard_gui.core.models import Staff
from churnguard_gui.core.screening import (
    Job,
    PriorObligation,
    Reference,
)
from churnguard_gui.core.validate import validate_staff
from churnguard_gui.i18n import language
from churnguard_gui.reports.screening_pdf import REHIRE_LABELS
from churnguard_gui.store.screenings import (
    Screening,
    delete_screening_draft,
    load_screening_draft,
    retention_months,
    rules,
    save_screening,
    save_screening_draft,
    screening_drafts,
)
from churnguard_gui.store.staff import get_staff
from churnguard_gui.ui.errors import show_error
from churnguard_gui.ui.record_list_model import RecordListModel
from churnguard_gui.ui.screening_pages import (
    JOB_COLUMNS,
    REFERENCE_COLUMNS,
    CandidatePage,
    HistoryPage,
    Page,
    PriorPage,
    ReferencesPage,
    ResultPage,
    ValuesPage,
)
from churnguard_gui.ui.widgets import install_discard_guard


class ScreeningWizard(QWizard):
    """Produces a Screening; Finish stores it (and the candidate) in one transaction."""

    def __init__(self, db: Database, staff_id: int | None = None, parent: QWidget | None = None,
                 today: dt.date | None = None, draft_id: int | None = None) -> None:
        super().__init__(parent)
        self.draft_id = draft_id
        self.saved_as = ""
        draft: dict = {}
        if draft_id is not None:
            staff_id, draft = load_screening_draft(db, draft_id)
        self.db = db
        self.today = today or dt.date.today()
        self.rules = rules(db)
        self.retention = retention_months(db)
        self.existing: Staff | None = get_staff(db, staff_id) if staff_id is not None else None
        self.staff_id: int | None = None
        self.screening_id: int | None = None
        self.jobs = RecordListModel(JOB_COLUMNS, [], Job, self)
        self.references = RecordListModel(REFERENCE_COLUMNS, [Reference(""), Reference("")], Reference, self,
                                          labels={"rehire": REHIRE_LABELS})
        self.setWindowTitle(self.tr("Screen a candidate"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.candidate_page = CandidatePage(self)
        self.history_page = HistoryPage(self)
        self.values_page = ValuesPage(self)
        self.references_page = ReferencesPage(self)
        self.prior_page = PriorPage(self)
        self.result_page = ResultPage(self)
        for page_id, page in ((Page.CANDIDATE, self.candidate_page), (Page.HISTORY, self.history_page),
                              (Page.VALUES, self.values_page), (Page.REFERENCES, self.references_page),
                              (Page.PRIOR, self.prior_page), (Page.RESULT, self.result_page)):
            self.setPage(page_id, page)
        self.resize(980, 640)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("Save for &later"))
        self.customButtonClicked.connect(lambda _button: self.save_for_later())
        if draft:
            self.restore(draft)
        self.discard_guard = install_discard_guard(self, self.save_for_later)

    # -- saving for later
    def state(self) -> dict:
        """Everything typed so far, as plain data for a draft."""
        page, result = self.candidate_page, self.result_page
        return {"candidate": {"name": page.name.text(), "position": page.position.text(), "phone": page.phone.text(),
                              "email": page.email.text(), "consent": page.consent.isChecked(),
                              "consent_on": page.consent_on.text(),
                              "consent_references": page.consent_references.isChecked()},
                "jobs": [asdict(job) for job in self.jobs.rows()], "answers": self.values_page.answers(),
                "references": [asdict(ref) for ref in self.references.rows()], "prior": asdict(self.prior_page.prior()),
                "decision": result.decision.currentData(), "reason": result.reason.text(),
                "reviewer": result.reviewer.text()}

    def restore(self, data: dict) -> None:
        page = self.candidate_page
        person = data.get("candidate", {})
        if self.existing is None:
            page.name.setText(person.get("name", ""))
        for edit, key in ((page.position, "position"), (page.phone, "phone"), (page.email, "email"),
                          (page.consent_on, "consent_on")):
            edit.setText(person.get(key, edit.text()))
        page.consent.setChecked(bool(person.get("consent")))
        page.consent_references.setChecked(bool(person.get("consent_references")))
        self.jobs.remove(list(range(self.jobs.rowCount())))
        for job in data.get("jobs", []):
            self.jobs.add(Job(**job))
        self.references.remove(list(range(self.references.rowCount())))
        for ref in data.get("references", []):
            self.references.add(Reference(**ref))
        for qid, answer in data.get("answers", {}).items():
            group = self.values_page.groups.get(qid)
            if group is not None and group.button(int(answer)) is not None:
                group.button(int(answer)).setChecked(True)
        prior = PriorObligation(**data.get("prior", {}))
        self.prior_page.noncompete.setChecked(prior.under_noncompete)
        self.prior_page.confidentiality.setChecked(prior.under_confidentiality)
        self.prior_page.until.setText(prior.until)
        self.prior_page.covering.setText(prior.covering)
        result = self.result_page
        result.decision.setCurrentIndex(max(result.decision.findData(data.get("decision", "hold")), 0))
        result.reason.setText(data.get("reason", ""))
        result.reviewer.setText(data.get("reviewer", ""))

    def save_for_later(self) -> None:
        """Keep the screening as a draft and close; resume it from Records → Screen a candidate…"""
        name = self.candidate_page.name.text().strip()
        if not name:
            self.candidate_page.error.setText(self.tr("Type the candidate's name first, to find the draft again."))
            while self.currentId() not in (Page.CANDIDATE, -1):
                self.back()
            return
        try:
            self.draft_id = save_screening_draft(self.db, self.draft_id, self.existing.id if self.existing else None,
                                                 name, self.state())
        except ChurnError as error:
            show_error(self, error)
            return
        self.saved_as = "draft"
        self.done(QWizard.DialogCode.Rejected)

    def candidate(self) -> Staff:
        page = self.candidate_page
        if self.existing is not None:
            return self.existing
        return Staff(name=page.name.text().strip(), role=page.position.text().strip(), phone=page.phone.text().strip(),
                     email=page.email.text().strip(), status="candidate")

    def screening(self) -> Screening:
        """The wizard's result."""
        result = self.result_page
        return Screening(self.candidate(), self.candidate_page.position.text().strip(), tuple(self.jobs.rows()),
                         self.values_page.answers(), tuple(r for r in self.references.rows() if r.name.strip()),
                         self.prior_page.prior(), result.decision.currentData(), result.reason.text(),
                         result.reviewer.text(), self.today.isoformat(), self.candidate_page.consent_date(),
                         self.candidate_page.consent_references.isChecked(), self.retention)

    def print_consent_notice(self) -> None:
        """The notice on personal information, filled in for this candidate, to print and have signed."""
        from churnguard_gui.reports.consent_pdf import build_consent_pdf
        from churnguard_gui.store.settings import firm_settings
        from churnguard_gui.ui.report_preview import ReportPreview

        firm = firm_settings(self.db)
        page = self.candidate_page
        pdf = build_consent_pdf(firm.name, firm.address, page.name.text().strip(), page.position.text().strip(),
                                self.retention, language(), firm.privacy_contact)
        ReportPreview(pdf, self.tr("Consent notice {name}.pdf").format(name=page.name.text().strip()),
                      lambda action, target: None, self).exec()

    def validateCurrentPage(self) -> bool:  # noqa: N802
        if self.currentId() != Page.RESULT:
            return super().validateCurrentPage()
        screening = self.screening()
        if validate_staff(screening.candidate):
            return False
        try:
            self.staff_id, self.screening_id = save_screening(self.db, screening)
            if self.draft_id is not None:
                delete_screening_draft(self.db, self.draft_id)
        except ChurnError as error:
            show_error(self, error)
            return False
        return True


def choose_draft(db: Database, staff_id: int | None, parent: QWidget) -> int | None | bool:
    """Which saved screening to resume: a draft id, None for a new screening, False when the user cancelled."""
    from PySide6.QtWidgets import QInputDialog

    drafts = screening_drafts(db, staff_id)
    if not drafts:
        return None
    if staff_id is not None:
        return drafts[0][0]
    new = parent.tr("A new candidate")
    labels = [new] + [parent.tr("{name} (saved {when})").format(name=name, when=saved[:16].replace("T", " "))
                      for _, name, saved in drafts]
    choice, ok = QInputDialog.getItem(parent, parent.tr("Screen a candidate"),
                                      parent.tr("Resume a screening saved for later, or start a new one:"), labels, 1,
                                      False)
    if not ok:
        return False
    return None if choice == new else drafts[labels.index(choice) - 1][0]
