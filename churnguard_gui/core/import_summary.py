"""What an import did, in words: shared by the headless command and the import dialog."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from churnguard_gui.core.importing import ImportPlan
from churnguard_gui.i18n import ntr, tr


class ImportOutcome(Protocol):
    """store.importer.ImportResult, seen from core (which does not import store)."""

    @property
    def plan(self) -> ImportPlan: ...
    @property
    def written(self) -> int: ...
    @property
    def created_staff(self) -> Sequence[str]: ...
    @property
    def created_team_staff(self) -> Sequence[str]: ...
    @property
    def dry_run(self) -> bool: ...


def import_summary(result: ImportOutcome) -> str:
    """What an import did (or a dry run would do), for the command's output and the import dialog."""
    plan = result.plan
    records = (ntr("{n} client", "{n} clients", result.written) if plan.kind == "clients" else
               ntr("{n} staff member", "{n} staff", result.written))
    lines = [tr("Dry run: {records} would be imported from {file}; nothing was written.", records=records,
                file=plan.file) if result.dry_run else
             tr("Imported {records} from {file}.", records=records, file=plan.file)]
    if plan.refused_rows:
        lines.append(tr("Refused rows (not imported): {rows}", rows=_row_list(plan.refused_rows)))
    if result.created_staff:
        lines.append(tr("New staff records for unknown owners: {names}", names=", ".join(result.created_staff)))
    if result.created_team_staff:
        lines.append(tr("New staff records for unknown backups and managers: {names}",
                        names=", ".join(result.created_team_staff)))
    if plan.unassigned:
        lines.append(tr("Clients without an owner: {count}; they are marked \"needs an owner\" on the client list.",
                        count=plan.unassigned))
    if plan.unmapped:
        lines.append(tr("Columns not imported: {headers}", headers=", ".join(plan.unmapped)))
    if plan.warning_count:
        lines.append(tr("Warnings ({count}): imported, but worth a look:", count=plan.warning_count))
        lines += [f"  {warning}" for warning in plan.warnings]
        if plan.warning_count > len(plan.warnings):
            lines.append("  " + tr("… and {count} more", count=plan.warning_count - len(plan.warnings)))
    return "\n".join(lines)


def _row_list(rows: list[int], shown: int = 50) -> str:
    text = ", ".join(map(str, rows[:shown]))
    return text if len(rows) <= shown else text + " " + tr("… and {count} more", count=len(rows) - shown)
