"""Firm-wide settings kept in the database (the firm's name on reports, for example)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlite_utils import Database

from churnguard_gui.store.db import writing

if TYPE_CHECKING:
    from churnguard_gui.core.risk import Thresholds


def get_setting(db: Database, key: str, default: str = "") -> str:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(db: Database, key: str, value: str) -> None:
    with writing(db):
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])


def risk_thresholds(db: Database) -> Thresholds:
    """The early-warning thresholds the owner set (defaults where none)."""
    from churnguard_gui.core.risk import Thresholds as Loaded

    return Loaded.from_json(get_setting(db, "risk_thresholds") or None)


def save_risk_thresholds(db: Database, thresholds: Thresholds) -> None:
    set_setting(db, "risk_thresholds", thresholds.to_json())
