"""`risks [--json]` and `risk-report` on a firm whose figures were computed by hand, without Qt."""
from __future__ import annotations

import json

import pytest

from churnguard_gui.store.db import open_db
from tests.cli.test_commands import run
from tests.risk_firm import EXPECTED, build


@pytest.fixture
def firm(tmp_path):
    path = tmp_path / "firm.db"
    db = open_db(path)
    build(db, tmp_path)
    db.close()
    return path


def test_risks_json_matches_the_hand_computed_figures(firm):
    done = run("--db", firm, "risks", "--json", "--as-of", "2026-04-15")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["firm"] == {"name": "", **EXPECTED["firm"]}
    assert [{k: h[k] for k in ("staff", "clients", "value", "share")} for h in data["concentration"]] \
        == EXPECTED["concentration"]
    assert {k: data["single_threaded"][k] for k in ("count", "value")} == EXPECTED["single_threaded"]
    assert data["staff_without_confidentiality"] == EXPECTED["staff_without_confidentiality"]
    assert data["on_notice"] == EXPECTED["on_notice"]
    assert data["compensation"]["overdue"] == {"count": 1, "amount": 5000}
    assert data["key_clients_unvisited"] == {"count": 5, "value": 3_300_000, "interval_days": {"A": 91, "B": 182}}
    assert data["tactics"]["overdue_visits"] == {"count": 5, "value": 3_300_000}  # one measure, not two


def test_risks_as_text(firm):
    done = run("--db", firm, "risks", "--as-of", "2026/4/15")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "Active clients: 7 clients, ¥3,750,000" in lines
    assert "Single-threaded clients (no backup or manager who still works here): 4 clients, ¥2,050,000" in lines
    assert "Non-compete compensation overdue: 1 payment, ¥5,000" in lines
    assert "  above the threshold: 张伟 64.0%" in lines


def test_a_bad_day_is_a_usage_error(firm):
    done = run("--db", firm, "risks", "--as-of", "2026-02-30")
    assert done.returncode == 2 and "not a date: 2026-02-30" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_risk_report_pdf_has_the_same_figures_dated_paginated_and_font_embedded(firm, tmp_path, lang):
    from pypdf import PdfReader

    out = tmp_path / f"risk-{lang}.pdf"
    done = run("--db", firm, "risk-report", "--out", out, "--lang", lang, "--as-of", "2026-04-15")
    assert done.returncode == 0, done.stderr
    reader = PdfReader(out)
    pages = [p.extract_text() for p in reader.pages]
    text = "\n".join(pages)
    for figure in ("3,750,000", "2,400,000", "64.0%", "18.7%", "13.3%", "4.0%", "2,050,000", "3,300,000",
                   "5,000", "15,000", "2026-03-31", "2026-04-15", "C02", "乙公司", "癸公司", "刘洋", "张伟", "王强",
                   "问过离职流程"):
        assert figure in text, figure
    assert "早于 180 天" not in text  # an older warning sign stays out
    label = "第 {page} 页，共 {total} 页" if lang == "zh" else "page {page} of {total}"
    for number, page in enumerate(pages, start=1):
        assert label.format(page=number, total=len(pages)) in page
    fonts = {str(f["/FontDescriptor"]["/FontName"]) for p in reader.pages
             for f in p["/Resources"]["/Font"].values() if "/FontDescriptor" in f.get_object()}
    descriptors = [f.get_object()["/FontDescriptor"] for p in reader.pages for f in p["/Resources"]["/Font"].values()]
    assert any("WenQuanYi" in name for name in fonts)
    assert all("/FontFile2" in d for d in descriptors)  # embedded TrueType
    assert len(reader.pages[0].images) == 1  # the concentration chart
    if lang == "en":
        assert "Risk report" in text and "Single-threaded clients" in text


def test_importing_the_client_team_refuses_two_managers_in_one_cell(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["客户名称", "负责销售", "协同销售", "主管"])
    book.active.append(["甲公司", "周杰", "吴芳/郑浩", "钱总"])
    book.active.append(["乙公司", "周杰", None, "王总, 李总"])
    path = tmp_path / "team.xlsx"
    book.save(path)
    db = tmp_path / "t.db"
    done = run("--db", db, "import", "clients", path)
    assert done.returncode == 1
    assert "team.xlsx, row 3, column 主管: one manager per client, found several: 王总、李总" in done.stderr
    done = run("--db", db, "import", "clients", path, "--skip-bad")
    assert done.returncode == 0, done.stderr
    assert "New staff records for unknown owners: 周杰" in done.stdout
    assert "New staff records for unknown backups and managers: 吴芳, 郑浩, 钱总" in done.stdout
    import sqlite3

    with sqlite3.connect(db) as conn:
        team = conn.execute("SELECT s.name, t.role FROM client_team t JOIN staff s ON s.id = t.staff_id "
                            "ORDER BY t.id").fetchall()
    assert team == [("周杰", "owner"), ("吴芳", "backup"), ("郑浩", "backup"), ("钱总", "manager")]
