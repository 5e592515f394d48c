"""The headless commands as a user runs them, with PySide6 made unimportable."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Runs main.py with every PySide6 import failing, as on a server without Qt.
BLOCK_QT = (
    "import sys, runpy\n"
    "class Block:\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name == 'PySide6' or name.startswith('PySide6.'):\n"
    "            raise ImportError('PySide6 is blocked in this test')\n"
    "sys.meta_path.insert(0, Block())\n"
    "sys.argv = ['main.py'] + sys.argv[1:]\n"
    f"runpy.run_path({str(ROOT / 'main.py')!r}, run_name='__main__')\n"
)


def run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BLOCK_QT, *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"})


def count(db: Path, table: str) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_core_store_reports_and_cli_import_without_qt():
    code = ("import sys\nclass B:\n def find_spec(self, n, p=None, t=None):\n"
            "  if n.startswith('PySide6'): raise ImportError(n)\nsys.meta_path.insert(0, B())\n"
            "import pkgutil, importlib, churnguard_gui\n"
            "for m in pkgutil.walk_packages(churnguard_gui.__path__, 'churnguard_gui.'):\n"
            "    if '.ui' not in m.name: importlib.import_module(m.name)\n"
            "print('PySide6' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_demo_import_export_check(tmp_path, samples):
    db = tmp_path / "firm.db"
    assert run("--db", db, "demo").returncode == 0
    assert (count(db, "staff"), count(db, "clients")) == (12, 300)
    done = run("--db", db, "import", "clients", samples / "clients_excel_gbk.csv")
    assert done.returncode == 0, done.stderr
    assert "Imported 60 clients from clients_excel_gbk.csv" in done.stdout
    assert count(db, "clients") == 360 and count(db, "staff") == 12  # owners matched to demo staff
    out = tmp_path / "out.csv"
    assert run("--db", db, "export", "clients", out).returncode == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert "南诚化工有限公司0" in text and "吴芳" in text
    checked = run("--db", db, "check")
    assert checked.returncode == 0 and "healthy" in checked.stdout


def test_new_owner_names_create_staff_listed_in_summary(tmp_path, samples):
    db = tmp_path / "firm.db"
    done = run("--db", db, "import", "clients", samples / "clients.xlsx")
    assert done.returncode == 0
    assert "New staff records for unknown owners:" in done.stdout and "孙丽" in done.stdout
    assert count(db, "staff") == 5


def test_bad_file_is_refused_with_row_and_column_and_db_unchanged(tmp_path, samples):
    db = tmp_path / "firm.db"
    run("--db", db, "import", "staff", samples / "staff.csv")
    before = db.read_bytes()
    bad = tmp_path / "bad.csv"
    data = bytearray((samples / "clients_excel_utf8bom.csv").read_bytes())
    data[data.index("刘经理".encode(), 200)] = 0xFF
    bad.write_bytes(bytes(data))
    done = run("--db", db, "import", "clients", bad)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    line = done.stderr.strip().splitlines()[-1]
    assert "bad.csv" in line and "row " in line and "column 联系人" in line
    assert count(db, "clients") == 0
    assert db.read_bytes() == before


def test_bad_rows_refuse_the_whole_file_unless_skip_bad(tmp_path):
    db = tmp_path / "firm.db"
    src = tmp_path / "c.csv"
    src.write_text("客户编号,客户名称,负责销售,最近联系日期\nK1,甲,吴芳,2025/1/2\nK1,乙,吴芳,2025/1/3\n"
                   "K3,丙,吴芳,昨天\nK4,丁,吴芳,2025年1月2日\n", encoding="gbk")
    done = run("--db", db, "import", "clients", src)
    assert done.returncode == 1
    assert "c.csv, row 3, column 客户编号: client code K1 already appears in row 2" in done.stderr
    assert "c.csv, row 4, column 最近联系日期: not a date: 昨天" in done.stderr
    assert count(db, "clients") == 0
    dry = run("--db", db, "import", "clients", src, "--skip-bad", "--dry-run")
    assert dry.returncode == 0 and "would be imported" in dry.stdout and count(db, "clients") == 0
    done = run("--db", db, "import", "clients", src, "--skip-bad")
    assert done.returncode == 0 and "Refused rows (not imported): 3, 4" in done.stdout
    assert count(db, "clients") == 2


def test_map_option_reads_unknown_headers(tmp_path):
    db = tmp_path / "firm.db"
    src = tmp_path / "crm.csv"
    src.write_text("Account,Rep,Deal size (万元),Memo\nAcme,David Chen,12.5,hello\n", encoding="utf-8")
    done = run("--db", db, "import", "clients", src, "--map", "Deal size (万元)=annual_value", "--map", "Memo=notes")
    assert done.returncode == 0, done.stderr
    import sqlite3

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT name, annual_value, notes FROM clients").fetchone() == ("Acme", 125000, "hello")


@pytest.mark.parametrize("args, code", [
    (["import", "clients"], 2), (["import", "things", "x.csv"], 2), (["frobnicate"], 2),
    (["import", "clients", "missing.csv"], 1), (["import", "clients", "x.csv", "--map", "oops"], 1),
])
def test_usage_and_input_errors_exit_codes(tmp_path, args, code):
    if args[-1] == "x.csv" or "x.csv" in args:
        (tmp_path / "x.csv").write_text("客户名称\n甲\n", encoding="utf-8")
        args = [str(tmp_path / a) if a == "x.csv" else a for a in args]
    done = run("--db", tmp_path / "firm.db", *args)
    assert done.returncode == code
    assert "Traceback" not in done.stderr


def test_newer_database_refused_with_clear_message(tmp_path):
    import sqlite3

    db = tmp_path / "firm.db"
    run("--db", db, "check")
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    done = run("--db", db, "check")
    assert done.returncode == 1 and "newer ChurnGuard" in done.stderr and "Traceback" not in done.stderr


def test_chinese_messages(tmp_path):
    done = run("--lang", "zh", "--db", tmp_path / "firm.db", "demo")
    assert done.returncode == 0 and "演示" in done.stdout


def test_messy_gbk_export_of_several_hundred_clients(tmp_path):
    """As a Chinese Windows Excel saves it: GBK, CRLF, 万 and ¥ amounts, full-width digits, mixed dates,
    quoted commas and line breaks, blank lines; then exported back for Excel."""
    import csv
    import io
    import random

    rng = random.Random(7)
    owners = ["周杰", "吴芳", "郑浩", "孙丽", "马超", "钱总"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["客户编号", "客户名称", "联系人", "手机", "客户等级", "年销售额(万元)", "业务员", "最近联系日期", "备注"])
    expected = {}
    for i in range(450):
        wan = rng.randint(1, 300)
        amount = [f"{wan}", f"￥{wan}", f"{wan}.0", "".join(chr(ord(d) + 0xFEE0) for d in str(wan))][i % 4]
        date = [f"2025/{i % 12 + 1}/{i % 28 + 1}", f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
                f"2025年{i % 12 + 1}月{i % 28 + 1}日"][i % 3]
        name = f"深圳市{['东', '南', '西', '北'][i % 4]}兴{'电子' if i % 2 else '五金'}有限公司, 分公司{i}" if i % 50 == 0 \
            else f"深圳{i}号贸易有限公司"
        owner = owners[i % len(owners)]
        note = "首次合作\n需月结" if i % 40 == 0 else ""
        writer.writerow([f"KH{i:04d}", name, "刘经理", f"139 {i:04d} 5678", "ABC"[i % 3], amount, owner, date, note])
        if i % 90 == 0:
            writer.writerow([])
        expected[f"KH{i:04d}"] = (name, wan * 10000, owner)
    src = tmp_path / "客户导出.csv"
    src.write_bytes(buf.getvalue().encode("gbk"))
    db = tmp_path / "firm.db"
    done = run("--db", db, "import", "clients", src)
    assert done.returncode == 0, done.stderr
    assert "Imported 450 clients" in done.stdout
    import sqlite3

    with sqlite3.connect(db) as conn:
        got = {code: (name, value, owner) for code, name, value, owner in conn.execute(
            "SELECT c.code, c.name, c.annual_value, s.name FROM clients c JOIN client_team t ON t.client_id = c.id "
            "AND t.role = 'owner' JOIN staff s ON s.id = t.staff_id")}
        assert got == expected
        assert conn.execute("SELECT notes FROM clients WHERE code = 'KH0040'").fetchone()[0] == "首次合作\n需月结"
        assert conn.execute("SELECT count(*) FROM staff").fetchone()[0] == 6
    out = tmp_path / "back.csv"
    assert run("--db", db, "export", "clients", out).returncode == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert len(rows) == 451 and rows[0][:2] == ["Code", "Name"]
    assert {r[1] for r in rows[1:]} == {v[0] for v in expected.values()}


def test_handover_report_by_name_or_id(tmp_path):
    from pypdf import PdfReader

    db = tmp_path / "firm.db"
    run("--db", db, "demo")
    out = tmp_path / "r.pdf"
    done = run("--db", db, "handover-report", "孙丽", "--out", out, "--lang", "zh")
    assert done.returncode == 0, done.stderr
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert "离职交接报告" in text and "第 1 页" in text
    import sqlite3

    with sqlite3.connect(db) as conn:
        staff_id, = conn.execute("SELECT id FROM staff WHERE name = '孙丽'").fetchone()
        codes = [c for (c,) in conn.execute("SELECT c.code FROM clients c JOIN client_team t ON t.client_id = c.id "
                                           "WHERE t.staff_id = ? AND t.role IN ('owner', 'backup')", [staff_id])]
        assert conn.execute("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone() == ("report_saved",)
    assert all(text.count(code) == 1 for code in codes)
    by_id = run("--db", db, "handover-report", str(staff_id), "--out", tmp_path / "r2.pdf")
    assert by_id.returncode == 0 and "Exit handover report" in PdfReader(tmp_path / "r2.pdf").pages[0].extract_text()


def test_handover_report_for_unknown_staff_is_refused(tmp_path):
    db = tmp_path / "firm.db"
    run("--db", db, "demo")
    done = run("--db", db, "handover-report", "没有这个人", "--out", tmp_path / "r.pdf")
    assert done.returncode == 1 and "没有这个人 was not found" in done.stderr
    assert not (tmp_path / "r.pdf").exists()
    assert run("--db", db, "handover-report", "孙丽").returncode == 2  # --out is required


def test_purge_anonymises_expired_screenings_with_an_audit_row(tmp_path, capsys):
    from churnguard_gui.cli import main
    from churnguard_gui.core.models import Staff
    from churnguard_gui.core.screening import PriorObligation
    from churnguard_gui.store.db import open_db
    from churnguard_gui.store.screenings import Screening, save_screening

    path = tmp_path / "f.db"
    db = open_db(path)
    save_screening(db, Screening(Staff(name="旧候选人", status="candidate"), "销售", (), {}, (), PriorObligation(),
                                 "reject", "", "钱", "2020-01-01", consent_on="2020-01-01"))
    db.close()
    assert main(["--db", str(path), "--lang", "en", "purge", "--dry-run"]) == 0
    assert "1 screening of a candidate" in capsys.readouterr().out
    assert main(["--db", str(path), "--lang", "en", "purge"]) == 0
    assert "1 screening of a candidate" in capsys.readouterr().out
    db = open_db(path)
    assert db.execute("SELECT count(*) FROM staff WHERE name = '旧候选人'").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'screening_purged'").fetchone()[0] == 1
    db.close()
    assert main(["--db", str(path), "--lang", "en", "purge"]) == 0
    assert "0 screenings" in capsys.readouterr().out


def test_the_reports_own_language_wins_over_the_messages_language(tmp_path):
    from pypdf import PdfReader

    db = tmp_path / "firm.db"
    run("--db", db, "demo")
    out = tmp_path / "r.pdf"
    done = run("--lang", "zh", "--db", db, "handover-report", "孙丽", "--out", out, "--lang", "en")
    assert done.returncode == 0, done.stderr
    text = PdfReader(out).pages[0].extract_text()
    assert "Exit handover report" in text and "离职交接报告" not in text


def test_a_dry_run_on_a_missing_database_creates_no_file(tmp_path):
    db = tmp_path / "new.db"
    src = tmp_path / "c.csv"
    src.write_text("客户名称,负责销售\n甲,吴芳\n", encoding="utf-8")
    dry = run("--db", db, "import", "clients", src, "--dry-run")
    assert dry.returncode == 0 and "would be imported" in dry.stdout
    assert list(tmp_path.iterdir()) == [src]
