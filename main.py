"""ChurnGuard entry point: the app by default, a headless command when one is given."""
from __future__ import annotations

import argparse
import sys


def wants_gui(argv: list[str]) -> bool:
    """The app opens when only --db/--lang (or Qt's own -options) are given; anything else is a command."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db")
    parser.add_argument("--lang")
    _, rest = parser.parse_known_args(argv)
    return not any(not arg.startswith("-") or arg in ("-h", "--help") for arg in rest)


if __name__ == "__main__":
    argv = sys.argv[1:]
    if wants_gui(argv):
        from churnguard_gui.ui.app import run

        sys.exit(run(argv))
    from churnguard_gui.cli import main

    sys.exit(main(argv))
