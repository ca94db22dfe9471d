"""Review of session 16 in the window: the briefing check with a scenario's many own questions."""

from __future__ import annotations

import pygame
from ui_helpers import frames, press, to_human_turn

from game.report import quiz as Q
from game.ui import scene_quiz as SQ


def test_a_long_check_draws_and_answers(build_app, monkeypatch):
    app = build_app(role=["georgia"], seed=3, record_text=True)
    to_human_turn(app, "georgia")
    base = Q.questions(app.match.scenario, "georgia")
    many = base + tuple(Q.Question(f"own:q{n}", f"Own question {n}?", (("right", "Yes"), ("wrong1", "No")),
                                   "right", "") for n in range(150))
    monkeypatch.setattr(SQ, "questions", lambda sc, seat: many)
    press(app, pygame.K_f)
    quiz = app.top
    assert isinstance(quiz, SQ.QuizScene) and len(quiz.qs) == len(many)
    frames(app, 3)
    quiz.go(len(many))  # the summary
    frames(app, 3)
    quiz.go(len(many) - 1)
    frames(app, 3)
