"""Scoring: how tight the treaty is, and how well each role did (pure functions)."""

from game.scoring.result import GameResult, game_result, history_result
from game.scoring.roles import RoleScore
from game.scoring.treaty import TreatyScore, score_treaty

__all__ = ["GameResult", "game_result", "history_result", "RoleScore", "TreatyScore", "score_treaty"]
