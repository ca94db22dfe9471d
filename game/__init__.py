"""Treaty Table: a turn-based diplomatic negotiation game.

Packages: ``engine`` (pure rules), ``scenarios`` (the data format), ``scoring``,
``ai``, ``session`` (matches, saves, simulation), ``textmode`` (terminal game),
``ui`` (the pygame window, the only package that imports pygame).
"""

import os as _os

# The engine's arrays are small (tens of rows): BLAS threads only spin and fight over
# the cores (on 2 cores a 60x193 product took 4.9 ms with two threads, 0.19 ms with
# one; a 193-actor game 101 s against 6.7 s). One thread unless the user says otherwise;
# this must happen before numpy is first imported.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")

__version__ = "0.1.0"
__all__ = ["__version__"]
