"""Reading values as people type them in Excel: money, dates, phones, e-mails, yes/no."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from churnguard_gui.core.errors import FieldProblem

_DATE_RE = re.compile(
    r"^\s*([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?"
    r"(?:\s*[T ]?\s*([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,6})?)?)?\s*$"
)
_COMPACT_DATE_RE = re.compile(r"^\s*([0-9]{4})([0-9]{2})([0-9]{2})\s*$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[0-9\s\-()]+(?:(?:ext|转|x)\s*[0-9]+)?$", re.IGNORECASE)
# An amount: plain digits, or thousands separated by commas (or spaces) in groups of exactly three.
_AMOUNT_RE = re.compile(r"^[0-9]+(?:\.[0-9]+)?$|^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$"
                        r"|^[0-9]{1,3}(?: [0-9]{3})+(?:\.[0-9]+)?$")
_PLAIN_AMOUNT_RE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+", re.ASCII)  # a whole cell of plain digits
_NOT_DIGIT = re.compile(r"[^0-9]")
_PLAIN_DIGITS = frozenset("0123456789０１２３４５６７８９")
_YES = {"yes", "y", "true", "1", "是", "有", "√", "✓", "x"}
_NO = {"no", "n", "false", "0", "否", "无", "没有", ""}


def clean_text(value: object) -> str:
    """Full-width letters and digits made plain, outer spaces removed; None becomes ''."""
    if type(value) is str and value.isascii():
        return value.strip()  # NFKC leaves ASCII as it is
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def plain_text(value: object) -> str:
    """Free text as the user wrote it (full-width punctuation kept), outer spaces removed."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def foreign_digits(value: object) -> bool:
    """True when text holds digits other than 0-9 (full-width ones count as 0-9): ٣, ३, ², ① …

    NFKC and Python's int() would read them as numbers nobody typed; they are refused instead.
    """
    if value is None or isinstance(value, int | float):
        return False
    text = str(value)
    if text.isascii():
        return False
    return any(unicodedata.category(ch) in ("Nd", "No", "Nl") and ch not in _PLAIN_DIGITS
               for ch in text if ch > "\x7f")


def parse_money(value: object, multiplier: int = 1) -> int:
    """Whole yuan from '¥1,234', '￥12万', '1.5 万元', 890000 or a header unit of 万元 (multiplier).

    What cannot be read with certainty is refused: '1,2,3' (commas not in groups of three), '1.234,56',
    digits of another script.
    """
    if type(value) is str and (fast := _PLAIN_AMOUNT_RE.fullmatch(value)):  # 890000, "890,000": most cells
        return _checked_amount(int(fast.group(0).replace(",", "")) * multiplier, value)
    if isinstance(value, bool):
        raise FieldProblem("bad_money", value=str(value))
    if isinstance(value, int | float):
        amount = Decimal(str(value))
        if not amount.is_finite():
            raise FieldProblem("bad_money", value=str(value))
    else:
        if foreign_digits(value):
            raise FieldProblem("foreign_digits", value=plain_text(value))
        text = clean_text(value)
        body = text.replace("¥", "").replace("RMB", "").replace("rmb", "").strip()
        body = body.removesuffix("人民币").removesuffix("元").strip()
        if body.endswith("万"):
            body, multiplier = body[:-1].strip(), multiplier * 10000
        negative = body.startswith("-")
        body = body.removeprefix("-").removeprefix("+").strip()
        if body == "" and not negative:
            return 0
        if not _AMOUNT_RE.match(body):
            code = "ambiguous_number" if re.fullmatch(r"[0-9][0-9., ]*[0-9]", body) else "bad_money"
            raise FieldProblem(code, value=text)
        amount = Decimal(body.replace(",", "").replace(" ", ""))
        if negative:
            amount = -amount
    amount *= multiplier
    if amount < 0:
        raise FieldProblem("negative_money", value=clean_text(value))
    if amount >= Decimal(10) ** 15:
        raise FieldProblem("bad_money", value=clean_text(value))
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _checked_amount(amount: int, value: object) -> int:
    if amount >= 10 ** 15:
        raise FieldProblem("bad_money", value=clean_text(value))
    return amount


def parse_date(value: object) -> str | None:
    """ISO date text from 2025/1/2, 2025-01-02, 2025年1月2日, 20250102 or an Excel date; '' is None."""
    if type(value) is str:
        return _parse_date_text(value)  # the same few thousand dates recur down a big file: read once each
    return _parse_date(value)


def _parse_date(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _checked(value.year, value.month, value.day, str(value))
    if foreign_digits(value):
        raise FieldProblem("foreign_digits", value=plain_text(value))
    text = clean_text(value)
    if not text:
        return None
    match = _DATE_RE.match(text) or _COMPACT_DATE_RE.match(text)
    if not match:
        raise FieldProblem("bad_date", value=text)
    year, month, day = (int(part) for part in match.groups()[:3])
    time = [int(part) for part in match.groups()[3:] if part is not None]
    if time and not (time[0] <= 23 and time[1] <= 59 and (len(time) < 3 or time[2] <= 59)):
        raise FieldProblem("bad_time", value=text)
    return _checked(year, month, day, text)


_parse_date_text = lru_cache(maxsize=8192)(_parse_date)


def _checked(year: int, month: int, day: int, text: str) -> str:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise FieldProblem("bad_date", value=text) from None
    if not 1900 <= date.year <= 2100:
        raise FieldProblem("date_out_of_range", value=text)
    return date.isoformat()


_PLAIN_PHONE_RE = re.compile(r"\+?[0-9][0-9-]{3,22}[0-9]", re.ASCII)  # 0755-1234567, 13812345678: most cells


def parse_phone(value: object) -> str:
    """A phone as written, with spacing tidied; refused when it is not digits, spaces and dashes."""
    if (type(value) is str and _PLAIN_PHONE_RE.fullmatch(value)
            and 5 <= len(value) - value.count("-") - value.startswith("+") <= 20):
        return value  # nothing to tidy; 5 to 20 digits, as _read_phone checks
    return _read_phone(value)


def _read_phone(value: object) -> str:
    if foreign_digits(value):
        raise FieldProblem("foreign_digits", value=plain_text(value))
    text = re.sub(r"\s+", " ", clean_text(value))
    if not text:
        return ""
    digits = phone_digits(text)
    if not _PHONE_RE.match(text) or not 5 <= len(digits) <= 20:
        raise FieldProblem("bad_phone", value=text)
    return text


def phone_digits(text: str) -> str:
    """Only the digits of a phone number, for search."""
    plain = text.replace("-", "")
    if plain.isascii() and plain.isdigit():  # 0755-1234567: most phones
        return plain
    return _NOT_DIGIT.sub("", clean_text(text))


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
    raise FieldProblem("bad_choice", value=text, choices=", ".join(_with_aliases(choice, aliases or {})
                                                                   for choice in choices))


def _with_aliases(choice: str, aliases: dict[str, str]) -> str:
    """A choice as the refusal lists it, with up to four of the words read as it: "lost (流失、已流失、丢失)"."""
    words = [word for word, meaning in aliases.items() if meaning == choice and not word.isascii()][:4]
    return f"{choice} ({'、'.join(words)})" if words else choice


def format_money(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}"
