"""QA, a student's old laptop on battery: the window drew 60 frames a second all the time, at the
title, at the table while the person read, on the results, minimised, hidden or without focus.

``App.run`` now draws at the full rate only while something moves or changes (input in the last
ACTIVE_S, an animation, the AI's moves, a finger down), at IDLE_FPS when nothing does (a text field's
caret blinking too: test_ui_caret_s15), UNFOCUSED_FPS without focus and HIDDEN_FPS minimised or hidden;
an event is taken within a frame of the full rate at any rate.

These tests drive the real ``App.run`` on a fake timeline (the loop's ``clock``, ``now`` and
``sleep``): they count the frames drawn and the times they were asked for, never wall time.
"""

from __future__ import annotations

import pygame
import pytest
from ui_helpers import frames, seed_field, to_human_turn

from game.ui import app as appmod

FULL = 1 / appmod.FPS
EPS = 1e-6


class FakeTime:
    """A timeline for ``App.run``: ``pygame.time.Clock.tick`` (waits to the frame rate asked for, returns
    the milliseconds since the last tick), the loop's ``now`` and ``sleep``. Nothing really waits;
    ``at(t, fn)`` runs ``fn`` when the timeline reaches ``t`` (an event arriving mid-sleep)."""

    def __init__(self):
        self.t = 1000.0
        self.last = None
        self.ticks: list[float] = []  # the time of every frame (tick asked for by the loop)
        self.asked: list[int] = []  # the frame rate each tick asked for
        self.due: list[tuple[float, object]] = []

    def now(self) -> float:
        return self.t

    def sleep(self, s: float) -> None:
        self.advance(max(0.0, s))

    def advance(self, s: float) -> None:
        end = self.t + s
        while True:
            ready = sorted((d for d in self.due if d[0] <= end), key=lambda d: d[0])
            if not ready:
                break
            when, fn = ready[0]
            self.due.remove(ready[0])
            self.t = max(self.t, when)
            fn()
        self.t = max(self.t, end)  # (a callback may have jumped further: a suspend)

    def tick(self, fps: int = 0) -> float:
        if self.last is not None and fps and self.t - self.last < 1 / fps:
            self.advance(1 / fps - (self.t - self.last))
        ms = 0.0 if self.last is None else (self.t - self.last) * 1000
        self.last = self.t
        self.ticks.append(self.t)
        self.asked.append(fps)
        return ms

    def at(self, t: float, fn) -> None:
        self.due.append((t, fn))


def fake(app) -> FakeTime:
    ft = FakeTime()
    app.clock = ft
    app.now = ft.now
    app.sleep = ft.sleep
    return ft


def run_for(app, ft: FakeTime, seconds: float, max_frames: int = 5000) -> list[float]:
    """The real loop for ``seconds`` of the fake timeline; the times of the frames drawn meanwhile."""
    start = ft.t
    n = len(ft.ticks)
    ft.at(start + seconds, lambda: setattr(app, "running", False))
    app.run(max_frames=max_frames)
    app.running = True
    ft.due = [d for d in ft.due if d[0] > ft.t]
    return [t for t in ft.ticks[n:] if t <= start + seconds + EPS]


def gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in zip(times, times[1:])]


def post(kind, **kw):
    return lambda: pygame.event.post(pygame.event.Event(kind, **kw))


def test_the_title_at_rest_draws_at_the_idle_rate(build_app):
    app = build_app()
    ft = fake(app)
    run_for(app, ft, app.ACTIVE_S + 0.5)  # (the first moments count as input)
    drawn = run_for(app, ft, 10.0)
    assert len(drawn) <= 10 * appmod.IDLE_FPS + 2  # was 600
    assert len(drawn) >= 10 * appmod.IDLE_FPS - 2  # still drawn (the game's clock goes on)
    assert max(gaps(drawn)) <= 1 / appmod.IDLE_FPS + EPS
    assert app.running and app.top.name == "title"


def test_a_persons_turn_at_the_table_draws_at_the_idle_rate(build_app):
    app = build_app(role=["georgia"], seed=5)
    table = to_human_turn(app)
    ft = fake(app)
    run_for(app, ft, app.ACTIVE_S + 1.0)
    assert table.settled() and app.match.human_to_move()
    before = app.time
    drawn = run_for(app, ft, 10.0)
    assert len(drawn) <= 10 * appmod.IDLE_FPS + 2  # was 600, the person reading
    assert app.time - before == pytest.approx(10.0, abs=0.1)  # the game's clock keeps time


def test_an_event_is_taken_within_a_frame_and_brings_back_the_full_rate(build_app):
    app = build_app()
    ft = fake(app)
    run_for(app, ft, app.ACTIVE_S + 0.5)
    t0 = ft.t
    came = t0 + 1.0 + 0.37 / appmod.IDLE_FPS  # in the middle of an idle frame's wait
    ft.at(came, post(pygame.MOUSEMOTION, pos=(300, 200), rel=(1, 1), buttons=(0, 0, 0)))
    drawn = run_for(app, ft, 4.0)
    quiet = [t for t in drawn if t < came]
    assert min(gaps(quiet)) >= 1 / appmod.IDLE_FPS - EPS  # at rest before it (was 1/60)
    first = next(t for t in drawn if t >= came)
    assert first - came <= FULL + EPS  # taken at once: no more than a frame at the full rate
    assert app.mouse_pos == (300, 200)
    busy = [t for t in drawn if first <= t < came + app.ACTIVE_S - FULL]
    assert max(gaps(busy)) <= FULL + EPS  # the full rate while the person is at it (a tooltip in 0.35 s)
    later = [t for t in drawn if t > came + app.ACTIVE_S + 0.2]
    assert later and min(gaps(later)) >= 1 / appmod.IDLE_FPS - EPS  # and at rest again after


@pytest.mark.parametrize("how", ["minimised", "hidden"])
def test_minimised_or_hidden_draws_a_very_low_rate_and_comes_back_at_once(build_app, how):
    app = build_app(role=["georgia"], seed=5)
    to_human_turn(app)
    ft = fake(app)
    run_for(app, ft, 0.5)
    kind = pygame.WINDOWMINIMIZED if how == "minimised" else pygame.WINDOWHIDDEN
    pygame.event.post(pygame.event.Event(kind))
    pygame.event.post(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    drawn = run_for(app, ft, 10.0)
    assert len(drawn) <= 10 * appmod.HIDDEN_FPS + 2  # was 600
    assert app.window_hidden and not app.window_focused
    back = ft.t + 0.3
    ft.at(back, post(pygame.WINDOWRESTORED if how == "minimised" else pygame.WINDOWSHOWN))
    ft.at(back, post(pygame.WINDOWFOCUSGAINED))
    drawn = run_for(app, ft, 2.0)
    first = next(t for t in drawn if t >= back)
    assert first - back <= FULL + EPS  # drawn again at once
    assert not app.window_hidden and app.window_focused
    assert max(gaps([t for t in drawn if t >= first])) <= FULL + EPS


def test_without_focus_the_window_draws_less_still(build_app):
    app = build_app()
    ft = fake(app)
    run_for(app, ft, app.ACTIVE_S + 0.5)
    pygame.event.post(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    drawn = run_for(app, ft, 10.0)
    assert len(drawn) <= 10 * appmod.UNFOCUSED_FPS + 2  # was 600


def test_a_resumed_laptop_moves_the_games_clock_a_little(build_app):
    """A huge dt after a suspend, at rest and minimised: the game's clock moves by a frame's worth."""
    app = build_app(role=["georgia"], seed=5)
    to_human_turn(app)
    ft = fake(app)
    run_for(app, ft, app.ACTIVE_S + 0.5)
    for hidden in (False, True):
        app.window_hidden = hidden
        run_for(app, ft, 1.0)
        before, start = app.time, ft.t
        ft.at(start + 0.01, lambda: ft.advance(3 * 3600))  # the lid closed for three hours, mid-wait
        ft.at(start + 3 * 3600 + 1.0, lambda: setattr(app, "running", False))
        app.run(max_frames=1000)
        app.running = True
        cap = max(app.MAX_DT, 1.5 / (appmod.HIDDEN_FPS if hidden else appmod.IDLE_FPS))
        assert app.time - before <= 1.0 + cap + 0.02
        assert app.running and app.match.human_to_move() and app.top is not None


def test_a_stop_signal_while_at_rest_ends_the_loop_within_a_frame(build_app):
    import signal

    app = build_app()
    ft = fake(app)
    run_for(app, ft, app.ACTIVE_S + 0.5)
    came = ft.t + 0.4 + 0.5 / appmod.IDLE_FPS
    ft.at(came, lambda: setattr(app, "stop_signal", signal.SIGTERM))
    n = len(ft.ticks)
    code = app.run(max_frames=500)
    assert code == 128 + signal.SIGTERM and not app.running
    assert ft.t - came <= FULL + EPS  # not after the idle frame's whole wait
    assert len(ft.ticks) - n <= 0.5 * appmod.IDLE_FPS + 2  # (at rest until then)


def test_a_focused_text_field_blinks_its_caret_at_a_steady_rate(build_app):
    app = seed_field(build_app)
    ft = fake(app)
    run_for(app, ft, app.ACTIVE_S + 0.5)
    assert app.typing()
    drawn = run_for(app, ft, 4.0)
    assert 4 * appmod.IDLE_FPS - 2 <= len(drawn) <= 4 * appmod.IDLE_FPS + 2  # was 240, then 120 (30 a
    # second for the caret's blinks; test_ui_caret_s15 has them on time at this rate)
    app.unfocus_entries()
    drawn = run_for(app, ft, 4.0)
    assert len(drawn) <= 4 * appmod.IDLE_FPS + 2


def test_a_finger_held_keeps_the_full_rate_and_its_long_press_comes_on_time(build_app):
    app = build_app(role=["georgia"], seed=5)
    table = to_human_turn(app)
    ft = fake(app)
    run_for(app, ft, app.ACTIVE_S + 0.5)
    card = next(r for r in table.ui.regions if r.on_right is not None)  # a name card: held, it is chosen
    down = ft.t + 0.2
    ft.at(down, post(pygame.MOUSEBUTTONDOWN, pos=card.rect.center, button=1, touch=True))
    drawn = run_for(app, ft, app.ACTIVE_S + 1.5)
    held = [t for t in drawn if t >= down]
    assert max(gaps(held)) <= FULL + EPS  # the full rate for as long as it is down (past ACTIVE_S)
    assert app.press is not None and not app.press.pending  # the long press came (it is still down)


def test_the_ai_moves_at_its_pace_and_its_animations_at_the_full_rate(build_app):
    from game.ui.app import GameSetup, _new_match

    app = build_app()
    app.settings.ai_speed = "normal"
    app.start_match(_new_match(GameSetup(humans=[], seed=3)), show_briefs=False)
    frames(app, 2)
    table = app.top
    ft = fake(app)
    seen = []
    real_step = app.step

    def step(dt):
        real_step(dt)
        seen.append((ft.t, table.settled(), len(app.match.actions), table.ai_timer))

    app.step = step
    run_for(app, ft, app.ACTIVE_S + 0.1)
    seen.clear()
    n0 = len(app.match.actions)
    run_for(app, ft, 8.0)
    moves = len(app.match.actions) - n0
    pause = table.ai_pause()
    assert moves >= 0.6 * 8.0 / pause  # the AI's pace is kept (about one move a pause)
    for (t, settled, _, _), (t2, _, _, _) in zip(seen, seen[1:]):
        if not settled:  # a draft flying, a stamp coming down: every frame of it
            assert t2 - t <= FULL + EPS
    waits = gaps([s[0] for s in seen])
    assert max(waits) <= 1 / appmod.IDLE_FPS + EPS  # never less than the idle rate
    # the frames that took a move came when its pause ended, not up to an idle frame later
    for (t, _, n, timer), (t2, _, n2, _) in zip(seen, seen[1:]):
        if n2 > n:
            assert t2 - t <= max(FULL, pause - timer) + EPS
    assert len(seen) < 0.9 * 8.0 * appmod.FPS or moves == 0  # less than the full rate all the time


def test_autoplay_and_screenshots_keep_the_full_rate(build_app):
    app = build_app()
    app.autoplay = True
    ft = fake(app)
    drawn = run_for(app, ft, app.ACTIVE_S + 2.0, max_frames=100)
    assert max(gaps(drawn)) <= FULL + EPS


def test_minimised_while_the_ai_plays_it_keeps_its_pace_drawing_little(build_app):
    from game.ui.app import GameSetup, _new_match

    app = build_app()
    app.settings.ai_speed = "slow"  # (a second between moves: two frames of the hidden rate)
    app.start_match(_new_match(GameSetup(humans=[], seed=3)), show_briefs=False)
    frames(app, 2)
    ft = fake(app)
    run_for(app, ft, 1.0)
    pygame.event.post(pygame.event.Event(pygame.WINDOWMINIMIZED))
    run_for(app, ft, 0.5)
    n0 = len(app.match.actions)
    drawn = run_for(app, ft, 20.0)
    pause = app.top.ai_pause()
    assert len(drawn) <= 20 * (appmod.HIDDEN_FPS + 2 / pause) + 5  # was 1200 (a frame at each pause end,
    # and one a tenth of a second while a move is still being computed then)
    assert len(app.match.actions) - n0 >= 0.6 * 20 / pause  # the game goes on at its pace
