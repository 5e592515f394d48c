"""Properties of the date, phone and money parsers and of encoding detection, over generated input."""
from __future__ import annotations

import codecs
import datetime as dt
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from churnguard_gui.core.errors import FieldProblem, InputError
from churnguard_gui.core.tabular import read_table
from churnguard_gui.core.values import parse_date, parse_money, parse_phone, phone_digits

# Modest: these run in every `make test` on a shared machine; no deadline, the machine's load varies.
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


# -- dates
def written(day: dt.date) -> list[str]:
    """The ways people write one date in Excel and in Chinese forms."""
    y, m, d = day.year, day.month, day.day
    return [day.isoformat(), f"{y}/{m}/{d}", f"{y}.{m:02d}.{d:02d}", f"{y}年{m}月{d}日", f"{y} 年 {m} 月 {d} 日",
            f"{y}{m:02d}{d:02d}", f"{y}-{m}-{d} 09:30", f"{y}/{m}/{d} 9:30:15", f"{y}年{m}月{d}日".translate(FULL_WIDTH),
            f"  {y}-{m:02d}-{d:02d}  "]


@PROPERTY
@given(days)
def test_every_written_form_of_a_date_reads_as_that_date(day):
    for text in written(day):
        assert parse_date(text) == day.isoformat(), text


@PROPERTY
@given(days)
def test_dates_and_datetimes_from_excel_read_as_themselves(day):
    assert parse_date(day) == day.isoformat()
    assert parse_date(dt.datetime.combine(day, dt.time(13, 5))) == day.isoformat()


@PROPERTY
@given(st.dates().filter(lambda d: not 1900 <= d.year <= 2100))
def test_dates_outside_1900_to_2100_are_refused_as_out_of_range(day):
    with pytest.raises(FieldProblem) as info:
        parse_date(day.isoformat() if day.year >= 1000 else day)
    assert info.value.code == "date_out_of_range"


@PROPERTY
@given(st.text(max_size=30))
def test_any_text_is_a_valid_iso_date_none_or_a_bad_date(text):
    try:
        result = parse_date(text)
    except FieldProblem as problem:
        assert problem.code in ("bad_date", "date_out_of_range", "foreign_digits")
    else:
        assert result is None or 1900 <= dt.date.fromisoformat(result).year <= 2100


@PROPERTY
@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(29, 40))
def test_impossible_days_are_refused_not_rolled_over(year, month, day):
    try:
        dt.date(year, month, day)
    except ValueError:
        with pytest.raises(FieldProblem):
            parse_date(f"{year}-{month}-{day}")


# -- phones
phone_digit_runs = st.lists(st.text("0123456789", min_size=1, max_size=6), min_size=1, max_size=5).filter(
    lambda parts: 5 <= len("".join(parts)) <= 20)


@PROPERTY
@given(phone_digit_runs, st.sampled_from([" ", "-", "  ", " - "]), st.booleans(), st.booleans())
def test_a_phone_keeps_its_digits_whatever_the_separators(parts, separator, plus, full_width):
    text = ("+" if plus else "") + separator.join(parts)
    if full_width:
        text = text.translate(FULL_WIDTH)
    parsed = parse_phone(text)
    assert phone_digits(parsed) == "".join(parts)
    assert parse_phone(parsed) == parsed  # reading it again changes nothing


@PROPERTY
@given(st.text(max_size=30))
def test_any_text_is_a_tidy_phone_empty_or_a_bad_phone(text):
    try:
        parsed = parse_phone(text)
    except FieldProblem as problem:
        assert problem.code in ("bad_phone", "foreign_digits")
    else:
        assert parsed == "" or 5 <= len(phone_digits(parsed)) <= 20
        assert parsed == parsed.strip() and "  " not in parsed


@PROPERTY
@given(st.text("0123456789", max_size=4))
def test_too_few_digits_is_not_a_phone(digits):
    assume(digits)
    with pytest.raises(FieldProblem):
        parse_phone(digits)


# -- money
amounts = st.integers(min_value=0, max_value=10**12)


@PROPERTY
@given(amounts, st.sampled_from(["{:,}", "¥{:,}", "￥{:,}", "{:,}元", "{}", "RMB{}", " {:,} 元 ", "{}人民币"]))
def test_money_written_any_usual_way_reads_as_whole_yuan(amount, pattern):
    assert parse_money(pattern.format(amount)) == amount


@PROPERTY
@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_wan_multiplies_by_ten_thousand_and_rounds_half_up(amount):
    expected = int((amount * 10000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert parse_money(f"{amount}万") == expected
    assert parse_money(str(amount), multiplier=10000) == expected


@PROPERTY
@given(st.integers(min_value=1, max_value=10**12))
def test_negative_money_is_refused(amount):
    with pytest.raises(FieldProblem) as info:
        parse_money(f"-{amount}")
    assert info.value.code == "negative_money"


@PROPERTY
@given(st.one_of(st.text(max_size=20), st.floats(allow_nan=True, allow_infinity=True), st.integers()))
def test_any_value_is_a_non_negative_integer_or_a_money_problem(value):
    try:
        result = parse_money(value)
    except FieldProblem as problem:
        assert problem.code in ("bad_money", "negative_money", "foreign_digits", "ambiguous_number")
    else:
        assert isinstance(result, int) and 0 <= result < 10**15


# -- encoding detection (through read_table: what an import of a CSV file does)
FORBIDDEN = ',;"\t\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029'  # separators and line breaks: one cell per row
cells = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters=FORBIDDEN),
                min_size=1, max_size=40).filter(lambda text: text.strip() and text[0] != "\ufeff")
chinese = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=2, max_size=30)
ascii_cells = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E, exclude_characters=FORBIDDEN), max_size=20)


def read_bytes(data: bytes):
    """read_table on a file holding data (a fresh folder each time: hypothesis runs many examples per test)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.csv"
        path.write_bytes(data)
        return read_table(path)


@PROPERTY
@given(cells, st.booleans())
def test_utf8_with_or_without_bom_reads_back_exactly(cell, bom):
    table = read_bytes((codecs.BOM_UTF8 if bom else b"") + f"name\n{cell}\n".encode())
    assert table.encoding == "utf-8" and table.headers == ["name"]
    assert [values for _, values in table.preview] == [[cell]]


@PROPERTY
@given(ascii_cells, chinese, ascii_cells)
def test_gbk_chinese_reads_back_exactly_or_is_refused_never_garbled(before, words, after):
    cell = f"{before}{words}{after}"
    data = f"name\n{cell}\n".encode("gb18030")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        assume(False)  # these bytes happen to be valid UTF-8 too: nothing to tell them apart
    try:
        table = read_bytes(data)
    except InputError as error:
        # Refused only where the bytes really read as UTF-8 text (CJK included) up to the damage.
        assert error.code == "corrupt_utf8" and error.file == "f.csv"
    else:
        assert table.encoding == "gb18030" and [values for _, values in table.preview] == [[cell]]


@PROPERTY
@given(chinese, st.binary(min_size=1, max_size=1).filter(lambda b: b[0] >= 0x80), ascii_cells)
def test_damaged_utf8_chinese_is_refused_not_read_as_gbk(words, bad, after):
    data = f"name,note\n{words},".encode() + bad + b"\xff" + after.encode() + b"\n"
    with pytest.raises(InputError) as info:
        read_bytes(data)
    assert info.value.code in ("corrupt_utf8", "truncated_utf8") and info.value.file == "f.csv"
    assert info.value.row == 2


@PROPERTY
@given(st.binary(max_size=80))
def test_any_bytes_read_or_give_a_clear_input_error(data):
    try:
        table = read_bytes(data)
    except InputError as error:
        assert error.file == "f.csv" and str(error)
    else:
        assert table.encoding in ("utf-8", "gb18030", "utf-16") and isinstance(table.headers, list)


def _outcome(read, text):
    try:
        return read(text)
    except FieldProblem as exc:
        return exc.code


@PROPERTY
@given(st.one_of(st.from_regex(r"\+?[0-9-]{0,25}", fullmatch=True), st.text(alphabet="0123456789-+ ()x转٣", max_size=26)))
def test_a_phone_reads_the_same_by_the_quick_path_as_by_the_careful_one(text):
    """parse_phone answers the common shapes (0755-1234567) without tidying: the answer is the careful reader's."""
    from churnguard_gui.core.values import _read_phone

    assert _outcome(parse_phone, text) == _outcome(_read_phone, text)


cells = st.text(alphabet='ab,"\r\n 中文', max_size=6)


@PROPERTY
@given(st.lists(st.lists(cells, min_size=1, max_size=4), min_size=1, max_size=8),
       st.sampled_from(["\r\n", "\n", "\r"]), st.booleans(), st.integers(min_value=1, max_value=5))
def test_a_csv_file_reads_the_same_the_quick_way_and_the_careful_way(rows, newline, damaged, chunk):
    """csvread.records reads most files the quick way; what it gives (records, numbers, or the error and where)
    is what the careful reader gives, for any quoting, line ends and a damaged byte, at any chunk size."""
    import csv

    from churnguard_gui.core import csvread
    from churnguard_gui.core.readerrors import Where

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator=newline).writerows(rows)
        if damaged:
            data = path.read_bytes()
            path.write_bytes(data[: len(data) // 2] + b"\xff" + data[len(data) // 2:])

        def outcome(read):
            where = Where("t.csv")
            try:
                return list(read(path, "utf-8", ",", where, csvread.Ticker(None, 0, ""))), None
            except (csvread.Undecodable, csv.Error, InputError) as exc:
                return type(exc).__name__, (where.row, where.column_index, getattr(exc, "row", None))

        old = csvread.CHUNK
        csvread.CHUNK = chunk  # tiny chunks: every line end and character split across two reads
        try:
            assert outcome(csvread.records) == outcome(csvread._careful_records)
        finally:
            csvread.CHUNK = old
