"""Expected errors as codes plus where they happened; the wording lives in messages.py."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass
class ChurnError(Exception):
    """An expected error: bad input, a refused change, a file we cannot use."""

    code: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    value: str | None = None
    details: dict[str, object] = dataclasses.field(default_factory=dict)

    def __str__(self) -> str:
        from churnguard_gui.core.messages import describe

        return describe(self)


class InputError(ChurnError):
    """The user's input (a file, a form, an argument) cannot be taken."""


@dataclass
class Cancelled(ChurnError):
    """The user pressed Cancel; whatever was being read or written was abandoned."""

    code: str = "cancelled"


class StoreError(ChurnError):
    """The database refuses: not ours, too new, locked, or a rule would break."""


class FieldProblem(ValueError):
    """A single value cannot be read; code says why."""

    def __init__(self, code: str, **details: object) -> None:
        super().__init__(code)
        self.code = code
        self.details = details

    def at(self, field: str, cls: type[ChurnError] = InputError, **where: object) -> ChurnError:
        """This problem as an error naming the field (and any file, row, column given)."""
        rest = {k: v for k, v in self.details.items() if k != "value"}
        return cls(self.code, field=field, value=str(self.details.get("value", "")), details=rest, **where)
