"""The import command on the files firms have: no owner column, formulas, hostile files; exports that cannot run."""
from __future__ import annotations

import csv
import io
import sqlite3

from openpyxl import Workbook

from tests.cli.test_commands import run

NO_OWNER = "客户名称,联系人,联系电话,联系地址,客户来源,备注信息,最后跟进时间\n甲公司,刘经理,0755-1234567,深圳,展会,,2025/1/2\n" \
           "乙公司,王主任,139 1234 5678,北京,转介绍,老客户,2025-01-03 10:00\n"


def rows(db, sql):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_a_file_without_owner_column_needs_owner_or_unassigned(tmp_path):
    db = tmp_path / "firm.db"
    run("--db", db, "demo")
    src = tmp_path / "crm.csv"
    src.write_text(NO_OWNER, encoding="utf-8")
    before = db.read_bytes()
    done = run("--db", db, "import", "clients", src)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "error: crm.csv: the file has no owner column; add --owner NAME (one person owns these clients) or "
        "--unassigned (import them as needing an owner)"]
    assert db.read_bytes() == before

    done = run("--db", db, "import", "clients", src, "--owner", "吴芳")
    assert done.returncode == 0, done.stderr
    assert "Imported 2 clients" in done.stdout and "New staff" not in done.stdout  # 吴芳 is on the demo staff
    assert rows(db, "SELECT c.name, c.address, c.source, c.last_contact, s.name, c.needs_owner FROM clients c "
                    "JOIN client_team t ON t.client_id = c.id AND t.role = 'owner' JOIN staff s ON s.id = t.staff_id "
                    "WHERE c.name LIKE '_公司' ORDER BY c.id") == [
        ("甲公司", "深圳", "展会", "2025-01-02", "吴芳", 0), ("乙公司", "北京", "转介绍", "2025-01-03", "吴芳", 0)]


def test_unassigned_clients_are_flagged_and_check_says_so_without_failing(tmp_path):
    db = tmp_path / "firm.db"
    src = tmp_path / "crm.csv"
    src.write_text(NO_OWNER, encoding="utf-8")
    done = run("--db", db, "import", "clients", src, "--unassigned")
    assert done.returncode == 0, done.stderr
    assert 'Clients without an owner: 2; they are marked "needs an owner" on the client list.' in done.stdout
    assert rows(db, "SELECT name, needs_owner FROM clients ORDER BY id") == [("甲公司", 1), ("乙公司", 1)]
    assert rows(db, "SELECT count(*) FROM client_team") == [(0,)]
    checked = run("--db", db, "check")
    assert checked.returncode == 0 and "healthy" in checked.stdout
    assert "imported without an owner and still waiting for one: 2" in checked.stdout
    with sqlite3.connect(db) as conn:  # an active client without owner and without the flag is still damage
        conn.execute("UPDATE clients SET needs_owner = 0 WHERE name = '甲公司'")
    checked = run("--db", db, "check")
    assert checked.returncode == 1 and "active client 甲公司 (id 1) has no owner" in checked.stdout
    assert run("--db", db, "import", "clients", src, "--owner", "x", "--unassigned").returncode == 2


def test_formulas_without_value_are_listed_in_the_summary(tmp_path):
    book = Workbook()
    book.active.append(["客户名称", "负责销售", "备注"])
    book.active.append(["甲", "吴芳", "=HYPERLINK(\"http://x\")"])  # openpyxl saves formulas without a result
    src = tmp_path / "f.xlsx"
    book.save(src)
    db = tmp_path / "firm.db"
    done = run("--db", db, "import", "clients", src)
    assert done.returncode == 0, done.stderr
    assert "Warnings (1): imported, but worth a look:" in done.stdout
    assert ('f.xlsx, row 2, column 备注: a formula without a saved result, imported as its text: '
            '=HYPERLINK("http://x")') in done.stdout
    out = tmp_path / "out.csv"
    assert run("--db", db, "export", "clients", out).returncode == 0
    assert "'=HYPERLINK(\"\"http://x\"\")" in out.read_bytes().decode("utf-8-sig")


def test_export_neutralises_formulas_hidden_behind_invisible_characters(tmp_path):
    db = tmp_path / "firm.db"
    src = tmp_path / "c.csv"
    hidden = [" =1+1", "\u00a0=1+1", "\u200b=1+1", "\ufeff@SUM(A1)", "\u200e+1", "＝1+1", "－1", "＠A1", "\u3000=1"]
    writer_buf = io.StringIO()
    writer = csv.writer(writer_buf)
    writer.writerow(["客户名称", "负责销售", "备注", "合同金额"])
    for i, value in enumerate(hidden):
        writer.writerow([f"客户{i}", "吴芳", value, "-0" if i == 0 else "100"])
    src.write_text(writer_buf.getvalue(), encoding="utf-8")
    assert run("--db", db, "import", "clients", src).returncode == 0
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"out{suffix}"
        assert run("--db", db, "export", "clients", out).returncode == 0
        if suffix == ".csv":
            table = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
        else:
            from openpyxl import load_workbook

            table = [list(r) for r in load_workbook(out).worksheets[0].iter_rows(values_only=True)]
        notes = [r[table[0].index("Notes")] for r in table[1:]]
        assert notes == ["'" + value.strip() for value in hidden]  # the import trims spaces, not \u200b, BOM, marks
        values = {r[table[0].index("Annual value (¥)")] for r in table[1:]}
        assert values == ({"0", "100"} if suffix == ".csv" else {0, 100})  # numbers stay numbers


def test_hostile_files_are_refused_in_one_line(tmp_path):
    db = tmp_path / "firm.db"
    run("--db", db, "demo")
    before = db.read_bytes()
    bomb = tmp_path / "bomb.xlsx"
    import zipfile

    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 2_000_000)
    broken = tmp_path / "broken.csv"
    broken.write_bytes("客户名称,负责销售\n甲,吴芳\n".encode() * 5000 + b"\xff\xfe,x\n")
    values = tmp_path / "values.csv"
    values.write_text("客户名称,负责销售,合同金额,最后跟进时间\n甲,吴芳,٣,2025/1/2\n乙,吴芳,\"1,2,3\",2025/1/2 25:61\n",
                      encoding="utf-8")
    for src, expected in ((bomb, "bomb.xlsx: refused: part xl/worksheets/sheet1.xml of the workbook would unpack from"),
                          (broken, "broken.csv, row 10001, column 客户名称: the file is UTF-8 but has broken bytes"),
                          (values, "values.csv, row 3, column 最后跟进时间: not a possible time of day: 2025/1/2 25:61")):
        for extra in ([], ["--dry-run"]):
            done = run("--db", db, "import", "clients", src, *extra)
            assert done.returncode == 1 and "Traceback" not in done.stderr
            assert expected in done.stderr
            assert db.read_bytes() == before
    done = run("--db", db, "import", "clients", values)
    assert "values.csv, row 2, column 合同金额: ٣ holds digits of another script" in done.stderr
    assert "values.csv, row 3, column 合同金额: 1,2,3 cannot be read with certainty" in done.stderr
