"""The window says the AI difficulty where a result is read and where it is chosen: a student who
lost as Georgia at hard asked whether it was them or the level, and the results screen compared
their score with the computer's without saying that the computer had faced the same hard opponents."""

from __future__ import annotations

import pygame
import pytest
from ui_helpers import click, finish_game, frames, press, run_until


def test_the_results_say_the_level_and_that_the_ai_average_is_at_it(build_app):
    app = build_app(role=["georgia"], seed=12, difficulty="hard", record_text=True, facilitator=True)
    res = finish_game(app)
    run_until(app, lambda: res.cloud.done, limit=3000)
    frames(app, 3)
    assert any(s.endswith(" - AI difficulty: hard") for s in app.recorded), "the level on the treaty page"
    press(app, pygame.K_2)
    frames(app, 3)
    assert any(s.endswith(" - AI difficulty: hard") for s in app.recorded), "the level on the roles page"
    georgia = next(r for r in res.vm.roles if r.id == "georgia")
    assert georgia.ai_mean is not None
    assert res.beside_line(georgia, "hard").endswith(
        f"the AI in this role {georgia.ai_mean:.0f} on average at the same AI difficulty (hard), treated by the "
        "others as you were.")


def test_the_setup_summary_says_what_the_chosen_level_does(build_app):
    """The D key cycles the level, and only a mouse pointer showed what it meant."""
    from game.ui.scenes import RolesScene

    app = build_app(role=[])
    click(app, "title:new")
    click(app, "nav:next")
    roles = app.top
    assert isinstance(roles, RolesScene)
    assert roles.level_line() == ""  # nobody chosen: the level makes no difference yet
    click(app, "role:georgia")
    press(app, pygame.K_d)  # normal -> hard
    assert app.setup.difficulty == "hard"
    assert roles.level_line().startswith(" AI difficulty hard: the computer's delegations mind your gains")
    click(app, "role:russia")
    press(app, pygame.K_d)  # hard -> easy
    assert roles.level_line().startswith(" AI difficulty easy: the computer's delegations accommodate the teams")


@pytest.mark.parametrize("size,large", [("1280x720", False), ("1024x600", True)])
def test_the_menu_says_the_level_during_play(build_app, size, large):
    """The level was on the setup and results screens only: during play the menu says it."""
    from game.ui.scenes import MenuScene

    app = build_app(role=["georgia"], difficulty="hard", record_text=True, size=size)
    if large:
        app.settings.font_scale = "large"
        app.rescale(rebuild_gui=True)
    app.push(MenuScene(app))
    frames(app, 2)
    assert "AI difficulty: hard" in app.recorded
    alone = build_app(role=[], autoplay=True, record_text=True)  # no person at the table: no level
    alone.push(MenuScene(alone))
    frames(alone, 2)
    assert not any(s.startswith("AI difficulty") for s in alone.recorded)
