"""Autosaves told apart by seats, the hint after a broken autosave, no duplicate autosaves,
small CLI fixes (roles, --load, validate "", debrief paths) and hints on validate errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main, resolve_roles
from game.scenarios.loader import load_scenario
from game.session.match import Match
from game.session.saves import autosave_hint, load_match, save_match
from game.session.store import AutosaveSlots, autosave_game, game_key, read_save, user_data_dir

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _payload(scenario: str, seed: int, round_: int, seats: dict, ended: bool = False) -> dict:
    return {"kind": "treaty-table-game", "scenario": {"id": scenario, "version": "1", "hash": "h"},
            "seed": seed, "options": {"events": "historical"}, "seats": seats, "difficulty": "normal",
            "actions": [], "progress": {"round": round_, "phase": "ended" if ended else "diplomacy",
                                        "steps": round_}}


# --------------------------------------------------------------------------- 1. seats in the game key

def test_the_seats_tell_games_apart() -> None:
    georgia = _payload("cst-1999", 5, 0, {"georgia": "human"})
    russia = _payload("cst-1999", 5, 0, {"russia": "human"})
    assert game_key(georgia) != game_key(russia)
    assert game_key(georgia) == game_key(_payload("cst-1999", 5, 3, {"georgia": "human"}))
    assert game_key(georgia).startswith("cst-1999-")


def test_a_second_role_with_the_same_seed_keeps_the_first_games_autosaves(tmp_path) -> None:
    slots = AutosaveSlots(tmp_path)
    first = [slots.write(_payload("cst-1999", 5, r, {"georgia": "human"})) for r in range(5)]
    for r in range(7):
        slots.write(_payload("cst-1999", 5, r, {"russia": "human"}))
    assert all(p.exists() for p in first)
    assert sorted(len(v) for v in slots.games().values()) == [5, 5]


def test_old_autosave_names_are_still_read(tmp_path) -> None:
    old = tmp_path / "autosave-0003-cst-1999-1a2b3c4d.json"
    AutosaveSlots(tmp_path).write({"turn": 1})
    old.write_bytes((tmp_path / "autosave-0001.json").read_bytes())
    slots = AutosaveSlots(tmp_path)
    assert slots.entries()[0] == old and "cst-1999-1a2b3c4d" in slots.games()
    assert autosave_game(old) == "cst-1999-1a2b3c4d"


# --------------------------------------------------------------------------- 2. the hint after a broken autosave

def _autosave(scenario: str, seed: int, steps: int | None = None) -> Path:
    match = Match(load_scenario(scenario), seed=seed, scenario_ref=scenario)
    match.run_ai(**({} if steps is None else {"max_steps": steps}))
    return AutosaveSlots(user_data_dir() / "autosaves").write(match.to_payload())


@pytest.fixture()
def two_games() -> tuple[Path, Path, Path]:
    """A tutorial game's two autosaves (the older one emptied), then a newer cst-1999 one."""
    older = _autosave("tutorial", 2, steps=10)
    tutorial = _autosave("tutorial", 2, steps=20)
    cst = _autosave("cst-1999", 2)
    older.write_bytes(b"")
    return older, tutorial, cst


@pytest.mark.parametrize("command", [["play", "--text", "--load"], ["replay"]])
def test_a_broken_autosave_offers_its_own_game_by_its_name(two_games, capsys, command) -> None:
    older, tutorial, cst = two_games
    code, _, err = run(capsys, *command, older)
    assert code == 1
    assert f"The latest good autosave is {tutorial} (this game, scenario tutorial" in err
    assert "cst-1999" not in err and "does not say which game" not in err


def test_a_broken_autosave_falls_back_to_its_scenario_never_another(two_games, tmp_path) -> None:
    older, tutorial, cst = two_games
    renamed = older.with_name(older.name.replace(older.name[-13:-5], "00000000"))
    older.rename(renamed)  # another tutorial game: the same scenario is offered
    hint = autosave_hint(renamed, "treaty-table replay")
    assert str(tutorial) in hint and "this game" not in hint
    tutorial.unlink()  # only another scenario left: nothing
    assert autosave_hint(renamed, "treaty-table replay") == ""


def test_nothing_offered_when_neither_content_nor_name_tells(two_games, tmp_path, capsys) -> None:
    empty = tmp_path / "emptyfile"
    empty.write_bytes(b"")
    folder = tmp_path / "somefolder"
    folder.mkdir()
    for path in (empty, folder, tmp_path / "missing.json"):
        code, _, err = run(capsys, "replay", path)
        assert code == 1 and len(err.strip().splitlines()) == 1 and "autosave" not in err, err


# --------------------------------------------------------------------------- 3. no duplicate autosaves

def test_the_same_payload_twice_is_one_autosave(tmp_path) -> None:
    slots = AutosaveSlots(tmp_path)
    slots.write(_payload("tutorial", 4, 2, {}))
    final = slots.write(_payload("tutorial", 4, 3, {}, ended=True))
    assert slots.write(_payload("tutorial", 4, 3, {}, ended=True)) == final
    assert len(slots.entries()) == 2
    other = slots.write(_payload("tutorial", 4, 3, {"corallia": "human"}, ended=True))  # another game
    assert other != final and len(slots.entries()) == 3


def test_loading_a_final_autosave_and_saving_it_again_writes_nothing_new(tmp_path) -> None:
    slots = AutosaveSlots(tmp_path)
    match = Match(load_scenario("tutorial"), seed=4, scenario_ref="tutorial")
    match.run_ai()
    final = slots.write(match.to_payload())
    assert final.name.endswith("-end.json")
    again = load_match(final)
    assert slots.write(again.to_payload()) == final
    assert slots.entries() == [final]


def test_a_damaged_newest_autosave_is_not_taken_as_the_same(tmp_path) -> None:
    slots = AutosaveSlots(tmp_path)
    payload = _payload("tutorial", 4, 2, {})
    first = slots.write(payload)
    first.write_bytes(b"")
    second = slots.write(payload)
    assert second != first and read_save(second) == payload


# --------------------------------------------------------------------------- 4. small CLI problems

def test_a_non_ascii_digit_role_is_one_error(capsys) -> None:
    code, _, err = run(capsys, "play", "--text", "--scenario", "cst-1999", "--role", "²")
    assert code == 1 and err.startswith("error: no such role '²'") and "invalid literal" not in err


def test_a_roles_short_code_is_accepted() -> None:
    scenario = load_scenario("cst-1999")
    russia = next(a for a in scenario.actors if a.id == "russia")
    assert resolve_roles(scenario, [russia.short]) == ["russia"]
    assert resolve_roles(scenario, [russia.short.lower()]) == ["russia"]


@pytest.mark.parametrize("extra", [["--role", "2"], ["--seed", "3"], ["--scenario", "tutorial"]])
def test_new_game_options_with_load_are_refused(tmp_path, capsys, extra) -> None:
    match = Match(load_scenario("tutorial"), seed=5, scenario_ref="tutorial")
    save_match(match, tmp_path / "g.json")
    code, out, err = run(capsys, "play", "--text", "--load", tmp_path / "g.json", *extra)
    assert code == 2 and out == ""
    assert err.startswith(f"error: {extra[0]} cannot be used with --load") and len(err.splitlines()) == 1


def test_validate_an_empty_name_is_an_error(capsys) -> None:
    code, out, err = run(capsys, "validate", "")
    assert code == 2 and out == "" and err.startswith("error: an empty name")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_debrief_checks_every_output_before_writing(tmp_path, capsys) -> None:
    match = Match(load_scenario("tutorial"), seed=5, scenario_ref="tutorial")
    match.run_ai()
    save_match(match, tmp_path / "g.json")
    out = tmp_path / "adir"
    code, _, err = run(capsys, "debrief", tmp_path / "g.json", "--out", f"{out}/", "--csv", "/proc/x.csv",
                       "--ai-runs", "0")
    assert code == 1 and "/proc/x.csv" in err and "Traceback" not in err
    assert not any(out.iterdir())


# --------------------------------------------------------------------------- 5. every validate error has a hint

def _validate(tmp_path, capsys, *edits: tuple[str, str]) -> list[str]:
    text = (ROOT / "scenarios" / "tutorial.yaml").read_text("utf-8")
    for old, new in (("id: tutorial\n", "id: s\n"),) + edits:  # its own id: no warning about the built-in's
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "validate", path)
    assert code == 1
    return out.splitlines()[:-1]


def test_dates_out_of_order_have_hints(tmp_path, capsys) -> None:
    lines = _validate(tmp_path, capsys, ("start: 2030-05-01", "start: 2030-07-01"))
    assert len(lines) == 2 and all("(hint: " in line for line in lines), lines
    assert "deadline (2030-06-30) is before the start (2030-07-01)" in lines[0]


def test_type_and_pattern_errors_have_hints(tmp_path, capsys) -> None:
    lines = _validate(tmp_path, capsys, ('"#EE8866"', '"#EE88"'), ("action_points: 3", "action_points: five"))
    assert len(lines) == 2 and all("(hint: " in line for line in lines), lines


def test_nan_is_not_a_number(tmp_path, capsys) -> None:
    lines = _validate(tmp_path, capsys, ("catch: {ideal: 0.8,", "catch: {ideal: .nan,"))
    assert len(lines) == 1 and "ideal must be a number, not NaN" in lines[0] and "(hint: " in lines[0]
    assert "at least 0, got nan" not in lines[0]



@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_grades_checks_its_output_before_playing_the_ai_games(tmp_path, capsys, monkeypatch) -> None:
    """Every command's output file is tried before the work (grades used to play its AI games
    first and fail at the end)."""
    from game.report import debrief as D

    match = Match(load_scenario("tutorial"), seed=5, scenario_ref="tutorial")
    match.run_ai()
    save_match(match, tmp_path / "g.json")
    monkeypatch.setattr(D, "ai_cloud", lambda *a, **k: (_ for _ in ()).throw(AssertionError("played first")))
    code, _, err = run(capsys, "grades", tmp_path / "g.json", "--out", "/proc/x.csv")
    assert code == 1 and "cannot write /proc/x.csv" in err and "nothing was written" in err
    assert "Traceback" not in err


def test_a_save_from_the_first_rules_edition_that_cannot_replay_says_why(tmp_path):
    """Under the first edition of the rules an offer to a delegation that had passed expired
    unanswered; now that delegation is called back to answer, so such a save's next move is out
    of turn. The error says so (not only "cannot be replayed"), and saves record the edition."""
    from game.engine import Options
    from game.engine import actions as A
    from game.engine.rules import RULES_EDITION
    from game.session.saves import SaveCorrupt
    from game.session.store import write_save

    sc = load_scenario("cst-1999")
    m = Match(sc, seed=3, options=Options(events="historical"), seats={"armenia": "human", "georgia": "human"})
    offered = False
    while not offered or m.to_move != "armenia":
        if m.to_move == "georgia" and not offered:
            m.submit(A.MakeOffer("georgia", target="armenia", offer="transit_armenia", condition="sign"))
            offered = True
        elif m.human_to_move():
            m.submit(A.Pass(m.to_move))
        else:
            m.step_ai()
    payload = m.to_payload()
    assert payload["rules"] == RULES_EDITION == 2
    # what the first edition recorded next: Russia's move, as if the offer had expired
    old = dict(payload, actions=payload["actions"] + [A.Pass("russia").to_dict()])
    del old["rules"]
    write_save(tmp_path / "old.json", old)
    with pytest.raises(SaveCorrupt, match="played under an earlier edition of the rules .an offer to a "
                                          "delegation that had passed expired unanswered then"):
        load_match(tmp_path / "old.json")
    write_save(tmp_path / "new.json", dict(old, rules=RULES_EDITION))
    with pytest.raises(SaveCorrupt) as caught:
        load_match(tmp_path / "new.json")
    assert "earlier edition" not in str(caught.value) and "cannot be replayed" in str(caught.value)
