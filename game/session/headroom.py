"""How much there was to win by moving the text: the best final text for a seat.

The AI-strength table compares the AI with a random and a passive player in the same
seat. Whether "clearly better than passive" is possible at all depends on the seat:
a chair whose own draft is adopted anyway has little left to win by the text, a
delegation that stays out can only gain if the text moves. :func:`best_text_score`
answers, for one finished game, "what is the highest role score the choice of text
alone could have given this seat?" - every text of the scenario (or a seeded sample
of them when there are very many), each signed by the delegations the forecast says
would sign it, with the game's reputations and no side payments. It is not a bound
on everything a seat can win (side payments can bring in a signature the text alone
would not), and it assumes the chair would put that text to signature, which it may
never do. The second figure keeps only the texts the chair values at least as much
as the text it really put to signature (as its own AI values texts: its utility and
its objectives, with the same uncertain signature forecast, from what the chair
knows): what the seat could have won by the text without costing the chair anything
- a fairer measure of the room a negotiator had.
"""

from __future__ import annotations

import itertools
import random

import numpy as np

from game.ai.outlook import my_values, situation
from game.engine.model import Model
from game.engine.state import GameState
from game.engine.table import build_table
from game.engine.utility import forecast
from game.engine.views import make_view
from game.scoring.roles import REPUTATION_WEIGHT, Outcome, bounds, role_scores
from game.scoring.treaty import score_treaty

MAX_TEXTS = 4096


def candidate_texts(model: Model, seed: int = 0, limit: int = MAX_TEXTS) -> np.ndarray:
    """(T, K) every text of the scenario, or ``limit`` of them drawn with ``seed``."""
    sizes = [int(n) for n in model.n_levels]
    total = int(np.prod(sizes))
    if total <= limit:
        return np.array(list(itertools.product(*[range(n) for n in sizes])), dtype=np.int64)
    rng = random.Random(f"headroom-{seed}")
    picked = {tuple(rng.randrange(n) for n in sizes) for _ in range(limit)}
    return np.array(sorted(picked), dtype=np.int64)


def _chair_values(model: Model, state: GameState, texts: np.ndarray) -> np.ndarray:
    """(T,) what each text is worth to the chair, as the chair's AI values texts."""
    view = make_view(model, state, state.chair)
    sit = situation(view)
    fc = forecast(view.model, view.table, texts, state.chair, sigma=sit.sigma, certain=state.chair)
    return my_values(view, sit, fc, texts)


def best_text_score(model: Model, state: GameState, seat: int, seed: int = 0) -> tuple[float, float]:
    """(the highest role score of ``seat`` over all final texts, the highest over the
    texts the chair likes at least as much as the one it put to signature)."""
    table = build_table(model, state, None)
    texts = candidate_texts(model, seed)
    if state.on_table is not None:
        texts = np.vstack([texts, np.array(state.draft(state.on_table).levels, dtype=np.int64)])
    fc = forecast(model, table, texts, state.chair)
    accepted = np.ones(len(texts), dtype=bool)
    if state.on_table is not None:
        chair_value = _chair_values(model, state, texts)
        accepted = chair_value >= chair_value[-1] - 1e-9
    reputation = tuple(a.reputation for a in state.actors)
    share = model.scenario.settings.utility_share
    worst, best = bounds(model, table, seat)
    value = fc.value[:, seat] - REPUTATION_WEIGHT * (1 - reputation[seat])
    util = np.clip((value - worst) / ((best - worst) or 1.0), 0, 1)
    has_objectives = any(o.points for o in model.scenario.actors[seat].objectives)
    # The objectives can add at most (1 - share): score texts in the order of that
    # ceiling and stop once no remaining text can beat the best found.
    ceiling = 100 * (share * util + (1 - share) * (1.0 if has_objectives else util))
    found, found_ok = 0.0, 0.0
    for row in np.argsort(-ceiling, kind="stable"):
        if ceiling[row] <= found_ok:
            break
        if ceiling[row] <= found and not accepted[row]:
            continue
        levels = tuple(int(x) for x in texts[row])
        signers = frozenset(int(i) for i in np.flatnonzero(fc.signers[row]))
        treaty = score_treaty(model, table, levels, state.chair, signers, state.actors)
        out = Outcome(levels=levels, author=state.chair, signers=signers, treaty=treaty,
                      reputation=reputation)
        score = role_scores(model, table, out)[model.actor_ids[seat]].score
        found = max(found, score)
        if accepted[row]:
            found_ok = max(found_ok, score)
    return float(found), float(found_ok)
