"""The result of a finished game, and of history, in one shape."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.model import Model
from game.engine.state import Draft, GameState, Options
from game.engine.table import ActorTable, build_table
from game.scoring.roles import Outcome, RoleScore, role_scores
from game.scoring.treaty import TreatyScore, score_treaty


@dataclass(frozen=True)
class GameResult:
    treaty: TreatyScore
    roles: dict[str, RoleScore]
    levels: tuple[int, ...]
    draft: int | None

    def to_dict(self) -> dict:
        return {"treaty": self.treaty.to_dict(), "levels": list(self.levels), "draft": self.draft,
                "roles": {k: v.to_dict() for k, v in self.roles.items()}}


def _payments(model: Model, state: GameState) -> tuple[float, ...]:
    pay = [0.0] * model.n_actors
    for o in state.offers:
        if o.status == "kept" or (o.status == "accepted" and o.condition == "endorse"):
            kind = next(k for k in model.scenario.actors[o.giver].offers if k.id == o.kind)
            pay[o.target] += kind.value
            pay[o.giver] -= kind.cost
    return tuple(pay)


def final_outcome(model: Model, state: GameState) -> tuple[ActorTable, Outcome, Draft | None]:
    """(the true table, the outcome, the draft put to signature) of an ended game."""
    table = build_table(model, state, None)
    draft = state.draft(state.on_table) if state.on_table is not None else None
    if draft is None:
        levels, author = tuple(int(b) for b in model.baseline), state.chair
        signers: frozenset[int] = frozenset()
    else:
        levels, author = draft.levels, state.chair
        signers = frozenset(i for i, s in enumerate(state.signatures) if s == 1)
    treaty = score_treaty(model, table, levels, author, signers, state.actors)
    broke = frozenset(o.target for o in state.offers if o.status == "broken") | frozenset(
        e.actors[0] for e in state.log if e.kind == "red_line_crossed")
    out = Outcome(levels=levels, author=author, signers=signers, treaty=treaty,
                  communique=any(issued for _, _, issued in state.communiques), broke_word=broke,
                  payments=_payments(model, state),
                  reputation=tuple(a.reputation for a in state.actors), actors=state.actors)
    return table, out, draft


def game_result(model: Model, state: GameState) -> GameResult:
    """Scores of an ended game (the truth: every secret counts)."""
    table, out, draft = final_outcome(model, state)
    return GameResult(out.treaty, role_scores(model, table, out), out.levels,
                      draft.id if draft is not None else None)


def history_outcome(model: Model) -> tuple[ActorTable, Outcome] | None:
    """(the true table, the outcome) of what really happened (the scenario's ``history``)."""
    hist = model.scenario.history
    if hist is None:
        return None
    from game.engine.flow import new_game, _fire_events  # local: avoids a cycle at import

    state = new_game(model, 0, Options(events="historical"))
    for rnd in range(1, len(model.scenario.rounds)):
        state, _ = _fire_events(model, state, rnd)
    state = state.evolve(adjustments=tuple(a for a in state.adjustments if a.visible is None))
    table = build_table(model, state, None)
    levels = model.draft_levels(hist.levels)
    signers = frozenset(model.actor_index(a) for a in hist.signatories)
    treaty = score_treaty(model, table, levels, state.chair, signers, state.actors)
    return table, Outcome(levels=levels, author=state.chair, signers=signers, treaty=treaty, actors=state.actors)


def history_result(model: Model) -> GameResult | None:
    """The same scores for what really happened (the scenario's ``history``)."""
    found = history_outcome(model)
    if found is None:
        return None
    table, out = found
    return GameResult(out.treaty, role_scores(model, table, out), out.levels, None)
