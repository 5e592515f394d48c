"""The one way to find a file under resources/: the frozen app's folder, the installed package data, the checkout."""
from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

# Where the wheel puts the repository's top-level resources/ folder (pyproject.toml: force-include).
PACKAGE_DATA = "_resources"
# Where the PyInstaller spec (packaging/churnguard.spec) puts it inside the bundle.
FROZEN_DATA = "resources"


def _candidates() -> list[Path]:
    here = Path(__file__).resolve().parent
    found = []
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        found.append(Path(bundle) / FROZEN_DATA)
    found.append(here / PACKAGE_DATA)  # installed from a wheel
    if (here.parent / "pyproject.toml").is_file():
        found.append(here.parent / "resources")  # a checkout (or an editable install of one)
    return found


@cache
def root() -> Path:
    """The resources folder in use."""
    candidates = _candidates()
    for folder in candidates:
        if folder.is_dir():
            return folder
    raise FileNotFoundError("ChurnGuard's resources folder is missing (looked in: "
                            + ", ".join(map(str, candidates)) + "); please reinstall ChurnGuard")


def path(relative: str) -> Path:
    """resources/<relative> ("fonts/wqy-microhei.ttc", "translations/zh"), checked to exist."""
    found = root().joinpath(*relative.split("/"))
    if not found.exists():
        raise FileNotFoundError(f"ChurnGuard's resource {relative} is missing from {root()}; "
                                "please reinstall ChurnGuard")
    return found
