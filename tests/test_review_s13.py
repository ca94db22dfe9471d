"""Review of session 13: bugs found and fixed (the window's are in tests/ui/test_ui_review_s13.py)."""

from __future__ import annotations

import os
import struct
import sys

import pytest


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals here")
def test_the_text_modes_width_in_tests_is_a_pipes_even_from_a_terminal(monkeypatch):
    """`python -m pytest -n 0 -s` (what README suggests for one test or --pdb, with -s to see its
    output) in a 70-column terminal: the text mode took the terminal's width and
    tests/test_leftovers_s8.py's 100-column replay failed. Tests see a pipe's width (100 columns),
    whatever runs them; tests of the width set $COLUMNS."""
    fcntl = pytest.importorskip("fcntl")
    termios = pytest.importorskip("termios")
    from game.textmode.render import WIDTH, term_width

    master, slave = os.openpty()
    try:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 70, 0, 0))
        with os.fdopen(os.dup(slave), "w") as tty:
            assert tty.isatty()
            monkeypatch.setattr(sys, "__stdout__", tty)
            assert term_width() == WIDTH == 100
            monkeypatch.setenv("COLUMNS", "60")  # a test of the width still sets it
            assert term_width() == 60
    finally:
        os.close(master)
        os.close(slave)


def test_the_suite_runs_in_one_process_without_pytest_xdist(tmp_path):
    """pyproject.toml's addopts name pytest-xdist's options; without the plugin (a venv made before
    it joined the test extra) pytest stopped on them: 'unrecognized arguments'."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "TREATY_TABLE_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider",
                           "tests/test_leftovers_s13.py::test_the_licence_file_is_the_one_pyproject_names"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
