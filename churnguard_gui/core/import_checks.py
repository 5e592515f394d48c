"""What an import should make the owner look at twice: loose column guesses and clients going to a leaver."""
from __future__ import annotations

from churnguard_gui.core.headers import normalise, split_unit
from churnguard_gui.core.importing import name_key

# Headers that are read as a field only by a stretch: a contract's amount is not a year's value, a generic
# "person in charge" may not be the salesperson. They are mapped, but shown as a guess to confirm.
LOOSE_HEADERS: dict[str, frozenset[str]] = {
    "annual_value": frozenset({"合同金额", "合同额", "金额", "销售额", "amount", "revenue", "sales", "contractvalue",
                               "value"}),
    "owner": frozenset({"负责人", "跟进人", "销售", "rep"}),
    "contract_end": frozenset({"到期", "到期日"}),
}
LEAVING = ("notice", "left")


def is_guess(header: str, field: str | None) -> bool:
    """True when header was mapped to field only by a loose resemblance the owner should confirm."""
    if field is None:
        return False
    return normalise(split_unit(header)[0]) in LOOSE_HEADERS.get(field, frozenset())


def leaving_owners(owner_names: list[str], statuses: dict[str, str]) -> dict[str, tuple[str, int]]:
    """Owners in the file who are on notice or have left: name as written → (status, clients they would get).
    statuses maps a staff name key (core.importing.name_key) to the person's status."""
    found: dict[str, tuple[str, int]] = {}
    for name in owner_names:
        status = statuses.get(name_key(name)) if name else None
        if status in LEAVING:
            found[name] = (status, found.get(name, (status, 0))[1] + 1)
    return found
