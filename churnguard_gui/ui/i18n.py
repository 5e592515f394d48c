"""A QTranslator that answers tr() from the same gettext catalogue as the Qt-free layers, plus Qt's own texts."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from churnguard_gui import i18n

_QT_FILES = {"zh": "qtbase_zh_CN"}


class CatalogTranslator(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        # None (a null QString) tells Qt "no translation": it then asks Qt's own translator or shows the source.
        # Qt's disambiguation is the gettext context; counted phrases use i18n.ntr(), not Qt's %n.
        return i18n.lookup(source, disambiguation or None)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


_translators: list[QTranslator] = []


def install(language: str) -> None:
    """Use language for i18n.tr(), for every Qt tr() and for Qt's standard buttons from now on."""
    i18n.set_language(language)
    app = QCoreApplication.instance()
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    qt_file = _QT_FILES.get(i18n.language())
    if qt_file:
        qt = QTranslator(app)
        if qt.load(qt_file, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _translators.append(qt)
    ours = CatalogTranslator(app)
    app.installTranslator(ours)  # installed last, asked first
    _translators.append(ours)
