"""The actor table: what is known of every actor's positions and options.

The *truth* applies every adjustment; an actor's *view* starts from the public
profile (others' outside options as publicly believed, only declared red lines)
and applies only the adjustments that actor was party to. This module is the one
door through which hidden numbers reach the AI and the UI.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.model import NEG_INF, POS_INF, Model
from game.engine.state import PRESENT, GameState


@dataclass(frozen=True, eq=False)
class ActorTable:
    ideal: np.ndarray  # (A, K)
    salience: np.ndarray  # (A, K)
    outside: np.ndarray  # (A,)
    capability: np.ndarray
    reliability: np.ndarray
    affinity: np.ndarray  # (A, A)
    red_lo: np.ndarray  # (A, K) red lines this table's owner knows of
    red_hi: np.ndarray
    reputation: np.ndarray  # (A,)
    eligible: np.ndarray  # (A,) bool: can sign now (present parties)


_FIELDS = {"ideal", "salience", "outside_option", "capability", "reliability", "affinity"}


def build_table(model: Model, state: GameState, viewer: int | None = None) -> ActorTable:
    """The table as ``viewer`` knows it; ``viewer=None`` gives the truth."""
    ideal = model.ideal.copy()
    sal = model.salience.copy()
    cap = model.capability.copy()
    rel = model.reliability.copy()
    aff = model.affinity.copy()
    if viewer is None:
        outside = model.outside.copy()
        lo, hi = model.red_lo.copy(), model.red_hi.copy()
    else:
        outside = model.outside_public.copy()
        outside[viewer] = model.outside[viewer]
        lo = np.full_like(model.red_lo, NEG_INF)
        hi = np.full_like(model.red_hi, POS_INF)
        lo[viewer], hi[viewer] = model.red_lo[viewer], model.red_hi[viewer]
    for adj in state.adjustments:
        if viewer is not None and adj.visible is not None and viewer not in adj.visible:
            continue
        a, k = adj.actor, adj.issue
        if adj.field == "ideal":
            ideal[a, k] = _clamp(ideal[a, k] + adj.delta, 0.0, float(model.span[k]))
        elif adj.field == "salience":
            sal[a, k] = _clamp(sal[a, k] + adj.delta, 0.0, 1.0)
        elif adj.field == "outside_option":
            outside[a] = _clamp(outside[a] + adj.delta, 0.0, 1.0)
        elif adj.field == "capability":
            cap[a] = _clamp(cap[a] + adj.delta, 0.0, 1.0)
        elif adj.field == "reliability":
            rel[a] = _clamp(rel[a] + adj.delta, 0.0, 1.0)
        elif adj.field == "affinity":
            aff[a, adj.other] = _clamp(aff[a, adj.other] + adj.delta, -1.0, 1.0)
    for n, actor in enumerate(state.actors):
        for k, dlo, dhi in actor.declared:
            lo[n, k] = max(lo[n, k], dlo)
            hi[n, k] = min(hi[n, k], dhi)
    return ActorTable(
        ideal=ideal, salience=sal, outside=outside, capability=cap, reliability=rel,
        affinity=aff, red_lo=lo, red_hi=hi,
        reputation=np.array([a.reputation for a in state.actors]),
        eligible=np.array([a.status == PRESENT for a in state.actors]),
    )


def _clamp(x: float, lo: float, hi: float) -> float:
    # plain comparisons: np.clip on a scalar costs microseconds, and this runs per adjustment
    return lo if x < lo else hi if x > hi else float(x)


def valid_field(name: str) -> bool:
    return name in _FIELDS
