"""An actor's own scored objectives, evaluated for many drafts at once.

The AI plays for its role score, which mixes utility and objectives; this module
turns the objectives into the same units as utility so the two add up:
``value + weight * share_of_objective_points_met``.
"""

from __future__ import annotations

import numpy as np

from game.engine.utility import Forecast
from game.engine.views import View
from game.scoring.roles import bounds


_WEIGHTS: dict[bytes, tuple[object, float]] = {}


def objective_weight(view: View) -> float:
    """Utility units worth all of the role's objective points (matches the role score).

    Cached on what the bounds depend on: the viewer's own row of the table."""
    share = view.model.scenario.settings.utility_share
    if share <= 0:
        return 1.0
    t, i = view.table, view.viewer
    key = b"".join(np.ascontiguousarray(x).tobytes() for x in (
        t.ideal[i], t.salience[i], t.outside[i:i + 1], t.affinity[i], t.capability,
        np.array([id(view.model), i]))) + view.model.actor_ids[i].encode()
    cached = _WEIGHTS.get(key)
    if cached is not None and cached[0] is view.model:  # ids are reused once a model is freed
        return cached[1]
    worst, best = bounds(view.model, t, i)
    weight = (1 - share) / share * max(best - worst, 1e-6)
    if len(_WEIGHTS) > 4096:
        _WEIGHTS.clear()
    _WEIGHTS[key] = (view.model, weight)
    return weight


def _tightness(view: View, fc: Forecast) -> np.ndarray:
    m = view.model
    s = m.scenario.settings
    D = fc.effective.shape[0]
    depth = np.zeros(D)
    for k in range(m.n_issues):
        if m.weight[k] == 0:
            continue
        levels = np.array(m.depth[k])
        depth += m.weight[k] * np.interp(fc.effective[:, k], np.arange(len(levels)), levels)
    depth /= m.weight.sum() or 1.0
    n = fc.signers.sum(axis=1)
    coh = (fc.signers * view.table.reliability[None, :]).sum(axis=1) / np.maximum(n, 1)
    return np.where(fc.in_force, 100 * (s.depth_weight * depth + (1 - s.depth_weight) * coh), 0.0)


def objective_shares(view: View, fc: Forecast, levels: np.ndarray) -> np.ndarray:
    """(D,) share of the viewer's objective points each draft would meet."""
    m, me = view.model, view.viewer
    objectives = m.scenario.actors[me].objectives
    D = levels.shape[0]
    total = sum(o.points for o in objectives)
    if not total or D == 0:
        return np.zeros(D)
    met = np.zeros(D)
    tight = None
    p_sign = fc.p_sign if fc.p_sign is not None else fc.signers.astype(float)
    p_force = fc.p_force if fc.p_force is not None else fc.in_force.astype(float)
    parties = sum(1 for s in m.status if s != "non_party") or 1
    for o in objectives:
        kind = o.kind
        if kind in ("issue_at_least", "issue_at_most", "sequencing_is"):
            issue = o.issue or (m.issue_ids[m.seq] if m.seq >= 0 else None)
            if issue is None or o.level is None:
                continue
            k = m.issue_index(issue)
            want = m.level_index(k, o.level)
            cmp = {"issue_at_least": levels[:, k] >= want, "issue_at_most": levels[:, k] <= want,
                   "sequencing_is": levels[:, k] == want}[kind]
            hit = p_force * cmp
        elif kind in ("actor_signs", "actor_not_signs"):
            a = m.actor_index(o.actor)
            hit = p_sign[:, a] if kind == "actor_signs" else 1 - p_sign[:, a]
        elif kind in ("signs", "not_signs"):
            hit = p_sign[:, me] if kind == "signs" else 1 - p_sign[:, me]
        elif kind in ("in_force", "lapsed"):
            hit = p_force if kind == "in_force" else 1 - p_force
        elif kind in ("tightness_at_least", "tightness_at_most"):
            tight = _tightness(view, fc) if tight is None else tight
            hit = p_force * (tight >= (o.value or 0)) if kind == "tightness_at_least" else (
                p_force * (tight <= (o.value or 0)))
        elif kind == "breadth_at_least":
            hit = p_force * (p_sign.sum(axis=1) / parties >= (o.value or 0))
        else:  # communique, keep_word: not decided by the choice of text
            continue
        met += o.points * hit
    return met / total
