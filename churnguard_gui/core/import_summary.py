"""What an import did, in words: shared by the headless command and the import dialog."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from churnguard_gui.core.importing import ImportPlan
from churnguard_gui.i18n import tr


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
    plan = result.plan
    kind = tr("clients") if plan.kind == "clients" else tr("staff")
    lines = [tr("Dry run: {count} {kind} would be imported from {file}; nothing was written.",
                count=result.written, kind=kind, file=plan.file) if result.dry_run else
             tr("Imported {count} {kind} from {file}.", count=result.written, kind=kind, file=plan.file)]
    if plan.refused_rows:
        lines.append(tr("Refused rows (not imported): {rows}", rows=", ".join(map(str, plan.refused_rows))))
    if result.created_staff:
        lines.append(tr("New staff records for unknown owners: {names}", names=", ".join(result.created_staff)))
    if result.created_team_staff:
        lines.append(tr("New staff records for unknown backups and managers: {names}",
                        names=", ".join(result.created_team_staff)))
    if plan.unmapped:
        lines.append(tr("Columns not imported: {headers}", headers=", ".join(plan.unmapped)))
    return "\n".join(lines)
