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


_FIRM_KEYS = {"name": "firm_name", "credit_code": "firm_credit_code", "address": "firm_address",
              "region": "firm_region", "jurisdiction": "jurisdiction", "governing_law": "governing_law",
              "retention_months": "retention_months", "place_of_work": "place_of_work",
              "privacy_contact": "privacy_contact"}


def firm_settings(db: Database):
    """The firm as Firm settings describe it (core.firm.Firm)."""
    from churnguard_gui.core.firm import Firm

    values: dict[str, object] = {}
    for field, key in _FIRM_KEYS.items():
        text = get_setting(db, key)
        if text:
            values[field] = int(text) if field == "retention_months" and text.isdigit() else text
    return Firm(**values)


def save_firm_settings(db: Database, firm) -> None:
    """All firm fields in one transaction, after the checks; the first problem is raised naming its field."""
    from churnguard_gui.core.errors import StoreError
    from churnguard_gui.core.firm import firm_problems

    problems = firm_problems(firm)
    if problems:
        field, problem = next(iter(problems.items()))
        raise problem.at(field, StoreError)
    with writing(db):
        for field, key in _FIRM_KEYS.items():
            value = getattr(firm, field)
            value = value.strip().upper() if field == "credit_code" else value
            db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       [key, str(value).strip() if isinstance(value, str) else str(value)])


def risk_thresholds(db: Database) -> Thresholds:
    """The early-warning thresholds the owner set (defaults where none)."""
    from churnguard_gui.core.risk import Thresholds as Loaded

    return Loaded.from_json(get_setting(db, "risk_thresholds") or None)


def save_risk_thresholds(db: Database, thresholds: Thresholds) -> None:
    set_setting(db, "risk_thresholds", thresholds.to_json())
