"""``python -m reader``: the command-line interface."""

import os
import sys

from reader.cli import main as cli

if __name__ == "__main__":
    code = cli.main()
    if cli.QUICK_EXIT:  # see QUICK_EXIT: the answer is written, nothing is left to finalise
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            pass  # a closed or broken stream: the ordinary exit reports it as before
        else:
            os._exit(code)
    sys.exit(code)
