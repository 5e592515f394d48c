"""Reading the client team a firm keeps in Excel: several backup names in one cell, one manager."""
from __future__ import annotations

import re

from churnguard_gui.core.values import clean_text

# 、 and the ASCII separators; full-width ，；／ become , ; / when the cell is cleaned (NFKC).
_SEPARATORS = re.compile(r"[、,;/\n|]+")


def split_names(value: object) -> tuple[str, ...]:
    """'周杰、吴芳, 郑浩；孙丽/马超' -> the names in order, each once (spaces inside a name kept)."""
    names: list[str] = []
    seen: set[str] = set()
    for part in _SEPARATORS.split(clean_text(value)):
        name = " ".join(part.split())
        if name and name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return tuple(names)


def team_names(owner: str, backups: tuple[str, ...], manager: tuple[str, ...], key) -> tuple[tuple[str, ...], str]:
    """The backups (without the owner) and the manager (not the owner), compared by name key."""
    mine = key(owner) if owner else None
    kept = tuple(b for b in backups if key(b) != mine)
    boss = manager[0] if manager and key(manager[0]) != mine else ""
    return kept, boss
