"""Client search: an FTS5 trigram index for words of three or more characters, a scan of the same compact text
for shorter ones; bulk writes suspend the index triggers and rebuild the rows they touched in one statement."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlite_utils import Database

from churnguard_gui.core.values import phone_digits

TRIGRAM = 3  # the shortest word the trigram index can answer
SEARCH_COLUMNS = ("name", "code", "contacts", "phones")  # of client_search and of the view client_search_doc
_TEXT = ", ".join(SEARCH_COLUMNS)


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


_PHONE_CHARACTERS = frozenset("0123456789 +-().")
# The clients a word finds by their owner's name (a thousand staff at most: a scan; then the team's index).
_BY_OWNER = ("SELECT client_id FROM client_team WHERE role = 'owner' AND staff_id IN "
             "(SELECT id FROM staff WHERE instr(lower(name), ?) > 0)")
_COLUMNS = ("c0", "c1", "c2", "c3")  # the FTS5 table's own content columns: name, code, contacts, phones


def client_condition(search: str) -> tuple[str, list[str]]:
    """An SQL condition on c.id (clients aliased c) matching every word of search, with its parameters.

    A word matches anywhere in the client's name, code, owner, contacts' names and phones; a search made only of
    digits and phone punctuation also matches the phone's digits typed with or without spaces.
    """
    words = search.lower().split()
    if not words:
        return "", []
    digits = phone_digits(search)
    if digits and len(digits) >= TRIGRAM and all(ch in _PHONE_CHARACTERS for ch in search):
        words = [digits]
    clauses, params = [], []
    for word in words:
        if len(word) >= TRIGRAM:
            # The phone column holds digits only: a word like 0755-8135 is also looked for as 07558135.
            digits = phone_digits(word) if all(ch in _PHONE_CHARACTERS for ch in word) else ""
            match = _phrase(word) + (f" OR {_phrase(digits)}" if len(digits) >= TRIGRAM and digits != word else "")
            clauses.append("c.id IN (SELECT rowid FROM client_search WHERE client_search MATCH ? "
                           f"UNION ALL {_BY_OWNER})")
            params += [match, word]
        else:
            # One or two characters (a Chinese given name, say): too short for trigrams, so scan the text, still as
            # a substring. client_search_content is the FTS5 table's own documented shadow table (columns id, c0..):
            # scanning it directly is twice as fast as through the virtual table.
            columns = _COLUMNS if any(ch.isdigit() for ch in word) else _COLUMNS[:3]  # phones hold only digits
            found = " OR ".join(f"instr({column}, ?) > 0" for column in columns)
            clauses.append(f"c.id IN (SELECT id FROM client_search_content WHERE {found} UNION ALL {_BY_OWNER})")
            params += [word] * len(columns) + [word]
    return " AND ".join(clauses), params


class Suspension(set[int]):
    """The ids of clients a bulk write touched (to index again at the end); new_indexed says that the writer has
    indexed the new clients itself (a big import), so they are not indexed again."""

    new_indexed = False


@contextlib.contextmanager
def suspended(db: Database) -> Iterator[Suspension]:
    """Inside a write transaction: keep the index triggers quiet for a bulk write, then index every client whose
    text may have changed (new ids, and the ones in touched) in one pass. Use: with suspended(db) as touched."""
    first_new = db.execute("SELECT coalesce(max(id), 0) + 1 FROM clients").fetchone()[0]
    db.execute("INSERT INTO client_search_suspended (since) VALUES (datetime('now'))")
    touched = Suspension()
    yield touched
    db.execute("DELETE FROM client_search_suspended")
    if not touched.new_indexed:
        db.execute("DELETE FROM client_search WHERE rowid >= ?", [first_new])
        db.execute(f"INSERT INTO client_search (rowid, {_TEXT}) SELECT id, {_TEXT} FROM client_search_doc "
                   "WHERE id >= ?", [first_new])
    if touched:
        reindex(db, touched)


def reindex(db: Database, client_ids: set[int] | list[int]) -> None:
    """Rebuild the search text of these clients (inside the caller's transaction)."""
    ids = list(client_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM client_search WHERE rowid IN ({marks})", chunk)
        db.execute(f"INSERT INTO client_search (rowid, {_TEXT}) SELECT id, {_TEXT} FROM client_search_doc "
                   f"WHERE id IN ({marks})", chunk)
