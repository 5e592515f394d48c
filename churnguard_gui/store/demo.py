"""Filling an empty database with the demo firm, in one transaction."""
from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from churnguard_gui.core.agreements import noncompete_period, schedule
from churnguard_gui.core.demo import demo_firm, demo_risk
from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.models import TeamMember
from churnguard_gui.store.clients import write_client
from churnguard_gui.store.db import audit, inserted_id, writing
from churnguard_gui.store.demo_tactics import add_tactics_demo
from churnguard_gui.store.staff import insert_staff


def is_empty(db: Database) -> bool:
    return db.execute("SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM clients)").fetchone()[0] == 0


DEMO_SETTINGS = {
    "firm_name": "深圳市示范贸易有限公司",
    "firm_credit_code": "91440300MA5FXK2Q7T",  # a well-formed code (its check character is right), not a real firm
    "firm_address": "深圳市南山区科技园示范路8号",
}


def load_demo(db: Database, early_warning: bool = False) -> tuple[int, int]:
    """Write the demo firm into an empty database; returns (staff, clients). early_warning adds what the Risk tab
    and the tactics need to show something (agreements, a non-compete being paid, a handover begun, warning signs,
    manager visits, firm-level contact, incentives, the former employee's clients followed); the app and the `demo`
    command ask for it, tests that count agreements, handovers or visits start without."""
    if not is_empty(db):
        raise StoreError("not_empty")
    staff, clients = demo_firm()
    with writing(db):
        ids = [insert_staff(db, s) for s in staff]
        for i, staff_id in enumerate(ids[1:], start=1):
            manager = ids[1] if staff[i].department == "销售部" and i != 1 else ids[0]
            db.execute("UPDATE staff SET manager_id = ? WHERE id = ?", [manager, staff_id])
        for item in clients:
            team = [TeamMember(ids[item.owner], "owner")] + [TeamMember(ids[b], "backup") for b in item.backups]
            if item.manager is not None:
                team.append(TeamMember(ids[item.manager], "manager"))
            item.client.team = team
            write_client(db, item.client, reason="demo")
        # A firm in Shenzhen has a Chinese registered name whatever language its owner reads the app in.
        for key, value in DEMO_SETTINGS.items():
            db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", [key, value])
        if early_warning:
            add_risk_demo(db, ids)
            db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES ('minimum_wage', '2,520')")  # Shenzhen
            add_tactics_demo(db)  # after the risk demo: it follows the former employee that one makes
        audit(db, "demo", staff=len(ids), clients=len(clients))
    return len(ids), len(clients)


def add_risk_demo(db: Database, ids: list[int], today: dt.date | None = None) -> None:
    """Inside the demo's transaction: what makes every tile of the Risk tab show something."""
    from churnguard_gui.core.handover import ChecklistItem, Departure, HandoverPlan
    from churnguard_gui.i18n import language
    from churnguard_gui.store.handovers import current_lines, default_template, save_draft

    today = today or dt.date.today()
    risk = demo_risk(today)
    year = today.year
    numbers = iter(range(1, 100))

    def agreement(staff_id: int, kind: str, signed_on: str, **extra: object) -> int:
        values = {"staff_id": staff_id, "document_no": f"AG-{year}-{next(numbers):05d}", "kind": kind,
                  "status": "signed", "category": "confidential_duty", "secret_access": 1, "signed_on": signed_on,
                  "witness": "钱建国", "business": "电子元器件的销售", "region": "广东省", **extra}
        return inserted_id(db.execute(f"INSERT INTO agreements ({', '.join(values)}) "
                                      f"VALUES ({', '.join('?' * len(values))})", list(values.values())))

    for index in risk.confidentiality_signed:
        agreement(ids[index], "both", (today - dt.timedelta(days=300 + index)).isoformat(), months=12,
                  monthly_compensation=6000, average_wage=20000, minimum_wage=2520)
    former_id = ids[risk.former]
    db.execute("UPDATE staff SET status = 'left', notice_date = ?, last_day = ? WHERE id = ?",
               [risk.former_notice, risk.former_last_day, former_id])
    start, end = noncompete_period(risk.former_last_day, risk.former_months)
    deal = agreement(former_id, "both", (today - dt.timedelta(days=900)).isoformat(), months=risk.former_months,
                     monthly_compensation=risk.former_compensation, average_wage=24000, minimum_wage=2520,
                     noncompete_start=start, noncompete_end=end)
    for item in schedule(start, risk.former_months, risk.former_compensation):
        if item.number in risk.former_paid:
            db.execute("INSERT INTO compensation_payments (agreement_id, number, amount, paid_on) VALUES (?, ?, ?, ?)",
                       [deal, item.number, item.amount, item.due_on])
    for index, kind, days, note in risk.signs:
        db.execute("INSERT INTO warning_signs (staff_id, kind, noted_on, note) VALUES (?, ?, ?, ?)",
                   [ids[index], kind, (today - dt.timedelta(days=days)).isoformat(), note])
    leaving = db.execute("SELECT id, notice_date, last_day FROM staff WHERE status = 'notice' ORDER BY id").fetchone()
    if leaving is not None:  # a handover begun: saved as a draft (nested: a savepoint in the demo's transaction)
        items = tuple(ChecklistItem(text, who, (dt.date.fromisoformat(leaving[1]) + dt.timedelta(days=offset))
                                    .isoformat(), position < risk.tasks_done)
                      for position, (text, who, offset) in enumerate(default_template(language())))
        save_draft(db, HandoverPlan(leaving[0], Departure(leaving[1], leaving[2]),
                                    tuple(current_lines(db, leaving[0])), items))
