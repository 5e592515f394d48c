"""Driving the app as a person does: find buttons and menu actions by their text, click them, type into fields,
and answer each modal dialog with a script while it is open (exec() runs the script instead of blocking)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QAction, QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMenu,
    QRadioButton,
    QScrollArea,
    QWidget,
    QWizard,
)


def plain(text: str) -> str:
    """Text as a person reads it: without the mnemonic '&' and the trailing ellipsis."""
    return text.replace("&", "").rstrip("…").strip()


def button(widget: QWidget, text: str) -> QAbstractButton:
    """The visible button on widget whose text reads text."""
    found = [b for b in widget.findChildren(QAbstractButton) if plain(b.text()) == plain(text) and b.isVisible()]
    assert found, f"no button {text!r} on {type(widget).__name__}: " + ", ".join(
        sorted({plain(b.text()) for b in widget.findChildren(QAbstractButton) if b.isVisible()}))
    return found[0]


def action(window: QWidget, text: str) -> QAction:
    """The menu action whose text reads text."""
    for menu in window.findChildren(QMenu):
        for candidate in menu.actions():
            if plain(candidate.text()) == plain(text):
                return candidate
    raise AssertionError(f"no menu action {text!r}")


def choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)


@dataclass
class Scripts:
    """Each exec() of a dialog runs the next script queued for its class, then returns the dialog's result."""

    qtbot: object
    queue: list[tuple[str, Callable[[QDialog], None]]] = field(default_factory=list)
    opened: list[str] = field(default_factory=list)

    def install(self, monkeypatch) -> Scripts:
        monkeypatch.setattr(QDialog, "exec", lambda dialog: self._run(dialog))
        monkeypatch.setattr(QWizard, "exec", lambda dialog: self._run(dialog))
        return self

    def expect(self, class_name: str, script: Callable[[QDialog], None]) -> None:
        self.queue.append((class_name, script))

    def _run(self, dialog: QDialog) -> int:
        name = type(dialog).__name__
        self.opened.append(name)
        assert self.queue, f"{name} opened, but no script was waiting for it"
        wanted, script = self.queue.pop(0)
        assert name == wanted, f"{name} opened where {wanted} was expected"
        dialog.show()
        QCoreApplication.processEvents()
        script(dialog)
        QCoreApplication.processEvents()
        if dialog.isVisible():
            dialog.reject()
        return QDialog.result(dialog)

    # -- what a person does inside a dialog
    def type_into(self, edit: QLineEdit, text: str) -> None:
        """Replace the field's text as a person types it: Latin text key by key, Chinese committed by the
        input method (QTest cannot press keys for CJK characters)."""
        edit.setFocus()
        edit.selectAll()
        self.qtbot.keyClick(edit, Qt.Key.Key_Delete)
        if text.isascii():
            self.qtbot.keyClicks(edit, text)
        else:
            event = QInputMethodEvent()
            event.setCommitString(text)
            QCoreApplication.sendEvent(edit, event)
        assert edit.text() == text, f"typed {text!r}, the field shows {edit.text()!r}"

    def click(self, target: QAbstractButton) -> None:
        assert target.isEnabled(), f"{plain(target.text())!r} is disabled"
        parent = target.parentWidget()
        while parent is not None:  # scroll to it first, as a person would
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(target)
            parent = parent.parentWidget()
        QCoreApplication.processEvents()
        # A check box or radio button reacts on its box and label only, not on the whole width it spans.
        pos = QPoint(8, target.height() // 2) if isinstance(target, QCheckBox | QRadioButton) else target.rect().center()
        self.qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=pos)
        QCoreApplication.processEvents()

    def next_page(self, wizard: QWizard) -> None:
        before = wizard.currentId()
        self.click(wizard.button(QWizard.WizardButton.NextButton))
        assert wizard.currentId() != before, f"Next refused on page {before} of {type(wizard).__name__}"

    def finish(self, wizard: QWizard) -> None:
        self.click(wizard.button(QWizard.WizardButton.FinishButton))
        assert not wizard.isVisible(), f"Finish refused on {type(wizard).__name__}"
