"""Starting the app: one instance per database, settings, language, the checked database and the main window."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlite_utils import Database

from churnguard_gui.core import tempfiles
from churnguard_gui.core.errors import ChurnError
from churnguard_gui.i18n import LANGUAGES, system_language
from churnguard_gui.store import backup as backups
from churnguard_gui.store.backup import newest_verified, restore
from churnguard_gui.store.db import DamagedDatabase, default_db_path, open_db
from churnguard_gui.ui import gc_guard
from churnguard_gui.ui import i18n as qt_i18n
from churnguard_gui.ui.context import AppContext
from churnguard_gui.ui.errors import install_crash_handler
from churnguard_gui.ui.main_window import MainWindow
from churnguard_gui.ui.operations import keep_the_gui_responsive, operations
from churnguard_gui.ui.password_dialogs import PasswordDialog
from churnguard_gui.ui.restore_dialog import DamagedDialog
from churnguard_gui.ui.single_instance import SingleInstance


def _log_to_file() -> None:
    """Bugs are logged in full to a file in the per-user log folder (and to stderr)."""
    from platformdirs import user_log_dir

    from churnguard_gui.core.private import PrivateRotatingFileHandler, private_folder

    log = logging.getLogger("churnguard")
    if log.handlers:  # set up already (a second start in the same process)
        return
    folder = Path(user_log_dir("ChurnGuard", appauthor=False))
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    try:
        private_folder(folder)  # the log names files and records: 0700 folder, 0600 files
        handlers.append(PrivateRotatingFileHandler(folder / "churnguard.log", maxBytes=1_000_000, backupCount=3,
                                            encoding="utf-8"))
    except OSError:
        pass  # a read-only home must not stop the app
    for handler in handlers:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
    log.setLevel(logging.INFO)


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
    keep_the_gui_responsive()
    settings = QSettings()
    qt_i18n.install(args.lang or str(settings.value("language", system_language())))
    install_crash_handler()
    path = args.db or str(default_db_path())
    instance = SingleInstance(path)
    if not instance.acquire():
        if not instance.notify_first():
            QMessageBox.information(None, "ChurnGuard", QCoreApplication.translate(
                "app", "ChurnGuard is already open on {file}.").format(file=path))
        return 0
    tempfiles.sweep()  # temporary files of exports and reports left by a crash
    if AppContext.needs_password(path) and not PasswordDialog.ask(path):
        return 0  # the user cancelled: nothing was opened
    db = open_checked(path)
    if db is None:
        return 1
    _purge_on_start(db)
    context = AppContext(path, settings, db)
    window = MainWindow(db, path, settings, context=context)
    instance.on_second_start(window.bring_to_front)
    window.show()
    QTimer.singleShot(0, lambda: daily_backup(window))
    QTimer.singleShot(0, window.offer_first_start)
    QTimer.singleShot(0, window.tactics.on_start)
    try:
        return app.exec()
    finally:
        # The event loop can end without the window closing (the session ends, app.quit()): jobs still running,
        # such as the start's backup check, are cancelled and waited for before the database closes; a QThread
        # destroyed while running aborts the process.
        operations().shutdown()
        context.close()
        instance.release()


def open_checked(path: str) -> Database | None:
    """Open the database; when it is damaged, say so and offer the newest verified backup (the file kept as is)."""
    while True:
        try:
            return open_db(path)
        except DamagedDatabase as error:
            chosen = DamagedDialog.ask(error, path, newest_verified(path))
            if chosen is None:
                return None
            try:
                restore(path, chosen)
            except ChurnError as failed:
                QMessageBox.critical(None, "ChurnGuard", str(failed))
        except ChurnError as error:
            QMessageBox.critical(None, "ChurnGuard", str(error))
            return None


def daily_backup(window: MainWindow) -> None:
    """The backup on open, at most once a day, off the GUI thread; a failure is said once, not as a crash."""
    context = window.context

    def job(progress):
        db = context.open_connection()
        try:
            return backups.daily_backup(db, context.path)
        finally:
            db.close()

    operations().run(window, QCoreApplication.translate("app", "Backing up…"), job,
                     lambda made: window.backup_status.update_text())
