"""Firm-wide settings kept in the database (the firm's name on reports, for example)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sqlite_utils import Database

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.firm import Firm, firm_problems
from churnguard_gui.core.screening import Rules
from churnguard_gui.core.values import format_money
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


def firm_settings(db: Database) -> Firm:
    """The firm as Firm settings describe it (core.firm.Firm)."""
    default = Firm()

    def text(field: str) -> str:
        return get_setting(db, _FIRM_KEYS[field]) or getattr(default, field)

    months = get_setting(db, _FIRM_KEYS["retention_months"])
    return Firm(name=text("name"), credit_code=text("credit_code"), address=text("address"), region=text("region"),
                jurisdiction=text("jurisdiction"), governing_law=text("governing_law"),
                place_of_work=text("place_of_work"), privacy_contact=text("privacy_contact"),
                retention_months=int(months) if months.isdigit() else default.retention_months)


def save_firm_settings(db: Database, firm: Firm, minimum_wage: int | None = None, rules: Rules | None = None,
                       thresholds: Thresholds | None = None) -> None:
    """All firm fields — and, from the settings dialog, the minimum wage, the hiring-screen rules and the risk
    thresholds — in one transaction, after the checks; the first problem is raised naming its field."""
    problems = firm_problems(firm)
    if problems:
        field, problem = next(iter(problems.items()))
        raise problem.at(field, StoreError)
    with writing(db):
        for field, key in _FIRM_KEYS.items():
            value = getattr(firm, field)
            value = value.strip().upper() if field == "credit_code" else value
            set_setting(db, key, str(value).strip() if isinstance(value, str) else str(value))
        if minimum_wage is not None:
            set_setting(db, "minimum_wage", format_money(minimum_wage) if minimum_wage else "")
        if rules is not None:
            set_setting(db, "screening_rules", rules.to_json())
        if thresholds is not None:
            set_setting(db, "risk_thresholds", thresholds.to_json())


def risk_thresholds(db: Database) -> Thresholds:
    """The early-warning thresholds the owner set (defaults where none)."""
    from churnguard_gui.core.risk import Thresholds as Loaded

    return Loaded.from_json(get_setting(db, "risk_thresholds") or None)


def save_risk_thresholds(db: Database, thresholds: Thresholds) -> None:
    set_setting(db, "risk_thresholds", thresholds.to_json())
