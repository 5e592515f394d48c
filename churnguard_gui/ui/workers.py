"""Running slow work off the GUI thread behind a progress dialog (kept for callers; see ui/operations.py)."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from churnguard_gui.ui.operations import Progress, Worker, operations

T = TypeVar("T")

__all__ = ["Progress", "Worker", "run_with_progress"]


def run_with_progress(parent: QWidget, label: str, job: Callable[[Progress], T],
                      on_done: Callable[[T], None], on_error: Callable[[BaseException], None]) -> Worker:
    """Start job in a Worker with a modal, cancellable progress dialog; callbacks run on the GUI thread."""
    return operations().run(parent, label, job, on_done, on_error)
