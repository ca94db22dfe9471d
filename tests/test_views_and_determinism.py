"""Hidden information stays hidden; the same seed and actions give the same game."""

from __future__ import annotations

import json

from game.engine import Options
from game.session.match import Match
from game.session.simulate import play_one, summarise


def test_view_hides_other_roles_secrets(cst, game):
    state = game.new(seed=3)
    view = game.view(state, "georgia")
    me = game.model.actor_index("georgia")
    for i, actor in enumerate(view.model.scenario.actors):
        true = cst.actors[i]
        if i == me:
            assert actor.confidential == true.confidential and actor.objectives == true.objectives
            continue
        assert actor.confidential == "" and actor.objectives == [] and actor.red_lines == []
        public = true.outside_option_public if true.outside_option_public is not None else true.outside_option
        assert actor.outside_option == public
    # no secret text of another role appears anywhere in the view's scenario dump
    dump = view.model.scenario.model_dump_json()
    for i, true in enumerate(cst.actors):
        if i != me and true.confidential:
            assert true.confidential[:60] not in dump


def test_private_noise_and_draws_only_in_own_view(game):
    from game.engine.table import build_table

    state = game.new(seed=11)
    secret = [a for a in state.adjustments if a.visible is not None]
    assert secret, "the scenario has hidden draws and per-game noise"
    for viewer in range(game.model.n_actors):
        unknown = [a for a in secret if viewer not in a.visible]
        without = state.evolve(adjustments=tuple(a for a in state.adjustments if a not in unknown))
        expected = build_table(game.view(state, viewer).model, without, viewer)
        table = game.view(state, viewer).table
        assert (table.outside == expected.outside).all()
        assert (table.salience == expected.salience).all()
        assert (table.ideal == expected.ideal).all()
    g = game.model.actor_index("georgia")
    assert game.view(state, "georgia").table.outside[g] != game.model.outside[g]  # noise known to self


def test_offers_are_private(game):
    from game.engine import actions as A

    state = game.new(seed=1)
    state, _ = game.apply(state, A.MakeOffer("russia", target="kazakhstan", offer="peacekeeping_mandate"))
    assert game.view(state, "kazakhstan").offers
    assert not game.view(state, "georgia").offers
    assert all(e.kind != "offer" for e in game.view(state, "georgia").log)


def test_same_seed_same_game(cst):
    a = play_one(cst, 42)
    b = play_one(cst, 42)
    assert [e.text for e in a.state.log] == [e.text for e in b.state.log]
    assert json.dumps(summarise(a), sort_keys=True) == json.dumps(summarise(b), sort_keys=True)


def test_replay_of_actions_reproduces_events_and_scores(cst):
    a = play_one(cst, 7)
    b = Match.from_payload(json.loads(json.dumps(a.to_payload())), cst)
    assert [e.text for e in b.state.log] == [e.text for e in a.state.log]
    assert b.result().to_dict() == a.result().to_dict()


def test_events_modes_differ(cst):
    hist = play_one(cst, 5, events="historical")
    none = play_one(cst, 5, events="none")
    assert any(e.kind == "event" for e in hist.state.log)
    assert not any(e.kind == "event" for e in none.state.log)
    prob = Match(cst, seed=5, options=Options(events="probabilistic"))
    prob.run_ai()
    assert prob.over
