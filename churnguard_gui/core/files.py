"""Writing files so the target is either the old file or the complete new one."""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from churnguard_gui.core import tempfiles
from churnguard_gui.core.errors import InputError


@contextlib.contextmanager
def atomic_write(target: str | Path, mode: str = "wb", **kwargs) -> Iterator[IO]:
    """Yield a temporary file beside target; on success it is synced and renamed over target."""
    target = Path(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as exc:
        raise InputError("write_failed", file=str(target), details={"reason": exc.strerror or str(exc)}) from None
    marker = tempfiles.register(tmp)  # a crash mid-write leaves tmp: the next start removes it
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        code = "disk_full" if exc.errno == 28 else "write_failed"
        raise InputError(code, file=str(target), details={"reason": exc.strerror or str(exc)}) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        tempfiles.forget(marker)
