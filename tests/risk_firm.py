"""A small firm whose risk figures were computed by hand, imported from Excel-style files as an owner would.

Active clients (万元): C01 100 张伟 (backups 李娜、王强, manager 陈静), C02 80 张伟 (alone), C03 50 李娜 (backup
赵磊 who has left), C04 40 王强 (manager 陈静), C05 30 王强 (backups 张伟，刘洋), C09 15 刘洋 (backup: himself),
C10 60 张伟 (manager: himself). Not counted: C06 prospect, C07 dormant, C08 lost.

  firm: 7 clients, ¥3,750,000
  张伟 3 clients ¥2,400,000 = 0.64 (flagged above 25%); 王强 2, ¥700,000 = 0.18666…; 李娜 1, ¥500,000 = 0.1333…;
  刘洋 1, ¥150,000 = 0.04
  single-threaded: C02, C03, C09, C10 = 4 clients, ¥2,050,000
  without confidentiality: 张伟 (non-compete only, on template 2026.2: no confidentiality clause), 王强 ("both" printed, not signed), 刘洋 (a draft)
  key people without a non-compete: 李娜 (13.3% ≥ 10%), 王强 (18.7%; his handover recorded no secret access)
  on notice: 王强, handover draft with 2 of 5 tasks done, 2 clients (¥700,000) still owned
  赵磊 left on 2026-01-31, non-compete from 2026-02-01, ¥5,000 a month, month 1 paid. As of 2026-04-15:
  month 2 (due 2026-03-31) overdue; months 3–5 (due 04-30, 05-31, 06-30) due within three months
  warning signs within 180 days: 李娜 ×2 (the one from 2025-09-01 is older)
  key clients overdue for a manager visit by the tier schedule (A every 91 days, B every 182): C01 (2026-01-10,
  95 days), C02 (never), C10 (2025-06-01), C03 and C04 (tier B, never) = 5, ¥3,300,000
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

AS_OF = dt.date(2026, 4, 15)

STAFF_CSV = """姓名,职位,部门,状态,最后工作日,接触商业秘密,月薪
张伟,销售总监,销售部,在职,,是,20000
李娜,销售经理,销售部,在职,,否,15000
王强,销售代表,销售部,离职中,2026-05-15,是,15000
赵磊,销售代表,销售部,已离职,2026-01-31,是,15000
陈静,总经理,管理层,在职,,否,30000
刘洋,销售助理,销售部,在职,,否,8000
"""

CLIENT_HEADERS = ["客户编号", "客户名称", "年销售额(万元)", "状态", "客户等级", "负责销售", "协助销售", "客户主管",
                  "最近高层拜访"]
CLIENT_ROWS = [
    ["C01", "甲公司", 100, "正常", "A", "张伟", "李娜、王强", "陈静", "2026-01-10"],
    ["C02", "乙公司", 80, "正常", "A", "张伟", None, None, None],
    ["C03", "丙公司", 50, "正常", "B", "李娜", "赵磊", None, None],
    ["C04", "丁公司", 40, "合作中", "B", "王强", None, "陈静", None],
    ["C05", "戊公司", 30, "正常", "C", "王强", "张伟，刘洋", None, None],
    ["C06", "己公司", 20, "潜在", "B", "刘洋", None, None, None],
    ["C07", "庚公司", 10, "休眠", "A", "张伟", None, None, None],
    ["C08", "辛公司", 5, "流失", "C", "李娜", None, None, None],
    ["C09", "壬公司", 15, "正常", "C", "刘洋", "刘洋", None, None],
    ["C10", "癸公司", 60, "正常", "A", "张伟", None, "张伟", "2025-06-01"],
]

EXPECTED = {
    "firm": {"clients": 7, "value": 3_750_000},
    "concentration": [
        {"staff": "张伟", "clients": 3, "value": 2_400_000, "share": 2_400_000 / 3_750_000},
        {"staff": "王强", "clients": 2, "value": 700_000, "share": 700_000 / 3_750_000},
        {"staff": "李娜", "clients": 1, "value": 500_000, "share": 500_000 / 3_750_000},
        {"staff": "刘洋", "clients": 1, "value": 150_000, "share": 150_000 / 3_750_000},
    ],
    "single_threaded": {"count": 4, "value": 2_050_000},
    "staff_without_confidentiality": ["刘洋", "张伟", "王强"],
    "on_notice": ["王强"],
}


def write_files(folder: Path) -> tuple[Path, Path]:
    """staff.csv (UTF-8 with BOM, as Excel saves it) and clients.xlsx."""
    from openpyxl import Workbook

    staff = folder / "staff.csv"
    staff.write_bytes(b"\xef\xbb\xbf" + STAFF_CSV.encode("utf-8"))
    book = Workbook()
    sheet = book.active
    sheet.append(CLIENT_HEADERS)
    for row in CLIENT_ROWS:
        sheet.append(row)
    clients = folder / "clients.xlsx"
    book.save(clients)
    return staff, clients


def build(db, folder: Path) -> None:
    """Import the files, then record what an owner records in the app: agreements, a handover, warning signs."""
    from churnguard_gui.core.agreements import AgreementDraft, render
    from churnguard_gui.core.handover import ChecklistItem, Departure, HandoverPlan
    from churnguard_gui.store.agreements import mark_printed, parties, record_payment, record_signing, save_agreement
    from churnguard_gui.store.handovers import current_lines, save_draft
    from churnguard_gui.store.importer import plan_file, run_import
    from churnguard_gui.store.risk import add_warning_sign
    from churnguard_gui.store.staff import find_staff

    staff_file, client_file = write_files(folder)
    for kind, path in (("staff", staff_file), ("clients", client_file)):
        plan = plan_file(db, path, kind)
        assert not plan.problems, [str(p) for p in plan.problems]
        run_import(db, plan)

    def agreement(name: str, kind: str, status: str, template: str | None = None, **terms) -> int:
        nc = kind != "confidentiality"
        values = dict(staff_id=find_staff(db, name), kind=kind, category="senior_manager", secret_access=True,
                      secrets=("client_list",), months=12 if nc else 0, business="电子元器件的销售" if nc else "",
                      region="广东省" if nc else "", competitors="竞争科技" if nc else "",
                      average_wage=15000, minimum_wage=2360,
                      monthly_compensation=5000 if nc else 0, language="zh")
        values.update(terms)
        draft = AgreementDraft(**values)

        def fingerprint(number):
            text = render(draft, parties(db, draft.staff_id), number, template)
            return text.fingerprint, text.template_version

        agreement_id = save_agreement(db, draft, fingerprint, today=dt.date(2025, 6, 1))
        if status in ("printed", "signed"):
            mark_printed(db, agreement_id)
        if status == "signed":
            record_signing(db, agreement_id, "2025-06-02", "陈静")
        return agreement_id

    agreement("张伟", "noncompete", "signed", template="2026.2")  # before every non-compete had the secrets clauses
    agreement("李娜", "confidentiality", "signed")
    agreement("王强", "both", "printed")
    agreement("刘洋", "confidentiality", "draft")
    zhao = agreement("赵磊", "both", "signed")  # he has left: the clock runs from 2026-02-01
    record_payment(db, zhao, 1, 5000, "2026-02-28")

    wang = find_staff(db, "王强")
    items = tuple(ChecklistItem(f"任务{i}", "陈静", "2026-05-01", done=i < 2) for i in range(5))
    save_draft(db, HandoverPlan(wang, Departure("2026-04-10", "2026-05-15"), tuple(current_lines(db, wang)), items))

    li = find_staff(db, "李娜")
    add_warning_sign(db, li, "asked_about_leaving", "2026-04-01", "问过离职流程")
    add_warning_sign(db, li, "competitor_contact", "2026-03-10", "与竞争对手销售总监吃饭")
    add_warning_sign(db, li, "falling_results", "2025-09-01", "早于 180 天")
