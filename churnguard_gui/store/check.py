"""The database's health: SQLite integrity, foreign keys and the app's own rules."""
from __future__ import annotations

from sqlite_utils import Database

from churnguard_gui.i18n import ntr, tr

# client_threads (m014_risk2, kept by triggers) against the rule computed from scratch: clients missing there, or
# whose status, value, owner or single-threadedness differ.
_STALE_THREADS = """
    SELECT count(*) FROM clients c
    LEFT JOIN client_team ot ON ot.client_id = c.id AND ot.role = 'owner'
    LEFT JOIN client_threads x ON x.client_id = c.id
    WHERE x.client_id IS NULL OR x.active != (c.status = 'active') OR x.value != c.annual_value
       OR x.owner_id IS NOT ot.staff_id
       OR (ot.staff_id IS NOT NULL AND x.alone != NOT EXISTS (
           SELECT 1 FROM client_team t JOIN staff s ON s.id = t.staff_id
           WHERE t.client_id = c.id AND t.staff_id != ot.staff_id AND s.status IN ('active', 'notice')))"""


def check_db(db: Database) -> list[str]:
    """Plain-language findings; an empty list means all is well."""
    findings: list[str] = []
    for (result,) in db.execute("PRAGMA integrity_check"):
        if result != "ok":
            findings.append(tr("integrity: {detail}", detail=result))
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check"):
        findings.append(tr("{table} row {rowid} points to a missing {parent} row", table=table, rowid=rowid,
                           parent=parent))
    for client_id, name in db.execute(
            "SELECT id, name FROM clients c WHERE status = 'active' AND needs_owner = 0 AND NOT EXISTS "
            "(SELECT 1 FROM client_team t WHERE t.client_id = c.id AND t.role = 'owner')"):
        findings.append(tr("active client {name} (id {id}) has no owner", name=name, id=client_id))
    for client_id, name, owner in db.execute(
            "SELECT c.id, c.name, s.name FROM clients c JOIN client_team t ON t.client_id = c.id AND t.role = 'owner' "
            "JOIN staff s ON s.id = t.staff_id WHERE c.status = 'active' AND s.status IN ('left', 'rejected')"):
        findings.append(tr("active client {name} (id {id}) is owned by {owner}, who has left", name=name,
                           id=client_id, owner=owner))
    (stale,) = db.execute(_STALE_THREADS).fetchone()
    if stale:
        findings.append(ntr("the Risk tab's record of who is on each client's team is out of date for {n} client",
                            "the Risk tab's record of who is on each client's team is out of date for {n} clients",
                            stale))
    triggers = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    if not {"audit_log_no_update", "audit_log_no_delete"} <= triggers:
        findings.append(tr("the audit log is no longer protected against changes"))
    return findings


def check_notes(db: Database) -> list[str]:
    """Things worth knowing that are not damage: clients imported without an owner, still waiting for one."""
    (waiting,) = db.execute(
        "SELECT count(*) FROM clients c WHERE needs_owner = 1 AND status = 'active' AND NOT EXISTS "
        "(SELECT 1 FROM client_team t WHERE t.client_id = c.id AND t.role = 'owner')").fetchone()
    if not waiting:
        return []
    return [tr("clients imported without an owner and still waiting for one: {count} (marked \"needs an owner\" "
               "on the client list)", count=waiting)]
