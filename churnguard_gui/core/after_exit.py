"""After the exit: the clients a former employee held, followed for 12 months, and the evidence pack's data."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from churnguard_gui.core.agreements import add_months

FOLLOW_MONTHS = 12
QUIET_DAYS = 60  # no contact with a former client for this long after the exit is a risk
LOSS_REASONS = ("went_with_former", "other")
LOSS_LABELS = {"went_with_former": "Went with the former employee", "other": "Lost for another reason"}
RISK_LABELS = {
    "lost": "lost",
    "went_with_former": "went with the former employee",
    "not_active": "no longer active",
    "no_contact": "no contact since the exit",
    "quiet": "no contact for 60 days",
    "single": "only one person of the firm linked",
}


def follow_until(last_day: str) -> str:
    return add_months(dt.date.fromisoformat(last_day), FOLLOW_MONTHS).isoformat()


def in_window(last_day: str | None, today: dt.date) -> bool:
    """Followed from the last day to 12 months after it (both days included)."""
    if not last_day:
        return False
    return last_day <= today.isoformat() <= follow_until(last_day)

# Audit-log actions a lawyer reads as protection measures and steps of the exit.
MEASURE_LABELS = {
    "agreement_drafted": "Agreement drafted",
    "agreement_printed": "Agreement printed",
    "agreement_signed": "Agreement signed",
    "agreement_released": "Non-compete released or waived",
    "compensation_paid": "Non-compete compensation paid",
    "handover_draft": "Exit handover started",
    "handover": "Clients handed over to successors",
    "report_saved": "Handover report saved",
    "report_printed": "Handover report printed",
    "handover_complete": "Handover completed, checklist done",
    "handover_acknowledgement": "Signed acknowledgement filed",
    "rotation": "Clients rotated",
}


@dataclass(frozen=True)
class FormerClient:
    client_id: int
    code: str
    name: str
    former_staff_id: int
    former: str
    last_day: str
    status: str
    value: int
    owner: str
    last_contact: str
    others_linked: int
    lost_on: str = ""
    went_with_former: bool = False
    value_lost: int = 0


def risk_reasons(client: FormerClient, today: dt.date) -> list[str]:
    """Why a former employee's client is at risk (empty: all well)."""
    reasons = []
    if client.went_with_former:
        reasons.append("went_with_former")
    elif client.status == "lost":
        reasons.append("lost")
    elif client.status != "active":
        reasons.append("not_active")
    if client.status == "active":
        if not client.last_contact or client.last_contact < client.last_day:
            reasons.append("no_contact")
        elif (today - dt.date.fromisoformat(client.last_contact)).days > QUIET_DAYS:
            reasons.append("quiet")
        if client.others_linked == 0:
            reasons.append("single")
    return reasons


@dataclass(frozen=True)
class EvidencePack:
    """What a lawyer needs about one former employee: dates, agreements, the signed acknowledgement, clients."""

    firm: str
    generated_at: str
    staff_name: str
    role: str
    department: str
    hire_date: str
    notice_date: str
    last_day: str
    destination: str
    to_competitor: bool
    handover_no: str
    handed_over_at: str
    agreements: tuple[tuple[str, str, str, str, str], ...]  # document, kind, status, signed on, non-compete end
    acknowledgements: tuple[tuple[str, str, str], ...]  # signed on, file name, sha256
    ack_images: tuple[bytes, ...]
    clients: tuple[FormerClient, ...]
    history: tuple[tuple[str, str, str, str, str], ...]  # date, client, from, to, reason
    contacts: tuple[tuple[str, str, str, str], ...] = field(default_factory=tuple)  # date, client, kind, summary
    measures: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # date, action from the audit log
