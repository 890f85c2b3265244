"""The ``pizhu`` console script: no arguments (or only GUI options) opens the app; a subcommand
runs the command-line interface.  Imports no Qt until the GUI is chosen."""

from __future__ import annotations

import sys
from collections.abc import Sequence

GUI_OPTIONS = {"--screenshot", "--no-seed", "--seeds", "--db", "-h", "--help", "--platform", "--size",
               "--theme", "--view", "--lang", "--demo"}
VALUED = {"--screenshot", "--seeds", "--db", "--platform", "--size", "--theme", "--view", "--lang"}


def _wants_cli(argv: Sequence[str]) -> bool:
    """The first word that is not an option (nor an option's value) names a subcommand."""
    from reader.cli.main import build_parser

    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    args = iter(argv)
    for arg in args:
        if arg.startswith("-"):
            if arg in VALUED:
                next(args, None)  # its value (e.g. --view stats) is not a command
            continue
        return arg in commands
    return False


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if _wants_cli(args):
        from reader.cli.main import main as cli_main

        return cli_main(args)
    from ui.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
