"""Background work in one place (as Anki's QueryOp/CollectionOp): worker, progress, refresh, errors.

    from churnguard_gui.ui.operations import operations

    operations().run(self, self.tr("Exporting…"), job, on_done, refresh=self.refresh)

job(progress) runs on a worker thread with its own database connection (never the GUI thread's); progress(done,
total) returns False once the user cancelled. on_done(result) and refresh() run on the GUI thread, and are skipped
if the widget they belong to was deleted meanwhile. Errors go to on_error if given, else to report_error():
expected ones (ChurnError, database and disk failures) as a clear message, anything else to the crash handler.
Workers are owned here, never by the widget that started them, so deleting that widget mid-job is safe; closing
the main window calls shutdown(), which cancels every job and waits for it.
"""
from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import Any, TypeVar, cast

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from churnguard_gui.core.errors import ChurnError
from churnguard_gui.store.crypto import Error as DB_ERRORS  # sqlite3's and sqlcipher3's

Progress = Callable[[int, int], bool]
T = TypeVar("T")
SWITCH_INTERVAL_S = 0.001  # Python's default is 0.005


def keep_the_gui_responsive() -> None:
    """Let the GUI thread take the interpreter from a busy worker within a millisecond instead of five.

    A worker reading or writing a big file holds Python's lock (GIL) and hands it over only at the switch
    interval. Handling one click takes the GUI thread the lock many times, waiting up to an interval each time:
    with the default 5 ms a click on Cancel during an import took about a second to arrive (measured: 1.1 s with
    a 30 MB file; 0.1 s at 0.5 ms). The worker's own work slows by well under 1%."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)


class Worker(QThread):
    """Runs job(progress) in a thread; progress(done, total) returns False once cancelled."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Callable[[Progress], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancelled

    def run(self) -> None:
        try:
            result = self._job(self._progress)
        except BaseException as exc:  # handed to the GUI thread, which words or reports it
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


def _alive(callback: Callable[..., Any]) -> bool:
    """False when callback is a method of a Qt object that has been deleted."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


def report_error(parent: QWidget | None, error: BaseException) -> None:
    """Expected errors as a clear message; anything else is a bug for the crash handler."""
    from churnguard_gui.store.db import translate
    from churnguard_gui.ui.errors import show_error

    if isinstance(error, (*DB_ERRORS, OSError)):
        error = translate(error)
    if isinstance(error, ChurnError):
        show_error(parent if parent is None or shiboken6.isValid(parent) else None, error)
    else:
        sys.excepthook(type(error), error, error.__traceback__)


class Operations(QObject):
    """Starts, tracks, cancels and waits for background jobs."""

    job_finished = Signal()  # after a job's callbacks ran (tests wait for it before starting the job)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers: set[Worker] = set()

    def busy(self) -> bool:
        return bool(self._workers)

    def run(self, parent: QWidget, label: str, job: Callable[[Progress], T],
            on_done: Callable[[T], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            refresh: Callable[[], None] | None = None) -> Worker:
        """Start job with a modal, cancellable progress dialog (shown after 0.3 s)."""
        dialog = QProgressDialog(label, QCoreApplication.translate("operations", "Cancel"), 0, 0, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        worker = Worker(job)  # no parent: the widget that started it may go away mid-job
        self._workers.add(worker)

        def progressed(done: int, total: int) -> None:
            if shiboken6.isValid(dialog):
                dialog.setMaximum(total)
                dialog.setValue(done)

        def succeeded(result: object) -> None:
            if on_done is not None and _alive(on_done):
                on_done(cast(T, result))  # what job returned, through a Signal(object)
            if refresh is not None and _alive(refresh):
                refresh()

        def failed(error: BaseException) -> None:
            if on_error is not None and _alive(on_error):
                on_error(error)
            else:
                report_error(parent if shiboken6.isValid(parent) else None, error)

        def finish() -> None:
            # finished is emitted from the thread just before it ends: let it end before the worker can be deleted
            # (deleteLater below, or the interpreter exiting) - a QThread destroyed while running aborts the process.
            worker.wait()
            self._workers.discard(worker)
            if shiboken6.isValid(dialog):
                dialog.reset()
                dialog.deleteLater()
            # Later still: other slots of `finished` (queued like this one) are delivered before the worker goes.
            QTimer.singleShot(0, worker, worker.deleteLater)
            gc.collect()  # on the GUI thread: see gc_guard
            self.job_finished.emit()

        worker.progressed.connect(progressed)
        worker.succeeded.connect(succeeded)
        worker.failed.connect(failed)
        worker.finished.connect(finish)
        dialog.canceled.connect(worker.cancel)
        worker.start()
        return worker

    def adopt(self, worker: Worker) -> Worker:
        """A worker a widget starts itself (the Risk tab's computation): shutdown cancels and waits for it too."""
        self._workers.add(worker)
        worker.finished.connect(lambda: self._workers.discard(worker))
        return worker

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel every job and wait for it to stop; True when none is left running."""
        for worker in list(self._workers):
            worker.cancel()
        for worker in list(self._workers):
            worker.wait(timeout_ms)
        QCoreApplication.sendPostedEvents()
        return all(not w.isRunning() for w in self._workers)


_operations: Operations | None = None


def operations() -> Operations:
    """The app's one Operations, owned by the application object."""
    global _operations
    if _operations is None or not shiboken6.isValid(_operations):
        _operations = Operations(QCoreApplication.instance())
    return _operations
