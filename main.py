"""ChurnGuard entry point: the app by default, a headless command when one is given."""
from __future__ import annotations

import sys

from churnguard_gui.cli import COMMANDS


def wants_gui(argv: list[str]) -> bool:
    return not any(arg in COMMANDS or arg in ("-h", "--help") for arg in argv)


if __name__ == "__main__":
    argv = sys.argv[1:]
    if wants_gui(argv):
        from churnguard_gui.ui.app import run

        sys.exit(run(argv))
    from churnguard_gui.cli import main

    sys.exit(main(argv))
