"""A scenario compiled to numbers: indices and arrays the rules and the AI use.

Building it is the one place where ids become indices. Everything here is fixed
for a game; what changes during play lives in :class:`game.engine.state.GameState`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
import numpy as np

from game.scenarios.schema import Scenario

NEG_INF = -1e9
POS_INF = 1e9


@dataclass(frozen=True, eq=False)
class Model:
    scenario: Scenario
    actor_ids: tuple[str, ...]
    issue_ids: tuple[str, ...]
    n_levels: np.ndarray  # (K,) int
    span: np.ndarray  # (K,) float, levels - 1
    baseline: np.ndarray  # (K,) float
    depth: tuple[tuple[float, ...], ...]  # per issue, per level (0 for sequencing)
    weight: np.ndarray  # (K,) depth weights (0 for sequencing)
    seq: int  # index of the sequencing issue, or -1
    promise_weight: np.ndarray  # per sequencing level; [1.0] if no sequencing issue
    promise_mask: np.ndarray  # (K,) bool: clause changes discounted by sequencing
    ideal: np.ndarray  # (A, K)
    salience: np.ndarray  # (A, K)
    capability: np.ndarray  # (A,)
    reliability: np.ndarray  # (A,)
    outside: np.ndarray  # (A,) true
    outside_public: np.ndarray  # (A,) believed by others
    affinity: np.ndarray  # (A, A)
    red_lo: np.ndarray  # (A, K) scenario red lines (confidential)
    red_hi: np.ndarray  # (A, K)
    status: tuple[str, ...]
    chair: int

    @property
    def n_actors(self) -> int:
        return len(self.actor_ids)

    @property
    def n_issues(self) -> int:
        return len(self.issue_ids)

    def actor_index(self, actor_id: str) -> int:
        return self.actor_ids.index(actor_id)

    def issue_index(self, issue_id: str) -> int:
        return self.issue_ids.index(issue_id)

    def level_index(self, issue: int, level_id: str) -> int:
        return [lv.id for lv in self.scenario.issues[issue].levels].index(level_id)

    def level_name(self, issue: int, level: int) -> str:
        return self.scenario.issues[issue].levels[level].name

    def round_date(self, rnd: int) -> dt.date:
        return self.scenario.rounds[rnd].date

    def draft_levels(self, levels: dict[str, str]) -> tuple[int, ...]:
        """Issue id -> level id mapping to a full level tuple (baseline where missing)."""
        out = [int(b) for b in self.baseline]
        for issue_id, level_id in levels.items():
            k = self.issue_index(issue_id)
            out[k] = self.level_index(k, level_id)
        return tuple(out)


_CACHE: dict[int, Model] = {}


def build_model(scenario: Scenario) -> Model:
    """Compile a validated scenario (references are assumed checked); cached per object."""
    cached = _CACHE.get(id(scenario))
    if cached is not None and cached.scenario is scenario:
        return cached
    if len(_CACHE) > 64:
        _CACHE.clear()
    model = _CACHE[id(scenario)] = _build(scenario)
    return model


def _build(scenario: Scenario) -> Model:
    issues = scenario.issues
    actors = scenario.actors
    K, A = len(issues), len(actors)
    n_levels = np.array([len(i.levels) for i in issues], dtype=np.int64)
    seq = next((k for k, i in enumerate(issues) if i.sequencing), -1)
    baseline = np.zeros(K)
    for k, issue in enumerate(issues):
        if issue.baseline is not None:
            baseline[k] = [lv.id for lv in issue.levels].index(issue.baseline)
    depth = tuple(tuple(0.0 if lv.depth is None else lv.depth for lv in i.levels) for i in issues)
    weight = np.array([0.0 if i.sequencing else i.weight for i in issues])
    if seq >= 0:
        pw = np.array([1.0 if lv.promise_weight is None else lv.promise_weight for lv in issues[seq].levels])
    else:
        pw = np.array([1.0])
    promise_mask = np.array([(not i.sequencing) and i.promise_applies for i in issues])
    ids = [i.id for i in issues]
    actor_ids = tuple(a.id for a in actors)
    ideal = np.zeros((A, K))
    sal = np.zeros((A, K))
    red_lo = np.full((A, K), NEG_INF)
    red_hi = np.full((A, K), POS_INF)
    aff = np.zeros((A, A))
    for n, a in enumerate(actors):
        for issue_id, pos in a.positions.items():
            k = ids.index(issue_id)
            ideal[n, k] = min(pos.ideal, n_levels[k] - 1)
            sal[n, k] = pos.salience
        for rl in a.red_lines:
            k = ids.index(rl.issue)
            lv = [x.id for x in issues[k].levels]
            if rl.at_least is not None:
                red_lo[n, k] = max(red_lo[n, k], lv.index(rl.at_least))
            if rl.at_most is not None:
                red_hi[n, k] = min(red_hi[n, k], lv.index(rl.at_most))
        for other, value in a.affinities.items():
            if other in actor_ids and other != a.id:
                aff[n, actor_ids.index(other)] = value
    return Model(
        scenario=scenario, actor_ids=actor_ids, issue_ids=tuple(ids), n_levels=n_levels,
        span=np.maximum(n_levels - 1, 1).astype(float), baseline=baseline, depth=depth,
        weight=weight, seq=seq, promise_weight=pw, promise_mask=promise_mask,
        ideal=ideal, salience=sal,
        capability=np.array([a.capability for a in actors]),
        reliability=np.array([a.reliability for a in actors]),
        outside=np.array([a.outside_option for a in actors]),
        outside_public=np.array([
            a.outside_option if a.outside_option_public is None else a.outside_option_public
            for a in actors
        ]),
        affinity=aff, red_lo=red_lo, red_hi=red_hi,
        status=tuple(a.status for a in actors), chair=actor_ids.index(scenario.chair),
    )
