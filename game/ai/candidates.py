"""Candidate moves for the AI and their forecast gains.

Each generator proposes a few promising moves and measures them with the same
forecast the players see: the gain of a move is the viewer's value if the talks
ended after it, minus the value if they ended now, minus a small price per
action point. Drafts are evaluated in one array pass together with the drafts
already tabled.
"""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np

from game.ai.batch import Batch
from game.ai.outlook import Situation, chair_values, choice_scores, compromise, evaluate, situation
from game.engine import actions as A
from game.engine.rules import MAX_DRAFTS
from game.engine.table import ActorTable
from game.engine.utility import chair_pick, forecast
from game.engine.views import View

MIN_GAIN = 0.002
AP_PRICE = 0.003
BREACH_FEAR = 0.5  # matches scoring.roles.REPUTATION_WEIGHT
# In a conference of more than LARGE_CONFERENCE delegations, a lobby or an offer is
# valued on the LIVE_DRAFTS drafts the chair is likeliest to pick, not on every tabled
# draft: those what-ifs repeat the whole table and dominate the cost of a decision there.
# Smaller conferences (every built-in scenario) value them on every draft.
LARGE_CONFERENCE = 24
LIVE_DRAFTS = 6
# There, too, side payments are valued only for the OFFER_TARGETS holdouts closest to
# signing (the smallest shortfall), not for every holdout: their number grows with the
# conference, and a delegation with a few action points courts a few states at a time.
OFFER_TARGETS = 8


def _cost(view: View, kind: str) -> int:
    return int(view.model.scenario.settings.costs.get(kind, 0))


# --- signing -------------------------------------------------------------------

def wants_to_sign(view: View, sit: Situation) -> bool:
    """Sign when signing is worth at least staying out (with the others' choices so far)."""
    idx = sit.ids.index(view.on_table)
    me = view.viewer
    fc = forecast(view.model, view.table, sit.levels[idx:idx + 1], view.chair,
                  sit.support[idx:idx + 1], sit.pay[None, :], _undecided(sit.fixed, me))
    if fc.red[0, me]:
        return False
    breach = sum(BREACH_FEAR * view.model.scenario.settings.breach_penalty for o in view.offers
                 if o.target == me and o.status == "accepted" and o.condition == "sign")
    signers = fc.signers[0].copy()
    signers[me] = True
    if signers.sum() < view.model.scenario.settings.min_signatures:
        return breach > 0 or fc.sign_value[0, me] >= fc.stay_value[0, me]
    return fc.sign_value[0, me] + breach >= fc.stay_value[0, me]


def _undecided(fixed: np.ndarray | None, me: int) -> np.ndarray | None:
    if fixed is None:
        return None
    out = fixed.copy()
    out[me] = -1
    return out


def signing_move(view: View, sit: Situation | None = None) -> A.Action:
    sit = situation(view) if sit is None else sit
    if view.on_table is None:
        pick, _, _ = evaluate(view, sit)
        return A.PutToSignature(view.me, draft=sit.ids[pick])
    return A.Sign(view.me, sign=bool(wants_to_sign(view, sit)))


# --- offers and returning ------------------------------------------------------

def accept_offer(view: View, sit: Situation, offer, personality: str) -> bool:
    kind = next(k for k in view.model.scenario.actors[offer.giver].offers if k.id == offer.kind)
    slack = 0.03 if personality == "opportunist" else (-0.01 if personality == "stubborn" else 0.0)
    me = view.viewer
    pick, _, fc = evaluate(view, sit)
    if fc is None:
        return False
    row = pick if offer.condition == "sign" else sit.ids.index(offer.draft)
    if fc.red[row, me]:
        return False
    return bool(fc.sign_value[row, me] + kind.value + slack >= fc.stay_value[row, me])


def maybe_return(view: View, sit: Situation) -> A.Action | None:
    me = view.viewer
    table = _with_present(view.table, me)
    present = sit.present.copy()
    present[me] = True
    if len(sit.levels) == 0:
        return None
    fc = forecast(view.model, table, sit.levels, view.chair, sit.support, sit.pay[None, :])
    pick = chair_pick(view.model, fc, view.chair, sit.support, present,
                      chair_values(view, sit, fc, fc.value[:, me]))
    cost = view.model.scenario.settings.return_cost * BREACH_FEAR
    if fc.signers[pick, me] and fc.value[pick, me] - cost > view.table.outside[me] + 0.02:
        return A.Return(view.me)
    return None


def _with_present(table: ActorTable, me: int) -> ActorTable:
    eligible = table.eligible.copy()
    eligible[me] = True
    return replace(table, eligible=eligible)


# --- the diplomacy search ------------------------------------------------------

def scored_candidates(view: View, sit: Situation, personality: str) -> list:
    """[(gain, action)] for every candidate move, valued together in one batch."""
    base_pick, _, fc = evaluate(view, sit)
    batch = Batch(view, sit)
    _draft_moves(batch, base_pick, personality, _favourite(view, sit, fc))
    if fc is not None:
        _support_moves(batch, base_pick, fc)
        if view.model.n_actors > LARGE_CONFERENCE and len(sit.ids) > LIVE_DRAFTS:
            batch.limit_worlds(_likely_drafts(view, sit, fc))
        _lobby_moves(batch, base_pick, fc)
        _offer_moves(batch, base_pick, fc)
    base, values = batch.values()
    out = [(value - base - AP_PRICE * _cost(view, action.kind), action) for action, value in values]
    if fc is not None:
        out += _red_line_moves(view, sit, base_pick, fc)
        out += _communique_moves(view, sit)
    return out


def _likely_drafts(view: View, sit: Situation, fc) -> np.ndarray:
    """The LIVE_DRAFTS drafts the chair is likeliest to pick (by its score as the viewer
    sees it), in table order."""
    _, scores = choice_scores(view, sit, fc, sit.levels, sit.support)
    return np.sort(np.argsort(-scores, kind="stable")[:LIVE_DRAFTS])


def _favourite(view: View, sit: Situation, fc) -> int:
    """Index of the draft whose forecast value (``fc.value``) is highest for the viewer among
    those it endorses (-1: none)."""
    if fc is None:
        return -1
    endorsed = sit.support[:, view.viewer] > 0
    if not endorsed.any():
        return -1
    return int(np.argmax(np.where(endorsed, fc.value[:, view.viewer], -9)))


def _draft_candidates(view: View, sit: Situation, base_pick: int, personality: str,
                      favourite: int = -1) -> list[tuple[str, tuple[int, ...], int]]:
    """(kind, levels, parent draft id or -1) proposals. Amendments start from the draft the
    chair is likeliest to pick and from the viewer's favourite among the drafts it endorses:
    making one's own text acceptable is how a delegation gets it picked."""
    m = view.model
    me = view.viewer
    K = m.n_issues
    top = m.n_levels - 1
    # plain Python ints from here on: a few dozen short tuples, cheaper than numpy copies
    mine = np.clip(np.rint(view.table.ideal[me]), 0, top).astype(int).tolist()
    comp = compromise(view)
    pull = {"stubborn": 0.6, "pragmatic": 0.35, "opportunist": 0.2}[personality]
    centre = np.clip(np.rint(comp + pull * (view.table.ideal[me] - comp)), 0, top).astype(int).tolist()
    props: list[tuple[str, tuple[int, ...], int]] = [("table", tuple(centre), -1), ("table", tuple(mine), -1)]
    for k in range(K):
        gap = mine[k] - centre[k]
        if gap:
            props.append(("table", tuple(centre[:k] + [centre[k] + (1 if gap > 0 else -1)] + centre[k + 1:]),
                          -1))
    parents = [base_pick] if base_pick >= 0 else []
    if favourite >= 0 and favourite != base_pick:
        parents.append(favourite)
    n_levels = m.n_levels.tolist()
    rows = sit.levels.tolist()
    for p in parents:
        row, parent = rows[p], sit.ids[p]
        for k in range(K):
            for step in (-1, 1):  # toward one's own ideal and concessions (one step away)
                if 0 <= row[k] + step < n_levels[k]:
                    props.append(("amend", tuple(row[:k] + [row[k] + step] + row[k + 1:]), parent))
    return props


def _draft_moves(batch: Batch, base_pick: int, personality: str, favourite: int = -1) -> None:
    view, sit = batch.view, batch.sit
    if len(sit.ids) >= MAX_DRAFTS:
        return
    rows = sit.levels.tolist()
    existing = set(map(tuple, rows))
    seen: set[tuple[int, ...]] = set()
    for kind, levels, parent in _draft_candidates(view, sit, base_pick, personality, favourite):
        if levels in existing or levels in seen:
            continue
        seen.add(levels)
        if kind == "table":
            action = A.Table(view.me, levels=levels)
        else:
            row = rows[sit.ids.index(parent)]
            k = next(i for i in range(len(row)) if row[i] != levels[i])
            action = A.Amend(view.me, draft=parent, issue=k, level=levels[k])
        batch.new_draft(action, levels)


def _support_moves(batch: Batch, base_pick: int, fc) -> None:
    """Endorse the draft one would most gladly sign; oppose a likely text one would not."""
    view, sit = batch.view, batch.sit
    me = view.viewer
    margin = fc.sign_value[:, me] - fc.stay_value[:, me]
    best = int(np.argmax(np.where(fc.red[:, me], -9, margin)))
    if sit.support[best, me] <= 0:
        batch.support_change(A.Endorse(view.me, draft=sit.ids[best]), best, 1.0)
    if margin[base_pick] < 0 and sit.support[base_pick, me] >= 0:
        batch.support_change(A.Oppose(view.me, draft=sit.ids[base_pick]), base_pick, -1.0)


def _lobby_moves(batch: Batch, base_pick: int, fc) -> None:
    """Lobby the delegations closest to changing their minds (and the chair), each on
    the issue where moving them matters most to the lobbyist; valued at the expected
    shift of one lobby, and of a campaign of lobbies (its gain shared among its moves)."""
    view = batch.view
    m, me, t = view.model, view.viewer, view.table
    margin = fc.sign_value[base_pick] - fc.stay_value[base_pick]
    targets = [int(i) for i in np.argsort(np.abs(margin)) if i != me and t.eligible[i]]
    targets = targets[:2]
    if view.chair != me and view.chair not in targets:
        targets.append(view.chair)
    # Lobbying pays over several moves: value a campaign of the lobbies one can still make.
    rounds_left = len(m.scenario.rounds) - 1 - view.state_round
    ap = m.scenario.settings.action_points
    campaign = max(1, min(4, view.actors[me].ap + ap * rounds_left))
    n_issues = 2
    for target in targets:
        gap = t.ideal[me] - t.ideal[target]
        pull = t.salience[me] * np.abs(gap) * (1 - t.salience[target])
        for k in np.argsort(-pull, kind="stable")[:n_issues]:
            if abs(gap[k]) >= 0.05:
                _lobby_worlds(batch, target, int(k), gap, campaign)


def _lobby_worlds(batch: Batch, target: int, k: int, gap: np.ndarray, campaign: int) -> None:
    """One lobby of ``target`` on issue ``k``, and a campaign of ``campaign`` of them."""
    view = batch.view
    m, me, t = view.model, view.viewer, view.table
    step, backfire = _lobby_estimate(view, me, target, k)
    expected = (1 - backfire) * step - backfire * 0.5 * step
    action = A.Lobby(view.me, target=m.actor_ids[target], issue=k)
    span = float(m.span[k])
    for n in sorted({1, campaign}):
        shift = float(np.sign(expected) * min(abs(expected) * n, abs(gap[k])))
        moved = float(t.ideal[target, k] + shift)
        # plain comparisons: np.clip on a scalar costs microseconds (same numbers)
        moved = 0.0 if moved < 0 else span if moved > span else moved
        batch.ideal_cell_change(action, target, k, moved, actions_needed=n)


def _lobby_estimate(view: View, me: int, target: int, issue: int) -> tuple[float, float]:
    s = view.model.scenario.settings
    t = view.table
    aff = float(t.affinity[target, me])
    gap = float(t.ideal[me, issue] - t.ideal[target, issue])
    strength = s.lobby_strength * (0.4 + 0.6 * t.capability[me]) * (1 - t.salience[target, issue])
    strength *= 0.5 + 0.5 * max(aff, -0.5) + 0.25
    step = float(np.sign(gap) * min(abs(gap), strength))
    return step, min(0.9, 0.05 + s.backfire * max(0.0, -aff))


def _offer_moves(batch: Batch, base_pick: int, fc) -> None:
    """The cheapest side payment that could flip each holdout, valued in expectation:
    the forecast is probabilistic, and the cost is paid only if the receiver signs."""
    view, sit = batch.view, batch.sit
    m, me = view.model, view.viewer
    kinds = m.scenario.actors[me].offers
    if not kinds:
        return
    open_pairs = {(o.target, o.kind) for o in view.offers if o.giver == me
                  and o.status in ("pending", "accepted")}
    offers = []
    for target in range(m.n_actors):
        if target == me or fc.p_sign[base_pick, target] > 0.9 or not view.table.eligible[target]:
            continue
        short = fc.stay_value[base_pick, target] - fc.sign_value[base_pick, target]
        fits = sorted((k for k in kinds if (not k.to or m.actor_ids[target] in k.to)
                       and k.value >= short - sit.sigma and (target, k.id) not in open_pairs),
                      key=lambda k: k.cost)
        if fits:
            offers.append((float(short), target, fits[0]))
    if m.n_actors > LARGE_CONFERENCE and len(offers) > OFFER_TARGETS:
        keep = {o[1] for o in sorted(offers, key=lambda o: o[0])[:OFFER_TARGETS]}  # ties: by seat
        offers = [o for o in offers if o[1] in keep]
    for _, target, kind in offers:
        pay = sit.pay.copy()
        pay[target] += kind.value
        batch.pay_change(A.MakeOffer(view.me, target=m.actor_ids[target], offer=kind.id), pay,
                         target, kind.cost)


def _red_line_moves(view, sit, base_pick, fc) -> list:
    """Declare a confidential red line the likely text crosses (makes it known) - when it
    is a bargaining position: the viewer would sign the likely text if it respected its red
    lines. A delegation that would stay out anyway tells the table nothing it can use."""
    m, me = view.model, view.viewer
    out = []
    declared = {(k, lo, hi) for k, lo, hi in view.actors[me].declared}
    row = sit.levels[base_pick]
    crossed = (row < m.red_lo[me]) | (row > m.red_hi[me])
    if not crossed.any():
        return out
    kept = np.clip(row, np.maximum(m.red_lo[me], 0), np.minimum(m.red_hi[me], m.n_levels - 1))
    after = forecast(m, view.table, kept.astype(np.int64)[None, :], view.chair,
                     sit.support[base_pick][None, :], sit.pay[None, :], sit.fixed,
                     sigma=sit.sigma, certain=me)
    if after.sign_value[0, me] < after.stay_value[0, me]:
        return out
    for k in range(m.n_issues):
        lo, hi = m.red_lo[me, k], m.red_hi[me, k]
        if lo > -1e8 and row[k] < lo and (k, float(lo), 1e9) not in declared:
            out.append((0.01, A.RedLine(view.me, issue=k, level=int(lo), direction="at_least")))
        if hi < 1e8 and row[k] > hi and (k, -1e9, float(hi)) not in declared:
            out.append((0.01, A.RedLine(view.me, issue=k, level=int(hi), direction="at_most")))
    return out


def _communique_moves(view, sit) -> list:
    if view.viewer != view.chair or not view.model.scenario.rounds[view.state_round].communique:
        return []
    present = sit.present
    for n, draft_id in enumerate(sit.ids):
        if all(sit.support[n, i] > 0 for i in range(len(present)) if present[i]):
            return [(0.02, A.CallCommunique(view.me, draft=draft_id))]
    return []


# --- everything, for the random player -----------------------------------------

def all_moves(view: View, rng: random.Random) -> list[A.Action]:
    """A broad sample of possible moves (unfiltered), for the random baseline."""
    m, me = view.model, view.me
    if view.phase == "signing":
        if view.on_table is None:
            return [A.PutToSignature(me, draft=d.id) for d in view.drafts]
        return [A.Sign(me, sign=True), A.Sign(me, sign=False)]
    moves: list[A.Action] = [A.Pass(me), A.WalkOut(me), A.Return(me)]
    moves += [A.Respond(me, offer=o.id, accept=b) for o in view.pending_offers() for b in (True, False)]
    moves.append(A.Table(me, levels=tuple(rng.randrange(int(n)) for n in m.n_levels)))
    for d in view.drafts:
        moves += [A.Endorse(me, draft=d.id), A.Oppose(me, draft=d.id), A.CallCommunique(me, draft=d.id)]
        k = rng.randrange(m.n_issues)
        moves.append(A.Amend(me, draft=d.id, issue=k, level=rng.randrange(int(m.n_levels[k]))))
    for target in m.actor_ids:
        if target != me:
            moves.append(A.Lobby(me, target=target, issue=rng.randrange(m.n_issues)))
            for kind in m.scenario.actors[view.viewer].offers:
                moves.append(A.MakeOffer(me, target=target, offer=kind.id))
    k = rng.randrange(m.n_issues)
    moves.append(A.RedLine(me, issue=k, level=rng.randrange(int(m.n_levels[k])),
                           direction=rng.choice(["at_least", "at_most"])))
    return moves
