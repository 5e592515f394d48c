"""Files nobody should have to import: refused quickly, by the limits, with the file, row and column named."""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from openpyxl import Workbook

from churnguard_gui.core import csvread, tabular, xlsxread
from churnguard_gui.core.errors import Cancelled, InputError
from churnguard_gui.core.importing import plan_import
from churnguard_gui.core.tabular import read_table

NS = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def workbook_bytes(rows=(("客户名称", "负责销售"), ("甲", "吴芳"))) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def parts_of(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def with_sheet(xml: str) -> bytes:
    parts = parts_of(workbook_bytes())
    parts["xl/worksheets/sheet1.xml"] = (NS + xml + "</worksheet>").encode("utf-8")
    return zipped(parts)


def refused(path, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        read_table(path, **kwargs)
    assert info.value.file == path.name and path.name in str(info.value)
    return info.value


# --- CSV


def test_a_decode_error_far_into_the_file_names_row_and_column(tmp_path):
    rows = "".join(f"客户{i},吴芳,{i}\r\n" for i in range(20000)).encode("utf-8")  # well past the first chunk
    data = "客户名称,负责销售,合同金额\r\n".encode() + rows + b"\xe4\xb9,\xff\xfe,1\r\n"
    error = refused(write(tmp_path, "late.csv", data))
    assert error.code == "corrupt_utf8"
    assert (error.row, error.column) == (20002, "客户名称")


def test_gbk_after_a_long_utf8_start_is_refused_not_garbled(tmp_path):
    data = "客户名称,负责销售\n".encode() + "甲公司,吴芳\n".encode() * 20000 + "乙公司,吴芳\n".encode("gbk")
    error = refused(write(tmp_path, "mixed.csv", data))
    assert error.code == "corrupt_utf8" and error.row == 20002 and error.column == "客户名称"


def test_a_file_that_is_not_text_names_where(tmp_path):
    data = b"Name,Owner\nAcme,Ann\n" + b"Bad,\x80\x80\x80\xff\n"
    error = refused(write(tmp_path, "bin.csv", data))
    assert error.code == "undecodable" and error.row == 3 and error.column == "Owner"


def test_line_endings_of_every_kind_and_across_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(csvread, "CHUNK", 7)  # every line break falls across a chunk boundary somewhere
    data = "客户名称,负责销售\r甲,吴芳\r\n乙,\"郑\r\n浩\"\n丙,孙丽".encode()
    table = read_table(write(tmp_path, "eol.csv", data))
    assert [(n, v) for n, v in table.rows] == [(2, ["甲", "吴芳"]), (3, ["乙", "郑\r\n浩"]), (4, ["丙", "孙丽"])]


def test_rows_are_streamed_again_not_kept(tmp_path):
    table = read_table(write(tmp_path, "c.csv", "客户名称\n甲\n乙\n".encode()))
    assert not isinstance(table.rows, list)
    assert list(table.rows) == list(table.rows) == [(2, ["甲"]), (3, ["乙"])]
    assert table.row_count == 2 and table.preview == [(2, ["甲"]), (3, ["乙"])]


def test_file_size_is_checked_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_FILE_BYTES", 10)
    error = refused(write(tmp_path, "big.csv", b"a,b\n" * 10))
    assert error.code == "file_too_big"
    path = tmp_path / "sparse.xlsx"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # 200 MB of nothing, not read at all
    monkeypatch.undo()
    assert refused(path).code == "file_too_big"


def test_too_many_columns_named_and_empty_trailing_ones_ignored(tmp_path):
    error = refused(write(tmp_path, "wide.csv", ("客户名称" + ",x" * 1_000_000 + "\n甲\n").encode()))
    assert error.code == "too_many_columns" and error.row == 1 and error.column == "GS"  # column 201
    table = read_table(write(tmp_path, "commas.csv", ("客户名称,负责销售" + "," * 5000 + "\n甲,吴芳\n").encode()))
    assert table.headers == ["客户名称", "负责销售"]


def test_too_many_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(csvread, "MAX_ROWS", 3)
    error = refused(write(tmp_path, "long.csv", "客户名称\n甲\n乙\n丙\n丁\n".encode()))
    assert error.code == "too_many_rows" and error.row == 5


def test_a_cell_too_long_and_a_quote_never_closed(tmp_path):
    error = refused(write(tmp_path, "cell.csv", ("客户名称,备注\n甲," + "x" * 40000 + "\n").encode()))
    assert (error.code, error.row, error.column) == ("cell_too_long", 2, "备注")
    error = refused(write(tmp_path, "huge.csv", ("客户名称,备注\n甲,\"" + "y" * 200000 + "\"\n").encode()))
    assert (error.code, error.row, error.column) == ("cell_too_long", 2, "备注")
    data = ("客户名称,负责销售\n\"甲,吴芳\n" + "乙,吴芳\n" * 1_200_000).encode()
    error = refused(write(tmp_path, "quote.csv", data))  # the quote swallows the rest: one endless cell
    assert (error.code, error.row, error.column) == ("cell_too_long", 2, "客户名称")
    error = refused(write(tmp_path, "line.csv", ("客户名称" + ",a" * 5_000_000).encode()))
    assert (error.code, error.row) == ("row_too_long", 1)


def test_cancel_stops_the_read(tmp_path):
    path = write(tmp_path, "c.csv", ("客户名称\n" + "甲\n" * 200000).encode())
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return False

    with pytest.raises(Cancelled):
        read_table(path, progress=progress)
    assert calls and calls[0] <= csvread.CHUNK


# --- XLSX


def test_truncated_and_damaged_workbooks(tmp_path):
    data = workbook_bytes()
    for cut in (len(data) // 3, len(data) - 30):
        error = refused(write(tmp_path, "cut.xlsx", data[:cut]))
        assert error.code == "bad_xlsx"
    damaged = bytearray(data)
    start = data.index(b"xl/worksheets/sheet1.xml") + 30
    damaged[start:start + 40] = bytes(40)  # inside the compressed sheet
    assert refused(write(tmp_path, "flip.xlsx", bytes(damaged))).code in ("bad_xlsx", "bad_xml")


def test_zip_bomb_refused_from_the_directory_before_inflating(tmp_path, monkeypatch):
    parts = parts_of(workbook_bytes())
    parts["xl/worksheets/sheet1.xml"] = (NS + "<sheetData>" + "<row/>" * 400000 + "</sheetData></worksheet>").encode()
    data = zipped(parts)
    inflated = []
    real = zlib.decompressobj
    monkeypatch.setattr(zlib, "decompressobj", lambda *a: inflated.append(1) or real(*a))
    error = refused(write(tmp_path, "bomb.xlsx", data))
    assert error.code == "zip_bomb" and "sheet1.xml" in str(error)
    assert not inflated


def test_a_directory_that_lies_about_sizes_is_still_refused(tmp_path):
    data = bytearray(with_sheet("<sheetData>" + "<row/>" * 200000 + "</sheetData>"))
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):  # uncompressed size fields
        at = data.find(signature)
        while at != -1:
            data[at + offset:at + offset + 4] = struct.pack("<I", 100)
            at = data.find(signature, at + 4)
    assert refused(write(tmp_path, "lying.xlsx", bytes(data))).code == "bad_xlsx"


def test_total_unpacked_size_is_limited(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsxread, "MAX_XLSX_INFLATED", 1000)
    assert refused(write(tmp_path, "c.xlsx", workbook_bytes())).code == "zip_too_big"


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml",
                                  "[Content_Types].xml", "xl/_rels/workbook.xml.rels"])
@pytest.mark.parametrize("garbage", [b"<<<not xml", b"\x00\xff" * 50, b"<a><b></a>", b""])
def test_xml_garbage_in_any_part(tmp_path, part, garbage):
    parts = parts_of(workbook_bytes())
    parts[part] = garbage
    error = refused(write(tmp_path, "g.xlsx", zipped(parts)))
    assert error.code in ("bad_xlsx", "bad_xml", "no_sheets", "empty_file")


def test_xml_entities_are_not_expanded(tmp_path):
    laughs = '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY a{k} "{("&a;" if k == 1 else f"&a{k - 1};") * 10}">' for k in range(1, 9)) + "]>"
    parts = parts_of(workbook_bytes())
    parts["xl/worksheets/sheet1.xml"] = (laughs + NS + '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a8;'
                                         "</t></is></c></row></sheetData></worksheet>").encode()
    error = refused(write(tmp_path, "lol.xlsx", zipped(parts)))
    assert error.code in ("bad_xml", "cell_too_long")


def test_a_workbook_without_sheets(tmp_path):
    parts = parts_of(workbook_bytes())
    workbook = parts["xl/workbook.xml"].decode()
    start, end = workbook.index("<sheets>"), workbook.index("</sheets>") + len("</sheets>")
    parts["xl/workbook.xml"] = (workbook[:start] + "<sheets/>" + workbook[end:]).encode()
    assert refused(write(tmp_path, "none.xlsx", zipped(parts))).code == "no_sheets"


def test_old_xls_or_password_workbook(tmp_path):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    assert refused(write(tmp_path, "old.xlsx", data)).code == "ole_workbook"


def test_far_rows_and_columns_do_not_pad_the_sheet(tmp_path):
    xml = ('<dimension ref="A1:XFD1048576"/><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c></row>'
           '<row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c><c r="XFD2" s="1"/></row>'
           '<row r="1048576"><c r="XFD1048576" s="1"/></row></sheetData>')
    table = read_table(write(tmp_path, "wide.xlsx", with_sheet(xml)))
    assert table.rows == [(2, ["甲"])]
    xml = ('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c>'
           '<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')
    error = refused(write(tmp_path, "xfd.xlsx", with_sheet(xml)))
    assert (error.code, error.row, error.column) == ("too_many_columns", 1, "XFD")
    xml = ('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c></row>'
           '<row r="99999999"><c r="A99999999" t="inlineStr"><is><t>far</t></is></c></row></sheetData>')
    error = refused(write(tmp_path, "far.xlsx", with_sheet(xml)))
    assert (error.code, error.row) == ("too_many_rows", 99999999)


def test_bad_cells_in_a_sheet_are_located(tmp_path):
    xml = ('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c>'
           '<c r="B1" t="inlineStr"><is><t>备注</t></is></c></row>'
           '<row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c><c r="B2" t="s"><v>9999</v></c></row>'
           '</sheetData>')
    error = refused(write(tmp_path, "sst.xlsx", with_sheet(xml)))
    assert (error.code, error.row, error.column) == ("bad_xlsx", 2, "备注")
    xml = ('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c></row>'
           f'<row r="2"><c r="A2" t="inlineStr"><is><t>{"z" * 40000}</t></is></c></row></sheetData>')
    error = refused(write(tmp_path, "cell.xlsx", with_sheet(xml)))
    assert (error.code, error.row, error.column) == ("cell_too_long", 2, "客户名称")


def test_formulas_without_a_saved_value_come_as_text_with_a_warning(tmp_path):
    xml = ('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>客户名称</t></is></c>'
           '<c r="B1" t="inlineStr"><is><t>负责销售</t></is></c><c r="C1" t="inlineStr"><is><t>备注</t></is></c></row>'
           '<row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c><c r="B2" t="inlineStr"><is><t>吴芳</t></is></c>'
           '<c r="C2"><f>SUM(1,2)</f></c></row>'
           '<row r="3"><c r="A3" t="inlineStr"><is><t>乙</t></is></c><c r="B3" t="inlineStr"><is><t>吴芳</t></is></c>'
           '<c r="C3"><f t="shared" si="0" ref="C3:C4">HYPERLINK("http://x",A3)</f></c></row>'
           '<row r="4"><c r="A4" t="inlineStr"><is><t>丙</t></is></c><c r="B4" t="inlineStr"><is><t>吴芳</t></is></c>'
           '<c r="C4"><f t="shared" si="0"/></c></row>'
           '<row r="5"><c r="A5" t="inlineStr"><is><t>丁</t></is></c><c r="B5" t="inlineStr"><is><t>吴芳</t></is></c>'
           '<c r="C5"><f>1+1</f><v>2</v></c></row></sheetData>')
    table = read_table(write(tmp_path, "f.xlsx", with_sheet(xml)))
    assert [row[2] for _, row in table.rows] == ["=SUM(1,2)", '=HYPERLINK("http://x",A3)', '=HYPERLINK("http://x",A4)',
                                                 2]
    assert table.warning_count == 3
    assert [(w.row, w.column) for w in table.warnings] == [(2, "备注"), (3, "备注"), (4, "备注")]
    assert "f.xlsx, row 2, column 备注: a formula without a saved result, imported as its text: =SUM(1,2)" in str(
        table.warnings[0])
    plan = plan_import(table, "clients", None, set())
    assert plan.warning_count == 3 and plan.records[0].client.notes == "=SUM(1,2)"


def test_the_chosen_sheet_is_read(tmp_path):
    book = Workbook()
    book.active.title = "说明"
    book.active.append(["这是说明"])
    other = book.create_sheet("客户")
    other.append(["客户名称", "负责销售"])
    other.append(["甲", "吴芳"])
    out = io.BytesIO()
    book.save(out)
    path = write(tmp_path, "two.xlsx", out.getvalue())
    assert read_table(path).headers == ["这是说明"]
    table = read_table(path, sheet="客户")
    assert table.rows == [(2, ["甲", "吴芳"])] and table.sheets == ["说明", "客户"] and table.sheet == "客户"
    assert refused(path, sheet="无").code == "unknown_sheet"


def test_cancel_stops_a_workbook_read(tmp_path):
    path = write(tmp_path, "c.xlsx", workbook_bytes([("客户名称",)] + [(f"客户{i}",) for i in range(3000)]))
    with pytest.raises(Cancelled):
        read_table(path, progress=lambda done, total: False)
