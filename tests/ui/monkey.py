"""A monkey that presses everything a person can press, answering the standard dialogs, and notes what it saw.

Every modal dialog opened with exec() is explored instead of blocking: its buttons are pressed (the closing ones
last), a wizard is walked page by page (empty fields filled with plausible values when Next is disabled), and
any dialog it opens in turn is explored the same way, down to a fixed depth. New dialogs and actions are covered
without editing this file.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThread
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QTabWidget,
    QTextEdit,
    QWidget,
    QWizard,
)

from churnguard_gui.ui.operations import operations

MAX_DEPTH = 3
SCREEN = (1366, 728)  # a common laptop screen, less a 40 px taskbar
# Buttons a person uses to leave a dialog: pressed last, after everything else on it.
_CLOSING_ROLES = {QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.RejectRole,
                  QDialogButtonBox.ButtonRole.DestructiveRole, QDialogButtonBox.ButtonRole.YesRole,
                  QDialogButtonBox.ButtonRole.NoRole}


@dataclass
class Monkey:
    qtbot: object
    monkeypatch: object
    folder: Path
    open_file: Path
    dialogs: set[str] = field(default_factory=set)
    wizard_pages: dict[str, set[int]] = field(default_factory=dict)
    wizards_finished: set[str] = field(default_factory=set)
    wizards_at_last_page: set[str] = field(default_factory=set)
    crash_dialogs: list[str] = field(default_factory=list)
    messages: list[tuple[str, str]] = field(default_factory=list)
    presses: int = 0
    answered_saves: list[Path] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)  # "…" promises a dialog; these opened none
    too_big: dict[str, tuple[int, int]] = field(default_factory=dict)  # windows that cannot shrink to a laptop screen
    opened: int = 0
    depth: int = 0
    _saved: int = 0

    # -- the standard dialogs, answered
    def patch(self) -> None:
        mp = self.monkeypatch
        mp.setattr(QDialog, "exec", lambda dialog: self.explore(dialog))
        mp.setattr(QWizard, "exec", lambda dialog: self.explore(dialog))
        mp.setattr(QMessageBox, "exec", lambda box: self._box(box))
        for kind in ("question", "warning", "information", "critical"):
            mp.setattr(QMessageBox, kind, staticmethod(self._static_box(kind)))
        mp.setattr(QFileDialog, "getSaveFileName", staticmethod(self._save_name))
        mp.setattr(QFileDialog, "getOpenFileName", staticmethod(self._open_name))
        mp.setattr(QFileDialog, "getExistingDirectory", staticmethod(self._folder_name))
        mp.setattr(QInputDialog, "getItem", staticmethod(self._item))
        mp.setattr(QPrintDialog, "exec", lambda dialog: self._print_to_pdf(dialog))

    def _static_box(self, kind: str):
        def box(parent, title, text, *args, **kwargs):
            self.opened += 1
            self.messages.append((kind, text))
            if "hit a bug" in str(title):
                self.crash_dialogs.append(text)
            return QMessageBox.StandardButton.Yes
        return box

    def _box(self, box: QMessageBox) -> int:
        self.opened += 1
        self.messages.append(("box", box.text()))
        if box.icon() == QMessageBox.Icon.Critical:
            self.crash_dialogs.append(f"{box.windowTitle()}: {box.text()}\n{box.detailedText()}")
        return int(QMessageBox.StandardButton.Yes)

    def _save_name(self, parent, caption="", directory="", filter="", *args, **kwargs):  # noqa: A002
        self.opened += 1
        self._saved += 1
        suffix = Path(str(directory)).suffix or (".pdf" if "pdf" in str(filter).lower() else ".xlsx")
        self.answered_saves.append(self.folder / f"saved-{self._saved}{suffix}")
        return str(self.answered_saves[-1]), ""

    def _open_name(self, parent, caption="", directory="", filter="", *args, **kwargs):  # noqa: A002
        self.opened += 1
        wanted = str(filter).lower()
        if "csv" in wanted or "xlsx" in wanted:
            return str(self.open_file), ""
        scan = self.folder / "scan.pdf"
        scan.write_bytes(b"%PDF-1.4\n% a signed copy\n")
        return str(scan), ""

    def _folder_name(self, parent, caption="", directory="", *args, **kwargs):
        self.opened += 1
        chosen = self.folder / "chosen folder"
        chosen.mkdir(exist_ok=True)
        return str(chosen)

    def _item(self, parent, title, label, items, *args, **kwargs):
        self.opened += 1
        return (items[0], True) if items else ("", False)

    def _print_to_pdf(self, dialog: QPrintDialog) -> int:
        self.opened += 1
        self._saved += 1
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.folder / f"printed-{self._saved}.pdf"))
        return int(QDialog.DialogCode.Accepted)

    # -- exploring
    def explore(self, dialog: QDialog) -> int:
        name = type(dialog).__name__
        self.opened += 1
        self.dialogs.add(name)
        self.depth += 1
        try:
            dialog.show()
            QCoreApplication.processEvents()
            self.measure(dialog, name)
            if self.depth <= MAX_DEPTH:
                if isinstance(dialog, QWizard):
                    self.walk(dialog)
                else:
                    self.press_all(dialog)
        finally:
            self.depth -= 1
        if dialog.isVisible():
            dialog.reject()
            QCoreApplication.processEvents()
            if dialog.isVisible():  # a wizard asking before discarding typed data was answered; close it anyway
                dialog.done(int(QDialog.DialogCode.Rejected))
        return QDialog.result(dialog)  # a subclass may shadow result()

    def measure(self, window: QWidget, name: str) -> None:
        """Note a window whose smallest size is bigger than a 1366×768 laptop screen less its taskbar."""
        smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
        if smallest.width() > SCREEN[0] or smallest.height() > SCREEN[1]:
            self.too_big[name] = (smallest.width(), smallest.height())

    def press(self, button: QAbstractButton) -> None:
        if button.isVisible() and button.isEnabled() and button.window().isVisible():
            self.presses += 1
            text, before, window = button.text(), self.opened, button.window()
            self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            QCoreApplication.processEvents()
            # Work the button started in the background (a report being laid out) opens its dialog when done.
            self.qtbot.waitUntil(lambda: not operations().busy() and not any(
                t.isRunning() for t in window.findChildren(QThread)), timeout=20000)  # jobs live in ui/operations
            QCoreApplication.processEvents()
            # A button that closes its dialog leaves the next step to whoever opened it.
            if text.endswith("…") and self.opened == before and window.isVisible():
                self.silent.append(text)

    def buttons(self, widget: QWidget) -> tuple[list[QAbstractButton], list[QAbstractButton]]:
        """The buttons on widget: the ones that do something, then the ones that close it."""
        doing, closing = [], []
        for button in widget.findChildren(QAbstractButton):
            if isinstance(button, QCheckBox | QRadioButton) or not button.isVisible():
                continue
            box = button.parent()
            role = box.buttonRole(button) if isinstance(box, QDialogButtonBox) else None
            (closing if role in _CLOSING_ROLES else doing).append(button)
        return doing, closing

    def press_all(self, widget: QWidget) -> None:
        for tabs in widget.findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                for button in self.buttons(tabs.widget(index))[0]:
                    self.select_first_rows(tabs.widget(index))
                    self.press_list([button])
        self.select_first_rows(widget)
        doing, closing = self.buttons(widget)
        self.press_list(doing)
        self.press_list(closing)

    def press_list(self, buttons: list[QAbstractButton]) -> None:
        for button in buttons:
            try:
                self.press(button)
            except RuntimeError:  # the button's dialog was closed and deleted by an earlier press
                continue

    @staticmethod
    def select_first_rows(widget: QWidget) -> None:
        for view in widget.findChildren(QAbstractItemView):
            model = view.model()
            if model is not None and model.rowCount():
                view.setCurrentIndex(model.index(0, 0))

    def walk(self, wizard: QWizard) -> None:
        name = type(wizard).__name__
        pages = self.wizard_pages.setdefault(name, set())
        for _ in range(20):
            pages.add(wizard.currentId())
            if wizard.currentId() == max(wizard.pageIds()):
                self.wizards_at_last_page.add(name)
            page = wizard.currentPage()
            self.measure(wizard, f"{name} page {wizard.currentId()}")
            self.select_first_rows(page)
            self.press_list(self.buttons(page)[0])
            if not wizard.isVisible():
                return
            next_button = wizard.button(QWizard.WizardButton.NextButton)
            finish = wizard.button(QWizard.WizardButton.FinishButton)
            if not (next_button.isVisible() and next_button.isEnabled()) and not finish.isVisible():
                self.fill(page)
            if finish.isVisible() and finish.isEnabled():
                self.press(finish)
                if not wizard.isVisible():
                    self.wizards_finished.add(name)
                return
            before = wizard.currentId()
            self.press(next_button)
            if wizard.currentId() == before:
                self.fill(page)
                self.press(next_button)
                if wizard.currentId() == before:
                    return  # stuck: the page refuses what the monkey typed

    @staticmethod
    def fill(page: QWidget) -> None:
        """Plausible values in the empty fields a person must fill; the first choice of each unanswered group."""
        for edit in page.findChildren(QLineEdit):
            if edit.isVisible() and edit.isEnabled() and not edit.isReadOnly() and not edit.text():
                edit.setText(plausible(edit))
        for edit in page.findChildren(QPlainTextEdit) + page.findChildren(QTextEdit):
            if edit.isVisible() and not edit.isReadOnly() and not edit.toPlainText():
                edit.setPlainText("测试 Monkey")
        for group in page.findChildren(QButtonGroup):
            if group.checkedButton() is None and group.buttons():
                group.buttons()[0].click()
        for box in page.findChildren(QCheckBox):  # a page that refuses may wait for a tick (a signed consent)
            if box.isVisible() and box.isEnabled() and not box.isChecked() and box.group() is None:
                box.click()
        for combo in page.findChildren(QComboBox):  # and for a choice still to be made
            if combo.isVisible() and combo.isEnabled() and combo.currentData() == "" and combo.count() > 1:
                combo.setCurrentIndex(1)
        for view in page.findChildren(QAbstractItemView):
            fill_table(view)

    def trigger_menus(self, window: QWidget, skip: tuple[str, ...] = ()) -> None:
        for menu in window.findChildren(QMenu):
            for action in menu.actions():
                self.select_first_rows(window)  # an earlier action may have refreshed the lists
                self.trigger(action, skip)

    def trigger(self, action: QAction, skip: tuple[str, ...]) -> None:
        if action.isSeparator() or not action.isEnabled() or action.menu() or action.text() in skip:
            return
        self.presses += 1
        action.trigger()
        QCoreApplication.processEvents()
        self.unlock_if_locked()

    def unlock_if_locked(self) -> None:
        """File → Lock covers every window: continue as the user does (the demo firm has no password)."""
        from churnguard_gui.ui.lock import LockCover

        for cover in QApplication.instance().allWidgets():
            if isinstance(cover, LockCover) and cover.isVisible() and hasattr(cover, "button"):
                cover.button.click()
                QCoreApplication.processEvents()


def fill_table(view: QAbstractItemView) -> None:
    """Plausible text in the empty editable cells of a table a person types into (not optional ones)."""
    model = view.model()
    if model is None:
        return
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            header = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            editable = model.flags(index) & Qt.ItemFlag.ItemIsEditable
            if editable and model.data(index) in ("", None) and "empty" not in header and "空" not in header:
                model.setData(index, guess(header))


def plausible(edit: QLineEdit) -> str:
    """A value a person would type into edit, guessed from its form label and placeholder."""
    label = ""
    form = edit.parentWidget().layout() if edit.parentWidget() else None
    if isinstance(form, QFormLayout) and isinstance(found := form.labelForField(edit), QLabel):
        label = found.text()
    return guess(f"{label} {edit.placeholderText()}")


def guess(hint: str) -> str:
    hint = hint.lower()
    if "yyyy-mm" in hint and "dd" not in hint:
        return "2019-03"
    if any(word in hint for word in ("date", "day", "日期", "日", "until", "2025")):
        return (dt.date.today() + dt.timedelta(days=30)).isoformat()
    if any(word in hint for word in ("phone", "电话", "手机")):
        return "138 0013 8000"
    if any(word in hint for word in ("mail", "邮箱")):
        return "monkey@example.com"
    if any(word in hint for word in ("wage", "pay", "amount", "yuan", "元", "工资", "金额")):
        return "8000"
    return "测试 Monkey"
