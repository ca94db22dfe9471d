"""Taking back a move: a person's seat, on its turn, goes back to just before its last move (the
moves since undone too); counted in the save and wherever a teacher reads the result."""

from __future__ import annotations

import io

import pytest

from game.cli import main
from game.engine import actions as A
from game.report.grades import grade_rows
from game.scenarios.loader import load_scenario
from game.session import facilitator as F
from game.session.match import Match, takeback_note
from game.session.saves import load_match, save_match


def _to_my_turn(match: Match) -> None:
    match.run_ai()
    assert match.human_to_move()


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("cst-1999")


def test_take_back_goes_to_just_before_the_move_and_the_same_move_replays_the_same(scenario) -> None:
    m = Match(scenario, seed=4, seats={"georgia": "human"})
    _to_my_turn(m)
    with pytest.raises(ValueError, match="no move of yours to take back yet"):
        m.take_back("georgia")
    before = list(m.actions)
    log_before = len(m.state.log)
    assert m.submit(A.Pass("georgia")).rejected is None
    _to_my_turn(m)
    played = list(m.actions)
    assert len(played) > len(before) + 1  # the others moved after it

    back, what = m.take_back("georgia")
    assert back.actions == before and back.to_move == "georgia" and len(back.state.log) == log_before
    assert what == "Georgia passes" and back.takebacks == {"georgia": 1}
    assert m.takebacks == {}  # the match taken back from is left as it was
    assert takeback_note(back) == "Georgia took back 1 move"

    assert back.submit(A.Pass("georgia")).rejected is None
    _to_my_turn(back)
    assert back.actions == played  # the same seeded game: the same move brings the same replies


def test_take_backs_are_refused_where_they_would_undo_someone_else(scenario) -> None:
    m = Match(scenario, seed=4, seats={"georgia": "human", "azerbaijan": "human"})
    _to_my_turn(m)
    assert m.to_move == "georgia"
    m.submit(A.Pass("georgia"))
    m.run_ai()
    assert m.to_move == "azerbaijan"
    m.submit(A.Pass("azerbaijan"))
    m.run_ai()
    assert m.to_move == "georgia"
    with pytest.raises(ValueError, match="Azerbaijan has moved since"):
        m.take_back("georgia")
    with pytest.raises(ValueError, match="only a seat a person plays"):
        m.take_back("russia")

    done = Match(scenario, seed=4, seats={"georgia": "human"})
    while not done.over:
        done.run_ai()
        if not done.over:
            done.submit(A.Pass(done.to_move) if done.state.phase != "signing" else A.Sign(done.to_move, False))
    with pytest.raises(ValueError, match="the game is over"):
        done.take_back("georgia")

    fac = Match(scenario, seed=4, seats={"georgia": "human"})
    _to_my_turn(fac)
    fac.submit(A.Pass("georgia"))
    fac.run_ai()
    F.facilitate(fac)
    with pytest.raises(ValueError, match="facilitator"):
        fac.take_back("georgia")


def test_the_count_is_saved_read_as_untrusted_and_shown(scenario, tmp_path) -> None:
    m = Match(scenario, seed=4, seats={"georgia": "human"})
    _to_my_turn(m)
    m.submit(A.Pass("georgia"))
    _to_my_turn(m)
    m, _ = m.take_back("georgia")
    m.submit(A.Pass("georgia"))
    _to_my_turn(m)
    m, _ = m.take_back("georgia")
    assert m.takebacks == {"georgia": 2}
    path = tmp_path / "g.json"
    save_match(m, path)
    assert load_match(path).takebacks == {"georgia": 2}

    payload = m.to_payload()
    payload["takebacks"] = {"georgia": "2", "nobody": 3, "russia": True, "armenia": -1, "belarus": 1}
    assert Match.from_payload(payload, scenario).takebacks == {"belarus": 1}
    payload["takebacks"] = [1, 2]
    assert Match.from_payload(payload, scenario).takebacks == {}

    while not m.over:  # to the end: the grade sheet and the results say it
        m.run_ai()
        if not m.over:
            m.submit(A.Pass(m.to_move) if m.state.phase != "signing" else A.Sign(m.to_move, True))
    rows = {r["role"]: r for r in grade_rows(m)}
    assert rows["georgia"]["takebacks"] == 2 and rows["russia"]["takebacks"] == 0
    from game.textmode.render import results_text

    assert "Take-backs: Georgia took back 2 moves." in " ".join(results_text(m, 100).split())
    from game.report import debrief as D

    assert "Take-backs: Georgia took back 2 moves." in D._summary(D.analyse(m, 0, None))


def test_undo_in_the_text_mode(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr("sys.stdin", io.StringIO("undo\npass\nundo\nundo\nquit\n"))
    assert main(["play", "--text", "--role", "georgia", "--seed", "4"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert out.count("Cannot take back: there is no move of yours to take back yet.") == 2
    assert "Taken back: 'Georgia passes', and every move made after it." in out and "It is your move again (round 1)" in out
    assert "the results will count 1 take-back for you" in out
    saves = sorted((tmp_path / "home" / "autosaves").glob("*.json"))
    assert saves and load_match(saves[-1]).takebacks == {"georgia": 1}
    assert main(["replay", str(saves[-1])]) == 0
    assert "take-backs: Georgia took back 1 move" in " ".join(capsys.readouterr().out.split())


def test_a_tabled_draft_taken_back_is_named_by_its_number_and_the_refusal_is_known_before(scenario) -> None:
    m = Match(scenario, seed=4, seats={"georgia": "human", "azerbaijan": "human"})
    _to_my_turn(m)
    assert m.take_back_refusal("georgia") == "there is no move of yours to take back yet"
    n = m.state.next_id
    assert m.submit(A.Table("georgia", levels=tuple(0 for _ in scenario.issues))).rejected is None
    m.run_ai()
    assert m.to_move == "azerbaijan" and m.take_back_refusal("georgia") is None
    _, what = m.take_back("georgia")  # not the draft's every clause: the line would not fit a message
    assert what == f"Georgia tables draft {n}"
    m.submit(A.Pass("azerbaijan"))
    m.run_ai()
    refused = m.take_back_refusal("georgia")  # what the window asks before it offers the take-back
    assert refused and refused.startswith("Azerbaijan has moved since")
    with pytest.raises(ValueError, match=refused.split(" (")[0]):
        m.take_back("georgia")


def test_the_message_does_not_count_the_moves_undone_after_it(scenario) -> None:
    """Some of them may be private moves the player never saw (another delegation's lobbying):
    their number would tell that they happened."""
    from game.session.match import taken_back_since

    m = Match(scenario, seed=4, seats={"georgia": "human"})
    _to_my_turn(m)
    m.submit(A.Pass("georgia"))
    only = m.take_back("georgia")[0]
    assert taken_back_since(m, only) == ""  # the move itself, nothing after it
    _to_my_turn(m)
    back = m.take_back("georgia")[0]
    assert len(m.actions) - len(back.actions) > 2
    assert taken_back_since(m, back) == ", and every move made after it"
