"""Previewing a PDF report page by page, saving it and printing it with the system print dialog."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from churnguard_gui.core.errors import ChurnError
from churnguard_gui.core.files import atomic_write
from churnguard_gui.ui.errors import show_error

PREVIEW_DPI = 96


def page_image(document: pdfium.PdfDocument, index: int, dpi: float) -> QImage:
    """One page rendered at dpi as a QImage (its own copy of the pixels)."""
    bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888
                   if bitmap.n_channels == 3 else QImage.Format.Format_RGBA8888)
    return image.copy()


class ReportPreview(QDialog):
    """Shows the PDF; on_event(action, path) is told of every save and print (for the audit log)."""

    def __init__(self, pdf: bytes, suggested_name: str, on_event: Callable[[str, str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self._name = suggested_name
        self._on_event = on_event
        self.document = pdfium.PdfDocument(pdf)
        self.page = 0
        self.setWindowTitle(self.tr("Report preview — {name}").format(name=suggested_name))
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        self.previous = QPushButton(self.tr("◀ Previous"))
        self.next = QPushButton(self.tr("Next ▶"))
        self.counter = QLabel()
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.print_button = QPushButton(self.tr("&Print…"))
        self.close_button = QPushButton(self.tr("&Close"))
        self.previous.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next.clicked.connect(lambda: self.show_page(self.page + 1))
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_report)
        self.close_button.clicked.connect(self.accept)
        bar = QHBoxLayout()
        for widget in (self.previous, self.counter, self.next):
            bar.addWidget(widget)
        bar.addStretch()
        for widget in (self.save_button, self.print_button, self.close_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(bar)
        self.fit_to_screen()
        self.show_page(0)

    def page_count(self) -> int:
        return len(self.document)

    def fit_to_screen(self) -> None:
        """As large as the page wants but never beyond the screen's free area (a 1366×768 laptop keeps
        Save, Print and Close in view): the size comes from the available geometry, not fixed pixels."""
        parent = self.parentWidget()
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        free = screen.availableGeometry()
        frame = 40  # title bar and borders the window manager adds around the dialog
        width = min(int(free.width() * 0.9), self.sizeHint().width() + 1100)
        height = free.height() - frame
        self.resize(min(width, free.width()), min(height, 1000))
        self.move(free.x() + (free.width() - self.width()) // 2, free.y() + max(0, (free.height() - height) // 2 - 10))

    def render_scale(self) -> float:
        """Device pixels per logical pixel of the screen the preview is on (2 on a Retina or 200% display)."""
        return self.devicePixelRatioF() or 1.0

    def page_pixmap(self, index: int) -> QPixmap:
        """The page rendered at the screen's own pixel density, so it is sharp on high-DPI screens."""
        ratio = self.render_scale()
        pixmap = QPixmap.fromImage(page_image(self.document, index, PREVIEW_DPI * ratio))
        pixmap.setDevicePixelRatio(ratio)
        return pixmap

    def show_page(self, index: int) -> None:
        self.page = max(0, min(index, self.page_count() - 1))
        self.image.setPixmap(self.page_pixmap(self.page))
        self.counter.setText(self.tr("page {page} of {total}").format(page=self.page + 1, total=self.page_count()))
        self.previous.setEnabled(self.page > 0)
        self.next.setEnabled(self.page < self.page_count() - 1)

    # Slots for the buttons take no parameters: clicked(bool) must not land in a path or a printer.
    def save(self) -> str | None:
        """Ask where to save the PDF, then write it there; the path written, or None."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save report"), str(Path.home() / self._name),
                                              self.tr("PDF (*.pdf)"))
        return self.save_to(path) if path else None

    def save_to(self, path: str) -> str | None:
        try:
            with atomic_write(path, "wb") as handle:
                handle.write(self.pdf)
        except ChurnError as error:
            show_error(self, error)
            return None
        self._on_event("report_saved", path)
        return path

    def print_report(self) -> bool:
        """Ask for a printer with the system dialog, then print every page."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._match_paper(printer)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def _match_paper(self, printer: QPrinter) -> None:
        """The report's own paper and orientation (A4 landscape for a handover report), not the printer's default."""
        width, height = self.document[0].get_size()
        printer.setPageSize(QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Point, "",
                                      QPageSize.SizeMatchPolicy.FuzzyMatch))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if width > height
                                   else QPageLayout.Orientation.Portrait)

    def print_to(self, printer: QPrinter) -> bool:
        """Print every page at the printer's resolution (at most 300 dpi), with progress and Cancel."""
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, ChurnError("print_failed", file=printer.printerName() or printer.outputFileName()))
            return False
        dpi = min(printer.resolution(), 300)
        progress = QProgressDialog(self.tr("Printing…"), self.tr("Cancel"), 0, self.page_count(), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        for index in range(self.page_count()):
            progress.setValue(index)  # keeps the window responsive between pages
            if progress.wasCanceled():
                printer.abort()
                painter.end()
                return False
            if index:
                printer.newPage()
            image = page_image(self.document, index, dpi)
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(target.x(), target.y(), size.width(), size.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
        progress.setValue(self.page_count())
        painter.end()
        self._on_event("report_printed", printer.printerName() or printer.outputFileName())
        return True
