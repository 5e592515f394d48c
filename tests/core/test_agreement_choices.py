"""What the agreement screens offer: category guess, kinds offered, scan limit."""
from __future__ import annotations

import pytest

from churnguard_gui.core.agreement_choices import SCAN_LIMIT, check_scan_size, guess_category, offered_kinds
from churnguard_gui.core.errors import InputError
from churnguard_gui.core.legal import CATEGORIES, CHINA, OTHER, Terms, check_terms


@pytest.mark.parametrize(("role", "access", "expected"), [
    ("销售总监", False, "senior_manager"),
    ("区域经理", False, "senior_manager"),
    ("Head of Sales", False, "senior_manager"),
    ("高级工程师", False, "senior_technical"),
    ("Software Developer", True, "senior_technical"),
    ("销售代表", True, "confidential_duty"),
    ("销售代表", False, "other"),
    ("", False, "other"),
])
def test_job_title_suggests_the_legal_category(role, access, expected):
    assert guess_category(role, access) == expected
    assert expected in CATEGORIES


def test_only_confidentiality_is_offered_where_a_noncompete_would_not_bind():
    assert offered_kinds("other", True, CHINA) == ("confidentiality",)
    assert offered_kinds("senior_manager", True, CHINA) == ("confidentiality", "noncompete", "both")
    assert offered_kinds("other", True, OTHER) == ("confidentiality", "noncompete", "both")  # the law only warns


def test_what_is_offered_follows_the_laws_own_checks():
    for law in (CHINA, OTHER):
        for category in CATEGORIES:
            for access in (True, False):
                offered = offered_kinds(category, access, law)
                assert "confidentiality" in offered
                refused = {f.code for f in check_terms(Terms("noncompete", category, access), law)
                           if f.severity == "refuse"} & {"not_eligible", "no_secret_access"}
                assert ("noncompete" in offered) == (not refused), (category, access, law.code)


def test_scan_over_the_limit_is_refused_naming_the_file():
    check_scan_size("signed.pdf", SCAN_LIMIT)
    with pytest.raises(InputError) as info:
        check_scan_size("signed.pdf", SCAN_LIMIT + 1)
    assert str(info.value) == "signed.pdf: larger than 30 MB; scan at a lower resolution"
