"""Property tests (hypothesis): random legal play on every built-in scenario.

The game ends within its declared rounds, scores stay in bounds, the same seed and
actions give the same result, no view shows another actor's secrets, and save ->
load at any point resumes identically.
"""

from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai.player import RandomPlayer
from game.engine import Game
from game.scenarios.loader import load_scenario
from game.scenarios.registry import builtin_paths
from game.session.match import Match

SCENARIOS = {sid: load_scenario(sid) for sid in sorted(builtin_paths())}


def _random_actions(match: Match, rng: random.Random, limit: int = 3000) -> None:
    player = RandomPlayer()
    for _ in range(limit):
        if match.over:
            return
        actor = match.to_move
        view = match.game.view(match.state, actor)
        action = player.choose(view, lambda a: match.game.check(match.state, a), rng)
        outcome = match.submit(action)
        assert outcome.rejected is None, outcome.rejected


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sid=st.sampled_from(sorted(SCENARIOS)), seed=st.integers(0, 10_000), play=st.integers(0, 10_000),
       cut=st.floats(0, 1))
def test_random_play_properties(sid, seed, play, cut):
    sc = SCENARIOS[sid]
    seats = {a.id: "human" for a in sc.actors}
    match = Match(sc, seed=seed, seats=seats)
    _random_actions(match, random.Random(play))
    assert match.over, "the game ends"
    assert match.state.round <= len(sc.rounds) - 1
    result = match.result()
    assert 0 <= result.treaty.tightness <= 100
    assert all(0 <= r.score <= 100 for r in result.roles.values())

    # same seed and actions -> same result
    again = Match(sc, seed=seed, seats=seats)
    for action in match.actions:
        assert again.submit(action).rejected is None
    assert again.result().to_dict() == result.to_dict()

    # save -> load at any point resumes identically
    n = int(cut * len(match.actions))
    partial = Match.from_payload(json.loads(json.dumps(match.to_payload())), sc, upto=n)
    for action in match.actions[n:]:
        assert partial.submit(action).rejected is None
    assert [e.text for e in partial.state.log] == [e.text for e in match.state.log]

    # no view leaks another actor's private log entries or offers
    game: Game = match.game
    for i in range(game.model.n_actors):
        view = game.view(match.state, i)
        assert all(e.visible is None or i in e.visible for e in view.log)
        assert all(i in (o.giver, o.target) for o in view.offers)
        for j, actor in enumerate(view.model.scenario.actors):
            if j != i:
                assert actor.confidential == "" and actor.objectives == []
