"""Chinese contract conventions: amounts in capitals (人民币玖万元整), dates (2026年3月5日), 第一条."""
from __future__ import annotations

import datetime as dt

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
_GROUPS = ("", "万", "亿", "万亿")
_SMALL = "零一二三四五六七八九"


def _group(n: int) -> str:
    """0 < n < 10000 in capitals, with 零 for inner zeros (1005 → 壹仟零伍)."""
    out, zero = "", False
    for power in range(3, -1, -1):
        digit = n // 10 ** power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[digit] + _UNITS[power]
    return out


def rmb_capital(amount: int) -> str:
    """Whole yuan in the capitals used on contracts: 90000 → 玖万元整, 0 → 零元整."""
    if amount < 0:
        return "负" + rmb_capital(-amount)
    if amount == 0:
        return "零元整"
    parts: list[str] = []
    index, need_zero = 0, False
    while amount:
        amount, chunk = divmod(amount, 10000)
        if chunk:
            text = _group(chunk) + _GROUPS[index]
            if need_zero:
                text += "零"
            parts.insert(0, text)
            need_zero = chunk < 1000
        elif parts:
            need_zero = True
        index += 1
    text = "".join(parts)
    return text.rstrip("零") + "元整"


def rmb(amount: int) -> str:
    """人民币玖万元整（¥90,000）."""
    return f"人民币{rmb_capital(amount)}（¥{amount:,}）"


def cn_date(iso: str | None, blank: str = "＿＿＿＿年＿＿月＿＿日") -> str:
    """2026-03-05 → 2026年3月5日; None or empty → a line to fill in by hand."""
    if not iso:
        return blank
    day = dt.date.fromisoformat(iso)
    return f"{day.year}年{day.month}月{day.day}日"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (clause numbers up to 99)."""
    if n < 10:
        return _SMALL[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _SMALL[tens]) + "十" + (_SMALL[ones] if ones else "")
