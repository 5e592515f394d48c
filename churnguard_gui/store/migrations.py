"""Ordered, named schema migrations. Never edit one that has shipped: add the next."""
from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("churnguard")


@migrations()
def m001_initial(db: Database) -> None:
    _run_script(db, _INITIAL)


def _run_script(db: Database, script: str) -> None:
    """Run each statement in the migration's transaction (executescript would commit early)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""


@migrations()
def m002_handovers(db: Database) -> None:
    _run_script(db, _HANDOVERS)


@migrations()
def m003_agreements(db: Database) -> None:
    _run_script(db, _AGREEMENTS)


@migrations()
def m004_screenings(db: Database) -> None:
    _run_script(db, _SCREENINGS)


@migrations()
def m005_safety(db: Database) -> None:
    _run_script(db, _SAFETY)


# Row versions: any change to a client (its row, contacts or team) or to a staff row raises its version, so a save
# based on an older version is refused instead of overwriting someone else's change. Kept in their own table so
# the records themselves are not touched by the bookkeeping. db_identity tells a database (and its copies) from
# another one, so a leftover WAL of another database is recognised before it is applied (store/walguard.py).
_SAFETY = """
CREATE TABLE db_identity (id INTEGER PRIMARY KEY CHECK (id = 1), uuid TEXT NOT NULL);
INSERT INTO db_identity VALUES (1, lower(hex(randomblob(16))));
CREATE TABLE row_versions (
    tbl TEXT NOT NULL,
    id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (tbl, id)
) WITHOUT ROWID;
""" + "".join(f"""
CREATE TRIGGER {table}_{event.lower()}_version AFTER {event} ON {table}
BEGIN INSERT INTO row_versions (tbl, id, version) VALUES ('{kind}', {row}.{column}, 1)
    ON CONFLICT (tbl, id) DO UPDATE SET version = version + 1; END;
""" for table, kind, column, events in (
    ("clients", "clients", "id", ("UPDATE", "DELETE")),
    ("staff", "staff", "id", ("UPDATE", "DELETE")),
    ("client_team", "clients", "client_id", ("INSERT", "UPDATE", "DELETE")),
    ("client_contacts", "clients", "client_id", ("INSERT", "UPDATE", "DELETE")),
) for event in events for row in ["OLD" if event == "DELETE" else "NEW"])


@migrations()
def m006_legal(db: Database) -> None:
    _run_script(db, _LEGAL)


_LEGAL = """
ALTER TABLE staff ADD COLUMN id_number TEXT NOT NULL DEFAULT '';
ALTER TABLE staff ADD COLUMN notice_address TEXT NOT NULL DEFAULT '';
ALTER TABLE agreements ADD COLUMN business TEXT NOT NULL DEFAULT '';
ALTER TABLE agreements ADD COLUMN floor_region TEXT NOT NULL DEFAULT 'national';
ALTER TABLE agreements ADD COLUMN parties TEXT NOT NULL DEFAULT '';
ALTER TABLE agreements ADD COLUMN departure_pay INTEGER CHECK (departure_pay IS NULL OR departure_pay >= 0);
ALTER TABLE agreements ADD COLUMN departure_decision TEXT
    CHECK (departure_decision IS NULL OR departure_decision IN ('enforce', 'waive'));
ALTER TABLE agreements ADD COLUMN release_kind TEXT
    CHECK (release_kind IS NULL OR release_kind IN ('waiver', 'release'));
ALTER TABLE screenings ADD COLUMN consent_on TEXT;
ALTER TABLE screenings ADD COLUMN consent_references INTEGER NOT NULL DEFAULT 0 CHECK (consent_references IN (0, 1));
ALTER TABLE screenings ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 6 CHECK (retention_months > 0);
ALTER TABLE screenings ADD COLUMN purged_at TEXT;
"""


@migrations()
def m009_polish(db: Database) -> None:
    """Who visits each key client and the backup added at a handover; screenings saved to finish later."""
    _run_script(db, _POLISH)


_POLISH = """
ALTER TABLE handover_clients ADD COLUMN visited_by INTEGER REFERENCES staff(id) ON DELETE SET NULL;
ALTER TABLE handover_clients ADD COLUMN new_backup_id INTEGER REFERENCES staff(id) ON DELETE SET NULL;
CREATE TABLE screening_drafts (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER REFERENCES staff(id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL DEFAULT '{}',
    saved_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
"""


_SCREENINGS = """
CREATE TABLE screenings (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    screened_on TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    jobs TEXT NOT NULL DEFAULT '[]',
    answers TEXT NOT NULL DEFAULT '{}',
    refs TEXT NOT NULL DEFAULT '[]',
    prior TEXT NOT NULL DEFAULT '{}',
    points INTEGER NOT NULL DEFAULT 0,
    level TEXT NOT NULL CHECK (level IN ('low', 'medium', 'high')),
    reasons TEXT NOT NULL DEFAULT '[]',
    decision TEXT NOT NULL CHECK (decision IN ('hire', 'reject', 'hold')),
    decision_reason TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    questions_version TEXT NOT NULL DEFAULT ''
);
CREATE INDEX screenings_staff ON screenings(staff_id);
"""


_AGREEMENTS = """
CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
    document_no TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('confidentiality', 'noncompete', 'both')),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'printed', 'signed', 'expired', 'released')),
    jurisdiction TEXT NOT NULL DEFAULT 'cn',
    category TEXT NOT NULL,
    secret_access INTEGER NOT NULL DEFAULT 0,
    secrets TEXT NOT NULL DEFAULT '[]',
    competitors TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    months INTEGER NOT NULL DEFAULT 0 CHECK (months >= 0),
    average_wage INTEGER NOT NULL DEFAULT 0 CHECK (average_wage >= 0),
    minimum_wage INTEGER NOT NULL DEFAULT 0 CHECK (minimum_wage >= 0),
    monthly_compensation INTEGER NOT NULL DEFAULT 0 CHECK (monthly_compensation >= 0),
    penalty INTEGER NOT NULL DEFAULT 0 CHECK (penalty >= 0),
    language TEXT NOT NULL DEFAULT 'zh',
    template_version TEXT NOT NULL DEFAULT '',
    fingerprint TEXT NOT NULL DEFAULT '',
    warnings TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    printed_at TEXT,
    signed_on TEXT,
    witness TEXT NOT NULL DEFAULT '',
    noncompete_start TEXT,
    noncompete_end TEXT,
    released_on TEXT
);
CREATE INDEX agreements_staff ON agreements(staff_id);

CREATE TABLE agreement_files (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    mime TEXT NOT NULL,
    data BLOB NOT NULL,
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);

CREATE TABLE compensation_payments (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    number INTEGER NOT NULL CHECK (number >= 1),
    amount INTEGER NOT NULL CHECK (amount >= 0),
    paid_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (agreement_id, number)
);
"""


_HANDOVERS = """
CREATE TABLE handovers (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'handed_over', 'complete')),
    resignation_date TEXT NOT NULL,
    last_day TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT 'other',
    reason_text TEXT NOT NULL DEFAULT '',
    destination TEXT NOT NULL DEFAULT '',
    to_competitor INTEGER NOT NULL DEFAULT 0,
    secret_access INTEGER NOT NULL DEFAULT 0,
    previous_status TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    handed_over_at TEXT,
    completed_at TEXT
);
CREATE UNIQUE INDEX handovers_one_open ON handovers(staff_id) WHERE status != 'complete';

CREATE TABLE handover_clients (
    handover_id INTEGER NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'backup')),
    successor_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    notify_on TEXT,
    visit_on TEXT,
    backups TEXT NOT NULL DEFAULT '',
    others_linked INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (handover_id, client_id)
);

CREATE TABLE handover_items (
    id INTEGER PRIMARY KEY,
    handover_id INTEGER NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    responsible TEXT NOT NULL DEFAULT '',
    due TEXT,
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
);

CREATE TABLE checklist_template (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    responsible TEXT NOT NULL DEFAULT '',
    due_offset INTEGER NOT NULL DEFAULT 0
);
"""


_INITIAL = """
CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    phone_digits TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    hire_date TEXT,
    status TEXT NOT NULL DEFAULT 'active'
        CHECK (status IN ('candidate', 'active', 'notice', 'left', 'rejected')),
    notice_date TEXT,
    last_day TEXT,
    manager_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    monthly_wage INTEGER CHECK (monthly_wage IS NULL OR monthly_wage >= 0),
    secret_access INTEGER NOT NULL DEFAULT 0 CHECK (secret_access IN (0, 1)),
    incentive_terms TEXT NOT NULL DEFAULT '',
    vesting_date TEXT,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX staff_name ON staff(name);
CREATE INDEX staff_manager ON staff(manager_id);

CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    code TEXT UNIQUE,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    industry TEXT NOT NULL DEFAULT '',
    tier TEXT CHECK (tier IS NULL OR tier IN ('A', 'B', 'C')),
    annual_value INTEGER NOT NULL DEFAULT 0 CHECK (annual_value >= 0),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'prospect', 'dormant', 'lost')),
    address TEXT NOT NULL DEFAULT '',
    trading_habits TEXT NOT NULL DEFAULT '',
    price_terms TEXT NOT NULL DEFAULT '',
    needs TEXT NOT NULL DEFAULT '',
    contract_start TEXT,
    contract_end TEXT,
    last_contact TEXT,
    last_manager_visit TEXT,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX clients_name ON clients(name);
CREATE INDEX clients_value ON clients(annual_value);

CREATE TABLE client_contacts (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    phone_digits TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX client_contacts_client ON client_contacts(client_id);

CREATE TABLE client_team (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
    role TEXT NOT NULL CHECK (role IN ('owner', 'backup', 'manager')),
    since TEXT,
    UNIQUE (client_id, staff_id, role)
);
CREATE UNIQUE INDEX client_team_one_owner ON client_team(client_id) WHERE role = 'owner';
CREATE INDEX client_team_staff ON client_team(staff_id, role);

CREATE TABLE ownership_history (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    from_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    from_name TEXT NOT NULL DEFAULT '',
    to_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    to_name TEXT NOT NULL DEFAULT '',
    changed_on TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    handover_id INTEGER
);
CREATE INDEX ownership_history_client ON ownership_history(client_id);

CREATE TABLE contact_log (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    kind TEXT NOT NULL
        CHECK (kind IN ('call', 'visit', 'manager_visit', 'letter', 'greeting', 'email', 'other')),
    happened_on TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contact_log_client ON contact_log(client_id, happened_on);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')),
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@migrations()
def m010_search_index(db: Database) -> None:
    """An FTS5 trigram index of each client's searchable text, kept by triggers (see store/search.py)."""
    _run_script(db, _SEARCH_INDEX)
    db.execute("INSERT INTO client_search (rowid, doc) SELECT id, doc FROM client_search_doc")


# One document per client: its name and code, its owner's name, its contacts' names and phones (also as digits),
# lower-cased for case-free matching. Triggers keep it current unless a bulk write suspends them (store/search.py).
_SEARCH_INDEX = """
CREATE VIRTUAL TABLE client_search USING fts5(doc, tokenize = 'trigram');
CREATE TABLE client_search_suspended (since TEXT NOT NULL);
CREATE VIEW client_search_doc AS SELECT c.id AS id, lower(c.name || ' ' || coalesce(c.code, '') || ' ' ||
    coalesce((SELECT group_concat(s.name, ' ') FROM client_team t JOIN staff s ON s.id = t.staff_id
              WHERE t.client_id = c.id AND t.role = 'owner'), '') || ' ' ||
    coalesce((SELECT group_concat(cc.name || ' ' || cc.phone || ' ' || cc.phone_digits, ' ')
              FROM client_contacts cc WHERE cc.client_id = c.id), '')) AS doc
FROM clients c;
CREATE TRIGGER client_search_ai AFTER INSERT ON clients
WHEN NOT EXISTS (SELECT 1 FROM client_search_suspended) BEGIN
    INSERT INTO client_search (rowid, doc) SELECT id, doc FROM client_search_doc WHERE id = NEW.id;
END;
CREATE TRIGGER client_search_au AFTER UPDATE OF name, code ON clients
WHEN NOT EXISTS (SELECT 1 FROM client_search_suspended) BEGIN
    DELETE FROM client_search WHERE rowid = OLD.id;
    INSERT INTO client_search (rowid, doc) SELECT id, doc FROM client_search_doc WHERE id = NEW.id;
END;
CREATE TRIGGER client_search_ad AFTER DELETE ON clients BEGIN
    DELETE FROM client_search WHERE rowid = OLD.id;
END;
CREATE TRIGGER client_search_contact_ai AFTER INSERT ON client_contacts
WHEN NOT EXISTS (SELECT 1 FROM client_search_suspended) BEGIN
    DELETE FROM client_search WHERE rowid = NEW.client_id;
    INSERT INTO client_search (rowid, doc) SELECT id, doc FROM client_search_doc WHERE id = NEW.client_id;
END;
CREATE TRIGGER client_search_contact_au AFTER UPDATE ON client_contacts
WHEN NOT EXISTS (SELECT 1 FROM client_search_suspended) BEGIN
    DELETE FROM client_search WHERE rowid IN (OLD.client_id, NEW.client_id);
    INSERT INTO client_search (rowid, doc) SELECT id, doc FROM client_search_doc
        WHERE id IN (OLD.client_id, NEW.client_id);
END;
CREATE TRIGGER client_search_contact_ad AFTER DELETE ON client_contacts
WHEN NOT EXISTS (SELECT 1 FROM client_search_suspended) BEGIN
    DELETE FROM client_search WHERE rowid = OLD.client_id;
    INSERT INTO client_search (rowid, doc) SELECT id, doc FROM client_search_doc WHERE id = OLD.client_id;
END;
CREATE TRIGGER client_search_team_ai AFTER INSERT ON client_team
WHEN NEW.role = 'owner' AND NOT EXISTS (SELECT 1 FROM client_search_suspended) BEGIN
    DELETE FROM client_search WHERE rowid = NEW.client_id;
    INSERT INTO client_search (rowid, doc) SELECT id, doc FROM client_search_doc WHERE id = NEW.client_id;
END;
CREATE TRIGGER client_search_team_au AFTER UPDATE ON client_team
WHEN (OLD.role = 'owner' OR NEW.role = 'owner') AND NOT EXISTS (SELECT 1 FROM client_search_suspended) BEGIN
    DELETE FROM client_search WHERE rowid IN (OLD.client_id, NEW.client_id);
    INSERT INTO client_search (rowid, doc) SELECT id, doc FROM client_search_doc
        WHERE id IN (OLD.client_id, NEW.client_id);
END;
CREATE TRIGGER client_search_team_ad AFTER DELETE ON client_team
WHEN OLD.role = 'owner' AND NOT EXISTS (SELECT 1 FROM client_search_suspended) BEGIN
    DELETE FROM client_search WHERE rowid = OLD.client_id;
    INSERT INTO client_search (rowid, doc) SELECT id, doc FROM client_search_doc WHERE id = OLD.client_id;
END;
CREATE TRIGGER client_search_staff_au AFTER UPDATE OF name ON staff
WHEN NOT EXISTS (SELECT 1 FROM client_search_suspended) BEGIN
    DELETE FROM client_search WHERE rowid IN
        (SELECT client_id FROM client_team WHERE staff_id = NEW.id AND role = 'owner');
    INSERT INTO client_search (rowid, doc) SELECT id, doc FROM client_search_doc WHERE id IN
        (SELECT client_id FROM client_team WHERE staff_id = NEW.id AND role = 'owner');
END;
"""


# Early warning (issue 12): warning signs on the staff record; indexes for the risk figures.
@migrations()
def m007_risk(db: Database) -> None:
    _run_script(db, _RISK)


_RISK = """
CREATE TABLE warning_signs (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('falling_results', 'asked_about_leaving', 'competitor_contact',
                                       'key_clients_unvisited', 'other')),
    noted_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
CREATE INDEX warning_signs_staff ON warning_signs(staff_id, noted_on);
CREATE INDEX clients_status_value ON clients(status, annual_value);
CREATE INDEX clients_key_visits ON clients(tier, status, last_manager_visit, annual_value);
"""


@migrations()
def m008_import_source(db: Database) -> None:
    """Where a client came from (客户来源), and a flag for clients imported without an owner."""
    _run_script(db, _IMPORT_SOURCE)


_IMPORT_SOURCE = """
ALTER TABLE clients ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN needs_owner INTEGER NOT NULL DEFAULT 0 CHECK (needs_owner IN (0, 1));
CREATE INDEX clients_needs_owner ON clients(needs_owner) WHERE needs_owner = 1;
"""


@migrations()
def m011_tactics(db: Database) -> None:
    _run_script(db, _TACTICS)


# Manager visits (planned and done), firm-level contact, incentives, clients lost after an exit and the
# signed handover acknowledgements. The clients table already has contract_start/contract_end and
# last_manager_visit (m001), staff has incentive_terms/vesting_date: no column is added.
_TACTICS = """
CREATE TABLE manager_visits (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    planned_on TEXT,
    visited_on TEXT,
    manager_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT '',
    handover_id INTEGER REFERENCES handovers(id) ON DELETE SET NULL,
    CHECK (planned_on IS NOT NULL OR visited_on IS NOT NULL)
);
CREATE INDEX manager_visits_client ON manager_visits(client_id, visited_on);
CREATE UNIQUE INDEX manager_visits_handover ON manager_visits(handover_id, client_id) WHERE handover_id IS NOT NULL;

CREATE TABLE firm_contacts (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('greeting', 'letter', 'gift', 'call', 'visit', 'other')),
    happened_on TEXT NOT NULL,
    from_whom TEXT NOT NULL DEFAULT '',
    to_person TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX firm_contacts_client ON firm_contacts(client_id, happened_on);

CREATE TABLE incentives (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('deferred_bonus', 'long_target', 'retention', 'other')),
    description TEXT NOT NULL DEFAULT '',
    amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
    granted_on TEXT,
    vests_on TEXT NOT NULL,
    paid_on TEXT
);
CREATE INDEX incentives_staff ON incentives(staff_id);

CREATE TABLE client_losses (
    client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
    lost_on TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('went_with_former', 'other')),
    former_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    value_lost INTEGER NOT NULL DEFAULT 0 CHECK (value_lost >= 0),
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE handover_acknowledgements (
    id INTEGER PRIMARY KEY,
    handover_id INTEGER NOT NULL REFERENCES handovers(id) ON DELETE CASCADE,
    signed_on TEXT NOT NULL,
    name TEXT NOT NULL,
    mime TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))
);
"""


# Personal data law art. 47: a deleted client's or staff member's name must not live on in the audit log. The log
# stays append-only: its two triggers keep their names (store/check.py looks for them) and still refuse every
# DELETE and every UPDATE except one, the redaction of a deletion row (same id, time and action; the detail loses
# only its name and code). The old rows are redacted through that rule, and the redaction itself is logged.
# protection_measures: what the firm did to keep its trade secrets that the app cannot see (locked cabinets,
# training, access cards), entered by hand for the record of measures.
_PRIVACY = """
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (OLD.action IN ('delete_client', 'delete_staff') AND NEW.id = OLD.id AND NEW.at = OLD.at
          AND NEW.action = OLD.action AND NEW.detail = json_remove(OLD.detail, '$.name', '$.code'))
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
UPDATE audit_log SET detail = json_remove(detail, '$.name', '$.code')
WHERE action IN ('delete_client', 'delete_staff') AND json_valid(detail)
  AND (json_extract(detail, '$.name') IS NOT NULL OR json_extract(detail, '$.code') IS NOT NULL);
INSERT INTO audit_log (action, detail) SELECT 'audit_redacted', json_object('rows', changes())
WHERE changes() > 0;

CREATE TABLE protection_measures (
    id INTEGER PRIMARY KEY,
    done_on TEXT NOT NULL,
    measure TEXT NOT NULL CHECK (length(trim(measure)) > 0),
    note TEXT NOT NULL DEFAULT ''
);
"""


@migrations()
def m012_privacy(db: Database) -> None:
    _run_script(db, _PRIVACY)


@migrations()
def m014_risk2(db: Database) -> None:
    _run_script(db, _RISK2)


# The Risk tab's one pass (issue 12 point 7): each client's owner and whether it is single-threaded, kept up to date
# by triggers on clients, client_team and staff, so the figures read one small covering index instead of joining
# the whole client team to the clients (see store/risk.py for the rule; tests/store/test_threads.py checks the
# table against the rule computed from scratch). active/value copy the client's status and annual value.
# Indexes the tactics' counts need: contracts ending soon, firm-level contact by day.
_THREADS_OF = """(SELECT staff_id FROM client_team o WHERE o.client_id = client_threads.client_id
                   AND o.role = 'owner')"""
_ALONE = f"""NOT EXISTS (SELECT 1 FROM client_team t JOIN staff s ON s.id = t.staff_id
                  WHERE t.client_id = client_threads.client_id AND s.status IN ('active', 'notice')
                    AND t.staff_id IS NOT {_THREADS_OF})"""
_REFRESH = f"UPDATE client_threads SET owner_id = {_THREADS_OF}, alone = {_ALONE} WHERE client_id = {{id}};"
_RISK2 = f"""
CREATE TABLE client_threads (
    client_id INTEGER PRIMARY KEY,
    active INTEGER NOT NULL,
    value INTEGER NOT NULL,
    owner_id INTEGER,
    alone INTEGER NOT NULL DEFAULT 1
);
INSERT INTO client_threads (client_id, active, value) SELECT id, status = 'active', annual_value FROM clients;
UPDATE client_threads SET owner_id = {_THREADS_OF}, alone = {_ALONE};
CREATE INDEX client_threads_holdings ON client_threads(active, owner_id, value, alone);
CREATE INDEX client_threads_single ON client_threads(active, alone, value DESC);
CREATE TRIGGER client_threads_client_ai AFTER INSERT ON clients BEGIN
    INSERT OR REPLACE INTO client_threads (client_id, active, value) VALUES (NEW.id, NEW.status = 'active',
                                                                            NEW.annual_value);
    {_REFRESH.format(id="NEW.id")}
END;
CREATE TRIGGER client_threads_client_au AFTER UPDATE OF id, status, annual_value ON clients BEGIN
    DELETE FROM client_threads WHERE client_id = OLD.id AND OLD.id != NEW.id;
    INSERT OR REPLACE INTO client_threads (client_id, active, value) VALUES (NEW.id, NEW.status = 'active',
                                                                            NEW.annual_value);
    {_REFRESH.format(id="NEW.id")}
END;
CREATE TRIGGER client_threads_client_ad AFTER DELETE ON clients BEGIN
    DELETE FROM client_threads WHERE client_id = OLD.id;
END;
CREATE TRIGGER client_threads_team_ai AFTER INSERT ON client_team BEGIN
    {_REFRESH.format(id="NEW.client_id")}
END;
CREATE TRIGGER client_threads_team_au AFTER UPDATE ON client_team BEGIN
    {_REFRESH.format(id="OLD.client_id")}
    {_REFRESH.format(id="NEW.client_id")}
END;
CREATE TRIGGER client_threads_team_ad AFTER DELETE ON client_team BEGIN
    {_REFRESH.format(id="OLD.client_id")}
END;
CREATE TRIGGER client_threads_staff_au AFTER UPDATE OF id, status ON staff
WHEN OLD.id != NEW.id OR (OLD.status IN ('active', 'notice')) != (NEW.status IN ('active', 'notice')) BEGIN
    UPDATE client_threads SET alone = {_ALONE}
    WHERE client_id IN (SELECT client_id FROM client_team WHERE staff_id IN (OLD.id, NEW.id));
END;
-- who else of the firm (employed) was on each client's team when a handover was written: ids, comma-separated
ALTER TABLE handover_clients ADD COLUMN linked TEXT;
CREATE INDEX clients_contract_end ON clients(status, contract_end, annual_value);
CREATE INDEX firm_contacts_day ON firm_contacts(happened_on, client_id);
"""


@migrations()
def m015_lean_search(db: Database) -> None:
    """The search index in four columns of what only the client holds (issue 17: half the trigrams to write)."""
    _run_script(db, _LEAN_SEARCH)
    db.execute("INSERT INTO client_search (rowid, name, code, contacts, phones) "
               "SELECT id, name, code, contacts, phones FROM client_search_doc")


# The search text of each client in four columns: name, code, its contacts' names, their phones' digits, lower-cased
# for case-free matching. Trigrams no longer run across two fields, and the owner's name and the phone as written
# (the owner is matched through the staff table, a phone through its digits: store/search.py) are not repeated in
# every client's text: half the trigrams of the m010 text, so an import of 100,000 clients indexes in half the time,
# and renaming a salesperson no longer rewrites the text of every client they own. columnsize=0: no rank is used.
_LEAN_SEARCH = """
DROP TRIGGER client_search_ai;
DROP TRIGGER client_search_au;
DROP TRIGGER client_search_ad;
DROP TRIGGER client_search_contact_ai;
DROP TRIGGER client_search_contact_au;
DROP TRIGGER client_search_contact_ad;
DROP TRIGGER client_search_team_ai;
DROP TRIGGER client_search_team_au;
DROP TRIGGER client_search_team_ad;
DROP TRIGGER client_search_staff_au;
DROP VIEW client_search_doc;
DROP TABLE client_search;
CREATE VIRTUAL TABLE client_search USING fts5(name, code, contacts, phones, tokenize = 'trigram', columnsize = 0);
CREATE VIEW client_search_doc AS SELECT c.id AS id, lower(c.name) AS name, lower(coalesce(c.code, '')) AS code,
    coalesce((SELECT lower(group_concat(cc.name, ' ')) FROM client_contacts cc WHERE cc.client_id = c.id), '')
        AS contacts,
    coalesce((SELECT group_concat(cc.phone_digits, ' ') FROM client_contacts cc WHERE cc.client_id = c.id), '')
        AS phones
FROM clients c;
CREATE TRIGGER client_search_ai AFTER INSERT ON clients
WHEN NOT EXISTS (SELECT 1 FROM client_search_suspended) BEGIN
    INSERT INTO client_search (rowid, name, code, contacts, phones)
        SELECT id, name, code, contacts, phones FROM client_search_doc WHERE id = NEW.id;
END;
CREATE TRIGGER client_search_au AFTER UPDATE OF id, name, code ON clients
WHEN NOT EXISTS (SELECT 1 FROM client_search_suspended) BEGIN
    DELETE FROM client_search WHERE rowid = OLD.id;
    INSERT INTO client_search (rowid, name, code, contacts, phones)
        SELECT id, name, code, contacts, phones FROM client_search_doc WHERE id = NEW.id;
END;
CREATE TRIGGER client_search_ad AFTER DELETE ON clients BEGIN
    DELETE FROM client_search WHERE rowid = OLD.id;
END;
CREATE TRIGGER client_search_contact_ai AFTER INSERT ON client_contacts
WHEN NOT EXISTS (SELECT 1 FROM client_search_suspended) BEGIN
    DELETE FROM client_search WHERE rowid = NEW.client_id;
    INSERT INTO client_search (rowid, name, code, contacts, phones)
        SELECT id, name, code, contacts, phones FROM client_search_doc WHERE id = NEW.client_id;
END;
CREATE TRIGGER client_search_contact_au AFTER UPDATE ON client_contacts
WHEN NOT EXISTS (SELECT 1 FROM client_search_suspended) BEGIN
    DELETE FROM client_search WHERE rowid IN (OLD.client_id, NEW.client_id);
    INSERT INTO client_search (rowid, name, code, contacts, phones)
        SELECT id, name, code, contacts, phones FROM client_search_doc WHERE id IN (OLD.client_id, NEW.client_id);
END;
CREATE TRIGGER client_search_contact_ad AFTER DELETE ON client_contacts
WHEN NOT EXISTS (SELECT 1 FROM client_search_suspended) BEGIN
    DELETE FROM client_search WHERE rowid = OLD.client_id;
    INSERT INTO client_search (rowid, name, code, contacts, phones)
        SELECT id, name, code, contacts, phones FROM client_search_doc WHERE id = OLD.client_id;
END;
"""
