"""Storing agreements: drafting, printing, signing with the scanned copy, the non-compete clock and payments."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace

from sqlite_utils import Database

from churnguard_gui.core.agreements import (
    NONCOMPETE_KEEPS_SECRETS_FROM,
    AgreementDraft,
    AgreementText,
    Installment,
    Parties,
    PaymentAlert,
    effective_status,
    noncompete_period,
    payment_alert,
    render,
    schedule,
    schedule_after_release,
)
from churnguard_gui.core.errors import FieldProblem, StoreError
from churnguard_gui.core.handover import AgreementLine
from churnguard_gui.core.legal import (
    JURISDICTIONS,
    check_terms,
    jurisdiction_problem,
    monthly_owed,
    refusals,
    release_cost_on,
)
from churnguard_gui.core.values import parse_date
from churnguard_gui.store.db import audit, inserted_id, writing
from churnguard_gui.store.settings import get_setting

_DRAFT_COLUMNS = ("staff_id", "kind", "category", "secret_access", "jurisdiction", "secrets", "competitors", "region",
                  "months", "average_wage", "minimum_wage", "monthly_compensation", "penalty", "language", "business",
                  "floor_region")


@dataclass(frozen=True)
class StoredAgreement:
    id: int
    document_no: str
    status: str
    draft: AgreementDraft
    signed_on: str | None
    witness: str
    noncompete_start: str | None
    noncompete_end: str | None
    released_on: str | None
    fingerprint: str
    template_version: str
    parties: Parties | None = None  # as printed (None for agreements drafted before version 2026.2)
    departure_pay: int | None = None
    departure_decision: str | None = None  # enforce / waive, decided at departure
    release_kind: str | None = None  # waiver (at departure, free) / release (during the period, three months)


def parties(db: Database, staff_id: int) -> Parties:
    """The parties as the records describe them now (the firm from Firm settings, the person from the staff)."""
    row = db.execute("SELECT name, role, department, id_number, notice_address, phone FROM staff WHERE id = ?",
                     [staff_id]).fetchone()
    if row is None:
        raise StoreError("not_found", value=str(staff_id))
    return Parties(get_setting(db, "firm_name"), row[0], row[1], row[2], get_setting(db, "firm_credit_code"),
                   get_setting(db, "firm_address"), row[3], row[4], row[5], get_setting(db, "governing_law"))


def printable(db: Database, agreement_id: int, language: str) -> tuple[AgreementText, AgreementText | None]:
    """What is printed for signing: always the binding Chinese text; with an English courtesy translation
    attached when the app (or the draft) is in English (劳动合同法 第23条: the signed text is the Chinese one)."""
    stored = get_agreement(db, agreement_id)
    people = stored.parties or parties(db, stored.draft.staff_id)
    chinese = render(replace(stored.draft, language="zh"), people, stored.document_no, stored.template_version)
    if language == "zh" and stored.draft.language == "zh":
        return chinese, None
    english = render(replace(stored.draft, language="en"), people, stored.document_no, stored.template_version)
    return chinese, english


def needs_supplement(stored: StoredAgreement) -> bool:
    """A signed non-compete on a template before 2026.2 lacks the clawback, the free waiver at departure, the
    dispute clause and says "连续三个月": offer a 补充协议 on the current terms (never edit the old text)."""
    from churnguard_gui.core.agreements import FIRST_FULL_VERSION

    return (stored.template_version != "" and stored.template_version < FIRST_FULL_VERSION  # "": not recorded
            and stored.draft.has_noncompete
            and stored.status in ("signed", "printed"))


def supplement(db: Database, agreement_id: int, language: str) -> tuple[AgreementText, AgreementText | None]:
    """The 补充协议 for an agreement on template 2026.1 (Chinese, signed; English attached in English)."""
    from churnguard_gui.core.supplement import render_supplement

    stored = get_agreement(db, agreement_id)
    if not needs_supplement(stored):
        raise StoreError("supplement_not_needed", value=stored.document_no)
    people = parties(db, stored.draft.staff_id)
    chinese = render_supplement(stored.draft, people, stored.document_no, stored.signed_on, "zh")
    english = render_supplement(stored.draft, people, stored.document_no, stored.signed_on, "en") \
        if language != "zh" else None
    return chinese, english


def needing_supplement(db: Database) -> list[tuple[int, str, str]]:
    """(agreement id, document, staff name) of non-competes on template 2026.1 still in force or awaiting signing."""
    rows = db.execute("SELECT a.id, a.document_no, s.name FROM agreements a JOIN staff s ON s.id = a.staff_id "
                      "WHERE a.template_version != '' AND a.template_version < '2026.2' "
                      "AND a.kind IN ('noncompete', 'both') "
                      "AND a.status IN ('signed', 'printed') ORDER BY a.document_no").fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


def owed_monthly(db: Database, stored: StoredAgreement) -> int:
    """The monthly amount owed after departure: the agreed amount topped up to the floor worked out from the
    12-month average pay recorded at departure (core.legal.monthly_owed)."""
    law = JURISDICTIONS[stored.draft.jurisdiction]
    minimum = _int(get_setting(db, "minimum_wage").replace(",", "")) or stored.draft.minimum_wage
    return monthly_owed(stored.draft.monthly_compensation, stored.departure_pay, minimum, law,
                        stored.draft.floor_region)


def _int(text: str) -> int:
    return int(text) if text.strip().isdigit() else 0


def get_agreement(db: Database, agreement_id: int) -> StoredAgreement:
    row = db.execute(f"SELECT id, document_no, status, {', '.join(_DRAFT_COLUMNS)}, signed_on, witness, "
                     "noncompete_start, noncompete_end, released_on, fingerprint, template_version, parties, "
                     "departure_pay, departure_decision, release_kind FROM agreements WHERE id = ?",
                     [agreement_id]).fetchone()
    if row is None:
        raise StoreError("not_found", value=str(agreement_id))
    values = dict(zip(_DRAFT_COLUMNS, row[3:3 + len(_DRAFT_COLUMNS)], strict=True))
    values["secrets"] = tuple(json.loads(values["secrets"]))
    values["secret_access"] = bool(values["secret_access"])
    rest = list(row[3 + len(_DRAFT_COLUMNS):])
    rest[7] = Parties.from_json(rest[7]) if rest[7] else None
    return StoredAgreement(row[0], row[1], row[2], AgreementDraft(**values), *rest)


def _next_number(db: Database, year: int) -> str:
    prefix = f"AG-{year}-"
    row = db.execute("SELECT max(document_no) FROM agreements WHERE document_no LIKE ?", [prefix + "%"]).fetchone()
    last = int(row[0].rsplit("-", 1)[1]) if row[0] else 0
    return f"{prefix}{last + 1:05d}"


def save_agreement(db: Database, draft: AgreementDraft, fingerprint_of=None, today: dt.date | None = None,
                   people: Parties | None = None, update_staff: bool = False) -> int:
    """Store a new agreement as a draft after the legal checks, with the parties as printed. The text is rendered
    with its number (from the current template) before it is stored; fingerprint_of(document_no) -> (fingerprint,
    template version) is kept for callers that render it themselves."""
    law = JURISDICTIONS[draft.jurisdiction]
    findings = check_terms(draft.terms(), law)
    refused = refusals(findings)
    if refused:
        first = refused[0]
        raise StoreError(first.code, details={**first.detail(), "article": first.article})
    people = people or parties(db, draft.staff_id)
    if jurisdiction_problem(draft.jurisdiction, get_setting(db, "place_of_work", "mainland")):
        raise StoreError("other_law_mainland", field="jurisdiction")
    if not law.binding and not people.governing_law.strip():
        raise StoreError("governing_law_missing", field="governing_law")
    today = today or dt.date.today()
    with writing(db):
        number = _next_number(db, today.year)
        if fingerprint_of is None:  # the fingerprint of the binding Chinese text, whatever the app's language
            text = render(replace(draft, language="zh"), people, number)
            fingerprint, version = text.fingerprint, text.template_version
        else:
            fingerprint, version = fingerprint_of(number)
        values = {c: getattr(draft, c) for c in _DRAFT_COLUMNS}
        values["secrets"] = json.dumps(list(draft.secrets), ensure_ascii=False)
        values["secret_access"] = int(draft.secret_access)
        if not draft.has_noncompete:
            values.update(months=0, monthly_compensation=0, penalty=0, competitors="", region="", business="")
        values["parties"] = people.to_json()
        if update_staff:  # the identification typed in the wizard is kept on the staff record, in this transaction
            from churnguard_gui.core.values import phone_digits

            db.execute("UPDATE staff SET id_number = ?, notice_address = ?, phone = ?, phone_digits = ?, "
                       "secret_access = ? WHERE id = ?",
                       [people.id_number, people.notice_address, people.phone, phone_digits(people.phone),
                        int(draft.secret_access), draft.staff_id])
        cols = ", ".join(values)
        agreement_id = inserted_id(db.execute(
            f"INSERT INTO agreements (document_no, fingerprint, template_version, warnings, {cols}) "
            f"VALUES (?, ?, ?, ?, {', '.join('?' * len(values))})",
            [number, fingerprint, version, json.dumps([f.code for f in findings]), *values.values()]))
        audit(db, "agreement_drafted", agreement=agreement_id, document=number, staff=draft.staff_id, kind=draft.kind,
              warnings=[f.code for f in findings])
    return agreement_id


def mark_printed(db: Database, agreement_id: int, target: str = "") -> None:
    """Every print (or save as PDF) is audited; a draft becomes printed."""
    stored = get_agreement(db, agreement_id)
    with writing(db):
        if stored.status == "draft":
            db.execute("UPDATE agreements SET status = 'printed', printed_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', "
                       "'localtime') WHERE id = ?", [agreement_id])
        audit(db, "agreement_printed", agreement=agreement_id, document=stored.document_no, target=target)


def record_signing(db: Database, agreement_id: int, signed_on: str, witness: str,
                   scan: tuple[str, str, bytes] | None = None) -> None:
    """Signed on a date before a witness, with the scanned signed copy (name, mime type, bytes) kept."""
    stored = get_agreement(db, agreement_id)
    if stored.status not in ("printed", "draft"):
        raise StoreError("agreement_not_printed", value=stored.status)
    try:
        date = parse_date(signed_on)
    except FieldProblem as problem:
        raise problem.at("signed_on", StoreError) from None
    if not date:
        raise StoreError("required", field="signed_on")
    with writing(db):
        db.execute("UPDATE agreements SET status = 'signed', signed_on = ?, witness = ? WHERE id = ?",
                   [date, witness.strip(), agreement_id])
        if scan is not None:
            db.execute("INSERT INTO agreement_files (agreement_id, name, mime, data) VALUES (?, ?, ?, ?)",
                       [agreement_id, *scan])
        staff = db.execute("SELECT status, last_day FROM staff WHERE id = ?", [stored.draft.staff_id]).fetchone()
        if staff[0] in ("notice", "left") and staff[1]:
            _start_clock(db, agreement_id, stored.draft.months, staff[1])
        audit(db, "agreement_signed", agreement=agreement_id, document=stored.document_no, signed_on=date,
              scan=scan[0] if scan else None)


def _start_clock(db: Database, agreement_id: int, months: int, last_day: str) -> None:
    if months > 0:
        start, end = noncompete_period(last_day, months)
        db.execute("UPDATE agreements SET noncompete_start = ?, noncompete_end = ? WHERE id = ?",
                   [start, end, agreement_id])


def start_noncompete_clocks(db: Database, staff_id: int, last_day: str) -> None:
    """Inside the caller's transaction: the person's signed non-competes run from their last working day."""
    for agreement_id, months in db.execute(
            "SELECT id, months FROM agreements WHERE staff_id = ? AND status = 'signed' "
            "AND kind IN ('noncompete', 'both')", [staff_id]).fetchall():
        _start_clock(db, agreement_id, months, last_day)


def release_early(db: Database, agreement_id: int, on: str) -> int:
    """End the non-compete: before the period starts a written waiver (costs nothing), during it a release that
    costs three more months (解释(一) 第39条), added to the payment schedule. Returns what it costs."""
    stored = get_agreement(db, agreement_id)
    if stored.status != "signed" or not stored.draft.has_noncompete:
        raise StoreError("agreement_not_signed_noncompete")
    cost, _start = release_cost_preview(db, agreement_id, on)
    kind = "release" if cost else "waiver"
    with writing(db):
        db.execute("UPDATE agreements SET status = 'released', released_on = ?, release_kind = ?, "
                   "departure_decision = CASE WHEN ? = 'waiver' THEN 'waive' ELSE departure_decision END WHERE id = ?",
                   [on, kind, kind, agreement_id])
        audit(db, "agreement_released", agreement=agreement_id, document=stored.document_no, on=on, cost=cost,
              kind=kind)
    return cost


def release_cost_preview(db: Database, agreement_id: int, on: str) -> tuple[int, str | None]:
    """What ending the non-compete on that day costs, and the day its period starts (None while unknown)."""
    stored = get_agreement(db, agreement_id)
    law = JURISDICTIONS[stored.draft.jurisdiction]
    start = stored.noncompete_start
    if start is None:
        last_day = db.execute("SELECT last_day FROM staff WHERE id = ?", [stored.draft.staff_id]).fetchone()[0]
        start = noncompete_period(last_day, max(stored.draft.months, 1))[0] if last_day else None
    return release_cost_on(owed_monthly(db, stored), on, start, law), start


def record_departure(db: Database, staff_id: int, average_pay: int | None, decisions: dict[int, str],
                     on: str) -> None:
    """Inside the caller's transaction (the handover's): the 12-month average pay at departure and, for each
    signed non-compete, enforce or waive. A waiver is given at departure and costs nothing."""
    for agreement_id, decision in decisions.items():
        if decision not in ("enforce", "waive"):
            raise StoreError("bad_choice", field="departure_decision", value=decision,
                             details={"choices": "enforce, waive"})
        row = db.execute("SELECT staff_id, status FROM agreements WHERE id = ?", [agreement_id]).fetchone()
        if row is None or row[0] != staff_id:
            raise StoreError("not_found", value=str(agreement_id))
        db.execute("UPDATE agreements SET departure_pay = ?, departure_decision = ? WHERE id = ?",
                   [average_pay, decision, agreement_id])
        if decision == "waive" and row[1] == "signed":
            db.execute("UPDATE agreements SET status = 'released', released_on = ?, release_kind = 'waiver', "
                       "noncompete_start = NULL, noncompete_end = NULL WHERE id = ?", [on, agreement_id])
        audit(db, "noncompete_decision", agreement=agreement_id, staff=staff_id, decision=decision,
              average_pay=average_pay)


def departure_noncompetes(db: Database, staff_id: int) -> list[StoredAgreement]:
    """The person's signed non-competes (and those already decided at this departure)."""
    ids = [r[0] for r in db.execute(
        "SELECT id FROM agreements WHERE staff_id = ? AND kind IN ('noncompete', 'both') AND (status = 'signed' "
        "OR (status = 'released' AND release_kind = 'waiver')) ORDER BY id", [staff_id]).fetchall()]
    return [get_agreement(db, i) for i in ids]


def record_payment(db: Database, agreement_id: int, number: int, amount: int, paid_on: str, note: str = "") -> None:
    with writing(db):
        db.execute("INSERT INTO compensation_payments (agreement_id, number, amount, paid_on, note) "
                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT (agreement_id, number) DO UPDATE SET amount = excluded.amount, "
                   "paid_on = excluded.paid_on, note = excluded.note", [agreement_id, number, amount, paid_on, note])
        audit(db, "compensation_paid", agreement=agreement_id, month=number, amount=amount, paid_on=paid_on)


def scans(db: Database, agreement_id: int) -> list[tuple[int, str, str]]:
    return db.execute("SELECT id, name, mime FROM agreement_files WHERE agreement_id = ? ORDER BY id",
                      [agreement_id]).fetchall()


def scan_data(db: Database, file_id: int) -> bytes:
    return db.execute("SELECT data FROM agreement_files WHERE id = ?", [file_id]).fetchone()[0]


# -- overviews
@dataclass(frozen=True)
class Obligation:
    agreement_id: int
    document_no: str
    staff_name: str
    installments: tuple[Installment, ...]
    alert: PaymentAlert
    released_on: str | None


def obligations(db: Database, today: dt.date | None = None) -> list[Obligation]:
    """Everyone whose non-compete clock runs (or ran): months due, amounts, what is paid, and alerts."""
    today = today or dt.date.today()
    out = []
    for agreement_id, number, name, start, months, _agreed, status, released, kind, code in db.execute(
            "SELECT a.id, a.document_no, s.name, a.noncompete_start, a.months, a.monthly_compensation, a.status, "
            "a.released_on, a.release_kind, a.jurisdiction FROM agreements a JOIN staff s ON s.id = a.staff_id "
            "WHERE a.noncompete_start IS NOT NULL AND a.status IN ('signed', 'expired', 'released') "
            "ORDER BY a.noncompete_start").fetchall():
        paid = dict(db.execute("SELECT number, paid_on FROM compensation_payments WHERE agreement_id = ?",
                               [agreement_id]).fetchall())
        law = JURISDICTIONS.get(code, JURISDICTIONS["cn"])
        amount = owed_monthly(db, get_agreement(db, agreement_id))
        plan = schedule(start, months, amount, paid)
        if status == "released" and released:
            extra = law.release_extra_months if kind != "waiver" and released >= start else 0
            plan = schedule_after_release(start, months, amount, released, extra, paid)
        out.append(Obligation(agreement_id, number, name, tuple(plan),
                              payment_alert(plan, today, law.unpaid_months_to_end), released))
    return out


# Who is bound to confidentiality by a signed agreement (the one definition; the Risk tab uses it too): a signed
# confidentiality agreement, or a signed agreement with a non-compete whose text has the confidentiality clauses
# ("both", or a non-compete from NONCOMPETE_KEEPS_SECRETS_FROM) even once expired or released: the end of the
# non-compete period does not end the duty of confidentiality (劳动合同法 第23条).
CONFIDENTIALITY_HELD = (
    "((a.kind = 'confidentiality' AND a.status = 'signed') OR (a.status IN ('signed', 'expired', 'released') "
    f"AND (a.kind = 'both' OR (a.kind = 'noncompete' AND a.template_version >= '{NONCOMPETE_KEEPS_SECRETS_FROM}'))))")


def staff_without_confidentiality(db: Database) -> list[tuple[int, str]]:
    return db.execute(
        "SELECT s.id, s.name FROM staff s WHERE s.status IN ('active', 'notice') AND NOT EXISTS ("
        f"SELECT 1 FROM agreements a WHERE a.staff_id = s.id AND {CONFIDENTIALITY_HELD}) ORDER BY s.name").fetchall()


def agreement_lines(db: Database, staff_id: int, today: dt.date | None = None) -> tuple[AgreementLine, ...]:
    """The person's agreements for the handover report (a 'both' agreement gives two lines); the monthly amount is
    what is owed after departure (topped up to the floor at departure), not only what was agreed."""
    from churnguard_gui.core.legal import region_floor

    today = today or dt.date.today()
    lines = []
    for (agreement_id,) in db.execute("SELECT id FROM agreements WHERE staff_id = ? AND status != 'draft' "
                                      "ORDER BY id", [staff_id]).fetchall():
        a = get_agreement(db, agreement_id)
        kind, status = a.draft.kind, a.status
        shown = effective_status(status, a.noncompete_end, kind, today)
        if kind in ("confidentiality", "both"):
            lines.append(AgreementLine("confidentiality", shown if kind == "confidentiality" else status, a.signed_on,
                                       document_no=a.document_no))
        if kind in ("noncompete", "both"):
            owed = owed_monthly(db, a) if a.draft.monthly_compensation else 0
            topped = owed > a.draft.monthly_compensation
            law = JURISDICTIONS[a.draft.jurisdiction]
            lines.append(AgreementLine("noncompete", shown, a.signed_on, a.noncompete_end, owed or None,
                                       a.document_no, a.noncompete_start, a.draft.months, a.departure_decision,
                                       a.release_kind, region_floor(a.draft.floor_region, law).code if topped else "",
                                       a.draft.business, a.draft.region))
    return tuple(lines)


def staff_agreements(db: Database, staff_id: int) -> list[tuple[str, str, str, str | None, str | None]]:
    """(document, kind, status, signed on, non-compete end) for the staff record."""
    return db.execute("SELECT document_no, kind, status, signed_on, noncompete_end FROM agreements "
                      "WHERE staff_id = ? ORDER BY id", [staff_id]).fetchall()


def delete_draft(db: Database, agreement_id: int) -> None:
    """Only an agreement never printed can be deleted."""
    stored = get_agreement(db, agreement_id)
    if stored.status != "draft":
        raise StoreError("agreement_not_draft", value=stored.document_no)
    with writing(db):
        db.execute("DELETE FROM agreements WHERE id = ?", [agreement_id])
        audit(db, "agreement_deleted", agreement=agreement_id, document=stored.document_no)


def notice_for(db: Database, agreement_id: int, language: str):
    """The waiver or release notice of a released non-compete, for printing and signing: the monthly amount is the
    one owed after departure, the basis names the agreement's own waiver clause, the delivery date once recorded."""
    from churnguard_gui.core.legal import region_floor, release_cost
    from churnguard_gui.core.notices import NoticeFacts, notice_text

    stored = get_agreement(db, agreement_id)
    if stored.status != "released" or not stored.released_on:
        raise StoreError("agreement_not_released", value=stored.document_no)
    people = parties(db, stored.draft.staff_id)
    last_day = db.execute("SELECT last_day FROM staff WHERE id = ?", [stored.draft.staff_id]).fetchone()[0] or ""
    law = JURISDICTIONS[stored.draft.jurisdiction]
    kind = stored.release_kind or "release"
    owed = owed_monthly(db, stored)
    cost = release_cost(owed, law) if kind == "release" else 0
    share = region_floor(stored.draft.floor_region, law).share_text() if owed > stored.draft.monthly_compensation \
        else ""
    facts = NoticeFacts(kind, stored.document_no, stored.draft.kind, stored.signed_on, last_day,
                        stored.noncompete_start, stored.released_on, cost, owed, share,
                        printable(db, agreement_id, "zh")[0].clause_number("放弃"),
                        notice_delivered_on(db, agreement_id))
    return notice_text(facts, people, china=law.binding, language=language)


def notice_delivered_on(db: Database, agreement_id: int) -> str | None:
    """The day the notice was delivered to the leaver, as last recorded (kept in the append-only audit log)."""
    row = db.execute("SELECT json_extract(detail, '$.delivered_on') FROM audit_log WHERE action = 'notice_delivered' "
                     "AND json_extract(detail, '$.agreement') = ? ORDER BY id DESC LIMIT 1", [agreement_id]).fetchone()
    return row[0] if row else None


@dataclass(frozen=True)
class Delivery:
    kind: str  # waiver / release, after the delivery date is known
    cost: int  # what ending the non-compete now costs
    became_release: bool  # a waiver delivered after the last working day: it is a release (解释(一) 第39条)


def record_notice_delivery(db: Database, agreement_id: int, delivered_on: str) -> Delivery:
    """Record the day the notice reached the leaver. A waiver takes effect only when delivered at termination:
    delivered after the last working day it falls in the non-compete period and is a release costing three more
    months (解释(一) 第37条 vs 第39条) — the agreement becomes a release dated the delivery day."""
    stored = get_agreement(db, agreement_id)
    if stored.status != "released":
        raise StoreError("agreement_not_released", value=stored.document_no)
    try:
        day = parse_date(delivered_on)
    except FieldProblem as problem:
        raise problem.at("delivered_on", StoreError) from None
    if not day:
        raise StoreError("required", field="delivered_on")
    last_day = db.execute("SELECT last_day FROM staff WHERE id = ?", [stored.draft.staff_id]).fetchone()[0]
    law = JURISDICTIONS[stored.draft.jurisdiction]
    late = stored.release_kind == "waiver" and bool(last_day) and day > last_day
    cost = 0
    with writing(db):
        if late:
            start, end = noncompete_period(last_day, max(stored.draft.months, 1))
            cost = owed_monthly(db, stored) * law.release_extra_months
            db.execute("UPDATE agreements SET release_kind = 'release', released_on = ?, noncompete_start = ?, "
                       "noncompete_end = ? WHERE id = ?", [day, start, end, agreement_id])
            audit(db, "agreement_released", agreement=agreement_id, document=stored.document_no, on=day, cost=cost,
                  kind="release", reason="waiver delivered after the last working day")
        elif stored.release_kind == "release":
            cost = owed_monthly(db, stored) * law.release_extra_months
        audit(db, "notice_delivered", agreement=agreement_id, document=stored.document_no, delivered_on=day)
    return Delivery("release" if late or stored.release_kind == "release" else "waiver", cost, late)


def log_notice_printed(db: Database, agreement_id: int, target: str) -> None:
    with writing(db):
        audit(db, "notice_printed", agreement=agreement_id, target=target)


def log_supplement_printed(db: Database, agreement_id: int, target: str) -> None:
    with writing(db):
        audit(db, "supplement_printed", agreement=agreement_id, target=target)
