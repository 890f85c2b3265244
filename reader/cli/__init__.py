"""``python -m reader`` / ``pizhu SUBCOMMAND``: :mod:`reader.cli.main` builds the parser; the
other modules each register one feature area's subcommands."""
