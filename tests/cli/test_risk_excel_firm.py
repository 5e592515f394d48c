"""Issue 12 point 3: a firm the app has not seen, kept in Excel by its owner, imported through `import`; every field
of `risks --json` checked against figures computed by hand here, and the risk report PDF showing the same numbers.

Two client workbooks, as two people of the firm keep them: one names backups 协助销售 and the manager 主管, the other
备份负责人 and 客户主管; names are separated by 、，,;/ . As of 2026-05-20:

  active clients (合同金额 in yuan): K01 1,200,000 周杰 (backups 吴芳、何静, manager 钱总), K02 800,000 周杰 (alone),
  K03 600,000 吴芳 (backup 冯云 who has left: alone), K04 500,000 郑浩 (孙丽，何静), K06 250,000 孙丽 (周杰,吴芳),
  K07 400,000 郑浩 (何静;冯云), K09 700,000 孙丽 (her own manager: alone), K10 150,000 何静 (周杰/孙丽, 高峰),
  K12 450,000 吴芳 (manager 高峰). Not counted: K05 prospect, K08 dormant, K11 lost.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from churnguard_gui.store.db import open_db
from tests.cli.test_commands import run

AS_OF = "2026-05-20"
STAFF = [("姓名", "职位", "部门", "状态", "最后工作日", "接触商业秘密", "月薪"),
         ("周杰", "销售代表", "销售部", "在职", None, "是", 16000),
         ("吴芳", "销售代表", "销售部", "在职", None, "是", 14000),
         ("郑浩", "销售代表", "销售部", "离职中", "2026-06-30", "否", 14000),
         ("孙丽", "销售经理", "销售部", "在职", None, "是", 18000),
         ("钱总", "总经理", "管理层", "在职", None, "是", 40000),
         ("冯云", "销售代表", "销售部", "已离职", "2026-02-28", "是", 12000),
         ("何静", "销售助理", "销售部", "在职", None, "否", 8000),
         ("高峰", "销售主管", "销售部", "在职", None, "否", 20000)]
CLIENTS_A = [("客户编号", "公司名称", "合同金额", "状态", "客户等级", "所属销售", "协助销售", "主管", "最近高层拜访"),
             ("K01", "东方电子有限公司", "1,200,000", "正常", "A", "周杰", "吴芳、何静", "钱总", "2026-03-01"),
             ("K02", "南方贸易有限公司", "800,000", "正常", "A", "周杰", None, None, None),
             ("K03", "西部机械有限公司", "600,000", "合作中", "B", "吴芳", "冯云", None, None),
             ("K04", "北辰化工有限公司", "500,000", "正常", "C", "郑浩", "孙丽，何静", None, None),
             ("K05", "中和物流有限公司", "300,000", "潜在", "B", "周杰", None, None, None),
             ("K06", "华美印务有限公司", "250,000", "正常", "C", "孙丽", "周杰,吴芳", None, None)]
CLIENTS_B = [("客户编号", "公司名称", "合同金额", "状态", "客户等级", "所属销售", "备份负责人", "客户主管", "最近高层拜访"),
             ("K07", "海天食品有限公司", 400000, "正常", "B", "郑浩", "何静;冯云", None, None),
             ("K08", "金桥建材有限公司", 350000, "休眠", "A", "吴芳", None, None, None),
             ("K09", "银河科技有限公司", 700000, "正常", "A", "孙丽", None, "孙丽", "2025-12-01"),
             ("K10", "长城电器有限公司", 150000, "正常", "C", "何静", "周杰/孙丽", "高峰", None),
             ("K11", "远航船务有限公司", 200000, "流失", "A", "郑浩", None, None, None),
             ("K12", "新星医药有限公司", 450000, "正常", "B", "吴芳", None, "高峰", "2026-01-15")]

# -- the figures, by hand
ACTIVE = {"K01": 1_200_000, "K02": 800_000, "K03": 600_000, "K04": 500_000, "K06": 250_000, "K07": 400_000,
          "K09": 700_000, "K10": 150_000, "K12": 450_000}
FIRM_VALUE = 5_050_000
OWNED = {"周杰": ("K01", "K02"), "吴芳": ("K03", "K12"), "孙丽": ("K06", "K09"), "郑浩": ("K04", "K07"),
         "何静": ("K10",)}
SINGLE = {"K02": "周杰", "K09": "孙丽", "K03": "吴芳"}  # by value: 800,000, 700,000, 600,000
NAMES = {"K02": "南方贸易有限公司", "K09": "银河科技有限公司", "K03": "西部机械有限公司"}
# 吴芳: "both" printed, not signed; 何静: a draft. 孙丽 signed a non-compete only, on the current template, whose
# every non-compete carries the confidentiality clauses: she is bound to confidentiality too.
SIGNED_CONFIDENTIALITY = {"周杰", "郑浩", "孙丽"}
OVERDUE_VISITS = ("K02", "K03", "K07", "K09")  # A every 91 days, B every 182: never visited, or K09 170 days ago


def write_book(path: Path, rows) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


@pytest.fixture(scope="module")
def firm(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("excel_firm")
    db = folder / "firm.db"
    for kind, name, rows in (("staff", "员工.xlsx", STAFF), ("clients", "客户A.xlsx", CLIENTS_A),
                             ("clients", "客户B.xlsx", CLIENTS_B)):
        done = run("--db", db, "import", kind, write_book(folder / name, rows))
        assert done.returncode == 0, done.stderr
    record_agreements_and_signs(db)
    return db


def record_agreements_and_signs(path: Path) -> None:
    """What the owner records in the app after the import: agreements (signed or not) and one warning sign."""
    import datetime as dt

    from churnguard_gui.core.agreements import AgreementDraft
    from churnguard_gui.store.agreements import mark_printed, record_signing, save_agreement
    from churnguard_gui.store.risk import add_warning_sign
    from churnguard_gui.store.staff import find_staff

    db = open_db(path, create=False)
    secret = {row[0]: bool(row[5] == "是") for row in STAFF[1:]}
    for name, kind, status in (("周杰", "confidentiality", "signed"), ("郑浩", "confidentiality", "signed"),
                               ("吴芳", "both", "printed"), ("孙丽", "noncompete", "signed"),
                               ("何静", "confidentiality", "draft")):
        nc = kind != "confidentiality"
        draft = AgreementDraft(staff_id=find_staff(db, name), kind=kind, category="senior_manager",
                               secret_access=secret[name], secrets=("client_list",), months=12 if nc else 0,
                               business="电子元器件的销售" if nc else "", region="广东省" if nc else "",
                               competitors="竞争科技" if nc else "", average_wage=15000, minimum_wage=2520,
                               monthly_compensation=5000 if nc else 0, language="zh")
        agreement_id = save_agreement(db, draft, today=dt.date(2026, 1, 5))
        if status in ("printed", "signed"):
            mark_printed(db, agreement_id)
        if status == "signed":
            record_signing(db, agreement_id, "2026-01-06", "钱总")
    add_warning_sign(db, find_staff(db, "吴芳"), "competitor_contact", "2026-05-01", "见过竞争对手")
    db.close()


def expected_json() -> dict:
    holdings = sorted(((name, len(codes), sum(ACTIVE[c] for c in codes)) for name, codes in OWNED.items()),
                      key=lambda h: (-h[2], h[0]))
    single_value = sum(ACTIVE[c] for c in SINGLE)
    overdue_value = sum(ACTIVE[c] for c in OVERDUE_VISITS)
    key_ab = ("K01", "K02", "K03", "K07", "K09", "K12")  # active tier A and B: no firm-level contact recorded
    return {
        "as_of": AS_OF,
        "firm": {"name": "", "clients": len(ACTIVE), "value": FIRM_VALUE},
        "thresholds": {"concentration_percent": 25, "key_person_percent": 10, "sign_days": 180},
        "concentration": [{"staff": name, "clients": n, "value": value, "share": value / FIRM_VALUE,
                           "flagged": value / FIRM_VALUE > 0.25} for name, n, value in holdings],
        "single_threaded": {"count": len(SINGLE), "value": single_value,
                            "top": [{"code": code, "client": NAMES[code], "owner": owner, "value": ACTIVE[code]}
                                    for code, owner in SINGLE.items()]},
        "staff_without_confidentiality": sorted(set(OWNED) - SIGNED_CONFIDENTIALITY),
        # employed, with access to trade secrets or ≥ 10% of the value, no signed non-compete (孙丽 has one)
        "key_without_noncompete": [{"staff": "吴芳", "why": "secret_access,share"},
                                   {"staff": "周杰", "why": "secret_access,share"},
                                   {"staff": "郑浩", "why": "share"}, {"staff": "钱总", "why": "secret_access"}],
        "on_notice": ["郑浩"],
        "handovers": [{"staff": "郑浩", "last_day": "2026-06-30", "handover": "none", "tasks_done": 0,
                       "tasks_total": 0, "clients_still_owned": 2, "value_still_owned": 900_000}],
        "compensation": {"overdue": {"count": 0, "amount": 0}, "due": {"count": 0, "amount": 0}, "payments": []},
        "warning_signs": [{"staff": "吴芳", "kind": "competitor_contact", "noted_on": "2026-05-01",
                           "note": "见过竞争对手"}],
        "key_clients_unvisited": {"count": len(OVERDUE_VISITS), "value": overdue_value,
                                  "interval_days": {"A": 91, "B": 182}},
        "tactics": {
            "overdue_visits": {"count": len(OVERDUE_VISITS), "value": overdue_value},
            "no_firm_contact_12_months": {"count": len(key_ab), "value": sum(ACTIVE[c] for c in key_ab)},
            "renewals_due": {"count": 0, "value": 0},
            "single_contact": {"count": len(SINGLE), "value": single_value, "one_contact_count": len(ACTIVE),
                               "one_contact_value": FIRM_VALUE},
            "former_clients_at_risk": {"count": 0, "value": 0, "went_with_former": 0, "went_with_former_value": 0},
        },
    }


def test_every_field_of_risks_json_is_the_hand_computed_figure(firm):
    done = run("--db", firm, "risks", "--json", "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    expected = expected_json()
    assert set(data) == set(expected)
    for key in expected:
        assert data[key] == expected[key], key
    # the contract of issue 12, spelled out
    assert data["firm"]["clients"] == 9 and data["firm"]["value"] == 5_050_000
    assert [(h["staff"], h["clients"], h["value"]) for h in data["concentration"]] == [
        ("周杰", 2, 2_000_000), ("吴芳", 2, 1_050_000), ("孙丽", 2, 950_000), ("郑浩", 2, 900_000), ("何静", 1, 150_000)]
    assert data["single_threaded"]["count"] == 3 and data["single_threaded"]["value"] == 2_100_000
    assert data["staff_without_confidentiality"] == ["何静", "吴芳"]  # 孙丽: a non-compete on the current template binds to confidentiality


def pdf_lines(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [re.sub(r"\s+", " ", line).strip() for page in PdfReader(path).pages
            for line in page.extract_text().splitlines()]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_risk_report_shows_the_same_numbers(firm, tmp_path, lang):
    out = tmp_path / f"risk-{lang}.pdf"
    done = run("--db", firm, "risk-report", "--out", out, "--lang", lang, "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    data = json.loads(run("--db", firm, "risks", "--json", "--as-of", AS_OF).stdout)
    lines = pdf_lines(out)
    text = "\n".join(lines)

    def row(*cells: str) -> bool:
        """A table row: these cells one after the other (pypdf gives each cell its own line)."""
        return any(lines[i:i + len(cells)] == list(cells) for i in range(len(lines)))

    for h in data["concentration"]:  # salesperson, active clients, value, share
        assert row(h["staff"], str(h["clients"]), f"{h['value']:,}", f"{h['share']:.1%}"), h
    for c in data["single_threaded"]["top"]:
        assert row(c["code"], c["client"], c["owner"], f"{c['value']:,}"), c
    names = {h["staff"]: h for h in data["concentration"]}
    for name in data["staff_without_confidentiality"]:  # name, active clients, value
        assert row(name, str(names[name]["clients"]), f"{names[name]['value']:,}"), name
    for name in data["on_notice"]:
        assert row(name, "2026-06-30"), name
    firm, single, visits = data["firm"], data["single_threaded"], data["key_clients_unvisited"]
    if lang == "en":
        assert row("Active clients", f"{firm['clients']} clients, ¥{firm['value']:,}")
        assert row("Single-threaded clients (no backup or manager who still works here)",
                   f"{single['count']} clients, ¥{single['value']:,}")
        assert f"{single['count']} active clients (¥{single['value']:,}) are known to their owner only" in text
        assert row("Key clients overdue for a manager visit (days between visits by tier: A 91, B 182)",
                   f"{visits['count']} clients, ¥{visits['value']:,}")
        assert row("People on notice", str(len(data["on_notice"])))
        assert row("Staff holding clients without a signed confidentiality agreement",
                   str(len(data["staff_without_confidentiality"])))
    else:
        for figure in (f"{firm['clients']} 个客户，¥{firm['value']:,}", f"{single['count']} 个客户，¥{single['value']:,}",
                       f"{visits['count']} 个客户，¥{visits['value']:,}"):
            assert figure in lines, figure


def test_the_handover_report_counts_as_the_risk_figures_do(firm, tmp_path):
    """郑浩 is on notice: his handover report's value, share and single-threaded clients are the Risk tab's (active
    clients, share of the firm's active value); K11, lost, is listed for handing over but not counted."""
    data = json.loads(run("--db", firm, "risks", "--json", "--as-of", AS_OF).stdout)
    (held,) = [h for h in data["concentration"] if h["staff"] == "郑浩"]
    out = tmp_path / "handover.pdf"
    done = run("--db", firm, "handover-report", "郑浩", "--out", out, "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = pdf_lines(out)
    at = lines.index("Active clients owned")
    assert " ".join(lines[at + 1:at + 4]) == f"{held['clients']} (+1 prospect, dormant or lost)"  # wrapped in its cell
    at = lines.index("Annual value of active clients owned (¥)")
    assert lines[at + 1] == f"{held['value']:,}"
    at = lines.index("Share of the firm's active client value")
    assert lines[at + 1] == f"{held['share']:.1%}" == "17.8%"
    at = lines.index("Single-threaded active clients (nobody else")  # the label wraps in its cell
    assert lines[at + 1:at + 3] == ["employed on the team)", "0"]  # K04 and K07 have 孙丽 and 何静 beside him
    assert "K11" in lines
