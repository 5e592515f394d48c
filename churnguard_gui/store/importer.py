"""Writing a checked import plan in one transaction, with progress and cancelling."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from churnguard_gui.core.errors import Cancelled, InputError, StoreError
from churnguard_gui.core.headers import normalise
from churnguard_gui.core.importing import (
    ClientRow,
    DictSeen,
    ImportPlan,
    Owners,
    SeenKeys,
    StaffRow,
    check_rows,
    name_key,
    plan_import,
)
from churnguard_gui.core.models import Staff, TeamMember
from churnguard_gui.core.tabular import Table, read_table
from churnguard_gui.i18n import tr
from churnguard_gui.store.bulk import BATCH, BoundedSeen, ClientWriter, bulk_load
from churnguard_gui.store.clients import client_codes, client_name_index, write_client
from churnguard_gui.store.db import audit, writing
from churnguard_gui.store.search import suspended
from churnguard_gui.store.settings import get_setting, set_setting
from churnguard_gui.store.staff import insert_staff, staff_name_index

Progress = Callable[[int, int], bool]  # (done, total) -> go on?

__all__ = ["Cancelled", "ImportResult", "Owners", "RowsRefused", "import_table", "plan_file", "plan_table",
           "remember_mapping", "remembered_mapping", "run_import"]


class RowsRefused(Exception):
    """import_table found rows it cannot import (and was not told to skip them): nothing was written."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(plan.file)
        self.plan = plan


@dataclass
class ImportResult:
    plan: ImportPlan
    written: int = 0
    created_staff: list[str] = field(default_factory=list)  # unknown owners
    created_team_staff: list[str] = field(default_factory=list)  # unknown backups and managers
    dry_run: bool = False


def plan_file(db: Database, path: str | Path, kind: str, overrides: dict[str, str | None] | None = None,
              owners: Owners | None = None, sheet: str | None = None) -> ImportPlan:
    return plan_table(db, read_table(path, sheet=sheet), kind, overrides, owners)


def plan_table(db: Database, table: Table, kind: str, overrides: dict[str, str | None] | None = None,
               owners: Owners | None = None, progress: Progress | None = None) -> ImportPlan:
    staff_names = set(staff_name_index(db))
    if kind == "clients":
        return plan_import(table, kind, overrides, staff_names, set(client_name_index(db)), client_codes(db),
                           owners=owners, progress=progress, seen=lambda: _seen(db, table))
    return plan_import(table, kind, overrides, staff_names, progress=progress)


SEEN_IN_MEMORY = 200_000  # rows: the codes and names met in a file this size fit in a dict (about 20 MB at most)


def _seen(db: Database, table: Table) -> SeenKeys:
    """Where the codes and names met in the file are kept: a dict, or for a bigger file mostly on disk."""
    return DictSeen() if 0 <= table.row_count <= SEEN_IN_MEMORY else BoundedSeen(db)


def _mapping_key(kind: str, headers: list[str]) -> str:
    digest = hashlib.sha256("\x1f".join([kind, *map(normalise, headers)]).encode("utf-8")).hexdigest()
    return f"import_mapping:{digest[:32]}"


def remember_mapping(db: Database, kind: str, headers: list[str], overrides: dict[str, str | None]) -> None:
    """Keep the columns chosen for a file, for the next file with the same headers."""
    set_setting(db, _mapping_key(kind, headers), json.dumps(overrides, ensure_ascii=False))


def remembered_mapping(db: Database, kind: str, headers: list[str]) -> dict[str, str | None] | None:
    """The columns chosen last time for a file with these headers, or None."""
    text = get_setting(db, _mapping_key(kind, headers))
    if not text:
        return None
    try:
        found = json.loads(text)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def run_import(db: Database, plan: ImportPlan, *, skip_bad: bool = False, dry_run: bool = False,
               progress: Progress | None = None, table: Table | None = None,
               overrides: dict[str, str | None] | None = None, owners: Owners | None = None) -> ImportResult:
    """Write the plan. Refused rows stop everything unless skip_bad; dry_run writes nothing.

    Given the table it was made from, the plan is made again inside the write transaction, so what is written
    is what was checked against the database as it is then (not as it was at the check). A verified backup is
    made first."""
    if plan.problems and not skip_bad:
        raise InputError("rows_refused", file=plan.file, details={"count": len(plan.refused_rows)})
    result = ImportResult(plan, dry_run=dry_run)
    if dry_run:
        result.written = plan.total
        has_team = any(c.field in ("backups", "manager") for c in plan.columns)
        owning = {name_key(r.owner_name) for r in plan.all_records() if isinstance(r, ClientRow) and r.owner_name} \
            if has_team else {name_key(n) for n in plan.new_staff}
        result.created_staff = [n for n in plan.new_staff if name_key(n) in owning]
        result.created_team_staff = [n for n in plan.new_staff if name_key(n) not in owning]
        return result
    backup = _backup_before_import(db)
    with writing(db):
        if table is not None and plan.kind == "clients":  # checked again while written, in one pass
            _check_and_write(db, plan, table, overrides, owners, skip_bad, result, progress)
        else:
            if table is not None:  # in the same transaction as the writes: nobody can change the database between
                plan = _plan_again(db, plan, table, overrides, owners, skip_bad)
                result.plan = plan
            with suspended(db):  # the search index is built once for the new clients, at the end
                _write_plan(db, plan, result, progress)
        _audit_import(db, result, backup)
    return result


def import_table(db: Database, table: Table, kind: str, overrides: dict[str, str | None] | None = None,
                 owners: Owners | None = None, *, skip_bad: bool = False, dry_run: bool = False) -> ImportResult:
    """The headless import: a client file is checked while it is written, in one pass and one transaction (a
    refused row, unless skip_bad, rolls everything back: RowsRefused carries the plan with its problems)."""
    if dry_run or kind != "clients":
        plan = plan_table(db, table, kind, overrides, owners)
        if plan.problems and not skip_bad:
            raise RowsRefused(plan)
        return run_import(db, plan, skip_bad=skip_bad, dry_run=dry_run, table=table, overrides=overrides,
                          owners=owners)
    result = ImportResult(ImportPlan(kind, table.file))
    backup = _backup_before_import(db)
    with writing(db):
        _check_and_write(db, None, table, overrides, owners, skip_bad, result, None)
        _audit_import(db, result, backup)
    return result


def _audit_import(db: Database, result: ImportResult, backup: Path | None) -> None:
    plan = result.plan
    audit(db, "import", kind=plan.kind, file=plan.file, rows=result.written, refused=plan.refused_rows,
          created_staff=result.created_staff + result.created_team_staff, unassigned=plan.unassigned,
          backup=str(backup or ""))


def _check_and_write(db: Database, checked: ImportPlan | None, table: Table, overrides: dict[str, str | None] | None,
                     owners: Owners | None, skip_bad: bool, result: ImportResult, progress: Progress | None) -> None:
    """Inside the write transaction: check the client file against the database as it is now and write its good
    rows as they are read, a batch at a time. Rows refused now that the earlier check (checked) let through, or
    any refused row without skip_bad, roll it all back."""
    staff_ids = staff_name_index(db)
    plan, records, replay = check_rows(table, "clients", overrides, set(staff_ids), set(client_name_index(db)),
                                       client_codes(db), owners, None, lambda: _seen(db, table))
    total = checked.total if checked is not None else max(table.row_count, 0)
    written = 0
    with suspended(db) as search, bulk_load(db, total) as direct:  # indexes built once, at the end
        writer = ClientWriter(db, staff_ids, result.created_staff, result.created_team_staff, direct=direct)
        search.new_indexed = direct  # the writer indexes each new client as it writes it
        for written, record in enumerate(records, start=1):
            if plan.problem_count and not skip_bad:
                continue  # refused: only the rest of the problems are still wanted
            writer.add(record)
            if len(writer) >= BATCH:
                writer.flush()
            if progress and (written % 200 == 0 or written == total) and not progress(written, max(total, written)):
                raise Cancelled()
        if not (plan.problem_count and not skip_bad):
            writer.flush()
    plan.record_count, plan._replay = written, replay
    result.plan, result.written = plan, written
    if checked is None:
        if plan.problems and not skip_bad:
            raise RowsRefused(plan)
        return
    newly_refused = set(plan.refused_rows) - set(checked.refused_rows)
    if newly_refused or (plan.problems and not skip_bad):
        raise StoreError("import_changed", file=checked.file, details={"count": len(newly_refused)})


def _write_plan(db: Database, plan: ImportPlan, result: ImportResult, progress: Progress | None) -> None:
    total = plan.total
    staff_ids = staff_name_index(db)
    for done, record in enumerate(plan.all_records(), start=1):
        if isinstance(record, ClientRow):
            _write_client_row(db, record, staff_ids, result)
        else:
            _write_staff_row(db, record, staff_ids)
        if progress and (done % 200 == 0 or done == total) and not progress(done, total):
            raise Cancelled()
    if plan.kind == "staff":
        _link_managers(db, plan, staff_ids)
    result.written = total


def _plan_again(db: Database, checked: ImportPlan, table: Table, overrides: dict[str, str | None] | None,
                owners: Owners | None, skip_bad: bool) -> ImportPlan:
    """The plan as of now, inside the write transaction; refused if rows were refused that the check let through."""
    plan = plan_table(db, table, checked.kind, overrides, owners)
    newly_refused = set(plan.refused_rows) - set(checked.refused_rows)
    if newly_refused or (plan.problems and not skip_bad):
        raise StoreError("import_changed", file=checked.file, details={"count": len(newly_refused)})
    return plan


def _backup_before_import(db: Database) -> Path | None:
    from churnguard_gui.store.backup import backup_before

    return backup_before(db, "before-import")


def _write_client_row(db: Database, record: ClientRow, staff_ids: dict[str, int], result: ImportResult) -> None:
    client = record.client
    team = [("owner", record.owner_name, result.created_staff)] if record.owner_name else []
    team += [("backup", name, result.created_team_staff) for name in record.backup_names]
    if record.manager_name:
        team.append(("manager", record.manager_name, result.created_team_staff))
    client.team = []
    for role, name, created in team:
        key = name_key(name)
        if key not in staff_ids:
            staff_ids[key] = insert_staff(db, Staff(name=name, role=tr("Sales"), status="active"))
            created.append(name)
        client.team.append(TeamMember(staff_ids[key], role))
    write_client(db, client, reason="import")


def _write_staff_row(db: Database, record: StaffRow, staff_ids: dict[str, int]) -> None:
    staff_ids[name_key(record.staff.name)] = insert_staff(db, record.staff)


def _link_managers(db: Database, plan: ImportPlan, staff_ids: dict[str, int]) -> None:
    for record in plan.all_records():
        if record.manager_name and name_key(record.manager_name) in staff_ids:
            manager = staff_ids[name_key(record.manager_name)]
            me = staff_ids[name_key(record.staff.name)]
            if manager != me:
                db.execute("UPDATE staff SET manager_id = ? WHERE id = ?", [manager, me])
