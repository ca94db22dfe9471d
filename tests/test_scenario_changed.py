"""A save whose scenario has changed since (a newer version after an update, a teacher's fix to
her own file): refused with the versions named and a way on, and played again on the scenario
as it is now when the player asks (``--current-scenario``; the window asks in a dialog)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.engine import actions as A
from game.scenarios.loader import load_scenario
from game.session.match import Match, earlier_note, earlier_scenarios
from game.session.saves import ScenarioChanged, autosave_hint, load_match, save_match


def _scenario(folder: Path, version: str, extra: str = "") -> Path:
    """The scenario file 'mine' at ``version``; every version after 1.0 also changes a rule (a change
    to its words alone loads without asking: tests/test_wording_change.py)."""
    if version != "1.0" and "settings:" not in extra:
        extra += f"settings:\n  breach_penalty: {0.1 + int(version.replace('.', '')) / 1000}\n"
    path = folder / "mine.yaml"
    path.write_text(f'extends: tutorial\nid: mine\nversion: "{version}"\n{extra}', encoding="utf-8")
    return path


def _saved_game(folder: Path, steps: int = 12) -> Path:
    scenario = _scenario(folder, "1.0")
    match = Match(load_scenario(scenario), seed=2, scenario_ref=str(scenario), seats={"corallia": "human"})
    while len(match.actions) < steps:  # the AI's moves, and the person's passes
        match.run_ai(max_steps=steps - len(match.actions))
        if match.to_move == "corallia" and len(match.actions) < steps:
            assert match.submit(A.Pass("corallia")).rejected is None
    assert not match.over
    save = folder / "game.json"
    save_match(match, save)
    return save


def test_a_changed_scenario_is_refused_unless_asked_then_the_moves_are_played_again(tmp_path: Path) -> None:
    save = _saved_game(tmp_path)
    before = load_match(save)
    _scenario(tmp_path, "1.1", "title: The Three Islands, revised\n")
    with pytest.raises(ScenarioChanged) as caught:
        load_match(save)
    assert (caught.value.saved, caught.value.found, caught.value.tried) == ("1.0", "1.1", False)
    assert "version 1.0" in str(caught.value) and "version 1.1" in str(caught.value)

    match = load_match(save, current_scenario=True)
    assert match.scenario.version == "1.1" and match.scenario.title == "The Three Islands, revised"
    assert match.actions == before.actions and match.state.round == before.state.round
    moves = len(before.actions)
    assert match.earlier_scenarios == [{"version": "1.0", "hash": before.to_payload()["scenario"]["hash"],
                                        "moves": moves}]
    assert earlier_note(match) == f"moves 1-{moves} were made on v1.0"

    # saved again, it loads without asking, and keeps the record of the earlier version
    save_match(match, save)
    again = load_match(save)
    assert again.earlier_scenarios == match.earlier_scenarios
    assert again.to_payload()["earlier_scenarios"] == match.earlier_scenarios

    # a second change adds a second entry, oldest first
    again.submit(A.Pass(again.to_move)) if again.to_move == "corallia" else again.run_ai(max_steps=1)
    save_match(again, save)
    _scenario(tmp_path, "1.2")
    third = load_match(save, current_scenario=True)
    assert [e["version"] for e in third.earlier_scenarios] == ["1.0", "1.1"]
    assert third.earlier_scenarios[1]["moves"] == len(again.actions)


def test_an_unchanged_scenario_loads_the_same_with_or_without_the_flag(tmp_path: Path) -> None:
    save = _saved_game(tmp_path)
    plain, asked = load_match(save), load_match(save, current_scenario=True)
    assert plain.actions == asked.actions and plain.earlier_scenarios == asked.earlier_scenarios == []
    assert "earlier_scenarios" not in asked.to_payload()


def test_moves_that_no_longer_hold_are_refused_with_the_reason(tmp_path: Path) -> None:
    save = _saved_game(tmp_path)
    # the new version gives each delegation two action points a round, not three: a move the save
    # recorded with the third is refused
    _scenario(tmp_path, "2.0", "settings:\n  action_points: 2\n  min_signatures: 2\n")
    with pytest.raises(ScenarioChanged) as caught:
        load_match(save, current_scenario=True)
    message = str(caught.value)
    assert caught.value.tried and "cannot be played again on the scenario as it is now (version 2.0)" in message
    assert "refused on replay" in message and "\n" not in message
    import re

    named = re.search(r"action (\d+) of the save \((Corallia|Brisa|Tormund): ([a-z ]+)\) is refused", message)
    assert named, message  # which move, by whom (a private one unnamed: whoever loads may be another team)
    assert named.group(3) not in ("lobby", "offer", "respond")
    assert autosave_hint(save, "treaty-table play --load", caught.value) == ""


def test_a_private_move_refused_on_replay_is_not_named() -> None:
    from game.engine import actions as A
    from game.session.match import refused_on_replay

    m = Match(load_scenario("tutorial"), seed=1)
    said = refused_on_replay(m, 9, A.Lobby("brisa", target="tormund", issue=0), "not now")
    assert said == "action 10 of the save (Brisa: a private move) is refused on replay: not now"
    assert refused_on_replay(m, 0, A.Pass("brisa"), "x") == "action 1 of the save (Brisa: pass) is refused on replay: x"


def test_the_record_of_earlier_versions_is_read_as_untrusted() -> None:
    good = {"version": "1.0", "hash": "ab", "moves": 3}
    assert earlier_scenarios({"earlier_scenarios": [good]}) == [good]
    assert earlier_scenarios({"earlier_scenarios": "1.0"}) == []
    bad = [{"version": 1, "hash": "ab", "moves": 3}, {"version": "1", "hash": "", "moves": 3},
           {"version": "1", "hash": "ab", "moves": True}, {"version": "1", "hash": "ab", "moves": -1}, "x"]
    assert earlier_scenarios({"earlier_scenarios": bad + [good]}) == [good]
    match = Match(load_scenario("tutorial"), seed=1)
    match.earlier_scenarios = [{"version": "1\x1b[2J", "hash": "h", "moves": 1}]
    assert earlier_note(match) == "move 1 was made on v1?[2J"


def test_the_command_line_offers_the_flag_and_uses_it(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))
    save = _saved_game(tmp_path)
    _scenario(tmp_path, "1.1")
    assert main(["play", "--text", "--load", str(save)]) == 1
    err = capsys.readouterr().err
    assert "version 1.0" in err and "version 1.1" in err
    assert f"treaty-table play --text --load {save} --current-scenario" in err

    assert main(["replay", str(save)]) == 1
    assert f"treaty-table replay {save} --current-scenario" in capsys.readouterr().err
    assert main(["replay", str(save), "--current-scenario"]) == 0
    assert "mine v1.1 (replayed on it: moves 1-" in capsys.readouterr().out

    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("quit\n"))
    assert main(["play", "--text", "--load", str(save), "--current-scenario"]) == 0
    out = capsys.readouterr().out
    assert "Note: this game was played again on mine v1.1" in " ".join(out.split())

    assert main(["debrief", str(save), "--out", str(tmp_path / "d.html")]) == 1
    assert "add --current-scenario" in capsys.readouterr().err

    assert main(["play", "--text", "--current-scenario"]) == 2
    assert "--current-scenario only works with --load" in capsys.readouterr().err


def test_the_way_on_from_a_replayed_unfinished_game_keeps_the_flag(tmp_path: Path, capsys, monkeypatch) -> None:
    """replay (and debrief/grades) of an unfinished game on a changed scenario said to resume it with
    'play --load SAVE', which is refused again: the save file still holds the earlier version."""
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))
    save = _saved_game(tmp_path)
    _scenario(tmp_path, "1.1")
    assert main(["replay", str(save), "--current-scenario"]) == 0
    assert f"resume it with: treaty-table play --load {save} --current-scenario)" in capsys.readouterr().out
    assert main(["debrief", str(save), "--current-scenario", "--out", str(tmp_path / "d.html")]) == 1
    assert f"finish it with 'treaty-table play --load {save} --current-scenario' first" in capsys.readouterr().err
    assert main(["replay", str(save)]) == 1  # the way it names is the one that works
    capsys.readouterr()


def test_a_changed_file_of_the_same_version_says_so_in_words_a_teacher_follows(tmp_path: Path) -> None:
    """The same version number with other content (the teacher fixed her file without raising it, or the
    built-in scenario her variant extends was updated) read 'moves 1-12 were made on v1.0' of a game
    now on v1.0."""
    save = _saved_game(tmp_path)
    _scenario(tmp_path, "1.0", "title: The Three Islands, fixed\nsettings:\n  breach_penalty: 0.2\n")
    with pytest.raises(ScenarioChanged) as caught:
        load_match(save)
    assert "the same version number but different content (its file, or the scenario it extends, was " \
           "changed)" in str(caught.value)
    match = load_match(save, current_scenario=True)
    assert earlier_note(match) == f"moves 1-{len(match.actions)} were made on v1.0 before it was changed"
    match.earlier_scenarios.append({"version": "1.0", "hash": "other", "moves": 20})  # then raised to 1.1
    match.scenario = load_scenario(_scenario(tmp_path, "1.1"))
    assert earlier_note(match) == (f"moves 1-{len(match.actions)} were made on v1.0 before it was changed, "
                                   f"moves {len(match.actions) + 1}-20 were made on v1.0")


def test_going_back_in_a_replayed_game_counts_only_the_moves_it_still_has(tmp_path: Path) -> None:
    """The facilitator's undo and 'go back' kept 'moves 1-12 were made on v1.0' in a game of 5 moves."""
    from game.session import facilitator as F

    save = _saved_game(tmp_path)
    match = load_match(save)
    F.facilitate(match)
    F.apply_inject(match, F.news_inject("Storm", "A storm keeps the fleets in port."))
    F.save(match, save)
    _scenario(tmp_path, "1.1")
    match = F.load(save, current_scenario=True)
    assert [e["moves"] for e in match.earlier_scenarios] == [12] and len(F.record_of(match).injects) == 1
    undone, _ = F.undo(match)  # the inject
    undone, _ = F.undo(undone)  # the last move
    assert [e["moves"] for e in undone.earlier_scenarios] == [11]
    back, _ = F.fork(match, 0)
    assert [e["moves"] for e in back.earlier_scenarios] == [len(back.actions)] and len(back.actions) < 12
    F.save(match, save)  # saved again and loaded: the record is kept as it was, not cut to nothing
    assert [e["moves"] for e in F.load(save).earlier_scenarios] == [12]


def test_a_facilitated_save_whose_moves_no_longer_hold_says_so_as_any_save_does(tmp_path: Path) -> None:
    """In the window (and the facilitator's console) a facilitated save refused on the new version
    said 'the save's facilitator record cannot be replayed' (a damaged save), not that a move is
    refused on the changed scenario and that its version can be restored."""
    from game.session import facilitator as F

    save = _saved_game(tmp_path)
    match = load_match(save)
    F.facilitate(match)
    F.save(match, save)
    _scenario(tmp_path, "2.0", "settings:\n  action_points: 2\n  min_signatures: 2\n")
    with pytest.raises(ScenarioChanged) as caught:
        F.load(save, current_scenario=True)
    message = str(caught.value)
    assert caught.value.tried and (caught.value.saved, caught.value.found) == ("1.0", "2.0")
    assert "cannot be played again on the scenario as it is now (version 2.0)" in message
    assert "refused on replay" in message and "restore that version" in message and "facilitator" not in message


def test_a_save_read_up_to_a_move_records_only_the_moves_played_again(tmp_path: Path) -> None:
    """``load_match(upto=N, current_scenario=True)`` (the facilitator's loader reads the scenario
    check that way, with N = 0) plays N of the save's moves again, and its record of the earlier
    version says N, not every move of the save (it said 12 here)."""
    save = _saved_game(tmp_path)
    _scenario(tmp_path, "1.1")
    part = load_match(save, upto=5, current_scenario=True)
    assert len(part.actions) == 5 and part.earlier_scenarios[0]["moves"] == 5
    assert load_match(save, upto=0, current_scenario=True).earlier_scenarios[0]["moves"] == 0
