"""The window ends on SIGTERM, SIGINT and SIGHUP, after an autosave.

SDL turned these signals into a window-close request, and with a game in progress that only
asked "leave the game?": `kill PID`, Ctrl-C in the terminal that started the game, or logging
out left the window running (only SIGKILL ended it). Found by the docs round."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ui_helpers import to_human_turn
from game.session.saves import load_match
from game.session.store import user_data_dir
from game.ui.scenes import ConfirmQuitScene

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name == "nt",
                                reason="POSIX signals")


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_stop_signal_autosaves_and_ends_the_game(build_app, name):
    sig = getattr(signal, name)
    before = signal.getsignal(sig)
    app = build_app(role=["georgia"], seed=5)
    to_human_turn(app)
    moves = len(app.match.actions)
    os.kill(os.getpid(), sig)
    assert app.run(max_frames=5) == 128 + sig
    assert not app.running and not isinstance(app.top, ConfirmQuitScene)  # it did not ask
    saves = sorted((user_data_dir() / "autosaves").glob("autosave-*.json"), key=lambda p: p.stat().st_mtime)
    assert saves and len(load_match(saves[-1]).actions) == moves  # nothing lost
    app.close()
    assert signal.getsignal(sig) == before  # the process's own handler is back


def test_closing_the_window_still_asks(build_app):
    import pygame

    app = build_app(role=["georgia"], seed=5)
    to_human_turn(app)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.step(1 / 60)
    assert isinstance(app.top, ConfirmQuitScene) and app.running


def test_kill_ends_a_real_window_process(tmp_path):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", TREATY_TABLE_HOME=str(tmp_path / "home"),
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    proc = subprocess.Popen([sys.executable, "-m", "game", "play", "--gui", "--role", "georgia", "--seed", "3"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60  # wait for the first autosave: the table is up
        while time.monotonic() < deadline and not list((tmp_path / "home" / "autosaves").glob("*.json")):
            time.sleep(0.2)
        assert list((tmp_path / "home" / "autosaves").glob("*.json")), proc.stderr.read1().decode()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 128 + signal.SIGTERM
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize("bad", ["save", "role"])
def test_a_window_that_cannot_start_gives_the_signal_handlers_back(tmp_path, capsys, bad):
    """A bad save (or role) stopped the window after it had taken SIGTERM, SIGINT and SIGHUP: they
    stayed with the dead window, so a later parallel run in the same process hung on stopping (its
    forked workers noted SIGTERM instead of ending)."""
    from argparse import Namespace

    from game.ui.app import run_app

    save = tmp_path / "bad.json"
    save.write_text('{"kind": "nonsense"}', encoding="utf-8")
    before = {name: signal.getsignal(getattr(signal, name)) for name in ("SIGTERM", "SIGINT", "SIGHUP")}
    args = Namespace(replay=str(save) if bad == "save" else None, load=None, size=None, scenario=None,
                     role=["mars"] if bad == "role" else [], seed=None, difficulty=None, events=None,
                     facilitator=False, autoplay=False, screenshots=None)
    assert run_app(args) in (1, 2)
    assert "error:" in capsys.readouterr().err
    assert {name: signal.getsignal(getattr(signal, name)) for name in before} == before
