"""Reading and writing clients with their contacts, team and ownership history."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from sqlite_utils import Database

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.importing import name_key
from churnguard_gui.core.models import CLIENT_COLUMNS, Client, Contact, TeamMember
from churnguard_gui.core.validate import validate_client
from churnguard_gui.core.values import phone_digits
from churnguard_gui.store.db import audit, writing

_CONTACT_COLUMNS = ("id", "name", "title", "phone", "email", "is_primary", "notes")


def get_client(db: Database, client_id: int) -> Client:
    row = db.execute(f"SELECT {', '.join(CLIENT_COLUMNS)} FROM clients WHERE id = ?", [client_id]).fetchone()
    if row is None:
        raise StoreError("not_found", value=str(client_id))
    client = Client(*row)
    client.contacts = [
        Contact(*r[:5], bool(r[5]), r[6]) for r in db.execute(
            f"SELECT {', '.join(_CONTACT_COLUMNS)} FROM client_contacts WHERE client_id = ? "
            "ORDER BY is_primary DESC, id", [client_id])
    ]
    client.team = [TeamMember(s, r) for s, r in db.execute(
        "SELECT staff_id, role FROM client_team WHERE client_id = ? ORDER BY role != 'owner', id", [client_id])]
    return client


def code_taken(db: Database, code: str | None, exclude_id: int | None = None) -> bool:
    if not code:
        return False
    row = db.execute("SELECT id FROM clients WHERE code = ? AND id IS NOT ?", [code, exclude_id]).fetchone()
    return row is not None


def check_client(db: Database, client: Client) -> dict:
    """Field problems including those only the database knows (a code already used)."""
    from churnguard_gui.core.errors import FieldProblem

    problems = validate_client(client)
    if code_taken(db, client.code, client.id):
        problems["code"] = FieldProblem("duplicate_code", value=client.code)
    return problems


def save_client(db: Database, client: Client, reason: str = "edit", today: str | None = None) -> int:
    """Insert or update a client, its contacts and team in one transaction; owner changes are logged."""
    problems = check_client(db, client)
    if problems:
        field, problem = next(iter(problems.items()))
        raise problem.at(field, StoreError)
    with writing(db):
        return write_client(db, client, reason, today)


def write_client(db: Database, client: Client, reason: str, today: str | None = None,
                 handover_id: int | None = None) -> int:
    """The writes of save_client, inside the caller's transaction."""
    today = today or dt.date.today().isoformat()
    values = {k: v for k, v in asdict(client).items() if k in CLIENT_COLUMNS and k != "id"}
    values["code"] = client.code or None
    values["needs_owner"] = int(bool(client.needs_owner) and client.owner_id() is None)  # an owner ends the wait
    if client.id is not None and not client.source:
        del values["source"]  # the client dialog does not show the source: an edit keeps it
    old_owner = None
    if client.id is None:
        cols = ", ".join(values)
        client_id = db.execute(f"INSERT INTO clients ({cols}) VALUES ({', '.join('?' * len(values))})",
                               list(values.values())).lastrowid
    else:
        client_id = client.id
        row = db.execute("SELECT staff_id FROM client_team WHERE client_id = ? AND role = 'owner'",
                         [client_id]).fetchone()
        old_owner = row[0] if row else None
        sets = ", ".join(f"{k} = ?" for k in values)
        db.execute(f"UPDATE clients SET {sets}, updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') "
                   "WHERE id = ?", [*values.values(), client_id])
        db.execute("DELETE FROM client_contacts WHERE client_id = ?", [client_id])
        db.execute("DELETE FROM client_team WHERE client_id = ?", [client_id])
    for contact in client.contacts:
        db.execute("INSERT INTO client_contacts (client_id, name, title, phone, phone_digits, email, is_primary, "
                   "notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [client_id, contact.name, contact.title, contact.phone, phone_digits(contact.phone),
                    contact.email, int(contact.is_primary), contact.notes])
    for member in dict.fromkeys(client.team):
        db.execute("INSERT INTO client_team (client_id, staff_id, role, since) VALUES (?, ?, ?, ?)",
                   [client_id, member.staff_id, member.role, today])
    new_owner = client.owner_id()
    if new_owner != old_owner:
        record_owner_change(db, client_id, old_owner, new_owner, today, reason, handover_id)
    return client_id


def record_owner_change(db: Database, client_id: int, old: int | None, new: int | None, on: str,
                        reason: str, handover_id: int | None = None) -> None:
    names = dict(db.execute("SELECT id, name FROM staff WHERE id IN (?, ?)", [old, new]).fetchall())
    db.execute("INSERT INTO ownership_history (client_id, from_staff_id, from_name, to_staff_id, to_name, "
               "changed_on, reason, handover_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               [client_id, old, names.get(old, ""), new, names.get(new, ""), on, reason, handover_id])


def delete_client(db: Database, client_id: int) -> None:
    client = get_client(db, client_id)
    with writing(db):
        db.execute("DELETE FROM clients WHERE id = ?", [client_id])
        audit(db, "delete_client", id=client_id, name=client.name, code=client.code)


def client_name_index(db: Database) -> dict[str, int]:
    return {name_key(n): i for i, n in db.execute("SELECT id, name FROM clients")}


def client_codes(db: Database) -> set[str]:
    return {c for (c,) in db.execute("SELECT code FROM clients WHERE code IS NOT NULL")}


def ownership_history(db: Database, client_id: int) -> list[tuple]:
    return db.execute("SELECT changed_on, from_name, to_name, reason FROM ownership_history "
                      "WHERE client_id = ? ORDER BY id", [client_id]).fetchall()
