"""Treaty Table: a turn-based diplomatic negotiation game.

Packages: ``engine`` (pure rules), ``scenarios`` (the data format), ``scoring``,
``ai``, ``session`` (matches, saves, simulation), ``textmode`` (terminal game),
``ui`` (the pygame window, the only package that imports pygame).
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
