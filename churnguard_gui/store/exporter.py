"""Exporting clients and staff: the rows to write, and the audit row for the export."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from churnguard_gui.core.exporting import write_table
from churnguard_gui.core.fields import FIELD_LABELS
from churnguard_gui.i18n import tr
from churnguard_gui.store.db import audited_file

_PRIMARY = ("(SELECT {f} FROM client_contacts cc WHERE cc.client_id = c.id "
            "ORDER BY cc.is_primary DESC, cc.id LIMIT 1)")
CLIENT_EXPORT = (
    ("code", "c.code"), ("name", "c.name"), ("industry", "c.industry"), ("tier", "c.tier"),
    ("annual_value", "c.annual_value"), ("status", "c.status"), ("owner", "o.name"),
    ("contact", _PRIMARY.format(f="name")), ("phone", _PRIMARY.format(f="phone")),
    ("email", _PRIMARY.format(f="email")), ("address", "c.address"), ("trading_habits", "c.trading_habits"),
    ("price_terms", "c.price_terms"), ("needs", "c.needs"), ("contract_start", "c.contract_start"),
    ("contract_end", "c.contract_end"), ("last_contact", "c.last_contact"),
    ("last_manager_visit", "c.last_manager_visit"), ("source", "c.source"), ("notes", "c.notes"),
)
STAFF_EXPORT = (
    ("name", "s.name"), ("role", "s.role"), ("department", "s.department"), ("phone", "s.phone"),
    ("email", "s.email"), ("hire_date", "s.hire_date"), ("status", "s.status"), ("manager", "m.name"),
    ("monthly_wage", "s.monthly_wage"), ("secret_access", "CASE s.secret_access WHEN 1 THEN 'yes' ELSE 'no' END"),
    ("notice_date", "s.notice_date"), ("last_day", "s.last_day"), ("notes", "s.notes"),
)
_SOURCES = {
    "clients": ("clients c LEFT JOIN client_team ot ON ot.client_id = c.id AND ot.role = 'owner' "
                "LEFT JOIN staff o ON o.id = ot.staff_id", "c.id", CLIENT_EXPORT),
    "staff": ("staff s LEFT JOIN staff m ON m.id = s.manager_id", "s.id", STAFF_EXPORT),
}


def export_rows(db: Database, kind: str) -> tuple[list[str], Iterator[tuple]]:
    source, order, columns = _SOURCES[kind]
    headers = [tr(FIELD_LABELS["staff_name" if kind == "staff" and key == "name" else key]) for key, _ in columns]
    sql = f"SELECT {', '.join(expr for _, expr in columns)} FROM {source} ORDER BY {order}"

    def rows() -> Iterator[tuple]:  # streamed from the cursor as they are written: memory stays flat
        yield from db.execute(sql)
    return headers, rows()


def export_file(db: Database, kind: str, path: str | Path) -> int:
    """Write every record of kind to path with its audit row (both or neither); returns the row count."""
    headers, rows = export_rows(db, kind)
    with audited_file(db, path, "export", kind=kind) as detail:
        detail["rows"] = count = write_table(path, headers, rows)
    return count
