"""What the agreement screens offer: the position guessed from a job title, the kinds offered, the scan limit."""
from __future__ import annotations

from churnguard_gui.core.agreements import KINDS
from churnguard_gui.core.errors import InputError
from churnguard_gui.core.legal import Jurisdiction, noncompete_eligible

# Words in a job title that suggest the law's category (Chinese and English, lower case).
SENIOR_MANAGER_WORDS = ("总", "director", "head", "chief", "manager", "经理")
SENIOR_TECHNICAL_WORDS = ("技术", "工程师", "engineer", "technical", "developer")
SCAN_LIMIT = 30 * 1024 * 1024  # bytes: a signed copy scanned at a sensible resolution is far smaller


def guess_category(role: str, secret_access: bool) -> str:
    """The position for the law (legal.CATEGORIES) a job title suggests; the user can change it."""
    text = role.lower()
    if any(word in text for word in SENIOR_MANAGER_WORDS):
        return "senior_manager"
    if any(word in text for word in SENIOR_TECHNICAL_WORDS):
        return "senior_technical"
    return "confidential_duty" if secret_access else "other"


def offered_kinds(category: str, law: Jurisdiction) -> tuple[str, ...]:
    """Kinds of agreement offered: a non-compete only where it would bind, unless the law only warns."""
    if noncompete_eligible(category) or not law.binding:
        return KINDS
    return ("confidentiality",)


def check_scan_size(file_name: str, size: int) -> None:
    """Refuse a scanned signed copy over SCAN_LIMIT (it is kept inside the database)."""
    if size > SCAN_LIMIT:
        raise InputError("scan_too_large", file=file_name, details={"limit": SCAN_LIMIT // (1024 * 1024)})
