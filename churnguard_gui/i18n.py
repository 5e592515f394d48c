"""The one translation helper for every layer: gettext catalogues (.po) read with Babel; Qt's tr() asks it too.

How to use it:
- Qt-free code: ``tr("Imported {count} rows.", count=n)``; a word that needs a context to translate right:
  ``trc("agreement status", "Active")``; anything counted: ``ntr("{n} client", "{n} clients", n)``
  (``{n}`` is filled in; Chinese has one form, English two).
- Widgets: ``self.tr("Save")``; the disambiguation argument of Qt's tr() is the gettext context; for plurals
  call ``i18n.ntr`` from the widget too.
- Translations live in ``resources/translations/<lang>/*.po``: every .po file in a language's folder is read
  and merged, so a feature can bring its own file. Standard PO: ``msgctxt`` / ``msgid`` / ``msgstr``, plurals as
  ``msgid_plural`` / ``msgstr[0]``. ``python scripts/extract_strings.py --pot`` writes the template
  (``resources/translations/churnguard.pot``) a translator starts from; ``--missing zh`` lists what lacks one.
- Languages the app offers are LANGUAGES below: add a folder of .po files and a line there.
"""
from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from churnguard_gui import pofile, resources

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

# code → the language's own name, as the Language menu shows it. English is the source text.
LANGUAGES: dict[str, str] = {"en": "English", "zh": "中文"}
SOURCE_LANGUAGE = "en"

_language = SOURCE_LANGUAGE
_translations: gettext.NullTranslations = gettext.NullTranslations()
_known: frozenset[tuple[str | None, str]] = frozenset()


def translations_dir(lang: str) -> Path:
    return resources.path(f"translations/{lang}")


def read_catalog(lang: str) -> Catalog:
    """Every .po file of lang merged into one Babel catalogue, for the tools (the first translation of an id wins
    on a clash); the app itself reads them with translations() below."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    merged = Catalog(locale=lang, fuzzy=False)
    for path in sorted(translations_dir(lang).glob("*.po")):
        with path.open("rb") as handle:
            part = read_po(handle, locale=lang)
        for message in part:
            if message.id and message.string:
                merged[message.id] = message
    return merged


Known = frozenset[tuple[str | None, str]]  # the (context, id) pairs a language translates


def translations(lang: str) -> tuple[gettext.NullTranslations, Known]:
    """lang's translations and the (context, id) pairs they cover, read once per process (again only when a .po
    file of the language changed)."""
    files = sorted(translations_dir(lang).glob("*.po"))
    return _read(tuple((path, path.stat().st_mtime_ns, path.stat().st_size) for path in files))


@cache
def _read(files: tuple[tuple[Path, int, int], ...]) -> tuple[gettext.NullTranslations, Known]:
    return pofile.load(path for path, _, _ in files)


def system_language() -> str:
    """zh when the user's locale is Chinese, else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    loc = locale.getlocale()[0] or ""
    return "zh" if loc.lower().startswith("zh") else "en"


def set_language(lang: str) -> None:
    """Load the catalogue for lang (the source language needs none)."""
    global _language, _translations, _known
    _language = lang if lang in LANGUAGES else SOURCE_LANGUAGE
    _translations, _known = gettext.NullTranslations(), frozenset()
    if _language != SOURCE_LANGUAGE:
        _translations, _known = translations(_language)


def language() -> str:
    return _language


def lookup(text: str, context: str | None = None) -> str | None:
    """The translation of text, or None when the catalogue has none (so Qt can ask its own translator)."""
    if (context, text) not in _known:
        return None
    return _translations.pgettext(context, text) if context else _translations.gettext(text)


def tr(text: str, **values: object) -> str:
    """Translate text and fill in {named} values."""
    translated = _translations.gettext(text)
    return translated.format(**values) if values else translated


def trc(context: str, text: str, **values: object) -> str:
    """Translate text in a context (the same English word rendered differently in different places)."""
    translated = _translations.pgettext(context, text)
    return translated.format(**values) if values else translated


def ntr(singular: str, plural: str, n: int, **values: object) -> str:
    """The form of a counted phrase that fits n, with {n} and the other {named} values filled in."""
    return _translations.ngettext(singular, plural, n).format(n=n, **values)


def join_names(names: Iterable[str]) -> str:
    """Names listed in a sentence: "李娜、王强" in Chinese, "Li Na, Wang Qiang" in English."""
    return trc("list separator", ", ").join(names)
