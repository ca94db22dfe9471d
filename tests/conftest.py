"""Shared test setup: headless SDL, a private data folder, the seed scenario."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402


def _no_xdist(pluginmanager) -> bool:
    return not pluginmanager.hasplugin("xdist")


def pytest_addoption(parser, pluginmanager):
    """pyproject.toml's addopts ask pytest-xdist (of the test extra) for one test process per
    core. Without it (a venv made before it joined the test extra, a packager's plain pytest, or
    `-p no:xdist`) pytest stopped on the unknown options: they are taken here, and the suite runs
    in one process."""
    if _no_xdist(pluginmanager):
        group = parser.getgroup("xdist", "pytest-xdist is not installed: the tests run in one process")
        group.addoption("--numprocesses", action="store", default=None, help="ignored without pytest-xdist")
        group.addoption("--dist", action="store", default="no", help="ignored without pytest-xdist")


def pytest_report_header(config):
    if _no_xdist(config.pluginmanager):
        return "pytest-xdist is not installed: the tests run in one process (pip install '.[test]' adds it)"
    return None


@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))


@pytest.fixture(autouse=True)
def _terminal_width_of_a_pipe(monkeypatch):
    """The text mode wraps to $COLUMNS, else to the terminal's width, else 100 columns. Tests see the
    last (a pipe's), whatever the shell that runs them exports: pytest-xdist sets COLUMNS=80 in its
    workers, and some shells export it. Tests of the width set it themselves. Nor the terminal's own:
    `pytest -n 0 -s` in a terminal lets the tests' output go to it (its width is no pipe's)."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)

    def _not_a_terminal(fd: int = 1):
        raise OSError(25, "Inappropriate ioctl for device")  # what a pipe answers

    monkeypatch.setattr(os, "get_terminal_size", _not_a_terminal)


@pytest.fixture(autouse=True)
def _few_comparison_games(monkeypatch):
    """The text mode's end of game plays 30 AI-only games to compare with (a few seconds on cst-1999);
    tests that play to the end need only that it happens: 2. tests/test_textmode_beside_ai.py checks 30."""
    monkeypatch.setattr("game.textmode.play.AI_RUNS", 2)


@pytest.fixture(scope="session")
def cst():
    from game.scenarios.loader import load_scenario

    return load_scenario("cst-1999")


@pytest.fixture(scope="session")
def game(cst):
    from game.engine import Game

    return Game(cst)


@pytest.fixture(scope="session")
def sc(cst):
    """The seed scenario under the name most test modules use."""
    return cst


@pytest.fixture(scope="session")
def scripted(sc):
    """One scripted, finished cst-1999 game (tests/test_grades.py: scripted_match), shared read-only
    by the grade-sheet, debrief and teacher tests."""
    from test_grades import scripted_match

    return scripted_match(sc)
