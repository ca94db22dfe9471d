"""The AI's moves are computed off the frame loop (game/ui/ai_runner.py): the window plays
exactly the game ``Match.run_ai`` plays, a frame never waits for the AI, and a result
computed for a state the match has left is never applied."""

from __future__ import annotations

import threading

import pygame
import pytest
from ui_helpers import frames, run_until, seated

from game.engine import Options
from game.scenarios.loader import load_scenario
from game.session.crash import fallback_action
from game.session.match import Match
from game.ui.scene_table import TableScene
from game.ui.scenes import ErrorScene, PrivacyScene


def _match(seed: int, humans=()) -> Match:
    sc = load_scenario("cst-1999")
    return Match(sc, seed=seed, options=Options(events="historical"), seats={h: "human" for h in humans})


def _reference(seed: int, humans=()) -> list[dict]:
    """The game as Match.run_ai plays it; humans make the fallback move (pass, or decline)."""
    m = _match(seed, humans)
    while not m.over:
        m.run_ai()
        if m.human_to_move():
            assert m.submit(fallback_action(m)).rejected is None
    return [a.to_dict() for a in m.actions]


def _play_in_window(app, m: Match, limit: int = 6000) -> None:
    """Frames until the game ends: the AI moves through the window's path (paused and skipped
    pauses in turn), the humans at the table make the fallback move."""
    for n in range(limit):
        if m.over:
            return
        if isinstance(app.top, PrivacyScene):
            app.top.confirm()
        t = app.top
        assert isinstance(t, TableScene), app.top
        if m.human_to_move() and t.me() is not None and t.vm is not None and t.vm.viewer == m.to_move:
            assert t.submit(fallback_action(m))
        elif n % 7 < 3:
            t.skip = True  # Space: every move that is ready
        else:
            t.ai_timer = 99.0  # the pause is over: one move when it is ready
        app.step(1 / 60)
    raise AssertionError("the game did not end within the frame limit")


@pytest.mark.parametrize("seed,humans", [(3, ()), (8, ("georgia",)), (5, ("russia", "belarus"))])
def test_the_window_plays_the_game_run_ai_plays(build_app, seed, humans):
    app = build_app()
    m = _match(seed, humans)
    app.start_match(m, show_briefs=False)
    _play_in_window(app, m)
    assert [a.to_dict() for a in m.actions] == _reference(seed, humans)


def _blocking_ai(monkeypatch):
    """Match.ai_action waits for ``gate`` (at most 20 s); ``entered`` is set while it waits."""
    real = Match.ai_action
    gate, entered = threading.Event(), threading.Event()

    def slow(self):
        entered.set()
        gate.wait(20)
        return real(self)

    monkeypatch.setattr(Match, "ai_action", slow)
    return gate, entered


def test_a_frame_never_waits_for_the_ai(build_app, monkeypatch):
    gate, entered = _blocking_ai(monkeypatch)
    app = build_app()
    m = _match(2)
    app.start_match(m, show_briefs=False)
    t = app.top
    frames(app, 3)
    assert entered.wait(10)  # the worker is inside the AI's decision
    n, state = len(m.actions), m.state
    for _ in range(30):  # these frames run while the decision is stuck
        t.skip = True
        app.step(1 / 60)
    assert len(m.actions) == n and m.state is state and t.frames >= 30
    assert not gate.is_set()
    gate.set()
    run_until(app, lambda: len(m.actions) > n)


def test_the_thinking_dots_show_while_a_slow_move_is_computed(build_app, monkeypatch):
    gate, entered = _blocking_ai(monkeypatch)
    app = build_app(record_text=True)
    m = _match(2)
    app.start_match(m, show_briefs=False)
    t = app.top
    frames(app, 2)
    assert entered.wait(10)
    t.ai_task.busy_since -= 1.0  # as if the decision had taken a second already
    t.skip = True
    frames(app, 2)
    assert "ai:thinking" in t.ui.names()
    dots = t.ui.find("ai:thinking").rect
    assert not any(dots.colliderect(r) for _, r in app.text_rects)  # beside the status line, not over it
    assert app.screen.get_rect().contains(dots)
    gate.set()


def test_a_result_for_a_state_the_match_left_is_dropped(build_app):
    """The worker has the next move ready; a move made meanwhile (here a human-style pass
    entered directly) makes it stale: the AI moves again from the new state."""
    app = build_app()
    m = _match(4)
    app.start_match(m, show_briefs=False)
    t = app.top
    t.ai_timer = -1e9  # hold the AI
    frames(app, 2)
    task = t.ai_task
    assert task is not None and task.wait(10) and task.ready() and not m.actions
    # the match moves on without it
    assert m.submit(fallback_action(m)).rejected is None
    by_hand = m.actions[-1]
    assert not task.valid_for(m) and task.pop(m) is None and len(m.actions) == 1
    _play_in_window(app, m)
    # the reference: the same move first, then run_ai
    ref = _match(4)
    assert ref.submit(by_hand).rejected is None
    ref.run_ai()
    assert [a.to_dict() for a in m.actions] == [a.to_dict() for a in ref.actions]


def test_loading_another_game_while_the_ai_computes(build_app, monkeypatch):
    gate, entered = _blocking_ai(monkeypatch)
    app = build_app()
    first = _match(6)
    app.start_match(first, show_briefs=False)
    frames(app, 3)
    assert entered.wait(10)
    before = (first.state, list(first.actions))
    second = _match(7)
    app.start_match(second, show_briefs=False)  # as the load screen does
    gate.set()
    monkeypatch.undo()
    _play_in_window(app, second)
    assert (first.state, first.actions) == before  # the stale result never reached the old match
    assert [a.to_dict() for a in second.actions] == _reference(7)


def test_closing_the_window_while_the_ai_computes(build_app, monkeypatch):
    gate, entered = _blocking_ai(monkeypatch)
    app = build_app()
    m = _match(6)
    app.start_match(m, show_briefs=False)
    frames(app, 3)
    assert entered.wait(10)
    state = m.state
    worker = app.ai._thread
    app.close()  # does not wait for the stuck decision beyond a short join
    gate.set()
    worker.join(20)
    assert not worker.is_alive() and m.state is state


def test_a_crash_in_the_worker_itself_is_reported(monkeypatch):
    """A bug in the worker (not in an AI turn) reaches the loop's crash handling instead of
    leaving the table waiting forever."""
    from conftest import make_args

    from game.ui import ai_runner
    from game.ui import app as appmod

    def broken(self):
        raise MemoryError("the worker broke")

    monkeypatch.setattr(ai_runner.AITask, "_step", broken)
    app = appmod.build(make_args(), strict=False, record_text=True)
    try:
        app.start_match(_match(2), show_briefs=False)
        run_until(app, lambda: isinstance(app.top, ErrorScene), limit=600)
        assert "AI worker has stopped" in str(app.top.exc)
    finally:
        app.close()


def test_hotseat_privacy_screens_stop_the_ai(build_app):
    """Two humans at one keyboard: the worker never computes a human's move, and the privacy
    screen still comes between the delegations."""
    app = build_app()
    m = _match(5, ("russia", "belarus"))
    app.start_match(m, show_briefs=False)
    run_until(app, lambda: isinstance(app.top, PrivacyScene))
    t = app.find_scene(TableScene)
    assert m.human_to_move()
    task = t.ai_task
    assert task is None or not task.valid_for(m) or not task.ready()
    n = len(m.actions)
    frames(app, 20)
    assert len(m.actions) == n  # nobody moves for the human behind the privacy screen
    assert isinstance(app.top, PrivacyScene)
    seated(app)  # (the screen ignores Enter for its first moment)
    assert len(m.actions) == n
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
    frames(app, 2)
    assert app.top is t


def _screen(app):
    return pygame.image.tobytes(app.screen, "RGB")


@pytest.mark.parametrize("size,scale,summit", [((1280, 720), "normal", False), ((1920, 1080), "large", False),
                                               ((1280, 720), "normal", True)])
def test_kept_cards_and_grid_look_exactly_as_drawn_afresh(build_app, size, scale, summit):
    """Name cards and the clause grid are kept as pictures while unchanged (widgets.Layers): the
    frame is pixel for pixel the one drawn afresh, with the same hit regions and tooltips."""
    app = build_app(size=f"{size[0]}x{size[1]}")
    if scale == "large":
        app.settings.font_scale = "large"
        app.rescale(rebuild_gui=True)
    m = _match(9)
    app.start_match(m, show_briefs=False)
    t = app.top
    run_until(app, lambda: len(m.actions) >= 25 if not summit else m.state.phase == "signing"
              and any(s in (0, 1) for s in m.state.signatures))
    t.ai_timer = -1e9  # hold the AI: no move between the frames compared
    t.skip = False
    t.sel_actor = m.game.model.actor_ids[1]
    frames(app, 60)  # animations over (a draft slides in for 0.6 s), pictures kept
    assert not any(app.time - start < 0.6 for start, _ in t.anims.values())
    kept = _screen(app), [(r.name, tuple(r.rect), r.tooltip) for r in t.ui.regions]
    t.layers.clear()
    frames(app)
    fresh = _screen(app), [(r.name, tuple(r.rect), r.tooltip) for r in t.ui.regions]
    assert kept[1] == fresh[1]
    assert kept[0] == fresh[0]
    # a change of what a card shows draws it again
    t.sel_actor = m.game.model.actor_ids[2]
    frames(app)
    changed = _screen(app)
    t.layers.clear()
    frames(app)
    assert changed == _screen(app)


def test_undo_on_the_facilitator_screen_while_a_move_is_ready(build_app):
    """The facilitator takes a move back while the worker has the next one ready: that move
    belongs to the abandoned state and is dropped; play resumes from the undone game exactly as
    run_ai would play it."""
    from game.session import facilitator as F
    from game.ui.scene_facilitator import FacilitatorScene

    app = build_app(role=["georgia"], facilitator=True, seed=6)
    t = app.find_scene(FacilitatorScene)
    assert t is not None
    run_until(app, lambda: app.match.human_to_move())
    assert t.submit(fallback_action(app.match))  # Georgia passes at the facilitator's keyboard
    assert not app.match.human_to_move()
    t.ai_timer = -1e9  # hold the AI
    t.skip = False
    frames(app, 2)
    task = t.ai_task
    assert task is not None and task.wait(10) and task.ready()
    old = app.match
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F4, mod=0, unicode="", scancode=0))
    frames(app, 2)
    assert t.paused and app.match is not old and not task.valid_for(app.match)
    undone = [a.to_dict() for a in app.match.actions]
    assert undone == [a.to_dict() for a in old.actions[:-1]]
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F2, mod=0, unicode="", scancode=0))
    frames(app, 2)
    assert not t.paused and app.match.human_to_move()  # Georgia's move was the one taken back
    assert t.submit(fallback_action(app.match))
    run_until(app, lambda: app.match.human_to_move() or app.match.over)
    from game.engine import actions as A

    ref = _match(6, ("georgia",))
    for record in undone:
        assert ref.submit(A.from_dict(record)).rejected is None
    assert ref.submit(fallback_action(ref)).rejected is None
    ref.run_ai()
    assert len(ref.actions) > len(undone) + 1
    assert [a.to_dict() for a in app.match.actions] == [a.to_dict() for a in ref.actions]
    assert F.record_of(app.match) is not None
