"""Qt fixtures: the app's translator, a demo database, isolated settings."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from churnguard_gui.ui import i18n as qt_i18n


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread(qapp):
    """As the app does (ui/gc_guard.py): no automatic collection, which could run on a worker thread; and the GUI
    thread takes the interpreter from a busy worker within a millisecond (ui/operations.py)."""
    from churnguard_gui.ui import gc_guard
    from churnguard_gui.ui.operations import keep_the_gui_responsive

    gc_guard.install(qapp)
    keep_the_gui_responsive()
    yield
    gc_guard.MainThreadCollector.collect()


@pytest.fixture
def demo_db(fresh_db, demo_into):
    demo_into(fresh_db)
    return fresh_db


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, qapp, demo_db, db_path, settings):
    from churnguard_gui.ui.main_window import MainWindow

    qt_i18n.install("en")
    win = MainWindow(demo_db, str(db_path), settings)
    qtbot.addWidget(win)
    win.show()
    return win
