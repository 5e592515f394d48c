"""Import warnings: loose guesses to confirm and clients going to someone who is leaving."""
from __future__ import annotations

from churnguard_gui.core.headers import guess_field
from churnguard_gui.core.import_checks import is_guess, leaving_owners


def test_a_contract_amount_read_as_annual_value_is_a_guess_but_the_annual_value_is_not():
    assert guess_field("合同金额(万元)", "clients") == "annual_value"
    assert is_guess("合同金额(万元)", "annual_value") and is_guess("Amount", "annual_value")
    assert not is_guess("年销售额", "annual_value") and not is_guess("客户名称", "name")
    assert not is_guess("合同金额", None)


def test_owners_on_notice_or_gone_are_named_with_their_client_count():
    statuses = {"孙丽": "notice", "赵敏": "left", "周杰": "active"}
    found = leaving_owners(["孙丽", "周杰", "孙丽", "赵敏", "", "新人"], statuses)
    assert found == {"孙丽": ("notice", 2), "赵敏": ("left", 1)}
