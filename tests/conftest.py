"""Shared test setup: headless SDL, a private data folder, the seed scenario."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))


@pytest.fixture(autouse=True)
def _terminal_width_of_a_pipe(monkeypatch):
    """The text mode wraps to $COLUMNS, else to the terminal's width, else 100 columns. Tests see the
    last (a pipe's), whatever the shell that runs them exports: pytest-xdist sets COLUMNS=80 in its
    workers, and some shells export it. Tests of the width set it themselves."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


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
