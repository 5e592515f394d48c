"""Incentives (tactic 10): deferred bonuses and long targets with vesting dates, and what a leaver forfeits."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

INCENTIVE_KINDS = ("deferred_bonus", "long_target", "retention", "other")
INCENTIVE_LABELS = {
    "deferred_bonus": "Deferred bonus",
    "long_target": "Long-term target bonus",
    "retention": "Retention bonus",
    "other": "Other incentive",
}
VESTING_SOON_DAYS = 30  # a vesting date this close is a reminder


@dataclass(frozen=True)
class Incentive:
    id: int | None
    staff_id: int
    kind: str
    description: str
    amount: int
    vests_on: str
    granted_on: str | None = None
    paid_on: str | None = None


def forfeited(incentives: list[Incentive], leaving_on: str) -> list[Incentive]:
    """Unpaid incentives vesting after the last day are lost by leaving then (vesting on the last day is kept)."""
    return [i for i in incentives if i.paid_on is None and i.vests_on > leaving_on]


def forfeited_total(incentives: list[Incentive], leaving_on: str) -> int:
    return sum(i.amount for i in forfeited(incentives, leaving_on))


def vesting_soon(incentives: list[Incentive], today: dt.date) -> list[Incentive]:
    """Unpaid incentives vesting from today to 30 days ahead: pay them, and talk to the person."""
    end = (today + dt.timedelta(days=VESTING_SOON_DAYS)).isoformat()
    return [i for i in incentives if i.paid_on is None and today.isoformat() <= i.vests_on <= end]
