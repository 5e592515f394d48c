"""Everything due today or soon, gathered from each tactic into one list for the start of the day."""
from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from churnguard_gui.core.after_exit import follow_until
from churnguard_gui.core.reminders import Reminder, sort_reminders
from churnguard_gui.core.visits import SOON_DAYS
from churnguard_gui.i18n import ntr, tr
from churnguard_gui.store.after_exit import at_risk
from churnguard_gui.store.contracts import renewals_due
from churnguard_gui.store.incentives import vesting_reminders
from churnguard_gui.store.visits import visit_schedule, visits

VISIT_LIMIT = 200  # the longest overdue first; the Manager visits window lists them all
ROTATION_SIGN_DAYS = 30  # warning signs this recent put the person's clients up for rotation
RENEWAL_LIMIT = 200  # the soonest first; the Contract renewals window lists them all


def reminders(db: Database, today: dt.date | None = None) -> list[Reminder]:
    today = today or dt.date.today()
    items: list[Reminder] = []
    items += _visits(db, today)
    for renewal in renewals_due(db, today, RENEWAL_LIMIT):
        days = (dt.date.fromisoformat(renewal.contract_end) - today).days
        items.append(Reminder("renewal", renewal.contract_end, renewal.name, ntr(
            "contract ends in {n} day ({owner})", "contract ends in {n} days ({owner})", days,
            owner=renewal.owner), renewal.client_id))
    items += _payments(db, today)
    for name, incentive in vesting_reminders(db, today):
        items.append(Reminder("vesting", incentive.vests_on, name, tr(
            "{amount} vests; pay it and talk about the next target", amount=f"{incentive.amount:,}"),
            incentive.staff_id))
    items += _purges(db, today)
    items += _rotations(db, today)
    counts: dict[int, list] = {}
    for client, _reasons in at_risk(db, today):
        if not client.went_with_former:
            counts.setdefault(client.former_staff_id, []).append(client)
    for clients in counts.values():
        first = clients[0]
        items.append(Reminder("follow_up", follow_until(first.last_day), first.former, ntr(
            "{n} former client at risk", "{n} former clients at risk", len(clients)), first.former_staff_id))
    return sort_reminders(items)


def _visits(db: Database, today: dt.date) -> list[Reminder]:
    out = []
    soon = (today + dt.timedelta(days=SOON_DAYS)).isoformat()
    planned = {}
    for visit in visits(db, planned_only=True):
        if visit.planned_on <= soon:
            planned[visit.client_id] = visit
            out.append(Reminder("visit", visit.planned_on, visit.client, tr(
                "planned visit by {manager}", manager=visit.manager or tr("(no manager named)")), visit.client_id))
    for due in visit_schedule(db, today, overdue_only=True, limit=VISIT_LIMIT):
        if due.client_id in planned:
            continue
        detail = tr("never visited by a manager") if not due.last_visit else tr(
            "last manager visit {date}", date=due.last_visit)
        out.append(Reminder("visit", due.due_on if due.last_visit else today.isoformat(), due.name, detail,
                            due.client_id))
    return out


def _payments(db: Database, today: dt.date) -> list[Reminder]:
    from churnguard_gui.store.agreements import obligations

    out = []
    soon = (today + dt.timedelta(days=SOON_DAYS)).isoformat()
    for ob in obligations(db, today):
        for item in ob.installments:
            if item.paid_on is None and item.due_on <= soon:
                out.append(Reminder("payment", item.due_on, ob.staff_name, tr(
                    "{document}, month {number}: {amount}", document=ob.document_no, number=item.number,
                    amount=f"{item.amount:,}"), None))
    return out


def _rotations(db: Database, today: dt.date) -> list[Reminder]:
    """A salesperson with warning signs in the last 30 days who still owns clients: plan a rotation."""
    from churnguard_gui.store.assignment import colleagues, warning_sign_counts

    signs = warning_sign_counts(db, today, days=ROTATION_SIGN_DAYS)
    return [Reminder("rotation", today.isoformat(), person.name, ntr(
        "{n} warning sign recently; owns {clients} clients (¥{value})",
        "{n} warning signs recently; owns {clients} clients (¥{value})", signs[person.staff_id],
        clients=person.clients, value=f"{person.value:,}"), person.staff_id)
        for person in colleagues(db) if signs.get(person.staff_id) and person.clients]


def _purges(db: Database, today: dt.date) -> list[Reminder]:
    """Candidates' data past its retention period, when the store knows how to purge it."""
    from churnguard_gui.store import screenings

    purge = getattr(screenings, "purge_expired", None)
    if purge is None:
        return []
    count = purge(db, today, dry_run=True)
    return [Reminder("purge", today.isoformat(), tr("Screenings"), ntr(
        "{n} candidate's data is past its retention period", "{n} candidates' data is past its retention period",
        count))] if count else []
