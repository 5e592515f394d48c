"""Everything due, in one list: visits, renewals, compensation payments, vesting dates, purges, follow-ups."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

REMINDER_KINDS = ("visit", "renewal", "payment", "vesting", "purge", "follow_up", "rotation")
REMINDER_LABELS = {
    "visit": "Manager visit",
    "renewal": "Contract renewal",
    "payment": "Non-compete compensation",
    "vesting": "Incentive vesting",
    "purge": "Candidate data to purge",
    "follow_up": "Former employee's clients",
    "rotation": "Warning signs: consider rotation",
}


@dataclass(frozen=True)
class Reminder:
    kind: str
    due_on: str
    subject: str  # a client or a person
    detail: str
    ref_id: int | None = None  # the client or staff record it opens

    def overdue(self, today: dt.date) -> bool:
        return self.due_on < today.isoformat()


def sort_reminders(items: list[Reminder]) -> list[Reminder]:
    """Oldest due first, then by kind and subject."""
    order = {k: i for i, k in enumerate(REMINDER_KINDS)}
    return sorted(items, key=lambda r: (r.due_on, order.get(r.kind, 99), r.subject))


def tray_summary(items: list[Reminder], today: dt.date) -> dict[str, int]:
    """Counts by kind, and how many are overdue: what the tray message says."""
    counts = {kind: 0 for kind in REMINDER_KINDS}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    counts["overdue"] = sum(1 for item in items if item.overdue(today))
    return counts
