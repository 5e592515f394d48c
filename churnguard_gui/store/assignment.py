"""Rotation and backups in the database: who holds what, single-threaded clients, and applying a plan."""
from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from churnguard_gui.core.assignment import Colleague, HeldClient, Move, SingleThreaded
from churnguard_gui.core.errors import StoreError
from churnguard_gui.store.clients import record_owner_change
from churnguard_gui.store.db import audit, writing

ROTATION_REASON = "rotation"
BACKUP_REASON = "backup added"

# An active client whose owner is the only employed person of the firm linked to it (the rule of store/risk.py,
# kept per client in client_threads).
_SINGLE_SQL = """
    FROM client_threads x
    JOIN clients c ON c.id = x.client_id
    JOIN staff o ON o.id = x.owner_id
    WHERE x.active = 1 AND x.alone = 1 AND x.owner_id IS NOT NULL"""
# A second contact person exists when the client's contacts skip one and still return a row.
_ONE_CONTACT_WHERE = ("c.status = 'active' AND NOT EXISTS (SELECT 1 FROM client_contacts k WHERE k.client_id = c.id "
                      "LIMIT 1 OFFSET 1)")


def colleagues(db: Database, linked: bool = False) -> list[Colleague]:
    """Active staff with their load: clients owned (or, linked=True, owned or backed up) and value owned.
    One pass over the client teams, not one per person."""
    roles = ("owner", "backup") if linked else ("owner",)
    load: dict[int, list[int]] = {}
    for staff_id, role, count, value in db.execute(
            "SELECT t.staff_id, t.role, count(*), coalesce(sum(c.annual_value), 0) FROM client_team t "
            "JOIN clients c ON c.id = t.client_id WHERE c.status = 'active' AND t.role IN ('owner', 'backup') "
            "GROUP BY t.staff_id, t.role"):
        entry = load.setdefault(staff_id, [0, 0])
        if role in roles:
            entry[0] += count
        if role == "owner":
            entry[1] = value
    return [Colleague(i, n, d, *load.get(i, (0, 0))) for i, n, d in db.execute(
        "SELECT id, name, department FROM staff WHERE status = 'active' ORDER BY name, id")]


def held_clients(db: Database, staff_id: int) -> list[HeldClient]:
    """The person's active owned clients, with who backs each up."""
    out = []
    for row in db.execute(
            "SELECT c.id, coalesce(c.code, ''), c.name, coalesce(c.tier, ''), c.annual_value, "
            "(SELECT group_concat(b.staff_id) FROM client_team b WHERE b.client_id = c.id AND b.role = 'backup') "
            "FROM clients c JOIN client_team t ON t.client_id = c.id AND t.role = 'owner' "
            "WHERE t.staff_id = ? AND c.status = 'active' ORDER BY c.annual_value DESC, c.id", [staff_id]):
        backups = tuple(int(x) for x in row[5].split(",")) if row[5] else ()
        out.append(HeldClient(row[0], row[1], row[2], row[3], row[4], backups=backups))
    return out


def apply_rotation(db: Database, person_id: int, moves: list[Move], today: str | None = None) -> int:
    """All moves or none: the colleague becomes owner (leaving their backup role), the person stays on the
    team as backup so the client hears of the change from both, and the history says 'rotation'."""
    today = today or dt.date.today().isoformat()
    with writing(db):
        for move in moves:
            owner = db.execute("SELECT staff_id FROM client_team WHERE client_id = ? AND role = 'owner'",
                               [move.client_id]).fetchone()
            if owner is None or owner[0] != person_id:
                raise StoreError("plan_stale", value=str(move.client_id))
            if db.execute("SELECT status FROM staff WHERE id = ?", [move.to_id]).fetchone() != ("active",):
                raise StoreError("not_found", value=str(move.to_id))
            db.execute("DELETE FROM client_team WHERE client_id = ? AND staff_id = ? AND role = 'backup'",
                       [move.client_id, move.to_id])
            db.execute("UPDATE client_team SET staff_id = ?, since = ? WHERE client_id = ? AND role = 'owner'",
                       [move.to_id, today, move.client_id])
            db.execute("INSERT OR IGNORE INTO client_team (client_id, staff_id, role, since) "
                       "VALUES (?, ?, 'backup', ?)", [move.client_id, person_id, today])
            record_owner_change(db, move.client_id, person_id, move.to_id, today, ROTATION_REASON)
        audit(db, "rotation", staff=person_id, clients=len(moves))
    return len(moves)


def single_threaded(db: Database, limit: int | None = None) -> list[SingleThreaded]:
    sql = ("SELECT c.id, coalesce(c.code, ''), c.name, o.id, o.name, o.department, c.annual_value, "
           f"(SELECT count(*) FROM client_contacts k WHERE k.client_id = c.id) {_SINGLE_SQL} "
           "ORDER BY c.annual_value DESC, c.id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [SingleThreaded(*row) for row in db.execute(sql)]


def single_threaded_count(db: Database) -> tuple[int, int]:
    return tuple(db.execute("SELECT count(*), coalesce(sum(value), 0) FROM client_threads "
                            "WHERE active = 1 AND alone = 1 AND owner_id IS NOT NULL").fetchone())


def single_contact_clients(db: Database, limit: int | None = None) -> list[tuple]:
    """Active clients with one contact person (or none) on their side, largest first: id, code, name, owner,
    contacts, value."""
    sql = ("SELECT c.id, coalesce(c.code, ''), c.name, coalesce(o.name, ''), "
           "(SELECT count(*) FROM client_contacts k WHERE k.client_id = c.id), c.annual_value FROM clients c "
           "LEFT JOIN client_team ot ON ot.client_id = c.id AND ot.role = 'owner' "
           "LEFT JOIN staff o ON o.id = ot.staff_id "
           f"WHERE {_ONE_CONTACT_WHERE} ORDER BY c.annual_value DESC, c.id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return db.execute(sql).fetchall()


def single_contact_count(db: Database) -> tuple[int, int]:
    """The active clients, less those with two contact persons or more (one pass over the contacts' index, not one
    look-up per client)."""
    return tuple(db.execute(
        "SELECT a.n - b.n, a.v - b.v FROM (SELECT count(*) AS n, coalesce(sum(annual_value), 0) AS v FROM clients "
        "WHERE status = 'active') a, (SELECT count(*) AS n, coalesce(sum(annual_value), 0) AS v FROM clients "
        "WHERE status = 'active' AND id IN (SELECT client_id FROM client_contacts GROUP BY client_id "
        "HAVING count(*) > 1)) b").fetchone())


def apply_backups(db: Database, choices: dict[int, int], today: str | None = None) -> int:
    """Add every chosen backup in one transaction; each is written in the ownership history too (the owner
    stays: from and to name owner and backup, reason 'backup added')."""
    today = today or dt.date.today().isoformat()
    with writing(db):
        for client_id, staff_id in choices.items():
            owner = db.execute("SELECT staff_id FROM client_team WHERE client_id = ? AND role = 'owner'",
                               [client_id]).fetchone()
            if owner is None or owner[0] == staff_id:
                raise StoreError("plan_stale", value=str(client_id))
            db.execute("INSERT OR IGNORE INTO client_team (client_id, staff_id, role, since) "
                       "VALUES (?, ?, 'backup', ?)", [client_id, staff_id, today])
            record_owner_change(db, client_id, owner[0], owner[0], today, BACKUP_REASON)
            db.execute("UPDATE ownership_history SET to_staff_id = ?, to_name = (SELECT name FROM staff "
                       "WHERE id = ?) WHERE id = last_insert_rowid()", [staff_id, staff_id])
        audit(db, "backups_added", clients=len(choices))
    return len(choices)


def warning_sign_counts(db: Database, today: dt.date | None = None, days: int = 180) -> dict[int, int]:
    """staff id -> warning signs recorded in the last `days` days (none before the Risk tab's table exists)."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'warning_signs'").fetchone() is None:
        return {}
    since = ((today or dt.date.today()) - dt.timedelta(days=days)).isoformat()
    return dict(db.execute("SELECT staff_id, count(*) FROM warning_signs WHERE noted_on >= ? GROUP BY staff_id",
                           [since]).fetchall())
