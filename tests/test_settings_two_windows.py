"""Two game windows on one data folder: each save writes only what its own window changed.

The settings file was written whole from the window's copy of the settings, so with two windows
open a setting changed in window A was undone as soon as window B saved one of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.session.store import user_data_dir
from game.ui.settings import Settings


def _path() -> Path:
    return user_data_dir() / "settings.json"


def _file() -> dict:
    return json.loads(_path().read_text(encoding="utf-8"))


def _write(data: bytes | str) -> None:
    _path().parent.mkdir(parents=True, exist_ok=True)
    _path().write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def test_two_windows_keep_each_others_changes() -> None:
    for start in (None, {"width": 1600, "height": 900, "colour_scheme": "high-contrast"}):
        if start is not None:
            _write(json.dumps(start))
        a, b = Settings.load(), Settings.load()  # two windows, opened one after the other
        a.font_scale = "large"
        assert a.save() is None
        b.ai_speed = "fast"
        assert b.save() is None
        assert _file()["font_scale"] == "large" and _file()["ai_speed"] == "fast"
        a.fullscreen = True  # and back in window A: B's change stays too
        assert a.save() is None
        b.hints = False
        assert b.save() is None
        data = _file()
        assert (data["font_scale"], data["ai_speed"], data["fullscreen"], data["hints"]) == ("large", "fast", True,
                                                                                               False)
        if start is not None:  # what neither window changed is as it was
            assert data["colour_scheme"] == "high-contrast" and (data["width"], data["height"]) == (1600, 900)
        # a window's copy is not changed under the player's eyes: B still shows its own text size
        assert b.font_scale == "normal"
        again = Settings.load()
        assert (again.font_scale, again.ai_speed, again.fullscreen, again.hints) == ("large", "fast", True, False)
        _path().unlink()


def test_a_window_changing_a_setting_back_writes_it() -> None:
    a, b = Settings.load(), Settings.load()
    b.ai_speed = "fast"
    b.save()
    a.ai_speed = "slow"
    a.save()
    assert _file()["ai_speed"] == "slow"  # the last change made wins
    b.ai_speed = "normal"  # B changes it again: its change is written
    b.save()
    assert _file()["ai_speed"] == "normal"


def test_hints_learned_in_two_windows_are_all_kept() -> None:
    a, b = Settings.load(), Settings.load()
    a.learned.append("table")
    a.save()
    b.learned.append("lobby")
    b.save()
    a.learned.append("pass")
    a.save()
    assert _file()["learned"] == ["table", "lobby", "pass"]
    b.learned = []  # Settings: hints on again, every hint once more
    b.hints = True
    b.save()
    assert _file()["learned"] == []


def test_a_file_damaged_after_loading_is_kept_and_not_overwritten_with_changes_alone() -> None:
    _write(json.dumps({"width": 1600, "height": 900, "colour_scheme": "high-contrast"}))
    a = Settings.load()
    damaged = b'{"width": 1920, "hei'  # e.g. a crash of an editor, or a disk that filled up
    _write(damaged)
    a.ai_speed = "fast"
    assert a.save() is None
    assert (_path().parent / "settings.json.bad").read_bytes() == damaged
    data = _file()
    assert data["ai_speed"] == "fast" and (data["width"], data["height"]) == (1600, 900)
    assert set(data) >= {"width", "height", "fullscreen", "font_scale", "ai_speed", "hints", "learned",
                         "colour_scheme"}  # every setting, not the change alone


def test_a_damaged_file_is_kept_aside_once_by_two_windows() -> None:
    damaged = b"\xff\xfe not settings"
    _write(damaged)
    a, b = Settings.load(), Settings.load()
    assert a.problem and b.problem
    a.font_scale = "large"
    assert a.save() is None
    b.ai_speed = "fast"  # B's save must not take A's good file for the damaged one
    assert b.save() is None
    assert (_path().parent / "settings.json.bad").read_bytes() == damaged
    data = _file()
    assert data["font_scale"] == "large" and data["ai_speed"] == "fast"
    assert set(data) >= {"width", "height", "fullscreen", "font_scale", "ai_speed", "hints", "learned"}
    assert Settings.load().problem is None


def test_the_settings_file_is_replaced_atomically(monkeypatch) -> None:
    """A write that fails half-way (a full disk) leaves the file as it was."""
    from game.session import store

    _write(json.dumps({"font_scale": "large"}))
    s = Settings.load()
    s.ai_speed = "fast"

    def full(path, data):
        Path(str(path) + ".tmp-partial").write_bytes(data[:5])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "write_atomic", full)
    err = s.save()
    assert err and "No space left on device" in err
    assert _file() == {"font_scale": "large"}
