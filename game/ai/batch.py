"""Evaluating every candidate move of a decision in one forecast pass.

Forecast rows are independent drafts, so a what-if only adds rows: a new draft adds
one row; changing one's support for a draft adds that draft again with the new
support; a lobby or an offer changes everyone's view of every draft, so it adds the
whole set of drafts again with the changed ideals or payments. One forecast pass
then values all of them, and each candidate reads the rows of its own "world".
``tests/test_ai_batch.py`` checks the results against evaluating each candidate on
its own with :func:`game.ai.outlook.evaluate`.

What-ifs are stored as what they change (a support row, a pay vector, the ideals of
the lobbied actors), not as full copies: the rows' levels, support and pay are
gathered from the few distinct ones in one call each, policy values are computed
once per distinct draft and again only for the (row, actor) cells whose ideals a
lobby changes, and the worlds are valued together (worlds of the same size as one
array). Every number is computed with the same arithmetic, element by element, as
the straightforward version (:meth:`Batch.values_reference`, which
``tests/test_ai_fast_paths.py`` compares bit for bit).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.ai.outlook import Situation, chair_values, expected_over_picks, my_values, pick_weights
from game.engine import actions as A
from game.engine.utility import (
    _solve_expected, _table_consts, chair_scores, effective_levels, forecast, policy_values,
    red_crossed,
)
from game.engine.views import View


@dataclass
class _World:
    action: A.Action
    rows: np.ndarray  # row indices forming this world's set of drafts
    extra_cost: tuple[int, float] | None = None  # (target, cost paid if it signs)
    actions_needed: int = 1  # a campaign of several moves: its gain is shared among them


# what-if segments, in the order their rows are laid out
_SUPPORT, _IDEAL, _PAY = 0, 1, 2


@dataclass
class Batch:
    view: View
    sit: Situation
    worlds: list[_World] = field(default_factory=list)
    n: int = 0

    def __post_init__(self) -> None:
        self._new_drafts: list[tuple[A.Action, tuple[int, ...]]] = []
        self._segments: list[tuple[int, object]] = []  # (kind, payload) in row order
        count = len(self.sit.levels)
        self.base_rows = np.arange(count)
        self.n = count
        # The drafts a lobby or an offer world is valued on: all of them, unless
        # :meth:`limit_worlds` narrowed them (large conferences).
        self.live = self.base_rows

    def limit_worlds(self, live: np.ndarray) -> None:
        """Value the lobby and offer worlds added from now on only on the drafts ``live``
        (indices of tabled drafts), against the base restricted to the same drafts: an
        approximation for large conferences, where those worlds repeat every draft."""
        self.live = np.asarray(live, dtype=np.intp)

    def _rows(self, count: int) -> np.ndarray:
        rows = np.arange(self.n, self.n + count)
        self.n += count
        return rows

    def new_draft(self, action: A.Action, levels: tuple[int, ...]) -> None:
        """A world with one more draft (tabled or amended by the viewer, who endorses it)."""
        self._new_drafts.append((action, levels))

    def _flush_new_drafts(self) -> None:
        if not self._new_drafts:
            return
        count = len(self._new_drafts)
        rows = self._rows(count)
        self._segments.append((-1, [lv for _, lv in self._new_drafts]))
        world_rows = np.empty((count, len(self.base_rows) + 1), dtype=self.base_rows.dtype)
        world_rows[:, :-1] = self.base_rows
        world_rows[:, -1] = rows
        for (action, _), r in zip(self._new_drafts, world_rows):
            self.worlds.append(_World(action, r))
        self._new_drafts = []

    def support_change(self, action: A.Action, draft_row: int, value: float) -> None:
        row = self._rows(1)
        self._segments.append((_SUPPORT, (draft_row, value)))
        rows = self.base_rows.copy()
        rows[draft_row] = row[0]
        self.worlds.append(_World(action, rows))

    def ideal_change(self, action: A.Action, ideal: np.ndarray, actions_needed: int = 1) -> None:
        rows = self._rows(len(self.live))
        self._segments.append((_IDEAL, np.asarray(ideal, dtype=float), self.live))
        self.worlds.append(_World(action, rows, actions_needed=actions_needed))

    def ideal_cell_change(self, action: A.Action, actor: int, issue: int, value: float,
                          actions_needed: int = 1) -> None:
        """:meth:`ideal_change` for a change of one actor's ideal on one issue (what a lobby
        does), without building the whole ideal matrix."""
        rows = self._rows(len(self.live))
        self._segments.append((_IDEAL, (int(actor), int(issue), float(value)), self.live))
        self.worlds.append(_World(action, rows, actions_needed=actions_needed))

    def pay_change(self, action: A.Action, pay: np.ndarray, target: int, cost: float) -> None:
        rows = self._rows(len(self.live))
        self._segments.append((_PAY, np.asarray(pay), self.live))
        self.worlds.append(_World(action, rows, (target, cost)))

    # --- the forecast of every row ---------------------------------------------------

    def _forecast(self):
        """(levels, support, forecast) of every row, from the stored what-ifs."""
        view, sit = self.view, self.sit
        m, t = view.model, view.table
        settings = m.scenario.settings
        D, A_ = len(sit.levels), m.n_actors
        new_levels = [lv for kind, p, *_ in self._segments if kind == -1 for lv in p]
        # distinct drafts: the tabled ones, then the new ones
        lv_d = np.asarray(sit.levels, dtype=np.int64).reshape(D, m.n_issues)
        if new_levels:
            lv_d = np.vstack([lv_d, np.array(new_levels, dtype=np.int64).reshape(-1, m.n_issues)])
        # per row: its draft, support row and pay row (indices into the distinct ones); and
        # the first row and ideals of each lobby world
        base_idx = np.arange(D)
        zeros = np.zeros(D, dtype=np.intp)
        lev_parts, sup_parts, pay_parts = [base_idx], [base_idx], [zeros]
        sup_extra: list[np.ndarray] = []  # support rows of support changes and new drafts
        pays = [sit.pay]
        lobbies: list[tuple[int, np.ndarray]] = []
        at, n_sup, n_new = D, D, D
        for kind, payload, *rest in self._segments:
            if kind == _SUPPORT:
                draft_row, value = payload
                row = np.array(sit.support[draft_row], dtype=float)
                row[view.viewer] = value
                sup_extra.append(row)
                lev_parts.append((draft_row,))
                sup_parts.append((n_sup,))
                pay_parts.append((0,))
                n_sup += 1
                at += 1
            elif kind == -1:
                count = len(payload)
                row = np.zeros(A_)
                row[view.viewer] = 1
                sup_extra.append(row)
                lev_parts.append(np.arange(n_new, n_new + count))
                sup_parts.append(np.full(count, n_sup))
                pay_parts.append(np.zeros(count, dtype=np.intp))
                n_new += count
                n_sup += 1
                at += count
            else:
                live = rest[0]
                L = len(live)
                lev_parts.append(live)
                sup_parts.append(live)
                if kind == _PAY:
                    pay_parts.append(np.full(L, len(pays)))
                    pays.append(payload)
                else:
                    pay_parts.append(zeros[:L])
                    lobbies.append((at, payload, live))
                at += L
        lev_src = np.concatenate(lev_parts).astype(np.intp, copy=False)
        sup_src = np.concatenate(sup_parts).astype(np.intp, copy=False)
        pay_src = np.concatenate(pay_parts).astype(np.intp, copy=False)
        levels = lv_d[lev_src]
        sup_d = np.asarray(sit.support, dtype=float).reshape(D, A_)
        if sup_extra:
            sup_d = np.vstack([sup_d, np.array(sup_extra)])
        support = sup_d[sup_src]
        pay = np.array(pays, dtype=float)[pay_src]

        consts = _table_consts(m, t)
        cred = np.full(len(lv_d), t.reliability[view.chair] * t.reputation[view.chair])
        eff_d = effective_levels(m, lv_d, cred)
        eff = eff_d[lev_src]
        # per distinct draft, then gathered per row (the same operations on the same numbers)
        pol_d = policy_values(m, t, eff_d)
        out_d = t.outside[None, :] + settings.text_externality * (pol_d - consts.status_quo)
        policy = pol_d[lev_src]
        outside = out_d[lev_src]
        if lobbies:
            live = lobbies[0][2]  # one set of drafts for every lobby world of a decision
            assert all(lb[2] is live for lb in lobbies)
            _lobby_cells(m, t, consts, eff_d[live], [lb[:2] for lb in lobbies], policy, outside,
                         settings.text_externality)
        base = policy + (settings.endorse_commitment * sup_d)[sup_src]
        base = base + pay
        red_d = red_crossed(t, lv_d)
        red = red_d[lev_src]
        allowed = (t.eligible[None, :] & ~red_d)[lev_src]
        fc = _solve_expected(m, t, eff, base, outside, red, allowed, sit.fixed, None, sit.sigma,
                             view.viewer, consts.kmat)
        return levels, support, fc

    def values(self) -> tuple[float, list[tuple[A.Action, float]]]:
        """(the value of doing nothing, [(action, value)]) - values as in ``evaluate``; a
        campaign's value counts per move (its gain divided by the moves it needs)."""
        self._flush_new_drafts()
        view, sit = self.view, self.sit
        D = len(self.base_rows)
        if self.n == 0:
            return float(view.table.outside[view.viewer]), []
        levels, support, fc = self._forecast()
        mine = my_values(view, sit, fc, levels)
        chair = view.viewer == view.chair
        scores = chair_scores(view.model, fc, view.chair, support, sit.present, chair_values(view, sit, fc, mine))
        worlds = self.worlds
        # worlds valued on a subset of the drafts (limit_worlds) are measured against the
        # base on the same subset: its value goes in the last slot
        L = len(self.live)
        limited = L < D
        out = np.empty(len(worlds) + 1 + limited)
        # worlds grouped by their number of rows: the base's size (the base itself first),
        # one draft more, and the subset's size (the base on the subset first)
        sizes = {D: [], D + 1: []} | ({L: []} if limited else {})
        for n, w in enumerate(worlds):
            sizes[len(w.rows)].append(n)
        for size, group in sizes.items():
            lead = None
            if size == D and D > 0:
                lead = (self.base_rows, 0)
            elif limited and size == L:
                lead = (self.live, len(worlds) + 1)
            if not group and lead is None:
                continue
            idx = np.array(([lead[0]] if lead else []) + [worlds[n].rows for n in group], dtype=np.intp)
            slots = ([lead[1]] if lead else []) + [n + 1 for n in group]
            extras = [None] * (lead is not None) + [worlds[n].extra_cost for n in group]
            out[slots] = _world_values(idx, extras, scores, mine, fc.p_sign, sit.sigma, chair)
        base = float(out[0]) if D else float(view.table.outside[view.viewer])
        base_live = float(out[-1]) if limited else base
        return base, [(w.action, base + (float(out[n + 1]) - (base_live if len(w.rows) == L and limited
                                                               else base)) / w.actions_needed)
                      for n, w in enumerate(worlds)]

    # --- the straightforward version (a yardstick for the tests) -------------------

    def values_reference(self) -> tuple[float, list[tuple[A.Action, float]]]:
        """:meth:`values` computed the plain way: every row's inputs as full copies, one
        :func:`forecast` call, one Python call per world."""
        self._flush_new_drafts()
        view, sit = self.view, self.sit
        m = view.model
        D = len(self.base_rows)
        rows_lv, rows_sup, rows_pay, rows_ideal = [], [], [], []

        def add(lv, sup, pay=None, ideal=None):
            count = len(lv)
            rows_lv.append(np.asarray(lv, dtype=np.int64).reshape(count, m.n_issues))
            rows_sup.append(np.asarray(sup, dtype=float).reshape(count, m.n_actors))
            rows_pay.append(np.tile(sit.pay if pay is None else pay, (count, 1)))
            rows_ideal.append(np.repeat((view.table.ideal if ideal is None else ideal)[None], count, 0))

        add(sit.levels, sit.support)
        for kind, payload, *rest in self._segments:
            live = rest[0] if rest else None
            if kind == _SUPPORT:
                draft_row, value = payload
                sup = sit.support[draft_row].copy()
                sup[view.viewer] = value
                add(sit.levels[draft_row:draft_row + 1], sup[None])
            elif kind == _IDEAL:
                if isinstance(payload, tuple):
                    actor, issue, value = payload
                    ideal = np.array(view.table.ideal)
                    ideal[actor, issue] = value
                    payload = ideal
                add(sit.levels[live], sit.support[live], ideal=payload)
            elif kind == _PAY:
                add(sit.levels[live], sit.support[live], pay=payload)
            else:
                sup = np.zeros((len(payload), m.n_actors))
                sup[:, view.viewer] = 1
                add(np.array(payload), sup)
        if self.n == 0:
            return float(view.table.outside[view.viewer]), []
        levels = np.vstack(rows_lv)
        support = np.vstack(rows_sup)
        fc = forecast(m, view.table, levels, view.chair, support, np.vstack(rows_pay), sit.fixed,
                      sigma=sit.sigma, certain=view.viewer, ideal=np.concatenate(rows_ideal))
        mine = my_values(view, sit, fc, levels)
        chair = view.viewer == view.chair
        scores = chair_scores(m, fc, view.chair, support, sit.present, chair_values(view, sit, fc, mine))

        def world_value(rows: np.ndarray, extra) -> float:
            if chair:
                pick = rows[int(np.argmax(scores[rows]))]
                value = float(mine[pick])
                return value - (fc.p_sign[pick, extra[0]] * extra[1] if extra else 0.0)
            value = expected_over_picks(scores[rows], mine[rows], sit.sigma)
            if extra:
                weights = pick_weights(scores[rows], sit.sigma)
                value -= float((weights * fc.p_sign[rows, extra[0]]).sum()) * extra[1]
            return value

        base = world_value(self.base_rows, None) if D else float(view.table.outside[view.viewer])
        limited = len(self.live) < D
        base_live = world_value(self.live, None) if limited else base
        return base, [(w.action, base + (world_value(w.rows, w.extra_cost)
                                         - (base_live if limited and len(w.rows) == len(self.live) else base))
                       / w.actions_needed)
                      for w in self.worlds]


def _lobby_cells(m, t, consts, eff_base, lobbies, policy, outside, externality) -> None:
    """Overwrite, in place, the policy and staying-out values of the actors whose ideals a
    lobby world changes (every other cell of its rows equals the base rows')."""
    full = [(n, ideal) for n, (_, ideal) in enumerate(lobbies) if not isinstance(ideal, tuple)]
    cells = [(n, cell) for n, (_, cell) in enumerate(lobbies) if isinstance(cell, tuple)]
    world_parts, actor_parts, ideal_parts = [], [], []
    if full:
        ideals = np.array([ideal for _, ideal in full])  # (L, A, K)
        w, a = np.nonzero((ideals != t.ideal[None]).any(axis=2))
        world_parts.append(np.array([n for n, _ in full], dtype=np.intp)[w])
        actor_parts.append(a)
        ideal_parts.append(ideals[w, a])
    if cells:
        world_parts.append(np.array([n for n, _ in cells], dtype=np.intp))
        actor_parts.append(np.array([c[0] for _, c in cells], dtype=np.intp))
        rows = t.ideal[actor_parts[-1]]  # a copy (fancy indexing)
        rows[np.arange(len(cells)), [c[1] for _, c in cells]] = [c[2] for _, c in cells]
        ideal_parts.append(rows)
    world = np.concatenate(world_parts)
    if not len(world):
        return
    actors = np.concatenate(actor_parts).astype(np.intp, copy=False)
    D = len(eff_base)
    ideal = np.concatenate(ideal_parts)  # (P, K)
    sal = t.salience[actors]  # (P, K)
    norm = consts.norm[actors]
    # as policy_values: 1 - sum_k(|eff - ideal| / span * salience) / norm, per (row, actor)
    dist = np.abs(eff_base[None, :, :] - ideal[:, None, :]) / m.span  # (P, D, K)
    pol = 1.0 - np.einsum("pdk,pk->pd", dist, sal) / norm[:, None]
    dist0 = np.abs(m.baseline[None, None, :] - ideal[:, None, :]) / m.span  # (P, 1, K)
    sq = 1.0 - np.einsum("pdk,pk->pd", dist0, sal)[:, 0] / norm
    first = np.array([first for first, _ in lobbies], dtype=np.intp)[world]
    rows = first[:, None] + np.arange(D)[None, :]
    policy[rows, actors[:, None]] = pol
    outside[rows, actors[:, None]] = t.outside[actors][:, None] + externality * (pol - sq[:, None])


def _world_values(idx, extras, scores, mine, p_sign, sigma, chair) -> np.ndarray:
    """Each world's value (rows ``idx``, all of one length) as ``world_value`` in
    :meth:`Batch.values_reference` gives it, with the same arithmetic per world."""
    s = scores[idx]
    costs = np.array([0.0 if e is None else e[1] for e in extras])
    targets = np.array([0 if e is None else e[0] for e in extras], dtype=np.intp)
    has = np.array([e is not None for e in extras])
    if chair:
        pick = idx[np.arange(len(idx)), np.argmax(s, axis=1)]
        value = mine[pick]
        return np.where(has, value - p_sign[pick, targets] * costs, value)
    tau = max(sigma / 4, 1e-6)
    e = np.exp((s - s.max(axis=1, keepdims=True)) / tau)
    weights = e / e.sum(axis=1, keepdims=True)
    value = (weights * mine[idx]).sum(axis=1)
    if has.any():
        paid = (weights * p_sign[idx, targets[:, None]]).sum(axis=1)
        value = np.where(has, value - paid * costs, value)
    return value
