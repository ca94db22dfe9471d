"""``python -m game``: the same program as the ``treaty-table`` command."""

import sys

from game.cli import main

sys.exit(main())
