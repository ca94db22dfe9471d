"""The window and a save whose scenario has changed since: the Load dialog asks whether to play
its moves again on the scenario as it is now, and says so when it has; the title screen says
where to do it when the newest autosave is such a save."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.engine import actions as A
from game.scenarios.loader import load_scenario
from game.session.match import Match
from game.ui.scenes import ConfirmScene, SaveLoadScene
from tests.ui.ui_helpers import click, frames


def _scenario(folder: Path, version: str) -> Path:
    path = folder / "mine.yaml"
    path.write_text(f'extends: tutorial\nid: mine\nversion: "{version}"\n', encoding="utf-8")
    return path


def _autosave_of_a_game(folder: Path) -> tuple[Path, Match]:
    from game.session.store import AutosaveSlots, user_data_dir

    scenario = _scenario(folder, "1.0")
    match = Match(load_scenario(scenario), seed=2, scenario_ref=str(scenario), seats={"corallia": "human"})
    while len(match.actions) < 8:
        match.run_ai(max_steps=8 - len(match.actions))
        if match.to_move == "corallia" and len(match.actions) < 8:
            match.submit(A.Pass("corallia"))
    return AutosaveSlots(user_data_dir() / "autosaves").write(match.to_payload()), match


def test_load_asks_then_plays_the_moves_again_on_the_new_version(build_app, tmp_path):
    from game.ui.scene_table import TableScene

    save, before = _autosave_of_a_game(tmp_path)
    _scenario(tmp_path, "1.1")
    app = build_app()
    app.push(SaveLoadScene(app, "load"))
    frames(app, 2)
    dialog = app.top
    dialog.select(save)
    frames(app, 2)
    click(app, "load:do")
    ask = app.top
    assert isinstance(ask, ConfirmScene) and ask.name == "changed"
    assert "version 1.0" in ask.text and "version 1.1" in ask.text and "scores follow" in ask.text
    frames(app, 2)
    pygame.image.save(app.screen, str(tmp_path / "changed.png"))
    click(app, "changed:cancel")  # Cancel leaves the dialog as it was, with the reason shown
    assert app.top is dialog and "version 1.0" in dialog.error and app.match is None
    click(app, "load:do")
    click(app, "changed:ok")
    assert isinstance(app.top, TableScene)
    assert app.match.actions == before.actions and app.match.scenario.version == "1.1"
    said = " ".join(t.message for t in app.toasts)
    assert "played again on v1.1 (moves 1-8 were made on v1.0)" in said


def test_the_title_says_where_to_play_a_changed_autosave_again(build_app, tmp_path):
    _autosave_of_a_game(tmp_path)
    _scenario(tmp_path, "1.1")
    app = build_app(scenario=None)
    said = " ".join(t.message for t in app.toasts)
    assert "The newest autosave is of an earlier version of its scenario: Load game (L) can play it on the " \
           "current one." in said
    assert "or play its moves again" not in said  # the message's own offer is not said twice
