"""The debrief's forecasting model: the compromise model's text from the actor table alone
(game/scoring/forecast_model.py), beside the class's and history's (ANCHORS: a debrief that
compares the class's result with history and with a forecast model run on the same table)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.engine import Options
from game.engine.table import build_table
from game.scenarios.loader import load_scenario
from game.scoring.forecast_model import compromise_forecast
from game.session.match import Match

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cst():
    return load_scenario(ROOT / "scenarios" / "cst-1999.yaml")


def test_the_model_text_is_the_weighted_middle_of_the_delegations_at_the_table(cst):
    m = Match(cst, seed=4, options=Options(events="historical"))
    model, state = m.game.model, m.state
    f = compromise_forecast(model, state)
    table = build_table(model, state, None)
    present = [i for i, a in enumerate(state.actors) if a.status == "present"]
    assert model.actor_index("uzbekistan") not in present  # boycotting: not weighed
    for k in range(model.n_issues):
        w = np.array([table.capability[i] * table.salience[i, k] for i in present])
        mean = float((w * table.ideal[present, k]).sum() / w.sum())
        assert f.means[k] == pytest.approx(mean, abs=1e-6)
        assert f.levels[k] == min(int(np.floor(mean + 0.5)), model.n_levels[k] - 1)
    # who signs it and how tight it is: the game's own rules for that text
    from game.engine.utility import forecast
    from game.scoring.treaty import score_treaty

    fc = forecast(model, table, np.array([f.levels]), state.chair)
    assert f.signers == frozenset(int(i) for i in np.flatnonzero(fc.signers[0]))
    assert f.treaty.tightness == score_treaty(model, table, f.levels, state.chair, f.signers).tightness


def test_the_ai_steers_by_the_same_average(cst):
    from game.ai.outlook import compromise

    m = Match(cst, seed=4, options=Options(events="historical"))
    for actor in ("russia", "georgia"):
        view = m.game.view(m.state, actor)
        t = view.table
        w = t.capability[:, None] * t.salience * t.eligible[:, None] + 1e-9
        assert np.allclose(compromise(view), (w * t.ideal).sum(axis=0) / w.sum(axis=0))


def test_the_debrief_puts_it_beside_the_class_and_history():
    from game.report.debrief import analyse, render
    from game.session.saves import load_match

    d = analyse(load_match(ROOT / "docs" / "examples" / "sample-class-game.json"), ai_runs=0)
    mf = d.model_forecast
    assert mf is not None and mf == compromise_forecast(d.model, d.snapshots[0].state)
    html = render(d)
    assert "What a forecasting model predicted" in html
    matches = sum(a == b for a, b in zip(d.result.levels, mf.levels))
    assert f"your class's text matches it on {matches} of {d.model.n_issues} issues" in html
    apart = [k for k in range(d.model.n_issues) if d.result.levels[k] != mf.levels[k]]
    assert apart and any("the forecasting model expected" in p for p in d.prompts)
