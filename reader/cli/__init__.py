"""``python -m reader`` / ``pizhu SUBCOMMAND``: :mod:`reader.cli.main` builds the parser; the
other modules each register one feature area's subcommands."""

from __future__ import annotations

import argparse


def worker_count(text: str) -> int:
    """``--jobs N``: a number of worker processes, 0 or more (argparse ``type``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is not a number of processes (0 or more)")
    return value
