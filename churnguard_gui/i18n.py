"""The one translation helper for layers without Qt; the Qt translator reads the same catalogue."""
from __future__ import annotations

import json
import locale
import os

from churnguard_gui import RESOURCES

LANGUAGES = ("en", "zh")
_catalog: dict[str, str] = {}
_language = "en"


def system_language() -> str:
    """zh when the user's locale is Chinese, else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    loc = locale.getlocale()[0] or ""
    return "zh" if loc.lower().startswith("zh") else "en"


def set_language(lang: str) -> None:
    """Load the catalogue for lang (en needs none: English is the source text)."""
    global _catalog, _language
    _language = lang if lang in LANGUAGES else "en"
    _catalog = {}
    if _language != "en":
        path = RESOURCES / "translations" / f"{_language}.json"
        _catalog = json.loads(path.read_text(encoding="utf-8"))


def language() -> str:
    return _language


def lookup(text: str) -> str | None:
    """The translation of text, or None when the catalogue has none."""
    return _catalog.get(text)


def tr(text: str, **values: object) -> str:
    """Translate text and fill in {named} values."""
    translated = _catalog.get(text, text)
    return translated.format(**values) if values else translated


def ntr(singular: str, plural: str, n: int, **values: object) -> str:
    """The form of text for n things, with {n} and any {named} values filled in (replaced by the gettext loader)."""
    text = singular if n == 1 else plural
    translated = _catalog.get(text, text)
    return translated.format(n=n, **values)
