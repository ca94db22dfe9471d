"""A history teacher's 90-minute lesson with nine groups in the facilitator console.

Each test pins one fix found by running the console the way a teacher in a hurry does.
"""

from __future__ import annotations

import pygame

from ui_helpers import frames, press
from game.ui.scene_facilitator import FacilitatorScene

TEAMS = ["russia", "belarus", "armenia", "georgia", "azerbaijan", "kazakhstan"]


def _double_click(app, name: str) -> None:
    """Two clicks on one button, a frame apart (a double click)."""
    region = app.top.ui.find(name)
    assert region is not None, name
    pos = region.rect.center
    for _ in range(2):
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        frames(app, 1)
    frames(app, 2)


def _console(build_app):
    app = build_app(role=TEAMS, facilitator=True, seed=4)
    assert isinstance(app.top, FacilitatorScene)
    return app, app.top


def test_a_double_click_on_a_move_button_moves_for_one_team_only(build_app):
    """Teams sit in turn order (Russia, then Belarus): a double click on Pass for Russia also
    passed for Belarus, who had not said a word."""
    app, t = _console(build_app)
    m = app.match
    assert m.to_move == "russia"
    _double_click(app, "action:pass")
    assert [(a.actor, a.kind) for a in m.actions] == [("russia", "pass")]
    assert m.to_move == "belarus"
    # a deliberate click a moment later is Belarus's move
    frames(app, 40)
    _double_click(app, "action:endorse")
    assert [(a.actor, a.kind) for a in m.actions][1:] == [("belarus", "endorse")]
    assert m.to_move == "armenia"
    # keys are never taken for a double click: P, P moves for two teams on purpose
    frames(app, 40)
    press(app, pygame.K_p)
    press(app, pygame.K_p)
    assert [a.actor for a in m.actions][2:] == ["armenia", "georgia"]


def test_a_double_click_on_undo_takes_back_one_move(build_app):
    app, t = _console(build_app)
    press(app, pygame.K_p)
    frames(app, 40)
    press(app, pygame.K_p)
    assert len(app.match.actions) == 2
    frames(app, 40)
    _double_click(app, "fac:undo")
    assert [(a.actor, a.kind) for a in app.match.actions] == [("russia", "pass")]
