"""Review fixes: a save's difficulty is read as untrusted, and the note on a game resumed on a
scenario changed twice names the moves made on each version (not moves 1-N for every one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.scenarios.loader import load_scenario
from game.session.match import Match, earlier_note
from game.session.saves import load_match, save_match
from game.session.store import SaveCorrupt, read_save, write_save


def _all_human_finished(folder: Path) -> Path:
    sc = load_scenario("tutorial")
    match = Match(sc, seed=3, seats={a.id: "human" for a in sc.actors})
    while not match.over:  # every seat a person's: no AI player is made, so the level was never checked
        match.step_ai()
    save = folder / "all-human.json"
    save_match(match, save)
    return save


def test_a_save_with_an_unknown_difficulty_is_refused_not_shown(tmp_path: Path, capsys) -> None:
    save = _all_human_finished(tmp_path)
    payload = read_save(save)
    payload["difficulty"] = "\x1b[31mhard<script>x</script>"
    write_save(save, payload)
    with pytest.raises(SaveCorrupt, match="difficulty"):
        load_match(save)
    assert main(["replay", str(save)]) == 1
    out = capsys.readouterr()
    assert "\x1b" not in out.out + out.err and "<script>" not in out.out
    csv = tmp_path / "g.csv"
    assert main(["grades", str(save), "--out", str(csv), "--ai-runs", "0"]) == 1 and not csv.exists()


def test_the_note_on_a_scenario_changed_twice_counts_each_versions_own_moves() -> None:
    match = Match(load_scenario("tutorial"), seed=1)
    match.earlier_scenarios = [{"version": "1.0", "hash": "a", "moves": 12},
                               {"version": "1.1", "hash": "b", "moves": 20}]
    assert earlier_note(match) == "moves 1-12 were made on v1.0, moves 13-20 were made on v1.1"
    match.earlier_scenarios[1]["moves"] = 13
    assert earlier_note(match).endswith("move 13 was made on v1.1")
    match.earlier_scenarios[1]["moves"] = 12  # resumed on 1.1 and changed again before a move
    assert earlier_note(match).endswith("no moves were made on v1.1")


def test_undo_in_the_text_mode_on_a_facilitated_save_says_where_moves_are_taken_back(tmp_path: Path, monkeypatch,
                                                                                     capsys) -> None:
    """A facilitated save resumed in the text mode: 'undo' named the window console's keys as if the
    player were at it."""
    import io

    from game.engine import actions as A
    from game.session import facilitator as F

    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))
    m = Match(load_scenario("cst-1999"), seed=4, seats={"georgia": "human"}, scenario_ref="cst-1999")
    m.run_ai()
    m.submit(A.Pass("georgia"))
    m.run_ai()
    F.facilitate(m)
    F.apply_inject(m, F.news_inject("Storm", "A storm."))
    F.save(m, tmp_path / "fac.json")
    monkeypatch.setattr("sys.stdin", io.StringIO("undo\nquit\n"))
    assert main(["play", "--text", "--load", str(tmp_path / "fac.json")]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Cannot take back: in a facilitated game only the facilitator takes moves back (in the window's " \
           "console: Undo, F4)." in out
