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

from game.engine.model import NEG_INF, POS_INF, Model
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


def compromise_point(table: ActorTable) -> np.ndarray:
    """(K,) on each issue, the capability x salience weighted mean of the ideals of the
    delegations that can sign now: the compromise model of multilateral bargaining."""
    w = table.capability[:, None] * table.salience * table.eligible[:, None]
    w = w + 1e-9
    return (w * table.ideal).sum(axis=0) / w.sum(axis=0)


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
    """(D, A) whether each draft crosses each actor's known red lines.

    Compared only for the actors with a known red line (the others' bounds are infinite,
    so no draft crosses them): the same booleans for a fraction of the work in a large
    conference, where few of the delegations have declared one."""
    lo, hi = table.red_lo, table.red_hi
    has = ((lo > NEG_INF) | (hi < POS_INF)).any(axis=1)
    lv = levels[:, None, :]
    if has.all():
        return ((lv < lo[None]) | (lv > hi[None])).any(axis=2)
    out = np.zeros((len(levels), len(has)), dtype=bool)
    if has.any():
        cols = np.flatnonzero(has)
        out[:, cols] = ((lv < lo[cols][None]) | (lv > hi[cols][None])).any(axis=2)
    return out


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
    kmat = _table_consts(model, table).kmat
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
        status_quo = _table_consts(model, table).status_quo
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
    return _solve_expected(model, table, eff, base, outside, red, allowed, fixed, margin, sigma, certain)


class _Consts:
    """What the forecast needs of a table that does not depend on the drafts."""

    __slots__ = ("table", "model", "kmat", "norm", "status_quo")


_CONSTS: dict[int, _Consts] = {}
_KMATS: dict[tuple, tuple[Model, np.ndarray]] = {}
_STATUS_QUO: dict[tuple, tuple[Model, np.ndarray, np.ndarray]] = {}


def _table_consts(model: Model, table: ActorTable) -> _Consts:
    """The club matrix, salience norms and status-quo policy of a table: cached per table
    object, and on the numbers they depend on (every seat's view is a different table,
    but most share these numbers). Read-only: never change them in place."""
    c = _CONSTS.get(id(table))
    if c is not None and c.table is table and c.model is model:  # ids are reused once freed
        return c
    c = _Consts()
    c.table, c.model = table, model
    key = (id(model), table.affinity.tobytes(), table.capability.tobytes())
    hit = _KMATS.get(key)
    if hit is None or hit[0] is not model:
        if len(_KMATS) > 8:
            _KMATS.clear()
        kmat = club_matrix(model, table)
        kmat.flags.writeable = False
        hit = _KMATS[key] = (model, kmat)
    c.kmat = hit[1]
    key = (id(model), table.ideal.tobytes(), table.salience.tobytes())
    hit = _STATUS_QUO.get(key)
    if hit is None or hit[0] is not model:
        if len(_STATUS_QUO) > 256:
            _STATUS_QUO.clear()
        norm = table.salience.sum(axis=1)
        norm[norm == 0] = 1.0
        status_quo = policy_values(model, table, model.baseline[None, :])[0]
        norm.flags.writeable = status_quo.flags.writeable = False
        hit = _STATUS_QUO[key] = (model, norm, status_quo)
    c.norm, c.status_quo = hit[1], hit[2]
    if len(_CONSTS) > 64:
        _CONSTS.clear()
    _CONSTS[id(table)] = c
    return c


try:  # the clip ufunc itself: np.clip adds Python-level dispatch to every call
    from numpy._core.umath import clip as _clip_ufunc
except ImportError:  # pragma: no cover - older numpy
    _clip_ufunc = None


# In a conference of more than SINGLE_PRECISION_ABOVE delegations the probabilistic
# forecast computes its club term (the one product that grows as actors squared per
# row) in single precision: that product runs about 1.7 times faster at 193 delegations,
# and the values it feeds move by less than 1e-6 (tests/test_ai_fast_paths.py). Smaller
# conferences, every built-in scenario among them, use double precision throughout.
SINGLE_PRECISION_ABOVE = 48
_K32: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def _single(kmat: np.ndarray) -> np.ndarray:
    """kmat.T in float32, cached per (read-only) club matrix."""
    hit = _K32.get(id(kmat))
    if hit is not None and hit[0] is kmat:
        return hit[1]
    k32 = np.ascontiguousarray(kmat.T, dtype=np.float32)
    if len(_K32) > 16:
        _K32.clear()
    _K32[id(kmat)] = (kmat, k32)
    return k32


def _solve_expected(model, table, eff, base, outside, red, allowed, fixed, margin, sigma, certain,
                    kmat=None) -> Forecast:
    """The mean-field fixed point of :func:`_expected` from its inputs.

    Performs, element by element, exactly the arithmetic of the plain loop::

        club = p @ kmat.T; sign_v = base + club; stay_v = outside + EXTERNAL_SHARE * club
        gap = sign_v - stay_v - hurdle
        new = clip(0.5 + gap / (2 sigma), 0, 1) * allowed  (certain: gap >= 0; fixed: as fixed)
        p = 0.5 * (p + new)

    with fewer array calls: a cell that may not sign gets base -inf (and a fixed one +-inf),
    which makes ``new`` exactly 0 (1) without the mask; the forecaster's own column gets
    gap -> copysign(inf, gap) before the scaling, which the clip turns into exactly
    ``gap >= 0`` (gap is never -0.0: base never is, so neither is base + club); and the
    buffers are reused. ``tests/test_ai_fast_paths.py`` checks it against the plain loop
    bit for bit."""
    if kmat is None:
        kmat = _table_consts(model, table).kmat
    kT = kmat.T
    R, A = base.shape
    single = A > SINGLE_PRECISION_ABOVE
    if single:  # large conferences: the club product (R x A x A per iteration) in float32
        kT32 = _single(kmat)
        p32 = np.empty((R, A), dtype=np.float32)
    p = allowed.astype(float)
    bx = np.where(allowed, base, -np.inf)
    if fixed is not None:
        signed = fixed == 1
        bx[:, signed] = np.inf
        bx[:, (fixed >= 0) & ~signed] = -np.inf
    hurdle = None if margin is None else margin[None, :]
    sign_x = np.empty((R, A))
    half = np.empty((R, A))
    stay_v = np.empty((R, A))
    t = np.empty((R, A))
    two_sigma = 2 * sigma
    own = t[:, certain] if certain is not None else None  # a view
    club = None
    for _ in range(ITERATIONS):
        if single:
            np.copyto(p32, p, casting="same_kind")
            club = np.matmul(p32, kT32).astype(np.float64)
        else:
            club = p @ kT
        np.add(bx, club, out=sign_x)
        np.multiply(EXTERNAL_SHARE, club, out=half)
        np.add(outside, half, out=stay_v)
        np.subtract(sign_x, stay_v, out=t)  # gap (minus a zero hurdle: x - 0.0 == x)
        if hurdle is not None:
            np.subtract(t, hurdle, out=t)
        if own is not None:
            np.copysign(np.inf, own, out=own)
        np.divide(t, two_sigma, out=t)
        np.add(0.5, t, out=t)
        if _clip_ufunc is not None:  # no NaN here: clip == minimum(maximum(x, 0), 1)
            _clip_ufunc(t, 0.0, 1.0, out=t)
        else:  # pragma: no cover
            np.maximum(t, 0.0, out=t)
            np.minimum(t, 1.0, out=t)
        np.add(p, t, out=p)
        np.multiply(0.5, p, out=p)
    sign_v = base + club
    need = model.scenario.settings.min_signatures
    mu = p.sum(axis=1)
    q = np.subtract(1, p, out=half)  # 1 - p
    sd = np.sqrt(np.multiply(p, q, out=t).sum(axis=1) + 1e-9)
    z = (mu - (need - 0.5)) / sd
    p_force = normal_cdf(z)
    inside = np.add(np.multiply(p, sign_v, out=sign_x), np.multiply(q, stay_v, out=t), out=t)
    value = p_force[:, None] * inside + (1 - p_force[:, None]) * table.outside[None, :]
    return Forecast(eff, p >= 0.5, p_force >= 0.5, sign_v, stay_v, value, red, p, p_force)


def normal_cdf(z: np.ndarray) -> np.ndarray:
    """Standard normal CDF (Abramowitz & Stegun 7.1.26; error below 1.5e-7), vectorised."""
    x = np.abs(z) / np.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = 1.0 - poly * np.exp(-x * x)
    return 0.5 * (1.0 + np.sign(z) * erf)
