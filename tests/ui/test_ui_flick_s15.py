"""Kinetic scrolling: a finger's flick over a list or a text glides on after the finger lifts, slowing down
until it stops (or the list's end), as on a phone or a tablet; a touch, a click, the wheel or a key stops it.
The finger is sent as SDL sends it (see test_ui_touch_qa.py), one move a frame of the App's own clock."""

from __future__ import annotations

import pygame

from game.ui.app import FPS, IDLE_FPS
from tests.ui.test_ui_touch_qa import finger_down, finger_move, finger_up
from tests.ui.ui_helpers import frames


def _brief(build_app):
    """The brief (a text of about 450 px more than its box shows), at its top."""
    app = build_app(role=["georgia"])
    frames(app, 3)
    assert app.top.name == "brief"
    app.top.state["offset"] = 0
    frames(app, 2)
    return app, app.top.ui.find("brief:doc").rect


def _offset(app) -> int:
    return app.top.state["offset"]


def _glide(app):
    return getattr(app, "glide", None)  # (None on the code before kinetic scrolling)


def flick(app, start, step: int, n: int = 8, still: int = 0, lift: bool = True) -> tuple[int, int]:
    """A finger put down at ``start`` and moved ``step`` pixels down (up: < 0) a frame, ``n`` times, then held
    still ``still`` frames; lifted (``lift``) where it is, one frame later (as SDL sends a lift). Returns
    where the finger is."""
    finger_down(app, start)
    frames(app, 1)
    last = start
    for _ in range(n):
        p = (last[0], last[1] + step)
        finger_move(app, last, p)
        frames(app, 1)
        last = p
    frames(app, still)
    if lift:
        finger_up(app, last)
        frames(app, 1)
    return last


def settle(app, dt: float = 1 / 60, seconds: float = 4.0) -> None:
    for _ in range(round(seconds / dt)):
        app.step(dt)


def test_a_flick_glides_on_further_than_the_finger_went_and_comes_to_rest(build_app):
    """A finger flicked up over the brief (80 px in 8 frames, 600 px a second) scrolls it by what the finger
    went, and then the text glides on, slowing, until it stops by itself (it stopped dead as the finger
    lifted)."""
    app, rect = _brief(build_app)
    last = flick(app, (rect.centerx, rect.bottom - 20), -10, lift=False)
    dragged = _offset(app)
    assert dragged == 80  # with the finger
    finger_up(app, last)
    frames(app, 6)
    assert _offset(app) > dragged + 20  # it goes on
    settle(app)
    rest = _offset(app)
    assert rest >= 2 * dragged, rest  # (about 260 px)
    assert rest < 451  # (short of the brief's end: it slowed down and stopped by itself)
    assert _glide(app) is None
    frames(app, 30)
    assert _offset(app) == rest  # at rest


def test_a_finger_held_still_before_lifting_does_not_glide(build_app):
    """The same stroke, the finger held still a moment (0.13 s) before lifting: a drag, not a flick. The
    text stays where the finger left it."""
    app, rect = _brief(build_app)
    flick(app, (rect.centerx, rect.bottom - 20), -10, still=8)
    left = _offset(app)
    assert left == 80
    assert _glide(app) is None
    settle(app, seconds=2)
    assert _offset(app) == left


def test_a_slow_drag_does_not_glide(build_app):
    """A finger moving slowly (1 px a frame, 60 px a second) when it lifts: no glide."""
    app, rect = _brief(build_app)
    flick(app, (rect.centerx, rect.bottom - 20), -30, n=2, lift=False)  # past the slop, then slowly
    last = (rect.centerx, rect.bottom - 80)
    for _ in range(12):
        p = (last[0], last[1] - 1)
        finger_move(app, last, p)
        frames(app, 1)
        last = p
    finger_up(app, last)
    frames(app, 1)
    left = _offset(app)
    settle(app, seconds=2)
    assert _offset(app) == left


def test_a_touch_while_it_glides_stops_it_and_taps_nothing(build_app, monkeypatch):
    """A finger put on the gliding text stops it at once, and that touch is no tap (as on a phone: what is
    under the finger moves); the next tap is a tap again."""
    app, rect = _brief(build_app)
    clicks = []
    real_click = app.click
    monkeypatch.setattr(app, "click", lambda *a, **kw: (clicks.append(a), real_click(*a, **kw)))
    flick(app, (rect.centerx, rect.bottom - 20), -20)  # 1200 px a second
    frames(app, 4)
    assert _glide(app) is not None
    pos = (rect.centerx + 40, rect.centery)
    finger_down(app, pos)
    frames(app, 1)
    stopped = _offset(app)
    assert _glide(app) is None
    frames(app, 2)
    finger_move(app, pos, (pos[0] + 3, pos[1] - 2))
    frames(app, 1)
    finger_up(app, (pos[0] + 3, pos[1] - 2))
    frames(app, 30)
    assert _offset(app) == stopped  # stopped where the touch found it
    assert clicks == []  # and tapped nothing
    finger_down(app, pos)
    frames(app, 2)
    finger_up(app, pos)
    frames(app, 2)
    assert len(clicks) == 1  # a tap on the still text is a tap (as before)


def test_a_wheel_turn_or_a_key_stops_a_glide(build_app):
    app, rect = _brief(build_app)
    for event in (pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=0, flipped=False, touch=False),
                  pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LSHIFT, mod=0, unicode="", scancode=0)):
        app.top.state["offset"] = 0
        frames(app, 2)
        flick(app, (rect.centerx, rect.bottom - 20), -15)
        frames(app, 3)
        assert _glide(app) is not None
        pygame.event.post(event)
        frames(app, 1)
        stopped = _offset(app)
        frames(app, 30)
        assert _offset(app) == stopped


def test_a_glide_stops_at_the_end_of_the_text(build_app):
    """Flicked down near the top, the text glides back to its top and stops there (no further, and at once:
    nothing left drawing at the full rate for the rest of the glide)."""
    app, rect = _brief(build_app)
    app.top.state["offset"] = 150
    frames(app, 2)
    flick(app, (rect.centerx, rect.y + 20), 20, n=5)  # 100 px, 1200 px a second
    assert _offset(app) > 0
    glide = _glide(app)
    assert glide is not None
    for _ in range(60):
        if _offset(app) == 0:
            break
        frames(app, 1)
    assert _offset(app) == 0
    frames(app, 1)
    assert _glide(app) is None and app.time - glide.at < glide.ends  # stopped at the end, before it slowed down


def test_the_window_draws_at_full_rate_while_it_glides_and_idles_after(build_app):
    """A glide moves the screen by itself: the full rate while it goes (even long after the last event), and
    the idle rate once it has stopped."""
    app, rect = _brief(build_app)
    flick(app, (rect.centerx, rect.bottom - 20), -10)
    frames(app, 2)
    moving = _offset(app)
    app.last_input = app.time - 10  # (no event for a while: only the glide keeps the rate up)
    assert app.frame_rate() == FPS
    assert app.frame_interval() == 1 / FPS
    frames(app, 2)
    assert _offset(app) > moving  # (it was gliding)
    settle(app, seconds=3)
    assert _glide(app) is None
    assert app.time - app.last_input >= app.ACTIVE_S
    assert app.frame_rate() == IDLE_FPS


def _glide_from(app, rect, dt: float) -> int:
    """Flick the brief (from its top) and let it glide at ``dt`` a frame: how far it went after the lift."""
    app.top.state["offset"] = 0
    frames(app, 2)
    last = flick(app, (rect.centerx, rect.bottom - 20), -12, lift=False)  # 720 px a second
    before = _offset(app)
    finger_up(app, last)
    settle(app, dt=dt, seconds=3)
    assert _glide(app) is None
    return _offset(app) - before


def test_a_glide_goes_as_far_at_20_frames_a_second_as_at_60(build_app):
    """The window draws at varying rates: the glide follows the App's clock, not its frames."""
    app, rect = _brief(build_app)
    at_60 = _glide_from(app, rect, 1 / 60)
    at_20 = _glide_from(app, rect, 1 / 20)
    at_7 = _glide_from(app, rect, 1 / 7)
    assert at_60 > 100
    assert abs(at_60 - at_20) <= 2 and abs(at_60 - at_7) <= 2, (at_60, at_20, at_7)


def test_a_flick_over_a_long_clause_grid_glides_on_by_rows_to_its_end(build_app, tmp_path):
    """A list that scrolls by whole rows (the clause grid of Montreal at 960x600, large text: 6 issues, 4
    shown) glides on by rows: a stroke that scrolls it by a row held still before lifting, flicked, takes it
    on to its last rows, where the glide stops at once; the cell the finger landed on is not chosen."""
    from tests.ui.test_ui_leftovers_s8 import _table

    app, t = _table(build_app, tmp_path, "montreal", "960x600", True)
    rows = lambda: sorted({int(r.name.split(":")[1]) for r in t.ui.regions if r.name.startswith("cell:")})
    chosen = (t.sel_issue, list(t.compose))
    assert rows() == [0, 1, 2, 3]
    grid = t.ui.find("grid:scroll").rect
    start = (grid.centerx, grid.bottom - 10)
    flick(app, start, -12, n=6, still=10)  # 72 px, held still: a row
    frames(app, 30)
    assert rows() == [1, 2, 3, 4]
    t.grid_first = 0
    frames(app, 2)
    flick(app, start, -12, n=6)  # the same, flicked (720 px a second)
    glide = _glide(app)
    assert glide is not None
    frames(app, 30)
    assert rows() == [2, 3, 4, 5]  # its end
    assert _glide(app) is None and app.time - glide.at < glide.ends  # stopped there
    assert (t.sel_issue, list(t.compose)) == chosen


def test_a_touch_elsewhere_stops_a_glide_and_taps_as_ever(build_app, monkeypatch):
    """Only a touch on the gliding list is no tap: one beside it (a button) stops the glide and taps."""
    app, rect = _brief(build_app)
    clicks = []
    real_click = app.click
    monkeypatch.setattr(app, "click", lambda *a, **kw: (clicks.append(a[1]), real_click(*a, **kw)))
    flick(app, (rect.centerx, rect.bottom - 20), -20)
    frames(app, 3)
    assert _glide(app) is not None
    outside = (rect.x - 20, rect.centery)
    finger_down(app, outside)
    frames(app, 1)
    stopped = _offset(app)
    assert _glide(app) is None
    finger_up(app, outside)
    frames(app, 2)
    assert clicks == [outside] and _offset(app) == stopped


def test_a_touch_that_stops_a_glide_may_drag_the_list_on(build_app):
    app, rect = _brief(build_app)
    flick(app, (rect.centerx, rect.bottom - 20), -20)
    frames(app, 3)
    assert _glide(app) is not None
    pos = (rect.centerx, rect.centery)
    finger_down(app, pos)
    frames(app, 1)
    stopped = _offset(app)
    last = pos
    for _ in range(8):  # then drags it on by 40 px, and is held still before lifting
        p = (last[0], last[1] - 5)
        finger_move(app, last, p)
        frames(app, 1)
        last = p
    frames(app, 10)
    finger_up(app, last)
    frames(app, 20)
    assert _offset(app) == stopped + 40 and _glide(app) is None
