"""Starting ChurnGuard: the app when no command is given, else the headless command (python -m churnguard_gui)."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def wants_gui(argv: Sequence[str]) -> bool:
    """The app opens when only --db/--lang (or Qt's own -options) are given; anything else is a command."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db")
    parser.add_argument("--lang")
    _, rest = parser.parse_known_args(list(argv))
    return not any(not arg.startswith("-") or arg in ("-h", "--help", "--version") for arg in rest)


def gui(argv: Sequence[str] | None = None) -> int:
    """Open the app (the `churnguard-gui` entry, which on Windows opens no console window)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        from churnguard_gui.ui.app import run
    except ImportError as error:  # Qt or a system library it needs is missing: say so, no traceback
        from churnguard_gui.i18n import set_language, system_language, tr

        set_language(system_language())
        if sys.stderr is not None:  # None in a windowed program
            print(tr("ChurnGuard cannot open its window: {error}", error=error), file=sys.stderr)
            print(tr("The commands without a window still work: churnguard --help"), file=sys.stderr)
        return 1
    return run(argv)


def _utf8_output() -> None:
    """Chinese messages must print even where the console or a pipe uses a code page without them (an English
    Windows writing into a file, a C locale): such streams switch to UTF-8, as the built app does (UTF-8 mode)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "数据库".encode(stream.encoding or "ascii")
        except (UnicodeEncodeError, LookupError):
            stream.reconfigure(encoding="utf-8")
        except AttributeError:  # None in a windowed program, or a replaced stream
            pass


def main(argv: Sequence[str] | None = None) -> int:
    """The `churnguard` command: the app with no command, else the headless command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_output()
    if wants_gui(argv):
        return gui(argv)
    from churnguard_gui.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
