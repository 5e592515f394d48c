"""Counted phrases used in several places ("1 client, 3 staff"), each with its plural from the catalogue."""
from __future__ import annotations

from churnguard_gui.i18n import ntr, tr


def list_count(kind: str, shown: int, total: int) -> str:
    """What a list's status bar says: "300 clients", "1 staff member", "12 of 300 clients" while searching."""
    count = f"{total:,}"
    if kind == "clients":
        words = ntr("{count} client", "{count} clients", total, count=count)
    elif kind == "staff":
        words = ntr("{count} staff member", "{count} staff", total, count=count)
    elif kind == "agreements":
        words = ntr("{count} agreement", "{count} agreements", total, count=count)
    else:
        words = count
    return tr("{shown} of {total}", shown=f"{shown:,}", total=words) if shown != total else words


def firm_size(clients: int, staff: int) -> str:
    """A firm's (or a backup's) size: "{n} clients, {n} staff", each counted correctly."""
    return tr("{clients}, {staff}", clients=ntr("{n} client", "{n} clients", clients),
              staff=ntr("{n} staff member", "{n} staff", staff))
