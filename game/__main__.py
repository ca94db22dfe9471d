"""``python -m game``: the same program as the ``treaty-table`` command."""

import sys

try:
    from game.cli import main
except KeyboardInterrupt:  # Ctrl-C while the game is still loading: stopped as later, without a traceback
    print("\ninterrupted", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
