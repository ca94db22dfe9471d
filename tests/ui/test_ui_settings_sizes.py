"""The Settings screen's window sizes follow the screen (tests/test_leftovers_s11.py has the rule)."""

from __future__ import annotations

import pygame

from ui_helpers import click, frames


def _settings(build_app, monkeypatch, desktop):
    from game.ui.scenes import SettingsScene

    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [desktop])
    app = build_app()
    frames(app, 2)
    app.push(SettingsScene(app))
    frames(app, 2)
    return app


def test_a_4k_screen_gets_the_4k_preset_and_it_resizes_the_window(build_app, monkeypatch):
    app = _settings(build_app, monkeypatch, (5120, 2880))  # (a 4K screen has no room for a 4K window and
    # its title bar: tests/ui/test_ui_hidpi_qa.py)
    for name in ("1280x720", "1920x1080", "2560x1440", "3840x2160"):
        assert app.top.ui.find(f"settings:size:{name}") is not None, name
    click(app, "settings:size:2560x1440")
    assert app.screen.get_size() == (2560, 1440) and app.settings.width == 2560


def test_a_small_screen_keeps_the_three_presets(build_app, monkeypatch):
    app = _settings(build_app, monkeypatch, (1366, 768))
    assert app.top.ui.find("settings:size:1920x1080") is not None
    assert app.top.ui.find("settings:size:2560x1440") is None
