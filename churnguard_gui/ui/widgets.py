"""Small widget helpers every dialog and wizard shares: message lines and editable record tables."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QWizard,
    QWizardPage,
)

ERROR_COLOUR = "#c0392b"
WARNING_COLOUR = "#8a4b00"


def message_label(colour: str = ERROR_COLOUR) -> QLabel:
    """A wrapping line for an error (red) or a warning (amber), empty until something is said."""
    label = QLabel()
    label.setStyleSheet(f"color: {colour};")
    label.setWordWrap(True)
    return label


RESIZE_SAMPLE_ROWS = 150


def record_table(model: QAbstractItemModel, editable: bool = True) -> QTableView:
    """A row-selecting table view over model; cells edit on any trigger when editable."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers if editable
                         else QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    # Fitting columns reads every row by default: with thousands of clients, measure a sample instead.
    view.horizontalHeader().setResizeContentsPrecision(RESIZE_SAMPLE_ROWS)
    return view


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel wired to the dialog's accept and reject."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class DiscardGuard(QObject):
    """Asks before Esc or the window's close button throws away what was typed in a wizard. Cancel still
    cancels at once: pressing it is a choice, not a slip. With save_for_later the question offers Save."""

    def __init__(self, wizard: QWizard, save_for_later: Callable[[], None] | None = None) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self._save = save_for_later
        self.dirty = False
        for page_id in wizard.pageIds():
            self._watch(wizard.page(page_id))
        wizard.installEventFilter(self)

    def _watch(self, page: QWizardPage) -> None:
        """Only what a person does marks the wizard as typed in, never what the wizard fills in itself."""
        for edit in page.findChildren(QLineEdit):
            edit.textEdited.connect(self._touch)
        for combo in page.findChildren(QComboBox):
            combo.activated.connect(self._touch)
        for button in page.findChildren(QAbstractButton):
            button.clicked.connect(self._touch)
        for text in page.findChildren(QPlainTextEdit):
            if not text.isReadOnly():
                text.textChanged.connect(self._touch)
        for view in page.findChildren(QTableView):
            delegates = [view.itemDelegate()] + [view.itemDelegateForColumn(column) for column in
                                                 range(view.model().columnCount() if view.model() else 0)]
            for delegate in {id(d): d for d in delegates if d is not None}.values():
                delegate.commitData.connect(self._touch)

    def _touch(self) -> None:
        self.dirty = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._wizard and self.dirty and self._wizard.isVisible():
            # the title bar's close button arrives as a spontaneous event; close() called by code does not ask
            if event.type() == QEvent.Type.Close and event.spontaneous():
                if not self.may_discard():
                    event.ignore()
                    return True
            elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                    and event.key() == Qt.Key.Key_Escape and not self.may_discard():
                return True
        return False

    def may_discard(self) -> bool:
        """Ask; True lets the wizard close (after saving it when the user chose Save)."""
        buttons = QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        if self._save is not None:
            buttons |= QMessageBox.StandardButton.Save
        answer = QMessageBox.question(
            self._wizard, QCoreApplication.translate("widgets", "Discard what you typed?"),
            QCoreApplication.translate("widgets", "Close without keeping what you typed in this wizard?")
            + ("\n" + QCoreApplication.translate("widgets", "Save keeps it to finish later.") if self._save else ""),
            buttons, QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Save and self._save is not None:
            self._save()
            return False  # save_for_later closes the wizard itself when it could save
        return answer == QMessageBox.StandardButton.Discard


def install_discard_guard(wizard: QWizard, save_for_later: Callable[[], None] | None = None) -> DiscardGuard:
    """Call once every page is set: Esc and the close button then ask before discarding typed data. The wizard
    keeps the returned guard (`self.discard_guard = install_discard_guard(self)`)."""
    return DiscardGuard(wizard, save_for_later)


def wide_enough(edit: QLineEdit, sample: str = "", chars: int = 0) -> None:
    """At least as wide as sample (or chars average characters) in the edit's own font, plus its frame: widths
    follow the text and the font, never fixed pixels."""
    metrics = edit.fontMetrics()
    width = max(metrics.horizontalAdvance(sample), metrics.averageCharWidth() * chars)
    edit.setMinimumWidth(width + 2 * metrics.averageCharWidth() + 12)


def fit_to_screen(dialog: QDialog, wanted: QSize) -> None:
    """Resize dialog to wanted (what its content needs), never beyond the free area of its screen."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    free = screen.availableGeometry()
    dialog.resize(min(wanted.width(), free.width() - 40), min(wanted.height(), free.height() - 60))
