"""Check a built wheel: every file under resources/ inside it (as churnguard_gui/_resources/), the version the one
in churnguard_gui/__init__.py, both entry points declared.

Run: python scripts/check_wheel.py dist/churnguard-*.whl
"""
from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def problems(wheel: Path) -> list[str]:
    found: list[str] = []
    version = re.search(r'^__version__ = "([^"]+)"', (ROOT / "churnguard_gui" / "__init__.py").read_text("utf-8"),
                        re.MULTILINE).group(1)
    if not wheel.name.startswith(f"churnguard-{version}-"):
        found.append(f"{wheel.name}: expected version {version}")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next((archive.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt")), "")
    for source in sorted((ROOT / "resources").rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            inside = "churnguard_gui/_resources/" + source.relative_to(ROOT / "resources").as_posix()
            if inside not in names:
                found.append(f"{wheel.name}: {inside} is missing")
    for line in ("churnguard = churnguard_gui.__main__:main", "churnguard-gui = churnguard_gui.__main__:gui"):
        if line not in entry_points:
            found.append(f"{wheel.name}: entry point '{line}' is missing")
    return found


def main(argv: list[str]) -> int:
    found = [problem for wheel in argv for problem in problems(Path(wheel))]
    for problem in found:
        print(problem, file=sys.stderr)
    print(f"check_wheel: {'FAILED' if found else 'every resource file, the version and the entry points are in'} "
          + ", ".join(argv))
    return 1 if found or not argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
