"""An independent reimplementation of Treaty Table's scoring, for the tests.

Written from the published rules only (GAME.md section 4, docs/rules.md "Scoring" and
"Values", docs/scenario-authoring.md "Scoring the treaty" / "Scoring a role" / the
objective kinds), not from game/scoring: plain Python, no numpy, one formula per function,
so an auditor can check each number by hand. tests/test_scoring_reference.py compares it
with the game on the historical outcomes, on finished games and on generated texts.

The treaty measures were written from the docs alone and agreed with the game at once (but for
the rounding of the stored breakdown). The docs did not say how the best and worst outcomes
open to a role are found, whether a role's value has the endorsement term, whether side payments
count when the treaty lapses, nor which events the historical outcome applies: those choices of
the code are now written in docs/rules.md "Scoring", and this file follows that text.

The inputs are plain data (:class:`Inputs`): the scenario's issues and settings, the actor
numbers as they stand at the end of the game (every event, lobbying and the per-game noise
applied: the "truth" of the actor table), the adopted levels, the chair, who signed, the
reputations and the settled side payments. :func:`inputs_from_state` reads them from a
finished game, :func:`inputs_for_history` from a scenario's ``history`` section.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

# --------------------------------------------------------------------------------------
# inputs


@dataclass
class IssueData:
    id: str
    weight: float            # weight in depth (the sequencing issue: 0)
    depths: list[float]      # depth of each level, loosest first (sequencing issue: zeros)
    baseline: int            # index of the baseline level
    sequencing: bool = False
    promise_weights: list[float] = field(default_factory=list)  # sequencing issue only
    promise_applies: bool = True

    @property
    def n(self) -> int:
        return len(self.depths)


@dataclass
class ObjectiveData:
    id: str
    kind: str
    points: int
    issue: int = -1
    level: int = -1
    actor: int = -1
    value: float | None = None


@dataclass
class Inputs:
    issues: list[IssueData]
    actor_ids: list[str]
    party: list[bool]             # status is not non_party (at the end of the game)
    capability: list[float]
    reliability: list[float]
    ideal: list[list[float]]      # [actor][issue]
    salience: list[list[float]]
    outside: list[float]
    affinity: list[list[float]]   # [actor][other]
    reputation: list[float]
    payments: list[float]         # net settled side payments
    endorsed: list[bool]          # endorsed the text put to signature
    opposed: list[bool]
    red_lo: list[list[float]]     # every red line, the scenario's and the declared ones
    red_hi: list[list[float]]
    objectives: list[list[ObjectiveData]]
    chair: int
    levels: list[int]             # the adopted level of each issue
    signers: set[int]
    communique: bool = False
    broke_word: set[int] = field(default_factory=set)
    min_signatures: int = 2
    depth_weight: float = 0.6
    tight_at: float = 60.0
    moderate_at: float = 40.0
    capability_weighted_breadth: bool = False
    utility_share: float = 0.7
    club_weight: float = 0.25
    text_externality: float = 0.3
    endorse_commitment: float = 0.03
    offers_to: list = field(default_factory=list)  # (value, allowed receivers) of every offer kind


# --------------------------------------------------------------------------------------
# the treaty


def credibility(inp: Inputs) -> float:
    """The chair leads the promised adaptation: its reliability x reputation."""
    return inp.reliability[inp.chair] * inp.reputation[inp.chair]


def promise_weight(inp: Inputs, levels: list[int]) -> float:
    for k, issue in enumerate(inp.issues):
        if issue.sequencing:
            return issue.promise_weights[levels[k]]
    return 1.0


def effective_levels(inp: Inputs, levels: list[int]) -> list[float]:
    """effective = baseline + promise_weight x credibility x (level - baseline); the sequencing
    issue itself, issues with promise_applies false and scenarios without a sequencing issue count
    the level in full."""
    has_seq = any(i.sequencing for i in inp.issues)
    factor = promise_weight(inp, levels) * credibility(inp)
    out = []
    for k, issue in enumerate(inp.issues):
        lv = levels[k]
        if not has_seq or issue.sequencing or not issue.promise_applies:
            out.append(float(lv))
        else:
            out.append(issue.baseline + factor * (lv - issue.baseline))
    return out


def depth_at(issue: IssueData, level: float) -> float:
    """Depth of a (possibly fractional) effective level: linear between the two levels around it."""
    lo = int(math.floor(level))
    hi = min(lo + 1, issue.n - 1)
    frac = level - lo
    return issue.depths[lo] + frac * (issue.depths[hi] - issue.depths[lo])


@dataclass
class TreatyRef:
    depth: float
    breadth: float
    cohesion: float
    tightness: float
    label: str
    in_force: bool
    effective: list[float]
    clause_depth: list[float]
    clause_points: list[float]
    signature_points: list[float]


def _tightness(inp: Inputs, depth: float, signers: set[int]) -> tuple[float, float, bool]:
    in_force = len(signers) >= inp.min_signatures
    coh = sum(inp.reliability[i] for i in signers) / len(signers) if signers else 0.0
    t = 100.0 * (inp.depth_weight * depth + (1.0 - inp.depth_weight) * coh) if in_force else 0.0
    return t, coh, in_force


def label_of(inp: Inputs, t: float, in_force: bool) -> str:
    if not in_force:
        return "lapsed"
    if t >= inp.tight_at:
        return "tight"
    if t >= inp.moderate_at:
        return "moderate"
    return "loose"


def breadth_of(inp: Inputs, signers: set[int]) -> float:
    parties = [i for i, p in enumerate(inp.party) if p]
    if inp.capability_weighted_breadth:
        total = sum(inp.capability[i] for i in parties)
        return sum(inp.capability[i] for i in parties if i in signers) / total if total > 0 else 0.0
    return sum(1 for i in parties if i in signers) / len(parties) if parties else 0.0


def depth_of(inp: Inputs, levels: list[int]) -> tuple[float, list[float], list[float]]:
    eff = effective_levels(inp, levels)
    depths = [0.0 if issue.sequencing else depth_at(issue, eff[k]) for k, issue in enumerate(inp.issues)]
    weights = [0.0 if issue.sequencing else issue.weight for issue in inp.issues]
    total = sum(weights)
    d = sum(w * x for w, x in zip(weights, depths)) / total if total > 0 else 0.0
    return d, eff, depths


def score_treaty(inp: Inputs, levels: list[int] | None = None, signers: set[int] | None = None) -> TreatyRef:
    levels = inp.levels if levels is None else levels
    signers = inp.signers if signers is None else signers
    d, eff, depths = depth_of(inp, levels)
    t, coh, in_force = _tightness(inp, d, signers)
    weights = [0.0 if issue.sequencing else issue.weight for issue in inp.issues]
    total = sum(weights)
    clause_points = [100.0 * inp.depth_weight * w * x / total if (total > 0 and in_force) else 0.0
                     for w, x in zip(weights, depths)]
    sig_points = []
    for i in range(len(inp.actor_ids)):
        if i in signers:
            t_without, _, _ = _tightness(inp, d, signers - {i})
            sig_points.append(t - t_without)
        else:
            sig_points.append(0.0)
    return TreatyRef(depth=d, breadth=breadth_of(inp, signers), cohesion=coh, tightness=t,
                     label=label_of(inp, t, in_force), in_force=in_force, effective=eff,
                     clause_depth=depths, clause_points=clause_points, signature_points=sig_points)


# --------------------------------------------------------------------------------------
# values and role scores


def policy(inp: Inputs, i: int, eff: list[float]) -> float:
    """Salience-weighted mean of 1 - |effective level - ideal| / (levels - 1)."""
    num = den = 0.0
    for k, issue in enumerate(inp.issues):
        s = inp.salience[i][k]
        num += s * (1.0 - abs(eff[k] - inp.ideal[i][k]) / (issue.n - 1))
        den += s
    return num / den if den > 0 else 0.0


def club(inp: Inputs, i: int, signers: set[int]) -> float:
    total = sum(inp.capability)
    if total <= 0:
        return 0.0
    return inp.club_weight * sum(inp.affinity[i][j] * inp.capability[j] for j in signers if j != i) / total


def outcome_value(inp: Inputs, i: int, levels: list[int], signers: set[int]) -> float:
    """What the outcome is worth to actor i (docs/rules.md "Values" and "Scoring"): signing is
    worth policy + club, staying out outside + 1/2 club + externality x (policy - baseline
    policy), a lapsed treaty the outside option; the settled side payments are added in every
    case; a role's value has no endorsement term (that pull acts only on the decision to sign)."""
    pay = inp.payments[i]
    if len(signers) < inp.min_signatures:
        return inp.outside[i] + pay
    eff = effective_levels(inp, levels)
    pol = policy(inp, i, eff)
    cl = club(inp, i, signers)
    if i in signers:
        return pol + cl + pay
    base = [float(issue.baseline) for issue in inp.issues]
    pol_base = policy(inp, i, base)
    return inp.outside[i] + EXTERNAL_SHARE * cl + inp.text_externality * (pol - pol_base) + pay


def objective_met(inp: Inputs, obj: ObjectiveData, me: int, t: TreatyRef, levels: list[int],
                  signers: set[int]) -> bool:
    k = obj.kind
    if k == "issue_at_least":
        return t.in_force and levels[obj.issue] >= obj.level
    if k == "issue_at_most":
        return t.in_force and levels[obj.issue] <= obj.level
    if k == "sequencing_is":
        return t.in_force and levels[obj.issue] == obj.level
    if k == "actor_signs":
        return obj.actor in signers
    if k == "actor_not_signs":
        return obj.actor not in signers
    if k == "signs":
        return me in signers
    if k == "not_signs":
        return me not in signers
    if k == "in_force":
        return t.in_force
    if k == "lapsed":
        return not t.in_force
    if k == "tightness_at_least":
        return t.tightness >= obj.value
    if k == "tightness_at_most":
        return t.in_force and t.tightness <= obj.value
    if k == "breadth_at_least":
        return t.in_force and t.breadth >= obj.value
    if k == "communique":
        return inp.communique
    if k == "keep_word":
        return me not in inp.broke_word
    raise ValueError(f"unknown objective kind {k!r}")


def objective_share(inp: Inputs, i: int, t: TreatyRef) -> tuple[float, list[bool]]:
    objs = inp.objectives[i]
    met = [objective_met(inp, o, i, t, inp.levels, inp.signers) for o in objs]
    total = sum(o.points for o in objs)
    share = sum(o.points for o, m in zip(objs, met) if m) / total if total else 0.0
    return share, met


REPUTATION_WEIGHT = 0.5   # value lost per unit of reputation lost
REPUTATION_ALLOWANCE = 0.3  # reputation loss the worst outcome allows for
EXTERNAL_SHARE = 0.5      # share of the club term an actor outside the treaty gets


def bounds(inp: Inputs, i: int) -> tuple[float, float]:
    """The worst and best outcomes open to actor i (docs/rules.md, "Scoring"):

    - best policy: on every issue the level nearest its ideal, counted in full (no
      sequencing discount); worst policy: the level farthest from it; both salience-weighted
      like the policy value;
    - the club at its best: every friend signs (the positive club terms), at its worst every
      rival signs (the negative ones);
    - the largest single side payment any actor can offer it;
    - best = max(sign: best policy + best club + that payment,
                 stay out: outside + 1/2 best club + externality x (best policy - baseline policy));
    - worst = min(outside option (the treaty lapses),
                  stay out: outside + 1/2 worst club + externality x (worst policy - baseline policy))
              - 0.5 x 0.3 (an allowance for lost reputation)."""
    sal = inp.salience[i]
    den = sum(sal) or 1.0
    best_pol = sum(s * (1.0 - min(abs(lv - inp.ideal[i][k]) for lv in range(issue.n)) / (issue.n - 1))
                   for k, (s, issue) in enumerate(zip(sal, inp.issues))) / den
    worst_pol = sum(s * (1.0 - max(abs(lv - inp.ideal[i][k]) for lv in range(issue.n)) / (issue.n - 1))
                    for k, (s, issue) in enumerate(zip(sal, inp.issues))) / den
    base = [float(issue.baseline) for issue in inp.issues]
    sq = policy(inp, i, base)
    total = sum(inp.capability) or 1.0
    terms = [inp.club_weight * inp.affinity[i][j] * inp.capability[j] / total
             for j in range(len(inp.actor_ids)) if j != i]
    cmax = sum(x for x in terms if x > 0)
    cmin = sum(x for x in terms if x < 0)
    pay = max((v for v, to in inp.offers_to if not to or inp.actor_ids[i] in to), default=0.0)
    ext = inp.text_externality
    out = inp.outside[i]
    best = max(best_pol + cmax + pay, out + EXTERNAL_SHARE * cmax + ext * (best_pol - sq))
    worst = min(out, out + EXTERNAL_SHARE * cmin + ext * (worst_pol - sq)) - REPUTATION_WEIGHT * REPUTATION_ALLOWANCE
    return worst, best


@dataclass
class RoleRef:
    value: float
    worst: float
    best: float
    utility: float
    objective_share: float
    met: list[bool]
    score: float


def role_score(inp: Inputs, i: int, t: TreatyRef | None = None) -> RoleRef:
    t = score_treaty(inp) if t is None else t
    value = outcome_value(inp, i, inp.levels, inp.signers) - REPUTATION_WEIGHT * (1.0 - inp.reputation[i])
    worst, best = bounds(inp, i)
    u = (value - worst) / ((best - worst) or 1.0)
    u = min(1.0, max(0.0, u))
    share, met = objective_share(inp, i, t)
    if inp.objectives[i]:
        score = 100.0 * (inp.utility_share * u + (1.0 - inp.utility_share) * share)
    else:
        score = 100.0 * u
    return RoleRef(value=value, worst=worst, best=best, utility=u, objective_share=share, met=met,
                   score=score)


def all_texts(inp: Inputs):
    return itertools.product(*[range(issue.n) for issue in inp.issues])


# --------------------------------------------------------------------------------------
# reading the inputs (the only part that touches the game's objects; no scoring here)


def _issues(sc) -> list[IssueData]:
    out = []
    for issue in sc.issues:
        ids = [lv.id for lv in issue.levels]
        base = ids.index(issue.baseline) if issue.baseline else 0
        if issue.sequencing:
            out.append(IssueData(issue.id, 0.0, [0.0] * len(ids), base, sequencing=True,
                                 promise_weights=[1.0 if lv.promise_weight is None else lv.promise_weight
                                                  for lv in issue.levels]))
        else:
            out.append(IssueData(issue.id, issue.weight, [lv.depth for lv in issue.levels], base,
                                 promise_applies=issue.promise_applies))
    return out


def _objectives(sc) -> list[list[ObjectiveData]]:
    issue_ids = [i.id for i in sc.issues]
    actor_ids = [a.id for a in sc.actors]
    seq = next((k for k, i in enumerate(sc.issues) if i.sequencing), -1)
    out = []
    for a in sc.actors:
        objs = []
        for o in a.objectives:
            k = issue_ids.index(o.issue) if o.issue else (seq if o.kind == "sequencing_is" else -1)
            lv = [x.id for x in sc.issues[k].levels].index(o.level) if (o.level and k >= 0) else -1
            objs.append(ObjectiveData(o.id, o.kind, o.points, issue=k, level=lv,
                                      actor=actor_ids.index(o.actor) if o.actor else -1, value=o.value))
        out.append(objs)
    return out


def _settings(sc) -> dict:
    st = sc.settings
    return dict(offers_to=[(o.value, list(o.to)) for a in sc.actors for o in a.offers],
                min_signatures=st.min_signatures, depth_weight=st.depth_weight, tight_at=st.tight_at,
                moderate_at=st.moderate_at, capability_weighted_breadth=st.capability_weighted_breadth,
                utility_share=st.utility_share, club_weight=st.club_weight,
                text_externality=st.text_externality, endorse_commitment=st.endorse_commitment)


def _red_lines(sc) -> tuple[list[list[float]], list[list[float]]]:
    lo = [[-math.inf] * len(sc.issues) for _ in sc.actors]
    hi = [[math.inf] * len(sc.issues) for _ in sc.actors]
    issue_ids = [i.id for i in sc.issues]
    for n, a in enumerate(sc.actors):
        for r in a.red_lines:
            k = issue_ids.index(r.issue)
            ids = [x.id for x in sc.issues[k].levels]
            if r.at_least:
                lo[n][k] = max(lo[n][k], ids.index(r.at_least))
            if r.at_most:
                hi[n][k] = min(hi[n][k], ids.index(r.at_most))
    return lo, hi


def _payments(sc, state) -> list[float]:
    """Net settled side payments: a kept offer, or an accepted endorse-offer (kept unless the
    receiver later opposed the draft, which breaks it), gives the receiver its value and costs
    the giver its cost."""
    offers_of = {a.id: {o.id: o for o in a.offers} for a in sc.actors}
    pay = [0.0] * len(sc.actors)
    for off in state.offers:
        if off.status == "kept" or (off.status == "accepted" and off.condition == "endorse"):
            kind = offers_of[sc.actors[off.giver].id][off.kind]
            pay[off.target] += kind.value
            pay[off.giver] -= kind.cost
    return pay


def inputs_from_table(sc, table, actors, chair, levels, signers, reputations, payments=None,
                      communique=False, broke_word=None) -> Inputs:
    """The inputs from an actor table (numbers at the end), the actors' states (who is a party),
    the chair, the text, its signatories and the reputations."""
    n = len(sc.actors)
    return Inputs(
        issues=_issues(sc), actor_ids=[a.id for a in sc.actors],
        party=[a.status != "non_party" for a in actors],
        capability=[float(x) for x in table.capability], reliability=[float(x) for x in table.reliability],
        ideal=[[float(x) for x in row] for row in table.ideal],
        salience=[[float(x) for x in row] for row in table.salience],
        outside=[float(x) for x in table.outside],
        affinity=[[float(x) for x in row] for row in table.affinity],
        reputation=[float(x) for x in reputations], payments=list(payments or [0.0] * n),
        endorsed=[False] * n, opposed=[False] * n,
        red_lo=[[float(x) for x in row] for row in table.red_lo],
        red_hi=[[float(x) for x in row] for row in table.red_hi], objectives=_objectives(sc),
        chair=chair, levels=list(levels), signers=set(signers), communique=communique,
        broke_word=set(broke_word or ()), **_settings(sc))


def inputs_from_state(sc, model, state, levels) -> Inputs:
    """The inputs of a finished game: ``levels`` is the adopted text (the game's result says
    which; the baseline when nothing was put to signature)."""
    from game.engine.table import build_table

    tab = build_table(model, state)  # the truth: every adjustment of the game applied
    draft = state.draft(state.on_table) if state.on_table is not None else None
    signers = {i for i, s in enumerate(state.signatures) if s == 1} if draft is not None else set()
    broke = {off.target for off in state.offers if off.status == "broken"}
    for i, a in enumerate(state.actors):  # signed across a red line it had declared
        if i in signers and any(not (lo <= levels[k] <= hi) for k, lo, hi in a.declared):
            broke.add(i)
    inp = inputs_from_table(sc, tab, state.actors, state.chair, levels, signers,
                            [a.reputation for a in state.actors], _payments(sc, state),
                            communique=any(issued for _, _, issued in state.communiques), broke_word=broke)
    n = len(sc.actors)
    inp.endorsed = [draft is not None and i in draft.endorse for i in range(n)]
    inp.opposed = [draft is not None and i in draft.oppose for i in range(n)]
    return inp


def inputs_for_history(sc) -> Inputs:
    """The scenario's ``history`` section: the scenario's numbers with every historical event
    dated on or before the final meeting applied in date order (ties by event id; deltas added
    and clipped to their ranges); no hidden draw, no per-game noise, reputations 1, no side
    payments, no endorsements."""
    issue_ids = [i.id for i in sc.issues]
    actor_ids = [a.id for a in sc.actors]
    n = len(actor_ids)
    ideal = [[a.positions[i].ideal if i in a.positions else 0.0 for i in issue_ids] for a in sc.actors]
    sal = [[a.positions[i].salience if i in a.positions else 0.0 for i in issue_ids] for a in sc.actors]
    cap = [a.capability for a in sc.actors]
    rel = [a.reliability for a in sc.actors]
    out = [a.outside_option for a in sc.actors]
    aff = [[a.affinities.get(b, 0.0) if b != a.id else 0.0 for b in actor_ids] for a in sc.actors]
    status = [a.status for a in sc.actors]
    chair = actor_ids.index(sc.chair)

    def clip(x, lo, hi):
        return min(hi, max(lo, x))

    last = sc.rounds[-1].date
    for ev in sorted((e for e in sc.events if e.historical and e.date <= last), key=lambda e: (e.date, e.id)):
        for ef in ev.effects:
            targets = range(n) if ef.actor == "*" else [actor_ids.index(ef.actor)]
            for a in targets:
                f = ef.field
                if f == "ideal":
                    k = issue_ids.index(ef.issue)
                    ideal[a][k] = clip(ideal[a][k] + ef.delta, 0.0, len(sc.issues[k].levels) - 1.0)
                elif f == "salience":
                    k = issue_ids.index(ef.issue)
                    sal[a][k] = clip(sal[a][k] + ef.delta, 0.0, 1.0)
                elif f == "affinity":
                    o = actor_ids.index(ef.other)
                    aff[a][o] = clip(aff[a][o] + ef.delta, -1.0, 1.0)
                elif f == "outside_option":
                    out[a] = clip(out[a] + ef.delta, 0.0, 1.0)
                elif f == "capability":
                    cap[a] = clip(cap[a] + ef.delta, 0.0, 1.0)
                elif f == "reliability":
                    rel[a] = clip(rel[a] + ef.delta, 0.0, 1.0)
                elif f == "status":
                    status[a] = ef.value
                elif f == "chair":
                    chair = actor_ids.index(ef.value)
    hist = sc.history
    levels = []
    for k, issue in enumerate(sc.issues):
        ids = [lv.id for lv in issue.levels]
        if issue.id in hist.levels:
            levels.append(ids.index(hist.levels[issue.id]))
        else:
            levels.append(ids.index(issue.baseline) if issue.baseline else 0)
    lo, hi = _red_lines(sc)
    return Inputs(
        issues=_issues(sc), actor_ids=actor_ids, party=[s != "non_party" for s in status],
        capability=cap, reliability=rel, ideal=ideal, salience=sal, outside=out, affinity=aff,
        reputation=[1.0] * n, payments=[0.0] * n, endorsed=[False] * n, opposed=[False] * n,
        red_lo=lo, red_hi=hi, objectives=_objectives(sc), chair=chair, levels=levels,
        signers={actor_ids.index(s) for s in hist.signatories}, **_settings(sc))
