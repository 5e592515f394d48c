"""Counted phrases used in several places ("1 client, 3 staff members"), each with its plural from the catalogue."""
from __future__ import annotations

from churnguard_gui.i18n import ntr, tr


def firm_size(clients: int, staff: int) -> str:
    """A firm's (or a backup's) size: "{n} clients, {n} staff members", each counted correctly."""
    return tr("{clients}, {staff}", clients=ntr("{n} client", "{n} clients", clients),
              staff=ntr("{n} staff member", "{n} staff members", staff))
