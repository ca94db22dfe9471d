"""Role scores: how well each actor did, 0-100.

A role's score mixes its utility for the outcome, normalised between the worst
and best outcomes open to it, with the share of its scored objectives met
(``settings.utility_share`` sets the mix). Reputation lost to broken promises
and crossed red lines is subtracted from the utility first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.model import Model
from game.engine.table import ActorTable
from game.engine.utility import EXTERNAL_SHARE, club_matrix, forecast, policy_values
from game.scenarios.schema import Objective
from game.scoring.treaty import TreatyScore

REPUTATION_WEIGHT = 0.5


@dataclass(frozen=True)
class Outcome:
    """What the game produced, in the terms objectives speak of."""

    levels: tuple[int, ...]
    author: int  # the promiser (the chair)
    signers: frozenset[int]
    treaty: TreatyScore
    communique: bool = False
    broke_word: frozenset[int] = frozenset()
    payments: tuple[float, ...] = ()  # net side payments per actor
    reputation: tuple[float, ...] = ()
    actors: tuple | None = None  # the state's actors: who is a party by then (None: as the scenario says)


@dataclass(frozen=True)
class RoleScore:
    actor: str
    value: float
    worst: float
    best: float
    utility: float  # 0-1, normalised
    objectives: tuple[tuple[str, str, bool, int], ...]  # (id, description, met, points)
    objective_share: float
    score: float

    def to_dict(self) -> dict:
        return {"actor": self.actor, "score": round(self.score, 2), "utility": round(self.utility, 4),
                "value": round(self.value, 4), "objective_share": round(self.objective_share, 4),
                "objectives": [{"id": o[0], "description": o[1], "met": o[2], "points": o[3]}
                               for o in self.objectives]}


def bounds(model: Model, table: ActorTable, i: int) -> tuple[float, float]:
    """(worst, best) outcome values open to actor ``i``."""
    sal = table.salience[i]
    norm = sal.sum() or 1.0
    best_policy = worst_policy = 0.0
    for k in range(model.n_issues):
        dist = np.abs(np.arange(model.n_levels[k]) - table.ideal[i, k]) / model.span[k]
        best_policy += sal[k] * (1 - dist.min())
        worst_policy += sal[k] * (1 - dist.max())
    best_policy /= norm
    worst_policy /= norm
    status_quo = float(policy_values(model, table, model.baseline[None, :])[0, i])
    ext = model.scenario.settings.text_externality
    kmat = club_matrix(model, table)[i]
    cmax, cmin = float(kmat[kmat > 0].sum()), float(kmat[kmat < 0].sum())
    pay = max((o.value for a in model.scenario.actors for o in a.offers
               if not o.to or model.actor_ids[i] in o.to), default=0.0)
    best = max(best_policy + cmax + pay,
               table.outside[i] + EXTERNAL_SHARE * cmax + ext * (best_policy - status_quo))
    worst = min(table.outside[i], table.outside[i] + EXTERNAL_SHARE * cmin
                + ext * (worst_policy - status_quo)) - REPUTATION_WEIGHT * 0.3
    return float(worst), float(best)


def outcome_values(model: Model, table: ActorTable, out: Outcome) -> np.ndarray:
    """Each actor's utility for the outcome (before normalising)."""
    fixed = np.array([1 if i in out.signers else 0 for i in range(model.n_actors)])
    fc = forecast(model, table, np.array([out.levels]), out.author, fixed=fixed)
    value = fc.value[0].copy()
    if out.payments:
        value += np.array(out.payments)
    if out.reputation:
        value -= REPUTATION_WEIGHT * (1 - np.array(out.reputation))
    return value


def objective_met(model: Model, obj: Objective, me: int, out: Outcome) -> bool:
    t = out.treaty
    idx = model.actor_index
    level_ok = None
    issue = obj.issue or (model.issue_ids[model.seq] if obj.kind == "sequencing_is" and model.seq >= 0 else None)
    if issue and obj.level:
        k = model.issue_index(issue)
        have, want = out.levels[k], model.level_index(k, obj.level)
        level_ok = {"issue_at_least": have >= want, "issue_at_most": have <= want,
                    "sequencing_is": have == want}.get(obj.kind)
    checks = {
        "issue_at_least": lambda: t.in_force and bool(level_ok),
        "issue_at_most": lambda: t.in_force and bool(level_ok),
        "sequencing_is": lambda: t.in_force and bool(level_ok),
        "actor_signs": lambda: obj.actor is not None and idx(obj.actor) in out.signers,
        "actor_not_signs": lambda: obj.actor is not None and idx(obj.actor) not in out.signers,
        "signs": lambda: me in out.signers,
        "not_signs": lambda: me not in out.signers,
        "in_force": lambda: t.in_force,
        "lapsed": lambda: not t.in_force,
        "tightness_at_least": lambda: t.tightness >= (obj.value or 0),
        "tightness_at_most": lambda: t.in_force and t.tightness <= (obj.value or 0),
        "breadth_at_least": lambda: t.in_force and t.breadth >= (obj.value or 0),
        "communique": lambda: out.communique,
        "keep_word": lambda: me not in out.broke_word,
    }
    return bool(checks[obj.kind]())


def score_of(model: Model, i: int, out: Outcome, util: float) -> tuple[tuple, float, float]:
    """(objectives as (id, description, met, points), the share of their points met, the score
    0-100) of actor ``i`` for ``out``, given its normalised utility ``util`` (a role without
    objectives is scored on the outcome alone)."""
    share = model.scenario.settings.utility_share
    objs = tuple((o.id, o.description, objective_met(model, o, i, out), o.points)
                 for o in model.scenario.actors[i].objectives)
    total = sum(o[3] for o in objs)
    obj_share = sum(o[3] for o in objs if o[2]) / total if total else util
    return objs, float(obj_share), float(100 * (share * util + (1 - share) * obj_share))


def role_scores(model: Model, table: ActorTable, out: Outcome) -> dict[str, RoleScore]:
    values = outcome_values(model, table, out)
    scores = {}
    for i, actor in enumerate(model.scenario.actors):
        worst, best = bounds(model, table, i)
        util = float(np.clip((values[i] - worst) / ((best - worst) or 1.0), 0, 1))
        objs, obj_share, score = score_of(model, i, out, util)
        scores[actor.id] = RoleScore(actor.id, float(values[i]), worst, best, util, objs, obj_share, score)
    return scores
