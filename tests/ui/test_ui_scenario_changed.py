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
    """The scenario file 'mine' at ``version``; every version after 1.0 also changes a rule (a change
    to its words alone loads without asking: tests/test_wording_change.py)."""
    rule = "" if version == "1.0" else f"settings:\n  breach_penalty: {0.1 + int(version.replace('.', '')) / 1000}\n"
    path = folder / "mine.yaml"
    path.write_text(f'extends: tutorial\nid: mine\nversion: "{version}"\n{rule}', encoding="utf-8")
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


def _load_in_dialog(app, save: Path) -> SaveLoadScene:
    """Open Load game, choose ``save`` and press Load; the dialog."""
    app.push(SaveLoadScene(app, "load"))
    frames(app, 2)
    dialog = app.top
    dialog.select(save)
    frames(app, 2)
    click(app, "load:do")
    return dialog


def test_load_asks_then_plays_the_moves_again_on_the_new_version(build_app, tmp_path):
    from game.ui.scene_table import TableScene

    save, before = _autosave_of_a_game(tmp_path)
    _scenario(tmp_path, "1.1")
    app = build_app()
    dialog = _load_in_dialog(app, save)
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


def test_the_window_started_on_a_changed_save_says_it_was_played_again(build_app, tmp_path):
    """play --load SAVE --current-scenario and replay SAVE --window --current-scenario opened the game on
    the new version without a word (the Load dialog and the text mode say so): its events and scores
    now follow the current version."""
    save, before = _autosave_of_a_game(tmp_path)
    _scenario(tmp_path, "1.1")
    note = "played again on v1.1 (moves 1-8 were made on v1.0)"
    app = build_app(scenario=None, load=str(save), current_scenario=True)
    assert app.match.actions[:8] == before.actions
    assert f"Loaded {save.name}; {note}" in " ".join(t.message for t in app.toasts)
    watch = build_app(scenario=None, replay=str(save), current_scenario=True)
    assert watch.top.name == "replay"
    assert f"Replaying {save.name}; {note}" in " ".join(t.message for t in watch.toasts)
    frames(watch, 2)
    pygame.image.save(watch.screen, str(tmp_path / "replay.png"))


def test_a_refused_replay_in_the_load_dialog_puts_the_way_on_first(build_app, tmp_path):
    """The dialog shows three lines of its message: a save whose moves the new version refuses said
    'cannot be opened: the save was played on scenario ... refused on replay: it is' and stopped
    there, before the reason's end and the way on (restore the earlier version)."""
    from game.ui import draw as D

    save, _ = _autosave_of_a_game(tmp_path)
    (tmp_path / "mine.yaml").write_text('extends: tutorial\nid: mine\nversion: "2.0"\nsettings:\n  '
                                        'action_points: 2\n  min_signatures: 2\n', encoding="utf-8")
    app = build_app(scenario=None, size="1024x600")
    app.settings.font_scale = "large"
    app.rescale(rebuild_gui=True)
    dialog = _load_in_dialog(app, save)
    click(app, "changed:ok")
    assert app.top is dialog and app.match is None
    assert dialog.error.startswith(f"This save ({save.name}) cannot be played on version 2.0 of its scenario "
                                   "(restore version 1.0 to open it): ")
    assert "refused on replay" in dialog.error
    width = dialog.list_rect.width
    assert len(D.wrap(app.fonts.get("body", True), dialog.error, width)) <= 3  # shown whole at 1024x600, large


def test_the_facilitators_way_on_keeps_the_facilitator_option(tmp_path, capsys):
    """play --load SAVE --facilitator on a changed save offered 'treaty-table play --load SAVE
    --current-scenario', which opens it at the table, not in the teacher's console."""
    from argparse import Namespace

    from game.ui.app import run_app

    save, _ = _autosave_of_a_game(tmp_path)
    _scenario(tmp_path, "1.1")
    code = run_app(Namespace(replay=None, load=str(save), size=None, scenario=None, role=[], seed=None,
                             difficulty=None, events=None, facilitator=True, autoplay=False, screenshots=None))
    assert code == 1
    assert f"treaty-table play --facilitator --load {save} --current-scenario" in capsys.readouterr().err


def test_the_titles_word_on_a_changed_autosave_is_readable_at_1024x600_with_large_text(build_app, tmp_path):
    """With an interrupted game to resume as well, neither place for a message on the title screen
    holds a line of large text at 1024x600: the box was drawn lower than its line, cutting it."""
    import json

    from game.session.store import AutosaveSlots, user_data_dir

    other = Match(load_scenario("tutorial"), seed=4, scenario_ref="tutorial", seats={"corallia": "human"})
    other.run_ai(max_steps=3)
    AutosaveSlots(user_data_dir() / "autosaves").write(other.to_payload())  # resumes: the title offers it
    _autosave_of_a_game(tmp_path)  # the newest, then its scenario changes
    _scenario(tmp_path, "1.1")
    (user_data_dir() / "settings.json").write_text(json.dumps({"width": 1024, "height": 600,
                                                               "font_scale": "large"}), encoding="utf-8")
    app = build_app(scenario=None, size="1024x600")
    assert app.top.resume_info is not None and app.settings.font_scale == "large"
    frames(app, 2)
    toast = app.top.ui.find("toast")
    assert toast is not None and "earlier version of its scenario" in toast.tooltip
    line = min(app.fonts.get("body", True).get_linesize(), app.fonts.get("small", True).get_linesize())
    assert toast.rect.height >= line and app.screen.get_rect().contains(toast.rect)
    pygame.image.save(app.screen, str(tmp_path / "title.png"))


def test_a_save_whose_scenario_changed_only_in_its_words_opens_with_a_word_and_no_question(build_app, tmp_path):
    """A fixed typo, a rewritten brief: the Load dialog, the title's resume and the window started on the
    save open the game without asking (it is the same game move for move) and say the wording changed."""
    from game.ui.scene_table import TableScene

    save, before = _autosave_of_a_game(tmp_path)
    (tmp_path / "mine.yaml").write_text('extends: tutorial\nid: mine\nversion: "1.1"\n'
                                        'title: The Three Islands, revised\n', encoding="utf-8")
    note = ("the scenario's wording has been updated since it was saved (v1.0, now v1.1); its rules and "
            "numbers are the same, so every move and score stays as it was")
    app = build_app()
    _load_in_dialog(app, save)
    assert isinstance(app.top, TableScene), app.top  # no dialog
    assert app.match.actions == before.actions and app.match.earlier_scenarios == []
    assert f"Loaded {save.name}; {note}" in " ".join(t.message for t in app.toasts)
    frames(app, 2)
    pygame.image.save(app.screen, str(tmp_path / "reworded.png"))

    started = build_app(scenario=None, load=str(save))
    assert started.match.actions == before.actions
    assert f"Loaded {save.name}; {note}" in " ".join(t.message for t in started.toasts)
    title = build_app(scenario=None)
    assert "earlier version" not in " ".join(t.message for t in title.toasts)  # the autosave resumes as it is


def test_the_load_list_says_which_saves_were_played_on_other_rules(build_app, tmp_path):
    """The list said nothing until Load asked; now a save whose scenario's rules changed since says
    which version it was played on. One whose scenario changed only in its words says nothing."""
    save, _ = _autosave_of_a_game(tmp_path)
    app = build_app()
    app.push(SaveLoadScene(app, "load"))
    frames(app, 2)
    assert "played on" not in app.top.entry_for(save).detail  # the scenario as it was
    (tmp_path / "mine.yaml").write_text('extends: tutorial\nid: mine\nversion: "1.1"\ntitle: Reworded\n',
                                        encoding="utf-8")
    app.top.refresh()
    assert "played on" not in app.top.entry_for(save).detail  # words only: it loads as it is
    _scenario(tmp_path, "1.2")
    app.top.refresh()
    assert "played on v1.0; the scenario is now v1.2" in app.top.entry_for(save).detail
    frames(app, 2)
    pygame.image.save(app.screen, str(tmp_path / "load-list.png"))
