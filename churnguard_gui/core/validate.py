"""Checks on a record before it is stored; each problem is a field name and an error code."""
from __future__ import annotations

from churnguard_gui.core.errors import FieldProblem
from churnguard_gui.core.fields import CLIENT_STATUSES, STAFF_STATUSES, TEAM_ROLES, TIERS
from churnguard_gui.core.models import Client, Staff
from churnguard_gui.core.values import parse_email, parse_phone

NAME_LIMIT = 200


def validate_staff(staff: Staff) -> dict[str, FieldProblem]:
    problems: dict[str, FieldProblem] = {}
    _required(problems, "name", staff.name)
    _shape(problems, "phone", parse_phone, staff.phone)
    _shape(problems, "email", parse_email, staff.email)
    if staff.status not in STAFF_STATUSES:
        problems["status"] = FieldProblem("bad_choice", value=staff.status, choices=", ".join(STAFF_STATUSES))
    if staff.monthly_wage is not None and staff.monthly_wage < 0:
        problems["monthly_wage"] = FieldProblem("negative_money", value=str(staff.monthly_wage))
    if staff.id is not None and staff.manager_id == staff.id:
        problems["manager"] = FieldProblem("self_manager")
    return problems


def validate_client(client: Client) -> dict[str, FieldProblem]:
    """Field problems of the client itself, of its contacts (contacts.N.field) and of its team."""
    problems: dict[str, FieldProblem] = {}
    _required(problems, "name", client.name)
    if client.tier not in (None, *TIERS):
        problems["tier"] = FieldProblem("bad_choice", value=client.tier, choices=", ".join(TIERS))
    if client.status not in CLIENT_STATUSES:
        problems["status"] = FieldProblem("bad_choice", value=client.status, choices=", ".join(CLIENT_STATUSES))
    if client.annual_value < 0:
        problems["annual_value"] = FieldProblem("negative_money", value=str(client.annual_value))
    for index, contact in enumerate(client.contacts):
        _required(problems, f"contacts.{index}.name", contact.name)
        _shape(problems, f"contacts.{index}.phone", parse_phone, contact.phone)
        _shape(problems, f"contacts.{index}.email", parse_email, contact.email)
    owners = [m for m in client.team if m.role == "owner"]
    if any(m.role not in TEAM_ROLES for m in client.team):
        problems["team"] = FieldProblem("bad_choice", value="role", choices=", ".join(TEAM_ROLES))
    elif len(owners) > 1:
        problems["owner"] = FieldProblem("one_owner")
    elif not owners and client.status == "active":
        problems["owner"] = FieldProblem("no_owner")
    return problems


def _required(problems: dict[str, FieldProblem], field: str, value: str) -> None:
    if not value or not value.strip():
        problems[field] = FieldProblem("required")
    elif len(value) > NAME_LIMIT:
        problems[field] = FieldProblem("too_long", length=len(value), limit=NAME_LIMIT)


def _shape(problems: dict[str, FieldProblem], field: str, parser, value: str) -> None:
    try:
        parser(value)
    except FieldProblem as problem:
        problems[field] = problem
