"""The printed agreement: number, fingerprint and page X of Y on every page, all text present, fonts embedded."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from churnguard_gui.core.agreements import AgreementDraft, Parties, render
from churnguard_gui.reports.agreement_pdf import build_agreement_pdf

DRAFT = AgreementDraft(1, "both", "senior_manager", True, "cn",
                       ("client_list", "trading_habits", "price_terms", "client_needs", "报价系统 <源代码> & 数据"),
                       "深圳市竞争科技有限公司", "广东省", 24, 12000, 2360, 3600, 100000)


@pytest.mark.parametrize("language, page_word, clause", [("zh", "第{n}页，共{t}页", "第三条"),
                                                         ("en", "page {n} of {t}", "5. Scope, region and period of the non-compete")])
def test_every_page_carries_number_fingerprint_and_page_count(language, page_word, clause):
    draft = AgreementDraft(**{**DRAFT.__dict__, "language": language})
    text = render(draft, Parties("示范贸易", "李静", "销售总监", "销售部"), "AG-2026-00007")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(build_agreement_pdf(text, language))).pages]
    assert len(pages) >= 2
    for n, page in enumerate(pages, start=1):
        assert "AG-2026-00007" in page and text.fingerprint in page
        assert page_word.format(n=n, t=len(pages)) in page
    whole = "".join(pages)
    assert clause in whole and "报价系统 <源代码> & 数据" in whole and "100,000" in whole
    reader = PdfReader(io.BytesIO(build_agreement_pdf(text, language)))
    fonts = {f.get_object()["/BaseFont"] for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert fonts and all("WenQuanYi" in f for f in fonts)
