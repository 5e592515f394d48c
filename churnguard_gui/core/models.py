"""The records the app keeps: staff, clients, their contacts and their team."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Staff:
    id: int | None = None
    name: str = ""
    role: str = ""
    department: str = ""
    phone: str = ""
    email: str = ""
    hire_date: str | None = None
    status: str = "active"
    notice_date: str | None = None
    last_day: str | None = None
    manager_id: int | None = None
    monthly_wage: int | None = None
    secret_access: bool = False
    incentive_terms: str = ""
    vesting_date: str | None = None
    notes: str = ""


@dataclass
class Contact:
    """A person on the client's side."""

    id: int | None = None
    name: str = ""
    title: str = ""
    phone: str = ""
    email: str = ""
    is_primary: bool = False
    notes: str = ""


@dataclass(frozen=True)
class TeamMember:
    staff_id: int
    role: str  # owner / backup / manager


@dataclass
class Client:
    id: int | None = None
    code: str | None = None
    name: str = ""
    industry: str = ""
    tier: str | None = None
    annual_value: int = 0
    status: str = "active"
    address: str = ""
    trading_habits: str = ""
    price_terms: str = ""
    needs: str = ""
    contract_start: str | None = None
    contract_end: str | None = None
    last_contact: str | None = None
    last_manager_visit: str | None = None
    notes: str = ""
    source: str = ""  # where the client came from (客户来源), as the firm's export says
    needs_owner: bool = False  # imported without an owner: waiting for one, shown on the client list
    contacts: list[Contact] = field(default_factory=list)
    team: list[TeamMember] = field(default_factory=list)

    def owner_id(self) -> int | None:
        return next((m.staff_id for m in self.team if m.role == "owner"), None)


STAFF_COLUMNS = tuple(f for f in Staff.__dataclass_fields__)
CLIENT_COLUMNS = tuple(f for f in Client.__dataclass_fields__ if f not in ("contacts", "team"))
