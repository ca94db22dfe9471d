"""Small mends of session 14, each found by a QA round (see the commit messages)."""

from __future__ import annotations

import io
from pathlib import Path

from game.cli import main
from game.scenarios.loader import load_scenario
from game.session.match import Match
from game.session.saves import save_match


def test_the_text_mode_names_a_finished_save_it_loaded_instead_of_writing_another(tmp_path: Path, monkeypatch,
                                                                                 capsys) -> None:
    """play --text --load of a finished game wrote one more final autosave and called it 'Its final
    save', as if the file the player had just named were not one."""
    home = tmp_path / "home"
    monkeypatch.setenv("TREATY_TABLE_HOME", str(home))
    match = Match(load_scenario("tutorial"), seed=3, seats={"corallia": "human"}, scenario_ref="tutorial")
    for seat in match.humans:
        match.set_seat(seat, "ai")
    match.run_ai()
    match.set_seat("corallia", "human")
    save = tmp_path / "done.json"
    save_match(match, save)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["play", "--text", "--load", str(save)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"The game is over. Its final save is {save}" in out
    assert list(home.rglob("*.json")) == []  # nothing written
