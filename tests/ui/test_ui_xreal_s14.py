"""Bugs found by playing in a real X window (Xvfb, openbox, xdotool) after the loop learned to draw less
(``App.frame_rate``). Each test feeds the events the X server gave the game, in its order, on the dummy
driver, to the real ``App.run`` on the fake timeline of test_ui_battery_qa."""

from __future__ import annotations

import pygame
from test_ui_battery_qa import fake, run_for

from game.ui import app as appmod

def _at_rest_then(build_app, *events):
    """The title at rest (past ACTIVE_S), then ``events`` as X gave them: the app and its fake timeline."""
    app = build_app()
    ft = fake(app)
    run_for(app, ft, app.ACTIVE_S + 0.5)
    for event in events:
        pygame.event.post(event)
    return app, ft


FOCUS_LOST = (pygame.event.Event(pygame.ACTIVEEVENT, gain=0, state=2), pygame.event.Event(pygame.WINDOWFOCUSLOST))


# --- bug: another window taking the keyboard, or the pointer leaving the window, drew 60 frames a second
# for ACTIVE_S (2 s), as input would (pygame-ce sends its old ACTIVEEVENT, gain 0, with every
# WINDOWFOCUSLOST, WINDOWLEAVE and WINDOWMINIMIZED, and only those three counted as quiet)

def test_the_focus_going_to_another_window_draws_at_the_unfocused_rate_at_once(build_app):
    # as X gave it when `xdotool windowactivate` put another window on top of the title
    app, ft = _at_rest_then(build_app, *FOCUS_LOST)
    drawn = run_for(app, ft, 10.0)
    assert len(drawn) <= 10 * appmod.UNFOCUSED_FPS + 2  # was 2 s at 60 and 8 s at 5: 160
    assert not app.window_focused


def test_the_pointer_leaving_the_window_keeps_the_idle_rate(build_app):
    app, ft = _at_rest_then(build_app, pygame.event.Event(pygame.ACTIVEEVENT, gain=0, state=1),
                            pygame.event.Event(pygame.WINDOWLEAVE))
    drawn = run_for(app, ft, 10.0)
    assert len(drawn) <= 10 * appmod.IDLE_FPS + 2  # was 2 s at 60 and 8 s at 10: 200


def test_the_focus_coming_back_still_brings_the_full_rate(build_app):
    app, ft = _at_rest_then(build_app, *FOCUS_LOST)
    run_for(app, ft, 3.0)
    back = ft.t + 0.3
    ft.at(back, lambda: pygame.event.post(pygame.event.Event(pygame.ACTIVEEVENT, gain=1, state=2)))
    ft.at(back, lambda: pygame.event.post(pygame.event.Event(pygame.WINDOWFOCUSGAINED)))
    drawn = run_for(app, ft, 1.5)
    assert app.window_focused
    assert len([t for t in drawn if t >= back]) >= appmod.FPS - 2  # the full rate again
