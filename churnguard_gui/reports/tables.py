"""Fast table cells: plain strings where they fit, wrapped Paragraphs only where they do not."""
from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

PADDING = 6  # left + right cell padding in points


def escape(text: str) -> str:
    """&, < and > as a Paragraph's markup needs them (what xml.sax.saxutils.escape does, without the 40 ms of CPU
    its import of urllib, http and ssl costs every report)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fit_cell(text: str, width: float, style: ParagraphStyle) -> str | Paragraph:
    """The text itself when it fits on one line of the column, else an escaped, wrapping Paragraph."""
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= width - PADDING:
        return text
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """User text made safe for a Paragraph (escaped, line breaks kept)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)
