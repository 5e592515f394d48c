"""The printed handover report: every client once, page X of Y, fonts embedded, user text safe."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace

import pytest
from pypdf import PdfReader

from churnguard_gui import i18n
from churnguard_gui.core.handover import ChecklistItem, ClientLine, HandoverReport
from churnguard_gui.reports.handover_pdf import build_pdf, write_handover_pdf


def report(n: int = 120) -> HandoverReport:
    lines = tuple(ClientLine(i, f"KH{i:05d}", f"深圳市南山区超长名称电子科技股份有限公司第{i}分公司（华南区域总代理）"
                             if i % 7 == 0 else f"客户{i}有限公司", "AB"[i % 2], 1000 * (n - i), "刘经理",
                             "0755-1234567", "2026-10-01", "", "owner" if i % 5 else "backup",
                             successor_id=2 if i % 5 else None) for i in range(1, n + 1))
    return HandoverReport("深圳市示范贸易有限公司", "HO-00001", "2026-11-26 10:00", "孙丽", "销售代表", "销售部",
                          "2026-11-20", "2026-12-20", "competitor", "<b>竞争对手</b> & Co", lines,
                          successor_names={2: "吴芳"}, firm_total_value=10**9,
                          checklist=(ChecklistItem("归还电脑", "行政", "2026-12-20", True),
                                     ChecklistItem("移交企业微信 <script>", "IT", "2026-12-18")),
                          manager_name="李静", status="handed_over")


def text_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_client_once_and_page_x_of_y_on_every_page(language):
    i18n.set_language(language)
    pages = text_of(build_pdf(report()))
    total = len(pages)
    assert total >= 3
    for number, text in enumerate(pages, start=1):
        expected = f"第 {number} 页，共 {total} 页" if language == "zh" else f"page {number} of {total}"
        assert expected in text
        assert "HO-00001" in text
    codes = re.findall(r"KH\d{5}", "".join(pages))
    assert sorted(codes) == [f"KH{i:05d}" for i in range(1, 121)]
    whole = "".join(pages)
    assert "<b>竞争对手</b> & Co" in whole and "<script>" in whole  # escaped, shown as typed


def test_header_row_repeats_on_every_client_page():
    i18n.set_language("en")
    pages = text_of(build_pdf(report(300)))
    client_pages = [p for p in pages if re.search(r"KH\d{5}", p)]
    assert len(client_pages) >= 3 and all("Successor" in p for p in client_pages)


def test_fonts_are_embedded(tmp_path):
    out = write_handover_pdf(report(), tmp_path / "r.pdf")
    reader = PdfReader(out)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts and all("WenQuanYi" in name for name in fonts)
    for font in fonts.values():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor
    if shutil.which("pdffonts"):
        listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
        rows = listing.splitlines()[2:]
        assert rows and all(" yes yes yes " in row for row in rows)


def test_no_clients_still_makes_a_report():
    i18n.set_language("en")
    text = "".join(text_of(build_pdf(replace(report(), lines=(), checklist=()))))
    assert "No clients." in text and "Signatures" in text


def test_write_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "r.pdf"
    target.write_bytes(b"old")
    import churnguard_gui.reports.handover_pdf as module

    monkeypatch.setattr(module, "build_pdf", lambda r: (_ for _ in ()).throw(RuntimeError("layout failed")))
    with pytest.raises(RuntimeError):
        write_handover_pdf(report(), target)
    assert target.read_bytes() == b"old"


def test_a_key_clients_planned_visit_names_who_makes_it():
    """An owner chose 钱总 to visit a key client in the wizard; the printed report did not say who."""
    base = report(3)
    lines = (replace(base.lines[0], notify_on="2026-11-23", visit_on="2026-11-25", visited_by=9),) + base.lines[1:]
    whole = "".join(text_of(build_pdf(replace(base, lines=lines, successor_names={2: "吴芳", 9: "钱总"}))))
    assert re.search(r"2026-11-25\s*钱总", whole)
