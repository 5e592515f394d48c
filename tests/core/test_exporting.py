"""Exports cannot run formulas: text that a spreadsheet would start a formula with is neutralised."""
from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from churnguard_gui.core.exporting import neutralise, write_table

HIDDEN = [" =1+1", "\t=1+1", "\r\n=1+1", "\n@SUM(A1)", "\u00a0=1+1", "\u3000+1", "\u200b=HYPERLINK(\"x\")",
          "\u200c-1", "\u200d=1", "\u2060=1", "\ufeff@x", "\u200e+1", "\u200f=1", "\u202a=1", "\u2066=1",
          "＝1+1", "＋86", "－5", "＠A1", "\u200b＝1", "=1", "+1", "-1", "@1"]


@pytest.mark.parametrize("value", HIDDEN)
def test_formula_looking_text_is_neutralised(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["南诚化工", "a=b", "1-2", "备注 =", "", "'=already", "5"])
def test_ordinary_text_is_left_alone(value):
    assert neutralise(value) == value


def test_numbers_stay_numbers():
    assert neutralise(-5) == -5 and neutralise(-2.5) == -2.5 and neutralise(0) == 0


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_written_files_hold_no_formula(tmp_path, suffix):
    out = tmp_path / f"out{suffix}"
    write_table(out, ["名称", "金额"], [[value, -5] for value in HIDDEN])
    if suffix == ".csv":
        rows = list(csv.reader(out.read_bytes().decode("utf-8-sig").splitlines(keepends=True)))
        cells = [r[0] for r in rows[1:]]
        amounts = {r[1] for r in rows[1:]}
    else:
        sheet = load_workbook(out).worksheets[0]
        assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)
        cells = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
        amounts = {r[1] for r in sheet.iter_rows(min_row=2, values_only=True)}
    expected = ["'" + value for value in HIDDEN]
    if suffix == ".xlsx":  # XML reads a CR LF inside a cell back as LF
        expected = [value.replace("\r\n", "\n") for value in expected]
    assert cells == expected
    assert amounts == ({"-5"} if suffix == ".csv" else {-5})
