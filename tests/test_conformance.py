"""Every built-in scenario, many seeds, random and AI players: the protocol holds."""

from __future__ import annotations

import pytest

from game.scenarios.loader import load_scenario
from game.scenarios.registry import builtin_paths
from game.session.simulate import play_one

SCENARIOS = sorted(builtin_paths())


@pytest.mark.parametrize("scenario_id", SCENARIOS)
@pytest.mark.parametrize("kind", ["random", "ai"])
def test_games_end_with_bounded_scores(scenario_id, kind):
    sc = load_scenario(scenario_id)
    seats = {a.id: kind for a in sc.actors}
    for seed in range(4 if kind == "random" else 2):
        match = play_one(sc, seed, seats=seats)
        assert match.over
        assert match.state.round <= len(sc.rounds) - 1
        result = match.result()
        t = result.treaty
        assert 0 <= t.tightness <= 100 and 0 <= t.depth <= 1 and 0 <= t.breadth <= 1
        assert t.label in ("tight", "moderate", "loose", "lapsed")
        assert (t.label == "lapsed") == (len(t.signatories) < sc.settings.min_signatures)
        for role in result.roles.values():
            assert 0 <= role.score <= 100
        # every recorded action was legal when it was made: replaying it succeeds
        game = match.game
        state = game.new(seed, match.options)
        for action in match.actions:
            assert game.check(state, action) is None
            state, _ = game.apply(state, action)
        assert state.log == match.state.log
        # every offer gets its answer before its round closes, or lapses because its receiver passed
        # (a receiver that had passed is called back to answer): none is left to expire unseen
        lapsed = [e for e in match.state.log if e.kind == "offer_expired"]
        assert all("passed without answering" in e.text for e in lapsed)
        assert all(o.status != "pending" for o in match.state.offers)
