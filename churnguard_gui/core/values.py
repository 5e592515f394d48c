"""Reading values as people type them in Excel: money, dates, phones, e-mails, yes/no."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from churnguard_gui.core.errors import FieldProblem

_DATE_RE = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)
_COMPACT_DATE_RE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[\d\s\-()]+(?:(?:ext|转|x)\s*\d+)?$", re.IGNORECASE)
_YES = {"yes", "y", "true", "1", "是", "有", "√", "✓", "x"}
_NO = {"no", "n", "false", "0", "否", "无", "没有", ""}


def clean_text(value: object) -> str:
    """Full-width letters and digits made plain, outer spaces removed; None becomes ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def plain_text(value: object) -> str:
    """Free text as the user wrote it (full-width punctuation kept), outer spaces removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_money(value: object, multiplier: int = 1) -> int:
    """Whole yuan from '¥1,234', '￥12万', '1.5 万元', 890000 or a header unit of 万元 (multiplier)."""
    if isinstance(value, bool):
        raise FieldProblem("bad_money", value=str(value))
    if isinstance(value, int | float):
        amount = Decimal(str(value))
    else:
        text = clean_text(value).replace(",", "").replace(" ", "").replace("¥", "").replace("RMB", "")
        text = text.removesuffix("元").removesuffix("人民币")
        if text.endswith("万"):
            text, multiplier = text[:-1], multiplier * 10000
        if text == "":
            return 0
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise FieldProblem("bad_money", value=clean_text(value)) from None
    if not amount.is_finite():  # 'NaN', 'inf', or a float cell holding one
        raise FieldProblem("bad_money", value=clean_text(value))
    amount *= multiplier
    if amount < 0:
        raise FieldProblem("negative_money", value=clean_text(value))
    if amount >= Decimal(10) ** 15:
        raise FieldProblem("bad_money", value=clean_text(value))
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_date(value: object) -> str | None:
    """ISO date text from 2025/1/2, 2025-01-02, 2025年1月2日, 20250102 or an Excel date; '' is None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _checked(value.year, value.month, value.day, str(value))
    text = clean_text(value)
    if not text:
        return None
    match = _DATE_RE.match(text) or _COMPACT_DATE_RE.match(text)
    if not match:
        raise FieldProblem("bad_date", value=text)
    year, month, day = (int(part) for part in match.groups())
    return _checked(year, month, day, text)


def _checked(year: int, month: int, day: int, text: str) -> str:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise FieldProblem("bad_date", value=text) from None
    if not 1900 <= date.year <= 2100:
        raise FieldProblem("date_out_of_range", value=text)
    return date.isoformat()


def parse_phone(value: object) -> str:
    """A phone as written, with spacing tidied; refused when it is not digits, spaces and dashes."""
    text = re.sub(r"\s+", " ", clean_text(value))
    if not text:
        return ""
    digits = phone_digits(text)
    if not _PHONE_RE.match(text) or not 5 <= len(digits) <= 20:
        raise FieldProblem("bad_phone", value=text)
    return text


def phone_digits(text: str) -> str:
    """Only the digits of a phone number, for search."""
    return "".join(ch for ch in clean_text(text) if ch.isdigit())


def parse_email(value: object) -> str:
    text = clean_text(value)
    if text and not _EMAIL_RE.match(text):
        raise FieldProblem("bad_email", value=text)
    return text


def parse_yes_no(value: object) -> bool:
    text = clean_text(value).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise FieldProblem("bad_yes_no", value=text)


def parse_choice(value: object, choices: tuple[str, ...], aliases: dict[str, str] | None = None) -> str | None:
    """One of choices (case-insensitive, or via aliases such as 在职 → active); '' is None."""
    text = clean_text(value)
    if not text:
        return None
    key = text.lower()
    if aliases and key in aliases:
        return aliases[key]
    for choice in choices:
        if choice.lower() == key:
            return choice
    raise FieldProblem("bad_choice", value=text, choices=", ".join(choices))


def format_money(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}"
