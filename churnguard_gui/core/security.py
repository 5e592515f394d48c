"""Rules of the screen lock: idle minutes from the firm's setting (0 = never)."""
from __future__ import annotations

LOCK_SETTING = "lock_minutes"
DEFAULT_LOCK_MINUTES = 10
MAX_LOCK_MINUTES = 240


def lock_minutes(value: str | None) -> int:
    """The stored setting as minutes: missing or unreadable is the default, clamped to 0..MAX."""
    try:
        minutes = int(str(value).strip()) if value not in (None, "") else DEFAULT_LOCK_MINUTES
    except ValueError:
        return DEFAULT_LOCK_MINUTES
    return max(0, min(minutes, MAX_LOCK_MINUTES))
