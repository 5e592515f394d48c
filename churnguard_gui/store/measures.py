"""The record of protection measures: what the firm did to keep its trade secrets secret, and when (反不正当竞争法:
reasonable measures), derived from the agreements, the staff records and the audit log, plus entries made by hand."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlite_utils import Database

from churnguard_gui.core.errors import FieldProblem, StoreError
from churnguard_gui.core.values import parse_date
from churnguard_gui.store.db import audit, inserted_id, writing

# audit actions that are a protection measure in themselves → the kind shown on the record
AUDITED = {"password_set": "encryption", "password_changed": "encryption", "password_removed": "encryption",
           "notice_printed": "reminder", "handover_complete": "reminder", "backup": "backup",
           "audit_redacted": "privacy"}
# English source texts, translated where the record is shown (reports/measures_pdf.measure_text)
TEXTS = {"password_set": "Database and backups encrypted with a password (by {by})",
         "password_changed": "Database password changed (by {by})",
         "password_removed": "Database password removed: the file is no longer encrypted (by {by})",
         "notice_printed": "Notice of obligations printed for a leaver (agreement {agreement})",
         "handover_complete": "Exit handover completed with its checklist (handover {handover})",
         "audit_redacted": "Names of deleted records removed from the audit log ({rows} rows)",
         "access": "Access to trade secrets limited: {count} of {total} current staff have it"}


@dataclass(frozen=True)
class Measure:
    on: str  # YYYY-MM-DD
    kind: str  # agreement | encryption | reminder | access | backup | privacy | manual
    what: str  # an English source text for i18n.tr, or the user's own words for a manual entry
    values: dict[str, object]
    manual_id: int | None = None


def measures(db: Database) -> list[Measure]:
    """Every measure on record, oldest first."""
    found: list[Measure] = []
    for on, kind, count in db.execute(
            "SELECT substr(signed_on, 1, 10), kind, count(*) FROM agreements WHERE signed_on IS NOT NULL "
            "GROUP BY 1, 2 ORDER BY 1"):
        found.append(Measure(on, "agreement", "{count} {kind} agreements signed", {"count": count, "kind": kind}))
    backups = []
    for at, action, detail in db.execute(
            f"SELECT at, action, detail FROM audit_log WHERE action IN ({', '.join('?' * len(AUDITED))}) "
            "ORDER BY id", list(AUDITED)):
        on = at[:10]
        values = _values(detail)
        if action == "backup":
            backups.append(on)
            continue
        found.append(Measure(on, AUDITED[action], TEXTS[action], {"by": "", "agreement": "", "handover": "",
                                                                   "rows": "", **values}))
    if backups:
        found.append(Measure(backups[-1], "backup", "{count} verified backups made, the first on {first}",
                             {"count": len(backups), "first": backups[0]}))
    with_access, total = db.execute("SELECT coalesce(sum(secret_access), 0), count(*) FROM staff "
                                    "WHERE status IN ('active', 'notice')").fetchone()
    if total:
        found.append(Measure(dt.date.today().isoformat(), "access",
                             TEXTS["access"],
                             {"count": with_access, "total": total}))
    for row_id, on, what, note in db.execute("SELECT id, done_on, measure, note FROM protection_measures"):
        found.append(Measure(on, "manual", what + (f" — {note}" if note else ""), {}, row_id))
    return sorted(found, key=lambda m: (m.on, m.kind))


def _values(detail: str) -> dict[str, object]:
    try:
        values = json.loads(detail)
    except ValueError:
        return {}
    return values if isinstance(values, dict) else {}


def add_measure(db: Database, on: str, what: str, note: str = "") -> int:
    """A measure taken outside the app (a locked cabinet, a training, access cards), with its date."""
    what, note = what.strip(), note.strip()
    if not what:
        raise StoreError("required", field="measure")
    try:
        day = parse_date(on)
    except FieldProblem as problem:
        raise problem.at("done_on", StoreError) from None
    if day is None:
        raise StoreError("required", field="done_on")
    with writing(db):
        row_id = inserted_id(db.execute("INSERT INTO protection_measures (done_on, measure, note) VALUES (?, ?, ?)",
                                        [str(day), what, note]))
        audit(db, "measure_added", measure=row_id)
    return row_id
