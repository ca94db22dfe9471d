"""The window on an unkind computer (QA round 6): an autosave edited by hand, a newest autosave
cut off, a damaged settings file, a data folder that cannot be written when the game fails or
is left. Each test fails without the change it names."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from ui_helpers import break_table_once, click, frames, press, run_until
from game.session.store import AutosaveSlots, read_save, user_data_dir, write_save
from game.ui.scene_table import TableScene
from game.ui.scenes import ConfirmScene, ErrorScene, MenuScene, TitleScene

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def lenient_app(build_app):
    """The app as players run it (strict=False: faults are caught, not raised)."""
    return lambda **kw: build_app(record_text=True, strict=False, **kw)


def _an_interrupted_game(seed: int = 4) -> Path:
    """A game of Georgia after its first round, autosaved; returns the autosave."""
    from game.scenarios.loader import load_scenario
    from game.session.match import Match

    match = Match(load_scenario("cst-1999"), seed=seed, seats={"georgia": "human"}, scenario_ref="cst-1999")
    while match.state.round == 0:
        if match.human_to_move():
            from game.engine import actions as A

            match.submit(A.Pass(match.to_move))
        else:
            match.step_ai()
    return AutosaveSlots(user_data_dir() / "autosaves").write(match.to_payload())


def _break_the_autosaves_folder() -> None:
    """The autosaves folder becomes a file: every autosave from now on fails (as on a full disk)."""
    folder = user_data_dir() / "autosaves"
    shutil.rmtree(folder, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not a folder", encoding="utf-8")


# --------------------------------------------------------------------------- the title screen

@pytest.mark.parametrize("progress", [[], "round 3", {"round": None}, {"round": "x"}, {"round": True}])
def test_an_autosave_edited_by_hand_does_not_stop_the_window(build_app, progress):
    """The title read the autosave's "progress" unchecked: a list, or a round that is not a number,
    raised AttributeError / TypeError / ValueError as the window opened (a traceback, no window)."""
    path = _an_interrupted_game()
    payload = read_save(path)
    payload["progress"] = progress  # the checksum is recomputed: a hand edit the envelope cannot tell
    write_save(path, payload)
    app = build_app(record_text=True)
    frames(app, 2)
    assert isinstance(app.top, TitleScene)
    assert app.top.resume_info is not None and "round ?" in app.top.resume_info[1]
    click(app, "title:resume")
    assert isinstance(app.top, TableScene) and app.match.state.round == 1


def test_a_cut_off_newest_autosave_is_reported_on_the_title(build_app):
    """The title skipped a newest autosave that no longer opened in silence and offered an older
    one: the player, who had played further, was not told why the game went back."""
    good = _an_interrupted_game()
    cut = good.with_name(good.name.replace("autosave-0001", "autosave-0002"))
    cut.write_bytes(good.read_bytes()[:700])
    app = build_app(record_text=True)
    frames(app, 2)
    assert app.top.resume_info[0] == good
    message = app.toasts[0].message
    assert message.startswith("The newest autosave cannot be opened; the latest one that opens is offered")
    assert cut.name in message and "cut off" in message
    # nothing to say when the newest autosave is the one offered
    cut.unlink()
    press(app, pygame.K_l)
    press(app, pygame.K_ESCAPE)
    app.reset(TitleScene(app))
    assert app.top.resume_info[0] == good and not app.toasts


def test_no_autosave_that_opens_says_where_to_look(build_app):
    folder = user_data_dir() / "autosaves"
    folder.mkdir(parents=True)
    (folder / "autosave-0001-cst-1999-0badf00d.json").write_bytes(b"")
    app = build_app()
    assert app.top.resume_info is None
    assert "Load game lists the other saves" in app.toasts[0].message


# --------------------------------------------------------------------------- the settings file

def test_a_damaged_settings_file_is_said_when_the_window_opens(build_app, capsys):
    """A settings file that could not be read was replaced by the defaults without a word."""
    path = user_data_dir() / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text("[" * 100_000, encoding="utf-8")  # used to raise RecursionError: no window at all
    app = build_app()
    assert isinstance(app.top, TitleScene)
    message = app.toasts[0].message
    assert str(path) in message and "default settings" in message and "settings.json.bad" in message
    assert str(path) in capsys.readouterr().err


# --------------------------------------------------------------------------- when the disk refuses

def test_the_error_screen_says_when_the_game_could_not_be_autosaved(lenient_app, monkeypatch):
    """When a screen failed and the autosave failed too, the error screen said nothing of it, and
    "Back to the title" dropped the unsaved game; the log that could not be written said only
    "see the terminal"."""
    app = lenient_app(role=["georgia"], seed=6)
    click(app, "brief:done")
    run_until(app, lambda: app.match.human_to_move())
    n = len(app.match.actions)
    _break_the_autosaves_folder()
    logs = user_data_dir() / "logs"
    logs.write_text("not a folder either", encoding="utf-8")
    break_table_once(monkeypatch)
    frames(app, 2)
    err = app.top
    assert isinstance(err, ErrorScene) and not err.autosaved
    frames(app, 1)
    shown = " ".join(app.recorded)
    assert "could NOT be autosaved: Not a folder (a file has its name)" in shown
    assert "the log could not be written: Not a folder" in shown and str(logs) in err.log_error
    # back to the title: the autosave is tried again, fails, and a question keeps the game
    click(app, "error:title")
    assert isinstance(app.top, ConfirmScene) and app.top.name == "unsaved"
    assert app.match is not None and len(app.match.actions) == n
    click(app, "unsaved:cancel")
    assert app.top is err
    click(app, "error:continue")
    assert isinstance(app.top, TableScene) and app.match is not None


def test_quit_to_title_keeps_a_game_that_could_not_be_autosaved(build_app):
    """Menu > Quit to title said "Autosave failed" on the title screen after it had dropped the game."""
    app = build_app(role=["georgia"], seed=7)
    click(app, "brief:done")
    run_until(app, lambda: app.match.human_to_move())
    match = app.match
    _break_the_autosaves_folder()
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, MenuScene)
    click(app, "menu:title")
    assert isinstance(app.top, ConfirmScene) and app.top.name == "unsaved"
    assert app.match is match and "could not be autosaved" in app.top.title
    click(app, "unsaved:cancel")
    assert app.match is match and isinstance(app.top, MenuScene)
    # the folder is fixed: leaving now autosaves, and the title offers the game back
    (user_data_dir() / "autosaves").unlink()
    click(app, "menu:title")
    assert isinstance(app.top, TitleScene) and app.match is None
    assert app.top.resume_info is not None
    # leaving without saving, when the player says so
    click(app, "title:resume")
    _break_the_autosaves_folder()
    press(app, pygame.K_ESCAPE)
    click(app, "menu:title")
    click(app, "unsaved:ok")
    assert isinstance(app.top, TitleScene) and app.match is None


def test_autosave_failed_toast_names_the_folder_without_error_numbers(build_app):
    app = build_app(role=["georgia"], seed=8)
    _break_the_autosaves_folder()
    assert app.autosave() is not None
    message = app.toasts[-1].message
    assert "[Errno" not in message and "Not a folder (a file has its name)" in message
    assert str(user_data_dir() / "autosaves") in message and "not saved" in message


# --------------------------------------------------------------------------- play --load in the window

def test_the_window_offers_the_latest_good_autosave_when_a_load_fails(tmp_path):
    """`play --load BROKEN` in the window printed the error only; the text mode offered the latest
    good autosave of the same game."""
    home = Path(os.environ["TREATY_TABLE_HOME"])
    good = _an_interrupted_game()
    cut = good.with_name(good.name.replace("autosave-0001", "autosave-0002"))
    cut.write_bytes(good.read_bytes()[:700])
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", TREATY_TABLE_HOME=str(home))
    proc = subprocess.run([sys.executable, "-m", "game", "play", "--gui", "--load", str(cut)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=90)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "cut off" in proc.stderr
    assert f"treaty-table play --load {good}" in proc.stderr
