"""Running slow work (imports, exports, the demo firm) off the GUI thread behind a progress dialog."""
from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[[int, int], bool]


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


def run_with_progress(parent: QWidget, label: str, job: Callable[[Progress], object],
                      on_done: Callable[[object], None], on_error: Callable[[BaseException], None]) -> Worker:
    """Start job in a Worker with a modal, cancellable progress dialog; callbacks run on the GUI thread."""
    dialog = QProgressDialog(label, parent.tr("Cancel"), 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    worker = Worker(job, parent)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def finish() -> None:
        dialog.reset()
        dialog.deleteLater()
        # Later still: other slots of `finished` (queued like this one) must be delivered before the worker goes.
        # The worker as context: if its parent deleted it first, the call is dropped instead of failing.
        QTimer.singleShot(0, worker, worker.deleteLater)
        gc.collect()  # on the GUI thread: see gc_guard

    worker.progressed.connect(progressed)
    worker.succeeded.connect(on_done)
    worker.failed.connect(on_error)
    worker.finished.connect(finish)
    dialog.canceled.connect(worker.cancel)
    worker.start()
    return worker
