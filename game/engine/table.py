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
    """The table as ``viewer`` knows it; ``viewer=None`` gives the truth.

    Built incrementally: the adjustments only grow during a game, so a seat's table
    starts from its last one when that one's adjustments are a prefix of these (the same
    clamped additions in the same order, so the same numbers), and arrays no adjustment
    touches are shared (with the model and between tables), so a table's arrays are
    read-only."""
    adjustments = state.adjustments
    key = (id(model), viewer)
    hit = _PARTIAL.get(key)
    done = 0
    if hit is not None and hit[0] is model and len(adjustments) >= len(hit[1]) \
            and adjustments[:len(hit[1])] == hit[1]:
        arrays = dict(hit[2])
        done = len(hit[1])
        owned: set[str] = set()
    else:
        arrays = {"ideal": model.ideal, "salience": model.salience, "capability": model.capability,
                  "reliability": model.reliability, "affinity": model.affinity}
        owned = set()
        if viewer is None:
            arrays.update(outside_option=model.outside, red_lo=model.red_lo, red_hi=model.red_hi)
        else:
            outside = model.outside_public.copy()
            outside[viewer] = model.outside[viewer]
            lo = np.full_like(model.red_lo, NEG_INF)
            hi = np.full_like(model.red_hi, POS_INF)
            lo[viewer], hi[viewer] = model.red_lo[viewer], model.red_hi[viewer]
            arrays.update(outside_option=outside, red_lo=lo, red_hi=hi)
            owned.update(("outside_option", "red_lo", "red_hi"))
    for adj in adjustments[done:] if done else adjustments:
        if viewer is not None and adj.visible is not None and viewer not in adj.visible:
            continue
        name = adj.field
        if name not in _FIELDS:
            continue
        if name not in owned:  # copy on first write
            arrays[name] = arrays[name].copy()
            owned.add(name)
        x, a, k = arrays[name], adj.actor, adj.issue
        if name == "ideal":
            x[a, k] = _clamp(x[a, k] + adj.delta, 0.0, float(model.span[k]))
        elif name == "salience":
            x[a, k] = _clamp(x[a, k] + adj.delta, 0.0, 1.0)
        elif name == "affinity":
            x[a, adj.other] = _clamp(x[a, adj.other] + adj.delta, -1.0, 1.0)
        else:  # outside option, capability, reliability
            x[a] = _clamp(x[a] + adj.delta, 0.0, 1.0)
    for name, x in arrays.items():
        if x.flags.writeable:  # owned here, or the model's own array: share read-only
            arrays[name] = x = x if name in owned else x.view()
            x.flags.writeable = False
    if len(_PARTIAL) > 1024:
        _PARTIAL.clear()
    _PARTIAL[key] = (model, adjustments, dict(arrays))
    lo, hi = arrays["red_lo"], arrays["red_hi"]
    if any(actor.declared for actor in state.actors):
        lo, hi = lo.copy(), hi.copy()
        for n, actor in enumerate(state.actors):
            for k, dlo, dhi in actor.declared:
                lo[n, k] = max(lo[n, k], dlo)
                hi[n, k] = min(hi[n, k], dhi)
    table = ActorTable(
        ideal=arrays["ideal"], salience=arrays["salience"], outside=arrays["outside_option"],
        capability=arrays["capability"], reliability=arrays["reliability"],
        affinity=arrays["affinity"], red_lo=lo, red_hi=hi,
        reputation=np.array([a.reputation for a in state.actors]),
        eligible=np.array([a.status == PRESENT for a in state.actors]),
    )
    for x in (lo, hi, table.reputation, table.eligible):
        x.flags.writeable = False
    return table


_PARTIAL: dict[tuple, tuple[Model, tuple, dict[str, np.ndarray]]] = {}


def _clamp(x: float, lo: float, hi: float) -> float:
    # plain comparisons: np.clip on a scalar costs microseconds, and this runs per adjustment
    return lo if x < lo else hi if x > hi else float(x)


def valid_field(name: str) -> bool:
    return name in _FIELDS
