"""After the exit: former employees' clients followed for 12 months, losses, and the lawyer's evidence pack."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sqlite_utils import Database

from churnguard_gui.core.after_exit import (
    FOLLOW_MONTHS,
    LOSS_REASONS,
    EvidencePack,
    FormerClient,
    follow_until,
    risk_reasons,
)
from churnguard_gui.core.agreements import add_months
from churnguard_gui.core.errors import StoreError
from churnguard_gui.store.assignment import BACKUP_REASON
from churnguard_gui.store.db import audit, writing
from churnguard_gui.store.settings import get_setting
from churnguard_gui.store.visits import _date

MAX_SCAN_BYTES = 20 * 1024 * 1024
_SCAN_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}

# Each client a former employee owned: handed over (history rows from them) or still on their name.
_HELD_SQL = f"""
    SELECT DISTINCT h.client_id, s.id FROM ownership_history h JOIN staff s ON s.id = h.from_staff_id
    WHERE s.status = 'left' AND s.last_day IS NOT NULL AND h.reason != '{BACKUP_REASON}'
      AND h.to_staff_id IS NOT h.from_staff_id
    UNION
    SELECT t.client_id, s.id FROM client_team t JOIN staff s ON s.id = t.staff_id
    WHERE t.role = 'owner' AND s.status = 'left' AND s.last_day IS NOT NULL"""


def former_clients(db: Database, today: dt.date | None = None, staff_id: int | None = None) -> list[FormerClient]:
    """Clients of people who left within the last 12 months (or of one person, whenever they left)."""
    today = today or dt.date.today()
    earliest = add_months(today, -FOLLOW_MONTHS).isoformat()
    where, params = ("s.id = ?", [staff_id]) if staff_id is not None else \
        ("s.last_day BETWEEN ? AND ?", [earliest, today.isoformat()])
    rows = db.execute(f"""
        SELECT c.id, coalesce(c.code, ''), c.name, s.id, s.name, s.last_day, c.status, c.annual_value,
               coalesce(o.name, ''), coalesce(c.last_contact, ''),
               (SELECT count(*) FROM client_team t JOIN staff x ON x.id = t.staff_id
                 WHERE t.client_id = c.id AND x.status IN ('active', 'notice')) - 1,
               coalesce(l.lost_on, ''), coalesce(l.reason = 'went_with_former', 0), coalesce(l.value_lost, 0)
        FROM ({_HELD_SQL}) held
        JOIN clients c ON c.id = held.client_id JOIN staff s ON s.id = held.id
        LEFT JOIN client_team ot ON ot.client_id = c.id AND ot.role = 'owner'
        LEFT JOIN staff o ON o.id = ot.staff_id
        LEFT JOIN client_losses l ON l.client_id = c.id
        WHERE {where}
        ORDER BY s.last_day DESC, s.name, c.annual_value DESC, c.id""", params).fetchall()
    out = []
    for row in rows:
        row = list(row)
        row[10] = max(row[10], 0)
        row[12] = bool(row[12])
        if row[6] == "lost" and row[13]:
            row[7] = row[13]
        out.append(FormerClient(*row))
    return out


def at_risk(db: Database, today: dt.date | None = None) -> list[tuple[FormerClient, list[str]]]:
    today = today or dt.date.today()
    return [(c, r) for c in former_clients(db, today) if (r := risk_reasons(c, today))]


def former_staff(db: Database, today: dt.date | None = None) -> list[tuple[int, str, str, str]]:
    """People who left within the follow-up window: id, name, last day, followed until."""
    today = today or dt.date.today()
    earliest = add_months(today, -FOLLOW_MONTHS).isoformat()
    return [(i, n, d, follow_until(d)) for i, n, d in db.execute(
        "SELECT id, name, last_day FROM staff WHERE status = 'left' AND last_day BETWEEN ? AND ? "
        "ORDER BY last_day DESC, name", [earliest, today.isoformat()])]


def record_loss(db: Database, client_id: int, lost_on: str, reason: str, former_staff_id: int | None,
                notes: str = "") -> None:
    """The client is lost: status 'lost', the value it brought, and whether it went with a former employee."""
    if reason not in LOSS_REASONS:
        raise StoreError("bad_choice", field="reason", value=reason, details={"choices": ", ".join(LOSS_REASONS)})
    date = _date(lost_on, "lost_on")
    row = db.execute("SELECT annual_value FROM clients WHERE id = ?", [client_id]).fetchone()
    if row is None:
        raise StoreError("not_found", value=str(client_id))
    with writing(db):
        db.execute("INSERT INTO client_losses (client_id, lost_on, reason, former_staff_id, value_lost, notes) "
                   "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET lost_on = excluded.lost_on, "
                   "reason = excluded.reason, former_staff_id = excluded.former_staff_id, notes = excluded.notes",
                   [client_id, date, reason, former_staff_id, row[0], notes.strip()])
        db.execute("UPDATE clients SET status = 'lost' WHERE id = ?", [client_id])
        audit(db, "client_lost", client=client_id, reason=reason, former=former_staff_id, on=date)


def last_handover(db: Database, staff_id: int) -> int | None:
    row = db.execute("SELECT id FROM handovers WHERE staff_id = ? AND status != 'draft' ORDER BY id DESC LIMIT 1",
                     [staff_id]).fetchone()
    return row[0] if row else None


def attach_acknowledgement(db: Database, handover_id: int, path: str | Path, signed_on: str) -> int:
    """Keep the scan of the handover report the leaver signed (PDF, PNG or JPEG)."""
    path = Path(path)
    mime = _SCAN_TYPES.get(path.suffix.lower())
    if mime is None:
        raise StoreError("unsupported_scan", file=str(path))
    try:
        if path.stat().st_size > MAX_SCAN_BYTES:
            raise StoreError("file_too_large", file=str(path))
        data = path.read_bytes()
    except OSError as exc:
        raise StoreError("file_unreadable", file=str(path), details={"reason": exc.strerror or str(exc)}) from None
    date = _date(signed_on, "signed_on")
    with writing(db):
        ack_id = db.execute("INSERT INTO handover_acknowledgements (handover_id, signed_on, name, mime, sha256, data) "
                            "VALUES (?, ?, ?, ?, ?, ?)", [handover_id, date, path.name, mime,
                                                          hashlib.sha256(data).hexdigest(), data]).lastrowid
        audit(db, "handover_acknowledgement", handover=handover_id, file=path.name)
    return ack_id


def evidence_pack(db: Database, staff_id: int, now: dt.datetime | None = None) -> EvidencePack:
    """Every dated fact about one former employee a lawyer asks for, from the records."""
    now = now or dt.datetime.now()
    person = db.execute("SELECT name, role, department, coalesce(hire_date, ''), coalesce(notice_date, ''), "
                        "coalesce(last_day, '') FROM staff WHERE id = ?", [staff_id]).fetchone()
    if person is None:
        raise StoreError("not_found", value=str(staff_id))
    handover = db.execute("SELECT id, destination, to_competitor, coalesce(handed_over_at, ''), resignation_date "
                          "FROM handovers WHERE staff_id = ? ORDER BY status = 'draft', id DESC LIMIT 1",
                          [staff_id]).fetchone()
    handover_id = handover[0] if handover else None
    agreements = tuple(db.execute(
        "SELECT document_no, kind, status, coalesce(signed_on, ''), coalesce(noncompete_end, '') FROM agreements "
        "WHERE staff_id = ? ORDER BY id", [staff_id]).fetchall())
    acks = db.execute("SELECT signed_on, name, sha256, mime, data FROM handover_acknowledgements "
                      "WHERE handover_id = ? ORDER BY id", [handover_id]).fetchall()
    clients = tuple(former_clients(db, now.date(), staff_id))
    ids = [c.client_id for c in clients]
    marks = ",".join("?" * len(ids))
    history = tuple(db.execute(
        f"SELECT h.changed_on, c.name, h.from_name, h.to_name, h.reason FROM ownership_history h "
        f"JOIN clients c ON c.id = h.client_id WHERE h.client_id IN ({marks}) ORDER BY h.changed_on, h.id",
        ids).fetchall()) if ids else ()
    contacts = tuple(db.execute(
        f"SELECT l.happened_on, c.name, l.kind, l.summary FROM contact_log l JOIN clients c ON c.id = l.client_id "
        f"WHERE l.client_id IN ({marks}) AND l.happened_on >= ? ORDER BY l.happened_on, l.id",
        [*ids, person[5] or "0000"]).fetchall()) if ids else ()
    measures = tuple((at[:10], action) for at, action in db.execute(
        "SELECT at, action FROM audit_log WHERE (json_extract(detail, '$.staff') = ? OR "
        "(json_extract(detail, '$.handover') = ? AND ? IS NOT NULL)) ORDER BY id",
        [staff_id, handover_id, handover_id]).fetchall())
    return EvidencePack(
        firm=get_setting(db, "firm_name"), generated_at=now.strftime("%Y-%m-%d %H:%M"), staff_name=person[0],
        role=person[1], department=person[2], hire_date=person[3], notice_date=person[4] or
        (handover[4] if handover else ""), last_day=person[5], destination=handover[1] if handover else "",
        to_competitor=bool(handover[2]) if handover else False,
        handover_no=f"HO-{handover_id:05d}" if handover_id else "", handed_over_at=handover[3] if handover else "",
        agreements=agreements, acknowledgements=tuple((a[0], a[1], a[2]) for a in acks),
        ack_images=tuple(a[4] for a in acks if a[3].startswith("image/")), clients=clients, history=history,
        contacts=contacts, measures=measures)


def log_evidence_event(db: Database, action: str, staff_id: int, target: str) -> None:
    with writing(db):
        audit(db, action, report="evidence", staff=staff_id, target=target)
