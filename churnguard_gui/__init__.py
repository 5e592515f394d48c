"""ChurnGuard: keep the firm's clients when a salesperson leaves."""
from __future__ import annotations

# The one place the version is written: pyproject.toml ([tool.hatch.version]), the built app and the installers
# read it from here.
__version__ = "0.1.0"
