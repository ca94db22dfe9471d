"""Soak and lab-install QA round: two copies of the game on one data folder, a relative
``TREATY_TABLE_HOME``, two simulations into one folder, and the caches a long session keeps."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.cli import main
from game.engine import actions as A
from game.scenarios.loader import load_scenario
from game.session import store
from game.session.match import Match
from game.session.store import AutosaveSlots, read_save, write_save


def _game(seed: int, who: str) -> dict:
    return {"kind": "treaty-table-game", "scenario": {"id": "tutorial"}, "seed": seed, "options": {},
            "seats": {"brisa": "human"}, "progress": {"phase": "diplomacy", "round": 0}, "who": who}


def test_two_copies_of_one_game_never_write_over_each_others_autosave(tmp_path, monkeypatch):
    """Two windows of the same game (a class told to play --seed 5 --role brisa on one data
    folder) listed the folder at the same moment and picked the same next number: the second
    os.replace put its game over the first one's newest autosave."""
    folder = tmp_path / "autosaves"
    first = AutosaveSlots(folder).write(_game(5, "window A"))
    assert first.name.startswith("autosave-0001-")
    other = AutosaveSlots(folder)
    real = other._listed
    calls = {"n": 0}

    def stale():  # what the other window saw just before the first one wrote
        calls["n"] += 1
        return [] if calls["n"] == 1 else real()

    monkeypatch.setattr(other, "_listed", stale)
    second = other.write(_game(5, "window B"))
    assert second != first and second.name.startswith("autosave-0002-")
    assert read_save(first)["who"] == "window A"  # not written over
    assert read_save(second)["who"] == "window B"
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_save_that_may_not_replace_keeps_the_file_there(tmp_path):
    path = tmp_path / "game.json"
    write_save(path, {"n": 1})
    with pytest.raises(FileExistsError) as err:
        write_save(path, {"n": 2}, replace=False)
    assert err.value.filename == str(path)
    assert read_save(path) == {"n": 1}
    assert os.listdir(tmp_path) == ["game.json"]  # no temp file left


def test_a_relative_home_is_made_absolute(tmp_path, monkeypatch):
    """TREATY_TABLE_HOME=saves: the 'resume with: ... --load PATH' lines named a relative path,
    which does not resume from another folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TREATY_TABLE_HOME", "saves")
    assert store.user_data_dir() == tmp_path / "saves"
    assert store.user_data_dir().is_absolute()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="folder locks are POSIX only (see docs/cli.md)")
def test_a_second_simulation_into_the_same_save_dir_is_refused(tmp_path, capsys):
    """Two `simulate --save-dir DIR` at once both found DIR empty and both wrote game-00001.json
    ...: the folder ended up with a silent mix of the two simulations' games."""
    out = tmp_path / "games"
    out.mkdir()
    held = store.lock_folder(out)  # the first simulation, still running
    try:
        code = main(["simulate", "--scenario", "tutorial", "--runs", "2", "--save-dir", str(out)])
    finally:
        held.close()
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip() == (f"error: another simulation is writing its games into {out} now: wait for it "
                           "to end, or give another --save-dir")
    assert list(out.iterdir()) == []
    assert main(["simulate", "--scenario", "tutorial", "--runs", "2", "--save-dir", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["game-00001.json", "game-00002.json"]


def test_replay_of_an_unfinished_game_gives_a_command_to_copy(tmp_path, capsys):
    """It said: resume it with 'treaty-table play --load '/path with space/x.json'' (quotes in quotes)."""
    m = Match(load_scenario("tutorial"), seed=3, seats={"brisa": "human"}, scenario_ref="tutorial")
    m.run_ai()
    m.submit(A.Pass("brisa"))
    folder = tmp_path / "Schüler Daten"
    save = folder / "my game.json"
    from game.session import facilitator as F

    F.save(m, save)
    capsys.readouterr()
    assert main(["replay", str(save)]) == 0
    out = capsys.readouterr().out
    assert f"resume it with: treaty-table play --load '{save}')" in out


def test_a_new_game_drops_the_caches_of_the_last():
    """Every game loads its scenario afresh (a model of its own); the engine's caches kept the
    models of dozens of finished games until their size limits."""
    from game.engine import model, table, views
    from game.session.match import forget_finished_games

    m = Match(load_scenario("tutorial"), seed=1)
    for _ in range(5):
        m.step_ai()
    assert model._CACHE and table._PARTIAL and views._PUBLIC_CACHE
    forget_finished_games()
    assert not model._CACHE and not table._PARTIAL and not views._PUBLIC_CACHE
    m.run_ai()  # and play goes on as before
    assert m.over


def test_what_the_caches_forget_changes_no_game():
    from game.session.match import forget_finished_games

    sc = load_scenario("tutorial")
    a = Match(sc, seed=7)
    a.run_ai()
    b = Match(sc, seed=7)
    for n in range(10 ** 4):
        if b.over:
            break
        if n % 3 == 0:
            forget_finished_games()
        b.step_ai()
    assert [x.to_dict() for x in a.actions] == [x.to_dict() for x in b.actions]


def test_the_soak_script_plays_a_game_and_reports(tmp_path, monkeypatch, capsys):
    """bench/soak.py (a long session in one process) runs: one tutorial game, one line of figures."""
    import sys

    root = Path(__file__).resolve().parent.parent
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    from bench import soak

    assert soak.main(["--games", "tutorial=1"]) == 0
    out = capsys.readouterr().out
    line = [x for x in out.splitlines() if "game 1 (tutorial)" in x]
    assert line and "rss" in line[0] and "'autosaves': " in line[0] and "'temp': 0" in line[0]
    assert "pygame" in sys.modules
