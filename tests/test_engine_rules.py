"""Rules: every action kind is checked, refusals come with a reason, states never mutate."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest

from game.engine import actions as A
from game.engine.transition import IllegalAction


def _to_move(game, state):
    return game.actor_to_move(state)


def test_new_game_starts_with_chair_and_initial_draft(game):
    state = game.new(seed=1)
    assert state.round == 0 and state.phase == "diplomacy"
    assert _to_move(game, state) == "russia"  # the chair opens
    assert [d.author for d in state.drafts] == [game.model.actor_index("russia")]
    assert state.actors[game.model.actor_index("uzbekistan")].status == "boycotting"


def test_apply_leaves_input_state_untouched(game):
    state = game.new(seed=2)
    before = copy.deepcopy(state)
    game.apply(state, A.Table("russia", levels=(0, 0, 0, 0, 0, 0, 0)))
    assert state == before


@pytest.mark.parametrize("action,reason", [
    (A.Pass("georgia"), "not Georgia's turn"),
    (A.Table("russia", levels=(0, 0)), "one level for each of the 7 issues"),
    (A.Table("russia", levels=(9, 0, 0, 0, 0, 0, 0)), "has no level 9"),
    (A.Amend("russia", draft=99, issue=0, level=0), "no draft 99"),
    (A.Amend("russia", draft=1, issue=0, level=2), "already has that level"),
    (A.Lobby("russia", target="russia", issue=0), "cannot lobby yourself"),
    (A.Lobby("russia", target="ruritania", issue=0), "no delegation 'ruritania'"),
    (A.MakeOffer("russia", target="russia", offer="gas_prices"), "cannot make an offer to yourself"),
    (A.MakeOffer("russia", target="georgia", offer="base_timetable", condition="endorse", draft=99),
     "no draft 99"),
    (A.MakeOffer("russia", target="georgia", offer="nonsense"), "nothing called 'nonsense'"),
    (A.MakeOffer("russia", target="belarus", offer="base_timetable"), "cannot go to Belarus"),
    (A.Respond("russia", offer=5, accept=True), "no offer 5 made to you"),
    (A.RedLine("russia", issue=0, level=0, direction="sideways"), "'at_least' or 'at_most'"),
    (A.WalkOut("russia"), "chair cannot walk out"),
    (A.Return("russia"), "already at the table"),
    (A.PutToSignature("russia", draft=1), "only at the final summit"),
    (A.Sign("russia", sign=True), "nothing is open for signature"),
    (A.Pass("nobody"), "no actor 'nobody'"),
])
def test_refusals_have_reasons(game, action, reason):
    state = game.new(seed=1)
    got = game.check(state, action)
    assert got is not None and reason in got
    with pytest.raises(IllegalAction):
        game.apply(state, action)
    outcome = game.try_apply(state, action)
    assert outcome.rejected == got and outcome.state is state


def test_action_points_run_out(game):
    state = game.new(seed=1)
    state, _ = game.apply(state, A.Table("russia", levels=(2, 2, 2, 1, 0, 1, 2)))  # 2 AP
    # russia's turn comes back after everyone else has moved once
    for _ in range(20):
        if _to_move(game, state) == "russia":
            break
        state, _ = game.apply(state, A.Pass(_to_move(game, state)))
    assert state.actors[0].ap == 1
    assert "not enough action points" in game.check(state, A.Table("russia", levels=(0,) * 7))


def test_lobby_is_private_and_moves_ideal(game):
    state = game.new(seed=4)
    state, events = game.apply(state, A.Lobby("russia", target="kazakhstan", issue=0))
    entry = events[0]
    assert entry.kind == "lobby" and entry.visible == frozenset({0, 5})
    georgia_view = game.view(state, "georgia")
    assert all(e.kind != "lobby" for e in georgia_view.log)
    kaz_view = game.view(state, "kazakhstan")
    assert any(e.kind == "lobby" for e in kaz_view.log)


def test_offer_accept_and_breach_on_not_signing(game):
    state = game.new(seed=5)
    state, _ = game.apply(state, A.MakeOffer("russia", target="kazakhstan", offer="peacekeeping_mandate"))
    offer = state.offers[-1]
    while _to_move(game, state) != "kazakhstan":
        state, _ = game.apply(state, A.Pass(_to_move(game, state)))
    state, _ = game.apply(state, A.Respond("kazakhstan", offer=offer.id, accept=True))
    assert state.offer(offer.id).status == "accepted"
    assert _to_move(game, state) == "kazakhstan"  # responding is free
    # play to the signing with passes; Kazakhstan declines: a breach
    while state.phase == "diplomacy":
        state, _ = game.apply(state, A.Pass(_to_move(game, state)))
    state, _ = game.apply(state, A.PutToSignature("russia", draft=1))
    while state.phase == "signing":
        who = _to_move(game, state)
        state, _ = game.apply(state, A.Sign(who, sign=who != "kazakhstan"))
    assert state.offer(offer.id).status == "broken"
    kaz = state.actors[game.model.actor_index("kazakhstan")]
    assert kaz.reputation < 1.0
    assert any(e.kind == "breach" for e in state.log)


def test_walk_out_and_return(game):
    state = game.new(seed=6)
    state, _ = game.apply(state, A.Pass("russia"))
    state, _ = game.apply(state, A.Pass("belarus"))
    state, _ = game.apply(state, A.Pass("armenia"))
    state, events = game.apply(state, A.WalkOut("georgia"))
    g = game.model.actor_index("georgia")
    assert state.actors[g].status == "walked_out" and events[0].kind == "walk_out"
    while state.round == 0:
        state, _ = game.apply(state, A.Pass(_to_move(game, state)))
    while _to_move(game, state) != "georgia":
        state, _ = game.apply(state, A.Pass(_to_move(game, state)))
    assert "not at the table" in game.check(state, A.Endorse("georgia", draft=1))
    state, _ = game.apply(state, A.Return("georgia"))
    assert state.actors[g].status == "present" and state.actors[g].reputation < 1.0


def test_communique_needs_consensus(game):
    state = game.new(seed=7)
    state, events = game.apply(state, A.CallCommunique("russia", draft=1))
    assert events[0].kind == "communique"
    assert dict(events[0].data)["issued"] is False
    assert "already been called" in game.check(state, A.CallCommunique("russia", draft=1))


def test_red_line_crossed_costs_reputation(game):
    state = game.new(seed=8)
    state, _ = game.apply(state, A.RedLine("russia", issue=1, level=2, direction="at_least"))
    while state.phase == "diplomacy":
        state, _ = game.apply(state, A.Pass(_to_move(game, state)))
    state, _ = game.apply(state, A.PutToSignature("russia", draft=1))  # defence: discretion (1)
    while state.phase == "signing":
        state, _ = game.apply(state, A.Sign(_to_move(game, state), sign=True))
    assert state.actors[0].reputation < 1.0
    assert any(e.kind == "red_line_crossed" for e in state.log)


def test_game_ends_with_result_and_reveal(game):
    state = game.new(seed=9)
    while not state.ended:
        who = _to_move(game, state)
        if state.phase == "diplomacy":
            action = A.Pass(who)
        elif state.on_table is None:
            action = A.PutToSignature(who, draft=1)
        else:
            action = A.Sign(who, sign=True)
        state, _ = game.apply(state, action)
    kinds = [e.kind for e in state.log]
    assert "result" in kinds and "reveal" in kinds
    assert state.turn == -1
    assert game.check(state, A.Pass("russia")) == "the game is over"


def test_action_round_trip():
    for action in [A.Table("a", levels=(1, 2)), A.MakeOffer("a", target="b", offer="x", condition="endorse",
                                                            draft=3), A.Sign("a", sign=False)]:
        assert A.from_dict(action.to_dict()) == action
    with pytest.raises(A.ActionFormatError):
        A.from_dict({"kind": "fly"})


def test_an_offer_left_unanswered_expires_and_only_its_two_parties_are_told():
    from game.engine import Game, Options
    from game.engine.flow import end_talks
    from game.engine.state import Offer
    from game.scenarios.loader import load_scenario

    game = Game(load_scenario("cst-1999"))
    m = game.model
    state = game.new(3, Options())
    ru, kz, ge = (m.actor_index(a) for a in ("russia", "kazakhstan", "georgia"))
    kind = m.scenario.actors[ru].offers[0].id
    state = state.evolve(offers=(Offer(7, ru, kz, kind, "sign", None, state.round),))
    after = end_talks(m, state)
    assert after.offer(7).status == "expired"
    entry = next(e for e in after.log if e.kind == "offer_expired")
    assert entry.visible == frozenset({ru, kz}) and entry.actors == (ru, kz)
    assert "Offer 7 from Russia to Kazakhstan expired unanswered" in entry.text
    assert not any(e.kind == "offer_expired" for e in game.view(after, "georgia").log)
    assert any(e.kind == "offer_expired" for e in game.view(after, "kazakhstan").log)
    assert ge not in entry.visible


def test_a_lobby_log_says_whose_position_moved():
    """'X lobbies Y on Z: Y's position moves' (the old 'their position' left it open whose)."""
    from game.engine import Options
    from game.scenarios.loader import load_scenario
    from game.session.match import Match

    sc = load_scenario("tutorial")
    for seed in range(1, 40):
        m = Match(sc, seed=seed, options=Options(), seats={a.id: "random" for a in sc.actors})
        m.run_ai()
        moved = [e for e in m.state.log if e.kind == "lobby" and "position moves" in e.text]
        if moved:
            break
    assert moved, "no lobby moved a position in 40 random games"
    names = [a.name for a in sc.actors]
    for e in moved:
        lobbyist, target = (names[i] for i in e.actors)
        assert e.text.startswith(f"{lobbyist} lobbies {target} on ")
        assert e.text.endswith(f": {target}'s position moves")


def _until_georgia_offers_to_armenia_after_armenia_passed(seed: int = 3):
    """cst-1999: Armenia passes at its first turn; Georgia then offers Armenia transit for its
    signature; the others pass until the turn comes round to Armenia again. Returns (game, state,
    offer id, round)."""
    from game.engine import Game, Options
    from game.scenarios.loader import load_scenario

    game = Game(load_scenario("cst-1999"))
    m = game.model
    state = game.new(seed, Options())
    rnd = state.round
    ar, ge = m.actor_index("armenia"), m.actor_index("georgia")
    offered = None
    while offered is None or state.turn != ar:
        who = m.actor_ids[state.turn]
        if state.turn == ge and offered is None:
            assert state.actors[ar].done  # Armenia moves before Georgia and has passed
            state, _ = game.apply(state, A.MakeOffer("georgia", target="armenia", offer="transit_armenia",
                                                     condition="sign"))
            offered = state.offers[-1].id
        else:
            state, _ = game.apply(state, A.Pass(who))
        assert state.round == rnd
    return game, state, offered, rnd


def _pass_out_the_round(game, state):
    rnd = state.round
    while state.round == rnd:
        state, _ = game.apply(state, A.Pass(game.model.actor_ids[state.turn]))
    return state


def test_a_delegation_that_has_passed_is_called_back_to_answer_an_offer():
    """Georgia's only offer goes to Armenia, which moves first and passes early: the offer expired
    unanswered (an action point for nothing). Every offer now gets its answer: when the turn comes
    round to the receiver, it answers, and only that; the giver, still in the round, learns it."""
    game, state, offer, rnd = _until_georgia_offers_to_armenia_after_armenia_passed()
    m = game.model
    assert state.actors[state.turn].done and state.offer(offer).status == "pending"
    for refused in (A.Lobby("armenia", target="russia", issue=0), A.WalkOut("armenia"),
                    A.Endorse("armenia", draft=1)):
        assert game.check(state, refused) == ("you are done for this round and back only to answer "
                                              f"offer {offer}: accept or reject it, or pass to let it lapse")
    view = game.view(state, "armenia")
    assert [o.id for o in view.pending_offers()] == [offer]
    after, _ = game.apply(state, A.Respond("armenia", offer=offer, accept=True))
    assert after.offer(offer).status == "accepted" and after.round == rnd
    assert after.turn == m.actor_index("georgia")  # the next that can still move: the giver
    assert any(e.kind == "respond" for e in game.view(after, "georgia").log)
    closed = _pass_out_the_round(game, after)
    assert closed.round == rnd + 1 and not any(e.kind == "offer_expired" for e in closed.log)


def test_the_round_does_not_close_while_an_offer_waits():
    """Everyone else passes with the offer still waiting: the receiver answers last, and its
    answer closes the round."""
    game, state, offer, rnd = _until_georgia_offers_to_armenia_after_armenia_passed()
    m = game.model
    ar = m.actor_index("armenia")
    # Armenia's turn came before Georgia passed: let the others (Georgia too) be done first
    others_done = state.evolve(actors=tuple(replace(a, done=True) if i != ar else a
                                            for i, a in enumerate(state.actors)))
    after, _ = game.apply(others_done, A.Respond("armenia", offer=offer, accept=False))
    assert after.offer(offer).status == "rejected" and after.round == rnd + 1


def test_a_delegation_without_action_points_is_called_back_too():
    from game.engine.flow import answering_only, can_act

    game, state, offer, rnd = _until_georgia_offers_to_armenia_after_armenia_passed()
    m = game.model
    ar = m.actor_index("armenia")
    spent = state.evolve(actors=tuple(replace(a, done=False, ap=0) if i == ar else a
                                      for i, a in enumerate(state.actors)))
    assert answering_only(spent, ar) and can_act(m, spent, ar)
    assert "back only to answer" in game.check(spent, A.Table("armenia", levels=(0,) * m.n_issues))
    after, _ = game.apply(spent, A.Respond("armenia", offer=offer, accept=False))
    assert after.turn != ar and not can_act(m, after, ar)  # its answer handed the turn on


def test_a_delegation_still_in_the_round_answers_and_keeps_its_turn():
    """Answering is free: a delegation with moves left answers and goes on moving."""
    from game.engine import Game, Options
    from game.engine.state import Offer
    from game.scenarios.loader import load_scenario

    game = Game(load_scenario("cst-1999"))
    m = game.model
    state = game.new(3, Options())
    me = state.turn
    giver = next(i for i, a in enumerate(m.scenario.actors) if a.offers and i != me)
    kind = m.scenario.actors[giver].offers[0].id
    state = state.evolve(offers=(Offer(1, giver, me, kind, "sign", None, state.round),))
    after, _ = game.apply(state, A.Respond(m.actor_ids[me], offer=1, accept=False))
    assert after.turn == me and after.actors[me].ap == state.actors[me].ap


def test_passing_lets_the_offers_waiting_for_you_lapse():
    """Passing is how a delegation declines to answer (and Pass stays legal at every turn of the
    talks: bots and the facilitator's "end phase" rely on it). Its waiting offers lapse, and only
    giver and receiver are told."""
    game, state, offer, rnd = _until_georgia_offers_to_armenia_after_armenia_passed()
    m = game.model
    assert game.check(state, A.Pass("armenia")) is None
    after, events = game.apply(state, A.Pass("armenia"))
    assert after.offer(offer).status == "expired" and after.turn != m.actor_index("armenia")
    lapse = next(e for e in events if e.kind == "offer_expired")
    assert lapse.text == f"Offer {offer} from Georgia to Armenia lapsed: Armenia passed without answering"
    assert lapse.visible == frozenset({m.actor_index("georgia"), m.actor_index("armenia")})
    assert not any(e.kind == "offer_expired" for e in game.view(after, "russia").log)
    # a delegation still in the round that passes with an offer waiting lets it lapse at once
    from game.engine import Options
    from game.engine.state import Offer
    fresh = game.new(3, Options())
    me = fresh.turn
    giver = next(i for i, a in enumerate(m.scenario.actors) if a.offers and i != me)
    fresh = fresh.evolve(offers=(Offer(1, giver, me, m.scenario.actors[giver].offers[0].id, "sign", None,
                                       fresh.round),))
    passed, _ = game.apply(fresh, A.Pass(m.actor_ids[me]))
    assert passed.offer(1).status == "expired" and not passed.actors[me].ap < fresh.actors[me].ap
