"""Evaluating every candidate move of a decision in one forecast pass.

Forecast rows are independent drafts, so a what-if only adds rows: a new draft adds
one row; changing one's support for a draft adds that draft again with the new
support; a lobby or an offer changes everyone's view of every draft, so it adds the
whole set of drafts again with the changed ideals or payments. One call to
:func:`game.engine.utility.forecast` then values all of them, and each candidate
reads the rows of its own "world". ``tests/test_ai_batch.py`` checks the results
against evaluating each candidate on its own with :func:`game.ai.outlook.evaluate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.ai.outlook import Situation, expected_over_picks, my_values
from game.engine import actions as A
from game.engine.utility import chair_scores, forecast
from game.engine.views import View


@dataclass
class _World:
    action: A.Action
    rows: np.ndarray  # row indices forming this world's set of drafts
    extra_cost: tuple[int, float] | None = None  # (target, cost paid if it signs)
    actions_needed: int = 1  # a campaign of several moves: its gain is shared among them


@dataclass
class Batch:
    view: View
    sit: Situation
    levels: list = field(default_factory=list)
    support: list = field(default_factory=list)
    pay: list = field(default_factory=list)
    ideal: list = field(default_factory=list)
    worlds: list[_World] = field(default_factory=list)
    n: int = 0

    def __post_init__(self) -> None:
        self._new_drafts: list[tuple[A.Action, tuple[int, ...]]] = []
        self.base_rows = self._add(self.sit.levels, self.sit.support)

    def _add(self, levels, support, pay=None, ideal=None) -> np.ndarray:
        count = len(levels)
        m = self.view.model
        self.levels.append(np.asarray(levels, dtype=np.int64).reshape(count, m.n_issues))
        self.support.append(np.asarray(support, dtype=float).reshape(count, m.n_actors))
        self.pay.append(np.tile(self.sit.pay if pay is None else pay, (count, 1)))
        table_ideal = self.view.table.ideal if ideal is None else ideal
        self.ideal.append(np.repeat(table_ideal[None], count, axis=0))
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
        support = np.zeros((count, self.view.model.n_actors))
        support[:, self.view.viewer] = 1
        rows = self._add(np.array([lv for _, lv in self._new_drafts]), support)
        for (action, _), row in zip(self._new_drafts, rows):
            self.worlds.append(_World(action, np.append(self.base_rows, row)))
        self._new_drafts = []

    def support_change(self, action: A.Action, draft_row: int, value: float) -> None:
        support = self.sit.support[draft_row].copy()
        support[self.view.viewer] = value
        row = self._add(self.sit.levels[draft_row:draft_row + 1], support[None])
        rows = self.base_rows.copy()
        rows[draft_row] = row[0]
        self.worlds.append(_World(action, rows))

    def ideal_change(self, action: A.Action, ideal: np.ndarray, actions_needed: int = 1) -> None:
        rows = self._add(self.sit.levels, self.sit.support, ideal=ideal)
        self.worlds.append(_World(action, rows, actions_needed=actions_needed))

    def pay_change(self, action: A.Action, pay: np.ndarray, target: int, cost: float) -> None:
        rows = self._add(self.sit.levels, self.sit.support, pay=pay)
        self.worlds.append(_World(action, rows, (target, cost)))

    def values(self) -> tuple[float, list[tuple[A.Action, float]]]:
        """(the value of doing nothing, [(action, value)]) - values as in ``evaluate``; a
        campaign's value counts per move (its gain divided by the moves it needs)."""
        self._flush_new_drafts()
        view, sit = self.view, self.sit
        levels = np.vstack(self.levels)
        support = np.vstack(self.support)
        ideal = np.concatenate(self.ideal)
        fc = forecast(view.model, view.table, levels, view.chair, support, np.vstack(self.pay),
                      sit.fixed, sigma=sit.sigma, certain=view.viewer, ideal=ideal)
        mine = my_values(view, sit, fc, levels)
        chair = view.viewer == view.chair
        scores = chair_scores(view.model, fc, view.chair, support, sit.present, mine if chair else None)

        def world_value(rows: np.ndarray, extra) -> float:
            if chair:
                pick = rows[int(np.argmax(scores[rows]))]
                value = float(mine[pick])
                return value - (fc.p_sign[pick, extra[0]] * extra[1] if extra else 0.0)
            value = expected_over_picks(scores[rows], mine[rows], sit.sigma)
            if extra:
                from game.ai.outlook import pick_weights

                weights = pick_weights(scores[rows], sit.sigma)
                value -= float((weights * fc.p_sign[rows, extra[0]]).sum()) * extra[1]
            return value

        base = world_value(self.base_rows, None) if len(self.base_rows) else float(
            view.table.outside[view.viewer])
        return base, [(w.action, base + (world_value(w.rows, w.extra_cost) - base) / w.actions_needed)
                      for w in self.worlds]
