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

    def _build(record_text: bool = False, strict: bool = True, **kw):
        app = appmod.build(make_args(**kw), strict=strict, record_text=record_text)
        made.append(app)
        app.step(1 / 60)
        return app

    yield _build
    for app in made:
        app.close()
