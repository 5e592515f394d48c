"""Page furniture shared by reports: a canvas that knows the page count, header and footer lines."""
from __future__ import annotations

from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable

from churnguard_gui.i18n import tr
from churnguard_gui.reports.fonts import register


class NumberedCanvas(canvas.Canvas):
    """Draws 'page X of Y' and the running header once every page is laid out."""

    header_left = ""
    header_right = ""
    footer_left = ""
    page_label = ""  # "page {page} of {total}" in the document's language; the app's language when empty

    def __init__(self, *args, **kwargs) -> None:
        kwargs["initialFontName"] = kwargs.get("initialFontName") or register()  # the doc template passes None
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        # kept per page (a Furniture flowable may change them from some page on): instance copies, so each
        # page's saved state carries its own texts
        self.header_left, self.header_right = type(self).header_left, type(self).header_right
        self.footer_left, self.page_label = type(self).footer_left, type(self).page_label

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._furniture(total)
            super().showPage()
        super().save()

    def _furniture(self, total: int) -> None:
        width, height = self._pagesize
        font = register()
        self.saveState()
        self.setFont(font, 8)
        self.setFillGray(0.35)
        self.drawString(36, height - 24, self.header_left)
        self.drawRightString(width - 36, height - 24, self.header_right)
        self.setLineWidth(0.4)
        self.setStrokeGray(0.6)
        self.line(36, height - 28, width - 36, height - 28)
        self.line(36, 30, width - 36, 30)
        self.drawString(36, 20, self.footer_left)
        label = self.page_label or tr("page {page} of {total}")
        self.drawRightString(width - 36, 20, label.format(page=self._pageNumber, total=total))
        self.restoreState()


def canvas_maker(header_left: str, header_right: str, footer_left: str, page_label: str = ""
                 ) -> type[NumberedCanvas]:
    """A NumberedCanvas class carrying this document's header and footer texts."""
    return type("ReportCanvas", (NumberedCanvas,), {"header_left": header_left, "header_right": header_right,
                                                    "footer_left": footer_left, "page_label": page_label})


class Furniture(Flowable):
    """Takes no room; from the page it lands on, the header and footer read these texts (an attached translation
    names itself and the fingerprint of the binding text it translates)."""

    def __init__(self, **texts: str) -> None:
        super().__init__()
        self.texts = texts
        self.width = self.height = 0

    def wrap(self, *_args: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        for key, value in self.texts.items():  # header_left / header_right / footer_left / page_label
            setattr(self.canv, key, value)
