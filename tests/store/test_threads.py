"""client_threads (m014_risk2) against the single-threaded rule computed from scratch, after every kind of change."""
from __future__ import annotations

import random

from churnguard_gui.store.db import writing

# The rule, as the Risk tab's definition states it (store/risk.py): each client's owner, and whether nobody else
# of the firm who is still employed is linked to it.
FROM_SCRATCH = """
    SELECT c.id, c.status = 'active', c.annual_value, ot.staff_id,
           ot.staff_id IS NULL OR NOT EXISTS (
               SELECT 1 FROM client_team t JOIN staff s ON s.id = t.staff_id
               WHERE t.client_id = c.id AND t.staff_id != ot.staff_id AND s.status IN ('active', 'notice'))
    FROM clients c LEFT JOIN client_team ot ON ot.client_id = c.id AND ot.role = 'owner' ORDER BY c.id"""


def kept(db) -> list[tuple]:
    return [(i, a, v, o, alone if o is not None else 1) for i, a, v, o, alone in db.execute(
        "SELECT client_id, active, value, owner_id, alone FROM client_threads ORDER BY client_id")]


def scratch(db) -> list[tuple]:
    return [(i, a, v, o, int(alone) if o is not None else 1) for i, a, v, o, alone in db.execute(FROM_SCRATCH)]


def test_the_kept_threads_follow_every_change(fresh_db):
    db = fresh_db
    rng = random.Random(14)
    statuses = ("active", "notice", "left", "candidate")
    with writing(db):
        for i in range(1, 13):
            db.execute("INSERT INTO staff (id, name, status) VALUES (?, ?, ?)", [i, f"S{i}", rng.choice(statuses)])
        for i in range(1, 41):
            db.execute("INSERT INTO clients (id, name, annual_value, status) VALUES (?, ?, ?, ?)",
                       [i, f"C{i}", rng.randint(0, 1000), rng.choice(("active", "active", "prospect", "lost"))])
    assert kept(db) == scratch(db)
    for step in range(400):
        action = rng.randrange(7)
        client, person = rng.randint(1, 40), rng.randint(1, 12)
        with writing(db):
            if action == 0:
                db.execute("INSERT OR IGNORE INTO client_team (client_id, staff_id, role) VALUES (?, ?, ?)",
                           [client, person, rng.choice(("owner", "backup", "manager", "backup"))])
            elif action == 1:
                db.execute("DELETE FROM client_team WHERE id = (SELECT id FROM client_team WHERE client_id = ? "
                           "ORDER BY random() LIMIT 1)", [client])
            elif action == 2:
                db.execute("UPDATE OR IGNORE client_team SET staff_id = ? WHERE id = (SELECT id FROM client_team "
                           "WHERE client_id = ? LIMIT 1)", [person, client])
            elif action == 3:
                db.execute("UPDATE OR IGNORE client_team SET client_id = ? WHERE id = (SELECT max(id) FROM "
                           "client_team WHERE role != 'owner')", [client])
            elif action == 4:
                db.execute("UPDATE staff SET status = ? WHERE id = ?", [rng.choice(statuses), person])
            elif action == 5:
                db.execute("UPDATE clients SET status = ?, annual_value = ? WHERE id = ?",
                           [rng.choice(("active", "dormant")), rng.randint(0, 1000), client])
            elif step % 3 == 0:
                db.execute("DELETE FROM clients WHERE id = ?", [client])
                db.execute("INSERT INTO clients (id, name, annual_value) VALUES (?, 'again', 5)", [client])
        assert kept(db) == scratch(db), (step, action)


def test_the_migration_fills_the_table_for_a_firm_that_existed_before(tmp_path):
    """A database made before m014_risk2 gets its threads on opening."""
    from sqlite_utils import Database

    from churnguard_gui.store.db import APPLICATION_ID, open_db
    from churnguard_gui.store.migrations import migrations

    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m014_risk2")
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("INSERT INTO staff (id, name, status) VALUES (1, 'A', 'active'), (2, 'B', 'left'), (3, 'C', 'active')")
    old.execute("INSERT INTO clients (id, name, annual_value) VALUES (1, 'x', 10), (2, 'y', 20), (3, 'z', 30)")
    old.execute("INSERT INTO client_team (client_id, staff_id, role) VALUES (1, 1, 'owner'), (1, 2, 'backup'), "
                "(2, 1, 'owner'), (2, 3, 'manager'), (3, 3, 'owner'), (3, 3, 'manager')")
    old.conn.commit()
    old.close()
    db = open_db(path, create=False, backup_before_migrating=False)
    assert kept(db) == scratch(db) == [(1, 1, 10, 1, 1), (2, 1, 20, 1, 0), (3, 1, 30, 3, 1)]
    db.close()


def test_check_finds_threads_that_went_stale(fresh_db):
    """`check` compares the kept threads with the rule (a change made with the triggers off, by another tool)."""
    from churnguard_gui.store.check import check_db

    db = fresh_db
    with writing(db):
        db.execute("INSERT INTO staff (id, name, status) VALUES (1, 'A', 'active'), (2, 'B', 'active')")
        db.execute("INSERT INTO clients (id, name, annual_value) VALUES (1, 'x', 10)")
        db.execute("INSERT INTO client_team (client_id, staff_id, role) VALUES (1, 1, 'owner'), (1, 2, 'backup')")
    assert check_db(db) == []
    with writing(db):
        db.execute("UPDATE client_threads SET alone = 1")
    assert check_db(db) == ["the Risk tab's record of who is on each client's team is out of date for 1 client"]
