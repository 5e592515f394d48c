"""The Risk tab's chart: matplotlib's Agg renderer draws into an image a label shows, once per change of data or size.

Not matplotlib's Qt canvas, which redraws the whole figure on every resize event while a layout settles; here the
resizes of one pass of the event loop collapse into one drawing, and painting only shows the image."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPaintEvent, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DPI = 100  # matplotlib's default: points in the chart look as they do in the PDF
_FIGURE: list[Figure] = []  # one Agg figure for every chart view, drawn again rather than made again


def shared_figure() -> Figure:
    if not _FIGURE:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        figure = Figure(dpi=DPI)
        FigureCanvasAgg(figure)
        _FIGURE.append(figure)
    return _FIGURE[0]


class ChartView(QLabel):
    """Shows what draw(figure) draws, at the label's size and the screen's pixel ratio."""

    drawn = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("concentration_chart")
        self.setMinimumSize(240, 120)
        # The image never asks the layout for room: the label is as large as the layout makes it.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.figure: Figure | None = None  # one figure, reused for every drawing
        self._draw: Callable[[Figure], None] | None = None
        self._generation = 0
        self._drawn: tuple | None = None
        self._pending = False
        self._painted = False  # nothing is drawn before the label was first painted (with the window's numbers)

    def set_drawing(self, draw: Callable[[Figure], None]) -> None:
        """New data: draw it once the label has its size."""
        self._draw = draw
        self._generation += 1
        self._schedule()

    def is_current(self) -> bool:
        """The image shown is the latest drawing at the label's present size."""
        return self._drawn == self._key()

    def _key(self) -> tuple:
        return self.width(), self.height(), self.devicePixelRatioF(), self._generation

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._schedule()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._schedule()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._painted:  # the window has painted its numbers: now the chart (matplotlib loads the first time)
            self._painted = True
            self._schedule()

    def _schedule(self) -> None:
        if not self._pending and self._painted and self._draw is not None and self.isVisible():
            self._pending = True
            QTimer.singleShot(0, self.render_now)

    def render_now(self) -> None:
        """Draw now if the image is not current (the scheduled drawing calls this)."""
        self._pending = False
        if self._draw is None or not self.isVisible() or self.is_current():
            return
        ratio = self.devicePixelRatioF()
        figure = self.figure = shared_figure()
        figure.set_dpi(DPI * ratio)
        figure.set_size_inches(max(self.width(), 1) / DPI, max(self.height(), 1) / DPI)
        self._draw(figure)
        canvas = figure.canvas
        canvas.draw()
        buffer = canvas.buffer_rgba()  # type: ignore[attr-defined]
        height, width = buffer.shape[:2]
        image = QImage(bytes(buffer), width, height, QImage.Format.Format_RGBA8888)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.setPixmap(pixmap)
        self._drawn = self._key()
        self.drawn.emit()
