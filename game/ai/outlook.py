"""What the talks would give if they ended now, as one actor sees it.

Builds the forecast inputs (drafts, public support, side payments)
from a :class:`View`, and answers "what would I get if the chair put the best
draft for it to signature now?" - the yardstick every AI move is measured by.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.state import PRESENT
from game.engine.table import ActorTable
from game.engine.utility import Forecast, chair_scores, compromise_point, forecast
from game.engine.views import View
from game.ai.objectives import objective_shares, objective_weight


@dataclass(frozen=True, eq=False)
class Situation:
    levels: np.ndarray  # (D, K)
    support: np.ndarray  # (D, A)
    ids: tuple[int, ...]  # draft ids
    pay: np.ndarray  # (A,) side payments on signing, as the viewer knows them
    present: np.ndarray  # (A,) bool
    fixed: np.ndarray | None
    objective_weight: float = 0.0
    sigma: float = 0.1  # how uncertain the viewer is about others' signing decisions
    # (A,) how much of each other delegation's value of a text the viewer counts as its own
    # (the difficulty levels' regard for the seats people play; None: none)
    regard: np.ndarray | None = None
    # (A,) the chair's regard, as everyone knows it (the level is no secret): what the viewer's
    # forecast of the chair's pick adds to the chair's own value (None: none, or the viewer chairs)
    chair_regard: np.ndarray | None = None


def situation(view: View) -> Situation:
    m = view.model
    A = m.n_actors
    drafts = view.drafts
    levels = np.array([d.levels for d in drafts], dtype=np.int64).reshape(-1, m.n_issues)
    support = np.zeros((len(drafts), A))
    for n, d in enumerate(drafts):
        for i in d.endorse:
            support[n, i] = 1
        for i in d.oppose:
            support[n, i] = -1
    pay = np.zeros(A)
    for o in view.offers:
        if o.status == "accepted" and o.condition == "sign":
            kind = next(k for k in m.scenario.actors[o.giver].offers if k.id == o.kind)
            pay[o.target] += kind.value
    fixed = np.array(view.signatures) if view.phase == "signing" else None
    return Situation(levels, support,
                     tuple(d.id for d in drafts), pay,
                     np.array([a.status == PRESENT for a in view.actors]), fixed,
                     objective_weight(view), forecast_sigma(view))


def forecast_sigma(view: View) -> float:
    """Uncertainty about others' signing: the scenario's noise plus estimation error."""
    return 2 * view.model.scenario.settings.uncertainty + 0.05


def my_values(view: View, sit: Situation, fc: Forecast, levels: np.ndarray) -> np.ndarray:
    """(D,) what each draft, if signed, is worth to the viewer: utility plus objectives."""
    value = fc.value[:, view.viewer]
    if sit.objective_weight:
        value = value + sit.objective_weight * objective_shares(view, fc, levels)
    if sit.regard is not None:
        value = value + regard_values(view, sit.regard, fc.effective)
    return value


def regard_values(view: View, regard: np.ndarray, eff: np.ndarray) -> np.ndarray:
    """(D,) the regard term: each regarded delegation's policy value of each draft (how close
    the text is to its ideals, as the viewer knows them from its own table, which a lobby's
    what-if does not move) times the weight the viewer gives it."""
    cols = np.flatnonzero(regard)
    t = view.table
    sal = t.salience[cols]
    norm = sal.sum(axis=1)
    norm[norm == 0] = 1.0
    dist = np.abs(eff[:, None, :] - t.ideal[cols][None]) / view.model.span  # (D, P, K)
    policy = 1.0 - np.einsum("dpk,pk->dp", dist, sal) / norm
    return policy @ regard[cols]


def evaluate(view: View, sit: Situation, table: ActorTable | None = None,
             levels: np.ndarray | None = None,
             support: np.ndarray | None = None, pay: np.ndarray | None = None) -> tuple[int, float, Forecast]:
    """(index of the chair's pick, the viewer's value, the forecast) for a what-if."""
    table = view.table if table is None else table
    levels = sit.levels if levels is None else levels
    support = sit.support if support is None else support
    pay = sit.pay if pay is None else pay
    if len(levels) == 0:
        return -1, float(table.outside[view.viewer]), None
    fc = forecast(view.model, table, levels, view.chair, support, pay[None, :],
                  sit.fixed, sigma=sit.sigma, certain=view.viewer)
    mine, scores = choice_scores(view, sit, fc, levels, support)
    pick = int(np.argmax(scores))
    if view.viewer == view.chair:  # the chair knows its own choice
        return pick, float(mine[pick]), fc
    return pick, float(expected_over_picks(scores, mine, sit.sigma)), fc


def choice_scores(view: View, sit: Situation, fc: Forecast, levels: np.ndarray,
                  support: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the viewer's value of each draft, the chair's score of each draft as the viewer
    sees it: with its objectives when the viewer is the chair)."""
    mine = my_values(view, sit, fc, levels)
    return mine, chair_scores(view.model, fc, view.chair, support, sit.present, chair_values(view, sit, fc, mine))


def chair_values(view: View, sit: Situation, fc: Forecast, mine: np.ndarray) -> np.ndarray | None:
    """(D,) the chair's value of each draft as the viewer reckons it, for :func:`chair_scores`:
    the viewer's own when it chairs, the chair's forecast value plus its regard when it has one,
    else None (the chair's forecast value)."""
    if view.viewer == view.chair:
        return mine
    if sit.chair_regard is None:
        return None
    return fc.value[:, view.chair] + regard_values(view, sit.chair_regard, fc.effective)


def pick_weights(scores: np.ndarray, sigma: float) -> np.ndarray:
    """How likely the chair is to pick each draft, as another delegation sees it."""
    tau = max(sigma / 4, 1e-6)
    e = np.exp((scores - scores.max()) / tau)
    return e / e.sum()


def expected_over_picks(scores: np.ndarray, mine: np.ndarray, sigma: float) -> float:
    return float((pick_weights(scores, sigma) * mine).sum())


def compromise(view: View) -> np.ndarray:
    """Capability x salience weighted mean of the present actors' ideals (K,), as the viewer
    knows them (:func:`game.engine.utility.compromise_point`)."""
    return compromise_point(view.table)
