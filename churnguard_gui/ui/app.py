"""Starting the app: settings, language, the database and the main window."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from churnguard_gui.core.errors import ChurnError
from churnguard_gui.i18n import LANGUAGES, system_language
from churnguard_gui.store.db import default_db_path, open_db
from churnguard_gui.ui import gc_guard
from churnguard_gui.ui import i18n as qt_i18n
from churnguard_gui.ui.errors import install_crash_handler
from churnguard_gui.ui.main_window import MainWindow


def _log_to_file() -> None:
    """Bugs are logged in full to a file in the per-user log folder (and to stderr)."""
    from logging.handlers import RotatingFileHandler

    from platformdirs import user_log_dir

    folder = Path(user_log_dir("ChurnGuard", appauthor=False))
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handlers.append(RotatingFileHandler(folder / "churnguard.log", maxBytes=1_000_000, backupCount=3,
                                            encoding="utf-8"))
    except OSError:
        pass  # a read-only home must not stop the app
    logging.basicConfig(level=logging.INFO, handlers=handlers,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _purge_on_start(db) -> None:
    """Screening data kept past its retention period is anonymised at every start (each with an audit row)."""
    from churnguard_gui.store.screenings import purge_expired

    try:
        count = purge_expired(db)
    except ChurnError as error:  # a read-only or locked database: keep going, the next start tries again
        logging.getLogger(__name__).warning("purge on start failed: %s", error)
        return
    if count:
        logging.getLogger(__name__).info("purged %d expired screenings", count)


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="churnguard")
    parser.add_argument("--db", metavar="FILE")
    parser.add_argument("--lang", choices=tuple(LANGUAGES))
    args, qt_args = parser.parse_known_args(argv)
    _log_to_file()
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("ChurnGuard")
    app.setOrganizationName("ChurnGuard")
    gc_guard.install(app)
    settings = QSettings()
    qt_i18n.install(args.lang or str(settings.value("language", system_language())))
    install_crash_handler()
    path = args.db or str(default_db_path())
    try:
        db = open_db(path)
    except ChurnError as error:
        QMessageBox.critical(None, "ChurnGuard", str(error))
        return 1
    _purge_on_start(db)
    window = MainWindow(db, path, settings)
    window.show()
    QTimer.singleShot(0, window.offer_first_start)
    QTimer.singleShot(0, window.tactics.on_start)
    return app.exec()
