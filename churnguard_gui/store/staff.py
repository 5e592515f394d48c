"""Reading and writing staff records."""
from __future__ import annotations

from dataclasses import asdict

from sqlite_utils import Database

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.importing import name_key
from churnguard_gui.core.models import STAFF_COLUMNS, Staff
from churnguard_gui.core.validate import validate_staff
from churnguard_gui.core.values import phone_digits
from churnguard_gui.i18n import join_names
from churnguard_gui.store.db import audit, inserted_id, writing


def get_staff(db: Database, staff_id: int) -> Staff:
    from churnguard_gui.store.clients import row_version

    row = db.execute(f"SELECT {', '.join(STAFF_COLUMNS)} FROM staff WHERE id = ?", [staff_id]).fetchone()
    if row is None:
        raise StoreError("not_found", value=str(staff_id))
    staff = Staff(**dict(zip(STAFF_COLUMNS, row, strict=True)), version=row_version(db, "staff", staff_id))
    staff.secret_access = bool(staff.secret_access)
    return staff


def staff_values(staff: Staff) -> dict[str, object]:
    values = {k: v for k, v in asdict(staff).items() if k not in ("id", "version")}
    values["secret_access"] = int(staff.secret_access)
    values["phone_digits"] = phone_digits(staff.phone)
    return values


def insert_staff(db: Database, staff: Staff) -> int:
    """Insert inside the caller's transaction; returns the new id."""
    values = staff_values(staff)
    cols = ", ".join(values)
    cursor = db.execute(f"INSERT INTO staff ({cols}) VALUES ({', '.join('?' * len(values))})", list(values.values()))
    return inserted_id(cursor)


def save_staff(db: Database, staff: Staff) -> int:
    """Insert or update one staff member after checking it; returns its id."""
    problems = validate_staff(staff)
    if problems:
        field, problem = next(iter(problems.items()))
        raise problem.at(field, StoreError)
    with writing(db):
        if staff.id is None:
            return insert_staff(db, staff)
        from churnguard_gui.store.clients import check_version, row_version

        check_version(db, "staff", staff.id, staff.version, staff.name)
        values = staff_values(staff)
        sets = ", ".join(f"{k} = ?" for k in values)
        db.execute(f"UPDATE staff SET {sets}, updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') "
                   "WHERE id = ?", [*values.values(), staff.id])
        if staff.status in ("notice", "left") and staff.last_day:
            from churnguard_gui.store.agreements import start_noncompete_clocks

            start_noncompete_clocks(db, staff.id, staff.last_day)
        staff.version = row_version(db, "staff", staff.id)
        return staff.id


def owned_clients(db: Database, staff_id: int) -> list[tuple[int, str]]:
    return db.execute("SELECT c.id, c.name FROM client_team t JOIN clients c ON c.id = t.client_id "
                      "WHERE t.staff_id = ? AND t.role = 'owner' ORDER BY c.annual_value DESC", [staff_id]).fetchall()


def delete_staff(db: Database, staff_id: int) -> None:
    """Delete a staff member who owns no clients; their backup and manager links go with them."""
    staff = get_staff(db, staff_id)
    owned = owned_clients(db, staff_id)
    if owned:
        names = join_names(name for _, name in owned[:5]) + ("…" if len(owned) > 5 else "")
        raise StoreError("owner_has_clients", value=staff.name, details={"count": len(owned), "names": names})
    with writing(db):
        db.execute("DELETE FROM client_team WHERE staff_id = ?", [staff_id])
        db.execute("DELETE FROM staff WHERE id = ?", [staff_id])
        audit(db, "delete_staff", id=staff_id)  # who and when, never the deleted person's name (PIPL art. 47)


def staff_choices(db: Database, include_left: bool = False) -> list[tuple[int, str, str]]:
    """(id, name, status) for pickers: people who can hold clients first."""
    where = "" if include_left else "WHERE status IN ('active', 'notice')"
    return db.execute(f"SELECT id, name, status FROM staff {where} ORDER BY status != 'active', name").fetchall()


def staff_name_index(db: Database) -> dict[str, int]:
    """Name keys of all staff to ids (the first of equal names wins)."""
    index: dict[str, int] = {}
    for staff_id, name in db.execute("SELECT id, name FROM staff ORDER BY id"):
        index.setdefault(name_key(name), staff_id)
    return index


def find_staff(db: Database, key: str) -> int:
    """The id of the staff member given by id or by name; ambiguous names are refused."""
    if key.isdigit() and db.execute("SELECT 1 FROM staff WHERE id = ?", [int(key)]).fetchone():
        return int(key)
    matches = [(i, n) for i, n in db.execute("SELECT id, name FROM staff") if name_key(n) == name_key(key)]
    if not matches:
        raise StoreError("not_found", value=key)
    if len(matches) > 1:
        raise StoreError("ambiguous_staff", value=key,
                         details={"choices": ", ".join(f"{i} ({n})" for i, n in matches)})
    return matches[0][0]


def staff_statuses(db: Database) -> dict[str, str]:
    """Name keys of all staff to their status (the first of equal names wins), for import warnings."""
    index: dict[str, str] = {}
    for name, status in db.execute("SELECT name, status FROM staff ORDER BY id"):
        index.setdefault(name_key(name), status)
    return index
