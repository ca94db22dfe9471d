"""Is the advice true? The forecast's sign-or-stay-out verdict and the end screen's tip (QA round)."""
from types import SimpleNamespace

import pytest

from game.ai.player import make_player
from game.engine import actions as A
from game.scenarios.loader import load_scenario
from game.session.match import Match
from game.textmode import render as T
from game.ui import presenters as P


def _at_signing(scenario, seat, seed):
    m = Match(scenario, seed=seed, seats={seat: "human"})
    p = make_player("passive")
    while True:
        m.run_ai()
        assert not m.over
        if m.state.phase == "signing" and m.state.on_table is not None and m.to_move == seat:
            return m
        m.submit(m.player_action(p))


@pytest.mark.parametrize("seed", [13, 15])
def test_the_verdict_says_what_its_numbers_leave_out_when_staying_out_costs_the_score(seed):
    """Tutorial, Corallia: "You would stay out: signing D1 is worth 0.42 to you, staying out 0.50",
    but declining left the pact short of signatures and scored 18 against 32 for signing. The
    verdict now says that staying out lowers the chance of entry into force and costs objectives."""
    sc = load_scenario("tutorial")
    m = _at_signing(sc, "corallia", seed)
    fc = P.table_vm(m, "corallia").forecast
    assert fc.my_verdict.startswith("You would stay out")
    assert "lowers the forecast's chance that the treaty enters into force" in fc.my_stakes
    assert "leave out your brief's objectives" in fc.my_stakes and "signing meets about" in fc.my_stakes
    assert fc.my_stakes in P.sign_warning(fc, m.state.on_table)
    view = m.game.view(m.state, "corallia")
    assert "leave out your brief's objectives" in " ".join(T.forecast_text(view, 100).split())
    scores = {}
    for sign in (True, False):  # what the engine says: signing scores more
        b = Match.from_payload(m.to_payload(), sc)
        assert b.submit(A.Sign("corallia", sign=sign)).rejected is None
        b.run_ai()
        scores[sign] = b.result().roles["corallia"].score
    assert scores[True] > scores[False] + 5


def test_no_note_when_the_choice_changes_nothing_the_numbers_leave_out():
    sc = load_scenario("cst-1999")
    m = _at_signing(sc, "georgia", 1)
    fc = P.table_vm(m, "georgia").forecast
    assert fc.my_stakes == ""


def test_the_tip_says_its_points_are_objective_points_and_what_they_are_worth_in_the_score():
    """'the biggest miss was X (2 pts)' read as 2 points of a 0-100 score; they are 2 of the
    brief's 7 objective points, worth 30% x 2/7 = about 9 points of the score."""
    from game.ui.scene_results import ResultsScene

    r = SimpleNamespace(objectives=(("A.", True, 3), ("Adapt first.", False, 2), ("C.", False, 1),
                                    ("D.", True, 1)))
    tip = ResultsScene.better_tip(r, 0.7)
    assert '"Adapt first" (2 of your 7 objective points, about 9 points of your score)' in tip
    assert "None of these is sure to work" in tip


def test_the_window_shows_the_stakes_in_a_line_and_whole_on_hover():
    """The verdict takes two lines of the forecast panel; the note did not fit after it. The panel
    gives it a line of its own in a few words, and the whole note opens the line's tooltip."""
    sc = load_scenario("tutorial")
    m = _at_signing(sc, "corallia", 13)
    fc = P.table_vm(m, "corallia").forecast
    assert fc.my_stakes_short.startswith("Also: staying out may sink the treaty")
    assert "your objectives favour signing" in fc.my_stakes_short
    assert len(fc.my_stakes_short) < 80 and fc.my_stakes not in fc.my_verdict
