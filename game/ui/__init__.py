"""The window (pygame-ce and pygame_gui). Importing this package imports neither: the
command line reads the window's size limits from here without starting the GUI."""

MIN_SIZE = (960, 600)
"""The smallest window the screens lay out (``--size`` and the settings refuse less)."""
MAX_SIZE = (7680, 4320)
"""The largest ``--size`` accepted (8K)."""
