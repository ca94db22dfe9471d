"""Was value left on the table? The final text against every other text, same signatories.

Negotiation analysis asks two questions of an agreement that the tightness score does not:

- **Pareto efficiency.** Is there another text that every signatory scores at least as high
  as the one they signed, and one of them higher? If so, the parties left value on the table:
  they could all have had more, and nobody needed to lose. A text on the *Pareto frontier*
  cannot be changed without costing a signatory something.
- **The Nash bargaining text.** Among the texts every signatory prefers to walking away, the
  one that maximises the product of their gains over their walk-away values (their outside
  options): Nash's solution of the bargaining problem, a benchmark for a "fair" split of the
  gains. It depends only on what each party wants and can get elsewhere, not on who bargained
  better.

Both keep the signatories of the real outcome (a different text could also change who signs;
that is another question) and compare the texts as the result screen scores them: each role's
score, 0-100, with the game's reputations and side payments. A text counts only if every
signatory would still sign it (it is worth at least staying out, and crosses no red line of
theirs the final text did not cross). Every text of the scenario is compared, or a seeded
sample of :data:`MAX_TEXTS` in a very large scenario (:attr:`Frontier.sampled` says so).

Everything here reads the truth (every secret): it is for after the game.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.model import Model
from game.engine.table import ActorTable
from game.engine.utility import forecast
from game.scoring.roles import REPUTATION_WEIGHT, Outcome, bounds, score_of
from game.scoring.treaty import eligible_parties, score_treaty

MAX_TEXTS = 4096
MAX_EXACT = 600  # texts whose objectives are checked one by one (the best candidates first)
MORE = 0.5  # role-score points: "higher" means at least this much (below it, rounding hides it)
SAME = 0.005  # role-score points: "at least as high" allows this much for floating point


@dataclass(frozen=True)
class Alternative:
    """Another final text, with what it would have given each party (role-score points)."""

    levels: tuple[int, ...]
    changes: tuple[tuple[str, str, str], ...]  # (issue name, the final text's level, this text's level)
    gains: tuple[tuple[str, float], ...]  # (actor id, score here minus score for the final text), signatories
    others: tuple[tuple[str, float], ...]  # the same for the parties that did not sign
    tightness: float
    label: str

    @property
    def total_gain(self) -> float:
        return float(sum(g for _, g in self.gains))

    def to_dict(self) -> dict:
        return {"levels": list(self.levels),
                "changes": [{"issue": i, "from": a, "to": b} for i, a, b in self.changes],
                "gains": {a: round(g, 2) for a, g in self.gains},
                "others": {a: round(g, 2) for a, g in self.others},
                "tightness": round(self.tightness, 2), "label": self.label}


@dataclass(frozen=True)
class PairView:
    """Every counted text as two parties score it: the picture of their bargain (a negotiation
    analyst's two-party utility plot). ``line``: the texts neither of the two can improve on
    without costing the other (their two-party Pareto frontier), from left to right."""

    x: str  # actor ids
    y: str
    points: tuple[tuple[float, float], ...]  # (x's score, y's score) of every counted text, duplicates dropped
    line: tuple[tuple[float, float], ...]
    final: tuple[float, float]
    nash: tuple[float, float] | None = None
    best: tuple[float, float] | None = None


@dataclass(frozen=True)
class Frontier:
    signers: tuple[str, ...]
    texts: int  # texts compared (the final one not counted)
    sampled: bool  # True: a seeded sample of the scenario's texts, not all of them
    better: int  # texts every signatory scores at least as high, and one at least MORE higher
    capped: bool  # True: more candidates than MAX_EXACT were left to check, so ``better`` is a lower bound
    best: Alternative | None  # of those, the one with the largest total gain to the signatories
    nash: Alternative | None  # the Nash bargaining text (None: no text all signatories prefer to walking away)
    nash_without: tuple[str, ...] = ()  # signatories no text serves better than walking away (left out of it)
    pair: PairView | None = None  # the two parties asked for (frontier(pair=...)), else None

    @property
    def efficient(self) -> bool:
        return self.better == 0

    @property
    def final_is_nash(self) -> bool:
        return self.nash is not None and not self.nash.changes

    def to_dict(self) -> dict:
        return {"signers": list(self.signers), "texts": self.texts, "sampled": self.sampled,
                "pareto_efficient": self.efficient, "better_texts": self.better, "better_is_lower_bound": self.capped,
                "best_alternative": self.best.to_dict() if self.best else None,
                "nash_text": self.nash.to_dict() if self.nash else None, "final_is_nash": self.final_is_nash,
                "nash_without": list(self.nash_without)}


def all_texts(model: Model, limit: int = MAX_TEXTS, seed: int = 0) -> tuple[np.ndarray, bool]:
    """((T, K) every text of the scenario, or ``limit`` distinct ones drawn with ``seed``; sampled?)."""
    sizes = [int(n) for n in model.n_levels]
    total = int(np.prod(sizes, dtype=np.float64))
    if total <= limit:
        grids = np.meshgrid(*[np.arange(n) for n in sizes], indexing="ij")
        return np.stack([g.ravel() for g in grids], axis=1).astype(np.int64), False
    rng = np.random.default_rng(seed)
    picked = np.unique(np.stack([rng.integers(0, n, size=limit * 2) for n in sizes], axis=1), axis=0)
    return picked[rng.permutation(len(picked))[:limit]], True


def frontier(model: Model, table: ActorTable, out: Outcome, limit: int = MAX_TEXTS, seed: int = 0,
             pair: tuple[int, int] | None = None) -> Frontier | None:
    """The Pareto and Nash analysis of a final outcome (None when nothing was signed); with
    ``pair`` (two actor indices), also every counted text as those two score it (:class:`PairView`)."""
    signers = sorted(out.signers)
    if not signers or not out.treaty.in_force:
        return None
    ids = model.actor_ids
    final = np.array(out.levels, dtype=np.int64)
    texts, sampled = all_texts(model, limit, seed)
    texts = texts[~(texts == final).all(axis=1)]
    rows = np.vstack([final[None, :], texts])  # row 0: the final text
    fixed = np.array([1 if i in out.signers else 0 for i in range(model.n_actors)])
    fc = forecast(model, table, rows, out.author, fixed=fixed)
    shift = np.zeros(model.n_actors)
    if out.payments:
        shift += np.array(out.payments)
    if out.reputation:
        shift -= REPUTATION_WEIGHT * (1 - np.array(out.reputation))
    value = fc.value + shift[None, :]  # (T+1, A) as role_scores values an outcome
    share = model.scenario.settings.utility_share
    lo_hi = np.array([bounds(model, table, i) for i in range(model.n_actors)])
    util = np.clip((value - lo_hi[:, 0]) / np.where(lo_hi[:, 1] > lo_hi[:, 0], lo_hi[:, 1] - lo_hi[:, 0], 1.0),
                   0, 1)
    has_obj = np.array([sum(o.points for o in a.objectives) > 0 for a in model.scenario.actors])
    S = np.array(signers)

    # Would every signatory still sign it? Worth at least staying out (or no worse a deal than
    # the final text was), and no red line of theirs crossed that the final text did not cross.
    margin = fc.sign_value[:, S] - fc.stay_value[:, S]
    willing = (margin >= np.minimum(margin[0], 0.0)[None, :] - 1e-12).all(axis=1)
    willing &= ~(fc.red[:, S] & ~fc.red[0, S][None, :]).any(axis=1)
    willing[0] = True

    def exact(row: int, who: tuple[int, ...] | None = None) -> np.ndarray:
        """Role scores (of every actor, or of ``who``) for the text in ``row``, objectives checked as
        the result does."""
        levels = tuple(int(x) for x in rows[row])
        treaty = out.treaty if row == 0 else score_treaty(model, table, levels, out.author, out.signers, out.actors)
        o = Outcome(levels=levels, author=out.author, signers=out.signers, treaty=treaty,
                    communique=out.communique, broke_word=out.broke_word, payments=out.payments,
                    reputation=out.reputation, actors=out.actors)
        actors = range(model.n_actors) if who is None else who
        return np.array([score_of(model, i, o, float(util[row, i]))[2] for i in actors])

    base = exact(0)
    # The objectives add at most (1 - share) * 100: a text can beat the final one for every
    # signatory only if its utility alone, with every objective met, reaches each one's score.
    ceiling = 100 * (share * util[:, S] + (1 - share) * np.where(has_obj[S], 1.0, util[:, S]))
    candidates = np.flatnonzero(willing & (ceiling >= base[S][None, :] - SAME).all(axis=1))
    candidates = candidates[candidates > 0]
    order = np.argsort(-(util[candidates][:, S].sum(axis=1)), kind="stable")
    capped = len(candidates) > MAX_EXACT
    candidates = candidates[order][:MAX_EXACT]
    cache: dict[int, np.ndarray] = {}
    better: list[int] = []
    for row in candidates:
        sc = cache.setdefault(int(row), exact(int(row)))
        gain = sc[S] - base[S]
        if (gain >= -SAME).all() and gain.max() >= MORE:
            better.append(int(row))

    def alternative(row: int) -> Alternative:
        sc = cache.setdefault(row, exact(row))
        levels = tuple(int(x) for x in rows[row])
        changes = tuple((model.scenario.issues[k].name, model.level_name(k, out.levels[k]),
                         model.level_name(k, levels[k])) for k in range(model.n_issues) if levels[k] != out.levels[k])
        outsiders = [i for i in eligible_parties(model, out.actors) if i not in out.signers]
        treaty = out.treaty if row == 0 else score_treaty(model, table, levels, out.author, out.signers, out.actors)
        return Alternative(levels, changes, tuple((ids[i], float(sc[i] - base[i])) for i in signers),
                           tuple((ids[i], float(sc[i] - base[i])) for i in outsiders),
                           float(treaty.tightness), treaty.label)

    best = best_row = None
    if better:
        totals = [float((cache[r][S] - base[S]).sum()) for r in better]
        best_row = better[int(np.argmax(totals))]
        best = alternative(best_row)

    # Nash: maximise the product of the signatories' gains over their walk-away values (with the
    # side payments they get for signing). A signatory that no text would serve better than walking
    # away (it signed at a loss) has no gain to share: it is left out, and named.
    pay = np.array(out.payments) if out.payments else np.zeros(model.n_actors)
    surplus = fc.value[:, S] + pay[S][None, :] - table.outside[S][None, :]
    gains_some = (surplus[willing] > 1e-9).any(axis=0)
    without = tuple(ids[i] for i, g in zip(signers, gains_some) if not g)
    surplus = surplus[:, gains_some]
    ok = willing & (surplus > 1e-9).all(axis=1) if surplus.shape[1] else np.zeros(len(rows), dtype=bool)
    nash = nash_row = None
    if ok.any():
        logs = np.log(np.where(surplus > 1e-9, surplus, 1.0)).sum(axis=1)
        logs = np.where(ok, logs, -np.inf)
        top = float(logs.max())
        nash_row = 0 if ok[0] and logs[0] >= top - 1e-9 else int(np.argmax(logs))
        nash = alternative(nash_row)
    view = None
    if pair is not None:
        i, j = pair
        at = {int(r): (float(cache[int(r)][i]), float(cache[int(r)][j])) if int(r) in cache
              else tuple(float(v) for v in exact(int(r), (i, j))) for r in np.flatnonzero(willing)}
        points = sorted({(round(x, 1), round(y, 1)) for x, y in at.values()})
        line, top = [], -np.inf  # from the right: a text is on the line if none right of it is higher
        for x, y in sorted(points, key=lambda p: (-p[0], -p[1])):
            if y > top:
                line.append((x, y))
                top = y
        view = PairView(ids[i], ids[j], tuple(points), tuple(reversed(line)), at[0],
                        at.get(nash_row) if nash_row is not None else None,
                        at.get(best_row) if best_row is not None else None)
    return Frontier(tuple(ids[i] for i in signers), len(texts), sampled, len(better), capped, best, nash, without,
                    view)


def changes_text(alt: Alternative, arrow: str = "\u2192") -> str:
    """'Issue: old level -> new level; ...' for the changes ``alt`` makes to the final text."""
    return "; ".join(f"{issue}: {a} {arrow} {b}" for issue, a, b in alt.changes)


def all_of(n: int, what: str = "signatories") -> str:
    """'all 6 signatories', 'both signatories', 'the only signatory'."""
    return f"the only {what[:-3]}y" if n == 1 else f"both {what}" if n == 2 else f"all {n} {what}"


def describe(f: Frontier, names: dict[str, str], arrow: str = "\u2192") -> str:
    """The finding in two or three plain sentences (the text mode and the window's results), by the
    scenario's estimates of what each delegation wants."""
    n = len(f.signers)
    every = all_of(n)

    est = "(by the scenario's estimates)"
    if f.best is None and f.capped:
        out = [f"On the Pareto frontier, as far as checked: none of the {MAX_EXACT} most promising other texts "
               f"would have given {every} at least as high a score {est} and one of them a higher one, but not "
               "every text was checked."]
    elif f.best is None:
        out = [f"On the Pareto frontier: no other text would have given {every} at least as high a score {est} "
               "and one of them a higher one, so no value was left on the table."]
    else:
        gains = ", ".join(f"{names.get(a, a)} {round(g, 1) + 0.0:+.1f}" for a, g in f.best.gains)
        more = "at least " if f.capped else ""
        out = [f"Value left on the table: {more}{f.better} other text{'s' if f.better != 1 else ''} would have "
               f"given {every} at least as high a score {est} and one of them a higher one. The best for them: "
               f"{changes_text(f.best, arrow)} ({gains})."]
    if f.nash is not None:
        out.append("The Nash bargaining text (a yardstick for a fair split: the text with the largest product of "
                   "the signatories' gains over what each could get without the agreement) "
                   + ("is the signed text itself." if not f.nash.changes else f"changes {changes_text(f.nash, arrow)}."))
    return " ".join(out)
