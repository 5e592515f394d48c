"""Temporary files of exports and reports: removed on failure, and by the next start if a crash left them."""
from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from churnguard_gui.core.private import create_private, private_folder

_folder: Path | None = None


def pending_folder() -> Path:
    """Where each process notes the temporary files it is writing (one small marker file each)."""
    global _folder
    if _folder is None:
        override = os.environ.get("CHURNGUARD_STATE_DIR")
        if override:
            _folder = Path(override) / "pending-temp"
        else:
            from platformdirs import user_state_dir

            _folder = Path(user_state_dir("ChurnGuard", appauthor=False)) / "pending-temp"
    return _folder


def register(tmp: str | Path) -> Path | None:
    """Note tmp as being written by this process; returns the marker (None when it cannot be noted)."""
    folder = pending_folder()
    marker = folder / f"{os.getpid()}-{Path(tmp).name}.txt"
    try:
        private_folder(folder)
        create_private(marker)
        marker.write_text(str(Path(tmp).resolve()), encoding="utf-8")
    except OSError:
        return None  # a read-only home must not stop an export
    return marker


def forget(marker: Path | None) -> None:
    if marker is not None:
        with contextlib.suppress(OSError):
            marker.unlink()


def sweep() -> list[Path]:
    """Remove temporary files whose writer died (kill -9, power cut); returns the files removed."""
    removed: list[Path] = []
    folder = pending_folder()
    if not folder.is_dir():
        return removed
    for marker in folder.glob("*.txt"):
        pid_text = marker.name.split("-", 1)[0]
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            tmp = Path(marker.read_text(encoding="utf-8").strip())
            if tmp.name.startswith(".") and tmp.name.endswith(".tmp") and tmp.exists():
                tmp.unlink()
                removed.append(tmp)
        forget(marker)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - Windows: os.kill(pid, 0) would terminate the process there
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
