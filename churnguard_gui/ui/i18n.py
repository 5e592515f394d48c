"""A QTranslator that answers tr() from the same catalogue as the Qt-free layers."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from churnguard_gui import i18n


class CatalogTranslator(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None (a null QString) tells Qt "no translation": it then shows the English source text.
        return i18n.lookup(source)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


_translator: CatalogTranslator | None = None


def install(language: str) -> None:
    """Use language for i18n.tr() and for every Qt tr() from now on."""
    global _translator
    i18n.set_language(language)
    app = QCoreApplication.instance()
    if _translator is None:
        _translator = CatalogTranslator()
        app.installTranslator(_translator)
