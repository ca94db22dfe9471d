"""Take-backs off (the teacher's choice for a graded game: ``play --no-takeback``, the window's
setup): every take-back is refused with one reason, the choice belongs to the game (the Match, its
saves: a reload keeps it), and every place a teacher reads the result says so."""

from __future__ import annotations

import csv
import html
import io

import pytest

from game.cli import main
from game.engine import actions as A
from game.report.grades import COLUMNS, grade_rows, grades_csv
from game.scenarios.loader import load_scenario
from game.session import facilitator as F
from game.session.match import TAKEBACKS_OFF, Match, takeback_note
from game.session.saves import load_match, save_match
from game.session.store import SaveCorrupt, read_save, write_save

OFF_LINE = "Cannot take back: take-backs are off in this game (the teacher's choice)."


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("cst-1999")


def _to_my_turn(match: Match) -> None:
    match.run_ai()
    assert match.human_to_move()


def _finish(match: Match) -> None:
    while not match.over:
        match.run_ai()
        if not match.over:
            match.submit(A.Pass(match.to_move) if match.state.phase != "signing" else A.Sign(match.to_move, True))


def _off_game(scenario, **kw) -> Match:
    m = Match(scenario, seed=4, seats={"georgia": "human"}, takebacks_off=True, **kw)
    _to_my_turn(m)
    assert m.submit(A.Pass("georgia")).rejected is None
    _to_my_turn(m)
    return m


# --------------------------------------------------------------------------- the rule

def test_a_game_with_take_backs_off_refuses_every_take_back_with_the_teachers_reason(scenario) -> None:
    m = _off_game(scenario)
    assert m.take_back_refusal("georgia") == TAKEBACKS_OFF
    assert TAKEBACKS_OFF == "take-backs are off in this game (the teacher's choice)"
    played = list(m.actions)
    with pytest.raises(ValueError, match=r"take-backs are off in this game \(the teacher's choice\)"):
        m.take_back("georgia")
    assert m.actions == played and m.takebacks == {}
    assert m.take_back_refusal("russia") == TAKEBACKS_OFF  # any seat: the window says it off a person's turn too
    # nothing else changes: the same seeded game as with take-backs allowed
    on = Match(scenario, seed=4, seats={"georgia": "human"})
    _to_my_turn(on)
    on.submit(A.Pass("georgia"))
    _to_my_turn(on)
    assert on.actions == played and on.take_back_refusal("georgia") is None
    # the facilitator's own undo is said first; a game over is over
    fac = _off_game(scenario)
    F.facilitate(fac)
    assert "facilitator" in fac.take_back_refusal("georgia")
    _finish(m)
    assert m.take_back_refusal("georgia") == "the game is over: its moves are final"


# --------------------------------------------------------------------------- the save

def test_the_choice_is_saved_and_a_reload_keeps_it(scenario, tmp_path) -> None:
    m = _off_game(scenario)
    path = tmp_path / "off.json"
    save_match(m, path)
    assert read_save(path)["takebacks_off"] is True
    back = load_match(path)
    assert back.takebacks_off and back.take_back_refusal("georgia") == TAKEBACKS_OFF
    assert F.load(path).takebacks_off
    fac = _off_game(scenario)  # a facilitated save (its own payload) keeps it too
    F.facilitate(fac)
    F.save(fac, tmp_path / "fac.json")
    assert F.load(tmp_path / "fac.json").takebacks_off
    # a game rebuilt from its payload (the facilitator's undo, going back) keeps it
    assert F.undo(m)[0].takebacks_off


def test_a_save_without_the_key_allows_take_backs_and_a_wrong_type_is_refused_as_damaged(scenario, tmp_path) -> None:
    m = Match(scenario, seed=4, seats={"georgia": "human"})
    _to_my_turn(m)
    m.submit(A.Pass("georgia"))
    _to_my_turn(m)
    path = tmp_path / "on.json"
    save_match(m, path)
    assert "takebacks_off" not in read_save(path)  # a save as every save was before the option
    assert load_match(path).take_back_refusal("georgia") is None
    payload = read_save(path)
    payload["takebacks_off"] = False
    write_save(path, payload)
    assert not load_match(path).takebacks_off
    for wrong in ("yes", 1, 0, None, ["off"], {"off": True}):
        payload["takebacks_off"] = wrong
        write_save(path, payload)
        with pytest.raises(SaveCorrupt, match=r"damaged \(its take-backs setting \(takebacks_off\) is not true or false\)"):
            load_match(path)


# --------------------------------------------------------------------------- the text mode

def test_undo_in_the_text_mode_says_the_teachers_choice_and_a_reload_keeps_it(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr("sys.stdin", io.StringIO("undo\npass\nundo\ntakeback\nquit\n"))
    assert main(["play", "--text", "--role", "georgia", "--seed", "4", "--no-takeback"]) == 0
    raw = capsys.readouterr().out
    assert raw.count(OFF_LINE) == 3  # one line each (it fits an 80-column terminal)
    assert all(len(line) <= 80 for line in raw.splitlines() if OFF_LINE in line and line.startswith("  "))
    out = " ".join(raw.split())
    assert ("Take-backs are off in this game (the teacher's choice): every move stands ('undo' is refused)."
            in out)
    assert "Taken back" not in out
    saves = sorted((tmp_path / "home" / "autosaves").glob("*.json"))
    assert saves and all(load_match(s).takebacks_off for s in saves)

    # resumed without the option: still off (a student cannot turn them back on by reloading)
    monkeypatch.setattr("sys.stdin", io.StringIO("undo\nquit\n"))
    assert main(["play", "--text", "--load", str(saves[-1])]) == 0
    assert OFF_LINE in capsys.readouterr().out

    assert main(["replay", str(saves[-1])]) == 0
    assert "take-backs: off in this game (the teacher's choice)" in " ".join(capsys.readouterr().out.split())


def test_load_with_no_takeback_turns_them_off_for_a_resumed_game(scenario, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))
    m = Match(scenario, seed=4, seats={"georgia": "human"}, scenario_ref="cst-1999")
    _to_my_turn(m)
    m.submit(A.Pass("georgia"))
    _to_my_turn(m)
    path = tmp_path / "on.json"
    save_match(m, path)
    monkeypatch.setattr("sys.stdin", io.StringIO("undo\nquit\n"))
    assert main(["play", "--text", "--load", str(path), "--no-takeback"]) == 0  # not refused with --load
    assert OFF_LINE in capsys.readouterr().out
    saves = sorted((tmp_path / "home" / "autosaves").glob("*.json"))
    assert saves and load_match(saves[-1]).takebacks_off
    assert not load_match(path).takebacks_off  # the file loaded is left as it was


def test_load_with_no_takeback_leaves_a_finished_game_as_it_was_played(tmp_path, monkeypatch, capsys) -> None:
    """A finished game (played with take-backs on) loaded with --no-takeback: its results said "Take-backs:
    off in this game" and its final autosave recorded them off, so the grade sheet said 'off'."""
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))
    m = Match(load_scenario("tutorial"), seed=4, seats={"brisa": "human"}, scenario_ref="tutorial")
    _finish(m)
    path = tmp_path / "done.json"
    save_match(m, path)
    monkeypatch.setattr("sys.stdin", io.StringIO("quit\n"))
    main(["play", "--text", "--load", str(path), "--no-takeback"])
    assert "teacher's choice" not in capsys.readouterr().out
    saves = sorted((tmp_path / "home" / "autosaves").glob("*.json"))
    assert all(not load_match(s).takebacks_off for s in saves)

def test_play_help_names_the_option() -> None:
    from game.cli import _parser

    play = next(a for a in _parser()._actions if a.dest == "command").choices["play"]
    action = play._option_string_actions["--no-takeback"]
    assert action.default is False and "take-backs off" in action.help and "--load" in action.help


# --------------------------------------------------------------------------- where a teacher reads the result

def test_the_grade_sheet_says_off_in_the_same_column_and_the_results_say_it(scenario) -> None:
    m = _off_game(scenario)
    _finish(m)
    rows = grade_rows(m)
    assert {r["takebacks"] for r in rows} == {"off"}  # every row: the game's setting, as `difficulty` is
    sheet = list(csv.reader(io.StringIO(grades_csv(rows))))
    i = COLUMNS.index("takebacks")  # the columns stay where they were: later ones only come after it
    assert tuple(sheet[0]) == COLUMNS and COLUMNS[i + 1:] == ("memos", "memo_words", "quiz_right", "quiz_answered",
                                                              "quiz_questions")
    assert {row[i] for row in sheet[1:]} == {"off"}

    assert takeback_note(m) == "off in this game (the teacher's choice)"
    from game.textmode.render import results_text

    assert "Take-backs: off in this game (the teacher's choice)." in " ".join(results_text(m, 100).split())
    from game.report import debrief as D

    summary = html.unescape(D._summary(D.analyse(m, 0, None)))  # (the apostrophe is escaped in the HTML)
    assert "Take-backs: off in this game (the teacher's choice)." in summary


def test_take_backs_taken_before_they_were_turned_off_stay_counted(scenario) -> None:
    m = Match(scenario, seed=4, seats={"georgia": "human"})
    _to_my_turn(m)
    m.submit(A.Pass("georgia"))
    _to_my_turn(m)
    m, _ = m.take_back("georgia")
    m.takebacks_off = True  # as play --load SAVE --no-takeback does
    _finish(m)
    rows = {r["role"]: r for r in grade_rows(m)}
    assert rows["georgia"]["takebacks"] == 1 and rows["russia"]["takebacks"] == "off"
    assert takeback_note(m) == ("off in this game (the teacher's choice); before they were turned off, "
                                "Georgia took back 1 move")


def test_the_printed_facilitator_guide_says_how_to_switch_them_off(scenario) -> None:
    """The kit's guide (``briefs``) named the AI level among the choices before class, not take-backs."""
    from game.report.briefs import facilitator_guide

    page = facilitator_guide(scenario)
    assert "<code>--no-takeback</code>" in page and "<i>Take-backs: Off</i>" in page
