"""Contracts and renewals (tactic 6): reminders 60 and 30 days ahead, and the flag in a handover."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

REMINDER_DAYS = (60, 30)  # the first reminder 60 days before the end, the second 30 days before
NEAR_LAST_DAY_DAYS = 90  # a contract ending this close to its owner's last day (either side) is flagged


def days_left(contract_end: str, today: dt.date) -> int:
    return (dt.date.fromisoformat(contract_end) - today).days


def renewal_stage(contract_end: str | None, today: dt.date) -> int | None:
    """30 within 30 days of the end (and up to the end day), 60 within 60 days, else None; an ended contract
    is None (the client list shows it as ended)."""
    if not contract_end:
        return None
    left = days_left(contract_end, today)
    if left < 0:
        return None
    for stage in sorted(REMINDER_DAYS):
        if left <= stage:
            return stage
    return None


def renewal_window(today: dt.date) -> tuple[str, str]:
    """Contract ends from today to 60 days ahead are due for renewal (for SQL)."""
    return today.isoformat(), (today + dt.timedelta(days=max(REMINDER_DAYS))).isoformat()


def ends_near_last_day(contract_end: str | None, last_day: str | None) -> bool:
    """True when the contract ends within 90 days before or after the owner's last day: the renewal falls
    to someone new, or is negotiated by someone on the way out."""
    if not contract_end or not last_day:
        return False
    gap = abs((dt.date.fromisoformat(contract_end) - dt.date.fromisoformat(last_day)).days)
    return gap <= NEAR_LAST_DAY_DAYS


@dataclass(frozen=True)
class Renewal:
    client_id: int
    code: str
    name: str
    owner: str
    contract_start: str
    contract_end: str
    value: int

    def stage(self, today: dt.date) -> int | None:
        return renewal_stage(self.contract_end, today)
