"""Setting, changing and removing the database password: the file and every backup re-keyed through verified copies."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from churnguard_gui.core.errors import StoreError
from churnguard_gui.store import crypto


@dataclass
class PasswordChange:
    action: str  # password_set | password_changed | password_removed
    backups: list[Path] = field(default_factory=list)  # re-keyed with the new password (or decrypted)
    skipped: list[Path] = field(default_factory=list)  # opened with neither the old password nor as plain: left


def change_password(path: str | Path, new: str | None, old: str | None = None) -> PasswordChange:
    """Encrypt (new, no old), re-key (both) or decrypt (old, new None) the closed database at path and its backups.

    Each file goes through a new copy written by sqlcipher_export, checked (integrity, application id, the same
    counts) with the new password, then swapped in; the old file and its WAL are overwritten with zeros and removed.
    Backups made before the database was encrypted are encrypted too (never left plain beside an encrypted file)."""
    from churnguard_gui.store import walguard
    from churnguard_gui.store.backup import backup_folder, list_backups
    from churnguard_gui.store.db import audit, close_db, is_open_here, open_db, translate, writing

    path = Path(path)
    if new is not None:
        crypto.check_new_password(new)
    encrypted = crypto.is_encrypted(path)
    if encrypted and not old:
        raise StoreError("password_needed", file=str(path))
    if not encrypted and new is None:
        raise StoreError("password_none", file=str(path))
    if is_open_here(path) or walguard.in_use_elsewhere(path):
        raise StoreError("db_locked", file=str(path))
    old = old if encrypted else None
    db = open_db(path, password=old)  # checks the file (and the old password), applies pending migrations
    try:
        folder = backup_folder(path, db)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except crypto.Error as exc:
        close_db(db)
        raise translate(exc, str(path)) from None
    close_db(db)
    action = "password_removed" if new is None else "password_changed" if encrypted else "password_set"
    try:
        crypto.rekey_file(path, old, new)
    except OSError as exc:
        raise translate(exc, str(path)) from None
    if new is None:
        crypto.forget(path)
    else:
        crypto.remember(path, new)
    result = PasswordChange(action)
    for info in list_backups(path, folder, counts=False):
        done = False
        for tried in dict.fromkeys((old, None)):  # the old password, or a plain backup from before encryption
            if tried == new or (tried is None and crypto.is_encrypted(info.path)) or \
                    (tried is not None and not crypto.is_encrypted(info.path)):
                continue
            try:
                crypto.rekey_file(info.path, tried, new)
            except (StoreError, OSError, *crypto.Error):
                continue
            done = True
            break
        if done:
            result.backups.append(info.path)
        elif crypto.is_encrypted(info.path) != (new is not None):
            result.skipped.append(info.path)
    db = open_db(path, password=new)
    try:
        with writing(db):
            audit(db, action, backups=len(result.backups), skipped=len(result.skipped))
    finally:
        close_db(db)
    return result


def recovery_facts(db, path: str | Path):
    """What the recovery sheet prints about this database (firm, file, backup folder, when the password was set)."""
    import datetime as dt

    from churnguard_gui.reports.recovery_sheet import RecoveryFacts
    from churnguard_gui.store.backup import backup_folder
    from churnguard_gui.store.settings import get_setting

    row = db.execute("SELECT max(at) FROM audit_log WHERE action IN ('password_set', 'password_changed')"
                     ).fetchone()
    when = dt.date.fromisoformat(str(row[0])[:10]) if row and row[0] else dt.date.today()
    return RecoveryFacts(get_setting(db, "firm_name"), str(Path(path).resolve()),
                         str(backup_folder(path, db).resolve()), when)
