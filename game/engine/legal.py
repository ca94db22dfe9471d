"""Enumerating legal actions (sorted, deterministic) and sampling one at random.

Tabling a brand-new draft has as many choices as there are drafts in the space
(3^7 = 2187 here, far more in large scenarios), so the enumeration lists tables
only on request; amendments cover the one-step neighbourhood of every draft.
"""

from __future__ import annotations

import itertools

from game.engine import actions as A
from game.engine.model import Model
from game.engine.rules import check
from game.engine.state import DIPLOMACY, SIGNING, GameState


def candidate_actions(model: Model, state: GameState, include_tables: bool = False) -> list[A.Action]:
    """Every action of the actor to move that might be legal (unfiltered). ``state`` may also be
    the mover's View (see :func:`legal_moves`)."""
    if state.turn < 0:
        return []
    me = state.turn
    who = model.actor_ids[me]
    out: list[A.Action] = []
    if state.phase == SIGNING:
        if state.on_table is None:
            return [A.PutToSignature(who, draft=d.id) for d in state.drafts]
        return [A.Sign(who, sign=True), A.Sign(who, sign=False)]
    if state.phase != DIPLOMACY:
        return []
    out.append(A.Pass(who))
    out += [A.Respond(who, offer=o.id, accept=acc) for o in state.offers
            if o.target == me and o.status == "pending" for acc in (True, False)]
    for d in state.drafts:
        out += [A.Endorse(who, draft=d.id), A.Oppose(who, draft=d.id),
                A.CallCommunique(who, draft=d.id)]
        for k in range(model.n_issues):
            out += [A.Amend(who, draft=d.id, issue=k, level=lv) for lv in range(model.n_levels[k])]
    others = [a for i, a in enumerate(model.actor_ids) if i != me]
    for target in others:
        out += [A.Lobby(who, target=target, issue=k) for k in range(model.n_issues)]
        for kind in model.scenario.actors[me].offers:
            out.append(A.MakeOffer(who, target=target, offer=kind.id, condition="sign"))
            out += [A.MakeOffer(who, target=target, offer=kind.id, condition="endorse", draft=d.id)
                    for d in state.drafts]
    for k in range(model.n_issues):
        for lv in range(model.n_levels[k]):
            out += [A.RedLine(who, issue=k, level=lv, direction="at_least"),
                    A.RedLine(who, issue=k, level=lv, direction="at_most")]
    out += [A.WalkOut(who), A.Return(who)]
    if include_tables:
        for levels in itertools.product(*(range(n) for n in model.n_levels)):
            out.append(A.Table(who, levels=tuple(int(x) for x in levels)))
    return out


def legal_actions(model: Model, state: GameState, include_tables: bool = False) -> list[A.Action]:
    """The legal actions of the actor to move, in a stable order."""
    return [a for a in candidate_actions(model, state, include_tables) if check(model, state, a) is None]


def legal_moves(view, legal, include_tables: bool = False) -> list[A.Action]:
    """The legal moves of a player, built from its :class:`~game.engine.views.View` alone, when
    it is to move (else ``[]``): the candidates of :func:`candidate_actions` (which reads only
    the turn, phase, drafts, the offers made to the mover and the mover's own offer kinds, all in
    its view) kept when ``legal(action)`` - the rules' check a player's ``choose(view, legal,
    rng)`` receives - returns None. The same list, in the same order, as
    :func:`legal_actions` on the state."""
    if not view.my_turn:
        return []
    return [a for a in candidate_actions(view.model, view, include_tables) if legal(a) is None]


def random_table(model: Model, state: GameState, u: list[float]) -> A.Action:
    """A uniformly random new draft from the given uniforms (one per issue)."""
    levels = tuple(min(int(x * n), n - 1) for x, n in zip(u, model.n_levels))
    return A.Table(model.actor_ids[state.turn], levels=levels)
