"""``python -m reader``: the command-line interface."""

import sys

from reader.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
