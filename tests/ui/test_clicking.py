"""The test helpers that press buttons hold on a loaded machine (tests/ui/clicking.py)."""
from __future__ import annotations

import time

from PySide6.QtWidgets import QWidget

from churnguard_gui.core.errors import Cancelled
from churnguard_gui.ui.operations import operations
from tests.ui import clicking


def test_cancel_progress_counts_the_click_when_the_job_stops_at_once(qtbot, monkeypatch):
    """The job notices Cancel and ends before the GUI thread runs again: the dialog is reset (which clears Qt's
    wasCanceled) and deleted within the click's own event processing. The click still counts, and the job
    still stops (it failed once under load, before the helper watched the canceled signal)."""
    widget = QWidget()
    qtbot.addWidget(widget)
    stopped: list[BaseException] = []

    def job(progress):
        while progress(0, 0):
            time.sleep(0.001)
        raise Cancelled()

    operations().run(widget, "Working…", job, lambda _: None, stopped.append)
    real = clicking.QTest

    class Descheduled:  # as on a loaded machine: the GUI thread loses the CPU right after the click
        @staticmethod
        def mouseClick(*args, **kwargs):
            real.mouseClick(*args, **kwargs)
            time.sleep(0.2)

    monkeypatch.setattr(clicking, "QTest", Descheduled)
    with qtbot.waitSignal(operations().job_finished, timeout=5000):
        clicking.cancel_progress(widget)
    assert len(stopped) == 1 and isinstance(stopped[0], Cancelled)
