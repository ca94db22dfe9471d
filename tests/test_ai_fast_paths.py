"""The optimised forecast paths give exactly (bit for bit) what the straightforward
code gives, on random situations.

* :func:`game.engine.utility._solve_expected` (buffers, -inf for cells that may not
  sign) against the plain mean-field loop;
* :func:`game.engine.utility.forecast` against the plain forecast (status quo and club
  matrix cached per table);
* :meth:`game.ai.batch.Batch.values` (what-ifs stored as deltas, worlds valued
  together) against :meth:`Batch.values_reference` (full copies, one call per world);
* the incrementally built :func:`game.engine.table.build_table`, the derived public
  model and the incrementally filtered log against building them afresh.

Equality is exact (``==`` on floats), not approximate: the AI's choices must not move.
"""

from __future__ import annotations

import random
from dataclasses import fields, replace

import numpy as np
import pytest

from game.ai import candidates as C
from game.ai.batch import Batch
from game.ai.outlook import evaluate, situation
from game.ai.player import REGARD
from game.engine import actions as A
from game.engine import utility as U
from game.engine.model import build_model
from game.engine.model import NEG_INF, POS_INF
from game.engine.state import PRESENT
from game.engine.table import ActorTable, build_table
from game.engine.views import _visible_log, public_model
from game.session.simulate import play_one


# --- the straightforward versions (the code before the optimisation) ----------------

def _plain_inputs(model, table, levels, promiser, support, pay, ideal=None):
    settings = model.scenario.settings
    levels = np.asarray(levels, dtype=np.int64).reshape(-1, model.n_issues)
    cred = np.full(len(levels), table.reliability[promiser] * table.reputation[promiser])
    eff = U.effective_levels(model, levels, cred)
    policy = U.policy_values(model, table, eff, ideal)
    if ideal is None:
        status_quo = U.policy_values(model, table, model.baseline[None, :])[0]
    else:
        status_quo = U.policy_values(model, table, np.repeat(model.baseline[None, :], len(levels), 0), ideal)
    outside = table.outside[None, :] + settings.text_externality * (policy - status_quo)
    base = policy
    if support is not None:
        base = base + settings.endorse_commitment * support
    if pay is not None:
        base = base + pay
    red = _plain_red(table, levels)
    allowed = table.eligible[None, :] & ~red
    return levels, eff, base, outside, red, allowed


def _plain_red(table, levels):
    lv = levels[:, None, :]
    return ((lv < table.red_lo[None]) | (lv > table.red_hi[None])).any(axis=2)


def _plain_loop(model, table, eff, base, outside, red, allowed, fixed, margin, sigma, certain):
    kmat = U.club_matrix(model, table)
    hurdle = 0.0 if margin is None else margin[None, :]
    p = allowed.astype(float)
    for _ in range(U.ITERATIONS):
        club = p @ kmat.T
        sign_v = base + club
        stay_v = outside + U.EXTERNAL_SHARE * club
        gap = sign_v - stay_v - hurdle
        new = np.minimum(np.maximum(0.5 + gap / (2 * sigma), 0.0), 1.0) * allowed
        if certain is not None:
            new[:, certain] = (gap[:, certain] >= 0) & allowed[:, certain]
        if fixed is not None:
            new = np.where(fixed >= 0, (fixed == 1).astype(float), new)
        p = 0.5 * (p + new)
    need = model.scenario.settings.min_signatures
    mu = p.sum(axis=1)
    sd = np.sqrt((p * (1 - p)).sum(axis=1) + 1e-9)
    z = (mu - (need - 0.5)) / sd
    p_force = U.normal_cdf(z)
    inside = p * sign_v + (1 - p) * stay_v
    value = p_force[:, None] * inside + (1 - p_force[:, None]) * table.outside[None, :]
    return U.Forecast(eff, p >= 0.5, p_force >= 0.5, sign_v, stay_v, value, red, p, p_force)


def _plain_forecast(model, table, levels, promiser, support=None, pay=None, fixed=None, margin=None,
                    sigma=None, certain=None, ideal=None):
    inputs = _plain_inputs(model, table, levels, promiser, support, pay, ideal)
    levels, eff, base, outside, red, allowed = inputs
    if sigma is not None:
        return _plain_loop(model, table, eff, base, outside, red, allowed, fixed, margin, sigma, certain)
    settings = model.scenario.settings
    hurdle = outside if margin is None else outside + margin[None, :]
    kmat = U.club_matrix(model, table)
    signers = allowed.copy()
    if fixed is not None:
        signers = np.where(fixed >= 0, fixed == 1, signers)
    for _ in range(model.n_actors + 1):
        club = signers @ kmat.T
        sign_v = base + club
        stay_v = outside + U.EXTERNAL_SHARE * club
        new = allowed & (sign_v >= stay_v - outside + hurdle)
        if fixed is not None:
            new = np.where(fixed >= 0, fixed == 1, new)
        if np.array_equal(new, signers):
            break
        signers = new
    in_force = signers.sum(axis=1) >= settings.min_signatures
    value = np.where(in_force[:, None], np.where(signers, sign_v, stay_v), table.outside[None, :])
    return U.Forecast(eff, signers, in_force, sign_v, stay_v, value, red)


def _plain_build_table(model, state, viewer=None):
    ideal, sal = model.ideal.copy(), model.salience.copy()
    cap, rel, aff = model.capability.copy(), model.reliability.copy(), model.affinity.copy()
    if viewer is None:
        outside = model.outside.copy()
        lo, hi = model.red_lo.copy(), model.red_hi.copy()
    else:
        outside = model.outside_public.copy()
        outside[viewer] = model.outside[viewer]
        lo = np.full_like(model.red_lo, NEG_INF)
        hi = np.full_like(model.red_hi, POS_INF)
        lo[viewer], hi[viewer] = model.red_lo[viewer], model.red_hi[viewer]
    clamp = lambda x, a, b: a if x < a else b if x > b else float(x)  # noqa: E731
    for adj in state.adjustments:
        if viewer is not None and adj.visible is not None and viewer not in adj.visible:
            continue
        a, k = adj.actor, adj.issue
        if adj.field == "ideal":
            ideal[a, k] = clamp(ideal[a, k] + adj.delta, 0.0, float(model.span[k]))
        elif adj.field == "salience":
            sal[a, k] = clamp(sal[a, k] + adj.delta, 0.0, 1.0)
        elif adj.field == "outside_option":
            outside[a] = clamp(outside[a] + adj.delta, 0.0, 1.0)
        elif adj.field == "capability":
            cap[a] = clamp(cap[a] + adj.delta, 0.0, 1.0)
        elif adj.field == "reliability":
            rel[a] = clamp(rel[a] + adj.delta, 0.0, 1.0)
        elif adj.field == "affinity":
            aff[a, adj.other] = clamp(aff[a, adj.other] + adj.delta, -1.0, 1.0)
    for n, actor in enumerate(state.actors):
        for k, dlo, dhi in actor.declared:
            lo[n, k] = max(lo[n, k], dlo)
            hi[n, k] = min(hi[n, k], dhi)
    return ActorTable(ideal=ideal, salience=sal, outside=outside, capability=cap, reliability=rel,
                      affinity=aff, red_lo=lo, red_hi=hi,
                      reputation=np.array([a.reputation for a in state.actors]),
                      eligible=np.array([a.status == PRESENT for a in state.actors]))


def _same_forecast(a: U.Forecast, b: U.Forecast) -> None:
    for f in fields(U.Forecast):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if x is None or y is None:
            assert x is None and y is None, f.name
            continue
        assert x.shape == y.shape and x.dtype == y.dtype, f.name
        assert np.array_equal(x.view(np.uint8), y.view(np.uint8)), f.name  # bit for bit


# --- situations -----------------------------------------------------------------------

def _states(scenario, seed, n):
    """The first ``n`` diplomacy states of a game, and every fourth state of it."""
    match = play_one(scenario, seed)
    game = match.game
    state = game.new(match.seed, match.options)
    out, every = [], []
    for step, action in enumerate(match.actions):
        if state.phase == "diplomacy" and len(out) < n:
            out.append(state)
        if step % 4 == 0:
            every.append(state)
        state, _ = game.apply(state, action)
    return game, out, every + [state]


@pytest.fixture(scope="module")
def worlds(cst):
    from bench.scenario_gen import generate_scenario

    out = []
    for scenario, seed in ((cst, 5), (generate_scenario(12, 6), 2)):
        out.append(_states(scenario, seed, 10))
    return out


def _random_sit(rng: np.random.Generator, view, sit):
    """The situation with random public support, payments and (sometimes) signatures."""
    D, A_ = sit.support.shape
    support = rng.choice([-1.0, 0.0, 0.0, 1.0], size=(D, A_))
    pay = np.where(rng.random(A_) < 0.3, rng.random(A_) * 0.2, 0.0)
    fixed = None
    if rng.random() < 0.3:
        fixed = rng.choice([-1, -1, 0, 1], size=A_)
    return replace(sit, support=support, pay=pay, fixed=fixed)


def test_solve_matches_plain_loop(worlds):
    rng = np.random.default_rng(1)
    for game, states, _ in worlds:
        m = game.model
        for state in states:
            for viewer in range(m.n_actors):
                view = game.view(state, viewer)
                t = view.table
                R = int(rng.integers(1, 40))
                levels = np.stack([rng.integers(0, n, size=R) for n in m.n_levels], axis=1)
                support = rng.choice([-1.0, 0.0, 1.0], size=(R, m.n_actors))
                pay = rng.random((R, m.n_actors)) * 0.1
                fixed = rng.choice([-1, 0, 1], size=m.n_actors) if rng.random() < 0.4 else None
                margin = rng.random(m.n_actors) * 0.05 if rng.random() < 0.3 else None
                certain = int(rng.integers(m.n_actors)) if rng.random() < 0.7 else None
                sigma = float(rng.choice([0.05, 0.1, 0.25]))
                ideal = None
                if rng.random() < 0.4:
                    ideal = np.repeat(t.ideal[None], R, 0)
                    ideal[rng.integers(R), rng.integers(m.n_actors), rng.integers(m.n_issues)] = 1.5
                args = (m, t, levels, view.chair, support, pay, fixed, margin)
                _same_forecast(U.forecast(*args, sigma=sigma, certain=certain, ideal=ideal),
                               _plain_forecast(*args, sigma=sigma, certain=certain, ideal=ideal))
                _same_forecast(U.forecast(*args), _plain_forecast(*args))


@pytest.mark.parametrize("difficulty", ["easy", "normal", "hard"])
def test_batch_values_match_reference(worlds, difficulty):
    rng = np.random.default_rng({"easy": 0, "normal": 1, "hard": 2}[difficulty])
    checked = 0
    for game, states, _ in worlds:
        m = game.model
        for state in states:
            for viewer in range(m.n_actors):
                view = game.view(state, viewer)
                if view.actors[viewer].status != "present" or not view.drafts:
                    continue
                for variant in range(2):
                    sit = situation(view)
                    if variant:
                        sit = _random_sit(rng, view, sit)
                    if REGARD[difficulty]:  # easy and hard weigh the people's seats: one or two of them
                        people = rng.choice([i for i in range(m.n_actors) if i != viewer],
                                            size=1 + variant, replace=False)
                        regard = np.zeros(m.n_actors)
                        regard[people] = REGARD[difficulty] / len(people)
                        # ... and the chair's regard, as a viewer's forecast counts it
                        sit = replace(sit, regard=regard, chair_regard=regard if view.chair != viewer else None)
                    batches = [Batch(view, sit), Batch(view, sit)]
                    base_pick, _, fc = evaluate(view, sit)
                    for batch in batches:  # the same candidates into both
                        C._draft_moves(batch, base_pick, "pragmatic", C._favourite(view, sit, fc))
                        C._support_moves(batch, base_pick, fc)
                        C._lobby_moves(batch, base_pick, fc)
                        C._offer_moves(batch, base_pick, fc)
                        _random_what_ifs(random.Random(checked), batch)
                    fast, ref = batches[0].values(), batches[1].values_reference()
                    assert fast[0] == ref[0]
                    assert [(repr(a), v) for a, v in fast[1]] == [(repr(a), v) for a, v in ref[1]]
                    checked += len(fast[1])
    assert checked > 200


def _random_what_ifs(r: random.Random, batch: Batch) -> None:
    """Extra what-ifs of every kind: lobbies moving several actors and issues, payments to
    anyone, support changes of any draft."""
    view, sit = batch.view, batch.sit
    m, t = view.model, view.table
    for _ in range(r.randrange(4)):
        ideal = np.array(t.ideal)
        for _ in range(r.randrange(1, 4)):
            a, k = r.randrange(m.n_actors), r.randrange(m.n_issues)
            ideal[a, k] = r.uniform(0, m.span[k])
        batch.ideal_change(A.Pass(view.me), ideal, actions_needed=r.randrange(1, 4))
    batch.ideal_change(A.Pass(view.me), np.array(t.ideal))  # a lobby that changes nothing
    for _ in range(r.randrange(3)):
        k = r.randrange(m.n_issues)
        batch.ideal_cell_change(A.Pass(view.me), r.randrange(m.n_actors), k, r.uniform(0, m.span[k]),
                                actions_needed=r.randrange(1, 4))
    for _ in range(r.randrange(3)):
        pay = np.array(sit.pay)
        target = r.randrange(m.n_actors)
        pay[target] += r.uniform(0, 0.3)
        batch.pay_change(A.Pass(view.me), pay, target, r.uniform(0, 0.2))
    for _ in range(r.randrange(3)):
        batch.support_change(A.Pass(view.me), r.randrange(len(sit.levels)), r.choice([-1.0, 0.0, 1.0]))
    for _ in range(r.randrange(3)):
        batch.new_draft(A.Pass(view.me), tuple(r.randrange(int(n)) for n in m.n_levels))


def test_cached_tables_and_public_models(worlds, cst):
    for game, _, states in worlds:
        model = game.model
        for viewer in [None, *range(model.n_actors)]:
            pub = public_model(model, viewer)
            ref = build_model(pub.scenario.model_copy())  # compiled from the public scenario itself
            for f in fields(pub):
                x, y = getattr(pub, f.name), getattr(ref, f.name)
                if isinstance(x, np.ndarray):
                    assert x.dtype == y.dtype and np.array_equal(x, y), f.name
                elif f.name != "scenario":
                    assert x == y, f.name
            assert pub.scenario == ref.scenario
            for state in [*states, *reversed(states)]:  # tables built incrementally and afresh
                table = build_table(pub, state, viewer)
                fresh = _plain_build_table(pub, state, viewer)
                for f in fields(table):
                    x, y = getattr(table, f.name), getattr(fresh, f.name)
                    assert x.dtype == y.dtype and np.array_equal(x.view(np.uint8), y.view(np.uint8)), f.name
                    assert not x.flags.writeable
                if viewer is not None:
                    assert _visible_log(state.log, viewer) == tuple(
                        e for e in state.log if e.seen_by(viewer))
    # the scenario's own secrets: a seat's public model still knows its own red lines only
    model = build_model(cst)
    pub = public_model(model, 0)
    assert np.array_equal(pub.red_lo[0], model.red_lo[0])
    assert (pub.red_lo[1:] <= -1e8).all() and (pub.red_hi[1:] >= 1e8).all()


def test_worlds_limited_to_likely_drafts_match_reference(worlds):
    """Large conferences value lobbies and offers on a few drafts (Batch.limit_worlds):
    the fast path and the plain one agree bit for bit there too, a limited world is
    measured against the base on the same drafts, and a limit to every draft is no limit."""
    rng = np.random.default_rng(7)
    checked = 0
    for game, states, _ in worlds:
        m = game.model
        for state in states[::2]:
            for viewer in range(m.n_actors):
                view = game.view(state, viewer)
                if view.actors[viewer].status != "present" or len(view.drafts) < 2:
                    continue
                sit = situation(view)
                D = len(sit.ids)
                live = np.sort(rng.choice(D, size=int(rng.integers(1, D)), replace=False))
                base_pick, _, fc = evaluate(view, sit)
                batches = [Batch(view, sit) for _ in range(4)]
                for n, batch in enumerate(batches):
                    C._support_moves(batch, base_pick, fc)
                    if n < 2:
                        batch.limit_worlds(live)
                    elif n == 3:
                        batch.limit_worlds(np.arange(D))
                    C._lobby_moves(batch, base_pick, fc)
                    C._offer_moves(batch, base_pick, fc)
                    _random_what_ifs(random.Random(checked), batch)
                fast, ref = batches[0].values(), batches[1].values_reference()
                assert fast[0] == ref[0]
                assert [(repr(a), v) for a, v in fast[1]] == [(repr(a), v) for a, v in ref[1]]
                assert batches[2].values() == batches[3].values()
                # a lobby world that changes nothing gains nothing, limited or not
                nothing = [v for a, v in fast[1] if a.kind == "pass"]
                assert nothing and any(abs(v - fast[0]) < 1e-12 for v in nothing)
                checked += len(fast[1])
    assert checked > 100


@pytest.fixture(scope="module")
def large_world():
    from bench.scenario_gen import generate_scenario

    scenario = generate_scenario(U.SINGLE_PRECISION_ABOVE + 12, 6)
    return _states(scenario, 3, 6)


def test_large_conference_club_in_single_precision(large_world, monkeypatch):
    """Above SINGLE_PRECISION_ABOVE delegations the club product runs in float32: every
    forecast number stays within 1e-6 of the double-precision one (below the threshold
    the plain-loop test above holds bit for bit)."""
    game, states, _ = large_world
    m = game.model
    assert m.n_actors > U.SINGLE_PRECISION_ABOVE
    rng = np.random.default_rng(4)
    compared = 0
    for state in states:
        for viewer in range(0, m.n_actors, 7):
            view = game.view(state, viewer)
            R = int(rng.integers(1, 30))
            levels = np.stack([rng.integers(0, n, size=R) for n in m.n_levels], axis=1)
            support = rng.choice([-1.0, 0.0, 1.0], size=(R, m.n_actors))
            args = (m, view.table, levels, view.chair, support, None, None, None)
            single = U.forecast(*args, sigma=0.1, certain=viewer)
            monkeypatch.setattr(U, "SINGLE_PRECISION_ABOVE", 10**9)
            double = U.forecast(*args, sigma=0.1, certain=viewer)
            monkeypatch.undo()
            for f in ("sign_value", "stay_value", "value", "p_sign", "p_force"):
                a, b = getattr(single, f), getattr(double, f)
                assert a.dtype == b.dtype == np.float64
                assert np.abs(a - b).max() < 1e-6, f
            compared += 1
    assert compared >= 10


def test_large_conference_offers_to_the_closest_holdouts(large_world, monkeypatch):
    """In a large conference side payments are valued for the OFFER_TARGETS holdouts with
    the smallest shortfall; with the cap lifted the same offers come first, plus more."""
    game, states, _ = large_world
    m = game.model
    monkeypatch.setattr(C, "OFFER_TARGETS", 3)
    capped_seen = 0
    for state in states[1:]:
        for viewer in range(m.n_actors):
            view = game.view(state, viewer)
            if view.actors[viewer].status != "present" or not view.drafts \
                    or not m.scenario.actors[viewer].offers:
                continue
            sit = situation(view)
            base_pick, _, fc = evaluate(view, sit)
            capped, full = Batch(view, sit), Batch(view, sit)
            C._offer_moves(capped, base_pick, fc)
            monkeypatch.setattr(C, "OFFER_TARGETS", 10**9)
            C._offer_moves(full, base_pick, fc)
            monkeypatch.setattr(C, "OFFER_TARGETS", 3)
            got = [w.action for w in capped.worlds]
            every = [w.action for w in full.worlds]
            assert len(got) == min(3, len(every))
            assert all(a in every for a in got)
            short = {a: fc.stay_value[base_pick, m.actor_ids.index(a.target)]
                     - fc.sign_value[base_pick, m.actor_ids.index(a.target)] for a in every}
            if len(every) > 3:
                capped_seen += 1
                assert max(short[a] for a in got) <= min(short[a] for a in every if a not in got)
    assert capped_seen > 0


def test_red_crossed_matches_plain_comparison():
    """red_crossed compares only the actors with a known red line: the same booleans as
    comparing every actor, with none, some or all of them having red lines."""
    rng = np.random.default_rng(9)
    for n_red in (0, 1, 5, 12):
        A_, K = 12, 6
        lo = np.full((A_, K), NEG_INF)
        hi = np.full((A_, K), POS_INF)
        for a in rng.choice(A_, size=n_red, replace=False):
            k = int(rng.integers(K))
            if rng.random() < 0.5:
                lo[a, k] = int(rng.integers(3))
            else:
                hi[a, k] = int(rng.integers(3))
        table = ActorTable(ideal=np.zeros((A_, K)), salience=np.zeros((A_, K)), outside=np.zeros(A_),
                           capability=np.zeros(A_), reliability=np.zeros(A_), affinity=np.zeros((A_, A_)),
                           red_lo=lo, red_hi=hi, reputation=np.ones(A_), eligible=np.ones(A_, dtype=bool))
        levels = rng.integers(0, 3, size=(20, K))
        got = U.red_crossed(table, levels)
        assert got.dtype == bool and np.array_equal(got, _plain_red(table, levels))
        assert got.any() == (n_red > 0 and _plain_red(table, levels).any())
