"""Review of the touch input (session 14): a press held across a change of the layout, and a mouse's
click on a draft tab followed by the hand moving on with the button still down."""

from __future__ import annotations

import pygame

from tests.ui.test_ui_touch_qa import _post, _roles, centre, drag, finger_down, finger_up
from tests.ui.ui_helpers import frames, to_human_turn


def test_a_finger_held_while_the_window_is_resized_taps_nothing_where_it_was(build_app):
    """A tablet turned (or a window resized) while a finger is down: the layout moves under it, and its tap,
    made where it touched when it lifts, went to what was there now (Armenia, for a finger on Georgia)."""
    app = _roles(build_app)
    pos = centre(app, "role:georgia")
    finger_down(app, pos)
    frames(app, 2)
    _post(pygame.VIDEORESIZE, size=(1600, 900), w=1600, h=900)
    frames(app, 2)
    assert app.top.ui.at(pos) is not None and app.top.ui.at(pos).name != "role:georgia"  # (what is there now)
    finger_up(app, pos)
    frames(app, 2)
    assert app.top.humans == []
    finger_down(app, centre(app, "role:georgia"))  # a tap on the new layout is a tap
    frames(app, 2)
    finger_up(app, centre(app, "role:georgia"))
    frames(app, 2)
    assert app.top.humans == ["georgia"]


def test_a_mouse_click_on_a_draft_tab_then_a_hand_moving_on_keeps_that_draft(build_app):
    """The draft tabs turn with the wheel, not with a drag: a click on D2 with the hand moving on towards
    the grid below, the button not yet let go, chose D1 (every two lines of the movement a wheel's notch)."""
    app = build_app(role=["georgia"])
    table = to_human_turn(app)
    frames(app, 2)
    assert len(table.vm.drafts) >= 2
    pos = centre(app, "draft:2")
    _post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False)
    frames(app, 1)
    assert table.sel_draft == 2
    for k in range(1, 9):
        _post(pygame.MOUSEMOTION, pos=(pos[0], pos[1] + 10 * k), rel=(0, 10), buttons=(1, 0, 0), touch=False)
        frames(app, 1)
    _post(pygame.MOUSEBUTTONUP, pos=(pos[0], pos[1] + 80), button=1, touch=False)
    frames(app, 2)
    assert table.sel_draft == 2
    start = centre(app, "draft:1")
    drag(app, start, (start[0], start[1] - 90))  # a finger's stroke over a tab: no tap, no other draft
    assert table.sel_draft == 2
    _post(pygame.MOUSEMOTION, pos=start, rel=(0, 0), buttons=(0, 0, 0), touch=False)
    _post(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, touch=False)  # the wheel still steps through them
    frames(app, 2)
    assert table.sel_draft == 1


def test_the_mouse_dragging_a_lists_scroll_bar_moves_the_content_as_the_thumb_goes(build_app):
    """Held on a list and dragged, the mouse moves the content with it, as a finger does; but on the
    list's scroll bar (its right edge) the thumb follows the pointer, so the content goes the other way:
    dragging the bar down scrolled the brief back up (found by the session's review)."""
    import pygame

    from tests.ui.ui_helpers import frames

    app = build_app(role=["georgia"])
    frames(app, 3)
    assert app.top.name == "brief"
    rect = app.top.ui.find("brief:doc").rect

    def mouse_drag(x: int, y0: int, y1: int) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(x, y0), button=1, touch=False))
        frames(app, 1)
        for k in range(1, 11):
            y = y0 + (y1 - y0) * k // 10
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(0, (y1 - y0) // 10),
                                                 buttons=(1, 0, 0), touch=False))
            frames(app, 1)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(x, y1), button=1, touch=False))
        frames(app, 2)

    mouse_drag(rect.right - 3, rect.top + 20, rect.top + 220)  # the bar, down: further into the brief
    down = app.top.state["offset"]
    assert down > 100
    mouse_drag(rect.centerx, rect.top + 20, rect.top + 120)  # the text itself, down: back towards the top
    assert app.top.state["offset"] < down


def test_a_lifted_finger_leaves_no_hover_look_and_the_mouse_gets_it_back(build_app):
    """After a tap SDL leaves the pointer where the finger was: the button tapped kept its hover look until
    the next touch. Now it looks as any other button; the mouse moved over it gives the look back."""
    import pygame

    from game.ui.scenes import RolesScene, ScenarioScene
    from tests.ui.ui_helpers import frames

    app = build_app()
    app.push(ScenarioScene(app))
    app.push(RolesScene(app, app.top.scenario))
    frames(app, 2)
    rect = app.top.ui.find("seed:random").rect
    spot = (rect.x + 6, rect.centery)  # the button's fill, clear of its text

    def fill() -> tuple:
        frames(app, 1)
        return tuple(app.screen.get_at(spot))

    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rect.center, button=1, touch=True))
    frames(app, 2)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=rect.center, button=1, touch=True))
    tapped = fill()
    assert app.top.ui.find("seed:random") is not None  # (the tap drew a seed; the button stays)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(2, 2), rel=(0, 0), buttons=(0, 0, 0), touch=False))
    plain = fill()
    assert tapped == plain  # the finger lifted: no hover look where it tapped
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(rect.centerx + 2, rect.centery), rel=(2, 0),
                                         buttons=(0, 0, 0), touch=False))
    assert fill() != plain  # the mouse over it: the hover look
