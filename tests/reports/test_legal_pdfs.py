"""Issue 11 in the printed papers: the clauses appear, nothing prints as "—", signatures and seal labels, the
courtesy translation, the chosen governing law, the leaver's acknowledgement, notices and the consent notice."""
from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from churnguard_gui.core.agreements import AgreementDraft, Parties, render
from churnguard_gui.core.handover import AgreementLine, HandoverReport
from churnguard_gui.core.notices import notice_text
from churnguard_gui.reports.agreement_pdf import build_agreement_pdf
from churnguard_gui.reports.consent_pdf import build_consent_pdf
from churnguard_gui.reports.handover_pdf import build_pdf
from churnguard_gui.reports.notice_pdf import build_notice_pdf

DRAFT = AgreementDraft(1, "both", "senior_manager", True, "cn", ("client_list", "trading_habits", "报价系统源代码"),
                       "深圳市竞争科技有限公司", "广东省深圳市", 12, 15000, 2360, 7500, 90000, "zh",
                       "办公家具的批发与销售", "shenzhen")
PARTIES = Parties("深圳市示范贸易有限公司", "吴芳", "销售经理", "销售部", "91350100M000100Y43", "深圳市南山区科技南路 8 号",
                  "440305199001011234", "深圳市福田区福华路 100 号", "138 0013 8000")


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def flat(text: str) -> str:
    return "".join(text.split())


def agreement(draft: AgreementDraft = DRAFT, parties: Parties = PARTIES, version: str | None = None) -> str:
    return text_of(build_agreement_pdf(render(draft, parties, "AG-2026-00009", version), draft.language))


def test_chinese_agreement_has_the_clauses_a_lawyer_expects():
    whole = flat(agreement())
    for words in ("统一社会信用代码：91350100M000100Y43", "公民身份号码：440305199001011234", "通讯地址（送达地址）",
                  "联系电话：13800138000", "履行本职工作", "交还并删除", "微信", "至有关信息为公众所知悉之日止",
                  "竞争业务范围：办公家具的批发与销售", "地域范围：广东省深圳市", "深圳市竞争科技有限公司",
                  "招揽、引诱甲方的客户", "甲方员工离职", "近亲属", "代持", "竞业限制经济补偿", "劳动合同解除或者终止后",
                  "税前", "银行账户", "十日内书面告知", "因甲方原因导致三个月未支付", "不要求其履行竞业限制义务",
                  "额外支付乙方三个月", "返还甲方已经支付的全部竞业限制经济补偿", "按其中较高者支付", "违约金人民币90,000元",
                  "劳动人事争议仲裁委员会申请仲裁", "人民法院提起诉讼", "（以下无正文）", "甲方（盖章）", "乙方（签字）",
                  "二分之一"):
        assert flat(words) in whole, words
    assert "连续三个月" not in whole and "—" not in whole


def test_empty_scope_and_missing_details_never_print_a_dash():
    draft = replace(DRAFT, business="", region="", competitors="")
    whole = agreement(draft, Parties("", "吴芳", "", ""))
    assert "—" not in whole and "竞争单位包括" not in whole and "＿＿＿" in whole


def test_english_is_a_marked_courtesy_translation_with_liquidated_damages():
    whole = agreement(replace(DRAFT, language="en"))
    assert "Courtesy translation" in whole and "Chinese text is the binding version" in flat(whole).replace(
        "Chinesetextisthebindingversion", "Chinese text is the binding version")
    assert "liquidated damages" in whole.lower() and "penalty" not in whole.lower()
    assert "(No further text below.)" in whole and "Party A (seal)" in whole and "Party B (signature)" in whole
    assert "—" not in whole


@pytest.mark.parametrize("language", ["zh", "en"])
def test_other_jurisdiction_names_the_chosen_law_instead_of_prc_articles(language):
    draft = replace(DRAFT, jurisdiction="other", language=language)
    whole = flat(agreement(draft, replace(PARTIES, governing_law="the laws of Singapore")))
    assert flat("the laws of Singapore") in whole
    for prc in ("劳动合同法", "反不正当竞争法", "劳动人事争议仲裁", "中华人民共和国", "统一社会信用代码", "LabourContractLaw",
                "People'sRepublicofChina", "arbitrationcommission"):
        assert prc not in whole, prc


def test_confidentiality_only_has_no_noncompete_words():
    whole = flat(agreement(replace(DRAFT, kind="confidentiality", penalty=0, months=0)))
    assert "保密协议" in whole and "竞业限制经济补偿" not in whole and "违约金" not in whole
    assert "交还并删除" in whole and "（以下无正文）" in whole


def test_an_agreement_printed_with_version_2026_1_reprints_as_it_was():
    old = render(DRAFT, PARTIES, "AG-2026-00001", "2026.1")
    assert old.template_version == "2026.1" and "连续三个月" in old.plain()  # signed text is never rewritten
    assert render(DRAFT, PARTIES, "AG-2026-00001").template_version == "2026.2"


def report(**changes) -> HandoverReport:
    values = dict(firm="深圳市示范贸易有限公司", document_no="HO-00001", generated_at="2026-12-01 10:00",
                  staff_name="吴芳", role="销售经理", department="销售部", resignation_date="2026-11-20",
                  last_day="2026-12-31", reason="competitor", destination="", lines=(),
                  agreements=(AgreementLine("confidentiality", "signed", "2026-01-05", document_no="AG-2026-00001"),
                              AgreementLine("noncompete", "signed", "2026-01-05", "2027-12-31", 7500,
                                            "AG-2026-00001", "2027-01-01", 12, "enforce")),
                  produced_by="深圳市示范贸易有限公司")
    values.update(changes)
    return HandoverReport(**values)


def test_handover_report_is_the_leavers_signed_acknowledgement():
    whole = flat(text_of(build_pdf(report())))
    for words in ("Leaver's acknowledgement", "laptop", "WeChat", "authority to act for the firm",
                  "AG-2026-00001", "2027-01-01", "2027-12-31", "(12months)", "¥7,500", "Person leaving (signature)",
                  "For the firm (seal)", "Firm's seal", "Produced by 深圳市示范贸易有限公司 with ChurnGuard"):
        assert flat(words) in whole, words


def test_handover_reminder_says_waived_when_waived_and_nothing_signed_when_nothing_is():
    waived = report(agreements=(AgreementLine("noncompete", "released", "2026-01-05", None, 7500, "AG-2026-00002",
                                              None, 12, "waive"),))
    assert flat("does not require me to perform it") in flat(text_of(build_pdf(waived)))
    none = flat(text_of(build_pdf(report(agreements=()))))
    assert flat("No signed confidentiality or non-compete agreement is on record") in none


@pytest.mark.parametrize("kind, words", [
    ("waiver", ("不要求你履行竞业限制义务", "无须向你支付竞业限制经济补偿", "签收", "（以下无正文）")),
    ("release", ("额外支付你三个月", "22,500", "第三十九条", "签收")),
])
def test_notice_printed_for_the_leaver_to_sign(kind, words):
    notice = notice_text(kind, PARTIES, document_no="AG-2026-00001", agreement_kind="both", signed_on="2026-01-05",
                         last_day="2026-12-31", start="2027-01-01", on="2027-03-10", cost=22500, china=True,
                         language="zh")
    whole = flat(text_of(build_notice_pdf(notice)))
    for word in words:
        assert flat(word) in whole, word
    assert "保密义务不受本通知影响" in whole and "—" not in whole


def test_consent_notice_names_purpose_retention_rights_and_the_gap_rule():
    whole = flat(text_of(build_consent_pdf("深圳市示范贸易有限公司", "深圳市南山区", "张伟", "销售代表", 6, "zh",
                                           "人事部 0755-1234")))
    for words in ("个人信息保护法", "处理目的", "6个月", "删除或者匿名化", "撤回同意", "证明人", "婚育情况",
                  "空档期不计分", "应聘人员（签字）", "（以下无正文）"):
        assert flat(words) in whole, words
    english = text_of(build_consent_pdf("Demo Ltd", "", "Zhang Wei", "Sales", 6, "en"))
    assert "Courtesy translation" in english and "—" not in english
