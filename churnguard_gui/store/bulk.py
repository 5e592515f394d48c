"""Writing many imported clients fast and in bounded memory: batched executemany per table, staff names cached,
secondary indexes rebuilt once after a big load, the codes and names met in a file kept mostly on disk."""
from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import sqlite3
from collections.abc import Iterator
from operator import attrgetter

from sqlite_utils import Database

from churnguard_gui.core.importing import ClientRow, name_key
from churnguard_gui.core.models import CLIENT_COLUMNS, Staff
from churnguard_gui.core.values import phone_digits
from churnguard_gui.i18n import tr
from churnguard_gui.store.search import SEARCH_COLUMNS
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
                 created_team_staff: list[str], direct: bool = False) -> None:
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
        self.threads: list[tuple] = []
        self.search: list[tuple] = []
        # A big load (direct) writes what the dropped triggers would: each client's thread row and search text.
        self.direct = direct
        self.status: dict[int, str] = dict(db.execute("SELECT id, status FROM staff").fetchall()) if direct else {}
        self.rows = _MultiRow(db)
        self.by_text: dict[str, int] = {}

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
        names: list[str] = []
        phones: list[str] = []
        for contact in client.contacts:
            digits = phone_digits(contact.phone)
            self.contacts.append((client_id, contact.name, contact.title, contact.phone, digits,
                                  contact.email, int(contact.is_primary), contact.notes))
            names.append(contact.name)
            phones.append(digits)
        members = dict.fromkeys(team)
        for staff_id, role in members:
            self.team.append((client_id, staff_id, role, self.today))
        if owner is not None:
            self.history.append((client_id, owner, self.names.get(owner, ""), self.today))
        if self.direct:  # the rules of the triggers (store/migrations.py _THREADS_OF, _ALONE and the search view)
            alone = True
            for staff_id, _ in members:
                if staff_id != owner and self.status.get(staff_id) in _ON_STAFF:
                    alone = False
                    break
            self.threads.append((client_id, int(client.status == "active"), client.annual_value, owner, int(alone)))
            self.search.append((client_id, client.name, client.code or "", " ".join(names),
                                " ".join(phones)))

    def __len__(self) -> int:
        return len(self.clients)

    def flush(self) -> None:
        rows = self.rows
        rows.insert("clients", ("id", *_COLUMNS, "created_at", "updated_at"), self.clients)
        rows.insert("client_contacts", ("client_id", "name", "title", "phone", "phone_digits", "email", "is_primary",
                                        "notes"), self.contacts)
        rows.insert("client_team", ("client_id", "staff_id", "role", "since"), self.team)
        rows.insert("ownership_history", ("client_id", "to_staff_id", "to_name", "changed_on"), self.history,
                    extra={"from_staff_id": "NULL", "from_name": "''", "reason": "'import'"})
        rows.insert("client_threads", ("client_id", "active", "value", "owner_id", "alone"), self.threads)
        # the search view's text, lower-cased by SQLite's own lower() as the view does
        rows.insert("client_search", ("rowid", *SEARCH_COLUMNS), self.search,
                    wrap={"name": "lower(?)", "code": "lower(?)", "contacts": "lower(?)"})
        for batch in (self.clients, self.contacts, self.team, self.history, self.threads, self.search):
            batch.clear()

    def _staff(self, name: str, created: list[str]) -> int:
        staff_id = self.by_text.get(name)  # the same few names on every row: matched once each
        if staff_id is None:
            staff_id = self.by_text[name] = self._match(name, created)
        return staff_id

    def _match(self, name: str, created: list[str]) -> int:
        key = name_key(name)
        staff_id = self.staff_ids.get(key)
        if staff_id is None:
            staff_id = self.staff_ids[key] = insert_staff(self.db, Staff(name=name, role=tr("Sales"), status="active"))
            self.names[staff_id] = name
            self.status[staff_id] = "active"
            created.append(name)
        return staff_id


FTS5_AUTOMERGE = 4  # SQLite's default
_ROWS_PER_STATEMENT = 256  # more rows per statement save little and cost memory (each prepared statement grows)
_ON_STAFF = ("active", "notice")  # a team member who still works here keeps a client multi-threaded


class _MultiRow:
    """INSERT of many rows per statement (INSERT ... VALUES (...), (...), ...): SQLite runs the statement once per
    chunk instead of once per row, which skips the per-row reset (and the CHECK constraints' IN lists rebuilt
    each time) that executemany pays; about 40% less CPU for the client tables."""

    def __init__(self, db: Database) -> None:
        self.conn = db.conn
        self.limit = min(self.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER), 32_766)
        self._sql: dict[tuple, str] = {}

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple], extra: dict[str, str] | None = None,
               wrap: dict[str, str] | None = None) -> None:
        if not rows:
            return
        extra, wrap = extra or {}, wrap or {}
        per = max(min(self.limit // len(columns), _ROWS_PER_STATEMENT), 1)
        for start in range(0, len(rows), per):
            chunk = rows[start:start + per]
            key = (table, len(chunk))
            sql = self._sql.get(key)
            if sql is None:
                names = ", ".join((*columns, *extra))
                one = "(" + ", ".join([*(wrap.get(c, "?") for c in columns), *extra.values()]) + ")"
                sql = self._sql[key] = f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(chunk))}"
            self.conn.execute(sql, list(itertools.chain.from_iterable(chunk)))


# Per-row triggers a bulk load drops (in its transaction) and replaces by one set-wise statement each at the end,
# writing what they would have written (tests/store/test_bulk_triggers.py compares both ways). A trigger not named
# here keeps firing row by row.
SET_WISE_TRIGGERS = ("client_contacts_insert_version", "client_team_insert_version", "client_threads_client_ai",
                     "client_threads_team_ai")
# Search triggers that do nothing while the caller has suspended the search (store/search.py), which then indexes
# every new client in one statement: dropped for the load so that no row pays for asking.
SUSPENDED_SEARCH_TRIGGERS = ("client_search_ai", "client_search_contact_ai")


def is_bulk(rows: int) -> bool:
    """Whether a load of rows clients is big enough to drop the per-row triggers (and the writer does their work)."""
    return rows >= BULK_ROWS


@contextlib.contextmanager
def bulk_load(db: Database, rows: int) -> Iterator[bool]:
    """Inside a write transaction: for a load of rows clients bigger than what the tables hold, drop the
    secondary (non-unique) indexes of the client tables and build each once at the end, sorted, instead of
    inserting into them row by row. The unique ones stay, so every constraint is still checked as rows go in.
    For any big load (is_bulk, yielded), the row-version, client-thread and search triggers are dropped too: the
    ClientWriter made with direct=True writes each new client's thread row and search text itself, and the row
    versions are counted once for all the new rows at the end. Indexes and triggers come back in the same
    transaction: a failure rolls the drop back with the rest."""
    held = db.execute("SELECT count(*) FROM clients").fetchone()[0]
    dropped: list[tuple[str, str]] = []
    triggers: list[tuple[str, str]] = []
    if is_bulk(rows) and rows >= held:
        marks = ", ".join("?" * len(_TABLES))
        dropped = db.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                             f"AND tbl_name IN ({marks}) AND upper(sql) NOT LIKE 'CREATE UNIQUE%'",
                             list(_TABLES)).fetchall()
        for name, _ in dropped:
            db.execute(f'DROP INDEX "{name}"')
    if is_bulk(rows):
        if not db.execute("SELECT EXISTS (SELECT 1 FROM client_search_suspended)").fetchone()[0]:
            raise RuntimeError("a bulk load writes the search text itself: suspend the search index first")
        names = [*SET_WISE_TRIGGERS, *SUSPENDED_SEARCH_TRIGGERS]
        marks = ", ".join("?" * len(names))
        triggers = db.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
                              names).fetchall()
        before = db.execute("SELECT (SELECT coalesce(max(id), 0) FROM clients), "
                            "(SELECT coalesce(max(id), 0) FROM client_contacts), "
                            "(SELECT coalesce(max(id), 0) FROM client_team)").fetchone()
        for name, _ in triggers:
            db.execute(f'DROP TRIGGER "{name}"')
        # The search index merges its segments as they fill (crisis merges still bound them): not while loading.
        db.execute("INSERT INTO client_search (client_search, rank) VALUES ('automerge', 0)")
    yield is_bulk(rows)
    if is_bulk(rows):
        db.execute(f"INSERT INTO client_search (client_search, rank) VALUES ('automerge', {FTS5_AUTOMERGE})")
    for _, sql in dropped:
        db.execute(sql)
    if triggers:
        _after_triggers(db, {name for name, _ in triggers}, *before)
        for _, sql in triggers:
            db.execute(sql)


def _after_triggers(db: Database, names: set[str], clients: int, contacts: int, team: int) -> None:
    """What the dropped triggers would have written that the writer did not: a row version bumped once per
    contact or team row, and the owner and single-thread flag of clients held before the load whose team
    changed (none from an import; the writer wrote each new client's thread row)."""
    from churnguard_gui.store.migrations import _ALONE, _THREADS_OF

    counted = [f"SELECT client_id FROM {table} WHERE id > {int(last)}" for table, last, trigger in
               (("client_contacts", contacts, "client_contacts_insert_version"),
                ("client_team", team, "client_team_insert_version")) if trigger in names]
    if counted:
        db.execute("INSERT INTO row_versions (tbl, id, version) SELECT 'clients', client_id, count(*) FROM ("
                   + " UNION ALL ".join(counted) + ") WHERE true GROUP BY client_id "
                   "ON CONFLICT (tbl, id) DO UPDATE SET version = version + excluded.version")
    if "client_threads_team_ai" in names:
        db.execute(f"UPDATE client_threads SET owner_id = {_THREADS_OF}, alone = {_ALONE} WHERE client_id IN "
                   "(SELECT client_id FROM client_team WHERE id > ? AND client_id <= ?)", [team, clients])


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
