"""The shipped CJK font (WenQuanYi Micro Hei, TrueType outlines) registered once for reportlab."""
from __future__ import annotations

from functools import cache

from reportlab.lib import textsplit as _textsplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph as _paragraph

from churnguard_gui import resources

FONT = "WQYMicroHei"
FONT_FILE = "fonts/wqy-microhei.ttc"  # under resources/
# Full-width punctuation that may not start a line in Chinese (GB/T 15834 and common typesetting practice).
# reportlab's CJK wrapping knows only the Japanese list, which lacks the full-width comma, semicolon and colon,
# so a clause could print a line starting with "，"; the wrapper then hangs such a mark at the end of the line.
CHINESE_CANNOT_START = "，；：！？、。）》」』】〕…—％"


@cache
def register() -> str:
    """Register the font (embedded as a subset in every PDF that uses it); returns its name."""
    pdfmetrics.registerFont(TTFont(FONT, str(resources.path(FONT_FILE)), subfontIndex=0))
    for module in (_textsplit, _paragraph):  # dumbSplit (one run of text) and cjkFragSplit (several) read these
        missing = "".join(c for c in CHINESE_CANNOT_START if c not in module.ALL_CANNOT_START)
        module.ALL_CANNOT_START += missing
    return FONT
