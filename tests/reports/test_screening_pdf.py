"""The printed screening record: every section's content, hostile free text printed as typed, fonts embedded."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from churnguard_gui import i18n
from churnguard_gui.core.models import Staff
from churnguard_gui.core.screening import Job, PriorObligation, Reference
from churnguard_gui.reports.screening_pdf import build_screening_pdf
from churnguard_gui.store.screenings import Screening, load_screening, save_screening

HOSTILE = "带走 <b>客户</b> & 报价 </para>"


def stored(db, jobs: int = 4):
    history = tuple(Job(f"{n}号五金 & <公司>", "五金", "销售", f"{2010 + n}-01", f"{2010 + n}-11", "薪资",
                        brought_clients=n % 2 == 0) for n in range(jobs))
    screening = Screening(Staff(name="张伟", phone="139 1234 5678", status="candidate"), "销售代表", history,
                          {"client_follows": 0}, (Reference("王经理", "前主管", "0755-1234567", "2026-11-20", True,
                                                             "no", HOSTILE),),
                          PriorObligation(under_noncompete=True, until="2027-06-30", covering="华南五金客户"),
                          "reject", HOSTILE, "钱建国", "2026-11-26", consent_on="2026-11-20", consent_references=True)
    _, screening_id = save_screening(db, screening)
    return load_screening(db, screening_id)


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize(("language", "words"), [
    ("en", ("Screening record", "Employment history", "References", "Decision", "reject", "page 1 of")),
    ("zh", ("筛查记录", "工作经历", "证明人", "第 1 页")),
])
def test_record_shows_every_section_in_the_apps_language(fresh_db, language, words):
    record = stored(fresh_db)
    i18n.set_language(language)
    text = "".join(pages(build_screening_pdf(record, "示范贸易 & <有限公司>")))
    for word in words:
        assert word in text, word
    assert "张伟" in text and "销售代表" in text and "钱建国" in text and "2026-11-26" in text
    assert "示范贸易 & <有限公司>" in text and "0号五金 & <公司>" in text and "王经理" in text
    assert "2027-06-30" in text and "华南五金客户" in text


def test_free_text_is_printed_as_typed_not_read_as_markup(fresh_db):
    text = "".join("".join(pages(build_screening_pdf(stored(fresh_db), "Firm"))).split())  # cells wrap
    assert text.count("".join(HOSTILE.split())) == 2  # the decision reason and the reference's notes


def test_long_history_flows_onto_numbered_pages_with_the_embedded_cjk_font(fresh_db):
    pdf = build_screening_pdf(stored(fresh_db, jobs=60), "Firm")
    texts = pages(pdf)
    assert len(texts) >= 2
    for number, page in enumerate(texts, start=1):
        assert f"page {number} of {len(texts)}" in page and "张伟 · 2026-11-26" in page
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {f.get_object()["/BaseFont"] for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert fonts and all("WenQuanYi" in f for f in fonts)
