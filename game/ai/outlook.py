"""What the talks would give if they ended now, as one actor sees it.

Builds the forecast inputs (drafts, authors, public support, side payments)
from a :class:`View`, and answers "what would I get if the chair put the best
draft for it to signature now?" - the yardstick every AI move is measured by.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.state import PRESENT
from game.engine.table import ActorTable
from game.engine.utility import Forecast, chair_pick, forecast
from game.engine.views import View
from game.ai.objectives import objective_shares, objective_weight


@dataclass(frozen=True, eq=False)
class Situation:
    levels: np.ndarray  # (D, K)
    authors: np.ndarray  # (D,)
    support: np.ndarray  # (D, A)
    ids: tuple[int, ...]  # draft ids
    pay: np.ndarray  # (A,) side payments on signing, as the viewer knows them
    present: np.ndarray  # (A,) bool
    fixed: np.ndarray | None
    objective_weight: float = 0.0
    margin: np.ndarray | None = None  # (A,) caution about others' signatures


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
    margin = np.full(A, m.scenario.settings.uncertainty)
    margin[view.viewer] = 0.0
    return Situation(levels, np.array([d.author for d in drafts], dtype=np.int64), support,
                     tuple(d.id for d in drafts), pay,
                     np.array([a.status == PRESENT for a in view.actors]), fixed,
                     objective_weight(view), margin)


def my_values(view: View, sit: Situation, fc: Forecast, levels: np.ndarray) -> np.ndarray:
    """(D,) what each draft, if signed, is worth to the viewer: utility plus objectives."""
    value = fc.value[:, view.viewer]
    if sit.objective_weight:
        value = value + sit.objective_weight * objective_shares(view, fc, levels)
    return value


def evaluate(view: View, sit: Situation, table: ActorTable | None = None,
             levels: np.ndarray | None = None, authors: np.ndarray | None = None,
             support: np.ndarray | None = None, pay: np.ndarray | None = None) -> tuple[int, float, Forecast]:
    """(index of the chair's pick, the viewer's value, the forecast) for a what-if."""
    table = view.table if table is None else table
    levels = sit.levels if levels is None else levels
    authors = sit.authors if authors is None else authors
    support = sit.support if support is None else support
    pay = sit.pay if pay is None else pay
    if len(levels) == 0:
        return -1, float(table.outside[view.viewer]), None
    fc = forecast(view.model, table, levels, authors, support, pay[None, :], sit.fixed, sit.margin)
    mine = my_values(view, sit, fc, levels)
    own = mine if view.viewer == view.chair else None
    pick = chair_pick(view.model, fc, view.chair, support, sit.present, own)
    return pick, float(mine[pick]), fc


def compromise(view: View) -> np.ndarray:
    """Capability x salience weighted mean of the present actors' ideals (K,)."""
    t = view.table
    w = t.capability[:, None] * t.salience * view.table.eligible[:, None]
    w = w + 1e-9
    return (w * t.ideal).sum(axis=0) / w.sum(axis=0)
