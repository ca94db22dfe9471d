"""Watching a saved game again in the window (game/ui/scene_replay.py): stepping, jumping,
whose view, no moves and no saves, the way in from the results and from the command line."""

from __future__ import annotations

import json
import os

import pygame
import pytest

from ui_helpers import click, frames, press
from game.session import facilitator as F
from game.session.match import Match
from game.session.store import user_data_dir


@pytest.fixture(scope="module")
def ai_save(tmp_path_factory, cst):
    """A finished AI-only game with a private move in it, saved to a file."""
    for seed in range(1, 40):
        m = Match(cst, seed=seed)
        m.run_ai()
        if any(e.visible is not None and e.kind == "lobby" for e in m.state.log):
            break
    path = tmp_path_factory.mktemp("replay") / "game.json"
    F.save(m, path)
    return path, m


def _replay(build_app, path, **kw):
    from game.ui.scene_replay import ReplayScene

    app = build_app(record_text=True, replay=str(path), **kw)
    assert isinstance(app.top, ReplayScene)
    return app, app.top


def test_steps_show_the_state_after_each_move(build_app, ai_save):
    path, played = ai_save
    app, r = _replay(build_app, path)
    states = F.states(played)
    assert r.total == len(played.actions) and r.pos == 0 and r.match.state == states[0]
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RIGHT)
    assert r.pos == 2 and r.match.state is r.states[2]
    assert r.match.state.log == states[2].log and len(r.match.actions) == 2
    press(app, pygame.K_LEFT)
    assert r.pos == 1
    press(app, pygame.K_END)
    assert r.pos == r.total and r.match.state.ended
    assert r.match.state.signatures == played.state.signatures
    press(app, pygame.K_HOME)
    assert r.pos == 0
    # the buttons do the same, and the ones that cannot go further are dim and do nothing
    click(app, "replay:next")
    assert r.pos == 1
    click(app, "replay:start")
    click(app, "replay:back")
    assert r.pos == 0
    # the bar: a click on it goes to that move
    click(app, f"replay:bar:{r.total // 2}")
    assert r.pos == r.total // 2


def test_meetings_play_and_the_bar_says_where(build_app, ai_save):
    path, _ = ai_save
    app, r = _replay(build_app, path)
    starts = sorted(set(r.starts.values()))
    assert len(r.starts) == len(app.match.scenario.rounds)
    press(app, pygame.K_RIGHT, mod=pygame.KMOD_SHIFT)
    assert r.pos == starts[1] and r.match.state.round == 1
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_LEFT, mod=pygame.KMOD_SHIFT)  # inside a meeting: back to its start
    assert r.pos == starts[1]
    press(app, pygame.K_LEFT, mod=pygame.KMOD_SHIFT)
    assert r.pos == 0
    assert any(s.startswith("Move 0 of ") for s in app.recorded)
    # play moves on by itself, at the settings' AI speed, and stops at the end
    press(app, pygame.K_SPACE)
    assert r.playing
    for _ in range(400):
        app.step(0.1)
    assert r.pos > 5
    press(app, pygame.K_SPACE)
    assert not r.playing
    at = r.pos
    frames(app, 120)
    assert r.pos == at
    r.seek(r.total - 1)
    r.toggle_play()
    for _ in range(100):
        app.step(0.1)
    assert r.pos == r.total and not r.playing


def test_views_public_and_private(build_app, ai_save):
    path, played = ai_save
    app, r = _replay(build_app, path)
    assert r.view_as is None  # an AI-only game opens in the public view (safe for a projector)
    private = next(n for n, e in enumerate(played.state.log) if e.visible is not None and e.kind == "lobby")
    entry = played.state.log[private]
    # the first state whose log holds that private entry
    n = next(k for k, st in enumerate(r.states) if len(st.log) > private)
    r.seek(n)
    frames(app, 2)
    assert entry.text not in [x.text for x in r.vm.news] and not r.vm.private
    assert "private move" in r.move_text() or entry.text not in r.move_text()
    assert not r.vm.forecast.available and "press W" in r.vm.forecast.message
    lobbyist = played.game.model.actor_ids[entry.actors[0]]
    while r.view_as != lobbyist:
        press(app, pygame.K_w)
    frames(app, 2)
    assert r.vm.viewer == lobbyist and entry.text in [x.text for x in r.vm.private]
    assert r.vm.forecast.available
    assert any(s.startswith("REPLAY - ") and "'s view" in s for s in app.recorded)
    # W cycles back to the public view
    for _ in range(len(r.viewers) - r.viewers.index(lobbyist)):
        press(app, pygame.K_w)
    assert r.view_as is None


def test_no_move_is_made_and_nothing_is_saved(build_app, ai_save):
    path, _ = ai_save
    before = path.read_bytes()
    app, r = _replay(build_app, path)
    r.seek(3)
    n = len(r.match.actions)
    for key in (pygame.K_t, pygame.K_p, pygame.K_e, pygame.K_s, pygame.K_l):
        press(app, key)
    r.act("pass")
    assert len(r.match.actions) == n and r.refused
    frames(app, 2)
    assert any("This is a replay" in s for s in app.recorded)
    r.seek(r.total)
    frames(app, 5)
    assert path.read_bytes() == before
    autos = user_data_dir() / "autosaves"
    assert not autos.exists() or not any(autos.iterdir())
    # a name card's profile is the delegation as it stood then (not at the end of the game)
    r.seek(0)
    frames(app)
    r.open_profile("georgia")
    frames(app)
    assert app.top.vm is not None and app.top.table is r
    press(app, pygame.K_ESCAPE)


def test_an_unfinished_save_is_watched_not_resumed(build_app, cst, tmp_path):
    m = Match(cst, seed=5, seats={"georgia": "human"})
    m.run_ai()
    m.submit(__import__("game.engine.actions", fromlist=["Pass"]).Pass("georgia"))
    m.run_ai()
    path = tmp_path / "half.json"
    F.save(m, path)
    app, r = _replay(build_app, path)
    assert r.view_as == "georgia"  # one human delegation: its own game, in its own view
    assert app.match_read_only
    press(app, pygame.K_END)
    assert r.pos == len(m.actions) and not r.match.over
    # the menu offers no "Save game", quitting asks nothing, leaving autosaves nothing
    press(app, pygame.K_ESCAPE)
    from game.ui.scenes import TitleScene

    assert isinstance(app.top, TitleScene) and app.match is None and not app.match_read_only
    autos = user_data_dir() / "autosaves"
    assert not autos.exists() or not any(autos.iterdir())


def test_from_the_results_and_back(build_app, ai_save):
    from game.ui.scene_replay import ReplayScene
    from game.ui.scene_results import ResultsScene

    path, _ = ai_save
    app = build_app(record_text=True, load=str(path))
    for _ in range(200):
        if isinstance(app.top, ResultsScene):
            break
        frames(app)
    assert isinstance(app.top, ResultsScene)
    click(app, "results:replay")
    assert isinstance(app.top, ReplayScene) and app.top.pos == 0
    press(app, pygame.K_END)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, ResultsScene) and app.match.over
    press(app, pygame.K_r)
    assert isinstance(app.top, ReplayScene)
    # opened again, it is where it was left (a presenter's remote sends Esc from its stop button: it
    # started again at the first move); Home goes to the start
    assert app.top.pos == app.top.total > 0
    press(app, pygame.K_HOME)
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_r)
    assert isinstance(app.top, ReplayScene) and app.top.pos == 1


def test_cli_replay_window(tmp_path, ai_save, capsys, monkeypatch):
    from game.cli import main

    path, _ = ai_save
    calls = []

    def fake_run(args):
        calls.append(args)
        return 0

    monkeypatch.setattr("game.ui.app.run_app", fake_run)
    assert main(["replay", str(path), "--window", "--size", "1280x720"]) == 0
    assert calls and calls[0].replay == str(path) and calls[0].size == "1280x720"
    assert main(["replay", str(path), "--size", "1280x720"]) == 2
    assert "--size only works with --window" in capsys.readouterr().err
    assert main(["replay", str(path), "--window", "--private"]) == 2
    monkeypatch.setenv("SDL_VIDEODRIVER", "x11")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    if os.sys.platform.startswith("linux"):
        assert main(["replay", str(path), "--window"]) == 1
        assert "no display" in capsys.readouterr().err


def test_cli_replay_window_bad_save_is_reported(tmp_path, capsys):
    from game.ui.app import run_app
    from argparse import Namespace

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"kind": "nonsense"}))
    code = run_app(Namespace(replay=str(bad), load=None, size=None, scenario=None, role=[], seed=None,
                             difficulty=None, events=None, facilitator=False, autoplay=False, screenshots=None))
    assert code == 1
    err = capsys.readouterr().err
    assert "error:" in err and "Traceback" not in err


def test_a_game_saved_before_its_first_move(build_app, cst, tmp_path):
    path = tmp_path / "new.json"
    F.save(Match(cst, seed=2, seats={"georgia": "human"}), path)
    app, r = _replay(build_app, path)
    assert r.total == 0 and r.move_text().startswith("The start")
    for key in (pygame.K_RIGHT, pygame.K_END, pygame.K_SPACE, pygame.K_w):
        press(app, key)
    assert r.pos == 0 and not r.playing

