"""Turning what was typed in a form into a record, with a problem per field that cannot be read."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from churnguard_gui.core.errors import FieldProblem
from churnguard_gui.core.models import Client, Contact, Staff
from churnguard_gui.core.validate import validate_client, validate_staff
from churnguard_gui.core.values import clean_text, parse_date, parse_email, parse_money, parse_phone, plain_text

Problems = dict[str, FieldProblem]
T = TypeVar("T")


def _read(values: Mapping[str, object], problems: Problems, field: str, parser: Callable[[object], T]) -> T | None:
    try:
        return parser(values.get(field, ""))
    except FieldProblem as problem:
        problems[field] = problem
        return None


def _optional_money(value: object) -> int | None:
    return parse_money(value) if clean_text(value) else None


def _chosen_id(value: object) -> int | None:
    """The id picked in a list (a combo box's data), None when nothing is picked."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def staff_from_form(values: Mapping[str, object], staff_id: int | None = None) -> tuple[Staff, Problems]:
    """values: text of each field, plus manager_id, status and secret_access as chosen."""
    problems: Problems = {}
    staff = Staff(id=staff_id, name=plain_text(values.get("name")), role=plain_text(values.get("role")),
                  department=plain_text(values.get("department")),
                  phone=_read(values, problems, "phone", parse_phone) or "",
                  email=_read(values, problems, "email", parse_email) or "",
                  hire_date=_read(values, problems, "hire_date", parse_date),
                  status=str(values.get("status") or "active"),
                  notice_date=_read(values, problems, "notice_date", parse_date),
                  last_day=_read(values, problems, "last_day", parse_date),
                  manager_id=_chosen_id(values.get("manager_id")),
                  monthly_wage=_read(values, problems, "monthly_wage", _optional_money),
                  secret_access=bool(values.get("secret_access")),
                  incentive_terms=plain_text(values.get("incentive_terms")),
                  vesting_date=_read(values, problems, "vesting_date", parse_date),
                  notes=str(values.get("notes") or "").strip())
    for field, problem in validate_staff(staff).items():
        problems.setdefault(field, problem)
    return staff, problems


def client_from_form(values: Mapping[str, object], contacts: Sequence[Mapping[str, object]],
                     team: list, client_id: int | None = None) -> tuple[Client, Problems]:
    """values: text of each client field; contacts: one mapping per row; team: TeamMember list."""
    problems: Problems = {}
    client = Client(id=client_id, code=plain_text(values.get("code")) or None, name=plain_text(values.get("name")),
                    industry=plain_text(values.get("industry")), tier=str(values.get("tier") or "") or None,
                    annual_value=_read(values, problems, "annual_value", parse_money) or 0,
                    status=str(values.get("status") or "active"), address=plain_text(values.get("address")),
                    trading_habits=str(values.get("trading_habits") or "").strip(),
                    price_terms=str(values.get("price_terms") or "").strip(),
                    needs=str(values.get("needs") or "").strip(), notes=str(values.get("notes") or "").strip(),
                    contract_start=_read(values, problems, "contract_start", parse_date),
                    contract_end=_read(values, problems, "contract_end", parse_date),
                    last_contact=_read(values, problems, "last_contact", parse_date),
                    last_manager_visit=_read(values, problems, "last_manager_visit", parse_date),
                    team=list(team))
    for index, row in enumerate(contacts):
        sub: Problems = {}
        contact = Contact(name=plain_text(row.get("name")), title=plain_text(row.get("title")),
                          phone=_read(row, sub, "phone", parse_phone) or plain_text(row.get("phone")),
                          email=_read(row, sub, "email", parse_email) or plain_text(row.get("email")),
                          is_primary=bool(row.get("is_primary")))
        problems.update({f"contacts.{index}.{k}": v for k, v in sub.items()})
        client.contacts.append(contact)
    if client.contacts and not any(c.is_primary for c in client.contacts):
        client.contacts[0].is_primary = True
    for field, problem in validate_client(client).items():
        problems.setdefault(field, problem)
    return client, problems
