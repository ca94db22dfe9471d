"""What a classic forecasting model predicted, from the actor table alone.

The compromise model of multilateral bargaining: on each issue, the positions of the
delegations at the table averaged with weights for their clout (capability) and for how much
the issue matters to them (salience), rounded to the nearest level. In the literature on EU
decision making this simple model forecasts about as well as more elaborate ones; the game's
AI steers by the same average. The debrief puts its text beside the class's and history's:
the model knows nothing of tactics, promises, walk-outs or events, so where a text departs
from it, someone pulled it away from the weighted middle.

It reads the truth (every secret): it is for after the game.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.engine.model import Model
from game.engine.state import GameState
from game.engine.table import build_table
from game.engine.utility import compromise_point, forecast
from game.scoring.treaty import TreatyScore, score_treaty


@dataclass(frozen=True)
class ModelForecast:
    levels: tuple[int, ...]  # the forecast text: the nearest level on each issue
    means: tuple[float, ...]  # the weighted mean on each issue, in level numbers (0 = the first level listed)
    signers: frozenset[int]  # who would sign it, by the game's own signing rule
    treaty: TreatyScore


def compromise_forecast(model: Model, state: GameState) -> ModelForecast:
    """The compromise model's text for the delegations and positions of ``state`` (the start of
    a game, say), who would sign it and how tight it would be."""
    table = build_table(model, state, None)
    means = compromise_point(table)
    levels = tuple(min(max(int(math.floor(float(m) + 0.5)), 0), int(n) - 1)  # halves round up
                   for m, n in zip(means, model.n_levels))
    fc = forecast(model, table, np.array([levels]), state.chair)
    signers = frozenset(int(i) for i in np.flatnonzero(fc.signers[0]))
    treaty = score_treaty(model, table, levels, state.chair, signers, state.actors)
    return ModelForecast(levels, tuple(float(m) for m in means), signers, treaty)
