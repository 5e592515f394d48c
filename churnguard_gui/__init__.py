"""ChurnGuard: keep the firm's clients when a salesperson leaves."""
from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
