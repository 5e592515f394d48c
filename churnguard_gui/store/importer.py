"""Writing a checked import plan in one transaction, with progress and cancelling."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from churnguard_gui.core.errors import InputError
from churnguard_gui.core.importing import ClientRow, ImportPlan, StaffRow, name_key, plan_import
from churnguard_gui.core.models import Staff, TeamMember
from churnguard_gui.core.tabular import Table, read_table
from churnguard_gui.i18n import tr
from churnguard_gui.store.clients import client_codes, client_name_index, write_client
from churnguard_gui.store.db import audit, writing
from churnguard_gui.store.search import suspended
from churnguard_gui.store.staff import insert_staff, staff_name_index

Progress = Callable[[int, int], bool]  # (done, total) -> go on?


class Cancelled(Exception):
    """The user cancelled; the transaction was rolled back."""


@dataclass
class ImportResult:
    plan: ImportPlan
    written: int = 0
    created_staff: list[str] = field(default_factory=list)
    dry_run: bool = False


def plan_file(db: Database, path: str | Path, kind: str, overrides: dict[str, str | None] | None = None
              ) -> ImportPlan:
    return plan_table(db, read_table(path), kind, overrides)


def plan_table(db: Database, table: Table, kind: str, overrides: dict[str, str | None] | None = None
               ) -> ImportPlan:
    staff_names = set(staff_name_index(db))
    if kind == "clients":
        return plan_import(table, kind, overrides, staff_names, set(client_name_index(db)), client_codes(db))
    return plan_import(table, kind, overrides, staff_names)


def run_import(db: Database, plan: ImportPlan, *, skip_bad: bool = False, dry_run: bool = False,
               progress: Progress | None = None) -> ImportResult:
    """Write the plan. Refused rows stop everything unless skip_bad; dry_run writes nothing."""
    if plan.problems and not skip_bad:
        raise InputError("rows_refused", file=plan.file, details={"count": len(plan.refused_rows)})
    result = ImportResult(plan, dry_run=dry_run)
    if dry_run:
        result.written = len(plan.records)
        result.created_staff = list(plan.new_staff)
        return result
    total = len(plan.records)
    with writing(db), suspended(db):  # the search index is built once for the new clients, at the end
        staff_ids = staff_name_index(db)
        for done, record in enumerate(plan.records, start=1):
            if isinstance(record, ClientRow):
                _write_client_row(db, record, staff_ids, result)
            else:
                _write_staff_row(db, record, staff_ids)
            if progress and (done % 200 == 0 or done == total) and not progress(done, total):
                raise Cancelled()
        if plan.kind == "staff":
            _link_managers(db, plan, staff_ids)
        result.written = total
        audit(db, "import", kind=plan.kind, file=plan.file, rows=total, refused=plan.refused_rows,
              created_staff=result.created_staff)
    return result


def _write_client_row(db: Database, record: ClientRow, staff_ids: dict[str, int], result: ImportResult) -> None:
    client = record.client
    if record.owner_name:
        key = name_key(record.owner_name)
        if key not in staff_ids:
            staff_ids[key] = insert_staff(db, Staff(name=record.owner_name, role=tr("Sales"), status="active"))
            result.created_staff.append(record.owner_name)
        client.team = [TeamMember(staff_ids[key], "owner")]
    write_client(db, client, reason="import")


def _write_staff_row(db: Database, record: StaffRow, staff_ids: dict[str, int]) -> None:
    staff_ids[name_key(record.staff.name)] = insert_staff(db, record.staff)


def _link_managers(db: Database, plan: ImportPlan, staff_ids: dict[str, int]) -> None:
    for record in plan.records:
        if record.manager_name and name_key(record.manager_name) in staff_ids:
            manager = staff_ids[name_key(record.manager_name)]
            me = staff_ids[name_key(record.staff.name)]
            if manager != me:
                db.execute("UPDATE staff SET manager_id = ? WHERE id = ?", [manager, me])
