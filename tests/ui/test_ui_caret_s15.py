"""A text field holding the keyboard at rest (a save's name, a seed, the facilitator's news): the window
drew 30 frames a second, the whole screen each time, only so that the field's caret blinked evenly,
three times what the same screen costs without it.

The caret now costs no frames of its own at rest: the window draws at IDLE_FPS, and the frame that
toggles the caret comes at its time (``App.caret_due`` through ``App.wake_in``), toggling it at once
(``App._caret_on_time``: pygame_gui toggles it at the update after the one that completes its blink
time, a whole frame later). A key is taken within a frame of the full rate as before, and --autoplay
and --screenshots draw exactly as they did.

These tests drive the real ``App.run`` on the fake timeline of test_ui_battery_qa and read the caret
from the pixels drawn: the field's rectangle on the screen after each frame.
"""

from __future__ import annotations

import pygame
import pytest
from test_ui_battery_qa import EPS, FULL, fake, gaps, run_for
from ui_helpers import frames, seed_field

from game.ui import app as appmod


def watch(app, ft, rect: pygame.Rect) -> list[tuple[float, bytes]]:
    """Record (time, the pixels of ``rect``) after every frame the loop draws from now on."""
    seen: list[tuple[float, bytes]] = []
    real_step = app.step

    def step(dt):
        real_step(dt)
        seen.append((ft.t, pygame.image.tobytes(app.screen.subsurface(rect), "RGB")))

    app.step = step
    return seen


def toggles(seen) -> list[float]:
    """The times of the frames whose field looks different from the frame before (the caret's blinks)."""
    return [t for (_, a), (t, b) in zip(seen, seen[1:]) if a != b]


def at_rest_typing(build_app):
    """The roles screen, its seed field holding the keyboard, past ACTIVE_S: app, timeline, the
    field, its rect on the screen."""
    app = seed_field(build_app)
    ft = fake(app)
    run_for(app, ft, app.ACTIVE_S + 0.5)
    assert app.typing()
    field = app.top.entries["seed"]
    return app, ft, field, app.focused_entry_rect()


def test_a_focused_field_at_rest_draws_at_the_idle_rate(build_app):
    app, ft, _, _ = at_rest_typing(build_app)
    drawn = run_for(app, ft, 10.0)
    assert len(drawn) <= 10 * appmod.IDLE_FPS + 2  # was 300 (30 a second for the caret)
    assert max(gaps(drawn)) <= 1 / appmod.IDLE_FPS + EPS  # never less than the idle rate
    assert app.typing()


def test_the_caret_blinks_on_time_at_rest(build_app):
    app, ft, field, rect = at_rest_typing(build_app)
    seen = watch(app, ft, rect)
    run_for(app, ft, 6.0)
    looks = {px for _, px in seen}
    assert len(looks) == 2  # on and off, nothing else changes in the field
    blinks = toggles(seen)
    period = field.blink_cursor_time  # (pygame_gui's 0.4 s)
    assert len(blinks) >= 6.0 / period - 2
    for gap in gaps(blinks):  # every blink a blink time after the last, to a frame of the full rate
        assert abs(gap - period) <= FULL + EPS  # was 0.4 + 1/30 and 0.4 + 2/30, alternately


def test_the_caret_blinks_alike_at_rest_and_at_the_full_rate(build_app):
    """Leaving the full rate (ACTIVE_S after the last event) changes nothing in the caret's rhythm."""
    app = seed_field(build_app)
    ft = fake(app)
    field = app.top.entries["seed"]
    run_for(app, ft, field.cursor_blink_delay_after_moving + 0.2)  # (still on after the click)
    seen = watch(app, ft, app.focused_entry_rect())
    clock = []  # (the game's clock at each frame)
    step = app.step
    app.step = lambda dt: (step(dt), clock.append(app.time))
    run_for(app, ft, app.ACTIVE_S + 3.0)
    blinks = toggles(seen)
    calm = next(t for (t, _), game_t in zip(seen, clock) if game_t - app.last_input >= app.ACTIVE_S)
    busy = [t for t in blinks if t < calm]
    rest = [t for t in blinks if t > calm + 0.5]
    assert len(busy) >= 2 and len(rest) >= 4
    for gap in gaps(blinks):
        assert abs(gap - field.blink_cursor_time) <= FULL + EPS


@pytest.mark.parametrize("offset", [0.013, 0.05, 0.237])
def test_a_key_typed_at_rest_shows_within_a_frame(build_app, offset):
    app, ft, field, rect = at_rest_typing(build_app)
    seen = watch(app, ft, rect)
    run_for(app, ft, 1.0)
    looks = {px for _, px in seen}  # the caret on and off
    came = ft.t + offset  # (in the middle of a frame's wait)
    ft.at(came, lambda: pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="7")))
    n = len(seen)
    run_for(app, ft, 3.0)
    after = seen[n:]
    first = next(i for i, (t, _) in enumerate(after) if t >= came)
    t, px = after[first]
    assert t - came <= FULL + EPS  # taken at once
    assert field.get_text() == "7" and px not in looks  # and drawn in that frame, the caret after it
    still = [p for t2, p in after[first:] if t2 - t < field.cursor_blink_delay_after_moving]
    assert set(still) == {px}  # the caret stays on for its pause after a key
    blinks = toggles(after[first:])
    pause, period = field.cursor_blink_delay_after_moving, field.blink_cursor_time
    assert blinks and blinks[0] - t <= pause + period + FULL + EPS  # then it blinks again
    for gap in gaps(blinks):
        assert abs(gap - period) <= FULL + EPS


def test_the_caret_adds_no_frames_without_the_keyboard_or_minimised(build_app):
    """The caret keeps to the window's lower rates: another window has the keyboard, or it is hidden."""
    app, ft, _, _ = at_rest_typing(build_app)
    pygame.event.post(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    drawn = run_for(app, ft, 10.0)
    assert len(drawn) <= 10 * appmod.UNFOCUSED_FPS + 2
    pygame.event.post(pygame.event.Event(pygame.WINDOWMINIMIZED))
    drawn = run_for(app, ft, 10.0)
    assert len(drawn) <= 10 * appmod.HIDDEN_FPS + 2
    assert max(gaps(drawn)) >= 1 / appmod.HIDDEN_FPS - EPS


@pytest.mark.parametrize("how", ["autoplay", "screenshots"])
def test_autoplay_and_screenshots_draw_the_caret_as_before(build_app, tmp_path, monkeypatch, how):
    """With --autoplay or --screenshots every frame, and every blink, is as it was before: the same loop
    with the caret's timing taken out (``caret_due``, ``_caret_on_time``, ``_field_drawn_now``) draws the
    same."""
    from game.ui.scenes import SaveLoadScene

    runs = []
    for old in (False, True):
        if old:
            monkeypatch.setattr(appmod.App, "caret_due", lambda self: None, raising=False)
            monkeypatch.setattr(appmod.App, "_caret_on_time", lambda self, dt: None, raising=False)
            monkeypatch.setattr(appmod.App, "_field_drawn_now", lambda self: None, raising=False)
        app = build_app()
        if how == "autoplay":
            app.autoplay = True
        else:
            app.shots_dir = tmp_path / ("old" if old else "new")
            app.shots_dir.mkdir()
        app.push(SaveLoadScene(app, "save"))  # (it has no autoplay: it stays, its name field typed in)
        frames(app, 2)
        assert app.typing()
        ft = fake(app)
        start = ft.t
        seen = watch(app, ft, app.focused_entry_rect())
        drawn = run_for(app, ft, app.ACTIVE_S + 3.0, max_frames=1000)
        assert max(gaps(drawn)) <= FULL + EPS  # the full rate all the time
        runs.append(([round(t - start, 9) for t in drawn], [round(t - start, 9) for t in toggles(seen)]))
    assert runs[0] == runs[1]
    assert len(runs[0][1]) >= 6  # (it blinked)
