"""Filling an empty database with the demo firm, in one transaction."""
from __future__ import annotations

from sqlite_utils import Database

from churnguard_gui.core.demo import demo_firm
from churnguard_gui.core.errors import StoreError
from churnguard_gui.core.models import TeamMember
from churnguard_gui.i18n import tr
from churnguard_gui.store.clients import write_client
from churnguard_gui.store.db import audit, writing
from churnguard_gui.store.demo_tactics import add_tactics_demo
from churnguard_gui.store.staff import insert_staff


def is_empty(db: Database) -> bool:
    return db.execute("SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM clients)").fetchone()[0] == 0


def load_demo(db: Database, early_warning: bool = False) -> tuple[int, int]:
    """Write the demo firm into an empty database; returns (staff, clients). early_warning adds what the tactics
    and the risk figures need to show something (manager visits, firm-level contact, incentives, a former
    employee whose clients are followed); the app and the `demo` command ask for it, tests that count
    visits, contacts or handovers start without."""
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
        if early_warning:
            add_tactics_demo(db)
        audit(db, "demo", staff=len(ids), clients=len(clients))
    return len(ids), len(clients)
