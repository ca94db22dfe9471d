"""The AI levels are what they say to the people playing: easy computer delegations accommodate
the seats people play, hard ones mind their gains, normal ones bargain only for themselves
(docs/rules.md, "The AI"; measured in docs/balance/README.md, "Difficulty")."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.ai import candidates as C
from game.ai.outlook import evaluate, my_values, regard_values, situation
from game.ai.player import REGARD, Negotiator, PassivePlayer
from game.engine import utility as U
from game.session.match import Match
from game.session.simulate import play_one
from test_ai_batch import _states


def test_the_regard_term_is_the_regarded_seats_policy_values_as_the_viewer_knows_them(cst):
    game, states = _states(cst, 8)
    checked = 0
    for state in states:
        for viewer in range(game.model.n_actors):
            view = game.view(state, viewer)
            if not view.drafts:
                continue
            sit = situation(view)
            _, _, fc = evaluate(view, sit)
            people = [i for i in (2, 5) if i != viewer]
            regard = np.zeros(game.model.n_actors)
            regard[people] = 0.35
            plain = U.policy_values(game.model, view.table, fc.effective)[:, people].sum(axis=1) * 0.35
            assert regard_values(view, regard, fc.effective) == pytest.approx(plain, abs=1e-12)
            with_regard = my_values(view, replace(sit, regard=regard), fc, sit.levels)
            assert with_regard == pytest.approx(my_values(view, sit, fc, sit.levels) + plain, abs=1e-12)
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("seed", [1, 2])
def test_with_no_one_at_the_table_every_level_plays_as_normal(cst, seed):
    """The level is how the computer treats the people's seats, nothing else."""
    assert REGARD["hard"] < 0 < REGARD["easy"] and REGARD["normal"] == 0
    normal = play_one(cst, seed, difficulty="normal")
    assert not normal.regarded
    for level in ("easy", "hard"):
        assert play_one(cst, seed, difficulty=level).actions == normal.actions


def test_the_match_tells_the_ai_whose_seats_are_the_peoples(cst):
    match = Match(cst, seed=4, seats={"georgia": "human", "armenia": "human"}, difficulty="easy")
    assert match.regarded == {"georgia", "armenia"}
    ge, am = (match.game.model.actor_index(a) for a in ("georgia", "armenia"))
    seen = {}
    original = Negotiator.choose

    def spy(self, view, legal, rng):
        seen[view.me] = (self.regard, self.chair_regard)
        return original(self, view, legal, rng)

    Negotiator.choose = spy
    try:
        match.run_ai()  # to the first people's move
        mover = match.to_move
        assert mover in ("georgia", "armenia")
        match.ai_action()  # the AI playing a people's seat ("let the AI move") regards no one
    finally:
        Negotiator.choose = original
    assert seen[mover][0] is None
    half = np.zeros(cst_size := match.game.model.n_actors)
    half[[ge, am]] = REGARD["easy"] / 2
    for seat, (regard, chair) in seen.items():
        assert np.array_equal(chair, half)  # the AI chair's regard, known to all
        if seat != mover:
            assert np.array_equal(regard, half)
    assert cst_size == len(cst.actors)
    # your own players, moved by Match.play, count as the people's seats while it plays them
    bot = Match(cst, seed=4, difficulty="easy")
    assert bot.regarded == frozenset() and bot.regard("russia") is None
    seen.clear()
    Negotiator.choose = spy
    try:
        bot.play({"georgia": PassivePlayer()}, max_steps=12)
    finally:
        Negotiator.choose = original
    only = np.zeros(len(cst.actors))
    only[ge] = REGARD["easy"]
    assert seen and all(np.array_equal(regard, only) for regard, _ in seen.values())
    assert bot.regarded == frozenset()


def test_the_forecast_counts_the_ai_chairs_regard_as_the_chair_does(cst):
    """Match.situation (the window's and the text mode's forecast) gives a view the regard the level
    gives the AI chair: from the chair's own seat it names the very text the chair puts to
    signature, and from a people's seat it adds the same regard to the chair's value."""
    for seed in (1, 2, 3):
        match = Match(cst, seed=seed, seats={"georgia": "human"}, difficulty="easy")
        game = match.game
        state = game.new(match.seed, match.options)
        match.play({"georgia": PassivePlayer()})
        chair_regard = match.regard("russia")
        assert chair_regard is not None and chair_regard[game.model.actor_index("georgia")] == REGARD["easy"]
        for action in match.actions:
            if action.kind == "put_to_signature":
                chair = game.view(state, game.model.actor_index(action.actor))
                pick, _, _ = evaluate(chair, match.situation(chair))
                assert chair.drafts[pick].id == action.draft
                mine = game.view(state, game.model.actor_index("georgia"))
                assert np.array_equal(match.situation(mine).chair_regard, chair_regard)
            state, _ = game.apply(state, action)
    normal = Match(cst, seed=1, seats={"georgia": "human"})
    view = normal.game.view(normal.state, normal.game.model.actor_index("georgia"))
    assert normal.situation(view).chair_regard is None


def test_the_level_never_makes_a_delegation_sign_against_its_own_interest(cst):
    """The regard shapes what a delegation bargains for, not its signature."""
    match = Match(cst, seed=6, seats={"azerbaijan": "human"}, difficulty="easy")
    match.play({"azerbaijan": PassivePlayer()})
    game = match.game
    state = game.new(match.seed, match.options)
    checked = 0
    for action in match.actions:
        if action.kind == "sign" and action.actor != "azerbaijan":
            view = game.view(state, game.model.actor_index(action.actor))
            assert action.sign == C.wants_to_sign(view, situation(view))
            checked += 1
        state, _ = game.apply(state, action)
    assert checked >= 6


def _seat_scores(cst, seat, difficulty, seeds):
    out = []
    for seed in seeds:
        match = Match(cst, seed=seed, seats={seat: "human"}, difficulty=difficulty)
        match.play({seat: PassivePlayer()})
        out.append(match.result().roles[seat].score)
    return np.array(out)


def test_easy_opponents_leave_the_players_seat_more_and_hard_ones_less(cst):
    """A player who only passes and signs what is worth signing, in Georgia's seat, on the same
    seeds: the talks give it more against easy opponents and less against hard ones (200 games
    a level in docs/balance/README.md)."""
    seeds = range(1, 13)
    easy, normal, hard = (_seat_scores(cst, "georgia", level, seeds) for level in ("easy", "normal", "hard"))
    assert (easy >= normal).all() and easy.mean() > normal.mean() + 3
    assert (hard <= normal).all() and hard.mean() < normal.mean() - 0.5


def test_the_ai_your_result_is_compared_with_gets_what_the_level_gave_you(cst):
    """The debrief's and the grade sheet's "the AI in your seat" games (ai_cloud) treat your seat
    as the level treats people's: at easy the AI there is accommodated too, so "vs AI" compares
    like with like."""
    from game.report.debrief import ai_cloud

    match = Match(cst, seed=11, seats={"georgia": "human"}, difficulty="easy")
    cloud = [r["scores"]["georgia"] for r in ai_cloud(match, 4)]
    alone = [r["scores"]["georgia"] for r in ai_cloud(Match(cst, seed=11, difficulty="easy"), 4)]
    assert sum(cloud) > sum(alone) + 4
    # at normal the level regards no one, and the games are those of an AI-only match
    normal = Match(cst, seed=11, seats={"georgia": "human"})
    assert ai_cloud(normal, 2) == ai_cloud(Match(cst, seed=11), 2)
