"""ChurnGuard entry point in a checkout (and the script the built app starts): the app, or a headless command."""
from __future__ import annotations

import sys

from churnguard_gui.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
