"""Validation shown at the field: a red border on the widget and a short line under it."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from churnguard_gui.core.errors import FieldProblem
from churnguard_gui.core.messages import problem_text

INVALID_STYLE = "border: 1px solid #c0392b;"


class FormErrors:
    """Keeps an error label per field; show() marks the fields named in a problems dict."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def label_for(self, field: str, widget: QWidget) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{field}")
        label.setStyleSheet("color: #c0392b;")
        label.setWordWrap(True)
        label.hide()
        self._fields[field] = (widget, label)
        return label

    def add_row(self, form: QFormLayout, label: str, field: str, widget: QWidget) -> None:
        """Add widget to form under label, with its error line beneath it."""
        box = QVBoxLayout()
        box.setSpacing(1)
        box.addWidget(widget)
        box.addWidget(self.label_for(field, widget))
        form.addRow(label, box)

    def show(self, problems: dict[str, FieldProblem]) -> list[str]:
        """Mark each known field; returns the problem fields no label was registered for."""
        unplaced = [f for f in problems if f not in self._fields]
        for field, (widget, label) in self._fields.items():
            problem = problems.get(field)
            widget.setStyleSheet(INVALID_STYLE if problem else "")
            label.setText(problem_text(problem) if problem else "")
            label.setVisible(problem is not None)
        first = next((self._fields[f][0] for f in problems if f in self._fields), None)
        if first is not None:
            first.setFocus()
        return unplaced

    def text(self, field: str) -> str:
        entry = self._fields.get(field)
        return entry[1].text() if entry and not entry[1].isHidden() else ""
