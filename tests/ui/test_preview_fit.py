"""The report preview on a small laptop screen and on a high-DPI screen."""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from churnguard_gui.reports.handover_pdf import build_pdf
from churnguard_gui.store.handovers import report_data
from churnguard_gui.store.staff import find_staff
from churnguard_gui.ui.report_preview import ReportPreview


def preview_of(qtbot, demo_db) -> ReportPreview:
    preview = ReportPreview(build_pdf(report_data(demo_db, find_staff(demo_db, "马超"))), "r.pdf",
                            lambda action, target: None)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    return preview


def test_the_preview_fits_the_screen_with_save_print_and_close_in_view(qtbot, demo_db):
    free = QGuiApplication.primaryScreen().availableGeometry()  # 800×600 offscreen: smaller than any laptop
    preview = preview_of(qtbot, demo_db)
    assert free.contains(preview.geometry())
    window = QRect(0, 0, preview.width(), preview.height())
    buttons = {b.text().replace("&", ""): b for b in preview.findChildren(QPushButton)}
    for text in ("Save as PDF…", "Print…", "Close"):
        button = buttons[text]
        assert button.isVisible() and window.contains(QRect(button.mapTo(preview, button.rect().topLeft()),
                                                            button.size()))


def test_pages_are_rendered_at_the_screens_pixel_ratio(qtbot, demo_db, monkeypatch):
    preview = preview_of(qtbot, demo_db)
    shown = []
    real = preview.image.setPixmap
    monkeypatch.setattr(preview.image, "setPixmap", lambda pixmap: (shown.append(pixmap), real(pixmap)))
    qtbot.mouseClick(preview.next, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(ReportPreview, "devicePixelRatioF", lambda self: 2.0)  # a Retina / 200% screen
    qtbot.mouseClick(preview.previous, Qt.MouseButton.LeftButton)
    normal, sharp = shown
    assert normal.devicePixelRatio() == 1.0 and sharp.devicePixelRatio() == 2.0
    assert abs(sharp.width() - 2 * normal.width()) <= 2  # twice the pixels…
    assert sharp.deviceIndependentSize() == normal.deviceIndependentSize()  # …in the same space on screen
