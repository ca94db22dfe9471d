"""Tightness of a treaty: depth, breadth, cohesion, and the breakdown behind them.

- Depth D: weighted mean depth of the *effective* clause levels (under a
  'prolong first' sequencing, changes from the old text only count partly).
- Breadth B: signatories over eligible parties (optionally capability-weighted).
- Cohesion C: mean reliability of the signatories.
- Tightness T = 100 * (w * D + (1 - w) * C), w = ``settings.depth_weight``; a
  treaty with fewer than ``min_signatures`` signatures has *lapsed* (T = 0).

Every number comes with its parts: one entry per clause and per signature.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.model import Model
from game.engine.table import ActorTable
from game.engine.utility import depth_at, effective_levels


@dataclass(frozen=True)
class ClauseScore:
    issue: str
    issue_name: str
    level: str
    level_name: str
    effective_level: float
    depth: float
    weight: float
    points: float  # contribution to tightness, in points of 0-100


@dataclass(frozen=True)
class SignatureScore:
    actor: str
    name: str
    signed: bool
    reliability: float
    points: float  # tightness with this signature minus without it (0 if not signed)


@dataclass(frozen=True)
class TreatyScore:
    depth: float
    breadth: float
    cohesion: float
    tightness: float
    label: str  # tight | moderate | loose | lapsed
    in_force: bool
    signatories: tuple[str, ...]
    min_signatures: int
    sequencing: str | None
    clauses: tuple[ClauseScore, ...]
    signatures: tuple[SignatureScore, ...]

    def to_dict(self) -> dict:
        return {
            "depth": round(self.depth, 4), "breadth": round(self.breadth, 4),
            "cohesion": round(self.cohesion, 4), "tightness": round(self.tightness, 2),
            "label": self.label, "in_force": self.in_force, "signatories": list(self.signatories),
            "sequencing": self.sequencing,
            "clauses": [c.__dict__ for c in self.clauses],
            "signatures": [s.__dict__ for s in self.signatures],
        }


def breadth_meaning(settings) -> str:
    """What breadth measures under a scenario's settings, in words for an axis or a sentence:
    the share of the parties that signed, or (``capability_weighted_breadth``) the signatories'
    share of the parties' capability."""
    if getattr(settings, "capability_weighted_breadth", False):
        return "the signatories' share of the parties' capability"
    return "the share of parties that signed"


def eligible_parties(model: Model, actors=None) -> list[int]:
    """The parties: every actor but the non-parties, by their status in the scenario or, given the
    ``actors`` of a game's state, by their status there (an event can make a non-party a party,
    and its signature then counts like any other)."""
    statuses = model.status if actors is None else [a.status for a in actors]
    return [i for i, s in enumerate(statuses) if s != "non_party"]


def _label(model: Model, tightness: float, in_force: bool) -> str:
    s = model.scenario.settings
    if not in_force:
        return "lapsed"
    if tightness >= s.tight_at:
        return "tight"
    return "moderate" if tightness >= s.moderate_at else "loose"


def score_treaty(model: Model, table: ActorTable, levels: tuple[int, ...], promiser: int,
                 signers: set[int] | frozenset[int], actors=None) -> TreatyScore:
    """Score a final text signed by ``signers``; ``promiser`` (the chair) backs promised changes;
    ``actors`` (a state's or a view's): who is a party by then (see :func:`eligible_parties`)."""
    s = model.scenario.settings
    arr = np.array([levels])
    cred = np.array([table.reliability[promiser] * table.reputation[promiser]])
    eff = effective_levels(model, arr, cred)[0]
    wsum = float(model.weight.sum()) or 1.0
    depths = [depth_at(model, k, float(eff[k])) for k in range(model.n_issues)]
    depth = sum(model.weight[k] * depths[k] for k in range(model.n_issues)) / wsum
    elig = eligible_parties(model, actors)
    signed = sorted(i for i in signers if i in elig)
    if s.capability_weighted_breadth:
        total = sum(table.capability[i] for i in elig) or 1.0
        breadth = sum(table.capability[i] for i in signed) / total
    else:
        breadth = len(signed) / (len(elig) or 1)
    in_force = len(signed) >= s.min_signatures

    def tight(members: list[int]) -> float:
        coh = float(np.mean([table.reliability[i] for i in members])) if members else 0.0
        if len(members) < s.min_signatures:
            return 0.0
        return 100.0 * (s.depth_weight * depth + (1 - s.depth_weight) * coh)

    cohesion = float(np.mean([table.reliability[i] for i in signed])) if signed else 0.0
    tightness = tight(signed)
    clauses = tuple(
        ClauseScore(
            issue=model.issue_ids[k], issue_name=model.scenario.issues[k].name,
            level=model.scenario.issues[k].levels[levels[k]].id, level_name=model.level_name(k, levels[k]),
            effective_level=round(float(eff[k]), 4), depth=round(depths[k], 4),
            weight=float(model.weight[k]),
            points=round(100 * s.depth_weight * model.weight[k] * depths[k] / wsum, 3) if in_force else 0.0,
        )
        for k in range(model.n_issues)
    )
    sigs = tuple(
        SignatureScore(
            actor=model.actor_ids[i], name=model.scenario.actors[i].name, signed=i in signed,
            reliability=round(float(table.reliability[i]), 3),
            points=round(tightness - tight([j for j in signed if j != i]), 3) if i in signed else 0.0,
        )
        for i in elig
    )
    seq = model.scenario.issues[model.seq].levels[levels[model.seq]].id if model.seq >= 0 else None
    return TreatyScore(
        depth=float(depth), breadth=float(breadth), cohesion=cohesion, tightness=float(tightness),
        label=_label(model, tightness, in_force), in_force=in_force,
        signatories=tuple(model.actor_ids[i] for i in signed), min_signatures=s.min_signatures,
        sequencing=seq, clauses=clauses, signatures=sigs,
    )
