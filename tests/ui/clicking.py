"""Answers for the standard dialogs a click opens (file, print, message boxes), so tests can press real buttons."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QWidget,
    QWizard,
)

from churnguard_gui.ui.operations import operations


def answer_save_dialog(monkeypatch, path: Path | None) -> Path | None:
    """Every save-file dialog answers path (None: the user cancels)."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(path) if path else "", "")))
    return path


def answer_open_dialog(monkeypatch, path: Path | None) -> Path | None:
    """Every open-file dialog answers path (None: the user cancels)."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path) if path else "", "")))
    return path


def answer_print_dialog_to_pdf(monkeypatch, path: Path, accept: bool = True) -> Path:
    """The print dialog chooses 'print to file' as PDF at path (or is cancelled)."""
    def exec_(dialog: QPrintDialog) -> int:
        printer: QPrinter = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return int(QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    return path


def answer_message_boxes(monkeypatch, button: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes) -> list:
    """Every static QMessageBox call answers button; the list collects (kind, title, text) of each box shown."""
    shown: list[tuple[str, str, str]] = []

    def answer(kind: str):
        def box(parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return button
        return staticmethod(box)

    for kind in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, answer(kind))
    return shown


def click(button: QAbstractButton) -> None:
    """Press button with the mouse, as a person does (a disabled button ignores it, as on screen)."""
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    QCoreApplication.processEvents()


def next_page(wizard: QWizard) -> None:
    click(wizard.button(QWizard.WizardButton.NextButton))


def back(wizard: QWizard) -> None:
    click(wizard.button(QWizard.WizardButton.BackButton))


def finish(wizard: QWizard) -> None:
    click(wizard.button(QWizard.WizardButton.FinishButton))


def cancel(wizard: QWizard) -> None:
    click(wizard.button(QWizard.WizardButton.CancelButton))


def press_ok(dialog: QDialog) -> None:
    """Press the dialog's accepting button (OK, Save…) in its button box."""
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.buttons():
            if box.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole:
                click(button)
                return
    raise AssertionError(f"{type(dialog).__name__} has no OK button")


def click_row(view: QTableView, row: int) -> None:
    """Click a row of a table as a person does: scrolled into view, then the mouse on its first shown cell."""
    column = view.horizontalHeader().logicalIndex(0)  # the leftmost column on screen
    index = view.model().index(row, column)
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    QCoreApplication.processEvents()


def cancel_progress(parent: QWidget) -> None:
    """Press Cancel on the progress dialog of the job parent started and is still running (on screen after 0.3 s;
    its button works from the start, so a quick job can be cancelled before the dialog shows).

    The press is checked by the dialog's canceled signal, emitted by the click itself: wasCanceled() cannot tell,
    because once the job stops, the dialog is reset (Qt's reset() clears the flag) and deleted - which can happen
    within the click's own event processing when the job notices the Cancel at once (seen on a loaded machine)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the dialogs of jobs already finished
    assert operations().busy(), "no job is running: there is nothing to cancel"
    dialogs = [p for p in parent.findChildren(QProgressDialog) if not p.wasCanceled()]
    assert dialogs, "the job has no progress dialog"
    progress = dialogs[-1]  # the newest: the job now running
    buttons = progress.findChildren(QPushButton)
    assert len(buttons) == 1, "the progress dialog has one button: Cancel"
    pressed: list[bool] = []
    progress.canceled.connect(lambda: pressed.append(True))
    click(buttons[0])
    assert pressed, "the Cancel click did not reach the progress dialog"
