"""Importing and exporting through the store: all or nothing, audit rows, safe files."""
from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from churnguard_gui.core.errors import InputError
from churnguard_gui.store.demo import load_demo
from churnguard_gui.store.exporter import export_file
from churnguard_gui.store.importer import Cancelled, plan_file, run_import


def snapshot(db):
    return [db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("staff", "clients", "client_contacts", "client_team", "ownership_history")]


def test_gbk_sample_imports_names_owners_and_amounts(fresh_db, samples):
    result = run_import(fresh_db, plan_file(fresh_db, samples / "clients_excel_gbk.csv", "clients"))
    assert result.written == 60
    assert sorted(result.created_staff) == sorted(["周杰", "吴芳", "郑浩", "孙丽", "马超"])
    row = fresh_db.execute(
        "SELECT c.name, s.name, c.annual_value, c.contract_start FROM clients c "
        "JOIN client_team t ON t.client_id = c.id AND t.role = 'owner' JOIN staff s ON s.id = t.staff_id "
        "WHERE c.name = '南诚化工有限公司0'").fetchone()
    assert row == ("南诚化工有限公司0", "吴芳", 890000, "2024-12-15")
    total = fresh_db.execute("SELECT sum(annual_value) FROM clients").fetchone()[0]
    with open(samples / "clients_excel_utf8bom.csv", encoding="utf-8-sig") as f:
        expected = sum(int(r["合同金额"].replace(",", "")) for r in csv.DictReader(f))
    assert total == expected
    assert fresh_db.execute("SELECT action FROM audit_log").fetchall() == [("import",)]


def test_import_again_is_refused_as_duplicates(fresh_db, samples):
    run_import(fresh_db, plan_file(fresh_db, samples / "clients.xlsx", "clients"))
    before = snapshot(fresh_db)
    plan = plan_file(fresh_db, samples / "clients_excel_utf8bom.csv", "clients")
    assert len(plan.refused_rows) == 60 and plan.problems[0].code == "duplicate_client"
    with pytest.raises(InputError, match="60 rows cannot be imported"):
        run_import(fresh_db, plan)
    assert snapshot(fresh_db) == before


def test_one_bad_row_refuses_all_unless_skip_bad(fresh_db, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("客户名称,负责销售,合同金额\n甲,吴芳,100\n乙,吴芳,很多\n丙,郑浩,300\n", encoding="utf-8")
    plan = plan_file(fresh_db, path, "clients")
    with pytest.raises(InputError):
        run_import(fresh_db, plan)
    assert snapshot(fresh_db) == [[], [], [], [], []]
    result = run_import(fresh_db, plan, skip_bad=True)
    assert result.written == 2 and plan.refused_rows == [3]
    assert [n for (n,) in fresh_db.execute("SELECT name FROM clients ORDER BY id")] == ["甲", "丙"]


def test_dry_run_writes_nothing(fresh_db, samples):
    result = run_import(fresh_db, plan_file(fresh_db, samples / "clients.xlsx", "clients"), dry_run=True)
    assert result.written == 60 and snapshot(fresh_db) == [[], [], [], [], []]


def test_cancel_midway_writes_nothing(fresh_db):
    load_demo(fresh_db)
    before = snapshot(fresh_db)
    from churnguard_gui.core.importing import ClientRow, ImportPlan
    from churnguard_gui.core.models import Client

    plan = ImportPlan("clients", "big.csv", records=[ClientRow(i + 2, Client(name=f"新客户{i}"), "吴芳")
                                                     for i in range(1000)])
    with pytest.raises(Cancelled):
        run_import(fresh_db, plan, progress=lambda done, total: done < 400)
    assert snapshot(fresh_db) == before


def test_staff_import_links_managers(fresh_db, tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("姓名,职位,上级,月薪,接触商业秘密\n李静,销售总监,,26000,是\n周杰,销售代表,李静,9000,否\n",
                    encoding="utf-8-sig")
    run_import(fresh_db, plan_file(fresh_db, path, "staff"))
    rows = fresh_db.execute("SELECT s.name, m.name, s.monthly_wage, s.secret_access FROM staff s "
                            "LEFT JOIN staff m ON m.id = s.manager_id ORDER BY s.id").fetchall()
    assert rows == [("李静", None, 26000, 1), ("周杰", "李静", 9000, 0)]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_neutralises_formulas_and_keeps_chinese(fresh_db, tmp_path, suffix):
    path = tmp_path / "c.csv"
    path.write_text("客户名称,负责销售,备注\n=HYPERLINK(\"http://x\"),吴芳,+86 转账\n南诚化工,吴芳,@SUM(A1)\n",
                    encoding="utf-8")
    run_import(fresh_db, plan_file(fresh_db, path, "clients"))
    out = tmp_path / f"out{suffix}"
    assert export_file(fresh_db, "clients", out) == 2
    if suffix == ".csv":
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    else:
        sheet = load_workbook(out).worksheets[0]
        rows = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
        assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)
    cells = [c for r in rows for c in r]
    assert "'=HYPERLINK(\"http://x\")" in cells and "'+86 转账" in cells and "'@SUM(A1)" in cells
    assert "南诚化工" in cells and "吴芳" in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert fresh_db.execute("SELECT action FROM audit_log ORDER BY id").fetchall() == [("import",), ("export",)]


def test_export_is_atomic_when_it_fails(fresh_db, tmp_path, monkeypatch):
    load_demo(fresh_db)
    out = tmp_path / "clients.csv"
    out.write_text("the old export", encoding="utf-8")

    def broken(*args, **kwargs):
        yield ("x",) * 19
        raise OSError(28, "No space left on device")

    import churnguard_gui.store.exporter as exporter

    monkeypatch.setattr(exporter, "export_rows", lambda db, kind: (["h"] * 19, broken()))
    with pytest.raises(InputError, match="disk is full"):
        export_file(fresh_db, "clients", out)
    assert out.read_text(encoding="utf-8") == "the old export"
    assert list(tmp_path.glob(".clients.csv.*")) == []


def test_export_then_import_round_trips(fresh_db, tmp_path, db_path):
    load_demo(fresh_db)
    out = tmp_path / "clients.xlsx"
    export_file(fresh_db, "clients", out)
    from churnguard_gui.store.db import open_db

    other = open_db(tmp_path / "other.db")
    export_staff = tmp_path / "staff.csv"
    export_file(fresh_db, "staff", export_staff)
    run_import(other, plan_file(other, export_staff, "staff"))
    result = run_import(other, plan_file(other, out, "clients"))
    assert result.written == 300 and result.created_staff == []
    query = "SELECT code, name, annual_value, tier, trading_habits FROM clients ORDER BY code"
    assert other.execute(query).fetchall() == fresh_db.execute(query).fetchall()


def test_unassigned_clients_wait_for_an_owner_until_one_is_given(fresh_db, tmp_path):
    from churnguard_gui.core.importing import Owners
    from churnguard_gui.core.models import TeamMember
    from churnguard_gui.store.clients import get_client, save_client
    from churnguard_gui.store.staff import staff_name_index

    path = tmp_path / "c.csv"
    path.write_text("企业名称,客户来源,状态\n甲,展会,正常\n乙,网站,潜在\n", encoding="utf-8")
    with pytest.raises(InputError, match="no owner column"):
        plan_file(fresh_db, path, "clients")
    result = run_import(fresh_db, plan_file(fresh_db, path, "clients", owners=Owners(unassigned=True)))
    assert result.written == 2 and result.plan.unassigned == 1  # a prospect needs no owner
    assert fresh_db.execute("SELECT name, source, needs_owner FROM clients ORDER BY id").fetchall() == [
        ("甲", "展会", 1), ("乙", "网站", 0)]
    other = tmp_path / "d.csv"
    other.write_text("企业名称\n丙\n", encoding="utf-8")
    run_import(fresh_db, plan_file(fresh_db, other, "clients", owners=Owners(default="吴芳")))  # makes 吴芳
    owner = staff_name_index(fresh_db)["吴芳"]
    client = get_client(fresh_db, 1)
    client.team = [TeamMember(owner, "owner")]
    client.source = ""  # as the client dialog, which does not show the source, sends it
    save_client(fresh_db, client)
    assert fresh_db.execute("SELECT needs_owner, source FROM clients WHERE id = 1").fetchone() == (0, "展会")


def test_the_mapping_is_remembered_for_the_same_headers(fresh_db):
    from churnguard_gui.store.importer import remember_mapping, remembered_mapping

    headers = ["Account", "Rep", "Deal"]
    assert remembered_mapping(fresh_db, "clients", headers) is None
    remember_mapping(fresh_db, "clients", headers, {"Account": "name", "Rep": "owner", "Deal": "annual_value"})
    assert remembered_mapping(fresh_db, "clients", [" account", "REP", "Deal"]) == {
        "Account": "name", "Rep": "owner", "Deal": "annual_value"}
    assert remembered_mapping(fresh_db, "staff", headers) is None
    assert remembered_mapping(fresh_db, "clients", headers + ["Memo"]) is None


def test_many_bad_rows_are_counted_not_all_kept(fresh_db, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("客户名称,负责销售,合同金额\n" + "".join(f"甲{i},吴芳,很多\n" for i in range(1000)), encoding="utf-8")
    plan = plan_file(fresh_db, path, "clients")
    assert plan.problem_count == 1000 and len(plan.problems) == 200 and len(plan.refused_rows) == 1000


def test_a_big_file_is_planned_without_keeping_its_records(fresh_db, tmp_path, monkeypatch, db_path):
    from churnguard_gui.core import importing
    from churnguard_gui.store.db import open_db

    path = tmp_path / "c.csv"
    path.write_text("客户名称,负责销售,合同金额\n" + "".join(f"客户{i},{'吴芳' if i % 2 else '郑浩'},{i}\n"
                                                      for i in range(50)) + "客户3,吴芳,1\n坏,吴芳,很多\n",
                    encoding="utf-8")
    kept = plan_file(fresh_db, path, "clients")
    monkeypatch.setattr(importing, "KEEP_RECORDS", 10)
    streamed = plan_file(fresh_db, path, "clients")
    assert streamed.records == [] and streamed.total == kept.total == 50
    assert streamed.refused_rows == kept.refused_rows == [52, 53]
    assert sorted(streamed.new_staff) == sorted(kept.new_staff) == ["吴芳", "郑浩"]
    assert [r.client.name for r in streamed.all_records()] == [r.client.name for r in kept.records]
    other = open_db(tmp_path / "other.db")
    run_import(fresh_db, kept, skip_bad=True)
    result = run_import(other, plan_file(other, path, "clients"), skip_bad=True)  # streamed: KEEP_RECORDS is 10
    assert result.written == 50
    query = "SELECT c.name, c.annual_value, s.name FROM clients c JOIN client_team t ON t.client_id = c.id " \
            "JOIN staff s ON s.id = t.staff_id ORDER BY c.id"
    assert other.execute(query).fetchall() == fresh_db.execute(query).fetchall()
    other.close()
