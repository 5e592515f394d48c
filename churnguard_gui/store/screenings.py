"""Storing screenings: the candidate, the whole screening and the decision in one transaction."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

from sqlite_utils import Database

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.models import Staff
from churnguard_gui.core.screening import (
    Assessment,
    Job,
    PriorObligation,
    Reason,
    Reference,
    Rules,
    assess,
    questionnaire,
)
from churnguard_gui.core.validate import validate_staff
from churnguard_gui.store.db import audit, inserted_id, writing
from churnguard_gui.store.settings import get_setting, set_setting
from churnguard_gui.store.staff import get_staff, insert_staff

DECISIONS = ("hire", "reject", "hold")


@dataclass(frozen=True)
class Screening:
    """What the screening wizard produces."""

    candidate: Staff  # id None for a new candidate
    position: str
    jobs: tuple[Job, ...]
    answers: dict[str, int]
    references: tuple[Reference, ...]
    prior: PriorObligation
    decision: str
    decision_reason: str
    reviewer: str
    screened_on: str
    consent_on: str = ""  # the day the candidate signed the notice on personal information (个人信息保护法 第14条)
    consent_references: bool = False  # separately agreed to reference checks
    retention_months: int = 6  # kept this long if not hired, then anonymised (第19条、第47条)


def rules(db: Database) -> Rules:
    return Rules.from_json(get_setting(db, "screening_rules") or None)


def save_rules(db: Database, value: Rules) -> None:
    set_setting(db, "screening_rules", value.to_json())


def assessment_of(db: Database, screening: Screening) -> Assessment:
    return assess(list(screening.jobs), screening.answers, list(screening.references), screening.prior,
                  dt.date.fromisoformat(screening.screened_on), rules(db))


def save_screening(db: Database, screening: Screening) -> tuple[int, int]:
    """Store the candidate and the screening; hiring makes them active. Returns (staff id, screening id)."""
    if screening.decision not in DECISIONS:
        raise StoreError("bad_choice", field="decision", value=screening.decision,
                         details={"choices": ", ".join(DECISIONS)})
    if not screening.consent_on:
        raise StoreError("consent_missing", field="consent_on")
    if not screening.consent_references and any(r.called_on for r in screening.references):
        raise StoreError("consent_references_missing", field="consent_references")
    problems = validate_staff(screening.candidate)
    if problems:
        field, problem = next(iter(problems.items()))
        raise problem.at(field, StoreError)
    result = assessment_of(db, screening)
    with writing(db):
        candidate = screening.candidate
        status = {"hire": "active", "reject": "rejected", "hold": "candidate"}[screening.decision]
        if candidate.id is None:
            staff_id = insert_staff(db, Staff(**{**asdict(candidate), "status": status,
                                                 "role": candidate.role or screening.position}))
        else:
            staff_id = candidate.id
            db.execute("UPDATE staff SET status = ? WHERE id = ?", [status, staff_id])
        if screening.decision == "hire":
            db.execute("UPDATE staff SET hire_date = coalesce(hire_date, ?), role = CASE WHEN role = '' THEN ? "
                       "ELSE role END WHERE id = ?", [screening.screened_on, screening.position, staff_id])
        screening_id = inserted_id(db.execute(
            "INSERT INTO screenings (staff_id, screened_on, position, jobs, answers, refs, prior, points, level, "
            "reasons, decision, decision_reason, reviewer, questions_version, consent_on, consent_references, "
            "retention_months) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [staff_id, screening.screened_on, screening.position,
             json.dumps([asdict(j) for j in screening.jobs], ensure_ascii=False),
             json.dumps(screening.answers), json.dumps([asdict(r) for r in screening.references], ensure_ascii=False),
             json.dumps(asdict(screening.prior), ensure_ascii=False), result.points, result.level,
             json.dumps([[r.code, r.points, list(r.details)] for r in result.reasons], ensure_ascii=False),
             screening.decision, screening.decision_reason.strip(), screening.reviewer.strip(),
             questionnaire()["version"], screening.consent_on, int(screening.consent_references),
             screening.retention_months]))
        audit(db, "screening", screening=screening_id, staff=staff_id, level=result.level,
              decision=screening.decision)
    return staff_id, screening_id


@dataclass(frozen=True)
class StoredScreening:
    id: int
    staff_id: int
    name: str
    screening: Screening
    level: str
    points: int
    reasons: tuple[Reason, ...]


def load_screening(db: Database, screening_id: int) -> StoredScreening:
    row = db.execute("SELECT staff_id, screened_on, position, jobs, answers, refs, prior, points, level, reasons, "
                     "decision, decision_reason, reviewer, coalesce(consent_on, ''), consent_references, "
                     "retention_months FROM screenings WHERE id = ?", [screening_id]).fetchone()
    if row is None:
        raise StoreError("not_found", value=str(screening_id))
    staff = get_staff(db, row[0])
    screening = Screening(staff, row[2], tuple(Job(**j) for j in json.loads(row[3])), json.loads(row[4]),
                          tuple(Reference(**r) for r in json.loads(row[5])), PriorObligation(**json.loads(row[6])),
                          row[10], row[11], row[12], row[1], row[13], bool(row[14]), row[15])
    reasons = tuple(Reason(code, points, tuple(tuple(d) for d in details))
                    for code, points, details in json.loads(row[9]))
    return StoredScreening(screening_id, row[0], staff.name, screening, row[8], row[7], reasons)


def screenings_of(db: Database, staff_id: int) -> list[tuple[int, str, str, str]]:
    """(id, date, level, decision) of a person's screenings, newest first."""
    return db.execute("SELECT id, screened_on, level, decision FROM screenings WHERE staff_id = ? "
                      "ORDER BY screened_on DESC, id DESC", [staff_id]).fetchall()


def screening_list(db: Database) -> list[tuple[int, str, str, str, str, str]]:
    """(id, date, name, position, level, decision) of every screening, newest first."""
    return db.execute("SELECT sc.id, sc.screened_on, s.name, sc.position, sc.level, sc.decision FROM screenings sc "
                      "JOIN staff s ON s.id = sc.staff_id ORDER BY sc.screened_on DESC, sc.id DESC").fetchall()


def log_screening_printed(db: Database, screening_id: int, target: str) -> None:
    with writing(db):
        audit(db, "screening_printed", screening=screening_id, target=target)


# -- retention (个人信息保护法 第19条、第47条)
def retention_months(db: Database) -> int:
    from churnguard_gui.core.legal import DEFAULT_RETENTION_MONTHS

    text = get_setting(db, "retention_months")
    return int(text) if text.isdigit() else DEFAULT_RETENTION_MONTHS


def purge_expired(db: Database, today: dt.date | None = None, dry_run: bool = False) -> int:
    """Anonymise the screenings of candidates not hired once kept for their retention period: the answers, job
    history, references and reasons are erased, the person's name and contact details replaced. One audit row
    each (naming no one). Returns how many were (or, dry_run, would be) purged."""
    from churnguard_gui.core.legal import retention_expired
    from churnguard_gui.i18n import tr

    today = today or dt.date.today()
    due = [(sid, staff_id, months) for sid, staff_id, on, months in db.execute(
        "SELECT sc.id, sc.staff_id, sc.screened_on, sc.retention_months FROM screenings sc "
        "JOIN staff s ON s.id = sc.staff_id WHERE sc.purged_at IS NULL AND sc.decision != 'hire' "
        "AND s.status IN ('candidate', 'rejected') ORDER BY sc.id").fetchall()
        if retention_expired(on, months, today)]
    if dry_run or not due:
        return len(due)
    with writing(db):
        for screening_id, staff_id, months in due:
            db.execute("UPDATE screenings SET position = '', jobs = '[]', answers = '{}', refs = '[]', "
                       "prior = '{}', reasons = '[]', decision_reason = '', reviewer = '', "
                       "purged_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE id = ?", [screening_id])
            db.execute("UPDATE staff SET name = ?, role = '', department = '', phone = '', phone_digits = '', "
                       "email = '', notes = '', id_number = '', notice_address = '', incentive_terms = '', "
                       "monthly_wage = NULL, manager_id = NULL, "
                       "updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE id = ?",
                       [tr("Anonymised candidate #{id}", id=staff_id), staff_id])
            audit(db, "screening_purged", screening=screening_id, staff=staff_id, retention_months=months)
    return len(due)


# -- screenings saved to finish later
def save_screening_draft(db: Database, draft_id: int | None, staff_id: int | None, name: str, data: dict) -> int:
    """Keep what the wizard holds so far (nothing about the candidate is stored as staff yet)."""
    with writing(db):
        if draft_id is None:
            draft_id = inserted_id(db.execute("INSERT INTO screening_drafts (staff_id, name, data) VALUES (?, ?, ?)",
                                              [staff_id, name, json.dumps(data, ensure_ascii=False)]))
        else:
            db.execute("UPDATE screening_drafts SET staff_id = ?, name = ?, data = ?, saved_at = "
                       "strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE id = ?",
                       [staff_id, name, json.dumps(data, ensure_ascii=False), draft_id])
        audit(db, "screening_draft", draft=draft_id)
    return draft_id


def screening_drafts(db: Database, staff_id: int | None = None) -> list[tuple[int, str, str]]:
    """(id, candidate name, saved at) of the screenings saved for later, newest first; only the person's when
    staff_id is given."""
    if staff_id is None:
        return db.execute("SELECT id, name, saved_at FROM screening_drafts ORDER BY saved_at DESC, id DESC").fetchall()
    return db.execute("SELECT id, name, saved_at FROM screening_drafts WHERE staff_id = ? ORDER BY id DESC",
                      [staff_id]).fetchall()


def load_screening_draft(db: Database, draft_id: int) -> tuple[int | None, dict]:
    row = db.execute("SELECT staff_id, data FROM screening_drafts WHERE id = ?", [draft_id]).fetchone()
    if row is None:
        raise StoreError("not_found", value=str(draft_id))
    return row[0], json.loads(row[1])


def delete_screening_draft(db: Database, draft_id: int) -> None:
    with writing(db):
        db.execute("DELETE FROM screening_drafts WHERE id = ?", [draft_id])
