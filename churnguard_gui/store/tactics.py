"""The tactics' figures for the Risk tab and `risks --json`: one Qt-free function per tactic, and all of them."""
from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from churnguard_gui.store.after_exit import at_risk
from churnguard_gui.store.assignment import single_contact_count, single_threaded_count
from churnguard_gui.store.contracts import renewals_due_count
from churnguard_gui.store.visits import overdue_visit_count, without_firm_contact_count


def visits_figure(db: Database, today: dt.date | None = None,
                  intervals: dict[str, int] | None = None) -> dict[str, int]:
    """Tactic 4: active clients whose manager visit is overdue by their tier's schedule (the Risk tab's "key
    clients overdue for a manager visit": one definition)."""
    count, value = overdue_visit_count(db, today, intervals)
    return {"count": count, "value": value}


def firm_contact_figure(db: Database, today: dt.date | None = None) -> dict[str, int]:
    """Tactic 5: key clients (tier A, B) with no firm-level contact for 12 months."""
    count, value = without_firm_contact_count(db, today)
    return {"count": count, "value": value}


def renewals_figure(db: Database, today: dt.date | None = None) -> dict[str, int]:
    """Tactic 6: active clients whose contract ends within 60 days."""
    count, value = renewals_due_count(db, today)
    return {"count": count, "value": value}


def single_threaded_figure(db: Database, single: tuple[int, int] | None = None) -> dict[str, int]:
    """Tactic 9: active clients with one person of the firm (given when already counted), and with one contact
    person on their side."""
    count, value = single or single_threaded_count(db)
    contacts, contacts_value = single_contact_count(db)
    return {"count": count, "value": value, "one_contact_count": contacts, "one_contact_value": contacts_value}


def former_clients_figure(db: Database, today: dt.date | None = None) -> dict[str, int]:
    """After the exit: former employees' clients at risk (12 months), and those that went with them."""
    risky = at_risk(db, today)
    went = [c for c, _ in risky if c.went_with_former]
    return {"count": len(risky), "value": sum(c.value for c, _ in risky), "went_with_former": len(went),
            "went_with_former_value": sum(c.value for c in went)}


def tactic_figures(db: Database, today: dt.date | None = None, single: tuple[int, int] | None = None,
                   overdue: dict[str, int] | None = None) -> dict[str, dict[str, int]]:
    """Every tactic's figure; single (the single-threaded count and value) and overdue (visits_figure) when the
    caller has computed them already."""
    today = today or dt.date.today()
    return {
        "overdue_visits": overdue or visits_figure(db, today),
        "no_firm_contact_12_months": firm_contact_figure(db, today),
        "renewals_due": renewals_figure(db, today),
        "single_contact": single_threaded_figure(db, single),
        "former_clients_at_risk": former_clients_figure(db, today),
    }
