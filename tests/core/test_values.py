"""Values typed the way people type them in Excel."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from churnguard_gui.core.errors import FieldProblem
from churnguard_gui.core.values import parse_choice, parse_date, parse_email, parse_money, parse_phone, parse_yes_no


@pytest.mark.parametrize("text, expected", [
    ("890,000", 890000), ("¥1,234", 1234), ("￥12万", 120000), ("1.5 万元", 15000), ("１２３４", 1234),
    ("", 0), ("  3,000 元 ", 3000), (890000, 890000), (12.0, 12), ("0.5", 1),
])
def test_money_as_typed(text, expected):
    assert parse_money(text) == expected


def test_money_header_unit_multiplies():
    assert parse_money("12.5", multiplier=10000) == 125000


@pytest.mark.parametrize("text, code", [("abc", "bad_money"), ("-5", "negative_money"), ("1,2x", "bad_money"),
                                        ("nan", "bad_money"), ("1e30", "bad_money")])
def test_money_refused(text, code):
    with pytest.raises(FieldProblem) as info:
        parse_money(text)
    assert info.value.code == code


@given(st.integers(min_value=0, max_value=10**12))
def test_money_round_trips_formatted_with_commas(amount):
    assert parse_money(f"¥{amount:,}") == amount
    assert parse_money(f"{amount:,}元") == amount


@pytest.mark.parametrize("text", ["2025/1/2", "2025-01-02", "2025年1月2日", "２０２５/１/２", "2025.1.2", "20250102",
                                  "2025/1/2 0:00", dt.datetime(2025, 1, 2, 0, 0), dt.date(2025, 1, 2)])
def test_dates_as_typed(text):
    assert parse_date(text) == "2025-01-02"


@pytest.mark.parametrize("text", ["2025/13/1", "2025-02-30", "next week", "1/2/2025", "1800-01-01"])
def test_bad_dates_refused(text):
    with pytest.raises(FieldProblem):
        parse_date(text)


def test_empty_date_is_none():
    assert parse_date("  ") is None and parse_date(None) is None


@pytest.mark.parametrize("text, expected", [("0755-8135093", "0755-8135093"), ("139 8762 5201", "139 8762 5201"),
                                            ("+86 139-8762-5201", "+86 139-8762-5201"), ("１３９８７６２５２０１", "13987625201")])
def test_phones(text, expected):
    assert parse_phone(text) == expected


@pytest.mark.parametrize("text", ["call me", "12", "139@163"])
def test_bad_phones(text):
    with pytest.raises(FieldProblem):
        parse_phone(text)


def test_email_shape():
    assert parse_email("a@b.cn") == "a@b.cn"
    with pytest.raises(FieldProblem):
        parse_email("a@b")


def test_yes_no_in_chinese_and_english():
    assert parse_yes_no("是") and parse_yes_no("Yes") and not parse_yes_no("否") and not parse_yes_no("")


@pytest.mark.parametrize("text, code", [
    ("٣", "foreign_digits"), ("١٢٣", "foreign_digits"), ("३००", "foreign_digits"), ("²", "foreign_digits"),
    ("①", "foreign_digits"), ("1,2,3", "ambiguous_number"), ("12,34", "ambiguous_number"),
    ("1.234,56", "ambiguous_number"), ("1 2", "ambiguous_number"), ("1e5", "bad_money"), ("NaN", "bad_money"),
    ("Infinity", "bad_money"), ("1_000", "bad_money"),
])
def test_money_that_cannot_be_read_with_certainty_is_refused(text, code):
    with pytest.raises(FieldProblem) as info:
        parse_money(text)
    assert info.value.code == code


@pytest.mark.parametrize("text, amount", [("1,234", 1234), ("1,234,567.5", 1234568), ("1 234 567", 1234567),
                                          ("１２３", 123), ("RMB 1,000", 1000), ("+5", 5), (float("1e3"), 1000)])
def test_money_people_type_is_still_read(text, amount):
    assert parse_money(text) == amount


def test_floats_that_are_not_numbers_are_refused():
    for value in (float("nan"), float("inf")):
        with pytest.raises(FieldProblem):
            parse_money(value)


@pytest.mark.parametrize("text, code", [("2025/1/2 25:61", "bad_time"), ("2025/1/2 24:00", "bad_time"),
                                        ("2025-01-02 10:60", "bad_time"), ("2025-01-02 10:00:61", "bad_time"),
                                        ("٢٠٢٥/1/2", "foreign_digits"), ("2025/1/٢", "foreign_digits")])
def test_impossible_times_and_foreign_digits_in_dates(text, code):
    with pytest.raises(FieldProblem) as info:
        parse_date(text)
    assert info.value.code == code


def test_dates_with_times_people_write():
    assert parse_date("2025/1/2 23:59") == "2025-01-02"
    assert parse_date("2025-01-02T10:00:00") == "2025-01-02"
    assert parse_date("2025-01-02 10:00:00.123") == "2025-01-02"


def test_phones_only_with_plain_digits():
    with pytest.raises(FieldProblem) as info:
        parse_phone("٠٧٥٥-١٢٣٤٥٦٧")
    assert info.value.code == "foreign_digits"
    assert parse_phone("０７５５-1234567") == "0755-1234567"


def test_client_statuses_as_firms_write_them_and_a_refusal_that_lists_the_words():
    from churnguard_gui.core.fields import CLIENT_STATUSES
    from churnguard_gui.core.importing import CLIENT_STATUS_ALIASES
    from churnguard_gui.core.messages import problem_text

    words = {"意向客户": "prospect", "成交客户": "active", "暂停合作": "dormant", "停止合作": "lost", "LOST": "lost"}
    for word, status in words.items():
        assert parse_choice(word, CLIENT_STATUSES, CLIENT_STATUS_ALIASES) == status
    with pytest.raises(FieldProblem) as refused:
        parse_choice("inactive", CLIENT_STATUSES, CLIENT_STATUS_ALIASES)
    assert "lost (流失、已流失、丢失、停止合作)" in problem_text(refused.value)
