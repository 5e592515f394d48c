"""A workbook's rows are streamed, never all kept: read once to check, read again (streamed) when imported."""
from __future__ import annotations

import gc
import io
import tracemalloc
from datetime import datetime

from openpyxl import Workbook

from churnguard_gui.core import xlsxsheet
from churnguard_gui.core.importing import plan_import
from churnguard_gui.core.tabular import read_table

ROWS = 2_000


def _workbook(tmp_path, rows: int = ROWS, name: str = "big.xlsx"):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("客户")
    sheet.append(["客户名称", "负责销售", "地址", "签约日期", "合同金额"])
    for i in range(rows):
        sheet.append([f"深圳市兴旺五金有限公司{i}", "吴芳", f"深圳市宝安区{i}号", datetime(2024, 1 + i % 12, 2),
                      1000 + i])
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def test_the_rows_are_read_again_from_the_file_a_batch_at_a_time(tmp_path, monkeypatch):
    path = _workbook(tmp_path)
    parsed: list[int] = []
    real = xlsxsheet.SheetParser.parse_row

    def counted(self, row):
        parsed.append(1)
        return real(self, row)

    monkeypatch.setattr(xlsxsheet.SheetParser, "parse_row", counted)
    table = read_table(path)
    assert table.row_count == ROWS and len(parsed) == ROWS + 1  # the check: every row once
    assert not isinstance(table.rows, list)
    parsed.clear()
    first = next(iter(table.rows))
    assert first == (2, ["深圳市兴旺五金有限公司0", "吴芳", "深圳市宝安区0号", datetime(2024, 1, 2), 1000])
    assert 0 < len(parsed) < ROWS // 4  # one row wanted: the rest of the sheet is not read
    rows = list(table.rows)
    assert len(rows) == ROWS and rows[:len(table.preview)] == table.preview and rows[-1][0] == ROWS + 1
    assert list(table.rows) == rows  # read again, the same


def test_a_read_workbook_keeps_only_its_first_rows_in_memory(tmp_path):
    read_table(_workbook(tmp_path, 10, "warm.xlsx"))  # openpyxl's modules imported before memory is counted
    path = _workbook(tmp_path)
    gc.collect()
    tracemalloc.start()
    try:
        table = read_table(path)
        gc.collect()
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert table.row_count == ROWS
    assert kept < 200_000, f"{kept:,} bytes kept for {ROWS:,} rows"  # all rows would be about 1 MB


def test_a_streamed_workbook_imports_like_before(tmp_path):
    table = read_table(_workbook(tmp_path))
    plan = plan_import(table, "clients", None, set())
    assert not plan.problems and plan.total == ROWS
    assert plan.records[-1].client.name == f"深圳市兴旺五金有限公司{ROWS - 1}"
    assert plan.records[-1].client.contract_start is not None and plan.records[-1].client.annual_value > 0


def test_inline_strings_read_as_openpyxl_reads_them(tmp_path):
    from openpyxl import load_workbook

    from tests.core.test_hostile_files import with_sheet

    cells = ['<is><t>客户名称</t></is>', '<is><t xml:space="preserve"> 甲 公司 </t></is>',
             '<is><r><t>乙</t></r><r><rPr><b/></rPr><t>公司</t></r></is>', '<is><t>丙</t><t>丁</t></is>', '<is><t/></is>', '<is><t>a&amp;b\nc</t></is>']
    xml = "<sheetData>" + "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr">{c}</c><c r="B{i}" t="inlineStr">'
                                  f'<is><t>x{i}</t></is></c></row>' for i, c in enumerate(cells, start=1)) + "</sheetData>"
    path = tmp_path / "inline.xlsx"
    path.write_bytes(with_sheet(xml))
    expected = [tuple(v for v in row if v not in (None, "")) for row in
                load_workbook(path, read_only=True).active.iter_rows(values_only=True)]
    table = read_table(path)
    assert [tuple(v for v in table.headers if v)] + [tuple(v for v in row if v not in (None, ""))
                                                      for _, row in table.rows] == expected
    assert table.headers == ["客户名称", "x1"] and expected[1] == (" 甲 公司 ", "x2") and expected[2][0] == "乙公司"
