"""Storage through sqlite-utils: opening, migrations, queries and transactions; no Qt."""
from __future__ import annotations

import sys

# sqlite-utils imports numpy and pandas when they are installed, only to map their scalar types to column types.
# ChurnGuard never stores numpy or pandas values, but numpy is installed (matplotlib needs it for the Risk chart),
# and importing it cost every headless command and every start about 0.15 s of CPU. It is hidden while sqlite-utils
# loads (sqlite-utils then treats it as absent) and visible again afterwards, for matplotlib. When numpy is
# already loaded (the window drew a chart first), nothing is hidden.
_HIDDEN = tuple(name for name in ("numpy", "pandas") if name not in sys.modules)
for _name in _HIDDEN:
    sys.modules[_name] = None  # type: ignore[assignment]  # the import system's "not installed" marker
try:
    import sqlite_utils  # noqa: F401,E402
finally:
    for _name in _HIDDEN:
        if sys.modules.get(_name, 0) is None:
            del sys.modules[_name]
