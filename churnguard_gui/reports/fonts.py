"""The shipped CJK font (WenQuanYi Micro Hei, TrueType outlines) registered once for reportlab."""
from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from churnguard_gui import RESOURCES

FONT = "WQYMicroHei"
FONT_FILE = RESOURCES / "fonts" / "wqy-microhei.ttc"


@cache
def register() -> str:
    """Register the font (embedded as a subset in every PDF that uses it); returns its name."""
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
    return FONT
