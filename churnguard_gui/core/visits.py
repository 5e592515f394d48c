"""Manager visits to key clients (tactic 4) and firm-level contact (tactic 5): schedules and overdue rules."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from churnguard_gui.core.agreements import add_months

# How often a manager visits a client of each tier, in days; 0 means no scheduled visits.
DEFAULT_VISIT_DAYS: dict[str, int] = {"A": 91, "B": 182, "C": 0}  # A each quarter, B each half-year
FIRM_CONTACT_MONTHS = 12  # a client without a greeting, letter or gift from the firm for longer is flagged
SOON_DAYS = 7  # a planned visit within this many days is a reminder
FIRM_CONTACT_KINDS = ("greeting", "letter", "gift", "call", "visit", "other")
FIRM_CONTACT_LABELS = {
    "greeting": "Greeting (festival, birthday)",
    "letter": "Letter from the owner",
    "gift": "Gift",
    "call": "Call from the owner",
    "visit": "Visit by the owner",
    "other": "Other firm-level contact",
}


def visit_days_from_json(text: str | None) -> dict[str, int]:
    """Stored intervals by tier; anything unreadable falls back to the default."""
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        data = {}
    out = dict(DEFAULT_VISIT_DAYS)
    if isinstance(data, dict):
        for tier in out:
            value = data.get(tier)
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 3650:
                out[tier] = value
    return out


def next_visit_due(tier: str | None, last_visit: str | None, intervals: dict[str, int],
                   since: str | None = None) -> str | None:
    """When the next manager visit is due: last visit + the tier's interval; never visited means due at once
    (since = the day the client came, or None for 'already due'). None when the tier has no schedule."""
    days = intervals.get(tier or "", 0)
    if not days:
        return None
    if last_visit:
        return (dt.date.fromisoformat(last_visit) + dt.timedelta(days=days)).isoformat()
    return since or "0001-01-01"


def is_overdue(tier: str | None, last_visit: str | None, today: dt.date, intervals: dict[str, int]) -> bool:
    """Overdue once the due day has passed (a visit due today is not overdue yet)."""
    due = next_visit_due(tier, last_visit, intervals)
    return due is not None and due < today.isoformat()


def overdue_cutoffs(today: dt.date, intervals: dict[str, int]) -> dict[str, str]:
    """tier -> the last-visit date before which a client of that tier is overdue (for SQL)."""
    return {tier: (today - dt.timedelta(days=days)).isoformat() for tier, days in intervals.items() if days}


def firm_contact_cutoff(today: dt.date) -> str:
    """A client whose last firm-level contact is before this day is flagged (exactly 12 months ago is not)."""
    return add_months(today, -FIRM_CONTACT_MONTHS).isoformat()


def needs_firm_contact(last_firm_contact: str | None, today: dt.date) -> bool:
    return last_firm_contact is None or last_firm_contact < firm_contact_cutoff(today)


@dataclass(frozen=True)
class VisitDue:
    """A key client and its manager-visit schedule."""

    client_id: int
    code: str
    name: str
    tier: str
    owner: str
    manager: str
    last_visit: str
    due_on: str
    planned_on: str
    value: int

    def overdue_days(self, today: dt.date) -> int:
        if not self.due_on or self.due_on >= today.isoformat():
            return 0
        if self.due_on == "0001-01-01":
            return -1  # never visited
        return (today - dt.date.fromisoformat(self.due_on)).days


@dataclass(frozen=True)
class Visit:
    id: int
    client_id: int
    client: str
    planned_on: str
    visited_on: str
    manager_id: int | None
    manager: str
    notes: str
    from_handover: bool = False


@dataclass(frozen=True)
class FirmContact:
    id: int
    client_id: int
    client: str
    kind: str
    happened_on: str
    from_whom: str
    to_person: str
    notes: str
