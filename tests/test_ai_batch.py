"""The batched evaluation of candidate moves equals evaluating each one on its own."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.ai import candidates as C
from game.ai.batch import Batch
from game.ai.outlook import chair_values, evaluate, pick_weights, situation
from game.engine import actions as A
from game.engine.utility import chair_scores
from game.session.simulate import play_one


def _states(cst, n=12):
    match = play_one(cst, 3)
    game = match.game
    state = game.new(match.seed, match.options)
    out = []
    for action in match.actions:
        if state.phase == "diplomacy" and len(out) < n:
            out.append(state)
        state, _ = game.apply(state, action)
    return game, out


def _decisions(game, states):
    """(view, situation, evaluate(...)) of every present delegation with drafts to weigh."""
    for state in states:
        for viewer in range(game.model.n_actors):
            view = game.view(state, viewer)
            if view.actors[viewer].status == "present" and view.drafts:
                sit = situation(view)
                yield view, sit, evaluate(view, sit)


@pytest.mark.parametrize("regard", [0.0, 0.7, -0.8])  # the levels' regard for a people's seat (Georgia)
def test_batch_matches_one_by_one(cst, regard):
    game, states = _states(cst)
    checked = 0
    for view, sit, (base_pick, base_value, fc) in _decisions(game, states):
        if regard and view.viewer != 3:
            weights = np.zeros(game.model.n_actors)
            weights[3] = regard
            sit = replace(sit, regard=weights, chair_regard=weights if view.chair != view.viewer else None)
            base_pick, base_value, fc = evaluate(view, sit)
        batch = Batch(view, sit)
        C._draft_moves(batch, base_pick, "pragmatic", C._favourite(view, sit, fc))
        C._support_moves(batch, base_pick, fc)
        C._lobby_moves(batch, base_pick, fc)
        C._offer_moves(batch, base_pick, fc)
        base, values = batch.values()
        assert base == pytest.approx(base_value, abs=1e-9)
        for (action, value), world in zip(values, batch.worlds):
            assert value == pytest.approx(_reference(view, sit, action, world), abs=1e-9), action
            checked += 1
    assert checked > 50


def test_amendments_start_from_the_favourite_endorsed_draft(cst):
    """Amendments of the chair's likely pick and of the viewer's favourite among the drafts it
    endorses (making one's own text acceptable), at every level."""
    game, states = _states(cst, 40)
    seen = 0
    for view, sit, (base_pick, _, fc) in _decisions(game, states):
        viewer = view.viewer
        fav = C._favourite(view, sit, fc)
        endorsed = [i for i in range(len(sit.ids)) if sit.support[i, viewer] > 0]
        assert (fav == -1) == (not endorsed)
        if fav in (-1, base_pick):
            continue
        assert fc.value[fav, viewer] == max(fc.value[i, viewer] for i in endorsed)
        props = C._draft_candidates(view, sit, base_pick, "pragmatic", fav)
        assert {p for kind, _, p in props if kind == "amend"} == {sit.ids[base_pick], sit.ids[fav]}
        seen += 1
    assert seen >= 3


def _reference(view, sit, action, world) -> float:
    me = view.viewer
    if isinstance(action, (A.Table, A.Amend)):
        levels = action.levels if isinstance(action, A.Table) else _amended(sit, action)
        sup = np.zeros((1, view.model.n_actors))
        sup[0, me] = 1
        return evaluate(view, sit, levels=np.vstack([sit.levels, [levels]]),
                        support=np.vstack([sit.support, sup]))[1]
    if isinstance(action, (A.Endorse, A.Oppose)):
        support = sit.support.copy()
        support[sit.ids.index(action.draft), me] = 1 if isinstance(action, A.Endorse) else -1
        return evaluate(view, sit, support=support)[1]
    if isinstance(action, A.Lobby):
        ideal = view.table.ideal.copy()
        target = view.model.actor_index(action.target)
        step, backfire = C._lobby_estimate(view, me, target, action.issue)
        expected = (1 - backfire) * step - backfire * 0.5 * step
        n = world.actions_needed
        gap = abs(view.table.ideal[me, action.issue] - view.table.ideal[target, action.issue])
        shift = float(np.sign(expected) * min(abs(expected) * n, gap))
        ideal[target, action.issue] = float(np.clip(ideal[target, action.issue] + shift, 0,
                                                    view.model.span[action.issue]))
        base = evaluate(view, sit)[1]
        return base + (evaluate(view, sit, table=replace(view.table, ideal=ideal))[1] - base) / n
    if isinstance(action, A.MakeOffer):
        target = view.model.actor_index(action.target)
        kind = next(k for k in view.model.scenario.actors[me].offers if k.id == action.offer)
        pay = sit.pay.copy()
        pay[target] += kind.value
        pick, value, fc = evaluate(view, sit, pay=pay)
        scores = chair_scores(view.model, fc, view.chair, sit.support, sit.present,
                              chair_values(view, sit, fc, _mine(view, sit, fc)))
        if me == view.chair:
            return value - fc.p_sign[pick, target] * kind.cost
        weights = pick_weights(scores, sit.sigma)
        return value - float((weights * fc.p_sign[:, target]).sum()) * kind.cost
    raise AssertionError(action)


def _mine(view, sit, fc):
    from game.ai.outlook import my_values

    return my_values(view, sit, fc, sit.levels)


def _amended(sit, action):
    row = list(sit.levels[sit.ids.index(action.draft)])
    row[action.issue] = action.level
    return tuple(row)


def test_red_lines_declared_only_as_a_bargaining_position(cst):
    """A red line the likely text crosses is declared only by a delegation that would sign
    that text if it respected its red lines: Georgia, far from signing any text Russia
    tables, declares none; the same Georgia with a worthless outside option declares them."""
    from dataclasses import replace as dc_replace

    from game.ai import candidates as C
    from game.ai.outlook import evaluate, situation
    from game.session.match import Match

    match = Match(cst, seed=11)
    georgia = match.game.model.actor_ids.index("georgia")
    while match.to_move != "georgia" or not match.state.drafts:
        match.step_ai()
    view = match.game.view(match.state, georgia)
    sit = situation(view)
    pick, _, fc = evaluate(view, sit)
    row = sit.levels[pick]
    assert ((row < view.model.red_lo[georgia]) | (row > view.model.red_hi[georgia])).any()
    assert C._red_line_moves(view, sit, pick, fc) == []

    outside = view.table.outside.copy()
    outside[georgia] = 0.0
    keen = dc_replace(view, table=dc_replace(view.table, outside=outside))
    sit = situation(keen)
    pick, _, fc = evaluate(keen, sit)
    moves = C._red_line_moves(keen, sit, pick, fc)
    assert moves and all(a.kind == "red_line" and a.actor == "georgia" for _, a in moves)
