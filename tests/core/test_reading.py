"""Reading exports: encodings, quoting, blank lines, broken files named by row and column."""
from __future__ import annotations

import codecs

import pytest

from churnguard_gui.core.errors import InputError
from churnguard_gui.core.importing import plan_import
from churnguard_gui.core.tabular import read_table

HEAD = "客户名称,联系人,电话,所属销售,合同金额,签约日期\r\n"
ROWS = ('南诚化工有限公司,刘经理,0755-8135093,吴芳,"890,000",2024/12/15\r\n'
        '"北方""联合""贸易, 有限公司",黄主任,139 1234 5678,郑浩,￥12万,2024年7月15日\r\n'
        '\r\n'
        '"多行\n备注公司",林小姐,0755-1234567,吴芳,"1,000",2024-01-02\r\n')


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gbk", b""),
                                           ("gb18030", b""), ("utf-16-le", codecs.BOM_UTF16_LE),
                                           ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_every_encoding_reads_the_same(tmp_path, encoding, bom):
    path = write(tmp_path, "c.csv", bom + (HEAD + ROWS).encode(encoding))
    table = read_table(path)
    assert table.headers[0] == "客户名称"
    names = [row[0] for _, row in table.rows]
    assert names == ["南诚化工有限公司", '北方"联合"贸易, 有限公司', "多行\n备注公司"]
    assert [n for n, _ in table.rows] == [2, 3, 5]  # the spreadsheet's row numbers, blank line counted


def test_samples_read_alike(samples):
    tables = [read_table(samples / name) for name in ("clients_excel_utf8bom.csv", "clients_excel_gbk.csv",
                                                       "clients.xlsx")]
    assert [t.encoding for t in tables] == ["utf-8", "gb18030", "xlsx"]
    plans = [plan_import(t, "clients", None, set()) for t in tables]
    for plan in plans:
        assert len(plan.records) == 60 and not plan.problems
        assert sorted(plan.new_staff) == sorted(["周杰", "吴芳", "郑浩", "孙丽", "马超"])
    first = [(r.client.name, r.owner_name, r.client.annual_value, r.client.contract_start) for r in plans[0].records]
    assert first == [(r.client.name, r.owner_name, r.client.annual_value, r.client.contract_start)
                     for r in plans[1].records]
    assert first[0] == ("南诚化工有限公司0", "吴芳", 890000, "2024-12-15")


def test_truncated_utf8_is_refused_not_garbled(tmp_path):
    data = (HEAD + ROWS).encode("utf-8")
    path = write(tmp_path, "cut.csv", data[: data.rindex("公司".encode()) + 4])  # cut inside a character
    with pytest.raises(InputError) as info:
        read_table(path)
    assert info.value.code == "truncated_utf8"
    assert info.value.row == 5 and "cut.csv" in str(info.value)


def test_damaged_utf8_names_row_and_column(tmp_path):
    data = bytearray((HEAD + ROWS).encode("utf-8"))
    spot = data.index("黄主任".encode())
    data[spot] = 0xFF
    with pytest.raises(InputError) as info:
        read_table(write(tmp_path, "bad.csv", bytes(data)))
    assert info.value.code == "corrupt_utf8"
    assert (info.value.row, info.value.column) == (3, "联系人")
    assert "row 3" in str(info.value) and "联系人" in str(info.value)


def test_unclosed_quote_is_refused(tmp_path):
    path = write(tmp_path, "q.csv", (HEAD + '"没有结束的引号,刘经理,0755-1\r\n').encode("utf-8"))
    with pytest.raises(InputError) as info:
        read_table(path)
    assert info.value.code == "bad_csv" and info.value.row == 2


def test_broken_xlsx_is_refused(tmp_path):
    with pytest.raises(InputError) as info:
        read_table(write(tmp_path, "c.xlsx", b"PK\x03\x04 not really a workbook"))
    assert info.value.code == "bad_xlsx" and "c.xlsx" in str(info.value)


def test_other_files_are_refused(tmp_path):
    with pytest.raises(InputError, match="only .csv and .xlsx"):
        read_table(write(tmp_path, "c.pdf", b"%PDF"))
    with pytest.raises(InputError, match="does not exist"):
        read_table(tmp_path / "missing.csv")


def test_bad_cells_named_by_row_and_column(tmp_path):
    text = HEAD + "甲公司,刘经理,0755-1234567,吴芳,很多,2024/1/1\r\n乙公司,刘经理,0755-1234567,吴芳,100,2024/13/40\r\n"
    plan = plan_import(read_table(write(tmp_path, "c.csv", text.encode("utf-8"))), "clients", None, set())
    found = {(p.row, p.column, p.code) for p in plan.problems}
    assert found == {(2, "合同金额", "bad_money"), (3, "签约日期", "bad_date")}
    assert "c.csv, row 3, column 签约日期: not a date: 2024/13/40" in str(plan.problems[1])


def test_duplicates_in_file_and_in_database(tmp_path):
    text = "客户编号,客户名称,负责销售\r\nK1,甲,吴芳\r\nK1,乙,吴芳\r\nK2,丙,吴芳\r\n,甲,吴芳\r\n,丁,\r\n"
    table = read_table(write(tmp_path, "c.csv", text.encode("utf-8")))
    plan = plan_import(table, "clients", None, {"吴芳"}, client_names={"甲"}, client_codes={"K2"})
    assert [(p.row, p.code) for p in plan.problems] == [
        (3, "duplicate_code_in_file"), (4, "duplicate_code"), (5, "duplicate_client"), (6, "no_owner")]
    assert [r.row for r in plan.records] == [2]
