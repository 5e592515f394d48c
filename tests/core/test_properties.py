"""Property tests: any bytes give rows or a located ChurnError, any text gives a value or a FieldProblem."""
from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from churnguard_gui.core.errors import ChurnError, FieldProblem
from churnguard_gui.core.exporting import first_visible, neutralise
from churnguard_gui.core.tabular import read_table
from churnguard_gui.core.values import (
    parse_choice,
    parse_date,
    parse_email,
    parse_money,
    parse_phone,
    parse_yes_no,
)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LOCATED = {"undecodable", "corrupt_utf8", "corrupt_utf16", "truncated_utf8", "bad_csv", "cell_too_long", "too_many_columns",
           "too_many_rows", "row_too_long"}

# Bytes that look like CSV exports: separators, quotes, line breaks, BOMs, CJK in UTF-8 and GBK, broken bytes.
PIECES = st.sampled_from([b",", b"\t", b";", b'"', b"\r", b"\n", b"\r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00",
                          "客户名称".encode(), "吴芳".encode("gbk"), b"\xe4\xb8", b"\x80", b"\xff", b"abc", b"1,234",
                          b"=1+1", "٣".encode()])
CSV_BYTES = st.one_of(st.binary(max_size=400), st.lists(PIECES, max_size=60).map(b"".join))


def _workbook() -> bytes:
    book = Workbook()
    for row in (["客户名称", "负责销售", "合同金额"], ["甲", "吴芳", 100], ["乙", "郑浩", "=1+1"]):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WORKBOOK = _workbook()
PARTS = zipfile.ZipFile(io.BytesIO(WORKBOOK)).namelist()


def _read(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            table = read_table(path)
            for number, values in table.rows:
                assert number >= 1 and isinstance(values, list)
        except ChurnError as error:
            assert error.file == path.name and path.name in str(error)
            if error.code in LOCATED:
                assert error.row is not None, error


@FAST
@given(CSV_BYTES)
def test_any_bytes_as_csv(data):
    _read(data, ".csv")


@FAST
@given(st.binary(max_size=300))
def test_any_bytes_as_xlsx(data):
    _read(data, ".xlsx")


@FEW
@given(st.lists(st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)), min_size=1, max_size=6))
def test_damaged_workbooks(flips):
    data = bytearray(WORKBOOK)
    for at, byte in flips:
        data[at] = byte
    _read(bytes(data), ".xlsx")


@FEW
@given(st.sampled_from(PARTS), st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_part_of_a_workbook_replaced(part, garbage):
    source = zipfile.ZipFile(io.BytesIO(WORKBOOK))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in PARTS:
            archive.writestr(name, garbage if name == part else source.read(name))
    _read(out.getvalue(), ".xlsx")


VALUES = st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none(), st.booleans(),
                   st.from_regex(r"\A[0-9,. 万元¥+\-]{0,15}\Z"),
                   st.from_regex(r"\A[0-9]{4}[/\-年][0-9]{1,2}[/\-月][0-9]{1,2}日?( [0-9]{1,2}:[0-9]{2})?\Z"))


@settings(max_examples=150, deadline=None)
@given(VALUES, st.integers(1, 10000))
def test_value_parsers_give_a_value_or_a_problem(value, multiplier):
    for parse in (lambda v: parse_money(v, multiplier), parse_date, parse_phone, parse_email, parse_yes_no,
                  lambda v: parse_choice(v, ("A", "B"), {"甲": "A"})):
        try:
            result = parse(value)
        except FieldProblem as problem:
            assert problem.code
            continue
        if parse is parse_date and result is not None:
            assert len(result) == 10 and result[4] == "-"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_money_read_is_only_plain_digits(text):
    try:
        parse_money(text)
    except FieldProblem:
        return
    assert not any(ch.isdigit() and not ("0" <= ch <= "9" or "０" <= ch <= "９") for ch in text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(" \t\r\n\u00a0\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u2066\u3000"),
               max_size=6), st.sampled_from("=+-@＝＋－＠"), st.text(max_size=10))
def test_formula_behind_invisible_characters_is_neutralised(invisible, start, rest):
    value = invisible + start + rest
    assert neutralise(value) == "'" + value
    assert first_visible(str(neutralise(value))) == "'"


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.integers(), st.floats(allow_nan=False)))
def test_numbers_stay_numbers(number):
    assert neutralise(number) == number
