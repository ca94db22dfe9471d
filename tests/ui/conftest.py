"""Headless UI test helpers: a dummy video driver, a private data folder, and
functions that click named widgets and press keys through the real event queue."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from types import SimpleNamespace  # noqa: E402

import pytest  # noqa: E402


def make_args(**kw) -> SimpleNamespace:
    base = dict(scenario="cst-1999", role=[], seed=11, load=None, difficulty="normal", events="historical",
                gui=True, text=False, autoplay=False, screenshots=None, size="1280x720")
    base.update(kw)
    return SimpleNamespace(**base)


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("TREATY_TABLE_HOME", str(tmp_path / "home"))
    yield


@pytest.fixture
def build_app():
    from game.ui import app as appmod

    made = []

    def _build(record_text: bool = False, **kw):
        app = appmod.build(make_args(**kw), strict=True, record_text=record_text)
        made.append(app)
        app.step(1 / 60)
        return app

    yield _build
    for app in made:
        app.close()


def frames(app, n: int = 1) -> None:
    for _ in range(n):
        app.step(1 / 60)


def click(app, name: str, button: int = 1, steps: int = 2) -> None:
    """Click the widget called ``name`` on the top screen (as drawn in the last frame)."""
    import pygame

    region = app.top.ui.find(name)
    assert region is not None, f"no widget '{name}' on {app.top.name}: {app.top.ui.names()[:60]}"
    pos = region.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
    frames(app, steps)


def press(app, key: int, mod: int = 0, unicode: str = "", steps: int = 2) -> None:
    import pygame

    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0))
    frames(app, steps)


def run_until(app, cond, limit: int = 2000) -> None:
    """Step frames (skipping AI pauses) until ``cond()`` holds; fails after ``limit`` frames."""
    from game.ui.scene_table import TableScene

    for _ in range(limit):
        if cond():
            return
        table = app.find_scene(TableScene)
        if table is not None:
            table.skip = True
        app.step(1 / 60)
    raise AssertionError("condition not reached within the frame limit")
