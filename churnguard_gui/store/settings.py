"""Firm-wide settings kept in the database (the firm's name on reports, for example)."""
from __future__ import annotations

from collections.abc import Mapping

from sqlite_utils import Database

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.legal import JURISDICTIONS
from churnguard_gui.core.screening import Rules
from churnguard_gui.core.values import format_money
from churnguard_gui.store.db import writing


def get_setting(db: Database, key: str, default: str = "") -> str:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(db: Database, key: str, value: str) -> None:
    with writing(db):
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])


def set_settings(db: Database, values: Mapping[str, str]) -> None:
    """Several settings in one transaction: all are saved or none."""
    with writing(db):
        for key, value in values.items():
            set_setting(db, key, value)


def save_firm_settings(db: Database, firm_name: str, jurisdiction: str, minimum_wage: int, rules: Rules) -> None:
    """The settings dialog's values in one transaction: the firm, the law, the minimum wage, the hiring rules."""
    if jurisdiction not in JURISDICTIONS:
        raise StoreError("bad_choice", field="jurisdiction", value=jurisdiction,
                         details={"choices": ", ".join(JURISDICTIONS)})
    set_settings(db, {"firm_name": firm_name.strip(), "jurisdiction": jurisdiction,
                      "minimum_wage": format_money(minimum_wage) if minimum_wage else "",
                      "screening_rules": rules.to_json()})
