"""Utility and the signature forecast, vectorised over many drafts at once.

An actor's *policy value* for a draft is the salience-weighted closeness of the
draft's effective levels to its ideals (0..1). Under a sequencing level with a
promise weight below 1, changes from the baseline text count only partly, and in
proportion to the credibility (reliability x reputation) of the chair, who leads
the promised adaptation (the promiser).

Signing is worth ``policy + club + payments + commitment``, where ``club`` is the
affinity-weighted capability of the other signatories. Staying out is worth the
outside option plus half the club term (a treaty of friends helps a little from
outside; one of rivals hurts), plus ``text_externality`` times how much better
the text is for the actor than the status-quo text (what a treaty says matters
to those outside it too). The forecast iterates "sign if signing is worth at
least staying out" to a fixed point, for every draft in one array pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.model import Model
from game.engine.table import ActorTable

EXTERNAL_SHARE = 0.5
# Damped iterations of the probabilistic fixed point. A fixed count (no early stop) keeps
# every row independent of the others, so batching what-ifs changes no result.
ITERATIONS = 8


@dataclass(frozen=True, eq=False)
class Forecast:
    effective: np.ndarray  # (D, K) effective levels
    signers: np.ndarray  # (D, A) bool
    in_force: np.ndarray  # (D,) bool
    sign_value: np.ndarray  # (D, A)
    stay_value: np.ndarray  # (D, A)
    value: np.ndarray  # (D, A) each actor's value of the outcome
    red: np.ndarray  # (D, A) bool: draft crosses a known red line
    p_sign: np.ndarray | None = None  # (D, A) chance of signing (probabilistic forecasts)
    p_force: np.ndarray | None = None  # (D,) chance of entry into force


def effective_levels(model: Model, levels: np.ndarray, credibility: np.ndarray) -> np.ndarray:
    """(D, K) effective (fractional) levels of drafts."""
    eff = levels.astype(float)
    if model.seq >= 0:
        w = model.promise_weight[levels[:, model.seq]] * credibility
        mask = model.promise_mask
        eff[:, mask] = model.baseline[mask] + w[:, None] * (eff[:, mask] - model.baseline[mask])
    return eff


def policy_values(model: Model, table: ActorTable, eff: np.ndarray,
                  ideal: np.ndarray | None = None) -> np.ndarray:
    """(D, A) salience-weighted closeness of each draft to each actor's ideals.

    ``ideal`` (D, A, K) gives each row its own ideals (what-if rows of the AI's batch)."""
    sal = table.salience
    norm = sal.sum(axis=1)
    norm[norm == 0] = 1.0
    ideals = table.ideal[None, :, :] if ideal is None else ideal
    dist = np.abs(eff[:, None, :] - ideals) / model.span  # (D, A, K)
    return 1.0 - np.einsum("dak,ak->da", dist, sal) / norm


def red_crossed(table: ActorTable, levels: np.ndarray) -> np.ndarray:
    """(D, A) whether each draft crosses each actor's known red lines."""
    lv = levels[:, None, :]
    return ((lv < table.red_lo[None]) | (lv > table.red_hi[None])).any(axis=2)


def club_matrix(model: Model, table: ActorTable) -> np.ndarray:
    cap = table.capability
    total = cap.sum() or 1.0
    k = model.scenario.settings.club_weight * table.affinity * cap[None, :] / total
    np.fill_diagonal(k, 0.0)
    return k


def forecast(
    model: Model,
    table: ActorTable,
    levels: np.ndarray,
    promiser: int,
    support: np.ndarray | None = None,
    pay: np.ndarray | None = None,
    fixed: np.ndarray | None = None,
    margin: np.ndarray | None = None,
    sigma: float | None = None,
    certain: int | None = None,
    ideal: np.ndarray | None = None,
) -> Forecast:
    """Who would sign each draft, and what each actor would get.

    Args:
        levels: (D, K) level indices of the drafts.
        promiser: the actor whose credibility backs promised changes (the chair).
        support: (D, A) +1 endorsed, -1 opposed, 0 neither.
        pay: (D, A) or (A,) side payments received on signing, net.
        fixed: (A,) 1 signed / 0 declined / -1 undecided (during the signing).
        margin: (A,) extra value an actor is assumed to need before signing (a
            forecaster's caution about numbers it only estimates).
        sigma: if given, the forecast is probabilistic: an actor whose signing is worth
            ``gap`` more than staying out signs with chance 0.5 + gap / (2 sigma),
            except ``certain`` (the forecaster itself, who knows its own mind).
        ideal: (D, A, K) per-row ideals overriding the table's (what-if rows).
    """
    if sigma is not None:
        return _expected(model, table, levels, promiser, support, pay, fixed, margin, sigma, certain, ideal)
    settings = model.scenario.settings
    levels, eff, base, outside, red, allowed = _inputs(model, table, levels, promiser, support, pay, ideal)
    hurdle = outside if margin is None else outside + margin[None, :]
    kmat = club_matrix(model, table)
    signers = allowed.copy()
    if fixed is not None:
        signers = np.where(fixed >= 0, fixed == 1, signers)
    for _ in range(model.n_actors + 1):
        club = signers @ kmat.T
        sign_v = base + club
        stay_v = outside + EXTERNAL_SHARE * club
        new = allowed & (sign_v >= stay_v - outside + hurdle)
        if fixed is not None:
            new = np.where(fixed >= 0, fixed == 1, new)
        if np.array_equal(new, signers):
            break
        signers = new
    in_force = signers.sum(axis=1) >= settings.min_signatures
    value = np.where(in_force[:, None], np.where(signers, sign_v, stay_v), table.outside[None, :])
    return Forecast(eff, signers, in_force, sign_v, stay_v, value, red)


def chair_scores(model: Model, fc: Forecast, chair: int, support: np.ndarray, present: np.ndarray,
                 values: np.ndarray | None = None) -> np.ndarray:
    """(D,) how much the chair likes putting each draft to signature: its value plus
    regard for public support. ``values`` overrides the chair's value (its own AI
    adds its objectives)."""
    weight = model.scenario.settings.legitimacy_weight
    n = max(int(present.sum()), 1)
    own = fc.value[:, chair] if values is None else values
    return own + weight * (support * present[None, :]).sum(axis=1) / n


def chair_pick(model: Model, fc: Forecast, chair: int, support: np.ndarray, present: np.ndarray,
               values: np.ndarray | None = None) -> int:
    """Index of the draft the chair would put to signature (ties: the earliest)."""
    return int(np.argmax(chair_scores(model, fc, chair, support, present, values)))


def depth_at(model: Model, issue: int, level: float) -> float:
    """Depth at a fractional level (linear between the levels' depths)."""
    depths = model.depth[issue]
    lo = int(np.floor(level))
    hi = min(lo + 1, len(depths) - 1)
    frac = level - lo
    return depths[lo] * (1 - frac) + depths[hi] * frac


def _inputs(model, table, levels, promiser, support, pay, ideal=None):
    """Per-row policy, signing value before the club term, staying-out value, red lines."""
    settings = model.scenario.settings
    levels = np.asarray(levels, dtype=np.int64).reshape(-1, model.n_issues)
    cred = np.full(len(levels), table.reliability[promiser] * table.reputation[promiser])
    eff = effective_levels(model, levels, cred)
    policy = policy_values(model, table, eff, ideal)
    if ideal is None:
        status_quo = policy_values(model, table, model.baseline[None, :])[0]
    else:
        status_quo = policy_values(model, table, np.repeat(model.baseline[None, :], len(levels), 0), ideal)
    outside = table.outside[None, :] + settings.text_externality * (policy - status_quo)
    base = policy
    if support is not None:
        base = base + settings.endorse_commitment * support
    if pay is not None:
        base = base + pay
    red = red_crossed(table, levels)
    allowed = table.eligible[None, :] & ~red
    return levels, eff, base, outside, red, allowed


def _expected(model, table, levels, promiser, support, pay, fixed, margin, sigma, certain,
              ideal=None) -> Forecast:
    """The probabilistic forecast (mean-field fixed point, normal approximation of the count)."""
    levels, eff, base, outside, red, allowed = _inputs(model, table, levels, promiser, support, pay, ideal)
    kmat = club_matrix(model, table)
    hurdle = 0.0 if margin is None else margin[None, :]
    p = allowed.astype(float)
    for _ in range(ITERATIONS):
        club = p @ kmat.T
        sign_v = base + club
        stay_v = outside + EXTERNAL_SHARE * club
        gap = sign_v - stay_v - hurdle
        new = np.minimum(np.maximum(0.5 + gap / (2 * sigma), 0.0), 1.0) * allowed
        if certain is not None:
            new[:, certain] = (gap[:, certain] >= 0) & allowed[:, certain]
        if fixed is not None:
            new = np.where(fixed >= 0, (fixed == 1).astype(float), new)
        p = 0.5 * (p + new)
    need = model.scenario.settings.min_signatures
    mu = p.sum(axis=1)
    sd = np.sqrt((p * (1 - p)).sum(axis=1) + 1e-9)
    z = (mu - (need - 0.5)) / sd
    p_force = normal_cdf(z)
    inside = p * sign_v + (1 - p) * stay_v
    value = p_force[:, None] * inside + (1 - p_force[:, None]) * table.outside[None, :]
    return Forecast(eff, p >= 0.5, p_force >= 0.5, sign_v, stay_v, value, red, p, p_force)


def normal_cdf(z: np.ndarray) -> np.ndarray:
    """Standard normal CDF (Abramowitz & Stegun 7.1.26; error below 1.5e-7), vectorised."""
    x = np.abs(z) / np.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = 1.0 - poly * np.exp(-x * x)
    return 0.5 * (1.0 + np.sign(z) * erf)
