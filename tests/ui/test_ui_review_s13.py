"""Review of session 13 (the window's first-start size): bugs found and fixed."""

from __future__ import annotations

import json

from ui_helpers import click, fake_desktop, frames, sdl_window


def _settings_path(tmp_path):
    return tmp_path / "home" / "settings.json"


def test_the_first_start_size_never_overwrites_a_size_another_window_saved(build_app, monkeypatch, tmp_path):
    """Two windows started on one data folder with no settings yet: the player picks 1600 x 900 in
    window B's Settings, then window A saves another setting (its AI speed, the hints learned). A's
    first-start size (2560 x 1440 on 4K) is not a choice of its player and must not replace B's."""
    from game.ui.settings import Settings

    fake_desktop(monkeypatch, (3840, 2160))
    a = build_app(size=None)
    assert a.settings.size == (2560, 1440)
    b = Settings.load()  # window B, started at the same time (its own first-start size as well)
    b.width, b.height = 1600, 900  # chosen in B's Settings
    assert b.save() is None
    a.settings.ai_speed = "fast"  # window A saves a setting of its own
    assert a.settings.save() is None
    saved = json.loads(_settings_path(tmp_path).read_text(encoding="utf-8"))
    assert (saved["width"], saved["height"]) == (1600, 900), saved
    assert saved["ai_speed"] == "fast"


def test_the_first_start_size_is_still_saved_when_the_file_has_none(build_app, monkeypatch, tmp_path):
    fake_desktop(monkeypatch, (3840, 2160))
    app = build_app(size=None)
    app.settings.ai_speed = "slow"
    assert app.settings.save() is None
    saved = json.loads(_settings_path(tmp_path).read_text(encoding="utf-8"))
    assert (saved["width"], saved["height"]) == (2560, 1440)
    assert build_app(size=None).screen.get_size() == (2560, 1440)


def test_a_settings_file_with_only_a_width_keeps_it(build_app, monkeypatch, tmp_path):
    """A file with a width and no height (written by hand) is no first start: its width is kept
    (the height is the default, as before), not dropped for the first-start size, and a save does
    not change the window's size at the next start."""
    fake_desktop(monkeypatch, (1920, 1080))
    _settings_path(tmp_path).parent.mkdir(parents=True, exist_ok=True)
    _settings_path(tmp_path).write_text(json.dumps({"width": 1600}), encoding="utf-8")
    app = build_app(size=None)
    assert app.screen.get_size() == (1600, 720)
    app.settings.ai_speed = "slow"
    assert app.settings.save() is None
    saved = json.loads(_settings_path(tmp_path).read_text(encoding="utf-8"))
    assert saved["width"] == 1600
    assert build_app(size=None).screen.get_size() == (1600, 720)




def test_a_window_grown_in_settings_to_the_taskbar_is_moved_up(build_app, monkeypatch):
    """A window grown in Settings whose bottom edge stays on the screen but ends in the strip a
    window leaves for a taskbar (settings.window_room: the bottom sixteenth of a 4K screen) had its
    bottom row, the moves, under the taskbar: it is moved back as one past the edge is."""
    from game.ui.scenes import SettingsScene
    from game.ui.settings import window_room

    fake_desktop(monkeypatch, (3840, 2160))
    app = build_app(size=None)
    app.push(SettingsScene(app))
    frames(app, 2)
    click(app, "settings:size:1280x720")
    sdl_window().position = (100, 1230)
    frames(app, 2)
    click(app, "settings:size:1600x900")  # 1230 + 900 = 2130: on the screen, under its taskbar
    x, y = sdl_window().position
    room = window_room((3840, 2160))
    assert app.screen.get_size() == (1600, 900)
    assert 0 <= x and x + 1600 <= room[0] and 0 <= y and y + 900 <= room[1], (x, y)
