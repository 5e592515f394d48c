"""The demo firm's tactics: manager visits, firm-level contact, incentives and a former employee to follow."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import random

from sqlite_utils import Database

from churnguard_gui.i18n import tr


def add_tactics_demo(db: Database, today: dt.date | None = None, seed: int = 13) -> None:
    """Inside the demo loader's transaction: every tactic has something to show on the demo firm."""
    today = today or dt.date.today()
    rng = random.Random(seed)
    staff = dict(db.execute("SELECT name, id FROM staff").fetchall())
    owner, director = staff["钱建国"], staff["李静"]

    def day(offset: int) -> str:
        return (today + dt.timedelta(days=offset)).isoformat()

    key = db.execute("SELECT id, tier, last_manager_visit FROM clients WHERE status = 'active' AND tier IN ('A', 'B') "
                     "ORDER BY annual_value DESC, id").fetchall()
    # Tactic 4: the visits behind each tier-A client's last manager visit, and three planned for this week.
    for client_id, tier, last in key:
        if tier == "A" and last:
            db.execute("INSERT INTO manager_visits (client_id, visited_on, manager_id, notes) VALUES (?, ?, ?, ?)",
                       [client_id, last, director, tr("Annual review of prices and delivery")])
        elif tier == "B" and rng.random() < 0.8:  # half-yearly visits, most of them on time
            visited = day(-rng.randint(10, 230))
            db.execute("UPDATE clients SET last_manager_visit = ? WHERE id = ?", [visited, client_id])
            db.execute("INSERT INTO manager_visits (client_id, visited_on, manager_id, notes) VALUES (?, ?, ?, ?)",
                       [client_id, visited, director, tr("Half-yearly review")])
    for n, (client_id, _tier, _last) in enumerate(key[:3]):
        db.execute("INSERT INTO manager_visits (client_id, planned_on, manager_id, notes) VALUES (?, ?, ?, ?)",
                   [client_id, day(2 + n * 2), director if n else owner, tr("Introduce the new service manager")])
    # Tactic 5: the owner's New Year greetings and letters reached about two thirds of the key clients.
    for client_id, _tier, _last in key:
        roll = rng.random()
        if roll < 0.65:
            db.execute("INSERT INTO firm_contacts (client_id, kind, happened_on, from_whom, to_person, notes) "
                       "VALUES (?, ?, ?, ?, ?, ?)", [client_id, rng.choice(("greeting", "letter", "gift")),
                                                     day(-rng.randint(5, 330)), "钱建国", tr("General manager"), ""])
        elif roll < 0.8:
            db.execute("INSERT INTO firm_contacts (client_id, kind, happened_on, from_whom, to_person, notes) "
                       "VALUES (?, 'greeting', ?, ?, ?, '')", [client_id, day(-rng.randint(380, 700)), "钱建国",
                                                               tr("General manager")])
    # Tactic 10: deferred bonuses; the one on notice forfeits hers by leaving before it vests.
    for name, amount, vests, text in (
            ("孙丽", 30000, 60, tr("Deferred half of last year's sales bonus")),
            ("周杰", 48000, 20, tr("Deferred bonus, paid after two years' key-account targets")),
            ("David Chen", 60000, 200, tr("Three-year key-account target bonus")),
            ("吴芳", 20000, 120, tr("Retention bonus for the East China accounts"))):
        kind = "long_target" if "target" in text.lower() or "目标" in text else "deferred_bonus"
        db.execute("INSERT INTO incentives (staff_id, kind, description, amount, granted_on, vests_on) "
                   "VALUES (?, ?, ?, ?, ?, ?)", [staff[name], kind, text, amount, day(-300), day(vests)])
    _former_employee(db, today, day, staff)


def _former_employee(db: Database, today: dt.date, day, staff: dict[str, int]) -> None:
    """The technical director left four months ago for a competitor (or whoever the demo already has as left);
    the clients he looked after went to 吴芳 and are followed for 12 months."""
    successor = staff["吴芳"]
    row = db.execute("SELECT id, name, last_day FROM staff WHERE status = 'left' AND last_day IS NOT NULL "
                     "ORDER BY last_day DESC LIMIT 1").fetchone()
    if row is None:
        former, name, last_day = staff["王磊"], "王磊", day(-120)
        db.execute("UPDATE staff SET status = 'left', notice_date = ?, last_day = ? WHERE id = ?",
                   [day(-150), last_day, former])
    else:
        former, name, last_day = row

    def since_exit(days: int) -> str:
        return (dt.date.fromisoformat(last_day) + dt.timedelta(days=days)).isoformat()

    notice, handed = since_exit(-30), since_exit(-28)
    handover = db.execute(
        "INSERT INTO handovers (staff_id, status, resignation_date, last_day, reason, destination, to_competitor, "
        "secret_access, previous_status, handed_over_at, completed_at) VALUES (?, 'complete', ?, ?, 'competitor', "
        "?, 1, 1, 'active', ?, ?)", [former, notice, last_day, tr("Shenzhen Hengyuan Trading Co."),
                                    handed + "T10:00:00", last_day + "T17:00:00"]).lastrowid
    if db.execute("SELECT 1 FROM agreements WHERE staff_id = ?", [former]).fetchone() is None:
        db.execute("INSERT INTO agreements (staff_id, document_no, kind, status, category, secret_access, months, "
                   "monthly_compensation, signed_on, noncompete_start, noncompete_end, language) "
                   "VALUES (?, ?, 'both', 'signed', 'senior_technical', 1, 12, 7200, ?, ?, ?, 'zh')",
                   [former, f"CG-{today.year - 3}-0007", day(-1400), since_exit(1), since_exit(365)])
    clients = db.execute("SELECT c.id FROM clients c JOIN client_team t ON t.client_id = c.id AND t.role = 'owner' "
                         "WHERE t.staff_id = ? AND c.status = 'active' ORDER BY c.annual_value DESC, c.id LIMIT 8",
                         [successor]).fetchall()
    for n, (client_id,) in enumerate(clients):
        db.execute("INSERT INTO handover_clients (handover_id, client_id, role, successor_id, visit_on) "
                   "VALUES (?, ?, 'owner', ?, ?)", [handover, client_id, successor, since_exit(-20) if n < 3 else None])
        db.execute("UPDATE ownership_history SET to_staff_id = ?, to_name = ?, changed_on = ? "
                   "WHERE client_id = ? AND reason = 'demo'", [former, name, day(-1300), client_id])  # he won them
        db.execute("INSERT INTO ownership_history (client_id, from_staff_id, from_name, to_staff_id, to_name, "
                   "changed_on, reason, handover_id) VALUES (?, ?, ?, ?, '吴芳', ?, 'exit handover', ?)",
                   [client_id, former, name, successor, handed, handover])
        if n < 3:  # the key clients' visits planned in his handover took place
            db.execute("INSERT INTO manager_visits (client_id, planned_on, visited_on, manager_id, notes, "
                       "handover_id) VALUES (?, ?, ?, ?, ?, ?)", [client_id, since_exit(-20), since_exit(-19),
                                                                  staff["李静"], f"HO-{handover:05d}", handover])
        if n in (3, 4):  # nobody has called these since he left
            db.execute("UPDATE clients SET last_contact = ? WHERE id = ?", [since_exit(-10), client_id])
    if len(clients) > 5:
        lost = clients[5][0]
        value = db.execute("SELECT annual_value FROM clients WHERE id = ?", [lost]).fetchone()[0]
        db.execute("INSERT INTO client_losses (client_id, lost_on, reason, former_staff_id, value_lost, notes) "
                   "VALUES (?, ?, 'went_with_former', ?, ?, ?)", [lost, since_exit(75), former, value,
                                                                   tr("Orders moved to his new employer")])
        db.execute("UPDATE clients SET status = 'lost' WHERE id = ?", [lost])
    for client_id, in clients[6:7]:
        db.execute("UPDATE clients SET status = 'dormant' WHERE id = ?", [client_id])
    for at, action, detail in (
            (day(-1400), "agreement_signed", f'{{"staff": {former}}}'),
            (notice, "handover_draft", f'{{"staff": {former}, "handover": {handover}}}'),
            (handed, "handover", f'{{"staff": {former}, "handover": {handover}, "clients_moved": {len(clients)}}}'),
            (handed, "report_saved", f'{{"report": "handover", "staff": {former}}}'),
            (last_day, "handover_complete", f'{{"staff": {former}, "handover": {handover}}}')):
        db.execute("INSERT INTO audit_log (at, action, detail) VALUES (?, ?, ?)", [at + "T10:00:00", action, detail])
    scan = _signed_scan(former_name=name, last_day=last_day, number=f"HO-{handover:05d}")
    db.execute("INSERT INTO handover_acknowledgements (handover_id, signed_on, name, mime, sha256, data) "
               "VALUES (?, ?, ?, 'image/png', ?, ?)", [handover, handed, "HO-signed.png",
                                                       hashlib.sha256(scan).hexdigest(), scan])


def _signed_scan(former_name: str, last_day: str, number: str) -> bytes:
    """A picture standing in for the scan of the signed handover report."""
    from PIL import Image, ImageDraw, ImageFont

    from churnguard_gui import resources
    from churnguard_gui.reports.fonts import FONT_FILE

    image = Image.new("L", (900, 420), 250)
    draw = ImageDraw.Draw(image)
    big, small = (ImageFont.truetype(str(resources.path(FONT_FILE)), size) for size in (34, 22))
    draw.text((40, 30), tr("Exit handover report"), font=big, fill=20)
    draw.text((40, 90), f"{number} · {former_name} · {tr('Last working day')} {last_day}", font=small, fill=40)
    draw.text((40, 140), tr("By signing, each person confirms the handover above."), font=small, fill=40)
    draw.line((40, 330, 420, 330), fill=60, width=2)
    draw.text((40, 340), tr("Person leaving"), font=small, fill=60)
    draw.line((120, 300, 170, 270, 210, 310, 260, 265, 330, 300), fill=10, width=4)
    draw.ellipse((640, 220, 820, 400), outline=90, width=5)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
