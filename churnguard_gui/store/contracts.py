"""Contract dates per client: renewals due and the contracts ending near a leaver's last day."""
from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from churnguard_gui.core.contracts import NEAR_LAST_DAY_DAYS, Renewal, ends_near_last_day, renewal_window
from churnguard_gui.core.errors import StoreError
from churnguard_gui.store.db import audit, writing
from churnguard_gui.store.visits import _date

_RENEWAL_SQL = """
    FROM clients c
    LEFT JOIN client_team ot ON ot.client_id = c.id AND ot.role = 'owner'
    LEFT JOIN staff o ON o.id = ot.staff_id
    WHERE c.status = 'active' AND c.contract_end BETWEEN ? AND ?"""


def renewals_due(db: Database, today: dt.date | None = None, limit: int | None = None) -> list[Renewal]:
    """Active clients whose contract ends within 60 days, soonest first."""
    start, end = renewal_window(today or dt.date.today())
    tail = f" LIMIT {int(limit)}" if limit else ""
    return [Renewal(*row) for row in db.execute(
        "SELECT c.id, coalesce(c.code, ''), c.name, coalesce(o.name, ''), coalesce(c.contract_start, ''), "
        f"c.contract_end, c.annual_value {_RENEWAL_SQL} ORDER BY c.contract_end, c.id{tail}", [start, end])]


def renewals_due_count(db: Database, today: dt.date | None = None) -> tuple[int, int]:
    return tuple(db.execute("SELECT count(*), coalesce(sum(c.annual_value), 0) FROM clients c "
                            "WHERE c.status = 'active' AND c.contract_end BETWEEN ? AND ?",
                            list(renewal_window(today or dt.date.today()))).fetchone())


def set_contract(db: Database, client_id: int, start: str | None, end: str | None) -> None:
    """Record a renewal (or the first contract): new start and end dates on the client."""
    start_on = _date(start, "contract_start", required=False)
    end_on = _date(end, "contract_end")
    if start_on and end_on < start_on:
        raise StoreError("contract_end_before_start", field="contract_end", value=end_on)
    with writing(db):
        if db.execute("UPDATE clients SET contract_start = ?, contract_end = ?, updated_at = strftime("
                      "'%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE id = ?",
                      [start_on, end_on, client_id]).rowcount == 0:
            raise StoreError("not_found", value=str(client_id))
        audit(db, "contract", client=client_id, start=start_on, end=end_on)


def contracts_near_last_day(db: Database, staff_id: int, last_day: str | None) -> list[tuple[int, str, str]]:
    """The person's owned clients whose contract ends within 90 days of their last day: id, name, end."""
    if not last_day:
        return []
    low = (dt.date.fromisoformat(last_day) - dt.timedelta(days=NEAR_LAST_DAY_DAYS)).isoformat()
    high = (dt.date.fromisoformat(last_day) + dt.timedelta(days=NEAR_LAST_DAY_DAYS)).isoformat()
    rows = db.execute(
        "SELECT c.id, c.name, c.contract_end FROM clients c JOIN client_team t ON t.client_id = c.id "
        "AND t.role = 'owner' WHERE t.staff_id = ? AND c.contract_end BETWEEN ? AND ? "
        "UNION SELECT c.id, c.name, c.contract_end FROM clients c JOIN handover_clients h ON h.client_id = c.id "
        "JOIN handovers ho ON ho.id = h.handover_id WHERE ho.staff_id = ? AND h.role = 'owner' "
        "AND c.contract_end BETWEEN ? AND ? ORDER BY 3, 1", [staff_id, low, high, staff_id, low, high]).fetchall()
    return [r for r in rows if ends_near_last_day(r[2], last_day)]
