"""The pure, deterministic negotiation engine (no I/O, no pygame, no clocks).

``Game(scenario)`` bundles the compiled rules; states are immutable and every
method returns new ones::

    game = Game(scenario)
    state = game.new(seed=1)
    state, events = game.apply(state, Pass("russia"))
"""

from __future__ import annotations

from game.engine import actions
from game.engine.actions import Action
from game.engine.flow import new_game
from game.engine.legal import legal_actions, legal_moves
from game.engine.model import Model, build_model
from game.engine.rules import check
from game.engine.state import GameState, LogEntry, Options
from game.engine.transition import IllegalAction, Outcome, apply, try_apply
from game.engine.views import View, make_view
from game.scenarios.schema import Scenario

__all__ = ["Game", "GameState", "Options", "Action", "IllegalAction", "Outcome", "View",
           "LogEntry", "actions", "legal_moves"]


class Game:
    """The rules of one scenario."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.model: Model = build_model(scenario)

    def new(self, seed: int = 0, options: Options = Options()) -> GameState:
        return new_game(self.model, seed, options)

    def check(self, state: GameState, action: Action) -> str | None:
        return check(self.model, state, action)

    def apply(self, state: GameState, action: Action) -> tuple[GameState, tuple[LogEntry, ...]]:
        return apply(self.model, state, action)

    def try_apply(self, state: GameState, action: Action) -> Outcome:
        return try_apply(self.model, state, action)

    def legal_actions(self, state: GameState, include_tables: bool = False) -> list[Action]:
        return legal_actions(self.model, state, include_tables)

    def view(self, state: GameState, actor: str | int) -> View:
        idx = actor if isinstance(actor, int) else self.model.actor_index(actor)
        return make_view(self.model, state, idx)

    def actor_to_move(self, state: GameState) -> str | None:
        return None if state.turn < 0 else self.model.actor_ids[state.turn]
