"""Issue 11 in the printed papers: the clauses appear, nothing prints as "—", signatures and seal labels, the
courtesy translation, the chosen governing law, the leaver's acknowledgement, notices and the consent notice."""
from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from churnguard_gui.core.agreements import AgreementDraft, Parties, render
from churnguard_gui.core.handover import AgreementLine, HandoverReport
from churnguard_gui.core.notices import NoticeFacts, notice_text
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
    for words in ("统一社会信用代码：91350100M000100Y43", "身份证件类型及号码：440305199001011234", "通讯地址（送达地址）",
                  "联系电话：13800138000", "履行本职工作", "交还并删除", "微信", "至有关信息为公众所知悉之日止",
                  "竞争业务范围：办公家具的批发与销售", "地域范围：广东省深圳市", "深圳市竞争科技有限公司",
                  "招揽、引诱甲方的客户", "甲方员工离职", "近亲属", "代持", "竞业限制经济补偿", "劳动合同解除或者终止后",
                  "税前", "银行账户", "十日内书面告知", "因甲方原因导致三个月未支付", "不要求其履行竞业限制义务",
                  "额外支付乙方三个月", "返还甲方已经支付的全部竞业限制经济补偿", "按前述二者中的较高者补足", "违约金人民币玖万元整（¥90,000）", "每月人民币柒仟伍佰元整（¥7,500）",
                  "乙方违反本协议第五条约定，或者违反第六条约定为竞争单位招揽甲方客户的", "劳动合同履行地或者甲方所在地",
                  "乙方在工作中积累的一般知识、技能和经验", "独立开发", "有权机关要求",
                  "劳动人事争议仲裁委员会申请仲裁", "人民法院提起诉讼", "（以下无正文）", "甲方（盖章）", "乙方（签字）",
                  "二分之一"):
        assert flat(words) in whole, words
    assert "连续三个月" not in whole and "—" not in whole and "公民身份号码" not in whole


def test_every_noncompete_carries_the_confidentiality_duty():
    whole = flat(agreement(replace(DRAFT, kind="noncompete")))
    assert "竞业限制协议" in whole and "保密义务" in whole and "至有关信息为公众所知悉之日止" in whole


def test_empty_scope_and_missing_details_never_print_a_dash():
    draft = replace(DRAFT, business="", region="", competitors="")
    whole = agreement(draft, Parties("", "吴芳", "", ""))
    assert "—" not in whole and "竞争单位包括" not in whole and "＿＿＿" in whole


def test_english_is_a_marked_courtesy_translation_with_liquidated_damages():
    whole = agreement(replace(DRAFT, language="en"))
    assert "courtesy translation" in whole and "Chinese text is the binding version" in flat(whole).replace(
        "Chinesetextisthebindingversion", "Chinese text is the binding version")
    assert "liquidated damages" in whole.lower() and "penalty" not in whole.lower()
    assert "(No further text below.)" in whole and "Party A (seal)" in whole and "Party B (signature)" in whole
    assert "—" not in whole


@pytest.mark.parametrize("language", ["zh", "en"])
def test_other_jurisdiction_names_the_chosen_law_instead_of_prc_articles(language):
    draft = replace(DRAFT, jurisdiction="other", language=language)
    whole = flat(agreement(draft, replace(PARTIES, governing_law="the laws of Singapore")))
    assert flat("the laws of Singapore") in whole
    assert flat("统一社会信用代码" if language == "zh" else "credit code") in whole  # the firm stays identified
    for prc in ("劳动合同法", "反不正当竞争法", "劳动人事争议仲裁", "中华人民共和国", "LabourContractLaw",
                "People'sRepublicofChina", "arbitrationcommission"):
        assert prc not in whole, prc


def test_confidentiality_only_has_no_noncompete_words():
    whole = flat(agreement(replace(DRAFT, kind="confidentiality", penalty=0, months=0)))
    assert "保密协议" in whole and "竞业限制经济补偿" not in whole and "违约金" not in whole
    assert "交还并删除" in whole and "（以下无正文）" in whole


def test_an_agreement_printed_with_version_2026_1_reprints_as_it_was():
    old = render(DRAFT, PARTIES, "AG-2026-00001", "2026.1")
    assert old.template_version == "2026.1" and "连续三个月" in old.plain()  # signed text is never rewritten
    assert render(DRAFT, PARTIES, "AG-2026-00001").template_version == "2026.3"
    v2 = render(DRAFT, PARTIES, "AG-2026-00001", "2026.2")  # printed 2026.2 texts also reprint unchanged
    assert v2.template_version == "2026.2" and "第1条" in v2.plain() and "按其中较高者支付" in v2.plain()


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
    pages = [flat(p.extract_text()) for p in PdfReader(io.BytesIO(build_pdf(report()))).pages]
    whole = "".join(pages)
    for words in ("Leaver's acknowledgement", "laptop", "WeChat", "authority to act for the firm",
                  "AG-2026-00001", "2027-01-01", "2027-12-31", "(12months)", "¥7,500",
                  "Produced by 深圳市示范贸易有限公司 with ChurnGuard"):
        assert flat(words) in whole, words
    # the English report's signed acknowledgement is the Chinese one, on a page of its own with its signatures;
    # the English translation follows, unsigned
    signed = next(p for p in pages if "离职人员确认书" in p)
    for words in ("本人已交还公司的全部资料", "自2027年1月1日起，本人不再有权代表公司", "公司将书面通知客户",
                  "2027年1月1日至2027年12月31日（12个月）", "每三个月", "本人已阅读本确认书全部内容并收到副本",
                  "离职人员（签字）", "公司（盖章）", "公司盖章处"):
        assert flat(words) in signed, words
    assert "Clientsandsuccessors" not in signed and "Handoverchecklist" not in signed
    translation = pages[pages.index(signed) + 1]
    assert flat("the Chinese text is the one signed") in translation and "(signature)" not in translation


def test_acknowledgement_in_chinese_keeps_itself_together_on_its_own_page():
    from churnguard_gui import i18n

    i18n.set_language("zh")
    try:
        pages = [flat(p.extract_text()) for p in PdfReader(io.BytesIO(build_pdf(report()))).pages]
    finally:
        i18n.set_language("en")
    signed = [p for p in pages if "离职人员确认书" in p]
    assert len(signed) == 1 and "本人已阅读本确认书全部内容并收到副本" in signed[0] and "离职人员（签字）" in signed[0]
    assert "本页" not in "".join(pages) and signed[0] is pages[-1]


def test_amount_owed_after_departure_and_a_waiver_is_not_a_release():
    topped = report(agreements=(AgreementLine("noncompete", "signed", "2026-01-05", "2027-12-31", 8000,
                                              "AG-2026-00001", "2027-01-01", 12, "enforce", None, "shenzhen",
                                              "办公家具", "广东省深圳市"),))
    whole = flat(text_of(build_pdf(topped)))
    assert flat("税前人民币8,000元（系按本人离职前十二个月月平均工资的二分之一确定）") in whole
    assert flat("不在广东省深圳市从事或者经营竞争业务（办公家具）") in whole
    waived = report(agreements=(AgreementLine("noncompete", "released", "2026-01-05", None, 7500, "AG-2026-00002",
                                              None, 12, "waive", "waiver"),))
    whole = flat(text_of(build_pdf(waived)))
    assert flat("non-compete: not required to be performed, by written notice at departure; no compensation owed") \
        in whole
    assert "released" not in whole.lower().replace("releasedbythefirm", "") and "¥7,500" not in whole


def test_handover_reminder_says_waived_when_waived_and_nothing_signed_when_nothing_is():
    waived = report(agreements=(AgreementLine("noncompete", "released", "2026-01-05", None, 7500, "AG-2026-00002",
                                              None, 12, "waive"),))
    assert flat("does not require me to perform it") in flat(text_of(build_pdf(waived)))
    none = flat(text_of(build_pdf(report(agreements=()))))
    assert flat("No signed confidentiality or non-compete agreement is on record") in none


@pytest.mark.parametrize("kind, words", [
    ("waiver", ("不要求你履行竞业限制义务", "无须向你支付竞业限制经济补偿", "签收", "（以下无正文）",
                "本通知于＿＿＿＿年＿＿月＿＿日送达你本人", "2026年12月31日", "第十条", "第三十七条")),
    ("release", ("额外支付你三个月", "人民币贰万肆仟元整（¥24,000）", "每月人民币8,000元（系按你离职前十二个月月平均工资的二分之一确定）",
                 "第三十九条", "签收", "2027年3月10日")),
])
def test_notice_printed_for_the_leaver_to_sign(kind, words):
    facts = NoticeFacts(kind, "AG-2026-00001", "both", "2026-01-05", "2026-12-31", "2027-01-01", "2027-03-10",
                        24000 if kind == "release" else 0, 8000, "1/2", 10)
    notice = notice_text(facts, PARTIES, china=True, language="zh")
    whole = flat(text_of(build_notice_pdf(notice)))
    for word in words:
        assert flat(word) in whole, word
    assert "你依照法律规定及双方其他约定负有的保密义务不受本通知影响" in whole and "—" not in whole
    assert "解除竞业限制协议" not in whole  # the release ends the non-compete, not the whole agreement


def test_notice_in_english_is_the_chinese_notice_with_a_translation_attached():
    facts = NoticeFacts("waiver", "AG-2026-00001", "both", "2026-01-05", "2026-12-31", None, "2026-12-31", 0,
                        delivered_on="2026-12-30")
    pages = [flat(p.extract_text()) for p in PdfReader(io.BytesIO(build_notice_pdf(
        notice_text(facts, PARTIES, china=True, language="zh"),
        notice_text(facts, PARTIES, china=True, language="en")))).pages]
    assert "不要求履行竞业限制义务通知书" in pages[0] and "本通知于2026年12月30日送达你本人" in pages[0]
    english = "".join(pages[1:])
    assert flat("courtesy translation, not for signing") in english and flat("on 2026-12-30") in english
    assert "签收" not in english and flat("(signature)") not in english


def test_consent_notice_names_purpose_retention_rights_and_the_gap_rule():
    whole = flat(text_of(build_consent_pdf("深圳市示范贸易有限公司", "深圳市南山区", "张伟", "销售代表", 6, "zh",
                                           "人事部 0755-1234")))
    for words in ("个人信息保护法", "处理目的", "6个月", "删除或者匿名化", "撤回同意", "证明人", "婚育情况",
                  "空档期不计分", "应聘人员（签字）", "（以下无正文）"):
        assert flat(words) in whole, words
    for words in ("联系人：人事部0755-1234", "风险评估等级", "录用决定由本公司人员作出", "有权要求本公司予以说明",
                  "除第5项经你单独同意的背景核实外，不向第三方提供", "同意的，请在□内打“√”"):
        assert flat(words) in whole, words
    assert "请划去本句" not in whole
    english = text_of(build_consent_pdf("Demo Ltd", "", "Zhang Wei", "Sales", 6, "en"))
    first = english.split("Attachment")[0]
    assert "应聘人员个人信息处理告知及同意书" in first and "应聘人员（签字）" in first  # the Chinese notice is signed
    assert "courtesy translation" in english and "—" not in english
