"""Rotation (tactic 7) and backups for single-threaded clients (tactic 9): proposals and load previews."""
from __future__ import annotations

from dataclasses import dataclass

DEFAULT_KEEP_SHARE = 50  # rotation leaves the salesperson at most this % of the value they held


@dataclass(frozen=True)
class Colleague:
    staff_id: int
    name: str
    department: str
    clients: int  # clients owned (rotation) or linked as owner or backup (backups)
    value: int


@dataclass(frozen=True)
class HeldClient:
    client_id: int
    code: str
    name: str
    tier: str
    value: int
    backups: tuple[int, ...] = ()  # staff already linked as backup


def _sellers(people: list[Colleague]) -> list[Colleague]:
    """Those who already look after clients (salespeople, not directors or the back office), else everyone."""
    return [p for p in people if p.clients] or people


@dataclass(frozen=True)
class Move:
    client_id: int
    to_id: int


def propose_rotation(held: list[HeldClient], colleagues: list[Colleague], department: str, person_id: int,
                     keep_share: int = DEFAULT_KEEP_SHARE) -> list[Move]:
    """Move the person's largest clients until what they keep is at most keep_share % of what they held.
    Each goes to a colleague already backing it up, else to the colleague of the same department (any
    department when there is none) carrying the least value, counting what this plan already gave them."""
    total = sum(c.value for c in held)
    pool = [c for c in colleagues if c.staff_id != person_id]
    same = _sellers([c for c in pool if c.department == department]) or _sellers(pool)
    if not same or total == 0:
        return []
    load = {c.staff_id: c.value for c in pool}
    names = {c.staff_id: c.name for c in pool}
    kept, moves = total, []
    for client in sorted(held, key=lambda c: (-c.value, c.client_id)):
        if kept * 100 <= total * keep_share:
            break
        target = next((b for b in client.backups if b in load), None)
        if target is None:
            target = min(same, key=lambda c: (load[c.staff_id], names[c.staff_id], c.staff_id)).staff_id
        moves.append(Move(client.client_id, target))
        load[target] += client.value
        kept -= client.value
    return moves


def loads_after(colleagues: list[Colleague], held: list[HeldClient], moves: list[Move], person_id: int
                ) -> list[tuple[Colleague, int, int]]:
    """Each person with (clients, value) after the moves: the load preview."""
    value_of = {c.client_id: c.value for c in held}
    out = []
    for person in colleagues:
        count, value = person.clients, person.value
        for move in moves:
            if move.to_id == person.staff_id:
                count, value = count + 1, value + value_of.get(move.client_id, 0)
            if person.staff_id == person_id and move.client_id in value_of:
                count, value = count - 1, value - value_of[move.client_id]
        out.append((person, count, value))
    return out


@dataclass(frozen=True)
class SingleThreaded:
    """An active client with only its owner linked (and how many contact people the client side has)."""

    client_id: int
    code: str
    name: str
    owner_id: int
    owner: str
    department: str
    value: int
    contacts: int = 1


def propose_backups(clients: list[SingleThreaded], colleagues: list[Colleague]) -> dict[int, int | None]:
    """client id -> proposed backup: the colleague of the owner's department (any department when none)
    linked to the fewest clients, counting what this proposal already gave them; largest clients first."""
    load = {c.staff_id: c.clients for c in colleagues}
    by_dept: dict[str, list[Colleague]] = {}
    for person in colleagues:
        by_dept.setdefault(person.department, []).append(person)
    out: dict[int, int | None] = {}
    for client in sorted(clients, key=lambda c: (-c.value, c.client_id)):
        pool = _sellers([p for p in by_dept.get(client.department, []) if p.staff_id != client.owner_id]) \
            or _sellers([p for p in colleagues if p.staff_id != client.owner_id])
        if not pool:
            out[client.client_id] = None
            continue
        chosen = min(pool, key=lambda p: (load[p.staff_id], p.name, p.staff_id))
        out[client.client_id] = chosen.staff_id
        load[chosen.staff_id] += 1
    return out
