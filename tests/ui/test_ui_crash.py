"""The game survives its own faults: a failing AI turn or screen is caught at the top of the loop,
the game is autosaved, the traceback goes to a log file, and the player sees where it is."""

from __future__ import annotations

import pygame
import pytest

from ui_helpers import break_table_once, click, frames, run_until
from game.session.store import AutosaveSlots, user_data_dir
from game.ui.scene_table import TableScene
from game.ui.scenes import ErrorScene, TitleScene


@pytest.fixture
def lenient_app(build_app):
    """The app as players run it (strict=False: faults are caught, not raised)."""
    return lambda **kw: build_app(record_text=True, strict=False, **kw)


def _logs():
    return sorted((user_data_dir() / "logs").glob("crash-*.log"))


def _drawn_in_pieces(text: str, recorded) -> bool:
    """Whether ``text`` is drawn whole or as lines that, put together, are it (a long path wraps
    over two lines, or more in a long temp folder: a line each way is not enough)."""
    pieces = [r for r in recorded if r and r in text]
    ends = {0}
    for i in range(len(text)):
        if i in ends:
            ends.update(i + len(p) for p in pieces if text.startswith(p, i))
    return len(text) in ends


def test_a_failing_ai_turn_is_reported_and_the_game_goes_on(lenient_app, monkeypatch):
    from game.session.match import Match

    app = lenient_app(role=["georgia"], seed=5)
    click(app, "brief:done")
    run_until(app, lambda: app.match.human_to_move())
    real = Match.ai_action
    calls = {"n": 0}

    def flaky(self):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("the AI tripped over a wire")
        return real(self)

    monkeypatch.setattr(Match, "ai_action", flaky)
    n_autosaves = len(AutosaveSlots(user_data_dir() / "autosaves").entries())
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_p, mod=0, unicode="p", scancode=0))
    run_until(app, lambda: isinstance(app.top, ErrorScene), limit=400)
    err = app.top
    failed = err.ai_actor
    assert failed and failed != "georgia"
    # the log has the traceback; the screen names its path; the game was autosaved
    logs = _logs()
    assert len(logs) == 1
    text = logs[0].read_text(encoding="utf-8")
    assert "the AI tripped over a wire" in text and "Traceback" in text and "flaky" in text
    assert f"to move: {failed}" in text
    frames(app)
    path = str(logs[0])  # whole, or broken after a "/" or "-" of its own on a long temp folder
    assert _drawn_in_pieces(path, app.recorded), path
    assert len(AutosaveSlots(user_data_dir() / "autosaves").entries()) > n_autosaves
    assert app.running
    # carry on: that seat passes, and the game plays on to the human's next turn
    n = len(app.match.actions)
    click(app, "error:continue")
    assert isinstance(app.top, TableScene)
    assert app.match.actions[n].actor == failed and app.match.actions[n].kind == "pass"
    run_until(app, lambda: app.match.human_to_move())
    assert len(_logs()) == 1


def test_a_failing_screen_is_reported_and_the_title_resumes_the_game(lenient_app, monkeypatch):
    app = lenient_app(role=["georgia"], seed=6)
    click(app, "brief:done")
    run_until(app, lambda: app.match.human_to_move())
    n = len(app.match.actions)
    calls = break_table_once(monkeypatch)
    frames(app, 2)
    assert isinstance(app.top, ErrorScene) and app.top.ai_actor is None
    assert "ZeroDivisionError" in _logs()[0].read_text(encoding="utf-8")
    assert any("Something went wrong" in s for s in app.recorded)
    # carry on: the screen draws again (the fault was once)
    click(app, "error:continue")
    frames(app, 2)
    assert isinstance(app.top, TableScene)
    # a second fault, and this time back to the title, which offers to resume the game
    calls["n"] = 0
    frames(app, 2)
    assert isinstance(app.top, ErrorScene)
    click(app, "error:title")
    assert isinstance(app.top, TitleScene) and app.match is None
    assert app.top.resume_info is not None
    click(app, "title:resume")
    assert isinstance(app.top, TableScene) and len(app.match.actions) == n


def test_the_error_screen_failing_too_falls_back_to_the_title(lenient_app, monkeypatch):
    app = lenient_app(role=["georgia"], seed=6)
    monkeypatch.setattr(ErrorScene, "draw", lambda self, surf: 1 / 0)
    monkeypatch.setattr(TableScene, "draw_actions", lambda self, *a: [][1])
    click(app, "brief:done", steps=4)
    assert isinstance(app.top, TitleScene)
    assert len(_logs()) >= 2 and app.running
