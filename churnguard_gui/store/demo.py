"""Filling an empty database with the demo firm, in one transaction."""
from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from churnguard_gui.core.agreements import AgreementDraft, render
from churnguard_gui.core.demo import DEMO_AGREEMENTS, DEMO_FORMER, DEMO_MINIMUM_WAGE, demo_firm
from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.legal import JURISDICTIONS, compensation_floor
from churnguard_gui.core.models import TeamMember
from churnguard_gui.core.values import format_money
from churnguard_gui.i18n import tr
from churnguard_gui.store.agreements import (
    mark_printed,
    obligations,
    parties,
    record_payment,
    record_signing,
    save_agreement,
)
from churnguard_gui.store.clients import write_client
from churnguard_gui.store.db import audit, writing
from churnguard_gui.store.settings import set_setting
from churnguard_gui.store.staff import insert_staff


def is_empty(db: Database) -> bool:
    return db.execute("SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM clients)").fetchone()[0] == 0


def load_demo(db: Database, showcase: bool = True) -> tuple[int, int]:
    """Write the demo firm into an empty database; returns (staff, clients). With showcase (the app's and the
    command's demo) it also has signed agreements, a former employee whose non-compete compensation is overdue
    and the local minimum wage; without, the bare firm that tests count from."""
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
        db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES ('firm_name', ?)",
                   [tr("Shenzhen Demo Trading Co., Ltd.")])
        if showcase:
            _showcase(db, {s.name: (i, s) for i, s in zip(ids, staff, strict=True)})
        audit(db, "demo", staff=len(ids), clients=len(clients))
    return len(ids), len(clients)


def _showcase(db: Database, people: dict, today: dt.date | None = None) -> None:
    """Inside load_demo's transaction: agreements signed, a former employee owed compensation, the minimum wage."""
    today = today or dt.date.today()
    set_setting(db, "minimum_wage", format_money(DEMO_MINIMUM_WAGE))
    name, days_gone, paid = DEMO_FORMER
    former_id, former = people[name]
    last_day = today - dt.timedelta(days=days_gone)
    db.execute("UPDATE staff SET status = 'left', notice_date = ?, last_day = ?, secret_access = 1 WHERE id = ?",
               [(last_day - dt.timedelta(days=30)).isoformat(), last_day.isoformat(), former_id])
    specs = [*DEMO_AGREEMENTS, (name, "both", "confidential_duty", 12, 700)]
    for staff_name, kind, category, months, days_ago in specs:
        staff_id, person = people[staff_name]
        floor = compensation_floor(person.monthly_wage or 0, DEMO_MINIMUM_WAGE, JURISDICTIONS["cn"])
        draft = AgreementDraft(staff_id, kind, category, True, secrets=("client_list", "trading_habits", "price_terms"),
                               competitors="同行业竞争企业" if months else "", region="广东省" if months else "",
                               months=months, average_wage=person.monthly_wage or 0,
                               minimum_wage=DEMO_MINIMUM_WAGE, monthly_compensation=floor if months else 0,
                               penalty=(person.monthly_wage or 0) * 6 if months else 0,
                               business="电子元器件、五金及化工材料的销售与贸易" if months else "")
        signed = today - dt.timedelta(days=days_ago)
        number_of = parties(db, staff_id)
        agreement_id = save_agreement(db, draft, lambda number, d=draft, p=number_of: (
            render(d, p, number).fingerprint, render(d, p, number).template_version), today=signed)
        mark_printed(db, agreement_id, "demo")
        record_signing(db, agreement_id, signed.isoformat(), "钱建国")
    for (agreement_id,) in db.execute("SELECT id FROM agreements WHERE staff_id = ?", [former_id]).fetchall():
        for ob in obligations(db, today):
            if ob.agreement_id == agreement_id:
                for inst in ob.installments[:paid]:
                    record_payment(db, agreement_id, inst.number, inst.amount, inst.due_on, "demo")
