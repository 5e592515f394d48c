"""The shipped CJK font (WenQuanYi Micro Hei, TrueType outlines) registered once for reportlab."""
from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from churnguard_gui import resources

FONT = "WQYMicroHei"
FONT_FILE = "fonts/wqy-microhei.ttc"  # under resources/


@cache
def register() -> str:
    """Register the font (embedded as a subset in every PDF that uses it); returns its name."""
    pdfmetrics.registerFont(TTFont(FONT, str(resources.path(FONT_FILE)), subfontIndex=0))
    return FONT
