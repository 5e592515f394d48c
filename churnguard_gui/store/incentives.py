"""Incentive terms on the staff record: deferred bonuses and their vesting dates."""
from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.incentives import INCENTIVE_KINDS, Incentive, forfeited, vesting_soon
from churnguard_gui.store.db import audit, writing
from churnguard_gui.store.visits import _date

_COLUMNS = "id, staff_id, kind, description, amount, vests_on, granted_on, paid_on"


def incentives(db: Database, staff_id: int | None = None) -> list[Incentive]:
    where, params = ("WHERE staff_id = ?", [staff_id]) if staff_id is not None else ("", [])
    return [Incentive(*row) for row in db.execute(
        f"SELECT {_COLUMNS} FROM incentives {where} ORDER BY vests_on, id", params)]


def save_incentive(db: Database, item: Incentive) -> int:
    if item.kind not in INCENTIVE_KINDS:
        raise StoreError("bad_choice", field="kind", value=item.kind,
                         details={"choices": ", ".join(INCENTIVE_KINDS)})
    if item.amount < 0:
        raise StoreError("negative_money", field="amount", value=str(item.amount))
    vests = _date(item.vests_on, "vests_on")
    granted = _date(item.granted_on, "granted_on", required=False)
    paid = _date(item.paid_on, "paid_on", required=False)
    if db.execute("SELECT 1 FROM staff WHERE id = ?", [item.staff_id]).fetchone() is None:
        raise StoreError("not_found", value=str(item.staff_id))
    values = [item.staff_id, item.kind, item.description.strip(), item.amount, vests, granted, paid]
    with writing(db):
        if item.id is None:
            new_id = db.execute("INSERT INTO incentives (staff_id, kind, description, amount, vests_on, granted_on, "
                                "paid_on) VALUES (?, ?, ?, ?, ?, ?, ?)", values).lastrowid
        else:
            db.execute("UPDATE incentives SET staff_id = ?, kind = ?, description = ?, amount = ?, vests_on = ?, "
                       "granted_on = ?, paid_on = ? WHERE id = ?", [*values, item.id])
            new_id = item.id
        audit(db, "incentive", staff=item.staff_id, id=new_id, amount=item.amount, vests_on=vests)
    return new_id


def delete_incentive(db: Database, incentive_id: int) -> None:
    with writing(db):
        db.execute("DELETE FROM incentives WHERE id = ?", [incentive_id])
        audit(db, "incentive_deleted", id=incentive_id)


def forfeited_by(db: Database, staff_id: int, last_day: str | None) -> list[Incentive]:
    """What the person loses by leaving on last_day (today when not known)."""
    return forfeited(incentives(db, staff_id), last_day or dt.date.today().isoformat())


def vesting_reminders(db: Database, today: dt.date) -> list[tuple[str, Incentive]]:
    """(name, incentive) of employed staff whose unpaid incentives vest within 30 days."""
    names = dict(db.execute("SELECT id, name FROM staff WHERE status IN ('active', 'notice')").fetchall())
    return [(names[i.staff_id], i) for i in vesting_soon(incentives(db), today) if i.staff_id in names]
