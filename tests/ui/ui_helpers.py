"""Helpers for the headless UI tests: click named widgets, press keys, run frames."""

from __future__ import annotations


def fake_desktop(monkeypatch, size) -> None:
    """SDL reports a screen of ``size`` (the dummy driver has none of its own to tell)."""
    import pygame

    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [size])


def sdl_window():
    """The display module's window (its position and size, as the window manager sees them)."""
    import warnings

    import pygame

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return pygame.Window.from_display_module()


def frames(app, n: int = 1) -> None:
    for _ in range(n):
        app.step(1 / 60)


def seated(app) -> None:
    """On a privacy screen that has only just come up (it ignores Enter for a moment, see
    PrivacyScene.SETTLE_S), let that moment pass: one frame as long as what is left of it, the
    time the next team takes to sit down."""
    from game.ui.scenes import PrivacyScene

    top = app.top
    if isinstance(top, PrivacyScene) and top.settling():
        app.step(top.SETTLE_S - top.age + 1e-6)


def click(app, name: str, button: int = 1, steps: int = 2) -> None:
    """Click the widget called ``name`` on the top screen (as drawn in the last frame); on a
    privacy screen, once the next team has sat down (``seated``)."""
    import pygame

    if name == "privacy:confirm":
        seated(app)
    region = app.top.ui.find(name)
    assert region is not None, f"no widget '{name}' on {app.top.name}: {app.top.ui.names()[:60]}"
    pos = region.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
    frames(app, steps)


def press(app, key: int, mod: int = 0, unicode: str = "", steps: int = 2) -> None:
    """Press and let go of ``key``; Enter on a privacy screen once the next team has sat down
    (``seated``: a press the moment the screen comes up is ignored, as a double press is)."""
    import pygame

    if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
        seated(app)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0))
    frames(app, steps)


def run_until(app, cond, limit: int = 2000, min_seconds: float = 60.0) -> None:
    """Step frames (skipping AI pauses) until ``cond()`` holds; fails after ``limit`` frames, but not
    before ``min_seconds`` of wall time: the AI's moves come from a worker thread, which a loaded
    machine (other processes on both cores) may starve while the frames race on. Past half the
    limit each frame also sleeps a little, to let the worker run."""
    import time

    from game.ui.scene_table import TableScene

    t0 = time.monotonic()
    n = 0
    while n < limit or time.monotonic() - t0 < min_seconds:
        if cond():
            return
        table = app.find_scene(TableScene)
        if table is not None:
            table.skip = True
        app.step(1 / 60)
        n += 1
        if n > limit // 2:
            time.sleep(0.001)
    raise AssertionError("condition not reached within the frame limit")


def to_human_turn(app, who: str | None = None, others: str = "pass", limit: int = 4000):
    """Through briefs and privacy screens (Enter), skipping AI pauses, to a human's turn at the
    table (of ``who`` if given) and return the table. Another human delegation met on the way
    ends its turn: ``others="pass"`` passes, ``"endorse"`` endorses (a harmless move that keeps
    it in the round), else passes."""
    import pygame

    from game.ui.scene_table import TableScene
    from game.ui.scenes import BriefScene, PrivacyScene

    for _ in range(limit):
        top = app.top
        if isinstance(top, (BriefScene, PrivacyScene)):
            press(app, pygame.K_RETURN)
            continue
        m = app.match
        if isinstance(top, TableScene) and m.human_to_move() and app.active_human == m.to_move \
                and (who is None or m.to_move == who):
            frames(app, 2)
            return top
        t = app.find_scene(TableScene)
        if t is not None:
            t.skip = True
        if who is not None and m.human_to_move() and m.to_move != who and isinstance(top, TableScene) \
                and app.active_human == m.to_move:
            n = len(m.actions)
            if others == "endorse":
                press(app, pygame.K_e)
            if len(m.actions) == n:
                press(app, pygame.K_p)
            continue
        app.step(1 / 60)
    raise AssertionError("no human turn")


def finish_game(app):
    """Play the app's match to its end (humans' turns ended by the facilitator's end-phase,
    the chair putting the newest draft to signature) and return the results screen, with a
    short AI cloud so tests stay fast."""
    from game.engine import actions as A
    from game.session import facilitator as F
    from game.ui.scene_results import CloudBuilder, ResultsScene

    m = app.match
    while not m.over:
        if m.state.phase == "signing" and m.state.on_table is None:
            if m.human_to_move():
                m.submit(A.PutToSignature(m.to_move, draft=m.state.drafts[-1].id))
            else:
                m.step_ai()
            continue
        F.end_phase(m)
    run_until(app, lambda: isinstance(app.top, ResultsScene), limit=400)
    res = app.top
    res.cloud = CloudBuilder(m, runs=3)
    return res


def break_table_once(monkeypatch) -> dict:
    """The table's next frame raises ZeroDivisionError once (in ``draw_actions``), then draws as
    before: a screen that fails, for the crash-report tests. Returns the call counter: setting
    its ``"n"`` back to 0 makes the next frame fail again."""
    from game.ui.scene_table import TableScene

    calls = {"n": 0}
    real = TableScene.draw_actions

    def broken(self, *a, **kw):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ZeroDivisionError("a screen divided by zero")
        return real(self, *a, **kw)

    monkeypatch.setattr(TableScene, "draw_actions", broken)
    return calls


def to_privacy(app, who: str | None = None, limit: int = 4000):
    """Step (skipping AI pauses, through the opening briefs) until a privacy screen is on top."""
    import pygame

    from game.ui.scene_table import TableScene
    from game.ui.scenes import BriefScene, PrivacyScene

    for _ in range(limit):
        top = app.top
        if isinstance(top, PrivacyScene) and (who is None or top.actor_id == who):
            return top
        if isinstance(top, (BriefScene, PrivacyScene)):
            press(app, pygame.K_RETURN)
            continue
        t = app.find_scene(TableScene)
        if t is not None:
            t.skip = True
        app.step(1 / 60)
    raise AssertionError("no privacy screen")


def seed_field(build_app):
    """A new app on the roles screen, its seed field empty and holding the keyboard (clicked)."""
    import pygame

    from game.ui.scenes import RolesScene, ScenarioScene

    app = build_app()
    app.push(ScenarioScene(app))
    app.push(RolesScene(app, app.top.scenario))
    frames(app, 2)
    app.top.set_entry_text("seed", "")  # (the --seed of the tests' app)
    rect = app.top.entries["seed"].rect
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rect.center, button=1, touch=False))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=rect.center, button=1, touch=False))
    frames(app, 2)
    assert app.typing()
    return app


def takeback_lines_on_results(build_app, m) -> list[tuple[str, str]]:
    """Play the tutorial match ``m`` (Brisa's person's seat) to its end, people passing and then
    signing, show its results' roles page, and return each (role, take-back line) it asked for."""
    import pygame

    from game.engine import actions as A
    from game.ui.scene_results import ResultsScene

    while not m.over:
        m.run_ai()
        if not m.over:
            m.submit(A.Pass(m.to_move) if m.state.phase != "signing" else A.Sign(m.to_move, True))
    app = build_app(role=["brisa"], scenario="tutorial")
    app.match = m
    app.reset(ResultsScene(app))
    scene = app.top
    lines: list[tuple[str, str]] = []
    real = scene.takeback_line
    scene.takeback_line = lambda r: lines.append((r.id, real(r))) or real(r)
    frames(app, 3)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_2, mod=0, unicode="2"))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_2, mod=0, unicode="2"))
    frames(app, 4)  # the roles page asks for the line of the role shown
    return lines


def to_my_turn(app):
    """Past the briefs (closed, not read) and the AI's pauses to the turn of the delegation whose
    screen is up, and return the table."""
    from game.ui.scene_table import TableScene

    for _ in range(4000):
        table = app.find_scene(TableScene)
        if table is not None:
            table.skip = True
        while app.top is not table and app.top is not None and len(app.scenes) > 1:
            app.pop(app.top)  # the briefs
        app.step(1 / 60)
        m = app.match
        if m is not None and m.human_to_move() and app.active_human == m.to_move and app.top is table:
            return table
    raise AssertionError("the person's turn never came")


def typed(app, text: str) -> None:
    """Type ``text`` into the field that has the keyboard, as SDL delivers it (a line break: Enter)."""
    import pygame

    for ch in text:
        if ch == "\n":
            press(app, pygame.K_RETURN, unicode="\r", steps=0)
        else:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    frames(app, 2)
