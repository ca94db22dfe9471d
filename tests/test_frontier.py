"""Was value left on the table? (game/scoring/frontier.py)

The fast path scores every text at once and checks objectives only for the texts that could
win; these tests check it against the straightforward way: every text scored one by one with
``role_scores``, exactly as the results score the final text."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from game.engine import Options
from game.engine.utility import forecast
from game.scenarios.loader import load_scenario
from game.scoring.frontier import MORE, SAME, all_texts, frontier
from game.scoring.result import final_outcome, history_outcome, game_result
from game.scoring.roles import Outcome, role_scores
from game.scoring.treaty import score_treaty
from game.session.match import Match

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent


def _slow(model, table, out):
    """(texts better for every signatory, the Nash text's levels) the straightforward way."""
    S = sorted(out.signers)
    fixed = np.array([1 if i in out.signers else 0 for i in range(model.n_actors)])

    def scores(levels):
        treaty = score_treaty(model, table, levels, out.author, out.signers, out.actors)
        o = Outcome(levels=levels, author=out.author, signers=out.signers, treaty=treaty,
                    communique=out.communique, broke_word=out.broke_word, payments=out.payments,
                    reputation=out.reputation, actors=out.actors)
        rs = role_scores(model, table, o)
        return np.array([rs[a].score for a in model.actor_ids])

    def check(levels):
        fc = forecast(model, table, np.array([levels]), out.author, fixed=fixed)
        return fc.sign_value[0] - fc.stay_value[0], fc.red[0], fc.value[0]

    m0, red0, _ = check(out.levels)
    base = scores(out.levels)
    better, nash, nash_best = [], None, -math.inf
    pay = np.array(out.payments) if out.payments else np.zeros(model.n_actors)
    candidates = [out.levels] + [t for t in itertools.product(*[range(int(n)) for n in model.n_levels])
                                 if t != tuple(out.levels)]
    for levels in candidates:
        margin, red, value = check(levels)
        if not all(margin[i] >= min(m0[i], 0) - 1e-12 and (not red[i] or red0[i]) for i in S):
            continue
        sc = scores(levels)
        gain = sc[S] - base[S]
        if levels != tuple(out.levels) and (gain >= -SAME).all() and gain.max() >= MORE:
            better.append((float(gain.sum()), levels))
        surplus = [value[i] + pay[i] - table.outside[i] for i in S]
        if all(s > 1e-9 for s in surplus):
            prod = sum(math.log(s) for s in surplus)
            if prod > nash_best + 1e-9:
                nash_best, nash = prod, levels
    return better, nash


@pytest.fixture(scope="module")
def cst():
    return load_scenario(ROOT / "scenarios" / "cst-1999.yaml")


def test_the_real_text_left_value_on_the_table_as_the_slow_way_finds(cst):
    m = Match(cst, seed=1, options=Options(events="historical"))
    model = m.game.model
    table, out = history_outcome(model)
    f = frontier(model, table, out)
    better, nash = _slow(model, table, out)
    assert f.better == len(better) > 0 and not f.efficient and not f.capped and not f.sampled
    assert f.best.levels == max(better)[1]
    assert f.nash is not None and f.nash.levels == nash
    # the gains it reports are the results' own scores
    base = role_scores(model, table, out)
    levels = f.best.levels
    alt = role_scores(model, table, Outcome(levels=levels, author=out.author, signers=out.signers,
                                            treaty=score_treaty(model, table, levels, out.author, out.signers)))
    for actor, gain in f.best.gains + f.best.others:
        assert gain == pytest.approx(alt[actor].score - base[actor].score, abs=1e-9)
    assert all(g >= -SAME for _, g in f.best.gains) and max(g for _, g in f.best.gains) >= MORE
    assert {a for a, _ in f.best.gains} == set(cst.history.signatories)
    assert f.texts == int(np.prod(model.n_levels)) - 1


@pytest.mark.parametrize("seed", [2, 5])
def test_a_played_game_against_the_slow_way(cst, seed):
    m = Match(cst, seed=seed, options=Options(events="historical"))
    m.run_ai()
    model = m.game.model
    table, out, _ = final_outcome(model, m.state)
    f = frontier(model, table, out)
    better, nash = _slow(model, table, out)
    assert f.better == len(better)
    assert (f.best.levels if f.best else None) == (max(better)[1] if better else None)
    assert (f.nash.levels if f.nash else None) == nash
    if f.nash is not None and not f.nash.changes:
        assert f.final_is_nash
    # the signed text's own scores are the results' scores
    res = game_result(model, m.state)
    assert res.levels == out.levels and res.treaty.tightness == out.treaty.tightness


def test_a_signatory_that_signed_at_a_loss_is_left_out_of_the_nash_product(cst):
    m = Match(cst, seed=3, options=Options(events="historical"))
    model = m.game.model
    table, out = history_outcome(model)
    georgia = model.actor_index("georgia")
    forced = Outcome(levels=out.levels, author=out.author, signers=out.signers | {georgia},
                     treaty=score_treaty(model, table, out.levels, out.author, out.signers | {georgia}))
    f = frontier(model, table, forced)
    assert "georgia" in f.signers
    fixed = np.array([1 if i in forced.signers else 0 for i in range(model.n_actors)])
    texts, _ = all_texts(model)
    fc = forecast(model, table, np.vstack([np.array(out.levels)[None, :], texts]), out.author, fixed=fixed)
    S = sorted(forced.signers)
    margin = fc.sign_value[:, S] - fc.stay_value[:, S]
    willing = (margin >= np.minimum(margin[0], 0)[None, :] - 1e-12).all(axis=1) \
        & ~(fc.red[:, S] & ~fc.red[0, S][None, :]).any(axis=1)
    assert margin[0, S.index(georgia)] < 0  # it signed although staying out was worth more
    never = bool((fc.value[willing, georgia] <= table.outside[georgia] + 1e-9).all())
    assert never and f.nash_without == ("georgia",)
    assert f.nash is not None  # computed for the others


def test_nothing_signed_means_no_analysis(cst):
    m = Match(cst, seed=1, options=Options(events="historical"))
    model = m.game.model
    table, out = history_outcome(model)
    empty = Outcome(levels=out.levels, author=out.author, signers=frozenset(),
                    treaty=score_treaty(model, table, out.levels, out.author, frozenset()))
    assert frontier(model, table, empty) is None


def test_a_huge_scenario_is_sampled_with_a_seed(cst):
    m = Match(cst, seed=1)
    model = m.game.model
    texts, sampled = all_texts(model, limit=100, seed=4)
    again, _ = all_texts(model, limit=100, seed=4)
    assert sampled and len(texts) == 100 and len({tuple(t) for t in texts}) == 100
    assert (texts == again).all()
    assert (texts >= 0).all() and (texts < np.array(model.n_levels)).all()
    table, out = history_outcome(model)
    f = frontier(model, table, out, limit=100, seed=4)
    assert f.sampled and f.texts <= 100


def test_the_debrief_says_what_was_left_on_the_table(tmp_path):
    from game.report.debrief import analyse, render
    from game.session.saves import load_match

    d = analyse(load_match(ROOT / "docs" / "examples" / "sample-class-game.json"), ai_runs=0)
    html = render(d)
    assert "Was value left on the table?" in html and "The Nash bargaining text" in html
    assert d.history_frontier is not None and not d.history_frontier.efficient
    assert "Value left on the table." in html  # the real text's finding
    if d.frontier is not None and d.frontier.efficient:
        assert "On the Pareto frontier." in html
        assert any("Pareto frontier" in p and "real text was not" in p for p in d.prompts)


def test_the_results_in_the_window_and_the_terminal_say_it(cst):
    from game.scoring.frontier import describe
    from game.textmode.render import results_text
    from game.ui.presenters import results_vm

    m = Match(cst, seed=2, options=Options(events="historical"))
    m.run_ai()
    model = m.game.model
    f = frontier(model, *final_outcome(model, m.state)[:2])
    names = {a.id: a.name for a in cst.actors}
    said = describe(f, names, "->")
    assert ("On the Pareto frontier" in said) == f.efficient
    assert results_vm(m).left_on_table == said
    text = " ".join(results_text(m, 100).split())
    assert "Value left on the table? " + said.split(":")[0] in text
    # an outcome that left value on the table names the better text and each signatory's gain
    table, out = history_outcome(model)
    h = frontier(model, table, out)
    said = describe(h, names)
    assert said.startswith(f"Value left on the table: {h.better} other texts")
    assert all(f"{names[a]} {round(g, 1) + 0.0:+.1f}" in said for a, g in h.best.gains)
    assert all(f"{issue}: {a} \u2192 {b}" in said for issue, a, b in h.best.changes)


def test_the_facilitator_guide_says_what_the_real_text_left(cst):
    # docs/facilitator-guide.md tells teachers which clauses the real text could have tightened
    m = Match(cst, seed=1)
    model = m.game.model
    h = frontier(model, *history_outcome(model))
    assert {issue for issue, _, _ in h.best.changes} == {
        cst.issues[model.issue_index(k)].name for k in ("defence", "peacekeeping", "guarantees")}
    assert len(h.best.gains) == 6
    guide = (ROOT / "docs" / "facilitator-guide.md").read_text(encoding="utf-8")
    assert "tighter collective-defence,\n   peacekeeping and guarantee clauses would have served all six" in guide


def test_the_two_party_picture_of_the_bargain(cst):
    from game.report.debrief import analyse, chart_pair, render
    from game.session.saves import load_match

    m = Match(cst, seed=2, options=Options(events="historical"))
    m.run_ai()
    model = m.game.model
    table, out, _ = final_outcome(model, m.state)
    pair = chart_pair(m, table, out)
    assert pair[0] == out.author  # the chair across
    f = frontier(model, table, out, pair=pair)
    v = f.pair
    scores = role_scores(model, table, out)
    x_id, y_id = model.actor_ids[pair[0]], model.actor_ids[pair[1]]
    assert (v.x, v.y) == (x_id, y_id)
    assert v.final == pytest.approx((scores[x_id].score, scores[y_id].score), abs=1e-9)
    # the line: left to right, each point higher than every point to its right, none beaten by a dot
    assert [p[0] for p in v.line] == sorted(p[0] for p in v.line)
    assert all(a[1] > b[1] for a, b in zip(v.line, v.line[1:]))
    for x, y in v.points:
        assert not any(x > lx and y > ly for lx, ly in v.line)
    assert set(v.line) <= set(v.points) and len(v.points) > 10
    if f.nash is not None:
        assert v.nash is not None
    # without a people-played role the other party is the signatory whose wishes lie farthest from the chair's
    sal = table.salience
    gap = (np.abs(table.ideal - table.ideal[out.author]) / model.span * sal).sum(axis=1) / sal.sum(axis=1)
    others = [i for i in out.signers if i != out.author and model.status[i] != "non_party"]
    assert pair[1] == max(others, key=lambda i: gap[i])
    # a game people played: the first of their roles that is not the chair
    d = analyse(load_match(ROOT / "docs" / "examples" / "sample-class-game.json"), ai_runs=0)
    humans = [a for a in d.match.humans if model.actor_index(a) != d.match.state.chair]
    assert d.frontier.pair.y == humans[0]
    html = render(d)
    assert "The bargain between" in html and "<polyline" in html
