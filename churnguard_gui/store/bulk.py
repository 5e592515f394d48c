"""Writing many imported clients fast and in bounded memory: batched executemany per table, staff names cached,
secondary indexes rebuilt once after a big load, the codes and names met in a file kept mostly on disk."""
from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from operator import attrgetter

from sqlite_utils import Database

from churnguard_gui.core.importing import ClientRow, name_key
from churnguard_gui.core.models import CLIENT_COLUMNS, Staff
from churnguard_gui.core.values import phone_digits
from churnguard_gui.i18n import tr
from churnguard_gui.store.staff import insert_staff

BATCH = 2_000  # clients written per executemany round
BULK_ROWS = 5_000  # a file at least this big (and bigger than the table) rebuilds the secondary indexes at the end
_TABLES = ("clients", "client_contacts", "client_team", "ownership_history", "client_threads")
_COLUMNS = tuple(c for c in CLIENT_COLUMNS if c != "id")
_values = attrgetter(*_COLUMNS)
_CODE, _NEEDS_OWNER = _COLUMNS.index("code"), _COLUMNS.index("needs_owner")


class ClientWriter:
    """Imported clients, written a batch at a time inside the caller's transaction (ids given here, in order)."""

    def __init__(self, db: Database, staff_ids: dict[str, int], created_staff: list[str],
                 created_team_staff: list[str]) -> None:
        self.db, self.staff_ids = db, staff_ids
        self.created_staff, self.created_team_staff = created_staff, created_team_staff
        self.names: dict[int, str] = dict(db.execute("SELECT id, name FROM staff").fetchall())
        self.next_id: int = db.execute("SELECT coalesce(max(id), 0) + 1 FROM clients").fetchone()[0]
        self.today = dt.date.today().isoformat()
        self.now = dt.datetime.now().strftime("%Y-%m-%dT%H:%M:%S")  # what the columns' default would say
        self.clients: list[tuple] = []
        self.contacts: list[tuple] = []
        self.team: list[tuple] = []
        self.history: list[tuple] = []
        cols = ", ".join(("id", *_COLUMNS, "created_at", "updated_at"))
        self._insert_client = f"INSERT INTO clients ({cols}) VALUES ({', '.join('?' * (len(_COLUMNS) + 3))})"

    def add(self, record: ClientRow) -> None:
        client = record.client
        client_id = self.next_id
        self.next_id += 1
        team: list[tuple[int, str]] = []
        if record.owner_name:
            team.append((self._staff(record.owner_name, self.created_staff), "owner"))
        team += [(self._staff(name, self.created_team_staff), "backup") for name in record.backup_names]
        if record.manager_name:
            team.append((self._staff(record.manager_name, self.created_team_staff), "manager"))
        owner = team[0][0] if record.owner_name else None
        values = list(_values(client))
        values[_CODE] = client.code or None
        values[_NEEDS_OWNER] = int(bool(client.needs_owner) and owner is None)  # an owner ends the wait
        self.clients.append((client_id, *values, self.now, self.now))
        for contact in client.contacts:
            self.contacts.append((client_id, contact.name, contact.title, contact.phone, phone_digits(contact.phone),
                                  contact.email, int(contact.is_primary), contact.notes))
        for staff_id, role in dict.fromkeys(team):
            self.team.append((client_id, staff_id, role, self.today))
        if owner is not None:
            self.history.append((client_id, owner, self.names.get(owner, ""), self.today))

    def __len__(self) -> int:
        return len(self.clients)

    def flush(self) -> None:
        execute = self.db.conn.executemany
        if self.clients:
            execute(self._insert_client, self.clients)
        if self.contacts:
            execute("INSERT INTO client_contacts (client_id, name, title, phone, phone_digits, email, is_primary, "
                    "notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self.contacts)
        if self.team:
            execute("INSERT INTO client_team (client_id, staff_id, role, since) VALUES (?, ?, ?, ?)", self.team)
        if self.history:
            execute("INSERT INTO ownership_history (client_id, from_staff_id, from_name, to_staff_id, to_name, "
                    "changed_on, reason) VALUES (?, NULL, '', ?, ?, ?, 'import')", self.history)
        for batch in (self.clients, self.contacts, self.team, self.history):
            batch.clear()

    def _staff(self, name: str, created: list[str]) -> int:
        key = name_key(name)
        staff_id = self.staff_ids.get(key)
        if staff_id is None:
            staff_id = self.staff_ids[key] = insert_staff(self.db, Staff(name=name, role=tr("Sales"), status="active"))
            self.names[staff_id] = name
            created.append(name)
        return staff_id


# Per-row triggers a bulk load drops (in its transaction) and replaces by one set-wise statement each at the end,
# writing what they would have written (tests/store/test_bulk_triggers.py compares both ways). A trigger not named
# here keeps firing row by row.
SET_WISE_TRIGGERS = ("client_contacts_insert_version", "client_team_insert_version", "client_threads_client_ai",
                     "client_threads_team_ai")
# Search triggers that do nothing while the caller has suspended the search (store/search.py), which then indexes
# every new client in one statement: dropped for the load so that no row pays for asking.
SUSPENDED_SEARCH_TRIGGERS = ("client_search_ai", "client_search_contact_ai", "client_search_team_ai")


@contextlib.contextmanager
def bulk_load(db: Database, rows: int) -> Iterator[None]:
    """Inside a write transaction: for a load of rows clients bigger than what the tables hold, drop the
    secondary (non-unique) indexes of the client tables and build each once at the end, sorted, instead of
    inserting into them row by row. The unique ones stay, so every constraint is still checked as rows go in.
    For any big load, the row-version and client-thread triggers are dropped too and their work done once for
    all the new rows at the end. Indexes and triggers come back in the same transaction: a failure rolls the
    drop back with the rest."""
    held = db.execute("SELECT count(*) FROM clients").fetchone()[0]
    dropped: list[tuple[str, str]] = []
    triggers: list[tuple[str, str]] = []
    if rows >= BULK_ROWS and rows >= held:
        marks = ", ".join("?" * len(_TABLES))
        dropped = db.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                             f"AND tbl_name IN ({marks}) AND upper(sql) NOT LIKE 'CREATE UNIQUE%'",
                             list(_TABLES)).fetchall()
        for name, _ in dropped:
            db.execute(f'DROP INDEX "{name}"')
    if rows >= BULK_ROWS:
        names = list(SET_WISE_TRIGGERS)
        if db.execute("SELECT EXISTS (SELECT 1 FROM client_search_suspended)").fetchone()[0]:
            names += SUSPENDED_SEARCH_TRIGGERS
        marks = ", ".join("?" * len(names))
        triggers = db.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
                              names).fetchall()
        before = db.execute("SELECT (SELECT coalesce(max(id), 0) FROM clients), "
                            "(SELECT coalesce(max(id), 0) FROM client_contacts), "
                            "(SELECT coalesce(max(id), 0) FROM client_team)").fetchone()
        for name, _ in triggers:
            db.execute(f'DROP TRIGGER "{name}"')
    yield
    for _, sql in dropped:
        db.execute(sql)
    if triggers:
        _after_triggers(db, {name for name, _ in triggers}, *before)
        for _, sql in triggers:
            db.execute(sql)


def _after_triggers(db: Database, names: set[str], clients: int, contacts: int, team: int) -> None:
    """What the dropped triggers would have written for the clients, contacts and team rows added after the
    ids given: a row version bumped once per contact or team row, each new client's thread row and every
    touched client's owner and single-thread flag."""
    from churnguard_gui.store.migrations import _ALONE, _THREADS_OF

    counted = [f"SELECT client_id FROM {table} WHERE id > {int(last)}" for table, last, trigger in
               (("client_contacts", contacts, "client_contacts_insert_version"),
                ("client_team", team, "client_team_insert_version")) if trigger in names]
    if counted:
        db.execute("INSERT INTO row_versions (tbl, id, version) SELECT 'clients', client_id, count(*) FROM ("
                   + " UNION ALL ".join(counted) + ") WHERE true GROUP BY client_id "
                   "ON CONFLICT (tbl, id) DO UPDATE SET version = version + excluded.version")
    new_threads = "client_threads_client_ai" in names
    if new_threads:  # each new client's row with its owner and flag, read at once (the triggers' own rule)
        owner, alone = (rule.replace("client_threads.client_id", "c.id") for rule in (_THREADS_OF, _ALONE))
        db.execute("INSERT OR REPLACE INTO client_threads (client_id, active, value, owner_id, alone) "
                   f"SELECT c.id, c.status = 'active', c.annual_value, {owner}, {alone} FROM clients c "
                   "WHERE c.id > ?", [clients])
    if "client_threads_team_ai" in names:  # team rows of clients not just read in (none from an import)
        db.execute(f"UPDATE client_threads SET owner_id = {_THREADS_OF}, alone = {_ALONE} WHERE client_id IN "
                   "(SELECT client_id FROM client_team WHERE id > ? AND client_id <= ?)",
                   [team, clients if new_threads else 1 << 62])


class BoundedSeen:
    """The keys met in a file (core.importing.SeenKeys) in bounded memory, for files of a million rows.

    A bitmap of hashes answers "new" for nearly every key; the rest are looked up among the keys not yet
    moved to disk and in a temporary table, so memory holds a bitmap and one batch, not every key."""

    BITS = 1 << 24  # 2 MB: a few per cent of false alarms at a million keys, each one a lookup
    PENDING = 10_000

    def __init__(self, db: Database) -> None:
        self.conn = db.conn
        self.bits = bytearray(self.BITS // 8)
        self.pending: dict[str, int] = {}
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_seen (key TEXT PRIMARY KEY, row INTEGER NOT NULL) "
                          "WITHOUT ROWID")
        self._write("DELETE FROM temp.import_seen")

    def first(self, key: str, row: int) -> int | None:
        spot = hash(key) & (self.BITS - 1)
        byte, bit = spot >> 3, 1 << (spot & 7)
        if not self.bits[byte] & bit:
            self.bits[byte] |= bit
        else:
            other = self.pending.get(key)
            if other is None:
                found = self.conn.execute("SELECT row FROM temp.import_seen WHERE key = ?", [key]).fetchone()
                other = found[0] if found else None
            if other is not None:
                return other
        self.pending[key] = row
        if len(self.pending) >= self.PENDING:
            self._write("INSERT INTO temp.import_seen (key, row) VALUES (?, ?)", list(self.pending.items()))
            self.pending.clear()
        return None

    def _write(self, sql: str, rows: list[tuple[str, int]] | None = None) -> None:
        """Inside the import's transaction, or (while only checking a file) in one of its own."""
        own = not self.conn.in_transaction
        if own:
            self.conn.execute("BEGIN")
        try:
            if rows is None:
                self.conn.execute(sql)
            else:
                self.conn.executemany(sql, rows)
        finally:
            if own:
                self.conn.execute("COMMIT")
