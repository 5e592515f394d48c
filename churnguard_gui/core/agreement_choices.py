"""What the agreement screens offer: the position guessed from a job title, the kinds offered, the scan limit."""
from __future__ import annotations

from churnguard_gui.core.agreements import KINDS
from churnguard_gui.core.errors import InputError
from churnguard_gui.core.legal import Jurisdiction, Terms, check_terms

# Words in a job title that suggest the law's category (Chinese and English, lower case).
SENIOR_MANAGER_WORDS = ("总", "director", "head", "chief", "manager", "经理")
SENIOR_TECHNICAL_WORDS = ("技术", "工程师", "engineer", "technical", "developer")
PERSON_CHECKS = ("not_eligible", "no_secret_access")  # legal findings about the person, not about the terms
SCAN_LIMIT = 30 * 1024 * 1024  # bytes: a signed copy scanned at a sensible resolution is far smaller


def guess_category(role: str, secret_access: bool) -> str:
    """The position for the law (legal.CATEGORIES) a job title suggests; the user can change it."""
    text = role.lower()
    if any(word in text for word in SENIOR_MANAGER_WORDS):
        return "senior_manager"
    if any(word in text for word in SENIOR_TECHNICAL_WORDS):
        return "senior_technical"
    return "confidential_duty" if secret_access else "other"


def offered_kinds(category: str, secret_access: bool, law: Jurisdiction) -> tuple[str, ...]:
    """Kinds of agreement offered: those the law's own checks would not refuse because of who the person is
    (their position, their access to secrets); the terms are checked later, on the terms page."""
    def refused(kind: str) -> bool:
        return any(f.severity == "refuse" and f.code in PERSON_CHECKS
                   for f in check_terms(Terms(kind, category, secret_access), law))

    return tuple(kind for kind in KINDS if not refused(kind))


def check_scan_size(file_name: str, size: int) -> None:
    """Refuse a scanned signed copy over SCAN_LIMIT (it is kept inside the database)."""
    if size > SCAN_LIMIT:
        raise InputError("scan_too_large", file=file_name, details={"limit": SCAN_LIMIT // (1024 * 1024)})
